package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
)

// describer derives what a blueprint page shows from its frontmatter, in
// one language, reporting problems to diags. A fallback page shows its
// original's frontmatter, whose problems are reported once, against the
// original: errorf drops them.
type describer struct {
	m      *Model
	p      *Page
	loc    *i18n.Localizer
	diags  *diag.List
	errorf func(pos diag.Pos, format string, args ...any)
}

// describe derives everything a blueprint page shows from its frontmatter.
// Terms are created here and filled with pages by buildTaxonomies.
func (m *Model) describe(p *Page, loc *i18n.Localizer, diags *diag.List) *Blueprint {
	bp := p.doc.Blueprint
	x := describer{m: m, p: p, loc: loc, diags: diags, errorf: diags.Errorf}
	if p.Original != nil {
		x.errorf = func(diag.Pos, string, ...any) {}
	}
	d := &Blueprint{Blueprint: bp, LicenseID: cmp.Or(bp.License, "CC-BY-4.0")}
	d.Type = x.term("types", bp.Type)
	d.Stage = x.term("stages", bp.Stage)
	x.places(d)
	for _, n := range bp.SDGs {
		st := x.term("sdgs", strconv.Itoa(n))
		st.order = n
		d.SDGs = append(d.SDGs, st)
	}
	slices.SortFunc(d.SDGs, func(x, y *Term) int { return cmp.Compare(x.order, y.order) })
	x.tags(d)
	m.checkSourcesHeading(p, loc, diags)
	for _, o := range bp.Outcomes {
		value, err := formatValue(loc, o.Value, o.Unit)
		if err != nil {
			diags.Errorf(p.doc.FieldPos(""), "theme: %v", err)
		}
		d.Outcomes = append(d.Outcomes, Outcome{Outcome: o, ValueText: value, SourceText: sourceText(bp.Sources, o.Source)})
	}
	d.PeriodText = x.period()
	d.FundingText = x.funding()
	return d
}

// t is a UI message in the page's language.
func (x describer) t(id string) string {
	s, err := x.loc.T(id)
	if err != nil {
		x.errorf(x.p.doc.FieldPos(""), "theme: %v", err)
	}
	return s
}

// term is the page's term of a taxonomy, labelled.
func (x describer) term(tax, key string) *Term {
	label, err := x.m.termLabel(x.loc, tax, key)
	if err != nil {
		x.diags.Errorf(x.p.doc.FieldPos(""), "theme: %v", err)
	}
	return &Term{Taxonomy: tax, Key: key, Label: label, Dir: x.p.Lang + "/" + tax + "/" + strings.ToLower(key) + "/"}
}

// places derives the countries, their regions and their groups.
func (x describer) places(d *Blueprint) {
	regions := map[geo.Region]bool{}
	groups := map[string]bool{}
	for i, code := range d.Blueprint.Countries {
		if code == "global" {
			d.Countries = append(d.Countries, x.term("countries", code))
			continue
		}
		c, ok := x.m.geo.Lookup(code)
		if !ok {
			x.errorf(x.p.doc.FieldPos(fmt.Sprintf("/countries/%d", i)), "countries: %q is not an ISO 3166-1 alpha-2 country code", code)
			continue
		}
		d.Countries = append(d.Countries, x.term("countries", code))
		if c.Region != "" {
			regions[c.Region] = true
		}
		groups["ldc"] = groups["ldc"] || c.LDC
		groups["lldc"] = groups["lldc"] || c.LLDC
		groups["sids"] = groups["sids"] || c.SIDS
	}
	for i, r := range geo.Regions() {
		if regions[r] {
			rt := x.term("regions", string(r))
			rt.order = i
			d.Regions = append(d.Regions, rt)
		}
	}
	for _, g := range []string{"ldc", "lldc", "sids"} {
		if groups[g] {
			d.Groups = append(d.Groups, x.t("group."+g))
		}
	}
}

// tags derives the tags and target groups, checked against the site's
// vocabulary.
func (x describer) tags(d *Blueprint) {
	for i, tag := range d.Blueprint.Tags {
		if len(tag) > maxOutputName {
			// A tag is a directory of the output: it must fit a file name.
			x.diags.Errorf(x.p.doc.FieldPos(fmt.Sprintf("/tags/%d", i)), "tags: a tag of %d bytes cannot be a page's directory (at most %d); shorten it", len(tag), maxOutputName)
			continue
		}
		x.m.checkVocabulary(x.p, "tags", i, tag, x.diags)
		d.Tags = append(d.Tags, x.term("tags", tag))
	}
	for i, g := range d.Blueprint.TargetGroups {
		x.m.checkVocabulary(x.p, "target_groups", i, g, x.diags)
		d.TargetGroups = append(d.TargetGroups, x.m.vocabularyLabel("target_groups", g, x.p.Lang))
	}
}

// period is the blueprint's period in words: "2019–2023", "since 2019".
func (x describer) period() string {
	pr := x.p.doc.Blueprint.Period
	if pr == nil || pr.Start == 0 {
		return ""
	}
	switch {
	case pr.End == 0:
		text, err := x.loc.Format("period_ongoing", map[string]any{"Start": pr.Start})
		if err != nil {
			x.errorf(x.p.doc.FieldPos("/period"), "theme: %v", err)
		}
		return text
	case pr.End == pr.Start:
		return strconv.Itoa(pr.Start)
	}
	return fmt.Sprintf("%d–%d", pr.Start, pr.End)
}

// funding is the blueprint's funding in words: its model and amount.
func (x describer) funding() string {
	f := x.p.doc.Blueprint.Funding
	if f == nil {
		return ""
	}
	var parts []string
	if f.Model != "" {
		parts = append(parts, x.t("funding."+f.Model))
	}
	if f.Amount > 0 {
		amount, err := formatValue(x.loc, f.Amount, f.Currency)
		if err != nil {
			x.diags.Errorf(x.p.doc.FieldPos("/funding"), "theme: %v", err)
		}
		parts = append(parts, amount)
	}
	return strings.Join(parts, " · ")
}

// termLabel is what a reader of loc's language sees for a taxonomy term.
// A page shown in another language (an untranslated blueprint on a French
// list) asks again in the reader's language, so labels never mix.
func (m *Model) termLabel(loc *i18n.Localizer, taxonomy, key string) (string, error) {
	switch taxonomy {
	case "types":
		return loc.T("type." + key)
	case "stages":
		return loc.T("stage." + key)
	case "regions":
		return loc.T("region." + key)
	case "sdgs":
		return loc.T("sdg." + key)
	case "countries":
		if key == "global" {
			return loc.T("country.global")
		}
		return loc.Country(key), nil
	case "tags":
		return m.vocabularyLabel("tags", key, loc.Lang()), nil
	}
	return key, nil
}

// vocabularyLabel is the label of a target group or tag in lang, from
// content/data/vocabulary.yaml; the value as typed when it has none.
func (m *Model) vocabularyLabel(field, value, lang string) string {
	if label, ok := m.content.Vocabulary.Label(field, value, lang); ok {
		return label
	}
	return value
}

// checkVocabulary warns, once per file, about a target group or tag the
// site's vocabulary does not label: readers would see the raw value.
func (m *Model) checkVocabulary(p *Page, field string, i int, value string, diags *diag.List) {
	v := m.content.Vocabulary
	if !v.Has() {
		return
	}
	if _, ok := v.Label(field, value, p.Lang); !ok {
		diags.Warnf(p.doc.FieldPos(fmt.Sprintf("/%s/%d", field, i)), "%s: %q has no label in content/data/vocabulary.yaml; add it there with a label in every language, or use a value that has one", field, value)
	}
}

// checkSourcesHeading warns about a body section that lists sources: the
// page already shows them, from the frontmatter's sources, under the
// theme's own heading, so readers would see them twice.
func (m *Model) checkSourcesHeading(p *Page, loc *i18n.Localizer, diags *diag.List) {
	if len(p.doc.Blueprint.Sources) == 0 {
		return
	}
	var names []string
	for _, id := range []string{"sources", "references"} {
		if name, err := loc.T(id); err == nil {
			names = append(names, name)
		}
	}
	for _, h := range p.TOC {
		text := strings.TrimSpace(h.Text)
		if h.Level == 2 && slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, text) }) {
			diags.Warnf(h.Pos, "the section %q repeats the sources the page already lists from the frontmatter's sources; remove the section and keep each entry in sources", text)
		}
	}
}

// formatValue writes an outcome's value (or a funding amount) in the
// language's number format: a currency code as unit gives an amount of
// money, "percent" a percentage, any other unit follows the number.
func formatValue(loc *i18n.Localizer, v float64, unit string) (string, error) {
	// Only upper-case codes are currencies: "CUP" is Cuba's peso, "cup"
	// may be a unit.
	if symbol, ok := loc.CurrencySymbol(unit); ok && unit == strings.ToUpper(unit) {
		// The catalog places the symbol as the language does: "$2,500"
		// in English, "2 500 $US" in French.
		return loc.Format("money", map[string]any{"Symbol": symbol, "Amount": loc.Number(v)})
	}
	switch {
	case unit == "percent" || unit == "%":
		return loc.Percent(v), nil
	case unit == "":
		return loc.Number(v), nil
	}
	return loc.Number(v) + " " + unit, nil
}

// sourceText is the link text of an outcome's source: the publisher of
// the blueprint's source with that URL (short enough for a table column
// on a phone; the list of sources below gives the title), or its title,
// else the URL's host, so every link says where it goes.
func sourceText(sources []content.Source, url string) string {
	for _, s := range sources {
		if s.URL == url {
			return cmp.Or(s.Publisher, s.Title)
		}
	}
	host := url
	if _, rest, ok := strings.Cut(url, "://"); ok {
		host = rest
	}
	host, _, _ = strings.Cut(host, "/")
	return strings.TrimPrefix(host, "www.")
}

// normalizePath folds what file systems may treat as equal: case (macOS,
// Windows) and Unicode normalisation (macOS).
func normalizePath(p string) string {
	return strings.ToLower(norm.NFC.String(p))
}
