package markdown

import (
	"strconv"

	"github.com/yuin/goldmark/ast"

	"github.com/openblueprints/blueprints/internal/slug"
)

// headingIDs makes heading IDs that read well in every script: letters and
// digits of any alphabet are kept ("السياق", "背景", "résultats"), everything
// else becomes a hyphen. goldmark's default keeps only ASCII, which turns an
// Arabic or Chinese heading into "heading" and breaks links between
// translations.
type headingIDs struct {
	used map[string]bool
	// next is the suffix to try first for a base that is taken, so that
	// n headings of one text cost n steps, not n²/2 (80,000 "# a" lines
	// took longer than the render timeout).
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Slug is the ID for a heading text, before making it unique.
func Slug(text string) string { return slug.Make(text) }

func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	if ids.used[id] {
		i := max(ids.next[base], 2)
		for id = base + "-" + strconv.Itoa(i); ids.used[id]; id = base + "-" + strconv.Itoa(i) {
			i++
		}
		ids.next[base] = i + 1
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }
