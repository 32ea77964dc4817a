// Package diag holds the positions and diagnostics that every stage of a
// build reports. A build collects all of them, sorts them and prints them one
// per line as file:line:col: message, so a contributor sees every problem of
// a pull request in one run instead of fixing them one at a time.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a content file. Line and Col count from 1; a zero
// Line means "the whole file" and a zero Col "the whole line".
type Pos struct {
	// File is slash-separated and relative to the content directory (a
	// theme's files are ../themes/…); commands print it relative to where
	// they run.
	File string
	Line int
	Col  int // in characters (runes), as editors and GitHub count them
}

func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity tells whether a diagnostic fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Message  string
}

func (d Diagnostic) String() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// List collects the diagnostics of a build. The zero value is ready to use.
type List []Diagnostic

// Errorf adds an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Append adds all of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line, column, then message, and drops exact
// duplicates, so output is stable whatever order parallel stages finished in.
func (l List) Sort() List {
	slices.SortFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(l)
}

// Errors counts the diagnostics of severity Error.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Err returns nil if the list holds no error (warnings alone do not fail a
// build), and otherwise an error whose text is every diagnostic, sorted.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return errList(slices.Clone(l).Sort())
}

type errList List

func (e errList) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Lines finds line and column numbers in one source text. Build it once
// per file: each lookup is a binary search, not a scan from the start.
type Lines struct {
	src    []byte
	starts []int // byte offset at which each line begins
}

// NewLines indexes the lines of src.
func NewLines(src []byte) Lines {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return Lines{src: src, starts: starts}
}

// Pos converts a byte offset to a 1-based line and column (in runes).
// Offsets past the end are clamped to the end.
func (l Lines) Pos(offset int) (line, col int) {
	offset = min(max(offset, 0), len(l.src))
	i := sort.Search(len(l.starts), func(i int) bool { return l.starts[i] > offset }) - 1
	return i + 1, 1 + utf8.RuneCount(l.src[l.starts[i]:offset])
}

// Offset converts a byte offset in src to a 1-based line and column (in
// runes), for a single lookup; use Lines for many.
func Offset(src []byte, offset int) (line, col int) { return NewLines(src).Pos(offset) }

// ExcerptLimit is how many characters of contributor text a message quotes
// whole: link targets of real sites run past 100 characters and must be
// shown in full, but a hostile file's link can be hundreds of kilobytes
// long, and printing it whole buries the message that names the problem.
const ExcerptLimit = 200

// Excerpt shortens contributor text that a message quotes to its first
// ExcerptLimit characters.
func Excerpt(s string) string {
	n := 0
	for i := range s {
		if n == ExcerptLimit-3 && utf8.RuneCountInString(s[i:]) > 3 {
			return s[:i] + "..."
		}
		n++
	}
	return s
}
