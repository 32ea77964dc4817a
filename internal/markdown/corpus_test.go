package markdown

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

// The public corpora live in internal/testdata/ (see its README for
// sources, versions and licenses); other packages' tests read them too.
const corpusDir = "../testdata/"

// specExample is one example of the CommonMark spec, as vendored.
type specExample struct {
	Example  int    `json:"example"`
	Section  string `json:"section"`
	Markdown string `json:"markdown"`
}

func loadSpec(t testing.TB) []specExample {
	t.Helper()
	data, err := os.ReadFile(corpusDir + "commonmark/spec.json")
	if err != nil {
		t.Fatal(err)
	}
	var examples []specExample
	if err := json.Unmarshal(data, &examples); err != nil {
		t.Fatal(err)
	}
	// The spec writes tabs as "→" so they show; its own runner turns
	// them back before parsing, and so do we.
	for i := range examples {
		examples[i].Markdown = strings.ReplaceAll(examples[i].Markdown, "→", "\t")
	}
	return examples
}

// loadLines reads a corpus file of one test string a line.
func loadLines(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open(corpusDir + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sc.Text() != "" {
			lines = append(lines, sc.Text())
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// checkRendered reports what is wrong with the HTML Render made of src:
// invalid UTF-8, HTML the tokenizer cannot read, anything unsafe, or a link
// or image scheme outside the site's policy.
func checkRendered(t *testing.T, src string, out []byte) {
	t.Helper()
	var problems []string
	if !utf8.Valid(out) {
		problems = append(problems, "output is not valid UTF-8")
	}
	problems = append(problems, unsafeHTML(out)...)
	problems = append(problems, disallowedURLs(out)...)
	if len(problems) > 0 {
		t.Errorf("%s\ninput: %q\noutput: %s", strings.Join(problems, "\n"), src, out)
	}
}

// TestCommonMarkSpecExamples renders every example of the CommonMark spec,
// which between them reach every construct of the grammar, including its raw
// HTML, entity and link-destination edge cases: each must render to
// well-formed, safe HTML.
func TestCommonMarkSpecExamples(t *testing.T) {
	examples := loadSpec(t)
	if len(examples) < 600 {
		t.Fatalf("only %d spec examples loaded; the vendored file is damaged", len(examples))
	}
	for _, ex := range examples {
		t.Run(fmt.Sprintf("%d", ex.Example), func(t *testing.T) {
			out, doc, diags := parseRender(t, ex.Markdown)
			if doc == nil {
				t.Fatalf("%s example %d: Parse returned no document: %v", ex.Section, ex.Example, diags)
			}
			checkRendered(t, ex.Markdown, out)
		})
	}
}

// TestXSSVectors renders each OWASP filter-evasion vector and Markdown XSS
// payload on its own and inside the constructs where a link or raw HTML can
// hide: a heading, a table cell, a footnote, a list in a quote, a link text
// and an image's alt text.
func TestXSSVectors(t *testing.T) {
	var vectors []string
	for _, file := range []string{"xss/owasp.txt", "xss/markdown.txt"} {
		vectors = append(vectors, loadLines(t, file)...)
	}
	if len(vectors) < 100 {
		t.Fatalf("only %d vectors loaded", len(vectors))
	}
	for i, v := range vectors {
		for _, shape := range xssShapes() {
			src := strings.ReplaceAll(shape.src, "VECTOR", v)
			t.Run(fmt.Sprintf("%d/%s", i+1, shape.name), func(t *testing.T) {
				out, doc, diags := parseRender(t, src)
				if doc == nil {
					t.Fatalf("Parse returned no document: %v", diags)
				}
				checkRendered(t, src, out)
			})
		}
	}
}

// xssShapes are the places a vector is put; VECTOR stands for it.
func xssShapes() []struct{ name, src string } {
	return []struct{ name, src string }{
		{"alone", "VECTOR"},
		{"heading", "## VECTOR"},
		{"table", "| a | VECTOR |\n|---|---|\n| VECTOR | b |"},
		{"footnote", "See[^n].\n\n[^n]: VECTOR"},
		{"quoted list", "> - VECTOR"},
		{"link text", "[VECTOR](https://example.org/)"},
		{"link destination", "[x](VECTOR)"},
		{"angle destination", "[x](<VECTOR>)"},
		{"image alt", "![VECTOR](x.png)"},
		{"image source", "![x](VECTOR)"},
		{"reference", "[x][r]\n\n[r]: VECTOR"},
		{"definition", "Term\n: VECTOR"},
	}
}
