package content

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
)

// The rules in this file are the ones JSON Schema cannot state: they need
// the country table, or they are editorial policy. They run on blueprints
// the schema accepted; a draft gets every one of them, with the rules that
// only say the draft is unfinished as warnings.

// checkBlueprint applies the rules beyond the schema to one blueprint.
// minSources is site.yaml's min_sources.
func checkBlueprint(doc *Document, countries *geo.Table, minSources int, diags *diag.List) {
	bp := doc.Blueprint
	// unfinished reports what a draft may still lack: an error once the
	// blueprint is published, a warning while it is a draft.
	unfinished := func(pos diag.Pos, format string, args ...any) {
		if bp.Draft {
			diags.Warnf(pos, format+" (allowed while it is a draft)", args...)
			return
		}
		diags.Errorf(pos, format, args...)
	}
	for i, code := range bp.Countries {
		if code == "global" {
			continue
		}
		if _, ok := countries.Lookup(code); ok {
			continue
		}
		msg := fmt.Sprintf("countries[%d]: %q is not an ISO 3166-1 alpha-2 country code", i, code)
		if best := suggestCountry(countries, code); best != "" {
			msg += fmt.Sprintf("; did you mean %q?", best)
		}
		diags.Errorf(doc.FieldPos(fmt.Sprintf("/countries/%d", i)), "%s", msg)
	}
	if n := len(bp.Sources); minSources > 0 && n < minSources {
		unfinished(doc.FieldPos("/sources"), "sources: %d cited, at least %d needed; list the reports, articles or pages the facts come from", n, minSources)
	}
	for i, s := range bp.Sources {
		ptr := fmt.Sprintf("/sources/%d", i)
		switch problem := webAddressProblem(s.URL); {
		case problem == "":
		case exampleAddress(s.URL):
			// Test sites and generated corpora use them on purpose; for a
			// skeleton left unfinished, the warning is enough to see it.
			diags.Warnf(doc.FieldPos(ptr+"/url"), "sources[%d].url: %q %s", i, diag.Excerpt(s.URL), problem)
		default:
			unfinished(doc.FieldPos(ptr+"/url"), "sources[%d].url: %q %s", i, diag.Excerpt(s.URL), problem)
		}
		if placeholder(s.Title) {
			unfinished(doc.FieldPos(ptr+"/title"), "sources[%d].title: %q is a placeholder; write the source's real title, as it is published", i, diag.Excerpt(s.Title))
		}
	}
	if placeholder(bp.Title) {
		unfinished(doc.FieldPos("/title"), "title: %q is a placeholder; write the initiative's name", diag.Excerpt(bp.Title))
	}
	if placeholder(bp.Summary) {
		unfinished(doc.FieldPos("/summary"), "summary: %q is a placeholder; say in one or two sentences what the initiative is", diag.Excerpt(bp.Summary))
	}
}

// placeholder reports text left as a skeleton wrote it: the word TODO in
// capitals (in lower case it is Spanish and Portuguese for "all").
func placeholder(s string) bool {
	return todoRE.MatchString(s)
}

var todoRE = regexp.MustCompile(`\bTODO\b`)

// webAddressProblem says what is wrong with a source's address, or "".
func webAddressProblem(s string) string {
	u, err := url.Parse(s)
	switch {
	case err != nil, u.Scheme != "https" && u.Scheme != "http", u.Host == "":
		return "is not a web address; a source needs an https:// (or http://) address a reader can open"
	case strings.ContainsAny(s, " <>\""):
		return "contains a space, a quote or angle brackets; copy the address exactly from the browser's address bar"
	}
	if exampleAddress(s) {
		return "is an example address, not a source; give the address of the real source"
	}
	return ""
}

// exampleAddress reports an address on the domains reserved for examples
// (RFC 2606), which no real source has.
func exampleAddress(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, example := range []string{"example.org", "example.com", "example.net"} {
		if host == example || strings.HasSuffix(host, "."+example) {
			return true
		}
	}
	return false
}

// suggestCountry guesses the ISO 3166-1 alpha-2 code meant by a wrong one:
// the same code in capitals ("sn" → "SN"), the code for a retired or
// non-ISO one ("UK" → "GB", "EL" → "GR", "ZR" → "CD"), for an alpha-3 or
// UN M49 numeric code ("KEN", "404" → "KE"), or for an English country
// name ("Kenya" → "KE"). It returns only codes in the country table, or "".
// countries may be nil; it is then loaded.
func suggestCountry(countries *geo.Table, got string) string {
	if countries == nil {
		var err error
		if countries, err = geo.Load(); err != nil {
			return ""
		}
	}
	known := func(code string) bool {
		_, ok := countries.Lookup(code)
		return ok
	}
	s := strings.TrimSpace(got)
	up := strings.ToUpper(s)
	if up != got && known(up) {
		return up
	}
	// EL is the European Union's code for Greece; ISO has no alias for it.
	if up == "EL" {
		return "GR"
	}
	if c := i18n.CanonicalRegion(up); c != "" && c != got && known(c) {
		return c
	}
	if len([]rune(s)) > 3 {
		for _, code := range countries.Codes() {
			if name := i18n.EnglishRegionName(code); name != "" && strings.EqualFold(name, s) {
				return code
			}
		}
	}
	return ""
}
