package diag

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
)

// Count is how many diagnostics of one kind and severity a list holds.
type Count struct {
	Severity Severity
	// Kind is the message with what varies from one instance to the next
	// (quoted text, paths, numbers) replaced by "…", e.g.
	// `link "…": no heading #… in …`.
	Kind    string
	N       int
	Example Diagnostic // the first of its kind
}

var (
	quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|‘[^’]*’|«[^»]*»`)
	// Text to copy, such as a line to paste, is quoted in backquotes.
	codeQuoted = regexp.MustCompile("`[^`]*`")
	// Unquoted paths, anchors, file names and numbers.
	variable   = regexp.MustCompile(`[^\s"]*[/#][^\s"]*[^\s".,;:!?)]|\b[\w-]+\.[\w.-]*\w|\b\d(?:[\d.,-]*\d)?\b`)
	ellipsises = regexp.MustCompile(`…(?:[\s,]*…)+`)
	// Where a reference link is used is told after its problem; it does
	// not make another kind of problem.
	usedOn = regexp.MustCompile(` \(the reference is used on line \d+\)$`)
)

// KindOf is the kind of a message: the message with its variable parts
// replaced, so that "link "a.md": …" and "link "b.md": …" are one kind.
func KindOf(message string) string {
	k := usedOn.ReplaceAllString(message, "")
	k = quoted.ReplaceAllString(k, `"…"`)
	k = codeQuoted.ReplaceAllString(k, "`…`")
	k = variable.ReplaceAllString(k, "…")
	return ellipsises.ReplaceAllString(k, "…")
}

// Summarize counts l by severity and kind: errors first, then the most
// frequent kinds.
func (l List) Summarize() []Count {
	index := map[[2]string]int{}
	var counts []Count
	for _, d := range l {
		k := KindOf(d.Message)
		key := [2]string{d.Severity.String(), k}
		i, ok := index[key]
		if !ok {
			i = len(counts)
			index[key] = i
			counts = append(counts, Count{Severity: d.Severity, Kind: k, Example: d})
		}
		counts[i].N++
	}
	slices.SortStableFunc(counts, func(a, b Count) int {
		return cmp.Or(cmp.Compare(a.Severity, b.Severity), cmp.Compare(b.N, a.N), strings.Compare(a.Kind, b.Kind))
	})
	return counts
}

// Warnings counts the diagnostics of severity Warning.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Files counts the distinct files l names.
func (l List) Files() int {
	files := map[string]bool{}
	for _, d := range l {
		if d.Pos.File != "" {
			files[d.Pos.File] = true
		}
	}
	return len(files)
}

// ByImportance orders l for a reader who sees only its head: errors before
// warnings, and within each, the first problem of every kind before the
// second of any, so a few lines show every kind of problem there is.
// Otherwise the order of l is kept.
func (l List) ByImportance() List {
	type ranked struct {
		d     Diagnostic
		nth   int // 0 for the first of its kind
		index int
	}
	seen := map[[2]string]int{}
	r := make([]ranked, len(l))
	for i, d := range l {
		key := [2]string{d.Severity.String(), KindOf(d.Message)}
		r[i] = ranked{d, seen[key], i}
		seen[key]++
	}
	slices.SortStableFunc(r, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.d.Severity, b.d.Severity), cmp.Compare(a.nth, b.nth), cmp.Compare(a.index, b.index))
	})
	out := make(List, len(l))
	for i, x := range r {
		out[i] = x.d
	}
	return out
}
