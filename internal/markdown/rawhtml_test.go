package markdown

import (
	"strings"
	"testing"
)

// TestRawHTMLKeepsText pins that raw HTML never silently changes what the
// text says: an allowed element is written as HTML, other HTML is shown as
// typed, and only comments disappear.
func TestRawHTMLKeepsText(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string
		warnings        int
	}{
		// The inputs of issue 20.
		{"sup", "10<sup>6</sup>", "<p>10<sup>6</sup></p>", 0},
		{"quoted tag-like word", `"<secret>"`, "<p>&quot;&lt;secret&gt;&quot;</p>", 1},
		{"every allowed element", "H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>new</mark>, <abbr>ITU</abbr>,<br>next",
			"<p>H<sub>2</sub>O, <kbd>Ctrl</kbd>, <mark>new</mark>, <abbr>ITU</abbr>,<br />\nnext</p>", 0},
		{"upper case and br variants", "a<SUP>2</SUP> b<br/>c<br />d", "<p>a<sup>2</sup> b<br />\nc<br />\nd</p>", 0},
		{"attributes are not allowed", `<abbr title="x">ITU</abbr>`, "<p>&lt;abbr title=&quot;x&quot;&gt;ITU&lt;/abbr&gt;</p>", 2},
		{"unclosed", "x<sup>2", "<p>x&lt;sup&gt;2</p>", 1},
		{"close without open", "x</sup>2", "<p>x&lt;/sup&gt;2</p>", 1},
		{"crossed", "<sup><sub>x</sup></sub>", "<p>&lt;sup&gt;<sub>x&lt;/sup&gt;</sub></p>", 2},
		{"across emphasis", "*a<sup>b*</sup>", "<p><em>a&lt;sup&gt;b</em>&lt;/sup&gt;</p>", 2},
		{"inline comment", "a <!-- note to self --> b", "<p>a  b</p>", 0},
		{"comment block", "<!-- TODO: rewrite -->\n\ntext", "<p>text</p>", 0},
		{"comment block with text after", "<!-- x --> kept", "<p>kept</p>", 1},
		{"block", "<div align=\"center\">\n  Centered\n</div>", "<p>&lt;div align=&quot;center&quot;&gt;\n  Centered\n&lt;/div&gt;</p>", 1},
		{"script block", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", 1},
		{"img onerror", "a <img src=x onerror=alert(1)> b", "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, doc, diags := parseRender(t, tc.src)
			if doc == nil {
				t.Fatalf("no document: %v", diags)
			}
			if got := strings.TrimSpace(string(out)); got != tc.want {
				t.Errorf("%q renders\n%s\nwant\n%s", tc.src, got, tc.want)
			}
			if len(diags) != tc.warnings {
				t.Errorf("%d diagnostics, want %d: %v", len(diags), tc.warnings, diags)
			}
			for _, d := range diags {
				if !strings.Contains(d.Message, "shown as text") || d.Pos.Line == 0 || d.Pos.Col == 0 {
					t.Errorf("warning does not say the HTML is shown as text, with line and column: %v", d)
				}
			}
			checkRendered(t, tc.src, out)
		})
	}
}

func TestRawHTMLInPlainText(t *testing.T) {
	_, doc, _ := parseRender(t, `Keep "<secret>" and 10<sup>6</sup><!-- not this -->`)
	if want := `Keep "<secret>" and 106`; doc.Text != want {
		t.Errorf("Text = %q, want %q", doc.Text, want)
	}
}

func TestRawHTMLWarningPosition(t *testing.T) {
	_, _, diags := parseRender(t, "Intro\n\nSome words <span>x</span>")
	if len(diags) != 2 || diags[0].Pos.Line != 3 || diags[0].Pos.Col != 12 || diags[1].Pos.Col != 19 {
		t.Errorf("want warnings at 3:12 and 3:19, got %v", diags)
	}
}
