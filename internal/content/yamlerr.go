package content

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/openblueprints/blueprints/internal/diag"
)

// The YAML parser's messages ("mapping values are not allowed in this
// context") name its grammar, not the writer's mistake, and often point a
// line or two above it: the parser notices a problem only where the
// grammar breaks, and reports the start of what it was reading then. When
// a parse fails, explainYAML looks at the lines themselves for the usual
// mistakes (a tab, a field out of line, a colon or a quote inside an
// unquoted value, an unclosed list) and says what to change, where.

// yamlFinding is one mistake found in the lines of a YAML text.
type yamlFinding struct {
	line, col int // 1-based, within the YAML text
	msg       string
}

var yamlLineRE = regexp.MustCompile(`^yaml: (?:line (\d+): )?`)

// yamlErrorLine is the 1-based line the parser blamed within its input, or 0.
func yamlErrorLine(err error) int {
	if m := yamlLineRE.FindStringSubmatch(err.Error()); m != nil && m[1] != "" {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// explainYAML turns a YAML parse error of src, which starts on line
// firstLine of file, into a position and a plain message.
func explainYAML(file string, firstLine int, src []byte, err error) (diag.Pos, string) {
	at := yamlErrorLine(err)
	for _, f := range findYAMLMistakes(string(src), firstLine) {
		// The parser never reports a mistake before it happens, so a
		// finding above its line is something it read without trouble.
		if f.line >= at {
			return diag.Pos{File: file, Line: firstLine + f.line - 1, Col: f.col}, f.msg
		}
	}
	pos := diag.Pos{File: file, Line: firstLine}
	if at > 0 {
		pos.Line = firstLine + at - 1
	}
	return pos, plainYAMLError(err)
}

// plainYAMLError rewords the parser's message when no line explains it.
func plainYAMLError(err error) string {
	raw := yamlLineRE.ReplaceAllString(err.Error(), "")
	for _, m := range []struct{ parser, plain string }{
		{"mapping values are not allowed", "a colon followed by a space where no new field can start; if a value contains \": \", put the whole value in double quotes"},
		{"tab character", "a tab character; indent with spaces only"},
		{"did not find expected key", "YAML expected a field (name: value) here; check the indentation and the quotes of this line and the one above"},
		{"did not find expected '-' indicator", "a line is not lined up with the list items around it; indent each item's fields alike"},
		{"found unexpected end of stream", "the frontmatter ends inside a quoted value or a list; close the quote or the bracket"},
		{"did not find expected ',' or ']'", "a comma is missing between two items of a [list], or its closing ] is"},
		{"did not find expected ',' or '}'", "a comma is missing between two entries of a {group}, or its closing } is"},
		{"could not find expected ':'", "a line has no colon; write each field as name: value"},
		{"did not find expected node content", "a field or list item has nothing where its value should be"},
	} {
		if strings.Contains(raw, m.parser) {
			return m.plain
		}
	}
	return raw
}

// yamlLevel is a block mapping or sequence that lines can belong to.
type yamlLevel struct {
	indent int    // the column (from 0) where its keys or dashes start
	name   string // its first key, to name in messages ("" for a sequence)
	line   int
}

// findYAMLMistakes scans YAML lines for the mistakes people make by hand,
// in line order. It is a heuristic over lines, used only once the parser
// has failed, to say where and what. It stops at the first mistake: the
// lines after it are read wrongly, so what they seem to hold is suspect.
// Line numbers in messages count from firstLine, the file's line of src's
// first line.
func findYAMLMistakes(src string, firstLine int) []yamlFinding {
	s := yamlScanner{firstLine: firstLine, blockAbove: -1}
	for i, raw := range strings.Split(src, "\n") {
		if f := s.scan(i+1, strings.TrimRight(raw, "\r")); f != nil {
			return []yamlFinding{*f}
		}
	}
	return nil
}

// yamlScanner is findYAMLMistakes' state between lines: the levels open
// above the line, and what the previous content line leaves open.
type yamlScanner struct {
	firstLine  int
	levels     []yamlLevel
	opens      bool   // "key:" with nothing after it: a block follows
	plainOf    string // "key: value" with an unquoted value: the key
	blockAbove int    // indent of a "key: |" line whose text follows, or -1
}

// yamlLine is a content line taken apart.
type yamlLine struct {
	n, indent  int
	trimmed    string // without its indentation
	item       bool   // a list item, "- …"
	key, value string
	isField    bool // "key: value" or "key:", after the dash of an item
}

// scan reads line n and returns the mistake it holds, if any.
func (s *yamlScanner) scan(n int, line string) *yamlFinding {
	trimmed := strings.TrimLeft(line, " \t")
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return nil
	}
	lead := line[:len(line)-len(trimmed)]
	if s.blockAbove >= 0 {
		if len(lead) > s.blockAbove {
			return nil // the text of a | or > block may hold anything
		}
		s.blockAbove = -1
	}
	if j := strings.IndexByte(lead, '\t'); j >= 0 {
		return &yamlFinding{n, j + 1, "a tab character indents this line; YAML allows only spaces: replace the tab with spaces, lined up with the fields above"}
	}
	l := yamlLine{n: n, indent: len(lead), trimmed: trimmed, item: strings.HasPrefix(trimmed, "- ") || trimmed == "-"}
	l.key, l.value, l.isField = splitYAMLField(strings.TrimPrefix(trimmed, "- "))
	if f, next := s.place(l); !next {
		return f
	}
	return s.shape(l)
}

// place finds the level l belongs to by its indentation, opening or
// closing levels. It reports whether the line's content is to be checked:
// not when it is misplaced (f says how) or continues a value above.
func (s *yamlScanner) place(l yamlLine) (f *yamlFinding, next bool) {
	name := l.key
	if l.item {
		name = "" // the level of the dashes; the item's fields get their own
	}
	switch top := len(s.levels) - 1; {
	case top < 0:
		s.levels = append(s.levels, yamlLevel{indent: l.indent, name: name, line: l.n})
	case s.opens && (l.indent > s.levels[top].indent || l.item && l.indent == s.levels[top].indent):
		s.levels = append(s.levels, yamlLevel{indent: l.indent, name: name, line: l.n})
	case l.indent > s.levels[top].indent:
		if s.plainOf != "" && l.isField {
			return &yamlFinding{l.n, l.indent + 1, fmt.Sprintf("%s is indented more than %s above it, so YAML reads this line as part of %s's value; line %s up with %s", l.key, s.plainOf, s.plainOf, l.key, s.plainOf)}, false
		}
		return nil, false // the continuation of a long unquoted value
	default:
		if f := s.outdent(l); f != nil {
			return f, false
		}
	}
	return nil, true
}

// outdent closes the levels deeper than l; l must then line up with the
// level it is back to, else the finding says where to put it.
func (s *yamlScanner) outdent(l yamlLine) *yamlFinding {
	var deeper *yamlLevel
	for len(s.levels) > 1 && s.levels[len(s.levels)-1].indent > l.indent {
		deeper = &s.levels[len(s.levels)-1]
		s.levels = s.levels[:len(s.levels)-1]
	}
	back := s.levels[len(s.levels)-1]
	if back.indent == l.indent {
		return nil
	}
	// Line it up with the nearer of the two levels it falls between; on a
	// tie, with the deeper one, which the line most likely continues.
	if deeper != nil && deeper.indent-l.indent <= l.indent-back.indent {
		back = *deeper
	}
	what := "this line"
	if l.isField {
		what = l.key
	}
	return &yamlFinding{l.n, l.indent + 1, fmt.Sprintf("%s is indented %s, which lines up with no field above it; indent it %s, like %s on line %d", what, spaces(l.indent), spaces(back.indent), cmpName(back), back.line+s.firstLine-1)}
}

// shape checks that a placed line is a field or a list item that may
// stand where it is, then its value.
func (s *yamlScanner) shape(l yamlLine) *yamlFinding {
	if l.item && l.isField {
		s.levels = append(s.levels, yamlLevel{indent: l.indent + 2, name: l.key, line: l.n})
	}
	if l.item && !s.opens && len(s.levels) > 0 && s.plainOf != "" && l.indent == s.levels[len(s.levels)-1].indent {
		return &yamlFinding{l.n, l.indent + 1, fmt.Sprintf("a list item under %s, which already has a value; write %s: on a line of its own, with the items below it", s.plainOf, s.plainOf)}
	}
	if !l.isField && !l.item {
		return &yamlFinding{l.n, l.indent + 1, fmt.Sprintf("%q is not a field; write it as name: value", diag.Excerpt(l.trimmed))}
	}
	s.opens, s.plainOf = false, ""
	if !l.isField {
		return nil
	}
	return s.value(l)
}

// value checks a field's value and notes what it leaves open for the
// lines below: a block, the text of a | or > block, or a plain value a
// careless indent would continue.
func (s *yamlScanner) value(l yamlLine) *yamlFinding {
	col := l.indent + 1 + len(l.trimmed) - len(strings.TrimPrefix(l.trimmed, "- "))
	valueCol := col + utf8.RuneCountInString(l.key) + 2
	key, value := l.key, l.value
	switch {
	case value == "":
		s.opens = true
	case strings.HasPrefix(value, "|") || strings.HasPrefix(value, ">"):
		s.blockAbove = l.indent
	case strings.HasPrefix(value, "'") || strings.HasPrefix(value, "\""):
		if f, ok := quoteMistake(key, value); ok {
			return &yamlFinding{l.n, valueCol, f}
		}
	case strings.HasPrefix(value, "[") || strings.HasPrefix(value, "{"):
		if f, ok := bracketMistake(key, value); ok {
			return &yamlFinding{l.n, valueCol, f}
		}
	default:
		if j := strings.Index(value, ": "); j >= 0 || strings.HasSuffix(value, ":") {
			if j < 0 {
				j = len(value) - 1
			}
			return &yamlFinding{l.n, valueCol + utf8.RuneCountInString(value[:j]),
				fmt.Sprintf("the value of %s contains a colon followed by a space, which YAML reads as the start of a new field; put the whole value in double quotes: %s: %q", key, key, value)}
		}
		s.plainOf = key
	}
	return nil
}

// splitYAMLField splits "key: value" (or "key:"); ok is false for a line
// that is not a field.
func splitYAMLField(s string) (key, value string, ok bool) {
	if strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "'") || strings.HasPrefix(s, "[") || strings.HasPrefix(s, "{") {
		return "", "", false
	}
	if k, ok := strings.CutSuffix(s, ":"); ok && !strings.Contains(k, ": ") {
		return k, "", true
	}
	k, v, found := strings.Cut(s, ": ")
	if !found || k == "" || strings.ContainsAny(k, "#") {
		return "", "", false
	}
	// A trailing comment is no part of the value.
	if j := strings.Index(v, " #"); j >= 0 {
		v = v[:j]
	}
	return k, strings.TrimSpace(v), true
}

// quoteMistake finds a quoted value that ends before the line does
// ('it's') or never ends.
func quoteMistake(key, value string) (string, bool) {
	q := value[0]
	for j := 1; j < len(value); j++ {
		switch {
		case q == '"' && value[j] == '\\':
			j++
		case q == '\'' && value[j] == '\'' && j+1 < len(value) && value[j+1] == '\'':
			j++ // '' is a quote inside single quotes
		case value[j] == q:
			rest := strings.TrimSpace(value[j+1:])
			if rest == "" || strings.HasPrefix(rest, "#") {
				return "", false
			}
			if q == '\'' {
				return fmt.Sprintf("the value of %s starts with a single quote, so YAML ends it at the next one; put the value in double quotes instead: %s: \"%s\"", key, key, value[1:len(value)-1]), true
			}
			return fmt.Sprintf("the value of %s contains a double quote that ends it early; write the quote inside as \\\" or put the value in single quotes", key), true
		}
	}
	return fmt.Sprintf("the value of %s opens a quote (%c) that is not closed on this line; add the closing %c", key, q, q), true
}

// bracketMistake finds a [list] or {group} on one line whose brackets do
// not balance.
func bracketMistake(key, value string) (string, bool) {
	depth := 0
	var quote byte
	for j := 0; j < len(value); j++ {
		c := value[j]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth < 0 {
				return fmt.Sprintf("the list of %s has a closing %c too many", key, c), true
			}
			if depth == 0 && strings.TrimSpace(value[j+1:]) != "" && !strings.HasPrefix(strings.TrimSpace(value[j+1:]), "#") {
				return fmt.Sprintf("the list of %s is followed by %q; remove it, or move it inside the brackets", key, strings.TrimSpace(value[j+1:])), true
			}
		}
	}
	if depth > 0 {
		return fmt.Sprintf("the list of %s opens a bracket that is not closed on this line; end the list with %s", key, map[byte]string{'[': "]", '{': "}"}[value[0]]), true
	}
	return "", false
}

func spaces(n int) string {
	if n == 1 {
		return "1 space"
	}
	return fmt.Sprintf("%d spaces", n)
}

func cmpName(l yamlLevel) string {
	if l.name == "" {
		return "the list item"
	}
	return l.name
}
