package site

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/themes"
)

func readCatalogs(t *testing.T) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	files, err := fs.Glob(themes.Default(), "i18n/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogs: %v", err)
	}
	for _, f := range files {
		data, err := fs.ReadFile(themes.Default(), f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		out[strings.TrimSuffix(filepath.Base(f), ".json")] = m
	}
	return out
}

// TestCatalogsComplete: every language has every message of the default
// catalog and nothing else, and every message is used by a template or
// by the site code.
func TestCatalogsComplete(t *testing.T) {
	cats := readCatalogs(t)
	en := cats["en"]
	for _, lang := range []string{"fr", "es", "ar", "ru", "zh"} {
		cat, ok := cats[lang]
		if !ok {
			t.Errorf("no catalog for %s", lang)
			continue
		}
		for key := range en {
			if _, ok := cat[key]; !ok {
				t.Errorf("%s.json lacks %q", lang, key)
			}
		}
		for key := range cat {
			if _, ok := en[key]; !ok {
				t.Errorf("%s.json has %q, which en.json does not", lang, key)
			}
		}
	}
	used := usedMessages(t)
	for key := range en {
		if !used(key) {
			t.Errorf("en.json has %q, which nothing uses", key)
		}
	}
}

// usedMessages finds the message IDs named in the theme's layouts and in
// this package's code; IDs built from data ("type." + value) count by
// their prefix.
func usedMessages(t *testing.T) func(string) bool {
	t.Helper()
	var text strings.Builder
	layouts, _ := fs.Glob(themes.Default(), "layouts/*.html")
	partials, _ := fs.Glob(themes.Default(), "layouts/partials/*.html")
	for _, f := range append(layouts, partials...) {
		data, _ := fs.ReadFile(themes.Default(), f)
		text.Write(data)
	}
	code, _ := filepath.Glob("*.go")
	for _, f := range code {
		if !strings.HasSuffix(f, "_test.go") {
			data, _ := os.ReadFile(f)
			text.Write(data)
		}
	}
	s := text.String()
	names := map[string]bool{}
	for _, m := range regexp.MustCompile(`"([a-z_]+(?:\.[a-z0-9-]+)?)"`).FindAllStringSubmatch(s, -1) {
		names[m[1]] = true
	}
	var prefixes []string
	for _, m := range regexp.MustCompile(`"([a-z_]+\.)"`).FindAllStringSubmatch(s, -1) {
		prefixes = append(prefixes, m[1])
	}
	return func(key string) bool {
		return names[key] || slices.ContainsFunc(prefixes, func(p string) bool { return strings.HasPrefix(key, p) })
	}
}

// TestPluralForms renders counts through the real catalogs: Arabic has six
// forms and Russian three (plus "other" for fractions).
func TestPluralForms(t *testing.T) {
	cats := readCatalogs(t)
	cat, err := i18n.LoadCatalog(fstest.MapFS{
		"i18n/en.json": {Data: mustJSON(t, cats["en"])},
		"i18n/ar.json": {Data: mustJSON(t, cats["ar"])},
		"i18n/ru.json": {Data: mustJSON(t, cats["ru"])},
	}, "i18n", "en")
	if err != nil {
		t.Fatal(err)
	}
	form := func(lang, category string) string {
		return cats[lang]["blueprint_count"].(map[string]any)[category].(string)
	}
	tests := []struct {
		lang     string
		n        int
		category string
	}{
		{"ar", 0, "zero"}, {"ar", 1, "one"}, {"ar", 2, "two"}, {"ar", 3, "few"}, {"ar", 11, "many"}, {"ar", 100, "other"},
		{"ru", 0, "many"}, {"ru", 1, "one"}, {"ru", 2, "few"}, {"ru", 3, "few"}, {"ru", 11, "many"}, {"ru", 100, "many"}, {"ru", 21, "one"},
		{"en", 1, "one"}, {"en", 0, "other"},
	}
	for _, tt := range tests {
		loc, err := cat.Localizer(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		got, err := loc.T("blueprint_count", tt.n)
		want := strings.ReplaceAll(form(tt.lang, tt.category), "{{.Count}}", strconv.Itoa(tt.n))
		if err != nil || got != want {
			t.Errorf("%s %d: got %q, %v; want the %q form %q", tt.lang, tt.n, got, err, tt.category, want)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
