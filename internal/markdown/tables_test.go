package markdown

import (
	"strings"
	"testing"
)

// TestTablesScrollInALabelledRegion: every table is wrapped in a box that
// scrolls sideways, reachable by keyboard and named: by the heading of its
// section, or by its header row where the heading is missing or already
// names another table.
func TestTablesScrollInALabelledRegion(t *testing.T) {
	out, _, _ := parseRender(t, `| Lone | table |
|---|---|
| 1 | 2 |

## Costs

| Item | Cost |
|---|---|
| Rent | 10 |

| Staff | Salary <b>"x"</b> |
|---|---|
| One | 20 |

- | In | a list |
  |---|---|
  | 3 | 4 |
`)
	html := string(out)
	for _, want := range []string{
		`<div class="table-wrap" tabindex="0" role="region" aria-label="Lone, table">` + "\n<table>",
		`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="costs">` + "\n<table>",
		// The second table of the section; raw HTML is dropped, quotes escaped.
		`<div class="table-wrap" tabindex="0" role="region" aria-label="Staff, Salary &quot;x&quot;">` + "\n<table>",
		"<li>\n" + `<div class="table-wrap" tabindex="0" role="region" aria-label="In, a list">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("missing %s in\n%s", want, html)
		}
	}
	if opened, closed := strings.Count(html, `<div class="table-wrap"`), strings.Count(html, "</table>\n</div>"); opened != 4 || closed != 4 {
		t.Errorf("%d regions opened, %d closed after their table; want 4 each:\n%s", opened, closed, html)
	}
}
