package markdown

import (
	"strconv"

	"github.com/openblueprints/blueprints/internal/slug"
)

// Heading IDs are made as GitHub makes them (its github-slugger), so a
// link or table of contents written against a file on GitHub works on the
// site too: lower-case the heading's text, remove every character that is
// not a letter, mark, decimal or letter number, connector punctuation
// ("_") or "-", and turn each space into "-". Duplicates get "-1", "-2", …
// Letters of every script are kept ("السياق", "背景", "résultats"), so
// Arabic and Chinese headings get IDs of their own words.
//
// A heading may also give its ID explicitly, "## Background {#context}",
// which a translation can use to keep the source's ID so that links into
// it work from every language.

// Slug is the ID for a heading text, before making it unique.
func Slug(text string) string { return slug.Heading(text) }

// validID says whether an explicit {#id} can be used as written: it must
// be non-empty and keep to the characters automatic IDs use, plus ".",
// so that it works unescaped in URLs, CSS and every link syntax.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !(r == '-' || r == '.' || slug.KeptInHeading(r)) {
			return false
		}
	}
	return true
}

// headingIDs hands out the IDs of one document, as github-slugger does:
// the first use of a slug is the slug, later ones get "-1", "-2", … skipping
// IDs already taken. The IDs the theme's layouts use count as taken from the
// start, so "## Main" becomes "main-1" and the page keeps one "main".
type headingIDs struct {
	count map[string]int // times a slug was asked for, less one
	theme map[string]bool
}

func newHeadingIDs(theme map[string]bool) *headingIDs {
	ids := &headingIDs{count: make(map[string]int, len(theme)), theme: theme}
	for id := range theme {
		ids.count[id] = 0
	}
	return ids
}

// reservedByTheme says whether the theme's layouts use id.
func (ids *headingIDs) reservedByTheme(id string) bool { return ids.theme[id] }

// reserve takes an explicit ID; it reports false if it was already taken.
func (ids *headingIDs) reserve(id string) bool {
	if _, taken := ids.count[id]; taken {
		return false
	}
	ids.count[id] = 0
	return true
}

// generate returns a unique ID for a heading text.
func (ids *headingIDs) generate(text string) string {
	base := Slug(text)
	if base == "" {
		// GitHub would give an empty ID, which HTML does not allow.
		base = "section"
	}
	id := base
	for {
		if _, taken := ids.count[id]; !taken {
			break
		}
		ids.count[base]++
		id = base + "-" + strconv.Itoa(ids.count[base])
	}
	ids.count[id] = 0
	return id
}
