package site

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
)

// searchable reports whether a page belongs in search results: blueprints
// and written pages, not lists and taxonomy pages. A language's index holds
// its own text: a fallback page, whose text is the original's, is found in
// the original's language.
func searchable(p *Page) bool {
	return p.doc != nil && p.Original == nil && (p.Kind == theme.KindBlueprint || p.Kind == theme.KindPage)
}

// writeSearch makes the search documents of every language and exports
// the static shards the search page loads.
func (b *builder) writeSearch(ctx context.Context) error {
	type export struct {
		docs  []search.Document
		files map[string][]byte
	}
	exports := make([]export, len(b.homes))
	stale := make([]bool, len(b.homes))
	err := b.parallel(ctx, len(b.homes), func(i int, diags *diag.List) {
		lang := b.homes[i].Lang
		docs, labels := b.searchDocuments(lang)
		// A bleve index to feed needs the analysis itself, so it takes
		// neither remembered nor stand-in files.
		var files map[string][]byte
		if b.cfg.Index == nil {
			files = b.memo.exported(lang, docs, labels)
			if files == nil && b.previous != nil {
				// In a Session, the files served now stand in until the
				// Session's caller exports them anew (Session.SearchJob).
				if files = searchFiles(b.previous.Files, lang); len(files) > 0 {
					stale[i] = true
				}
			}
		}
		if len(files) == 0 {
			var err error
			loc := b.locs[lang]
			sortLabels := func(values []string, key func(string) string) { i18n.SortFunc(loc, values, key) }
			files, err = search.Export(lang, docs, labels, search.ExportOptions{Offline: b.cfg.Offline, Index: b.cfg.Index, Sort: sortLabels})
			if err != nil {
				diags.Errorf(diag.Pos{}, "search index %s: %v", lang, err)
				return
			}
			b.memo.rememberExport(lang, docs, labels, files)
		}
		exports[i] = export{docs, files}
	})
	if err != nil {
		return err
	}
	for i, e := range exports {
		if stale[i] {
			b.staleSearch = append(b.staleSearch, b.homes[i].Lang)
		}
		for _, name := range sortedNames(e.files) {
			b.emit(name, "the "+b.homes[i].Lang+" search index", e.files[name])
		}
		if b.cfg.Index == nil {
			b.search = append(b.search, e.docs...)
		}
	}
	if b.cfg.Index != nil && b.memo == nil {
		// The bleve index has the text now and nothing later needs it:
		// on a large site it is hundreds of megabytes. (A Session's
		// memory shares the parse results, so it keeps them whole.)
		for _, p := range b.pages {
			if p.md != nil {
				p.md.Text = ""
			}
		}
	}
	return nil
}

// searchDocuments lists the searchable pages of a language, blueprints
// first in title order, with the labels of their facet values.
func (b *builder) searchDocuments(lang string) ([]search.Document, search.Labels) {
	var docs []search.Document
	labels := search.Labels{}
	for _, name := range search.FacetNames() {
		labels[name] = map[string]string{}
	}
	for _, p := range b.blueprint[lang] {
		if !searchable(p) {
			continue
		}
		bp := p.Blueprint
		labels["type"][bp.Type.Key] = bp.Type.Label
		labels["stage"][bp.Stage.Key] = bp.Stage.Label
		for _, t := range bp.Regions {
			labels["region"][t.Key] = t.Label
		}
		for _, t := range bp.Countries {
			labels["country"][strings.ToLower(t.Key)] = t.Label
		}
		for _, t := range bp.SDGs {
			labels["sdg"][t.Key] = t.Label
		}
		for _, t := range bp.Tags {
			labels["tag"][t.Key] = t.Label
		}
		docs = append(docs, b.searchDocument(p))
	}
	for _, p := range b.pages {
		if p.Lang == lang && p.Kind == theme.KindPage && searchable(p) {
			docs = append(docs, b.searchDocument(p))
		}
	}
	return docs, labels
}

func (b *builder) searchDocument(p *Page) search.Document {
	d := search.Document{ID: p.Dir, Lang: p.Lang, Kind: p.Kind.String(), Title: p.Title, Summary: p.Summary, Body: p.md.Text}
	for _, h := range p.md.Headings {
		d.Headings = append(d.Headings, h.Text)
	}
	if bp := p.Blueprint; bp != nil {
		d.Facets = map[string][]string{
			"type":  {bp.Type.Key},
			"stage": {bp.Stage.Key},
		}
		d.Names = []string{bp.Type.Label}
		if pr := bp.Blueprint.Period; pr != nil {
			d.Year = pr.Start
		}
		for _, t := range bp.Regions {
			d.Facets["region"] = append(d.Facets["region"], t.Key)
			d.Names = append(d.Names, t.Label)
		}
		for _, t := range bp.Countries {
			d.Facets["country"] = append(d.Facets["country"], strings.ToLower(t.Key))
			d.Names = append(d.Names, t.Label)
		}
		for _, n := range bp.Blueprint.SDGs {
			d.Facets["sdg"] = append(d.Facets["sdg"], strconv.Itoa(n))
		}
		d.Facets["tag"] = append(d.Facets["tag"], bp.Blueprint.Tags...)
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
	prefix := searchDir(lang)
	out := map[string][]byte{}
	for name, data := range files {
		if strings.HasPrefix(name, prefix) {
			out[name] = data
		}
	}
	return out
}

// searchDir is where search.Export puts a language's files.
func searchDir(lang string) string { return "search/" + lang + "/" }
