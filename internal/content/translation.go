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
	if t := d.Meta.Translation; t != nil {
		return t.SourceDigest
	}
	return ""
}

// Translated is the date a translation gives for itself, or "".
func (d *Document) Translated() string {
	if t := d.Meta.Translation; t != nil {
		return t.Translated
	}
	return ""
}

// Method is how a translation says it was made (human, machine,
// machine-post-edited), or "".
func (d *Document) Method() string {
	if t := d.Meta.Translation; t != nil {
		return t.Method
	}
	return ""
}

// Matches reports whether a translation stamped with digest is current
// with d's text: the digest is d's, or d's minor_edits lead from it to d's
// digest (a typo fix, then another).
func (d *Document) Matches(digest string) bool {
	now := d.Digest()
	for range len(d.Meta.MinorEdits) + 1 {
		if digest == now {
			return true
		}
		next := ""
		for _, e := range d.Meta.MinorEdits {
			if e.From == digest {
				next = e.To
				break
			}
		}
		if next == "" {
			return false
		}
		digest = next
	}
	return false
}

// StaleMinorEdits lists the indexes of the minor_edits entries that no
// longer lead to d's text: it changed again since they were written, so
// they declare nothing and can go.
func (d *Document) StaleMinorEdits() []int {
	var stale []int
	for i, e := range d.Meta.MinorEdits {
		if !d.Matches(e.To) {
			stale = append(stale, i)
		}
	}
	return stale
}

// Stamp records in the YAML frontmatter of a translation that its text
// matches the source text with the given digest, as of date (YYYY-MM-DD):
// it sets translation.source_digest and translation.translated, changing
// nothing else in the file. Values are replaced if present, or added under
// "translation:", which is added if missing.
func Stamp(src []byte, digest, date string) ([]byte, error) {
	out, err := setTranslationField(src, "source_digest", digest)
	if err != nil {
		return nil, err
	}
	return setTranslationField(out, "translated", date)
}

// setTranslationField sets one key of the translation block.
func setTranslationField(src []byte, key, value string) ([]byte, error) {
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
	line := key + ": " + value + nl
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
			if strings.HasPrefix(trimmed, key+":") {
				lines[k] = indent + line
				return []byte(strings.Join(lines, "")), nil
			}
		}
		lines = append(lines[:k], append([]string{indent + line}, lines[k:]...)...)
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

// Slug makes a file name from a title, in Latin letters whatever the
// title's script: see slug.Latin.
func Slug(title string) string { return slug.Latin(title) }

// IsSlug reports whether s is a file name as Slug makes them: lowercase
// letters and digits, in words joined by single hyphens.
func IsSlug(s string) bool { return s != "" && slug.File(s) == s }
