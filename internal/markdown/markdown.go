// Package markdown is the site's one goldmark configuration: CommonMark with
// GFM tables, strikethrough, autolinks and task lists, footnotes and
// definition lists. Raw HTML is never rendered as HTML: it is shown as the
// text that was typed, with a warning, except comments (dropped) and a few
// inline elements without attributes (<sup>, <sub>, <kbd>, <mark>, <abbr>,
// <br>).
//
// Rendering is two steps so links can be checked against the whole site:
// Parse reads a document and reports its headings (with IDs that work in
// every script) and its links with their positions; the caller resolves the
// links once every page is known, and Render writes the HTML with the
// resolved URLs. Link and image URLs other than http, https, mailto and
// relative ones are dropped at Parse, with a warning at file:line:col.
//
// It is the only package that imports goldmark.
package markdown

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/openblueprints/blueprints/internal/diag"
)

// MaxNesting bounds how deeply block quotes and lists may nest on one line.
// goldmark's cost grows quadratically with such nesting, so a hostile file of
// "- - - - …" would otherwise tie up the build for minutes.
const MaxNesting = 32

// Renderer holds the goldmark configuration. It is safe for concurrent use.
type Renderer struct {
	md goldmark.Markdown
	// themeIDs are the IDs the theme's layouts write around a body; no
	// heading may take one, or the page would hold the ID twice.
	themeIDs map[string]bool
	reserved []string // themeIDs, sorted
}

// An Option configures a Renderer.
type Option func(*Renderer)

// WithReservedIDs reserves the IDs the theme's layouts use ("main",
// "sources", …): a heading whose text would make one gets the next free ID
// ("main-1"), and a heading that asks for one with {#id} is warned about
// and gets an ID made from its text. Without it, no ID is reserved.
func WithReservedIDs(ids []string) Option {
	return func(r *Renderer) {
		for _, id := range ids {
			r.themeIDs[id] = true
		}
	}
}

// ReservedIDs returns the IDs headings may not take, sorted, for a cache of
// parsed documents to key on: they decide the headings' IDs. The caller
// must not change the slice.
func (r *Renderer) ReservedIDs() []string { return r.reserved }

// New returns the site's Markdown renderer.
func New(opts ...Option) *Renderer {
	r := &Renderer{themeIDs: map[string]bool{}}
	for _, opt := range opts {
		opt(r)
	}
	r.reserved = slices.Sorted(maps.Keys(r.themeIDs))
	r.md = goldmark.New(
		goldmark.WithExtensions(
			extension.GFM, // tables, strikethrough, autolinks, task lists
			extension.Footnote,
			extension.DefinitionList,
		),
		// html.WithUnsafe is deliberately absent: content comes from
		// strangers' pull requests. Raw HTML is shown as text instead,
		// but for a few harmless inline elements (rawhtml.go).
		// "## Title {#id}"; setHeadingIDs keeps the id alone.
		goldmark.WithParserOptions(parser.WithHeadingAttribute()),
		goldmark.WithRendererOptions(html.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, 100), util.Prioritized(tableRegionRenderer{}, 500))),
	)
	return r
}

// Heading is a section heading of a document.
type Heading struct {
	Level int
	Text  string
	ID    string
	Pos   diag.Pos
}

// Link is a link or image whose target is inside the site: a relative path,
// possibly with a #fragment, or a fragment alone.
type Link struct {
	Dest  string
	Image bool
	// Pos is where the destination is written: for a reference link,
	// [text][ref], its "[ref]: url" line, where a fix goes.
	Pos diag.Pos
	// UsedAt is where a reference link is used; zero for other links.
	UsedAt diag.Pos
	node   ast.Node
}

// Doc is a parsed document, ready to render once its links are resolved.
type Doc struct {
	src      []byte
	root     ast.Node
	Headings []Heading
	Links    []Link
	External []string // http(s) and mailto destinations, in order
	// Text is the document as plain text, for search and excerpts.
	Text string
}

// Parse parses src, the Markdown of file. Problems are reported as
// diagnostics; Parse itself does not fail.
func (r *Renderer) Parse(file string, src []byte) (*Doc, diag.List) {
	var diags diag.List
	if line, depth := deepestNesting(src); depth > MaxNesting {
		diags.Errorf(diag.Pos{File: file, Line: line, Col: 1}, "lists, block quotes or footnotes nested %d levels deep; at most %d are allowed", depth, MaxNesting)
		return nil, diags
	}
	if pos, msg, ok := checkLimits(file, src); !ok {
		diags.Errorf(pos, "%s", msg)
		return nil, diags
	}
	root := r.md.Parser().Parse(text.NewReader(src))
	doc := &Doc{src: src, root: root}
	w := newParseWalk(doc, file, &diags)
	_ = ast.Walk(root, w.visit)
	w.edit(r.themeIDs)
	doc.Text = strings.TrimSpace(w.plain.String())
	return doc, diags
}

// setHeadingIDs gives each heading its ID: the one written as {#id}, else
// one made from the heading's text as it reads, not from its source
// (goldmark's own would turn "[guide](guide.md)" into "guide-guide-md").
// Explicit IDs are taken first, so an automatic one never steals them; the
// theme's IDs are taken before either.
func (doc *Doc) setHeadingIDs(headings []*ast.Heading, themeIDs map[string]bool, diags *diag.List) {
	ids := newHeadingIDs(themeIDs)
	explicit := make([]string, len(headings))
	firstAt := map[string]int{} // explicit ID → line of its first heading
	for i, n := range headings {
		h := &doc.Headings[i]
		for _, a := range n.Attributes() {
			v, _ := a.Value.([]byte)
			switch {
			case string(a.Name) != "id":
				diags.Warnf(h.Pos, "heading attribute %q was ignored: a heading may only give its ID, as {#id}", diag.Excerpt(string(a.Name)))
			case !validID(string(v)):
				diags.Warnf(h.Pos, "heading ID {#%s} was ignored: an ID may hold letters, digits, \"-\", \"_\" and \".\"", diag.Excerpt(string(v)))
			case ids.reservedByTheme(string(v)):
				diags.Warnf(h.Pos, "heading ID {#%s} was ignored: the theme uses #%s for a part of the page around the text, and an ID may appear once on a page; give this heading another ID", string(v), string(v))
			case !ids.reserve(string(v)):
				diags.Warnf(h.Pos, "heading ID #%s is used twice in this file (first on line %d); links to it go to the first, so give this heading another ID", string(v), firstAt[string(v)])
			default:
				explicit[i] = string(v)
				firstAt[string(v)] = h.Pos.Line
			}
		}
		n.RemoveAttributes() // only the id, set below, is written
	}
	for i, n := range headings {
		id := explicit[i]
		if id == "" {
			id = ids.generate(doc.Headings[i].Text)
		}
		doc.Headings[i].ID = id
		n.SetAttributeString("id", []byte(id))
	}
}

func (doc *Doc) link(dest string, n ast.Node, image bool, pos diag.Pos, diags *diag.List, remove *[]ast.Node) {
	if image && n.FirstChild() == nil {
		diags.Warnf(pos, "image %q has no alt text; describe it between the brackets, ![like this](%s), for readers who cannot see it", diag.Excerpt(dest), diag.Excerpt(dest))
	}
	scheme := urlScheme(dest)
	if image && (scheme == "http" || scheme == "https" || scheme == "" && strings.HasPrefix(dest, "//")) {
		// The site promises readers that no request leaves it, and its
		// Content-Security-Policy (img-src 'self') holds browsers to
		// that: an image from elsewhere would be an empty box.
		diags.Errorf(pos, "image %q is on another site, and the site loads nothing from other sites (readers would see an empty box); download it into the page's folder and link to it there, as ![%s](%s)", diag.Excerpt(dest), diag.Excerpt(plainText(n, doc.src)), diag.Excerpt(path.Base(strings.SplitN(dest, "?", 2)[0])))
		*remove = append(*remove, n)
		return
	}
	switch scheme {
	case "":
		if strings.HasPrefix(dest, "//") {
			// A scheme-relative URL leaves the site; treat it as external.
			doc.External = append(doc.External, dest)
			markExternal(n)
			return
		}
		l := Link{Dest: dest, Image: image, Pos: pos, node: n}
		if ref := reference(n); ref != nil {
			if def, ok := doc.definitionPos(ref.Value, pos.File); ok {
				l.Pos, l.UsedAt = def, pos
			}
		}
		doc.Links = append(doc.Links, l)
	case "http", "https", "mailto":
		if problem := malformed(scheme, dest); problem != "" {
			diags.Errorf(pos, "link %q is not a well-formed address: %s", diag.Excerpt(dest), problem)
		}
		doc.External = append(doc.External, dest)
		markExternal(n)
	default:
		what := "link"
		if image {
			what = "image"
		}
		diags.Warnf(pos, "%s to %q removed: only http, https, mailto and relative URLs are allowed", what, diag.Excerpt(dest))
		*remove = append(*remove, n)
	}
}

// reference returns the reference of a reference link or image, or nil.
func reference(n ast.Node) *ast.ReferenceLink {
	switch n := n.(type) {
	case *ast.Link:
		return n.Reference
	case *ast.Image:
		return n.Reference
	}
	return nil
}

// definitionPos finds the "[label]: destination" line that defines label,
// matching labels as CommonMark does (case and runs of spaces ignored).
// goldmark keeps no position for definitions.
func (doc *Doc) definitionPos(label []byte, file string) (diag.Pos, bool) {
	want := util.ToLinkReference(label)
	offset := 0
	for i, line := range bytes.SplitAfter(doc.src, []byte("\n")) {
		start := offset
		offset += len(line)
		trimmed := bytes.TrimLeft(line, " \t>")
		if len(trimmed) < 4 || trimmed[0] != '[' {
			continue
		}
		end := bytes.Index(trimmed, []byte("]:"))
		if end < 0 || util.ToLinkReference(trimmed[1:end]) != want {
			continue
		}
		col := start + len(line) - len(trimmed)
		_, c := diag.Offset(doc.src, col)
		return diag.Pos{File: file, Line: i + 1, Col: c}, true
	}
	return diag.Pos{}, false
}

func markExternal(n ast.Node) {
	switch n.(type) {
	case *ast.Link, *ast.AutoLink:
		n.SetAttributeString("rel", []byte("external noopener noreferrer"))
	}
}

// malformed says what is wrong with an external address, or "". External
// links are not fetched (there may be no network) but must be usable.
func malformed(scheme, dest string) string {
	if strings.ContainsAny(dest, " \t") {
		return "it contains spaces; write them as %20"
	}
	u, err := url.Parse(dest)
	switch {
	case err != nil:
		return strings.TrimPrefix(err.Error(), "parse ")
	case scheme == "mailto" && !strings.Contains(u.Opaque, "@"):
		return "a mailto: link needs an address such as mailto:name@example.org"
	case scheme != "mailto" && (u.Host == "" || strings.HasPrefix(u.Host, ".") || strings.HasSuffix(u.Hostname(), ".")):
		return "it has no host name; write it as https://example.org/page"
	}
	return ""
}

// unwrap replaces a link or image by its children (the link text or alt
// text), an autolink by its text, a task checkbox by a box drawn as text,
// and removes raw HTML altogether.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	switch n := n.(type) {
	case *ast.AutoLink:
		parent.ReplaceChild(parent, n, ast.NewString(n.Label(src)))
		return
	case *extast.TaskCheckBox:
		box := "☐ "
		if n.IsChecked {
			box = "☑ "
		}
		parent.ReplaceChild(parent, n, ast.NewString([]byte(box)))
		return
	case *ast.Link, *ast.Image:
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
	}
	parent.RemoveChild(parent, n)
}

// decodeDestination gives a link destination as the browser will see it:
// goldmark keeps the source text (backslash escapes, "&#106;") and decodes
// it only when writing HTML, so checks must decode it the same way first.
func decodeDestination(raw []byte) string {
	v := util.UnescapePunctuations(raw)
	v = util.ResolveNumericReferences(v)
	v = util.ResolveEntityNames(v)
	return string(v)
}

// textValue is a text node as it reads: escapes and entities decoded,
// except in code spans, which stay literal.
func textValue(t *ast.Text, src []byte) []byte {
	v := t.Value(src)
	if t.IsRaw() {
		return v
	}
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v)))
}

// urlScheme returns the lower-cased scheme of a URL as a browser would see
// it: browsers ignore leading spaces and control characters and drop tabs
// and newlines anywhere, so "java\tscript:" is still javascript.
func urlScheme(dest string) string {
	var b strings.Builder
	for _, r := range dest {
		if r == '\t' || r == '\n' || r == '\r' {
			continue
		}
		if b.Len() == 0 && (r <= ' ' || unicode.IsSpace(r)) {
			continue
		}
		b.WriteRune(r)
	}
	s := b.String()
	i := strings.IndexAny(s, ":/?#")
	if i <= 0 || s[i] != ':' {
		return ""
	}
	scheme := strings.ToLower(s[:i])
	for j, r := range scheme {
		if !(r >= 'a' && r <= 'z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "invalid"
		}
	}
	return scheme
}

// startOffset finds a byte offset for n: block nodes know their lines;
// inline nodes are located through their first text descendant.
func startOffset(n ast.Node, src []byte) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n; c != nil; {
		if c.Type() == ast.TypeBlock {
			if lines := c.Lines(); lines != nil && lines.Len() > 0 {
				off := lines.At(0).Start
				if h, ok := c.(*ast.Heading); ok && !isSetext(h, src, off) {
					// Point at the '#' rather than the text after it.
					for off > 0 && src[off-1] != '\n' {
						off--
					}
				}
				return off
			}
		}
		if t, ok := c.(*ast.Text); ok {
			off := t.Segment.Start
			// Step back over the opening "[", "![" or "<" of a link.
			if p := n; p != c {
				for off > 0 && (src[off-1] == '[' || src[off-1] == '!' || src[off-1] == '<') {
					off--
				}
			}
			return off
		}
		if c.FirstChild() != nil {
			c = c.FirstChild()
			continue
		}
		break
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines() != nil && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return 0
}

func isSetext(h *ast.Heading, src []byte, off int) bool {
	for i := off - 1; i >= 0 && src[i] != '\n'; i-- {
		if src[i] == '#' {
			return false
		}
	}
	return true
}

// plainText is the text of n and its descendants, without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(textValue(c, src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if s, ok := t.(*ast.Text); ok {
					b.Write(s.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *extast.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// Target is where a resolved link goes.
type Target struct {
	URL string // "" drops the link and keeps its text
	// Note is text added at the end of the link, e.g. " (English)" for a
	// page in another language. (goldmark writes no hreflang on links.)
	Note string
}

// Render writes doc as HTML, with each Link where resolve says it goes and
// alerts titled in English. It releases the document's syntax tree: a Doc
// renders once.
func (r *Renderer) Render(doc *Doc, resolve func(Link) Target) ([]byte, error) {
	return r.RenderLocalized(doc, resolve, nil)
}

// RenderLocalized is Render with the titles of alerts in the page's
// language.
func (r *Renderer) RenderLocalized(doc *Doc, resolve func(Link) Target, labels Labels) ([]byte, error) {
	for _, l := range doc.Links {
		t := resolve(l)
		if t.URL == "" {
			unwrap(l.node, doc.src) // unresolvable: keep the text, drop the link
			continue
		}
		switch n := l.node.(type) {
		case *ast.Link:
			n.Destination = escapeDestination(t.URL)
			if t.Note != "" {
				n.AppendChild(n, ast.NewString([]byte(t.Note)))
			}
		case *ast.Image:
			n.Destination = escapeDestination(t.URL)
		}
	}
	if doc.root == nil {
		return nil, fmt.Errorf("render: the document was already rendered")
	}
	labelAlerts(doc.root, labels)
	// The HTML is about the size of the source; growing to it in one step
	// saves copying as it grows.
	var buf bytes.Buffer
	buf.Grow(len(doc.src) + len(doc.src)/4)
	if err := r.md.Renderer().Render(&buf, doc.src, doc.root); err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	// A document renders once; its syntax tree is most of its memory, and a
	// large site holds thousands of documents until the build ends.
	doc.root, doc.src = nil, nil
	for i := range doc.Links {
		doc.Links[i].node = nil // links point into the tree
	}
	return buf.Bytes(), nil
}

// escapeDestination protects a resolved URL from the decoding goldmark
// applies to destinations when it writes them (backslash escapes and
// entities), so the URL arrives in the HTML as resolved.
func escapeDestination(u string) []byte {
	var b []byte
	for i := 0; i < len(u); i++ {
		switch c := u[i]; c {
		case '\\':
			b = append(b, '\\', '\\')
		case '&':
			b = append(b, "&amp;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// deepestNesting returns the line and depth of the most deeply nested
// container (block quote or list marker) that starts on a single line.
func deepestNesting(src []byte) (line, depth int) {
	for i, l := range bytes.Split(src, []byte("\n")) {
		d := 0
		for {
			l = bytes.TrimLeft(l, " \t")
			if len(l) == 0 {
				break
			}
			if l[0] == '>' {
				d, l = d+1, l[1:]
				continue
			}
			if n := listMarker(l); n > 0 {
				d, l = d+1, l[n:]
				continue
			}
			if n := footnoteMarker(l); n > 0 {
				d, l = d+1, l[n:]
				continue
			}
			break
		}
		if d > depth {
			line, depth = i+1, d
		}
	}
	return line, depth
}

// listMarker returns the length of a list marker at the start of l
// ("- ", "* ", "+ ", "12. ", "3) "), or 0.
func listMarker(l []byte) int {
	if len(l) >= 1 && (l[0] == '-' || l[0] == '*' || l[0] == '+') {
		if len(l) == 1 || l[1] == ' ' || l[1] == '\t' {
			return 1
		}
		return 0
	}
	i := 0
	for i < len(l) && i < 9 && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	if i > 0 && i < len(l) && (l[i] == '.' || l[i] == ')') && (i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t') {
		return i + 1
	}
	return 0
}

// footnoteMarker returns the length of a "[^label]:" at the start of l, or
// 0: footnote definitions nest like list items, and as slowly.
func footnoteMarker(l []byte) int {
	if !bytes.HasPrefix(l, []byte("[^")) {
		return 0
	}
	i := bytes.IndexByte(l, ']')
	if i < 3 || i+1 >= len(l) || l[i+1] != ':' {
		return 0
	}
	return i + 2
}
