package markdown

import (
	"bytes"
	"fmt"

	"github.com/openblueprints/blueprints/internal/diag"
)

// Limits of one file, checked by a scan of its lines before goldmark sees
// it. goldmark is linear on ordinary Markdown but not on every shape: its
// inline parser looks ahead from each unclosed link, bracket or delimiter
// to the end of the paragraph, and a file full of them under the size cap
// took minutes (cmark's pathological tests; "[a](" 100,000 times). Counting
// is cheap; a file over a limit is refused with the place and the limit,
// so every file that reaches goldmark parses in time linear in its size.
const (
	// MaxHeadings bounds headings per file (each gets an ID, a place in
	// the contents and a search entry). A long guide has fifty.
	MaxHeadings = 1000
	// MaxDefinitions bounds footnote and link reference definitions per
	// file, each a lookup table entry goldmark checks every reference with.
	MaxDefinitions = 1000
	// MaxBlocks bounds list items, table rows and columns, code blocks
	// and definition list entries per file: each is a few nodes for goldmark
	// and the renderer, where a line of prose is one. A long bibliography
	// has a few hundred.
	MaxBlocks = 10_000
	// MaxLinks bounds links, images and bare web addresses per file.
	MaxLinks = 5000
	// MaxIndent bounds the indentation of a list item or quote marker:
	// nesting by indentation costs goldmark as much as nesting on one
	// line, which MaxNesting bounds; 32 levels need at most 128 columns.
	MaxIndent = 4 * MaxNesting
	// MaxInlineWork bounds, summed over the paragraphs of a file, the
	// markers in each paragraph ([ ] ( ) < > * _ ~ ` !) times its length:
	// the look-ahead goldmark may do. The bundled knowledge base's densest
	// file needs 60,000; a paragraph of 10 KB with 300 links and emphases
	// needs three million.
	MaxInlineWork = 20_000_000
)

// inlineMarkers are the bytes that open or close an inline construct.
var inlineMarkers = func() (t [256]bool) {
	for _, c := range []byte("[]()<>*_~`!") {
		t[c] = true
	}
	return t
}()

// paragraph is a run of lines goldmark parses as one inline text.
type paragraph struct {
	line, lines int // first line (1-based) and how many
	bytes       int
	markers     int
}

func (p paragraph) work() int { return p.markers * p.bytes }

// markupCounts is what checkLimits counts in a file.
type markupCounts struct {
	headings, definitions, blocks, links int
	// The lines on which each count first went over its limit.
	headingLine, defLine, blockLine, linkLine int
	indentLine                                int // the first line indented more than MaxIndent
	work                                      int // paragraph.work() summed
	densest                                   paragraph
}

// checkLimits reports the first limit src goes over, if any.
func checkLimits(file string, src []byte) (diag.Pos, string, bool) {
	c := countMarkup(src)
	switch {
	case c.headings > MaxHeadings:
		return diag.Pos{File: file, Line: c.headingLine, Col: 1}, fmt.Sprintf("%d headings in one file, more than the %d allowed; split it into several pages", c.headings, MaxHeadings), false
	case c.definitions > MaxDefinitions:
		return diag.Pos{File: file, Line: c.defLine, Col: 1}, fmt.Sprintf("%d footnote and link reference definitions in one file, more than the %d allowed; split it into several pages", c.definitions, MaxDefinitions), false
	case c.indentLine > 0:
		return diag.Pos{File: file, Line: c.indentLine, Col: 1}, fmt.Sprintf("a list or quote indented more than %d columns: lists nested this deep are too slow to parse; at most %d levels are allowed", MaxIndent, MaxNesting), false
	case c.blocks > MaxBlocks:
		return diag.Pos{File: file, Line: c.blockLine, Col: 1}, fmt.Sprintf("%d list items, table rows and columns, code blocks and definitions in one file, more than the %d allowed; split it into several pages", c.blocks, MaxBlocks), false
	case c.links > MaxLinks:
		return diag.Pos{File: file, Line: c.linkLine, Col: 1}, fmt.Sprintf("%d links, images and web addresses in one file, more than the %d allowed; split it into several pages", c.links, MaxLinks), false
	case c.work > MaxInlineWork:
		return diag.Pos{File: file, Line: c.densest.line, Col: 1}, fmt.Sprintf(
			"too much inline markup for its length: the paragraph here has %d markers ([ ] ( ) < > * _ ~ ` !) in %d bytes, and the file's paragraphs together go over the limit (%d markers × bytes, at most %d); split long paragraphs with blank lines or remove stray brackets and asterisks",
			c.densest.markers, c.densest.bytes, c.work, MaxInlineWork), false
	}
	return diag.Pos{}, "", true
}

// countMarkup counts headings, definitions and the inline work of src in
// one pass over its lines, following fenced code blocks (not parsed for
// markup), block quotes and list items (each a paragraph of its own) and
// tables (each row parsed alone).
func countMarkup(src []byte) markupCounts {
	var m markupCounter
	for i, l := range bytes.Split(src, []byte("\n")) {
		m.line(i+1, l)
	}
	m.endParagraph()
	return m.markupCounts
}

// markupCounter is countMarkup's state between lines.
type markupCounter struct {
	markupCounts
	cur   paragraph
	fence []byte // the fence of the code block we are in
	table bool   // in the rows of a GFM table
}

// line counts line n, l.
func (m *markupCounter) line(n int, l []byte) {
	if m.indentLine == 0 && m.fence == nil && indentBeforeMarker(l) > MaxIndent {
		m.indentLine = n
	}
	l, container := stripContainers(l)
	if m.blockBoundary(n, l, container) || m.structure(n, l) {
		return
	}
	if m.table {
		m.endParagraph()
		m.countBlocks(1, n)
	}
	if k := countLinks(l); k > 0 {
		m.links += k
		m.linkLine = firstOver(m.linkLine, m.links, MaxLinks, n)
	}
	m.add(n, l)
}

// blockBoundary follows code fences, blank lines and the starts of list
// items and quotes, which end a paragraph; it reports whether that was all
// the line holds (code is not parsed for inline markup).
func (m *markupCounter) blockBoundary(n int, l []byte, container bool) bool {
	switch {
	case m.fence != nil:
		if closesFence(l, m.fence) {
			m.fence = nil
		}
		return true
	case fenceOf(l) != nil:
		m.endParagraph()
		m.fence, m.table = fenceOf(l), false
		m.countBlocks(1, n)
		return true
	case len(bytes.TrimSpace(l)) == 0:
		m.endParagraph()
		m.table = false
		return true
	case container:
		m.endParagraph()
		m.table = false
		m.countBlocks(1, n)
	}
	return false
}

// structure counts the headings, tables and definitions a line starts; it
// reports whether the line is done with.
func (m *markupCounter) structure(n int, l []byte) bool {
	switch {
	case isATXHeading(l):
		m.countHeading(n)
		m.endParagraph()
		m.add(n, l)
		m.endParagraph()
		return true
	case m.cur.lines > 0 && isSetextUnderline(l):
		m.countHeading(n)
		m.endParagraph()
		return true
	case m.cur.lines == 1 && isDelimiterRow(l):
		// A table: each row after this is parsed on its own. Its
		// columns count as blocks, each a cell in every row.
		m.endParagraph()
		m.table = true
		m.countBlocks(bytes.Count(l, []byte("|")), n)
		return true
	case definitionStart(l):
		m.definitions++
		m.defLine = firstOver(m.defLine, m.definitions, MaxDefinitions, n)
	case len(l) > 1 && l[0] == ':' && (l[1] == ' ' || l[1] == '\t'):
		m.countBlocks(1, n) // a definition list's description
	}
	return false
}

// endParagraph adds the paragraph that ends here to the work.
func (m *markupCounter) endParagraph() {
	if m.cur.lines > 0 {
		m.work += m.cur.work()
		if m.cur.work() > m.densest.work() {
			m.densest = m.cur
		}
	}
	m.cur = paragraph{}
}

// add adds line n, l, to the paragraph.
func (m *markupCounter) add(n int, l []byte) {
	if m.cur.lines == 0 {
		m.cur.line = n
	}
	m.cur.lines++
	m.cur.bytes += len(l) + 1
	for _, b := range l {
		if inlineMarkers[b] {
			m.cur.markers++
		}
	}
}

func (m *markupCounter) countHeading(n int) {
	m.headings++
	m.headingLine = firstOver(m.headingLine, m.headings, MaxHeadings, n)
}

func (m *markupCounter) countBlocks(k, n int) {
	m.blocks += k
	m.blockLine = firstOver(m.blockLine, m.blocks, MaxBlocks, n)
}

// firstOver returns line if count has just gone over limit, else was.
func firstOver(was, count, limit, line int) int {
	if was == 0 && count > limit {
		return line
	}
	return was
}

// countLinks counts what may become a link in l: "](" of inline links
// and images, and bare web addresses, which GFM links ("://", "www.").
// A web address that is the destination of a "](" counts once.
func countLinks(l []byte) int {
	count := func(s string) int { return bytes.Count(l, []byte(s)) }
	return count("](") + count("://") + count("www.") - count("](http://") - count("](https://") - count("://www.")
}

// indentBeforeMarker is the indentation, in columns, of the first list or
// quote marker of l, or 0 if it has none.
func indentBeforeMarker(l []byte) int {
	col := 0
	for _, c := range l {
		switch c {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			t := bytes.TrimLeft(l, " \t")
			if t[0] == '>' || listMarker(t) > 0 && !isThematicBreak(t) {
				return col
			}
			return 0
		}
	}
	return 0
}

// stripContainers removes the block quote and list markers that start l,
// and reports whether there were any: a list item or quote starts a new
// paragraph.
func stripContainers(l []byte) ([]byte, bool) {
	found := false
	for {
		t := bytes.TrimLeft(l, " \t")
		switch {
		case len(t) > 0 && t[0] == '>':
			l, found = t[1:], true
		case listMarker(t) > 0 && !isThematicBreak(t):
			l, found = t[listMarker(t):], true
		default:
			return t, found
		}
	}
}

// fenceOf returns the fence (``` or ~~~, three or more) that l opens, or nil.
func fenceOf(l []byte) []byte {
	if len(l) < 3 || (l[0] != '`' && l[0] != '~') {
		return nil
	}
	n := 0
	for n < len(l) && l[n] == l[0] {
		n++
	}
	if n < 3 || (l[0] == '`' && bytes.IndexByte(l[n:], '`') >= 0) {
		return nil
	}
	return l[:n]
}

// closesFence reports whether l closes the code block fence opened.
func closesFence(l, fence []byte) bool {
	n := 0
	for n < len(l) && l[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.TrimSpace(l[n:])) == 0
}

func isATXHeading(l []byte) bool {
	n := 0
	for n < len(l) && n < 7 && l[n] == '#' {
		n++
	}
	return n >= 1 && n <= 6 && (n == len(l) || l[n] == ' ' || l[n] == '\t')
}

func isSetextUnderline(l []byte) bool {
	t := bytes.TrimSpace(l)
	return len(t) > 0 && (t[0] == '=' || t[0] == '-') && len(bytes.Trim(t, string(t[:1]))) == 0
}

func isThematicBreak(l []byte) bool {
	t := bytes.ReplaceAll(bytes.ReplaceAll(bytes.TrimSpace(l), []byte(" "), nil), []byte("\t"), nil)
	return len(t) >= 3 && (t[0] == '-' || t[0] == '*' || t[0] == '_') && len(bytes.Trim(t, string(t[:1]))) == 0
}

// definitionStart reports a line that starts a footnote ("[^1]: ...") or
// link reference definition ("[label]: ...").
func definitionStart(l []byte) bool {
	if len(l) < 4 || l[0] != '[' {
		return false
	}
	i := bytes.IndexByte(l, ']')
	return i > 1 && i+1 < len(l) && l[i+1] == ':'
}

// isDelimiterRow reports a GFM table's second line: pipes, dashes, colons.
func isDelimiterRow(l []byte) bool {
	t := bytes.TrimSpace(l)
	if !bytes.ContainsRune(t, '-') || !bytes.ContainsRune(t, '|') && !bytes.ContainsRune(t, ':') && len(t) < 3 {
		return false
	}
	for _, c := range t {
		if c != '|' && c != '-' && c != ':' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}
