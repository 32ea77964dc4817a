package content

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/adrg/frontmatter"
)

// format is the syntax a file's frontmatter is written in.
type format string

const (
	formatNone format = ""
	formatYAML format = "YAML"
	formatTOML format = "TOML"
	formatJSON format = "JSON"
)

// split is a file cut into frontmatter and Markdown body.
type split struct {
	format format
	meta   []byte // the frontmatter text, without delimiters (JSON keeps its braces)
	line   int    // file line on which meta starts
	body   []byte // the whole file with the frontmatter blanked to empty lines
}

// errUnterminated reports frontmatter that is opened but never closed.
type errUnterminated struct {
	line  int
	delim string
}

func (e errUnterminated) Error() string {
	return fmt.Sprintf("frontmatter opened with %q is never closed; add a line %q after the last field", e.delim, e.delim)
}

// splitFrontmatter finds the frontmatter with adrg/frontmatter's delimiter
// rules. Instead of letting it decode, each format's unmarshal function only
// captures the raw text: decoding happens in this package, with positions.
// The body keeps every line of the file (the frontmatter lines become empty),
// so Markdown offsets are file offsets and errors need no translation.
func splitFrontmatter(src []byte) (split, error) {
	var got split
	capture := func(f format) frontmatter.UnmarshalFunc {
		return func(data []byte, _ any) error {
			got.format, got.meta = f, bytes.Clone(data)
			return nil
		}
	}
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", capture(formatYAML)),
		frontmatter.NewFormat("---yaml", "---", capture(formatYAML)),
		frontmatter.NewFormat("+++", "+++", capture(formatTOML)),
		frontmatter.NewFormat("---toml", "---", capture(formatTOML)),
		frontmatter.NewFormat(";;;", ";;;", capture(formatJSON)),
		frontmatter.NewFormat("---json", "---", capture(formatJSON)),
		{Start: "{", End: "}", Unmarshal: capture(formatJSON), UnmarshalDelims: true, RequiresNewLine: true},
	}
	var discard struct{}
	rest, err := frontmatter.Parse(bytes.NewReader(src), &discard, formats...)
	if err != nil {
		return split{}, err
	}
	first, firstLine := firstNonBlankLine(src)
	if got.format == formatNone {
		for _, f := range formats {
			if first == f.Start && f.Start != "{" {
				return split{}, errUnterminated{line: firstLine, delim: f.End}
			}
		}
		return split{body: src}, nil
	}
	got.line = firstLine + 1
	if first == "{" {
		got.line = firstLine
	}
	if len(rest) > len(src) {
		return split{}, errors.New("frontmatter: internal error: body longer than file")
	}
	cut := len(src) - len(rest)
	got.body = append(blankLines(src[:cut]), rest...)
	return got, nil
}

func firstNonBlankLine(src []byte) (string, int) {
	for i, line := range strings.Split(string(src), "\n") {
		if s := strings.TrimSpace(line); s != "" {
			return s, i + 1
		}
	}
	return "", 0
}

// blankLines keeps only the newlines of b.
func blankLines(b []byte) []byte {
	return bytes.Repeat([]byte("\n"), bytes.Count(b, []byte("\n")))
}
