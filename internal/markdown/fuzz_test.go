package markdown

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParseRender checks that no input makes Parse or Render panic, and that
// whatever the input the HTML is safe: no script, no event handler, no
// javascript, vbscript or data URL.
func FuzzParseRender(f *testing.F) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil {
		f.Fatal(err)
	}
	for _, in := range inputs {
		src, err := os.ReadFile(in)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(src))
	}
	for _, tc := range hostileTests {
		f.Add(tc.src)
	}
	for _, tc := range allowedTests {
		f.Add(tc.src)
	}
	for _, ex := range loadSpec(f) {
		f.Add(ex.Markdown)
	}
	for _, file := range []string{"xss/owasp.txt", "xss/markdown.txt"} {
		for _, v := range loadLines(f, file) {
			f.Add(v)
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 64<<10 {
			// goldmark is superlinear on some inputs (long runs of
			// emphasis delimiters, brackets); big inputs only slow the
			// fuzzer down.
			t.Skip()
		}
		r := New()
		doc, diags := r.Parse("fuzz.md", []byte(src))
		for _, d := range diags {
			if d.Pos.File != "fuzz.md" || d.Pos.Line < 1 || d.Pos.Col < 1 {
				t.Errorf("diagnostic without a position: %v", d)
			}
		}
		if doc == nil {
			if diags.Errors() == 0 {
				t.Fatalf("Parse returned no document and no error: %v", diags)
			}
			return
		}
		ids := map[string]bool{}
		for _, h := range doc.Headings {
			if h.ID == "" || ids[h.ID] {
				t.Errorf("heading %+v: empty or duplicate ID", h)
			}
			ids[h.ID] = true
		}
		out, err := r.Render(doc, testResolve)
		if err != nil {
			t.Fatalf("Render: %v", err)
		}
		if p := unsafeHTML(out); p != nil {
			t.Fatalf("unsafe output %q\ninput: %q\noutput: %s", p, src, out)
		}
	})
}
