package main

import (
	"os"
	"path/filepath"
	"testing"
)

// A frontmatter edit changes the summary's value and nothing else, and
// stays valid YAML for the build (a quoted string).
func TestRewriteSummary(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bp.md")
	in := "---\ntitle: \"T\"\nsummary: \"old words\"\ntype: fund\n---\n\n## Context\n\nsummary: in the body\n"
	if err := os.WriteFile(file, []byte(in), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"The probe adds x1 to the text.", `say "y2"`} {
		if err := rewriteSummary(file, s); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	want := "---\ntitle: \"T\"\nsummary: \"say \\\"y2\\\"\"\ntype: fund\n---\n\n## Context\n\nsummary: in the body\n"
	if string(got) != want {
		t.Errorf("after two edits:\n%s\nwant:\n%s", got, want)
	}
	if err := rewriteSummary(filepath.Join(t.TempDir(), "none.md"), "x"); err == nil {
		t.Error("a missing file: no error")
	}
	noSummary := filepath.Join(t.TempDir(), "plain.md")
	os.WriteFile(noSummary, []byte("---\ntitle: T\n---\n"), 0o644)
	if err := rewriteSummary(noSummary, "x"); err == nil {
		t.Error("a file without a summary line: no error")
	}
}
