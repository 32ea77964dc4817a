package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/openblueprints/blueprints/internal/diag"
)

// parseWalk is Parse's one pass over the syntax tree: it gathers the
// document's headings, links and plain text, reports what is not allowed,
// and notes the edits to make once the walk is over (changing the tree
// during ast.Walk would end the walk of the siblings that follow, and let
// their links go unchecked).
type parseWalk struct {
	doc   *Doc
	src   []byte
	file  string
	lines diag.Lines
	diags *diag.List

	remove   []ast.Node        // unwrapped or dropped after the walk
	raws     []*ast.RawHTML    // inline raw HTML, in source order
	headings []*ast.Heading    // in order, for their IDs
	tables   tableLabels       // tables and the headings that label them
	alerts   []alertAt         // block quotes that open with [!NOTE] and the like
	inMarker map[ast.Node]bool // the [!NOTE] line, not text
	plain    strings.Builder
	// highlighting is what is left of the file's budget for coloured code.
	highlighting highlightBudget
}

// alertAt is a block quote to turn into an alert after the walk.
type alertAt struct {
	quote  *ast.Blockquote
	kind   string
	marker []ast.Node
}

func newParseWalk(doc *Doc, file string, diags *diag.List) *parseWalk {
	return &parseWalk{
		doc: doc, src: doc.src, file: file, lines: diag.NewLines(doc.src), diags: diags,
		inMarker:     map[ast.Node]bool{},
		highlighting: highlightBudget{bytes: maxHighlightPerFile, blocks: maxHighlightBlocks},
	}
}

// pos is the file:line:col of a byte offset.
func (w *parseWalk) pos(offset int) diag.Pos {
	line, col := w.lines.Pos(offset)
	return diag.Pos{File: w.file, Line: line, Col: col}
}

// at is the position of a node.
func (w *parseWalk) at(n ast.Node) diag.Pos { return w.pos(startOffset(n, w.src)) }

func (w *parseWalk) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		// Every block ends a line, table cells included: words of
		// neighbouring cells or items must not run together.
		if n.Type() == ast.TypeBlock {
			w.plain.WriteByte('\n')
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Blockquote:
		w.blockquote(n)
	case *ast.Heading:
		w.heading(n)
	case *extast.Table:
		w.tables.sawTable(n, w.src)
	case *ast.HTMLBlock:
		w.htmlBlock(n)
		return ast.WalkSkipChildren, nil
	case *ast.RawHTML:
		w.rawHTML(n)
		return ast.WalkSkipChildren, nil
	case *ast.Link:
		w.doc.link(decodeDestination(n.Destination), n, false, w.at(n), w.diags, &w.remove)
	case *ast.Image:
		w.doc.link(decodeDestination(n.Destination), n, true, w.at(n), w.diags, &w.remove)
	case *ast.AutoLink:
		if !w.autoLink(n) {
			return ast.WalkSkipChildren, nil
		}
	case *ast.Text:
		w.text(n)
	case *ast.String:
		w.plain.Write(n.Value)
	case *extast.TaskCheckBox:
		// A disabled <input> has no label for screen readers; a box
		// drawn as text reads well, prints, and needs none.
		w.remove = append(w.remove, n)
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		w.codeBlock(n)
	}
	return ast.WalkContinue, nil
}

func (w *parseWalk) blockquote(n *ast.Blockquote) {
	kind, marker := alertMarker(n, w.src)
	if kind == "" {
		return
	}
	w.alerts = append(w.alerts, alertAt{n, kind, marker})
	for _, m := range marker {
		w.inMarker[m] = true
	}
}

func (w *parseWalk) heading(n *ast.Heading) {
	w.headings = append(w.headings, n)
	w.tables.sawHeading(n)
	w.doc.Headings = append(w.doc.Headings, Heading{
		Level: n.Level, Text: plainText(n, w.src), Pos: w.at(n),
	})
}

// htmlBlock drops a block of comments, notes to other writers, and shows
// any other block of HTML as its text.
func (w *parseWalk) htmlBlock(n *ast.HTMLBlock) {
	text := bytes.TrimSpace(withoutComments(blockText(n, w.src)))
	if len(text) == 0 {
		w.remove = append(w.remove, n)
		return
	}
	w.diags.Warnf(w.at(n), "raw HTML %q is shown as text, not as HTML; write it in Markdown (the HTML allowed is %s)", diag.Excerpt(firstTag(text)), AllowedTagList)
	w.plain.Write(text)
}

// rawHTML drops an inline comment and keeps other inline HTML for
// allowInlineHTML to judge once the walk has seen every tag.
func (w *parseWalk) rawHTML(n *ast.RawHTML) {
	raw := rawText(n, w.src)
	if isComment(raw) {
		w.remove = append(w.remove, n)
		return
	}
	w.raws = append(w.raws, n)
	if _, _, ok := parseTag(raw); !ok {
		w.plain.Write(raw)
	}
}

// autoLink records an autolink's address, or removes one of a scheme that
// is not allowed; it reports whether the walk goes into the link.
func (w *parseWalk) autoLink(n *ast.AutoLink) bool {
	w.plain.Write(n.Label(w.src))
	dest := string(n.URL(w.src))
	if n.AutoLinkType == ast.AutoLinkEmail {
		dest = "mailto:" + dest
	}
	if scheme := urlScheme(dest); scheme != "http" && scheme != "https" && scheme != "mailto" {
		w.diags.Warnf(w.at(n), "link to %q removed: only http, https, mailto and relative URLs are allowed", diag.Excerpt(dest))
		w.remove = append(w.remove, n) // replaced by its text after the walk
		return false
	}
	w.doc.External = append(w.doc.External, dest)
	markExternal(n)
	return true
}

func (w *parseWalk) text(n *ast.Text) {
	if w.inMarker[n] {
		return
	}
	w.plain.Write(textValue(n, w.src))
	if n.SoftLineBreak() || n.HardLineBreak() {
		w.plain.WriteByte(' ')
	}
}

// codeBlock adds a code block's text and charges a fenced block with a
// language to the highlighting budget.
func (w *parseWalk) codeBlock(n ast.Node) {
	size := 0
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		w.plain.Write(seg.Value(w.src))
		size += seg.Len()
	}
	if f, fenced := n.(*ast.FencedCodeBlock); fenced && len(f.Language(w.src)) > 0 {
		w.highlighting.take(n, size)
	}
}

// edit makes the changes the walk noted, in an order that matters: links
// and HTML out of the tree, alerts made, headings given their IDs (which
// must not be any of themeIDs), and only then the tables those IDs label.
func (w *parseWalk) edit(themeIDs map[string]bool) {
	for _, n := range w.remove {
		unwrap(n, w.src)
	}
	for _, a := range w.alerts {
		makeAlert(a.quote, a.kind, a.marker)
	}
	w.doc.setHeadingIDs(w.headings, themeIDs, w.diags)
	w.tables.wrap()
	kept := allowInlineHTML(w.raws, w.src)
	for _, n := range w.raws {
		if !kept[n] {
			w.diags.Warnf(w.pos(n.Segments.At(0).Start), "raw HTML %q is shown as text, not as HTML; write it in Markdown (the HTML allowed is %s)", diag.Excerpt(firstTag(rawText(n, w.src))), AllowedTagList)
		}
	}
}
