package markdown

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/diag"
)

// TestLimits: each limit refuses its hostile shape at once, at the line
// it is hit, before goldmark sees the file. Each of these shapes, about
// 400 KB, once took goldmark from ten seconds to minutes.
func TestLimits(t *testing.T) {
	fill := func(unit string) string { return strings.Repeat(unit, 400_000/len(unit)) }
	many := func(n int, f func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(f(i))
		}
		return b.String()
	}
	tests := []struct {
		name string
		src  string
		pos  string
		msg  string
	}{
		{"unclosed links", fill("[a]("), "x.md:1:1", "links, images and web addresses in one file, more than the 5000 allowed"},
		{"unclosed links on many lines", "Intro.\n\n" + fill("[a](b\n"), "x.md:5003:1", "links, images and web addresses"},
		{"unclosed link text", fill("[a"), "x.md:1:1", "too much inline markup"},
		{"nested brackets", strings.Repeat("[", 200_000) + "a" + strings.Repeat("]", 200_000), "x.md:1:1", "too much inline markup"},
		{"mismatched emphasis", fill("*a_ "), "x.md:1:1", "too much inline markup"},
		{"headings", fill("# a\n"), "x.md:1001:1", "headings in one file, more than the 1000 allowed"},
		{"setext headings", fill("a\n=\n"), "x.md:2002:1", "headings in one file"},
		{"footnotes", many(30_000, func(i int) string { return fmt.Sprintf("[^%d]\n", i) }) + "\n" + many(30_000, func(i int) string { return fmt.Sprintf("[^%d]: x\n", i) }), "x.md:31002:1", "definitions in one file, more than the 1000 allowed"},
		{"link references", many(30_000, func(i int) string { return fmt.Sprintf("[%d]: u\n", i) }), "x.md:1001:1", "definitions in one file"},
		{"task list", fill("- [ ] a\n"), "x.md:10001:1", "list items, table rows and columns, code blocks and definitions in one file, more than the 10000 allowed"},
		{"table rows", "|a|b|\n|-|-|\n" + fill("|a|b|\n"), "x.md:10000:1", "list items, table rows"},
		{"code blocks", fill("```go\nx\n```\n\n"), "x.md:40001:1", "code blocks"},
		{"wide table", "|" + strings.Repeat("a|", 100_000) + "\n|" + strings.Repeat("-|", 100_000) + "\n", "x.md:2:1", "list items, table rows"},
		{"definition lists", fill("a\n: b\n"), "x.md:20002:1", "list items, table rows"},
		{"bare web addresses", fill("www.a.com "), "x.md:1:1", "links, images and web addresses in one file, more than the 5000 allowed"},
		{"links in a list", many(6000, func(int) string { return "Read [a](https://e.org/).\n\n" }), "x.md:10001:1", "links, images and web addresses"},
		{"lists nested by indentation", many(200, func(i int) string { return strings.Repeat("  ", i) + "* a\n" }), "x.md:66:1", "indented more than 128 columns"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, diags := New().Parse("x.md", []byte(tt.src))
			if doc != nil {
				t.Error("Parse returned a document")
			}
			if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].Pos.String() != tt.pos || !strings.Contains(diags[0].Message, tt.msg) {
				t.Errorf("want one error at %s containing %q; got %v", tt.pos, tt.msg, diags)
			}
		})
	}
}

// TestLimitsLeaveOrdinaryMarkdown: fenced code is not counted, tables
// count per row, and every file of the bundled knowledge base is far
// under every limit, so the limits refuse only what no writer needs.
func TestLimitsLeaveOrdinaryMarkdown(t *testing.T) {
	for _, src := range []string{
		"```\n" + strings.Repeat("[a](", 100_000) + "\n```\n",
		"~~~~\n" + strings.Repeat("# a\n", 5000) + "~~~~\n",
		"| a | b |\n|---|---|\n" + strings.Repeat("| [x](https://e.org/) *y* | `z` |\n", 4000),
		strings.Repeat("A paragraph with a [link](https://e.org/), *emphasis* and `code`.\n\n", 4000),
	} {
		if _, msg, ok := checkLimits("x.md", []byte(src)); !ok {
			t.Errorf("refused %.40q…: %s", src, msg)
		}
	}
	files, _ := filepath.Glob("../../content/*/*/*.md")
	more, _ := filepath.Glob("../../content/*/*.md")
	files = append(files, more...)
	if len(files) < 50 {
		t.Fatalf("found only %d content files", len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		c := countMarkup(src)
		if c.headings > MaxHeadings/10 || c.definitions > MaxDefinitions/10 || c.blocks > MaxBlocks/10 || c.links > MaxLinks/10 || c.work > MaxInlineWork/100 || c.indentLine > 0 {
			t.Errorf("%s is close to a limit: %+v", f, c)
		}
	}
}

// TestHeadingIDsLinear: 80,000 headings of one text took minutes, each
// trying every suffix taken before it. The IDs stay GitHub's.
func TestHeadingIDsLinear(t *testing.T) {
	ids := newHeadingIDs(nil)
	for i := range 200_000 {
		got := ids.generate("a")
		want := "a"
		if i > 0 {
			want = fmt.Sprintf("a-%d", i)
		}
		if got != want {
			t.Fatalf("heading %d: id %q, want %q", i, got, want)
		}
	}
}

// TestHighlightBudget: chroma took 1.2 s and allocated 1.6 GB for a file of
// six 60 KB code blocks of unclosed JavaScript strings. A file's code is
// coloured only up to its budget; the rest is shown plain, unchanged.
func TestHighlightBudget(t *testing.T) {
	block := func(lines int) string { return "```go\n" + strings.Repeat("x := \"a\"\n", lines) + "```\n\n" }
	// A coloured block's first line is "x := <span class="s">…".
	countColoured := func(html []byte) int { return strings.Count(string(html), `<code class="language-go">x := <span`) }
	// Two blocks of 4 KB: the first fits the 6 KB budget, the second not.
	big := block(4096 / 9)
	out, _, diags := parseRender(t, big+big)
	if diags.Err() != nil {
		t.Fatal(diags)
	}
	if n := countColoured(out); n != 1 {
		t.Errorf("%d of two 4 KB blocks coloured, want the first", n)
	}
	if n := strings.Count(string(out), "x := &quot;a&quot;\n"); n != 4096/9 {
		t.Errorf("the plain block shows %d of its %d lines as written", n, 4096/9)
	}
	// Small blocks: the first 100 are coloured.
	out, _, _ = parseRender(t, strings.Repeat(block(1), 120))
	if n := countColoured(out); n != maxHighlightBlocks {
		t.Errorf("%d of 120 small blocks coloured, want %d", n, maxHighlightBlocks)
	}
}
