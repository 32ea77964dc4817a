package site

import (
	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/theme"
)

// parsers are the Markdown parsers by kind of page.
type parsers map[theme.Kind]*markdown.Renderer

// newParsers makes a parser for every kind of page t lays out.
func newParsers(t *theme.Theme) parsers {
	ps := parsers{}
	for _, kind := range theme.Kinds() {
		ps[kind] = markdown.New(markdown.WithReservedIDs(t.Anchors(kind)))
	}
	return ps
}

// of is the parser for the kind of page doc becomes.
func (ps parsers) of(doc *content.Document) *markdown.Renderer {
	return ps[documentKind(doc)]
}

// documentKind is the kind of page a document becomes.
func documentKind(doc *content.Document) theme.Kind {
	switch {
	case doc.Kind == content.KindBlueprint:
		return theme.KindBlueprint
	case doc.Path == "_index.md":
		return theme.KindHome
	case doc.Path == "blueprints/_index.md":
		return theme.KindList
	}
	return theme.KindPage
}
