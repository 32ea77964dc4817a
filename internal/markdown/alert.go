package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// GitHub's alerts, a block quote whose first line is [!NOTE], [!TIP],
// [!IMPORTANT], [!WARNING] or [!CAUTION], are written as callouts: a box
// with a title in the reader's language, marked role="note" so screen
// readers announce it as an aside of the text.

// AlertKinds are the kinds of alert, as written after "[!", lower case.
func AlertKinds() []string { return []string{"note", "tip", "important", "warning", "caution"} }

// Labels are the titles of alerts in the page's language, by kind. A kind
// without a label gets its English name.
type Labels map[string]string

func englishLabels() Labels {
	return Labels{"note": "Note", "tip": "Tip", "important": "Important", "warning": "Warning", "caution": "Caution"}
}

// KindAlert is the kind of an alert node.
var KindAlert = ast.NewNodeKind("Alert")

// alert replaces the block quote it was written as.
type alert struct {
	ast.BaseBlock
	AlertKind string
	Label     string // set at Render, in the page's language
}

func (n *alert) Kind() ast.NodeKind { return KindAlert }

func (n *alert) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"AlertKind": n.AlertKind}, nil)
}

// alertMarker returns the kind of alert a block quote is, and the inline
// nodes of its "[!KIND]" line, or "" if it is a plain quote.
func alertMarker(q *ast.Blockquote, src []byte) (string, []ast.Node) {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return "", nil
	}
	first := p.Lines().At(0)
	line := bytes.TrimSpace(first.Value(src))
	if len(line) < 4 || line[0] != '[' || line[1] != '!' || line[len(line)-1] != ']' {
		return "", nil
	}
	kind := strings.ToLower(string(line[2 : len(line)-1]))
	found := false
	for _, k := range AlertKinds() {
		found = found || k == kind
	}
	if !found {
		return "", nil
	}
	var marker []ast.Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok || t.Segment.Start >= first.Stop {
			break
		}
		marker = append(marker, c)
	}
	return kind, marker
}

// makeAlert replaces the block quote q by an alert of kind, without its
// marker line.
func makeAlert(q *ast.Blockquote, kind string, marker []ast.Node) {
	p := q.FirstChild()
	for _, m := range marker {
		p.RemoveChild(p, m)
	}
	if p.ChildCount() == 0 {
		q.RemoveChild(q, p)
	}
	a := &alert{AlertKind: kind}
	for c := q.FirstChild(); c != nil; {
		next := c.NextSibling()
		a.AppendChild(a, c)
		c = next
	}
	q.Parent().ReplaceChild(q.Parent(), q, a)
}

func renderAlert(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*alert)
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="callout callout-` + n.AlertKind + `" role="note"><p class="callout-title">`)
	_, _ = w.Write(util.EscapeHTML([]byte(n.Label)))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// labelAlerts gives each alert of the tree its title from labels.
func labelAlerts(root ast.Node, labels Labels) {
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*alert); ok && entering {
			a.Label = labels[a.AlertKind]
			if a.Label == "" {
				a.Label = englishLabels()[a.AlertKind]
			}
		}
		return ast.WalkContinue, nil
	})
}
