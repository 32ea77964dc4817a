package site

import (
	"strings"
	"testing"
)

// TestCheckSuggestsTheExistingTag: a tag written another way than one the
// site already uses gets a warning at its place naming the tag to use.
func TestCheckSuggestsTheExistingTag(t *testing.T) {
	blueprint := func(title, tags string) string {
		return "---\ntitle: " + title + "\nsummary: S.\ntype: incubator\ncountries: [KE]\nsdgs: [9]\nstage: pilot\nlast_reviewed: 2026-01-02\ntags: [" + tags + "]\n---\nText.\n"
	}
	_, diags := build(t, `
-- content/site.yaml --
title: T
base_url: https://example.org/
languages: [{code: en, name: English}]
-- content/en/blueprints/a.md --
`+blueprint("A", "co-working, incubator")+`
-- content/en/blueprints/b.md --
`+blueprint("B", "co-working, incubator")+`
-- content/en/blueprints/c.md --
`+blueprint("C", "coworking, incubation, rural"))
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	all := strings.Join(got, "\n")
	for _, want := range []string{
		// A typo of a shared tag: tagSpellings' message, and no second one.
		`en/blueprints/c.md:9:8: warning: tags[0]: no other blueprint uses "coworking", and 2 use "co-working"; did you mean "co-working"?`,
		// Another form of the same word, beyond a typo.
		`en/blueprints/c.md:9:19: warning: tag "incubation" is another spelling of "incubator", which 2 blueprints use; write "incubator"`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("missing\n  %s\nin\n  %s", want, strings.ReplaceAll(all, "\n", "\n  "))
		}
	}
	if len(got) != 2 {
		t.Errorf("%d diagnostics, want 2:\n%s", len(got), all)
	}
}
