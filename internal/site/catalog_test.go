package site

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/vocabulary"
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

// TestEmbeddedCatalogsPassCheck: the theme compiled into the binary meets
// the catalog checks that "blueprints check" applies to a theme on disk.
func TestEmbeddedCatalogsPassCheck(t *testing.T) {
	if diags := i18n.CheckCatalogs(themes.Default(), "i18n", "en", messageUse(themes.Default())); len(diags) > 0 {
		t.Errorf("the embedded theme's catalogs:\n%v", diags)
	}
}

// TestCodeMessagesListed: every message ID this package's code names (in
// t("…"), T("…"), Format("…") or a map of IDs) is in codeMessages, which
// the unused-key check reads.
func TestCodeMessagesListed(t *testing.T) {
	listed := map[string]bool{}
	for _, id := range codeMessages() {
		listed[id] = true
	}
	code, _ := filepath.Glob("*.go")
	callRE := regexp.MustCompile(`\b(?:t|T|Format)\("([a-z_]+\.?[a-z0-9-]*)"|"(search_[a-z]+|facet\.)"`)
	for _, f := range code {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range callRE.FindAllStringSubmatch(string(data), -1) {
			if id := m[1] + m[2]; !listed[id] {
				t.Errorf("%s names the message %q, which codeMessages does not list", f, id)
			}
		}
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

// themeOnDisk is the embedded theme as a site's themes/default/, with
// some files replaced.
func themeOnDisk(t *testing.T, replace map[string]string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), name)
		fsys["default/"+name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range replace {
		fsys["default/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

const twoLanguages = `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}, {code: fr, name: Français}]
-- content/en/about.md --
---
title: About
---
Text.
`

// TestThemeMistakesInCheck: a theme on disk gets the catalog checks, and a
// broken layout is reported once, at its file and line, however many
// pages it breaks.
func TestThemeMistakesInCheck(t *testing.T) {
	fr, err := fs.ReadFile(themes.Default(), "i18n/fr.json")
	if err != nil {
		t.Fatal(err)
	}
	badFR := strings.Replace(string(fr), `"contents": "Sommaire"`, `"contents": "{{.Foo}} Sommaire"`, 1)
	if badFR == string(fr) {
		t.Fatal(`fr.json has no "contents": "Sommaire" to break`)
	}
	line := 1 + strings.Count(badFR[:strings.Index(badFR, `"contents"`)], "\n")
	_, diags := Build(context.Background(), Config{Content: siteFS(t, twoLanguages), Themes: themeOnDisk(t, map[string]string{"i18n/fr.json": badFR})})
	assertDiag(t, diags, fmt.Sprintf("../themes/default/i18n/fr.json:%d:3", line), `^"contents" \(other\) uses \{\{\.Foo\}\}, which the English message does not give, so readers would see <no value>`)

	base, _ := fs.ReadFile(themes.Default(), "layouts/base.html")
	badBase := strings.Replace(string(base), `{{.T "footer_license"}}`, `{{.Page.Nope}}`, 1)
	line = 1 + strings.Count(badBase[:strings.Index(badBase, `{{.Page.Nope}}`)], "\n")
	_, diags = Build(context.Background(), Config{Content: siteFS(t, twoLanguages), Themes: themeOnDisk(t, map[string]string{"layouts/base.html": badBase})})
	assertDiag(t, diags, fmt.Sprintf("../themes/default/layouts/base.html:%d:12", line), `^template error: can't evaluate field Nope in type \*site.Page \(breaks \d+ pages, such as `)
	if n := diags.Errors(); n != 1 {
		t.Errorf("%d errors for one broken layout, want 1:\n%v", n, diags)
	}

	badBase = strings.Replace(string(base), `{{.T "footer_license"}}`, `{{.T "footer_license"`, 1)
	_, diags = Build(context.Background(), Config{Content: siteFS(t, twoLanguages), Themes: themeOnDisk(t, map[string]string{"layouts/base.html": badBase})})
	assertDiag(t, diags, fmt.Sprintf("../themes/default/layouts/base.html:%d", line), `^template error: unexpected "<" in operand`)
}

// TestVocabularyLabelled checks that the default theme labels, in every
// language, what the vocabulary makes of blueprint fields: each value of
// an enum, each taxonomy and facet, and the heading of each field the
// blueprint page shows under a "field_" heading in English.
func TestVocabularyLabelled(t *testing.T) {
	cats := readCatalogs(t)
	for _, f := range vocabulary.Blueprint() {
		var ids []string
		for _, v := range f.Values {
			ids = append(ids, f.Catalog+v)
		}
		if f.Taxonomy != "" {
			ids = append(ids, "taxonomy."+f.Taxonomy)
		}
		if f.Facet != "" {
			ids = append(ids, "facet."+f.Facet)
		}
		if _, ok := cats["en"]["field_"+f.Name]; ok && f.Shown {
			ids = append(ids, "field_"+f.Name)
		}
		for lang, cat := range cats {
			for _, id := range ids {
				if _, ok := cat[id]; !ok {
					t.Errorf("themes/default/i18n/%s.json has no %q, which the blueprint field %q needs", lang, id, f.Name)
				}
			}
		}
	}
}
