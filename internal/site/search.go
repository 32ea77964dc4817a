package site

import (
	"context"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
	"github.com/openblueprints/blueprints/internal/vocabulary"
)

// searchable reports whether a page belongs in search results: blueprints
// and written pages, not lists and taxonomy pages. A language's index holds
// its own text: a fallback page, whose text is the original's, is found in
// the original's language.
func searchable(p *Page) bool {
	return p.doc != nil && p.Original == nil && (p.Kind == theme.KindBlueprint || p.Kind == theme.KindPage)
}

// searchOutput is what the search stage makes: each language's static
// search files, the search documents for a caller that indexes them itself
// (none when Config.Index took them), and the languages whose files are a
// Session's earlier ones, standing in until they are exported anew.
type searchOutput struct {
	langs []string            // in site order
	files []map[string][]byte // by langs' index
	docs  []search.Document
	stale []string
}

// exportSearch is the search stage: it makes the search documents of
// every language with content and exports the static shards the search
// page loads, in parallel; with Config.Index, the same analysis feeds the
// bleve index. In a Session, a language's files whose documents did not
// change are remembered ones, and others are previous's until the
// Session's caller exports them (Session.SearchJob).
func exportSearch(ctx context.Context, e env, m *Model, previous *Output) (*searchOutput, diag.List, error) {
	n := len(m.homes)
	out := &searchOutput{langs: make([]string, n), files: make([]map[string][]byte, n)}
	docs := make([][]search.Document, n)
	stale := make([]bool, n)
	diags, err := e.parallel(ctx, n, func(i int, diags *diag.List) {
		lang := m.homes[i].Lang
		var labels search.Labels
		docs[i], labels = m.searchDocuments(lang)
		out.langs[i] = lang
		out.files[i], stale[i] = e.searchFiles(m, lang, docs[i], labels, previous, diags)
	})
	if err != nil {
		return nil, diags, err
	}
	for i, lang := range out.langs {
		if stale[i] {
			out.stale = append(out.stale, lang)
		}
		if e.cfg.Index == nil {
			out.docs = append(out.docs, docs[i]...)
		}
	}
	return out, diags, nil
}

// searchFiles are the static search files of one language: remembered,
// standing in (stale), or exported now. A bleve index to feed needs the
// analysis itself, so it takes neither remembered nor stand-in files.
func (e env) searchFiles(m *Model, lang string, docs []search.Document, labels search.Labels, previous *Output, diags *diag.List) (files map[string][]byte, stale bool) {
	if e.cfg.Index == nil {
		files = e.memo.exported(lang, docs, labels)
		if files == nil && previous != nil {
			// In a Session, the files served now stand in until the
			// Session's caller exports them anew (Session.SearchJob).
			if files = searchFiles(previous.Files, lang); len(files) > 0 {
				stale = true
			}
		}
	}
	if len(files) > 0 {
		return files, stale
	}
	loc := m.locs[lang]
	sortLabels := func(values []string, key func(string) string) { i18n.SortFunc(loc, values, key) }
	files, err := search.Export(lang, docs, labels, search.ExportOptions{Offline: e.cfg.Offline, Index: e.cfg.Index, Sort: sortLabels})
	if err != nil {
		diags.Errorf(diag.Pos{}, "search index %s: %v", lang, err)
		return nil, false
	}
	e.memo.rememberExport(lang, docs, labels, files)
	return files, false
}

// searchDocuments lists the searchable pages of a language, blueprints
// first in title order, with the labels of their facet values.
func (m *Model) searchDocuments(lang string) ([]search.Document, search.Labels) {
	var docs []search.Document
	labels := search.Labels{}
	fields := vocabulary.Blueprint()
	facets := vocabulary.Facets()
	for _, f := range facets {
		labels[f.Facet] = map[string]string{}
	}
	for _, p := range m.blueprint[lang] {
		if !searchable(p) {
			continue
		}
		for _, f := range facets {
			for _, t := range p.Blueprint.Values[f.Name] {
				labels[f.Facet][t.slug()] = t.Label
			}
		}
		docs = append(docs, searchDocument(p, fields))
	}
	for _, p := range m.pages {
		if p.Lang == lang && p.Kind == theme.KindPage && searchable(p) {
			docs = append(docs, searchDocument(p, fields))
		}
	}
	return docs, labels
}

// searchDocument is what search holds of a page. A blueprint's facets and
// names come from the fields (vocabulary.Blueprint) marked as such: the
// facet values as in URLs, the names as the page labels them.
func searchDocument(p *Page, fields []vocabulary.Field) search.Document {
	d := search.Document{ID: p.Dir, Lang: p.Lang, Kind: p.Kind.String(), Title: p.Title, Summary: p.Summary, Body: p.md.Text}
	for _, h := range p.md.Headings {
		d.Headings = append(d.Headings, h.Text)
	}
	bp := p.Blueprint
	if bp == nil {
		return d
	}
	if pr := bp.Blueprint.Period; pr != nil {
		d.Year = pr.Start
	}
	d.Facets = map[string][]string{}
	for _, f := range fields {
		for _, t := range bp.Values[f.Name] {
			if f.Facet != "" {
				d.Facets[f.Facet] = append(d.Facets[f.Facet], t.slug())
			}
			if f.Names {
				d.Names = append(d.Names, t.Label)
			}
		}
	}
	return d
}

func sortedNames(m map[string][]byte) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// searchFiles picks a language's static search files out of an output.
func searchFiles(files map[string][]byte, lang string) map[string][]byte {
	prefix := search.Dir(lang)
	out := map[string][]byte{}
	for name, data := range files {
		if strings.HasPrefix(name, prefix) {
			out[name] = data
		}
	}
	return out
}

// emit writes the static search files to the output tree, language by
// language, each language's in name order.
func (s *searchOutput) emit(out *outputTree) {
	for i, lang := range s.langs {
		for _, name := range sortedNames(s.files[i]) {
			out.emit(name, "the "+lang+" search index", s.files[i][name])
		}
	}
}
