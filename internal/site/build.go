// Package site turns loaded content into the pages of the built site. It
// owns the site model: which pages exist and at which paths, translations,
// taxonomies, navigation, and the resolution of links between documents.
//
// A build is a row of stages, called in this order by one short function
// (pipeline, in build.go). Each takes explicit inputs and returns an explicit
// output that later stages only read; diagnostics are returned beside it:
//
//	Loader.Load       content files → *content.Content      frontmatter, schema, assets (package content)
//	loadTheme         Config, site.yaml → *look              templates, catalogs, a localizer per language
//	parseDocuments    content → []*Page                      markdown.Parse per published document (parallel)
//	assemble          content, look, pages → *Model          pages, fallbacks, translations and their
//	                                                         states, taxonomies, menus, related blueprints;
//	                                                         never changed afterwards
//	staleReviews,     Model → diagnostics                    checks that read the whole site
//	tagSpellings,
//	checkUnpublished
//	render            Model → bodies                         links resolved, markdown.Render (parallel)
//	exportSearch      Model → search documents and files     search.Export per language (parallel; the
//	                                                         same analysis feeds Config.Index)
//	execute           Model, look, bodies → pages            theme.Execute over a View of the Model (parallel)
//	writeExtras       Model, look → files                    static files, assets, feeds, sitemap, offline lists
//	outputTree.check  the paths written                      clashing and over-long paths
//
// Files go to a sink as they are made, in that order; Build collects them
// into Output.Files. The search stage comes before the templates: it needs
// the documents' text, not their HTML, and a large site's search export
// and pages held in memory at once would set the build's peak.
//
// A Session (session.go) keeps the last build's Model and a memory of the
// per-document work, and after an edit to a document's body makes a new
// Model from the old one and re-renders only that document's pages.
//
// Build never writes to disk; package publish does.
package site

import (
	"context"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
)

// Build builds the site described by cfg. It returns the output only if
// there were no errors; diagnostics (errors and warnings) are always
// returned, sorted.
func Build(ctx context.Context, cfg Config) (*Output, diag.List) {
	e := env{cfg: cfg.withDefaults(), md: markdown.New()}
	loader := content.NewLoader(cfg.Content, content.Options{MaxFileSize: cfg.MaxFileSize})
	files := map[string][]byte{}
	b, diags := pipeline(ctx, e, loader, nil, collect(files))
	if b == nil {
		return nil, diags
	}
	return b.output(files), diags
}

// collect is the sink that keeps every file in files.
func collect(files map[string][]byte) sink {
	return func(name string, data []byte) error {
		files[name] = data
		return nil
	}
}

// built is what a build made besides its files, which a Session keeps for
// the next build.
type built struct {
	m      *Model
	look   *look
	bodies bodies
	search *searchOutput
}

// output is the Output of a build whose files are files.
func (b *built) output(files map[string][]byte) *Output {
	return &Output{Files: files, Search: b.search.docs, Translations: b.m.translations, DefaultLanguage: b.m.site.DefaultLanguage}
}

// pipeline is the build: the stages, in order (see the package comment).
// previous is a Session's last output, whose search files may stand in
// (exportSearch). It returns nil if there were errors.
func pipeline(ctx context.Context, e env, loader *content.Loader, previous *Output, emit sink) (*built, diag.List) {
	var diags diag.List
	ok := func(d diag.List, err error) bool {
		diags.Append(d)
		if err != nil {
			diags.Errorf(diag.Pos{}, "%v", err)
		}
		return err == nil
	}
	c, d := loader.Load()
	if diags.Append(d); len(c.Site.Languages) == 0 {
		return nil, diags.Sort()
	}
	l, d := loadTheme(e.cfg, &c.Site)
	if diags.Append(d); l == nil {
		return nil, diags.Sort()
	}
	pages, d, err := parseDocuments(ctx, e, l.parsers, c)
	if !ok(d, err) {
		return nil, diags.Sort()
	}
	m, d := assemble(e.cfg, c, l, pages)
	diags.Append(d)
	diags.Append(staleReviews(m, e.cfg.Today))
	diags.Append(tagSpellings(m))
	if !ok(checkUnpublished(ctx, e, m)) {
		return nil, diags.Sort()
	}
	bs, d, err := render(ctx, e, m)
	if !ok(d, err) {
		return nil, diags.Sort()
	}
	search, d, err := exportSearch(ctx, e, m, previous)
	if !ok(d, err) {
		return nil, diags.Sort()
	}
	out := newOutputTree(m, emit)
	search.emit(out)
	if ok(execute(ctx, e, m, l, bs, out)) && ok(writeExtras(m, l, out)) {
		out.check()
	}
	diags.Append(out.diags)
	if ok(nil, out.err); diags.Errors() > 0 {
		return nil, diags.Sort()
	}
	return &built{m: m, look: l, bodies: bs, search: search}, diags.Sort()
}
