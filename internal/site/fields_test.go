package site

import (
	"strings"
	"testing"
)

// TestGenericFields follows two fields that have no Go code of their own
// (package vocabulary's generic kinds) from the frontmatter to the page and
// the search index: inclusion, an enum list labelled by the catalogs and a
// facet; indicators, short texts shown as written.
func TestGenericFields(t *testing.T) {
	out := mustBuild(t, `
-- content/site.yaml --
title: Test Site
default_language: en
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
-- content/fr/_index.md --
---
title: Accueil
---
-- content/en/blueprints/hub.md --
---
title: Nairobi Hub
summary: A hub.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
indicators: ["Startups incubated", "Share of founders who are women"]
inclusion: [women, youth]
---
## Context
-- content/en/blueprints/park.md --
---
title: Alpha Park
summary: A park.
type: tech-park
countries: [KE]
sdgs: [9]
stage: mature
last_reviewed: 2026-01-02
inclusion: [persons-with-disabilities]
---
## Context
`)
	assertFile(t, out, "en/blueprints/hub/index.html",
		`<dt>Inclusion</dt>\s*<dd>Women, Youth</dd>`,
		`<dt>Indicators</dt>\s*<dd><ul[^>]*><li>Startups incubated</li><li>Share of founders who are women</li></ul></dd>`)
	// The French fallback page labels the values in French, and marks the
	// indicators as the original's English text.
	assertFile(t, out, "fr/blueprints/hub/index.html",
		`<dt>Inclusion</dt>\s*<dd>Femmes, Jeunes</dd>`,
		`<dt>Indicateurs</dt>\s*<dd><ul lang="en" dir="ltr"><li>Startups incubated</li>`)
	assertFile(t, out, "en/blueprints/park/index.html", `<dd>Persons with disabilities</dd>`)
	// A facet of the static search, values sorted by label, labelled.
	assertFile(t, out, "search/en/meta.min.js",
		`"name":"inclusion","values":\["persons-with-disabilities","women","youth"\],"labels":\["Persons with disabilities","Women","Youth"\]`)
	// Not a taxonomy: no pages per value.
	for name := range out.Files {
		if strings.HasPrefix(name, "en/inclusion") {
			t.Errorf("inclusion is no taxonomy, but the build made %s", name)
		}
	}
}
