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
}

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

// Slug is the ID for a heading text, before making it unique.
func Slug(text string) string { return slug.Make(text) }

func (ids *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for i := 2; ids.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }
