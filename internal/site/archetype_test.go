package site

import (
	"context"
	"encoding/json"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/themes"
)

// TestScaffoldInEveryLanguage: `blueprints new` writes, in each of the
// site's languages, a draft that check accepts, with the headings and
// hints of that language's archetype catalog.
func TestScaffoldInEveryLanguage(t *testing.T) {
	fsys := siteFS(t, `
-- content/site.yaml --
title: T
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: es, name: Español}
  - {code: ar, name: العربية, direction: rtl}
  - {code: ru, name: Русский}
  - {code: zh, name: 中文}
`)
	c, diags := content.Load(fsys, content.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	site := &c.Site
	headings := map[string]string{}
	for _, lang := range []string{"en", "fr", "es", "ar", "ru", "zh"} {
		data, err := Scaffold(Config{}, site, NewBlueprint{Title: `Hub "Ünïcode" \ 中`, Type: "incubator", Lang: lang, Countries: []string{"KE"}, Today: time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		fsys[lang+"/blueprints/hub.md"] = &fstest.MapFile{Data: data}
		cat := archetypeCatalog(t, lang)
		for _, key := range []string{"context", "results", "lessons"} {
			if !strings.Contains(string(data), "\n## "+cat[key]+"\n") {
				t.Errorf("%s: no heading %q", lang, cat[key])
			}
		}
		if !strings.Contains(string(data), "\n"+cat["context_hint"]+"\n") {
			t.Errorf("%s: no hint %q", lang, cat["context_hint"])
		}
		headings[lang] = cat["context"]
	}
	if got := len(slices.Compact(slices.Sorted(maps.Values(headings)))); got != 6 {
		t.Errorf("the six languages share headings: %v", headings)
	}
	_, diags = Build(context.Background(), Config{Content: fsys})
	if err := diags.Err(); err != nil {
		t.Fatalf("check refuses a new draft:\n%v", err)
	}
}

// TestArchetypeCatalogsComplete: every archetype catalog has the English
// one's messages, and no other.
func TestArchetypeCatalogsComplete(t *testing.T) {
	en := archetypeCatalog(t, "en")
	for _, lang := range []string{"fr", "es", "ar", "ru", "zh"} {
		cat := archetypeCatalog(t, lang)
		if got, want := slices.Sorted(maps.Keys(cat)), slices.Sorted(maps.Keys(en)); !slices.Equal(got, want) {
			t.Errorf("%s has %v, en has %v", lang, got, want)
		}
		for k, v := range cat {
			if v == en[k] {
				t.Errorf("%s: %s is the English text", lang, k)
			}
		}
	}
}

// archetypeCatalog reads a catalog's messages, plain or with descriptions.
func archetypeCatalog(t *testing.T, lang string) map[string]string {
	t.Helper()
	data, err := fs.ReadFile(themes.Default(), "archetypes/i18n/"+lang+".json")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, v := range raw {
		var s string
		if json.Unmarshal(v, &s) != nil {
			var m struct{ Other string }
			if err := json.Unmarshal(v, &m); err != nil {
				t.Fatal(err)
			}
			s = m.Other
		}
		out[k] = s
	}
	return out
}
