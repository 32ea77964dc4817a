package site

import (
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
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
// theme (or, for IDs built from data, its prefix is) or by this package.
func messageUse(theme fs.FS) func(string) bool {
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
	fs.WalkDir(theme, "layouts", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(name) != ".html" {
			return nil
		}
		data, err := fs.ReadFile(theme, name)
		if err != nil {
			return nil
		}
		for _, m := range quotedRE.FindAllStringSubmatch(string(data), -1) {
			note(m[1])
		}
		return nil
	})
	return func(key string) bool {
		return names[key] || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) })
	}
}

// checkCatalogs checks the message catalogs of a theme on disk, read from
// themes/name/; the embedded theme's (name "") are held to the same checks
// by its tests.
func checkCatalogs(theme fs.FS, name, defaultLang string) diag.List {
	if name == "" {
		return nil
	}
	diags := i18n.CheckCatalogs(theme, "i18n", defaultLang, messageUse(theme))
	for i := range diags {
		if diags[i].Pos.File != "" {
			diags[i].Pos.File = "../themes/" + name + "/" + diags[i].Pos.File
		}
	}
	return diags
}
