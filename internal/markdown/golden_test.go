package markdown

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// knownGoldenBugs lists golden files that hold the correct output, written by
// hand, while the renderer still gets it wrong. A mismatch there skips the
// test instead of failing it, and -update leaves those files alone. Remove the
// entry once the bug is fixed: the test then fails if the output is not
// exactly the expected one.
var knownGoldenBugs = map[string]string{}

// TestGolden renders each testdata/golden/NAME.md and compares the HTML with
// NAME.html. Run with -update to rewrite the .html files, then read the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatal("no golden inputs in testdata/golden")
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".md")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			r := New()
			doc, diags := r.Parse(filepath.ToSlash(in), src)
			if doc == nil {
				t.Fatalf("Parse returned no document: %v", diags)
			}
			for _, d := range diags {
				t.Errorf("unexpected diagnostic: %v", d)
			}
			got, err := r.Render(doc, testResolve)
			if err != nil {
				t.Fatal(err)
			}
			if p := unsafeHTML(got); p != nil {
				t.Errorf("unsafe output: %q", p)
			}
			golden := strings.TrimSuffix(in, ".md") + ".html"
			bug, known := knownGoldenBugs[name]
			if *update && !known {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if known {
				if bytes.Equal(got, want) {
					t.Fatalf("%s now matches: the bug %q is fixed, remove it from knownGoldenBugs", golden, bug)
				}
				t.Skipf("bug: %s\n--- got\n%s\n--- want\n%s", bug, got, want)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the output (run go test -run TestGolden -update and review the diff)\n--- got\n%s\n--- want\n%s", golden, got, want)
			}
		})
	}
}
