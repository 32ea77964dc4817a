package content

import (
	"slices"
	"strings"
	"testing"
)

func TestStamp(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{
			"adds the block",
			"---\ntitle: T\n---\nBody\n",
			"---\ntitle: T\ntranslation:\n  source_digest: abc123ef\n  translated: 2026-12-02\n---\nBody\n",
		},
		{
			"adds to an existing block, keeping its indentation, and dates it",
			"---\ntitle: T\ntranslation:\n    translated: 2026-01-01\n    method: human\n---\nBody\n",
			"---\ntitle: T\ntranslation:\n    translated: 2026-12-02\n    method: human\n    source_digest: abc123ef\n---\nBody\n",
		},
		{
			"replaces a stale digest",
			"---\ntitle: T\ntranslation:\n  source_digest: 00000000\n  method: machine\ntags: [a]\n---\n",
			"---\ntitle: T\ntranslation:\n  source_digest: abc123ef\n  method: machine\n  translated: 2026-12-02\ntags: [a]\n---\n",
		},
		{
			"keeps CRLF",
			"---\r\ntitle: T\r\n---\r\n",
			"---\r\ntitle: T\r\ntranslation:\r\n  source_digest: abc123ef\r\n  translated: 2026-12-02\r\n---\r\n",
		},
	}
	for _, tt := range tests {
		got, err := Stamp([]byte(tt.in), "abc123ef", "2026-12-02")
		if err != nil || string(got) != tt.want {
			t.Errorf("%s:\ngot  %q, %v\nwant %q", tt.name, got, err, tt.want)
		}
	}
	for _, bad := range []string{"+++\ntitle = 'T'\n+++\n", "no frontmatter", "---\ntitle: T\n", "---\ntranslation: {method: human}\n---\n"} {
		if _, err := Stamp([]byte(bad), "abc123ef", "2026-12-02"); err == nil {
			t.Errorf("Stamp(%q) succeeded; want an error", bad)
		}
	}
}
func TestDigestFollowsTranslatableText(t *testing.T) {
	load := func(src string) *Document {
		t.Helper()
		fsys := testFS(t, map[string]string{"en/blueprints/d.md": src})
		c, diags := Load(fsys, Options{})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		for _, d := range c.Documents {
			if d.File == "en/blueprints/d.md" {
				return d
			}
		}
		t.Fatal("not loaded")
		return nil
	}
	base := blueprint()
	d0 := load(base).Digest()
	if d1 := load(base).Digest(); d1 != d0 {
		t.Error("digest is not stable")
	}
	if d := load(mustReplace(t, base, "last_reviewed: 2024-01-15", "last_reviewed: 2026-02-02")).Digest(); d != d0 {
		t.Error("a date change made translations stale; only translatable text should")
	}
	if d := load(base + "\nA new paragraph.\n").Digest(); d == d0 {
		t.Error("a body change did not change the digest")
	}
}

func mustReplace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the test input", old)
	}
	return strings.Replace(s, old, new, 1)
}

func TestMinorEditsChainToTheCurrentText(t *testing.T) {
	doc := func(body string, edits ...MinorEdit) *Document {
		return &Document{Meta: PageMeta{Title: "T", MinorEdits: edits}, Body: []byte(body)}
	}
	v1 := doc("Teh text.").Digest()
	v2 := doc("The text.").Digest()
	v3 := doc("The text!").Digest()
	tests := []struct {
		name      string
		doc       *Document
		stamped   string
		matches   bool
		staleEdit []int
	}{
		{"the same text", doc("Teh text."), v1, true, nil},
		{"an edit with no declaration", doc("The text."), v1, false, nil},
		{"a declared typo fix", doc("The text.", MinorEdit{v1, v2}), v1, true, nil},
		{"two typo fixes in a row", doc("The text!", MinorEdit{v1, v2}, MinorEdit{v2, v3}), v1, true, nil},
		{"a real edit after a typo fix leaves the declaration behind", doc("Other text.", MinorEdit{v1, v2}), v1, false, []int{0}},
		{"a declaration about another text does not apply", doc("The text!", MinorEdit{v1, v2}), v1, false, []int{0}},
		{"a loop ends", doc("Other text.", MinorEdit{v1, v2}, MinorEdit{v2, v1}), v1, false, []int{0, 1}},
	}
	for _, tt := range tests {
		if got := tt.doc.Matches(tt.stamped); got != tt.matches {
			t.Errorf("%s: Matches = %v, want %v", tt.name, got, tt.matches)
		}
		if got := tt.doc.StaleMinorEdits(); !slices.Equal(got, tt.staleEdit) {
			t.Errorf("%s: StaleMinorEdits = %v, want %v", tt.name, got, tt.staleEdit)
		}
	}
}

func TestCopiedFindsTheSourceText(t *testing.T) {
	src := &Document{Body: []byte(`
## Context

The hub opened in 2010 on the fourth floor of a Nairobi office building.
It grew from a community of developers who met in cafés and at conferences.

## References

- [iHub: The Next Chapter (iHub, 2016)](https://ihub.co.ke/blogs/26994/ihub-the-next-chapter)
- [Another report with a long title of its own (Publisher, 2019)](https://example.org/r)
`)}
	fr := &Document{Body: []byte(`
## Contexte

Le pôle a ouvert en 2010 au quatrième étage d'un immeuble de bureaux de Nairobi.
Il est né d'une communauté de développeurs qui se retrouvaient dans des cafés.

## Références

- [iHub: The Next Chapter (iHub, 2016)](https://ihub.co.ke/blogs/26994/ihub-the-next-chapter)
- [Another report with a long title of its own (Publisher, 2019)](https://example.org/r)
`)}
	half := &Document{Body: []byte(`
## Contexte

Le pôle a ouvert en 2010 au quatrième étage d'un immeuble de bureaux de Nairobi.
It grew from a community of developers who met in cafés and at conferences.
`)}
	if share, line := Copied(fr, src); share != 0 || line != 0 {
		t.Errorf("a translation keeping the sources' titles: share %v at line %d, want 0", share, line)
	}
	if share, line := Copied(src, src); share != 1 || line != 2 {
		t.Errorf("the source itself: share %v at line %d, want 1 at line 2", share, line)
	}
	if share, line := Copied(half, src); share < 0.3 || share > 0.7 || line != 5 {
		t.Errorf("half copied: share %v at line %d, want about 0.5 at line 5", share, line)
	}
	rewrapped := &Document{Body: []byte("The hub opened in 2010 on the fourth floor of a\n   Nairobi office building.\n")}
	if share, _ := Copied(rewrapped, src); share != 1 {
		t.Errorf("rewrapped: share %v, want 1", share)
	}
}
