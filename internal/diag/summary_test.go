package diag

import (
	"testing"
)

func TestKindOf(t *testing.T) {
	same := [][]string{
		{`link "../a.md#x": no heading #x in en/guides/a.md; did you mean #y?`, `link "b.md#costs": no heading #costs in en/b.md; did you mean #cost?`},
		{`link "/docs/x/": no page or file "docs/x" in the site; link to the .md file of the page you mean`, `link "/y": no page or file "y" in the site; link to the .md file of the page you mean`},
		{`raw HTML "<div>" is shown as text, not as HTML; write it in Markdown`, `raw HTML "<img src=\"x\">" is shown as text, not as HTML; write it in Markdown`},
		{`image "a.png" not found: expected the file en/a.png`, `image "b/c.png" not found: expected the file en/b/c.png`},
		{`weight: 20250617 is more than the maximum, 1000000`, `weight: 5000000 is more than the maximum, 1000000`},
		{`link "a.md": en/a.md does not exist`, `link "b.md": en/b.md does not exist (the reference is used on line 12)`},
		{"outdated: en/a.md changed; set `source_digest: 73b21b6a453c259e`", "outdated: en/b.md changed; set `source_digest: dfd859d2825a0885`"},
	}
	for _, pair := range same {
		if a, b := KindOf(pair[0]), KindOf(pair[1]); a != b {
			t.Errorf("one kind expected:\n%s\n%s", a, b)
		}
	}
	if a, b := KindOf(`unknown field "description"`), KindOf(`missing required field "title"; add it`); a == b {
		t.Errorf("different messages share the kind %q", a)
	}
}

func TestSummarizeAndImportance(t *testing.T) {
	var l List
	w := func(file, msg string) { l.Warnf(Pos{File: file, Line: 1}, "%s", msg) }
	e := func(file, msg string) { l.Errorf(Pos{File: file, Line: 1}, "%s", msg) }
	w("a.md", `raw HTML "<b>" is shown as text`)
	w("b.md", `raw HTML "<i>" is shown as text`)
	w("c.md", `raw HTML "<u>" is shown as text`)
	e("a.md", `link "x.md": x.md does not exist`)
	w("a.md", `image "i.png" has no alt text`)
	e("b.md", `link "y.md": y.md does not exist`)
	e("c.md", `unknown field "description"`)

	counts := l.Summarize()
	if len(counts) != 4 || counts[0].Severity != Error || counts[0].N != 2 || counts[2].Severity != Warning || counts[2].N != 3 {
		t.Fatalf("Summarize = %+v", counts)
	}
	got := l.ByImportance()
	want := []string{`link "x.md": x.md does not exist`, `unknown field "description"`, `link "y.md": y.md does not exist`,
		`raw HTML "<b>" is shown as text`, `image "i.png" has no alt text`, `raw HTML "<i>" is shown as text`, `raw HTML "<u>" is shown as text`}
	for i := range want {
		if got[i].Message != want[i] {
			t.Errorf("ByImportance()[%d] = %q, want %q", i, got[i].Message, want[i])
		}
	}
	if l.Files() != 3 || l.Warnings() != 4 {
		t.Errorf("Files, Warnings = %d, %d", l.Files(), l.Warnings())
	}
}
