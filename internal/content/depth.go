package content

import "github.com/openblueprints/blueprints/internal/diag"

// MaxFrontmatterDepth is how deeply frontmatter values may nest: lists in
// mappings in lists... Real frontmatter needs three levels. The TOML decoder
// takes time and memory that grow with the square of the depth (a 200 KB
// file of nested inline tables needs gigabytes), and the YAML decoder only
// stops at 10,000 levels, so a deeper file is refused before decoding, at
// the place where it goes too deep.
const MaxFrontmatterDepth = 32

// MaxFrontmatterSize caps the frontmatter of one file. The longest in the
// bundled knowledge base is under 5 KB. The decoders and the schema
// check are linear, but with a large constant per key (tens of
// microseconds for a key the schema does not know), so without this cap
// 40,000 keys under the file cap cost sixty times a plain file's load.
const MaxFrontmatterSize = 32 << 10

// tomlDepth scans TOML text for the first place where values nest deeper
// than MaxFrontmatterDepth: arrays, inline tables, and the dotted keys and
// table headers (a.b.c) that make a table per dot. It reads strings and
// comments only to skip them, in one pass, so it costs next to nothing.
// It returns the 1-based line and column of the offending character, or 0, 0.
//
// A dot in a number (x = 1.5) counts as a level too: overcounting by one
// costs nothing at this limit, and telling keys from values would need
// the whole grammar.
func tomlDepth(src []byte) (line, col int) {
	depth, dots := 0, 0
	line, lineStart := 1, 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '\n':
			line, lineStart = line+1, i+1
			dots = 0
		case '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, lines, start := skipTOMLString(src, i)
			if lines > 0 {
				line, lineStart = line+lines, start
			}
			i = end
		case '[', '{':
			depth++
			dots = 0
		case ']', '}':
			depth--
			dots = 0
		case '=', ',':
			dots = 0
		case '.':
			dots++
		}
		if depth+dots > MaxFrontmatterDepth {
			return line, runeCol(src[lineStart:i]) + 1
		}
	}
	return 0, 0
}

// skipTOMLString returns the index of the last byte of the string that
// starts at src[i] (basic "...", literal '...', or their multi-line forms
// in tripled quotes), how many newlines it spans and where the line
// after the last of them starts. An unterminated string runs to the end of
// the text; the decoder reports it.
func skipTOMLString(src []byte, i int) (end, lines, lineStart int) {
	q := src[i]
	multi := i+2 < len(src) && src[i+1] == q && src[i+2] == q
	j := i + 1
	if multi {
		j = i + 3
	}
	for ; j < len(src); j++ {
		switch c := src[j]; {
		case c == '\\' && q == '"':
			j++
			if j < len(src) && src[j] == '\n' {
				lines, lineStart = lines+1, j+1
			}
		case c == '\n':
			if !multi {
				return j - 1, lines, lineStart
			}
			lines, lineStart = lines+1, j+1
		case c == q && !multi:
			return j, lines, lineStart
		case c == q && j+2 < len(src) && src[j+1] == q && src[j+2] == q:
			// Up to two more quotes may end the string's content.
			j += 2
			for j+1 < len(src) && src[j+1] == q {
				j++
			}
			return j, lines, lineStart
		}
	}
	return len(src) - 1, lines, lineStart
}

// runeCol is the column, counted in characters, after b.
func runeCol(b []byte) int {
	n := 0
	for range string(b) {
		n++
	}
	return n
}

func depthError(file string, firstLine, line, col int, diags *diag.List) {
	diags.Errorf(diag.Pos{File: file, Line: firstLine + line - 1, Col: col},
		"frontmatter nests more than %d levels deep here; frontmatter needs a few levels at most, flatten it", MaxFrontmatterDepth)
}
