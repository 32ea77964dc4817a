package site

import (
	"io/fs"
	"regexp"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/theme"
)

// codeMessages lists the message IDs this package asks for itself, and the
// prefixes of the IDs it builds from data ("type." + a blueprint's type).
// TestCodeMessagesListed holds the list to the code.
func codeMessages() []string {
	return []string{
		"blueprints", "blueprints_by_date", "search", "translations_title", "not_found_title",
		"offline_note", "period_ongoing", "date_format", "map_title", "map_desc", "blueprint_count",
		"search_found", "search_all", "search_error", "search_any", "money", "references",
		"search_partial", "search_shown", "search_clear", "search_page", "search_suggest",
		"country.global", "fallback_notice",
		"type.", "stage.", "region.", "group.", "sdg.", "funding.", "taxonomy.", "month.", "facet.", "callout.",
	}
}

var quotedRE = regexp.MustCompile(`"([a-z_]+(?:\.[a-z0-9-]*)?)"`)

// messageUse returns whether a message is used: named in a layout of the
// theme in fsys (or, for IDs built from data, its prefix is) or by this
// package.
func messageUse(fsys fs.FS) func(string) bool {
	names := map[string]bool{}
	var prefixes []string
	note := func(s string) {
		if strings.HasSuffix(s, ".") {
			prefixes = append(prefixes, s)
		} else {
			names[s] = true
		}
	}
	for _, id := range codeMessages() {
		note(id)
	}
	layouts, _ := theme.Layouts(fsys) // what cannot be read, Load reports
	for _, f := range layouts {
		for _, m := range quotedRE.FindAllStringSubmatch(string(f.Data), -1) {
			note(m[1])
		}
	}
	return func(key string) bool {
		return names[key] || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) })
	}
}

// checkCatalogs checks the message catalogs of a theme on disk, read from
// themes/name/; the embedded theme's (name "") are held to the same checks
// by its tests.
func checkCatalogs(fsys fs.FS, name, defaultLang string) diag.List {
	if name == "" {
		return nil
	}
	catalogs, dir := theme.Catalogs(fsys)
	diags := i18n.CheckCatalogs(catalogs, dir, defaultLang, messageUse(fsys))
	for i := range diags {
		if diags[i].Pos.File != "" {
			diags[i].Pos.File = "../themes/" + name + "/" + diags[i].Pos.File
		}
	}
	return diags
}
