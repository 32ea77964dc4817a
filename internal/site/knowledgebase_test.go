package site

import (
	"context"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/content"
)

// TestKnowledgeBaseCoverage holds the bundled knowledge base to its
// targets: at least 40 English blueprints, every type at least twice
// (policies, strategies and roadmaps together at least six), every ITU
// region at least four times, at least two discontinued initiatives, and
// at least two well-formed sources for each blueprint.
func TestKnowledgeBaseCoverage(t *testing.T) {
	out, diags := Build(context.Background(), Config{Content: os.DirFS("../../content")})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	byLang := map[string]int{}
	types := map[string]int{}
	regions := map[string]int{}
	stages := map[string]int{}
	for _, d := range out.Search {
		if d.Kind != "blueprint" {
			continue
		}
		byLang[d.Lang]++
		if d.Lang != "en" {
			continue
		}
		types[d.Facets["type"][0]]++
		stages[d.Facets["stage"][0]]++
		for _, r := range d.Facets["region"] {
			regions[r]++
		}
	}
	t.Logf("blueprints by language: %v; English by type: %v; by region: %v; by stage: %v", byLang, types, regions, stages)
	if byLang["en"] < 40 {
		t.Errorf("%d English blueprints; the target is 40", byLang["en"])
	}
	for _, typ := range []string{"tech-park", "innovation-hub", "incubator", "accelerator", "mentoring-programme", "fund",
		"partnership", "policy", "strategy", "roadmap", "entrepreneurial-university", "vocational-school",
		"digital-transformation-centre", "other"} {
		if types[typ] < 2 {
			t.Errorf("type %s: %d blueprints, want at least 2", typ, types[typ])
		}
	}
	if n := types["policy"] + types["strategy"] + types["roadmap"]; n < 6 {
		t.Errorf("policies, strategies and roadmaps: %d, want at least 6", n)
	}
	for _, r := range []string{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"} {
		if regions[r] < 4 {
			t.Errorf("region %s: %d blueprints, want at least 4", r, regions[r])
		}
	}
	if stages["discontinued"] < 2 {
		t.Errorf("%d discontinued initiatives, want at least 2 with their lessons", stages["discontinued"])
	}
	// At least a third of the blueprints in each of the other languages,
	// and translations that are up to date.
	for _, lang := range []string{"fr", "es", "ar", "ru", "zh"} {
		if 3*byLang[lang] < byLang["en"] {
			t.Errorf("%s: %d of %d blueprints translated; the target is a third", lang, byLang[lang], byLang["en"])
		}
	}
	for _, st := range out.Translations {
		if st.State == StateOutdated || st.State == StateOrphaned {
			t.Errorf("%s is %s", st.File, st.State)
		}
	}
}

// TestBlueprintSources: every English blueprint cites at least two sources,
// each with a title and an absolute http(s) URL with a host.
func TestBlueprintSources(t *testing.T) {
	c, diags := content.Load(os.DirFS("../../content"), content.Options{})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for _, d := range c.Documents {
		if d.Blueprint == nil || d.Lang != "en" {
			continue
		}
		if n := len(d.Blueprint.Sources); n < 2 {
			t.Errorf("%s: %d sources, want at least 2", d.File, n)
		}
		for i, s := range d.Blueprint.Sources {
			u, err := url.Parse(s.URL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(s.URL, " <>\"") {
				t.Errorf("%s: sources[%d] URL %q is not a well-formed web address", d.File, i, s.URL)
			}
			if strings.TrimSpace(s.Title) == "" || strings.Contains(strings.ToUpper(s.Title), "TODO") {
				t.Errorf("%s: sources[%d] has no real title", d.File, i)
			}
		}
	}
}
