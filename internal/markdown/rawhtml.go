package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Raw HTML in contributors' Markdown is never written to the page as HTML
// (DESIGN §7). It is not removed either: removing it changes what the text
// says ("10<sup>6</sup>" would read "106", "<secret>" would vanish). So:
//
//   - a few inline elements that only change how text looks, without
//     attributes and with their open and close tags balanced within one
//     paragraph, are written as the element (allowedTag);
//   - comments are dropped quietly: they are notes to other writers;
//   - everything else is shown as the text that was typed, escaped.

// allowedTag says which elements are written as HTML. None takes attributes, so
// none can carry a URL, a style or an event handler.
func allowedTag(name string) bool {
	switch name {
	case "sup", "sub", "kbd", "mark", "abbr", "br":
		return true
	}
	return false
}

// AllowedTagList names the allowed elements for messages.
const AllowedTagList = "<sup>, <sub>, <kbd>, <mark>, <abbr> and <br>, without attributes, each opened and closed in one paragraph"

// simpleTag matches an open or close tag without attributes, and <br/>.
var simpleTag = regexp.MustCompile(`^<(/?)([A-Za-z][A-Za-z0-9]*)\s*(/?)>$`)

// KindHTMLTag is the kind of an allowed inline element's tag.
var KindHTMLTag = ast.NewNodeKind("HTMLTag")

// htmlTag is one tag of an allowed element, standing in for the RawHTML
// node it was parsed from.
type htmlTag struct {
	ast.BaseInline
	Name    string
	Closing bool
}

func (n *htmlTag) Kind() ast.NodeKind { return KindHTMLTag }

func (n *htmlTag) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Name": n.Name}, nil)
}

// rawText is the source text of an inline raw HTML node.
func rawText(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		b = append(b, seg.Value(src)...)
	}
	return b
}

// blockText is the source text of an HTML block.
func blockText(n *ast.HTMLBlock, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		b = append(b, seg.Value(src)...)
	}
	if n.HasClosure() {
		b = append(b, n.ClosureLine.Value(src)...)
	}
	return b
}

// withoutComments removes every complete <!-- … --> from s.
func withoutComments(s []byte) []byte {
	for {
		i := bytes.Index(s, []byte("<!--"))
		if i < 0 {
			return s
		}
		j := bytes.Index(s[i+4:], []byte("-->"))
		if j < 0 {
			return s
		}
		s = append(s[:i:i], s[i+4+j+3:]...)
	}
}

// parseTag reads an inline raw HTML node as an allowed tag.
func parseTag(raw []byte) (name string, closing, ok bool) {
	m := simpleTag.FindSubmatch(raw)
	if m == nil {
		return "", false, false
	}
	name = strings.ToLower(string(m[2]))
	closing, selfClosing := len(m[1]) > 0, len(m[3]) > 0
	switch {
	case !allowedTag(name), closing && selfClosing:
		return "", false, false
	case name == "br":
		return name, false, !closing // <br>, <br/>, <br />; </br> is not HTML
	case selfClosing:
		return "", false, false // <sup/> opens nothing
	}
	return name, closing, true
}

// allowInlineHTML replaces the allowed tags among raws (the inline raw HTML
// of a document, in source order) by htmlTag nodes, pairing each close tag
// with the open tag of the same name in the same parent, innermost first.
// Unpaired tags stay RawHTML and are shown as text, so the output is always
// well-formed. It reports which nodes it kept as tags.
func allowInlineHTML(raws []*ast.RawHTML, src []byte) map[*ast.RawHTML]bool {
	type open struct {
		node *ast.RawHTML
		name string
	}
	stacks := map[ast.Node][]open{}
	var pairs [][2]*ast.RawHTML
	var breaks []*ast.RawHTML
	for _, n := range raws {
		name, closing, ok := parseTag(rawText(n, src))
		switch {
		case !ok:
		case name == "br":
			breaks = append(breaks, n)
		case !closing:
			stacks[n.Parent()] = append(stacks[n.Parent()], open{n, name})
		default:
			st := stacks[n.Parent()]
			if len(st) > 0 && st[len(st)-1].name == name {
				pairs = append(pairs, [2]*ast.RawHTML{st[len(st)-1].node, n})
				stacks[n.Parent()] = st[:len(st)-1]
			}
		}
	}
	kept := map[*ast.RawHTML]bool{}
	replace := func(n *ast.RawHTML, name string, closing bool) {
		n.Parent().ReplaceChild(n.Parent(), n, &htmlTag{Name: name, Closing: closing})
		kept[n] = true
	}
	for _, n := range breaks {
		replace(n, "br", false)
	}
	for _, p := range pairs {
		name, _, _ := parseTag(rawText(p[0], src))
		replace(p[0], name, false)
		replace(p[1], name, true)
	}
	return kept
}

// rawHTMLRenderer writes allowed tags as HTML and any other raw HTML as
// escaped text. goldmark's own renderer (without WithUnsafe) would drop it.
type rawHTMLRenderer struct{}

func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindHTMLTag, renderHTMLTag)
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindFencedCodeBlock, renderCodeBlock)
	reg.Register(KindAlert, renderAlert)
}

func renderHTMLTag(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*htmlTag)
	if !allowedTag(n.Name) { // cannot happen: only allowInlineHTML makes these
		return ast.WalkContinue, nil
	}
	switch {
	case n.Name == "br":
		_, _ = w.WriteString("<br />\n")
	case n.Closing:
		_, _ = w.WriteString("</" + n.Name + ">")
	default:
		_, _ = w.WriteString("<" + n.Name + ">")
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(util.EscapeHTML(rawText(node.(*ast.RawHTML), src)))
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows an HTML block as a paragraph of its text, less its
// comments.
func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	text := bytes.TrimSpace(withoutComments(blockText(node.(*ast.HTMLBlock), src)))
	if len(text) == 0 {
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString("<p>")
	_, _ = w.Write(util.EscapeHTML(text))
	_, _ = w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

// isComment says whether inline raw HTML is a comment.
func isComment(raw []byte) bool { return bytes.HasPrefix(raw, []byte("<!--")) }

// firstTag is the first tag of raw HTML, shortened, for a message.
func firstTag(raw []byte) string {
	raw = bytes.TrimSpace(withoutComments(raw))
	if i := bytes.IndexByte(raw, '>'); i >= 0 {
		raw = raw[:i+1]
	}
	if i := bytes.IndexByte(raw, '\n'); i >= 0 {
		raw = append(raw[:i:i], "…"...)
	}
	return string(raw)
}
