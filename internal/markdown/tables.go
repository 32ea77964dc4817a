package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// A table wider than a phone's screen must scroll in its own box, not make
// the page scroll sideways. A box that scrolls must be reachable by keyboard
// (tabindex) and, once focusable, must say what it is: so every table is
// wrapped in
//
//	<div class="table-wrap" tabindex="0" role="region" aria-labelledby="costs">
//
// labelled by the heading of its section, or, when there is none or the
// heading already labels another table (two regions may not share a name),
// by its header row: aria-label="Measure, Cost (EUR), Notes".

var kindTableRegion = ast.NewNodeKind("TableRegion")

// tableRegion is the scrolling box around one table.
type tableRegion struct {
	ast.BaseBlock
	heading    *ast.Heading // whose ID labels the table, or nil
	labelledBy string       // that ID, once headings have their IDs
	label      string       // its header row, used without a heading
}

func (n *tableRegion) Kind() ast.NodeKind { return kindTableRegion }

func (n *tableRegion) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"labelledBy": n.labelledBy, "label": n.label}, nil)
}

// tableLabels names the table regions of a document as Parse walks it in
// order: seeing headings and tables, it remembers which heading each table
// comes under.
type tableLabels struct {
	heading *ast.Heading          // the last heading seen
	used    map[*ast.Heading]bool // headings that already label a table
	tables  []*tableRegion
	nodes   []*extast.Table
}

func (l *tableLabels) sawHeading(h *ast.Heading) { l.heading = h }

func (l *tableLabels) sawTable(t *extast.Table, src []byte) {
	r := &tableRegion{label: headerText(t, src)}
	if l.heading != nil && !l.used[l.heading] {
		if l.used == nil {
			l.used = map[*ast.Heading]bool{}
		}
		l.used[l.heading] = true
		r.heading = l.heading
	}
	l.tables = append(l.tables, r)
	l.nodes = append(l.nodes, t)
}

// wrap puts each table seen into its region; it runs after the walk, which
// must not see the tree change under it, and once headings have their IDs.
func (l *tableLabels) wrap() {
	for i, t := range l.nodes {
		parent := t.Parent()
		if parent == nil {
			continue
		}
		r := l.tables[i]
		if r.heading != nil {
			if id, ok := r.heading.AttributeString("id"); ok {
				r.labelledBy = string(id.([]byte))
			}
		}
		parent.ReplaceChild(parent, t, r)
		r.AppendChild(r, t)
	}
}

// headerText is a table's header cells as plain text, joined by commas.
func headerText(t *extast.Table, src []byte) string {
	var cells []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); !ok {
			continue
		}
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			if s := plainText(c, src); s != "" {
				cells = append(cells, s)
			}
		}
	}
	return strings.Join(cells, ", ")
}

// tableRegionRenderer writes the region's opening and closing tags; the
// table inside is written by goldmark's own table renderer.
type tableRegionRenderer struct{}

func (tableRegionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableRegion, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			_, _ = w.WriteString("</div>\n")
			return ast.WalkContinue, nil
		}
		r := n.(*tableRegion)
		_, _ = w.WriteString(`<div class="table-wrap" tabindex="0"`)
		switch {
		case r.labelledBy != "":
			_, _ = w.WriteString(` role="region" aria-labelledby="`)
			_, _ = w.Write(util.EscapeHTML([]byte(r.labelledBy)))
			_ = w.WriteByte('"')
		case r.label != "":
			_, _ = w.WriteString(` role="region" aria-label="`)
			_, _ = w.Write(util.EscapeHTML([]byte(r.label)))
			_ = w.WriteByte('"')
		}
		_, _ = w.WriteString(">\n")
		return ast.WalkContinue, nil
	})
}
