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
// Files go to a sink as they are made, in that order: BuildTo hands them to
// its caller's (the CLI writes them at once, publish.Stream), Build collects
// them into Output.Files. The search stage comes before the templates: it needs
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

// Build builds the site described by cfg, with every file in
// Output.Files. It returns the output only if there were no errors;
// diagnostics (errors and warnings) are always returned, sorted.
func Build(ctx context.Context, cfg Config) (*Output, diag.List) {
	files := map[string][]byte{}
	out, diags := BuildTo(ctx, cfg, collect(files))
	if out != nil {
		out.Files = files
	}
	return out, diags
}

// BuildTo builds the site described by cfg as Build does, but hands each
// output file to emit as soon as it is made instead of keeping it, so that
// a caller writing the site as it comes (publish.Stream.Send) never holds
// all of it; the Output it returns has no Files. emit is called from one
// goroutine at a time, each path once; the data is not changed afterwards.
// An error from emit stops the build.
//
// emit receives files before the build is known to succeed: a build can
// fail after every page was made (an output path clash found at the end).
// The caller must keep what it received out of sight until the build
// returns without errors (publish.Stream: Commit, else Abort).
func BuildTo(ctx context.Context, cfg Config, emit func(path string, data []byte) error) (*Output, diag.List) {
	e := env{cfg: cfg.withDefaults(), md: markdown.New()}
	loader := content.NewLoader(cfg.Content, content.Options{MaxFileSize: cfg.MaxFileSize})
	b, diags := pipeline(ctx, e, loader, nil, emit)
	if b == nil {
		return nil, diags
	}
	return b.output(nil), diags
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
