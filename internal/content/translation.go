package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"github.com/openblueprints/blueprints/internal/slug"
)

// Digest identifies the version of a document's translatable text: title,
// summary, outcome wording and the Markdown body. A translation records the
// digest of the source it was made from (translation.source_digest); when
// the source's digest changes, the translation is out of date. Fields that
// are copied, not translated (countries, dates, sources), do not count.
func (d *Document) Digest() string {
	h := sha256.New()
	write := func(s string) {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	write(d.Meta.Title)
	write(d.Meta.Summary)
	if bp := d.Blueprint; bp != nil {
		for _, o := range bp.Outcomes {
			write(o.Indicator)
			write(o.Unit)
		}
	}
	// The body without the blanked frontmatter lines and trailing space, so
	// reformatting the frontmatter does not make translations stale.
	write(strings.TrimSpace(string(d.Body)))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// SourceDigest is the digest a translation says it was made from, or "".
func (d *Document) SourceDigest() string {
	if d.Blueprint != nil && d.Blueprint.Translation != nil {
		return d.Blueprint.Translation.SourceDigest
	}
	if d.Meta.Translation != nil {
		return d.Meta.Translation.SourceDigest
	}
	return ""
}

// Translated is the date a translation gives for itself, or "".
func (d *Document) Translated() string {
	if d.Blueprint != nil && d.Blueprint.Translation != nil {
		return d.Blueprint.Translation.Translated
	}
	if d.Meta.Translation != nil {
		return d.Meta.Translation.Translated
	}
	return ""
}

// Stamp sets translation.source_digest in the YAML frontmatter of src,
// changing nothing else in the file: the value is replaced if present, or
// added under "translation:", which is added if missing.
func Stamp(src []byte, digest string) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(src, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(src), "\n")
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) || strings.TrimSpace(strings.TrimPrefix(lines[i], "\uFEFF")) != "---" {
		return nil, errors.New("stamp needs YAML frontmatter between --- lines")
	}
	end := -1
	for j := i + 1; j < len(lines); j++ {
		if strings.TrimSpace(lines[j]) == "---" {
			end = j
			break
		}
	}
	if end < 0 {
		return nil, errors.New("frontmatter is never closed")
	}
	line := "source_digest: " + digest + nl
	for j := i + 1; j < end; j++ {
		if strings.TrimRight(lines[j], "\r\n") != "translation:" {
			continue
		}
		// Within the translation block (indented lines), replace or add.
		indent := "  "
		k := j + 1
		for ; k < end && (strings.HasPrefix(lines[k], " ") || strings.HasPrefix(lines[k], "\t")); k++ {
			trimmed := strings.TrimLeft(lines[k], " \t")
			if k == j+1 {
				indent = lines[k][:len(lines[k])-len(trimmed)]
			}
			if strings.HasPrefix(trimmed, "source_digest:") {
				lines[k] = indent + line
				return []byte(strings.Join(lines, "")), nil
			}
		}
		lines = append(lines[:j+1], append([]string{indent + line}, lines[j+1:]...)...)
		return []byte(strings.Join(lines, "")), nil
	}
	for j := i + 1; j < end; j++ {
		if strings.HasPrefix(lines[j], "translation:") {
			return nil, errors.New("translation: is written inline; write it as a block (translation: on its own line, fields indented below)")
		}
	}
	lines = append(lines[:end], append([]string{"translation:" + nl, "  " + line}, lines[end:]...)...)
	return []byte(strings.Join(lines, "")), nil
}

// Slug makes a file name from a title: see slug.File.
func Slug(title string) string { return slug.File(title) }
