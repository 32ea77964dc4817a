package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/diag"
)

// themeIDs stands for the IDs a theme's layouts write around a body.
var themeIDs = []string{"main", "sources", "search-status", "toc-title"}

// TestReservedIDsAreNotTaken pins the review finding: a heading could take
// an ID the theme's layouts use ("## Main" → "main"), and the page then
// held that ID twice.
func TestReservedIDsAreNotTaken(t *testing.T) {
	r := New(WithReservedIDs(themeIDs))
	for _, tc := range []struct {
		name string
		src  string
		want []string
	}{
		{"headings named like the theme's parts", "## Main\n## Sources\n## Search status\n## Main\n", []string{"main-1", "sources-1", "search-status-1", "main-2"}},
		{"a heading takes the suffix first", "## Main 1\n## Main\n", []string{"main-1", "main-2"}},
		{"an explicit ID takes the suffix first", "## Main\n## Other {#main-1}\n", []string{"main-2", "main-1"}},
		{"a reserved ID asked for explicitly", "## Body {#main}\n## Main\n", []string{"body", "main-1"}},
		{"a reserved ID asked for on a heading named like another", "## Sources {#toc-title}\n", []string{"sources-1"}},
		{"case and script matter", "## MAIN\n## Principal\n", []string{"main-1", "principal"}},
		{"an ID that only starts like a reserved one", "## Mainly\n", []string{"mainly"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc, diags := r.Parse("test.md", []byte(tc.src))
			if doc == nil {
				t.Fatalf("Parse: %v", diags)
			}
			var got []string
			for _, h := range doc.Headings {
				got = append(got, h.ID)
			}
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("IDs = %q, want %q", got, tc.want)
			}
		})
	}
	// Without reserved IDs, as before: the renderer knows no theme.
	if got := headingIDsOf(t, "## Main\n## Sources\n"); strings.Join(got, " ") != "main sources" {
		t.Errorf("without WithReservedIDs: IDs = %q, want [main sources]", got)
	}
}

func TestReservedIDAskedForIsReported(t *testing.T) {
	src := "Intro.\n\n## Body {#main}\n\n> ### Quoted {#sources}\n"
	doc, diags := New(WithReservedIDs(themeIDs)).Parse("content/en/x.md", []byte(src))
	if doc == nil {
		t.Fatalf("Parse: %v", diags)
	}
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%s %v: %s", d.Severity, d.Pos, d.Message))
	}
	joined := strings.Join(got, "\n")
	for _, want := range []diag.Pos{{File: "content/en/x.md", Line: 3, Col: 1}, {File: "content/en/x.md", Line: 5, Col: 3}} {
		if !strings.Contains(joined, want.String()+": heading ID {#") {
			t.Errorf("no diagnostic at %v:\n%s", want, joined)
		}
	}
	if !strings.Contains(joined, "{#main} was ignored: the theme uses #main") {
		t.Errorf("the diagnostic does not say the theme uses the ID:\n%s", joined)
	}
	if len(diags) != 2 {
		t.Errorf("%d diagnostics, want 2:\n%s", len(diags), joined)
	}
}

// TestReservedIDsInOutput checks the rendered page: an ID the theme uses
// never appears in the body, whatever the headings say.
func TestReservedIDsInOutput(t *testing.T) {
	r := New(WithReservedIDs(themeIDs))
	src := "# Main\n\n## Sources {#sources}\n\n## Search status\n\nSearch status\n-------------\n\n| a |\n|---|\n| b |\n\n### toc-title {#toc-title}\n"
	doc, diags := r.Parse("test.md", []byte(src))
	if doc == nil {
		t.Fatalf("Parse: %v", diags)
	}
	out, err := r.Render(doc, testResolve)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range themeIDs {
		if strings.Contains(string(out), `id="`+id+`"`) || strings.Contains(string(out), `aria-labelledby="`+id+`"`) {
			t.Errorf("the body uses the theme's ID %q:\n%s", id, out)
		}
	}
	checkRendered(t, "", out)
}

func TestReservedIDsSorted(t *testing.T) {
	got := New(WithReservedIDs([]string{"sources", "main"}), WithReservedIDs([]string{"main"})).ReservedIDs()
	if strings.Join(got, " ") != "main sources" {
		t.Errorf("ReservedIDs = %q, want [main sources]", got)
	}
	if got := New().ReservedIDs(); len(got) != 0 {
		t.Errorf("New().ReservedIDs = %q, want none", got)
	}
}
