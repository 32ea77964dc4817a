package site

import (
	"strings"
	"testing"
)

// TestOnePassReportsEverything: a file with frontmatter errors, and a
// draft, still get the checks of their bodies (links, anchors, images,
// related blueprints), so one run of check lists every problem.
func TestOnePassReportsEverything(t *testing.T) {
	_, diags := build(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
-- content/en/blueprints/bad.md --
---
title: Bad
summary: Its stage is misspelt.
type: fund
countries: [KE]
sdgs: [9]
stage: growin
last_reviewed: 2026-01-02
---
## Costs
See [the park](park.md#cost), [this](#cost) and ![a map](map.png).
-- content/en/blueprints/uk.md --
---
title: UK
summary: A wrong country code.
type: fund
countries: [UK]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
related: [parc.md]
---
[Gone](gone.md)
-- content/en/blueprints/draft.md --
---
title: Unfinished
draft: true
countries: [KE]
---
## Context
See [the park](park.md#costs), [nothing](prak.md), [context](#contxt) and [itself](draft.md#context).
-- content/en/blueprints/park.md --
---
title: Park
summary: A park.
type: tech-park
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
---
## Costs
See [the draft](draft.md).
`)
	// The frontmatter error, and its body's problems.
	assertDiag(t, diags, "en/blueprints/bad.md:7:8", `stage: "growin" is not allowed`)
	assertDiag(t, diags, "en/blueprints/bad.md:11:5", `no heading #cost in en/blueprints/park.md; did you mean #costs\?`)
	assertDiag(t, diags, "en/blueprints/bad.md:11:31", `no heading #cost in this page; did you mean #costs\?`)
	assertDiag(t, diags, "en/blueprints/bad.md:11:49", `image "map.png" not found`)
	// A rule beyond the schema, and the related list and links all the same.
	assertDiag(t, diags, "en/blueprints/uk.md:5:13", `"UK" is not an ISO 3166-1 alpha-2 country code; did you mean "GB"\?`)
	assertDiag(t, diags, "en/blueprints/uk.md:9:11", `related: en/blueprints/parc.md does not exist; did you mean park.md\?$`)
	assertDiag(t, diags, "en/blueprints/uk.md:11:1", `link "gone.md": en/blueprints/gone.md does not exist$`)
	// A draft: missing fields are warnings, its links are checked.
	assertDiag(t, diags, "en/blueprints/draft.md:2:1", `missing required field "summary"; a draft may leave it out`)
	assertDiag(t, diags, "en/blueprints/draft.md:7:32", `link "prak.md": en/blueprints/prak.md does not exist; did you mean park.md\?$`)
	assertDiag(t, diags, "en/blueprints/draft.md:7:52", `no heading #contxt in this page; did you mean #context\?`)
	// A link to a draft is still an error: the draft is not published.
	assertDiag(t, diags, "en/blueprints/park.md:11:5", `en/blueprints/draft.md is a draft`)
	for _, d := range diags {
		if strings.Contains(d.Message, "draft.md#context") || strings.Contains(d.Message, "park.md#costs") {
			t.Errorf("a good link reported: %s", d)
		}
		if strings.HasPrefix(d.Pos.File, "en/blueprints/draft.md") && strings.Contains(d.Message, "missing required") && d.Severity.String() != "warning" {
			t.Errorf("a draft's missing field is an error: %s", d)
		}
	}
}

// TestOutdatedTranslationIsAWarning: a changed source makes its
// translation outdated, which check reports as a warning naming the
// source, never as an error.
func TestOutdatedTranslationIsAWarning(t *testing.T) {
	out, diags := build(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}, {code: fr, name: Français}]
-- content/en/about.md --
---
title: About
---
Changed text.
-- content/fr/about.md --
---
title: À propos
translation:
  translated: 2026-01-02
  method: human
  source_digest: 0123456789abcdef
---
Texte.
`)
	if out == nil || diags.Errors() > 0 {
		t.Fatalf("an outdated translation failed the build:\n%v", diags)
	}
	assertDiag(t, diags, "fr/about.md:6:18", `^outdated: en/about.md changed since this translation was made from it; .*`+"`source_digest: [0-9a-f]{16}`")
	if diags[0].Severity.String() != "warning" {
		t.Errorf("not a warning: %v", diags[0])
	}
}

// TestTagTypo: a tag one blueprint alone uses, one letter away from a tag
// others share, gets a "did you mean" warning at the tag.
func TestTagTypo(t *testing.T) {
	bp := func(title, tags string) string {
		return "---\ntitle: " + title + "\nsummary: s\ntype: fund\ncountries: [KE]\nsdgs: [9]\nstage: pilot\nlast_reviewed: 2026-01-02\ntags: " + tags + "\n---\n"
	}
	_, diags := build(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
-- content/en/blueprints/a.md --
`+bp("A", "[co-working, fintech]")+`
-- content/en/blueprints/b.md --
`+bp("B", "[co-working]")+`
-- content/en/blueprints/c.md --
`+bp("C", "[co-workng, agritech]")+`
`)
	assertDiag(t, diags, "en/blueprints/c.md:9:8", `^tags\[0\]: no other blueprint uses "co-workng", and 2 use "co-working"; did you mean "co-working"\?`)
	for _, d := range diags {
		if strings.Contains(d.Message, "fintech") || strings.Contains(d.Message, "agritech") {
			t.Errorf("a tag that is no typo: %s", d)
		}
	}
}
