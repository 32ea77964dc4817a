package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

// TestSlug pins GitHub's heading IDs (github-slugger, whose test fixtures
// several of these cases follow): lower case, punctuation and symbols
// removed except "-" and "_", each space a hyphen.
func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hello, World!", "hello-world"},
		{"Migrating from  v1.18.0", "migrating-from--v1180"}, // issue 20: GitHub's, not migrating-from-v1-18-0
		{"heading with a - dash", "heading-with-a---dash"},
		{"heading with an _ underscore", "heading-with-an-_-underscore"},
		{"exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"},
		{"apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"},
		{"I ♥ unicode", "i--unicode"},
		{"en–dash", "endash"},
		{"😄 unicode emoji", "-unicode-emoji"},
		{"snake_case and kebab-case", "snake_case-and-kebab-case"},
		{"C++ & Go 1.22: what's new?", "c--go-122-whats-new"},
		{"Résultats attendus", "résultats-attendus"},
		{"Re\u0301sultats", "résultats"}, // decomposed é is composed (NFC)
		{"ÉTÉ À LA MER", "été-à-la-mer"},
		{"Straße", "straße"},
		{"السياق", "السياق"},
		{"أهداف المشروع", "أهداف-المشروع"},
		{"السِّيَاق", "السِّيَاق"}, // Arabic vowel marks (Mn) are kept
		{"٢٠٢٤ خطة", "٢٠٢٤-خطة"},   // Arabic-Indic digits
		{"背景", "背景"},
		{"背景：目标、结果", "背景目标结果"}, // full-width punctuation is removed, as GitHub does
		{"Tracer 提供者 (Tracer Provider)", "tracer-提供者-tracer-provider"},
		{"हिन्दी शीर्षक", "हिन्दी-शीर्षक"}, // Devanagari vowel signs (Mc, Mn)
		{"Ελληνικά Κεφάλαια", "ελληνικά-κεφάλαια"},
		{"Привет non-latin 你好", "привет-non-latin-你好"},
		{"!!!", ""},
		{"", ""},
		{"a\u00a0b\tc", "abc"}, // only U+0020 becomes a hyphen
		{"<script>alert(1)</script>", "scriptalert1script"},
		{`" onmouseover="x`, "-onmouseoverx"},
	} {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func headingIDsOf(t *testing.T, src string) []string {
	t.Helper()
	doc, diags := New().Parse("test.md", []byte(src))
	if doc == nil {
		t.Fatalf("Parse: %v", diags)
	}
	var ids []string
	for _, h := range doc.Headings {
		ids = append(ids, h.ID)
	}
	return ids
}

func TestHeadingIDsUnique(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		// Numbered from -1, as on GitHub (issue 20: was -2).
		{"duplicates", "# Intro\n## Intro\n### Intro\n", []string{"intro", "intro-1", "intro-2"}},
		{"suffix taken by a real heading", "# Intro 1\n# Intro\n# Intro\n", []string{"intro-1", "intro", "intro-2"}},
		{"suffix of a suffix", "# Intro\n# Intro\n# Intro 1\n", []string{"intro", "intro-1", "intro-1-1"}},
		{"github-slugger repetition", "# echo\n# echo\n# echo 1\n# echo-1\n# echo\n", []string{"echo", "echo-1", "echo-1-1", "echo-1-2", "echo-2"}},
		{"arabic", "## السياق\n## السياق\n", []string{"السياق", "السياق-1"}},
		{"chinese", "## 背景\n## 背景\n## 背景\n", []string{"背景", "背景-1", "背景-2"}},
		{"french, differing only in case", "## Résumé\n## RÉSUMÉ\n", []string{"résumé", "résumé-1"}},
		{"no letters", "## !!!\n## ???\n", []string{"section", "section-1"}},
		{"setext and atx", "Intro\n=====\n\n# Intro\n", []string{"intro", "intro-1"}},
		{"explicit ID", "## Background {#context}\n## Context\n", []string{"context", "context-1"}},
		{"explicit ID taken later", "## Context\n## Background {#context}\n", []string{"context-1", "context"}},
		{"translation keeps the source's ID", "## 背景 {#context}\n## السياق {#objectives}\n", []string{"context", "objectives"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := headingIDsOf(t, tc.src)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("IDs = %q, want %q", got, tc.want)
			}
		})
	}
	// IDs are unique within a document, not across documents: every
	// page has its own #intro.
	for range 2 {
		if got := headingIDsOf(t, "# Intro\n"); len(got) != 1 || got[0] != "intro" {
			t.Errorf("second document: IDs = %q, want [intro]", got)
		}
	}
}

func TestHeadingIDsInOutput(t *testing.T) {
	out, _, _ := parseRender(t, "## السياق\n\n## السياق\n\n## 背景\n")
	for _, want := range []string{`<h2 id="السياق">`, `<h2 id="السياق-1">`, `<h2 id="背景">`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestHeadings(t *testing.T) {
	src := "# Blueprint title\n" + // 1
		"\n" + // 2
		"## Résultats *attendus*\n" + // 3
		"\n" + // 4
		"Setext heading\n" + // 5
		"--------------\n" + // 6
		"\n" + // 7
		"### `code` and [a link](other.md)\n" + // 8
		"\n" + // 9
		"> ## السياق\n" + // 10
		"\n" + // 11
		"- ## 背景\n" + // 12
		"\n" + // 13
		"## Closing ##\n" // 14
	doc, diags := New().Parse("content/en/page.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := []Heading{
		{Level: 1, Text: "Blueprint title", ID: "blueprint-title", Pos: diag.Pos{File: "content/en/page.md", Line: 1, Col: 1}},
		{Level: 2, Text: "Résultats attendus", ID: "résultats-attendus", Pos: diag.Pos{File: "content/en/page.md", Line: 3, Col: 1}},
		{Level: 2, Text: "Setext heading", ID: "setext-heading", Pos: diag.Pos{File: "content/en/page.md", Line: 5, Col: 1}},
		{Level: 3, Text: "code and a link", Pos: diag.Pos{File: "content/en/page.md", Line: 8, Col: 1}},
		{Level: 2, Text: "السياق", ID: "السياق", Pos: diag.Pos{File: "content/en/page.md", Line: 10}},
		{Level: 2, Text: "背景", ID: "背景", Pos: diag.Pos{File: "content/en/page.md", Line: 12}},
		{Level: 2, Text: "Closing", ID: "closing", Pos: diag.Pos{File: "content/en/page.md", Line: 14, Col: 1}},
	}
	if len(doc.Headings) != len(want) {
		t.Fatalf("got %d headings, want %d: %+v", len(doc.Headings), len(want), doc.Headings)
	}
	for i, w := range want {
		g := doc.Headings[i]
		if w.ID == "" {
			// The ID of a heading with markup is checked in
			// TestHeadingIDFromText.
			w.ID = g.ID
		}
		if w.Pos.Col == 0 {
			// Inside a container, whether the column points at the
			// container marker or at '#' is not specified.
			w.Pos.Col = g.Pos.Col
		}
		if g != w {
			t.Errorf("heading %d = %+v, want %+v", i, g, w)
		}
	}
}

func TestLinks(t *testing.T) {
	src := "# Title\n" + // 1
		"\n" + // 2
		"See the [guide](../guides/adapting.md#costs) for details, or [this](#title).\n" + // 3
		"Voilà le ![schéma](images/plan.png \"Plan\").\n" + // 4
		"\n" + // 5
		"Outside: [site](https://example.org/), [mail](mailto:a@example.org), [cdn](//cdn.example.org/x).\n" + // 6
		"\n" + // 7
		"[ref]: pages/ref.md\n" + // 8
		"\n" + // 9
		"> - nested [ref] link\n" // 10
	doc, diags := New().Parse("content/en/page.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	type link struct {
		dest   string
		image  bool
		pos    string
		usedAt string
	}
	var got []link
	for _, l := range doc.Links {
		got = append(got, link{l.Dest, l.Image, l.Pos.String(), l.UsedAt.String()})
	}
	want := []link{
		{"../guides/adapting.md#costs", false, "content/en/page.md:3:9", ""},
		{"#title", false, "content/en/page.md:3:62", ""},
		{"images/plan.png", true, "content/en/page.md:4:10", ""},
		// A reference link is reported at its definition (issue 20),
		// where the destination to fix is written.
		{"pages/ref.md", false, "content/en/page.md:8:1", "content/en/page.md:10:12"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Links =\n%v\nwant\n%v", got, want)
	}
	wantExternal := []string{"https://example.org/", "mailto:a@example.org", "//cdn.example.org/x"}
	if fmt.Sprint(doc.External) != fmt.Sprint(wantExternal) {
		t.Errorf("External = %q, want %q", doc.External, wantExternal)
	}
}

func TestLinkDestIsDecoded(t *testing.T) {
	// The resolver gets the destination as the browser would see it, not
	// the Markdown escapes, so "a\_b.md" finds the file a_b.md.
	doc, _ := New().Parse("test.md", []byte(`[x](a\_b.md) [y](caf&eacute;.md) [z](<with space.md>)`))
	var dests []string
	for _, l := range doc.Links {
		dests = append(dests, l.Dest)
	}
	if want := []string{"a_b.md", "café.md", "with space.md"}; fmt.Sprint(dests) != fmt.Sprint(want) {
		t.Errorf("Dests = %q, want %q", dests, want)
	}
}

func TestRenderUsesResolvedURLs(t *testing.T) {
	r := New()
	doc, _ := r.Parse("test.md", []byte("[a](a.md) ![b](b.png) [c](#c)"))
	var seen []string
	out, err := r.Render(doc, func(l Link) Target {
		seen = append(seen, l.Dest)
		return Target{URL: "/resolved/" + strings.TrimSuffix(l.Dest, ".md")}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a.md", "b.png", "#c"}; fmt.Sprint(seen) != fmt.Sprint(want) {
		t.Errorf("resolve called with %q, want %q", seen, want)
	}
	for _, want := range []string{`<a href="/resolved/a">a</a>`, `<img src="/resolved/b.png" alt="b" />`, `<a href="/resolved/#c">c</a>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}

func TestLinksAfterRemovedAutolink(t *testing.T) {
	// A removed autolink must not stop the checks of what follows it.
	out, doc, diags := parseRender(t, "<javascript:alert(1)> then [page](page.md) and <b>raw</b> and https://example.org")
	if len(doc.Links) != 1 || doc.Links[0].Dest != "page.md" {
		t.Errorf("Links = %+v, want page.md", doc.Links)
	}
	if want := []string{"https://example.org"}; fmt.Sprint(doc.External) != fmt.Sprint(want) {
		t.Errorf("External = %q, want %q", doc.External, want)
	}
	if len(diags) != 3 {
		t.Errorf("want 3 warnings (autolink, <b>, </b>), got %v", diags)
	}
	if !strings.Contains(string(out), `<a href="page/">page</a>`) || strings.Contains(string(out), "raw HTML omitted") {
		t.Errorf("output:\n%s", out)
	}
	// Raw HTML reads as typed, in the page and in its text.
	if !strings.Contains(doc.Text, "then page and <b>raw</b> and") || !strings.Contains(string(out), "&lt;b&gt;raw&lt;/b&gt;") {
		t.Errorf("Text = %q", doc.Text)
	}
}

func TestWarningPositions(t *testing.T) {
	src := "Intro\n" + // 1
		"\n" + // 2
		"Text with [x](javascript:a) and ![y](vbscript:b).\n" + // 3
		"\n" + // 4
		"<div>raw</div>\n" + // 5
		"\n" + // 6
		"Voilà <javascript:c>\n" // 7
	_, diags := New().Parse("f.md", []byte(src))
	var got []string
	for _, d := range diags {
		got = append(got, d.Pos.String())
		if d.Severity != diag.Warning {
			t.Errorf("not a warning: %v", d)
		}
	}
	want := []string{"f.md:3:11", "f.md:3:33", "f.md:5:1", "f.md:7:7"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("warnings at %v, want %v: %v", got, want, diags)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		line int
	}{
		{"100000 list markers", strings.Repeat("- ", 100000) + "x\n", 1},
		{"100000 block quote markers", strings.Repeat(">", 100000) + " x\n", 1},
		{"100000 spaced block quote markers", strings.Repeat("> ", 100000) + "x\n", 1},
		{"100000 ordered markers", strings.Repeat("1. ", 100000) + "x\n", 1},
		{"mixed, on line 3", "# Title\n\n" + strings.Repeat("> 1) * ", 40000) + "x\n", 3},
		{"just over the limit", strings.Repeat("- ", MaxNesting+1) + "x\n", 1},
		{"trailing markers without text", "ok\n" + strings.Repeat("> - ", 20000), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			done := make(chan struct{})
			var doc *Doc
			var diags diag.List
			go func() {
				defer close(done)
				doc, diags = New().Parse("deep.md", []byte(tc.src))
			}()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("Parse did not return within 20s")
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Parse took %v; the nesting check should reject the input at once", d)
			}
			if doc != nil {
				t.Errorf("Parse returned a document for hostile nesting")
			}
			if diags.Errors() != 1 {
				t.Fatalf("want one error, got %v", diags)
			}
			d := diags[0]
			if !strings.Contains(d.Message, "nested") {
				t.Errorf("error does not mention nesting: %v", d)
			}
			if d.Pos.File != "deep.md" || d.Pos.Line != tc.line {
				t.Errorf("error at %v, want deep.md:%d", d.Pos, tc.line)
			}
		})
	}
	// At the limit, or deep over several lines, is fine.
	for _, src := range []string{
		strings.Repeat("- ", MaxNesting) + "x\n",
		strings.Repeat(">", MaxNesting) + " x\n",
		"- a\n  - b\n    - c\n      - d\n",
		strings.Repeat("-", 200) + "\n",             // a thematic break
		strings.Repeat("1.5 ", 100) + "\n",          // not list markers
		strings.Repeat("-x ", 100) + "\n",           // not list markers
		strings.Repeat("1234567890. ", 100) + "x\n", // too many digits for a list marker
	} {
		doc, diags := New().Parse("ok.md", []byte(src))
		if doc == nil || diags.Errors() > 0 {
			t.Errorf("Parse(%.40q…) rejected: %v", src, diags)
		}
	}
}

func TestDocText(t *testing.T) {
	src := "# The *Title*\n\n" +
		"Some **bold**, _em_, ~~struck~~ text with [a link](x.md), ![an image](i.png) and `code`.\n" +
		"Second line.\n\n" +
		"- item one\n- item two\n\n" +
		"> quoted words\n\n" +
		"| Col A | Col B |\n|---|---|\n| cell 1 | cell 2 |\n\n" +
		"```go\nfunc main() {}\n```\n\n" +
		"<script>alert('not text')</script>\n\n" +
		"Term\n: Definition.\n\n" +
		"End[^1].\n\n[^1]: The note.\n"
	doc, _ := New().Parse("test.md", []byte(src))
	for _, want := range []string{
		"The Title",
		"Some bold, em, struck text with a link, an image and code.",
		"Second line.",
		"item one", "item two",
		"quoted words",
		"Col A", "cell 2",
		"func main() {}",
		"Term", "Definition.",
		"The note.",
	} {
		if !strings.Contains(doc.Text, want) {
			t.Errorf("Text lacks %q:\n%s", want, doc.Text)
		}
	}
	// The script block is shown to readers as text, so it is text.
	if !strings.Contains(doc.Text, "<script>alert('not text')</script>") {
		t.Errorf("Text lacks the raw HTML shown as text:\n%s", doc.Text)
	}
	for _, bad := range []string{"**", "_em_", "~~", "[a link]", "](", "x.md", "i.png", "`", "```", "#", "|---"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("Text contains markup %q:\n%s", bad, doc.Text)
		}
	}
	if doc.Text != strings.TrimSpace(doc.Text) {
		t.Errorf("Text is not trimmed: %q", doc.Text)
	}
}

// expectNone runs f, which returns the problems it found, and fails the
// test with them.
func expectNone(t *testing.T, f func() []string) {
	t.Helper()
	report(t, "", f(), nil)
}

func TestHeadingTextDecoded(t *testing.T) {
	expectNone(t, func() []string {
		doc, _ := New().Parse("test.md", []byte("## Costs &amp; benefits\n\n## R\\&D &copy; 2024\n\nBody &lt;b&gt; \\*x\\*\n"))
		var problems []string
		for i, want := range []string{"Costs & benefits", "R&D © 2024"} {
			if got := doc.Headings[i].Text; got != want {
				problems = append(problems, fmt.Sprintf("Heading.Text = %q, want %q", got, want))
			}
		}
		if !strings.Contains(doc.Text, "Body <b> *x*") {
			problems = append(problems, fmt.Sprintf("Doc.Text = %q, want it to contain %q", doc.Text, "Body <b> *x*"))
		}
		return problems
	})
}

func TestHeadingIDFromText(t *testing.T) {
	expectNone(t, func() []string {
		got := headingIDsOf(t, "## See [the guide](guide.md)\n\n## Costs &amp; benefits\n\n## Use `go test`\n\nFirst line\nsecond line\n===\n")
		want := []string{"see-the-guide", "costs--benefits", "use-go-test", "first-line-second-line"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			return []string{fmt.Sprintf("IDs = %q, want %q", got, want)}
		}
		return nil
	})
}

func TestDocTextAutolinks(t *testing.T) {
	expectNone(t, func() []string {
		doc, _ := New().Parse("test.md", []byte("See https://example.org, www.example.com and <team@example.org> now."))
		if want := "See https://example.org, www.example.com and team@example.org now."; doc.Text != want {
			return []string{fmt.Sprintf("Text = %q, want %q", doc.Text, want)}
		}
		return nil
	})
}

func TestPositionsOfInlineNodes(t *testing.T) {
	expectNone(t, func() []string {
		src := "# A\n" + // 1
			"\n" + // 2
			"#\n" + // 3  empty heading
			"\n" + // 4
			"first\n" + // 5
			"x [**bold**](a.md) [`code`](b.md) ![](c.png)\n" + // 6
			"<img src=x>\n" // 7
		doc, diags := New().Parse("f.md", []byte(src))
		var problems []string
		if got := doc.Headings[1].Pos.String(); got != "f.md:3:1" {
			problems = append(problems, fmt.Sprintf("empty heading at %s, want f.md:3:1", got))
		}
		var got []string
		for _, l := range doc.Links {
			got = append(got, l.Pos.String())
		}
		if want := []string{"f.md:6:3", "f.md:6:20", "f.md:6:35"}; fmt.Sprint(got) != fmt.Sprint(want) {
			problems = append(problems, fmt.Sprintf("links at %v, want %v", got, want))
		}
		// The image without alt text is reported at the image, the raw HTML
		// at its line.
		if len(diags) != 2 || diags[0].Pos.String() != "f.md:6:35" || !strings.Contains(diags[0].Message, "no alt text") || diags[1].Pos.String() != "f.md:7:1" {
			problems = append(problems, fmt.Sprintf("warnings %v, want alt text at f.md:6:35 and raw HTML at f.md:7:1", diags))
		}
		return problems
	})
}

func TestRenderUnresolvedLink(t *testing.T) {
	expectNone(t, func() []string {
		r := New()
		doc, _ := r.Parse("test.md", []byte("[missing](nowhere.md) and ![gone](gone.png)"))
		out, err := r.Render(doc, func(Link) Target { return Target{} })
		if err != nil {
			return []string{err.Error()}
		}
		var problems []string
		if !strings.Contains(string(out), "missing") {
			problems = append(problems, "link text lost")
		}
		for _, tok := range append(tags(out, "a"), tags(out, "img")...) {
			for _, a := range tok.Attr {
				if a.Key == "href" || a.Key == "src" {
					problems = append(problems, fmt.Sprintf("<%s %s=%q> for an unresolved link", tok.Data, a.Key, a.Val))
				}
			}
		}
		return problems
	})
}

func TestRenderWritesResolvedURLVerbatim(t *testing.T) {
	expectNone(t, func() []string {
		var problems []string
		for _, u := range []string{`../r&amp;d/`, `x&#35;y/`, `../caf&eacute;/`} {
			r := New()
			doc, _ := r.Parse("test.md", []byte("[x](page.md)"))
			out, err := r.Render(doc, func(Link) Target { return Target{URL: u} })
			if err != nil {
				return []string{err.Error()}
			}
			a := tags(out, "a")
			if len(a) != 1 {
				problems = append(problems, fmt.Sprintf("output: %s", out))
				continue
			}
			if href, _ := attr(a[0], "href"); href != u {
				problems = append(problems, fmt.Sprintf("resolved %q, written as %q", u, href))
			}
		}
		return problems
	})
}

func TestDeepFootnoteNesting(t *testing.T) {
	// Footnote definitions are containers too, and goldmark is quadratic
	// in their nesting: 40,000 "[^a]: " on one line (240 KB) take seconds.
	expectNone(t, func() []string {
		doc, diags := New().Parse("deep.md", []byte(strings.Repeat("[^a]: ", MaxNesting+1)+"x\n"))
		if doc != nil || diags.Errors() != 1 || !strings.Contains(diags[0].Message, "nested") {
			return []string{fmt.Sprintf("%d nested footnote definitions accepted: %v", MaxNesting+1, diags)}
		}
		return nil
	})
}

func TestRenderMarksLinksToAnotherLanguage(t *testing.T) {
	r := New()
	doc, _ := r.Parse("fr/a.md", []byte("Voir [Ashesi](ashesi.md)."))
	out, err := r.Render(doc, func(Link) Target {
		return Target{URL: "../../en/ashesi/", Note: " (English)"}
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := `<a href="../../en/ashesi/">Ashesi (English)</a>`; !strings.Contains(string(out), want) {
		t.Errorf("got %s, want %s", out, want)
	}
}

func TestExternalLinksMustBeWellFormed(t *testing.T) {
	tests := []struct {
		src, want string // want: "" for no error
	}{
		{"[a](https://example.org/page)", ""},
		{"[a](mailto:team@example.org)", ""},
		{"[a](https://)", "no host name"},
		{"[a](http:/example.org)", "no host name"},
		{"[a](mailto:team)", "needs an address"},
		{"[a](<https://example.org/a page>)", "contains spaces"},
		{"[a](https://exa mple.org)", ""}, // not a link at all in CommonMark: text
	}
	for _, tt := range tests {
		_, diags := New().Parse("x.md", []byte(tt.src))
		got := ""
		for _, d := range diags {
			if d.Severity == diag.Error {
				got = d.Message
			}
		}
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("%s: error %q, want one containing %q", tt.src, got, tt.want)
		}
	}
}

// TestPlainTextSeparatesBlocks: the text search indexes keeps the words of
// neighbouring table cells, list items, definitions and code lines apart.
func TestPlainTextSeparatesBlocks(t *testing.T) {
	src := "| Item | Amount |\n|---|---|\n| Seed | 500 |\n\n- one\n- two\n\nTerm\n: Definition\n\n> quoted\n\n```\ncode\n```\nend"
	doc, _ := New().Parse("test.md", []byte(src))
	words := strings.Fields(doc.Text)
	want := []string{"Item", "Amount", "Seed", "500", "one", "two", "Term", "Definition", "quoted", "code", "end"}
	if !slices.Equal(words, want) {
		t.Errorf("words of Text = %q, want %q", words, want)
	}
}

// TestExplicitHeadingIDs pins the {#id} syntax of issue 20: it was shown
// literally; now it sets the ID, and nothing else a heading could carry.
func TestExplicitHeadingIDs(t *testing.T) {
	out, doc, diags := parseRender(t, "## Tracer provider {#tracer-provider}\n\nText.\n\n## Again {#tracer-provider}\n\n## Styled {#ok .big onclick=\"alert(1)\"}\n")
	for _, want := range []string{`<h2 id="tracer-provider">Tracer provider</h2>`, `<h2 id="ok">Styled</h2>`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "{#") || strings.Contains(string(out), "onclick") || strings.Contains(string(out), "class=") {
		t.Errorf("attribute syntax or attributes other than id in the output:\n%s", out)
	}
	if got := doc.Headings[0]; got.ID != "tracer-provider" || got.Text != "Tracer provider" {
		t.Errorf("Headings[0] = %+v", got)
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, fmt.Sprintf("%d: %s", d.Pos.Line, d.Message))
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"5: heading ID #tracer-provider is used twice in this file (first on line 1)", `7: heading attribute "class" was ignored`, `7: heading attribute "onclick" was ignored`} {
		if !strings.Contains(joined, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, joined)
		}
	}
	if doc.Headings[1].ID == "tracer-provider" {
		t.Errorf("a duplicate explicit ID was used twice")
	}
	checkRendered(t, "", out)
}

// TestExternalImageIsAnError pins issue 20: the site's CSP blocks images
// from other sites, so one would silently show nothing.
func TestExternalImageIsAnError(t *testing.T) {
	for _, src := range []string{
		"Logo: ![OpenTelemetry logo](https://example.org/img/logo.png?v=2)",
		"Logo: ![OpenTelemetry logo](http://example.org/img/logo.png)",
		"Logo: ![OpenTelemetry logo](//example.org/img/logo.png)",
		"Logo: ![OpenTelemetry logo][l]\n\n[l]: https://example.org/img/logo.png",
	} {
		out, doc, diags := parseRender(t, src)
		if len(diags) != 1 || diags[0].Severity != diag.Error || diags[0].Pos.Line != 1 || diags[0].Pos.Col != 7 ||
			!strings.Contains(diags[0].Message, "download it into the page's folder") || !strings.Contains(diags[0].Message, "![OpenTelemetry logo](logo.png)") {
			t.Errorf("%q: want one error at 1:7 saying to download the image, got %v", src, diags)
		}
		if strings.Contains(string(out), "<img") || !strings.Contains(string(out), "OpenTelemetry logo") || len(doc.External) != 0 {
			t.Errorf("%q: the image must give way to its alt text: %s", src, out)
		}
	}
	// A link to an image elsewhere is fine: it leaves only when followed.
	if _, _, diags := parseRender(t, "[logo](https://example.org/logo.png)"); len(diags) != 0 {
		t.Errorf("link to an external image: %v", diags)
	}
}

// TestCodeHighlighting pins build-time highlighting (issue 20): spans with
// classes, no script, the code's text unchanged, unknown languages plain.
func TestCodeHighlighting(t *testing.T) {
	out, doc, _ := parseRender(t, "```go\n// Say hello.\nfunc main() { fmt.Println(\"<hi>\", 42) }\n```\n\n```nosuchlang\nx <y>\n```\n\n```\nplain\n```\n")
	for _, want := range []string{
		`<pre dir="ltr"><code class="language-go"><span class="c">// Say hello.</span>`,
		`<span class="k">func</span> <span class="nf">main</span>()`,
		`<span class="s">&quot;&lt;hi&gt;&quot;</span>`,
		`<span class="m">42</span>`,
		"<pre dir=\"ltr\"><code class=\"language-nosuchlang\">x &lt;y&gt;\n</code></pre>",
		"<pre dir=\"ltr\"><code>plain\n</code></pre>",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if !strings.Contains(doc.Text, `fmt.Println("<hi>", 42)`) {
		t.Errorf("Text lost the code: %q", doc.Text)
	}
	checkRendered(t, "", out)
}

// TestAlerts pins GitHub alerts (issue 20): "> [!NOTE]" was shown
// literally; now it is a callout titled in the page's language.
func TestAlerts(t *testing.T) {
	src := "> [!NOTE]\n>\n> The following JSON examples are **not** OTLP.\n\n> [!warning]\n> Mind the [gap](#gap).\n\n> [!TIP] not alone on its line\n\n> Just a quote.\n\n## Gap\n"
	r := New()
	doc, diags := r.Parse("test.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if strings.Contains(doc.Text, "[!NOTE]") || !strings.Contains(doc.Text, "The following JSON examples are not OTLP.") {
		t.Errorf("Text = %q", doc.Text)
	}
	out, err := r.RenderLocalized(doc, testResolve, Labels{"note": "Remarque"})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<div class=\"callout callout-note\" role=\"note\"><p class=\"callout-title\">Remarque</p>\n<p>The following JSON examples are <strong>not</strong> OTLP.</p>\n</div>",
		"<div class=\"callout callout-warning\" role=\"note\"><p class=\"callout-title\">Warning</p>\n<p>Mind the <a href=\"#gap\">gap</a>.</p>\n</div>",
		"<blockquote>\n<p>[!TIP] not alone on its line</p>",
		"<blockquote>\n<p>Just a quote.</p>",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(string(out), "[!NOTE]") || strings.Contains(string(out), "[!warning]") {
		t.Errorf("alert marker shown:\n%s", out)
	}
}
