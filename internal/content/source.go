package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/openblueprints/blueprints/internal/diag"
)

// DefaultMaxFileSize caps one content file. A blueprint is a few thousand
// words; anything near this size is a mistake or an attack on the renderer.
const DefaultMaxFileSize = 512 << 10

// cleanSource checks and normalises raw file bytes before any parser sees
// them: size cap, valid UTF-8 without NUL, byte-order mark stripped, CRLF and
// lone CR turned into LF. Positions reported later refer to the cleaned text,
// which has the same lines as the file.
func cleanSource(file string, src []byte, maxSize int, diags *diag.List) ([]byte, bool) {
	if len(src) > maxSize {
		diags.Errorf(diag.Pos{File: file}, "file is %d bytes, over the %d-byte limit; split it into smaller pages", len(src), maxSize)
		return nil, false
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	// Line breaks first, so positions below count lines as editors do.
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	if i := firstInvalidUTF8(src); i >= 0 {
		line, col := diag.Offset(src, i)
		diags.Errorf(diag.Pos{File: file, Line: line, Col: col}, "invalid UTF-8; save the file as UTF-8")
		return nil, false
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line, col := diag.Offset(src, i)
		diags.Errorf(diag.Pos{File: file, Line: line, Col: col}, "NUL byte in text file; remove it")
		return nil, false
	}
	return src, true
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}
