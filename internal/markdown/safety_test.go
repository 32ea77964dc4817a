package markdown

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/diag"
)

// hostileTests are Markdown inputs that try to get script into the page.
// Whatever the input, the output must be safe (see unsafeHTML) and every href
// or src must be http, https, mailto or relative. Where the input holds a
// link or image that Parse removes, or raw HTML that it shows as text,
// warnLines lists the lines of the warnings it must report, in order.
var hostileTests = []struct {
	name      string
	src       string
	warnLines []int  // lines of the expected warnings; nil: none required
	keep      string // text that must survive in the output
	bug       string // known bug: a failure skips the test
}{
	{name: "javascript", src: "[x](javascript:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "javascript upper case", src: "[x](JAVASCRIPT:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "javascript mixed case line 3", src: "Intro\n\nSome [x](JaVaScRiPt:alert(1)) text", warnLines: []int{3}, keep: "Some x text"},
	{name: "javascript with title", src: `[x](javascript:alert(1) "title")`, warnLines: []int{1}, keep: "x"},
	{name: "javascript in angle brackets", src: "[x](<javascript:alert(1)>)", warnLines: []int{1}, keep: "x"},
	{name: "tab inside scheme, angle brackets", src: "[x](<java\tscript:alert(1)>)", warnLines: []int{1}, keep: "x"},
	{name: "leading space, angle brackets", src: "[x](< javascript:alert(1)>)", warnLines: []int{1}, keep: "x"},
	{name: "leading control character", src: "[x](\x01javascript:alert(1))", warnLines: []int{1}, keep: "x"},
	// CommonMark does not make links of these: a space, tab or newline
	// ends an unbracketed destination. The output must simply be safe.
	{name: "tab inside scheme, not a link", src: "[x](java\tscript:alert(1))"},
	{name: "newline inside scheme, not a link", src: "[x](java\nscript:alert(1))"},
	{name: "newline inside scheme, angle brackets, not a link", src: "[x](<java\nscript:alert(1)>)"},
	{name: "vbscript", src: "[x](vbscript:msgbox(1))", warnLines: []int{1}, keep: "x"},
	{name: "data text/html", src: "[x](data:text/html;base64,PHNjcmlwdD4=)", warnLines: []int{1}, keep: "x"},
	{name: "file", src: "[x](file:///etc/passwd)", warnLines: []int{1}, keep: "x"},
	{name: "invalid scheme", src: "[x](java_script:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "backslash-escaped colon", src: `[x](javascript\:alert(1))`, warnLines: []int{1}, keep: "x"},
	{name: "percent-encoded colon is a relative path", src: "[x](javascript%3Aalert(1))", keep: "x"},
	{name: "image javascript", src: "![x](javascript:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "image data svg", src: "![x](data:image/svg+xml;base64,PHN2Zz4=)", warnLines: []int{1}, keep: "x"},
	{name: "image data png", src: "![x](data:image/png;base64,iVBORw0KGgo=)", warnLines: []int{1}, keep: "x"},
	{name: "image inside javascript link", src: "[![i](javascript:a)](vbscript:b)", warnLines: []int{1, 1}, keep: "i"},
	{name: "autolink javascript", src: "<javascript:alert(1)>", warnLines: []int{1}, keep: "javascript:alert(1)"},
	{name: "autolink vbscript line 2", src: "Text\n<vbscript:msgbox(1)>", warnLines: []int{2}},
	{name: "link after a removed autolink", src: "<javascript:alert(1)> [y](vbscript:msgbox(1))", warnLines: []int{1, 1}, keep: "y"},
	{name: "raw HTML after a removed autolink", src: "<javascript:alert(1)> <img src=x onerror=alert(1)>", warnLines: []int{1, 1}},
	{name: "script block", src: "<script>alert(1)</script>", warnLines: []int{1}},
	{name: "script block line 3", src: "Text\n\n<script>\nalert(1)\n</script>\n\nMore", warnLines: []int{3}, keep: "More"},
	{name: "style block", src: "<style>body{display:none}</style>", warnLines: []int{1}},
	{name: "iframe block", src: "<iframe src=\"javascript:alert(1)\"></iframe>", warnLines: []int{1}},
	{name: "html comment", src: "<!-- <script>alert(1)</script> -->", warnLines: []int{}}, // dropped quietly
	{name: "inline img onerror", src: "Hello <img src=x onerror=alert(1)> world", warnLines: []int{1}, keep: "world"},
	{
		name: "inline img onerror on line 2 of a paragraph", src: "Hello\nworld <img src=x onerror=alert(1)>", warnLines: []int{2}, keep: "world",
	},
	{name: "inline a javascript", src: `Click <a href="javascript:x">here</a>`, warnLines: []int{1, 1}, keep: "here"},
	{name: "a javascript block", src: "<a href=\"javascript:x\">\n\nhere", warnLines: []int{1}, keep: "here"},
	{name: "svg onload", src: `<svg onload=alert(1)>`, warnLines: []int{1}},
	{name: "decimal entity in scheme", src: "[x](&#106;avascript:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "hex entity in scheme", src: "[x](&#x6A;avascript:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "named entity colon", src: "[x](javascript&colon;alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "entity tab inside scheme", src: "[x](java&#9;script:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "reference javascript", src: "[x][r]\n\n[r]: javascript:alert(1)", warnLines: []int{1}, keep: "x"},
	{name: "reference with title line 3", src: "Intro\n\nSee [x][r].\n\n[r]: <javascript:alert(1)> \"t\"", warnLines: []int{3}, keep: "See x."},
	{name: "collapsed reference", src: "[r][]\n\n[r]: vbscript:x", warnLines: []int{1}, keep: "r"},
	{name: "shortcut reference", src: "[r]\n\n[r]: data:text/html,x", warnLines: []int{1}, keep: "r"},
	{name: "reference image", src: "![r][r]\n\n[r]: javascript:x", warnLines: []int{1}},
	{name: "link in heading", src: "# [x](javascript:alert(1))", warnLines: []int{1}, keep: "x"},
	{name: "link in table", src: "|a|\n|-|\n|[x](javascript:alert(1))|", warnLines: []int{3}, keep: "x"},
	{name: "link in footnote", src: "Note[^1]\n\n[^1]: [x](javascript:alert(1))", warnLines: []int{3}, keep: "x"},
	{name: "link in list in quote", src: "> - see [x](javascript:alert(1))", warnLines: []int{1}, keep: "see x"},
	{name: "link in definition", src: "Term\n: [x](javascript:alert(1))", warnLines: []int{2}, keep: "x"},
	// "&amp;#106;" is the literal text "&#106;": the destination is the
	// relative URL "&#106;avascript:…", which must not be decoded twice.
	{name: "double-encoded entity", src: "[x](&amp;#106;avascript:alert(1))", keep: "x"},
	{name: "autolink between links", src: "[a](javascript:a) <vbscript:b> [c](data:c)", warnLines: []int{1, 1, 1}, keep: "a vbscript:b c"},
	{name: "title breakout", src: `[x](https://example.org "\" onmouseover=\"alert(1)")`, keep: "x"},
	{name: "code span with script", src: "`<script>alert(1)</script>`", keep: "&lt;script&gt;"},
	{name: "fenced code with script", src: "```html\n<script>alert(1)</script>\n```", keep: `&lt;<span class="nt">script</span>&gt;`}, // highlighted, escaped
	{name: "fence info string breakout", src: "```\"><script>alert(1)</script>\nx\n```"},
}

func TestHostileMarkdown(t *testing.T) {
	for _, tc := range hostileTests {
		t.Run(tc.name, func(t *testing.T) {
			out, doc, diags := parseRender(t, tc.src)
			if doc == nil {
				t.Fatalf("Parse returned no document: %v", diags)
			}
			var problems []string
			for _, p := range unsafeHTML(out) {
				problems = append(problems, "unsafe output: "+p)
			}
			problems = append(problems, disallowedURLs(out)...)
			if tc.keep != "" && !strings.Contains(string(out), tc.keep) {
				problems = append(problems, fmt.Sprintf("output lost %q", tc.keep))
			}
			if tc.warnLines != nil {
				var lines []int
				for _, d := range diags {
					if d.Severity != diag.Warning {
						problems = append(problems, fmt.Sprintf("diagnostic is not a warning: %v", d))
						continue
					}
					if d.Pos.File != "test.md" || d.Pos.Line == 0 || d.Pos.Col == 0 {
						problems = append(problems, fmt.Sprintf("warning without file:line:col: %v", d))
					}
					if !strings.Contains(d.Message, "removed") && !strings.Contains(d.Message, "shown as text") {
						problems = append(problems, fmt.Sprintf("warning does not say what was removed: %v", d))
					}
					lines = append(lines, d.Pos.Line)
				}
				if !slices.Equal(lines, tc.warnLines) {
					problems = append(problems, fmt.Sprintf("warnings on lines %v, want %v: %v", lines, tc.warnLines, diags))
				}
			}
			report(t, tc.bug, problems, out)
		})
	}
}

// report fails t with problems, or skips it if they are a known bug. A known
// bug that no longer shows fails the test, so its note gets removed.
func report(t *testing.T, bug string, problems []string, out []byte) {
	t.Helper()
	switch {
	case len(problems) > 0 && bug != "":
		t.Skipf("bug: %s\n%s%s", bug, strings.Join(problems, "\n"), outputNote(out))
	case len(problems) > 0:
		t.Errorf("%s%s", strings.Join(problems, "\n"), outputNote(out))
	case bug != "":
		t.Errorf("known bug no longer shows, remove its note: %s", bug)
	}
}

func outputNote(out []byte) string {
	if out == nil {
		return ""
	}
	return "\noutput: " + string(out)
}

// disallowedURLs lists the hrefs and srcs of out whose scheme is not http,
// https or mailto: the package's policy, stricter than unsafeHTML.
func disallowedURLs(out []byte) []string {
	var problems []string
	for _, name := range []string{"a", "img"} {
		for _, tok := range tags(out, name) {
			for _, a := range tok.Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				switch browserScheme(a.Val) {
				case "", "http", "https", "mailto":
				default:
					problems = append(problems, fmt.Sprintf("<%s %s=%q>: scheme not allowed", name, a.Key, a.Val))
				}
			}
		}
	}
	return problems
}

// allowedTests are links the site keeps: the output holds a first <a> (or
// <img>) with exactly href (or src), and external web links have
// rel="external noopener noreferrer".
var allowedTests = []struct {
	name     string
	src      string
	tag      string // "a" or "img"
	url      string
	external bool // needs rel="external noopener noreferrer"
	bug      string
}{
	{name: "https", src: "[a](https://example.org/x)", tag: "a", url: "https://example.org/x", external: true},
	{name: "http upper case", src: "[a](HTTP://EXAMPLE.ORG/)", tag: "a", url: "HTTP://EXAMPLE.ORG/", external: true},
	{name: "http with query", src: "[a](http://example.org/?q=1&r=2)", tag: "a", url: "http://example.org/?q=1&r=2", external: true},
	{name: "scheme-relative", src: "[a](//example.org/x)", tag: "a", url: "//example.org/x", external: true},
	{name: "reference https", src: "[a][r]\n\n[r]: https://example.org/ref", tag: "a", url: "https://example.org/ref", external: true},
	{name: "mailto", src: "[a](mailto:team@example.org)", tag: "a", url: "mailto:team@example.org"},
	{name: "relative page", src: "[a](guide.md)", tag: "a", url: "guide/"},
	{name: "relative page with fragment", src: "[a](../up/page.md#costs)", tag: "a", url: "../up/page/#costs"},
	{name: "root-relative page", src: "[a](/en/guide.md)", tag: "a", url: "/en/guide/"},
	{name: "fragment", src: "[a](#context)", tag: "a", url: "#context"},
	{name: "path with a colon after a slash", src: "[a](notes/a:b.md)", tag: "a", url: "notes/a:b/"},
	{name: "relative image", src: "![a](images/chart.png)", tag: "img", url: "images/chart.png"},
	{name: "email autolink", src: "<team@example.org>", tag: "a", url: "mailto:team@example.org"},
	{
		name: "angle autolink", src: "<https://example.org/x>", tag: "a", url: "https://example.org/x", external: true,
	},
	{
		name: "bare URL", src: "See https://example.org/x now", tag: "a", url: "https://example.org/x", external: true,
	},
	{
		name: "www autolink", src: "See www.example.com now", tag: "a", url: "http://www.example.com", external: true,
	},
}

func TestAllowedLinks(t *testing.T) {
	for _, tc := range allowedTests {
		t.Run(tc.name, func(t *testing.T) {
			out, doc, diags := parseRender(t, tc.src)
			if doc == nil {
				t.Fatalf("Parse returned no document: %v", diags)
			}
			var problems []string
			for _, d := range diags {
				problems = append(problems, fmt.Sprintf("unexpected diagnostic: %v", d))
			}
			for _, p := range unsafeHTML(out) {
				problems = append(problems, "unsafe output: "+p)
			}
			found := tags(out, tc.tag)
			key := map[string]string{"a": "href", "img": "src"}[tc.tag]
			if len(found) == 0 {
				problems = append(problems, fmt.Sprintf("no <%s> in the output", tc.tag))
			} else {
				if got, _ := attr(found[0], key); got != tc.url {
					problems = append(problems, fmt.Sprintf("%s = %q, want %q", key, got, tc.url))
				}
				rel, _ := attr(found[0], "rel")
				if tc.external && rel != "external noopener noreferrer" {
					problems = append(problems, fmt.Sprintf("rel = %q, want \"external noopener noreferrer\"", rel))
				}
				if !tc.external && tc.tag == "a" && strings.HasPrefix(tc.url, "mailto:") == false && rel != "" {
					problems = append(problems, fmt.Sprintf("internal link has rel = %q", rel))
				}
			}
			report(t, tc.bug, problems, out)
		})
	}
}
