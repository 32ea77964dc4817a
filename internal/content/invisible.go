package content

import (
	"fmt"
	"unicode/utf8"

	"github.com/openblueprints/blueprints/internal/diag"
)

// invisibleName names the characters warnInvisible reports: bidi
// embeddings, overrides and isolates, which make text display in another
// order than it is stored ("Trojan Source"), and zero-width characters
// that hide inside words. The marks right-to-left writing needs (U+200E,
// U+200F, U+061C) and the joiners some scripts need (U+200C, U+200D) are
// left alone.
func invisibleName(r rune) string {
	switch r {
	case '\u202A':
		return "LEFT-TO-RIGHT EMBEDDING"
	case '\u202B':
		return "RIGHT-TO-LEFT EMBEDDING"
	case '\u202C':
		return "POP DIRECTIONAL FORMATTING"
	case '\u202D':
		return "LEFT-TO-RIGHT OVERRIDE"
	case '\u202E':
		return "RIGHT-TO-LEFT OVERRIDE"
	case '\u2066':
		return "LEFT-TO-RIGHT ISOLATE"
	case '\u2067':
		return "RIGHT-TO-LEFT ISOLATE"
	case '\u2068':
		return "FIRST STRONG ISOLATE"
	case '\u2069':
		return "POP DIRECTIONAL ISOLATE"
	case '\u200B':
		return "ZERO WIDTH SPACE"
	case '\u2060':
		return "WORD JOINER"
	case '\uFEFF':
		return "ZERO WIDTH NO-BREAK SPACE"
	}
	return ""
}

// warnInvisible warns, once per file, about the invisible characters in
// src (frontmatter and body): what reviewers read in a pull request is
// then not what readers see. Text is published as written; the warning
// names the first one and how many there are.
func warnInvisible(file string, src []byte, diags *diag.List) {
	first, count, name := -1, 0, ""
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if n := invisibleName(r); n != "" {
			if first < 0 {
				first, name = i, fmt.Sprintf("U+%04X %s", r, n)
			}
			count++
		}
		i += size
	}
	if count == 0 {
		return
	}
	line, col := diag.Offset(src, first)
	more := ""
	if count > 1 {
		more = fmt.Sprintf(" (and %d more in this file)", count-1)
	}
	diags.Warnf(diag.Pos{File: file, Line: line, Col: col}, "invisible character %s%s: it makes the text read differently from what reviewers see; remove it", name, more)
}
