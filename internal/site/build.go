// Package site turns loaded content into the pages of the built site. It
// owns the site model: which pages exist and at which paths, translations,
// taxonomies, navigation, and the resolution of links between documents.
//
// Build is the whole pipeline, in one direction:
//
//	content.Load → markdown.Parse (parallel) → assemble pages, taxonomies,
//	translations → resolve links, markdown.Render (parallel) → search
//	documents, search.Export per language (parallel; they also feed
//	Config.Index) → theme.Execute → Output{path → bytes, search documents}
//
// The search step comes before the templates: it needs the documents'
// text, not their HTML, and a large site's search export and pages held in
// memory at once would set the build's peak.
//
// Build never writes to disk; package publish does.
package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
	"github.com/openblueprints/blueprints/themes"
)

// Config says what to build. The zero value of each optional field is a
// sensible default.
type Config struct {
	Content fs.FS // the content directory (site.yaml, schema/, one directory per language)
	Themes  fs.FS // the site's themes/ directory; nil if it has none
	// Offline writes links that name index.html, for a site opened from disk.
	Offline bool
	// RootPath is the URL path the site is served from ("/", "/kb/"), which
	// the 404 page links from, as it is shown at any depth. "" means the
	// path of site.yaml's base_url, or "/" without one. "blueprints serve"
	// sets "/", where it serves the site whatever the base URL.
	RootPath string
	// MaxFileSize caps each content file; 0 means content.DefaultMaxFileSize.
	MaxFileSize int
	// RenderTimeout bounds the Markdown work on one file; 0 means 10s.
	RenderTimeout time.Duration
	// Workers bounds parallel rendering; 0 means GOMAXPROCS.
	Workers int
	// Today is the date stale reviews are measured against; zero means now.
	Today time.Time
	// Index, when set, receives every searchable page, analyzed once for
	// both the static search files and this bleve index. It is for one
	// full Build; a Session keeps its own bleve index up to date instead.
	Index *search.Writer
}

// Output is the built site: file contents by slash-separated path, and
// the documents of the search index.
type Output struct {
	Files map[string][]byte
	// Search lists the documents of the search index, for a caller that
	// indexes them itself; it is empty when Config.Index received them.
	Search []search.Document
	// Translations is the state of every page in every language but the
	// default one.
	Translations []TranslationState
	// DefaultLanguage is the language the others translate from.
	DefaultLanguage string
}

// Paths returns the output paths in order.
func (o *Output) Paths() []string {
	paths := make([]string, 0, len(o.Files))
	for p := range o.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

type builder struct {
	cfg     Config
	content *content.Content
	site    *content.Site
	theme   *theme.Theme
	// themeName is the directory under themes/ the theme was read from,
	// "" for the embedded one.
	themeName string
	catalog   *i18n.Catalog
	geo       *geo.Table
	markdown  *markdown.Renderer
	loader    *content.Loader
	// memo, in a Session, holds the Markdown and search work of earlier
	// builds; nil in a one-off Build.
	memo *memo
	// previous, in a Session, is the output of the last good build: its
	// static search files stand in for a language's until a new export is
	// done (staleSearch). nil in a one-off Build.
	previous    *Output
	staleSearch []string

	locs      map[string]*i18n.Localizer
	pages     []*Page                       // every page, in build order
	byFile    map[string]*Page              // document pages by content file
	byDir     map[string]*Page              // every page by directory
	homes     []*Page                       // home page of each language with content, in site order
	terms     map[string]map[string][]*Term // lang → taxonomy → terms in display order
	assets    map[string]bool
	blueprint map[string][]*Page // lang → blueprint pages in title order
	menus     map[string][]*Page // lang → pages shown in the header

	out     map[string][]byte
	sources map[string]string // normalised output path → what produced it
	search  []search.Document
	diags   diag.List

	translations []TranslationState
	// stateDiags holds, by translation file, what translationState
	// reported, for a Session to replace when the source changes.
	stateDiags map[string]diag.List
}

// Build builds the site described by cfg. It returns the output only if
// there were no errors; diagnostics (errors and warnings) are always
// returned, sorted.
func Build(ctx context.Context, cfg Config) (*Output, diag.List) {
	cfg = cfg.withDefaults()
	b := newBuilder(cfg, content.NewLoader(cfg.Content, content.Options{MaxFileSize: cfg.MaxFileSize}), nil)
	return b.run(ctx)
}

// withDefaults fills in the zero values Config documents.
func (cfg Config) withDefaults() Config {
	if cfg.RenderTimeout == 0 {
		cfg.RenderTimeout = 10 * time.Second
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Today.IsZero() {
		cfg.Today = time.Now()
	}
	return cfg
}

// newBuilder prepares a full build. A Session passes the memory of its
// earlier builds; Build passes none.
func newBuilder(cfg Config, loader *content.Loader, memo *memo) *builder {
	return &builder{cfg: cfg, markdown: markdown.New(), loader: loader, memo: memo, out: map[string][]byte{}, sources: map[string]string{}}
}

// run is the whole pipeline.
func (b *builder) run(ctx context.Context) (*Output, diag.List) {
	c, diags := b.loader.Load()
	b.diags.Append(diags)
	b.content, b.site = c, &c.Site
	if len(b.site.Languages) == 0 {
		return nil, b.diags.Sort()
	}
	if err := b.loadTheme(); err != nil {
		b.themeError(err)
		return nil, b.diags.Sort()
	}
	steps := []func(context.Context) error{
		b.parseDocuments,
		b.assemble,
		b.translationStates,
		b.staleReviews,
		b.tagSpellings,
		b.renderBodies,
		b.checkUnpublished,
		// Search before pages: the index needs the documents' text, not
		// their HTML, and a large site's search export and pages in
		// memory at the same time set its peak.
		b.writeSearch,
		b.executeTemplates,
		b.writeExtras,
		b.checkOutputTree,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			b.diags.Errorf(diag.Pos{}, "%v", err)
			break
		}
	}
	if b.diags.Errors() > 0 {
		return nil, b.diags.Sort()
	}
	return &Output{Files: b.out, Search: b.search, Translations: b.translations, DefaultLanguage: b.site.DefaultLanguage}, b.diags.Sort()
}

// themeInUse names the directory under themes/ that the site is built
// with: the one site.yaml names, else themes/default/ when the site has one
// (a copy on disk is there to be edited, so it wins over the embedded
// theme), else "" for the theme embedded in the binary.
func (b *builder) themeInUse() string {
	if b.site.Theme != "" {
		return b.site.Theme
	}
	if b.cfg.Themes != nil {
		if fi, err := fs.Stat(b.cfg.Themes, "default"); err == nil && fi.IsDir() {
			return "default"
		}
	}
	return ""
}

// themeMaxFileSize caps one theme file: the largest image content may
// hold, as a theme ships images too.
const themeMaxFileSize = 4 << 20

// themeFS is the files of the theme the site uses.
func (b *builder) themeFS() (fs.FS, error) {
	fsys := themes.Default()
	b.themeName = b.themeInUse()
	if name := b.themeName; name != "" {
		if b.cfg.Themes == nil {
			return nil, fmt.Errorf("site.yaml: theme %q: the site has no themes/ directory", name)
		}
		if fi, err := fs.Lstat(b.cfg.Themes, name); err != nil {
			return nil, fmt.Errorf("site.yaml: theme %q: %w", name, err)
		} else if fi.Mode()&fs.ModeSymlink != 0 || !fi.IsDir() {
			return nil, fmt.Errorf("site.yaml: theme %q: themes/%s must be a directory, not a symbolic link or a file", name, name)
		}
		sub, err := fs.Sub(b.cfg.Themes, name)
		if err != nil {
			return nil, fmt.Errorf("site.yaml: theme %q: %w", name, err)
		}
		// A theme is trusted code, but it is read with the checks content
		// gets, so a link or a stray huge file fails with a clear error.
		if errs := content.CheckTree(sub, themeMaxFileSize); len(errs) > 0 {
			for i := range errs {
				errs[i] = fmt.Errorf("themes/%s/%w", name, errs[i])
			}
			return nil, errors.Join(errs...)
		}
		fsys = sub
	}
	return fsys, nil
}

func (b *builder) loadTheme() error {
	fsys, err := b.themeFS()
	if err != nil {
		return err
	}
	errorsBefore := b.diags.Errors()
	b.checkCatalogs(fsys)
	t, err := theme.Load(fsys)
	if err != nil {
		return err
	}
	catalogs, dir := t.Catalogs()
	cat, err := i18n.LoadCatalog(catalogs, dir, b.site.DefaultLanguage)
	if err != nil {
		if b.diags.Errors() > errorsBefore {
			return errCatalogsReported // already said, at file:line:col
		}
		return fmt.Errorf("theme catalogs: %w", err)
	}
	g, err := geo.Load()
	if err != nil {
		return err
	}
	b.theme, b.catalog, b.geo = t, cat, g
	b.locs = map[string]*i18n.Localizer{}
	for _, l := range b.site.Languages {
		loc, err := cat.Localizer(l.Code)
		if err != nil {
			return err
		}
		b.locs[l.Code] = loc
	}
	return nil
}

// parallel runs work(i) for i in [0, n) on the configured number of
// workers. Each call gets its own diagnostics list, merged in index order so
// the result does not depend on scheduling.
func (b *builder) parallel(ctx context.Context, n int, work func(i int, diags *diag.List)) error {
	lists := make([]diag.List, n)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(b.cfg.Workers)
	for i := range n {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			work(i, &lists[i])
			return nil
		})
	}
	err := g.Wait()
	for _, l := range lists {
		b.diags.Append(l)
	}
	return err
}

// withTimeout runs f, giving up after the render timeout. A goroutine stuck
// in a pathological input cannot be stopped, but the build fails naming
// the file instead of hanging; the process exits soon after.
func (b *builder) withTimeout(file string, diags *diag.List, f func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(b.cfg.RenderTimeout)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		diags.Errorf(diag.Pos{File: file}, "rendering took longer than %s; simplify the Markdown (deep nesting, very long lines)", b.cfg.RenderTimeout)
		return false
	}
}

// published lists the documents that become pages: not drafts.
func (b *builder) published() []*content.Document {
	var docs []*content.Document
	for _, d := range b.content.Documents {
		if !d.Meta.Draft {
			docs = append(docs, d)
		}
	}
	return docs
}

func (b *builder) parseDocuments(ctx context.Context) error {
	docs := b.published()
	b.byFile = map[string]*Page{}
	pages := make([]*Page, len(docs))
	err := b.parallel(ctx, len(docs), func(i int, diags *diag.List) {
		doc := docs[i]
		if m := b.memo.parsed(doc); m != nil {
			diags.Append(m.diags)
			pages[i] = b.documentPage(doc, m.md)
			pages[i].mdRendered = true
			repeatedTitle(pages[i], diags)
			return
		}
		md, mdDiags, ok := b.parse(doc, diags)
		if !ok {
			return
		}
		diags.Append(mdDiags)
		b.memo.rememberParse(doc, md, mdDiags)
		if md != nil {
			pages[i] = b.documentPage(doc, md)
			repeatedTitle(pages[i], diags)
		}
	})
	for _, p := range pages {
		if p != nil {
			b.byFile[p.doc.File] = p
		}
	}
	return err
}

// parse parses a document's Markdown within the render timeout.
func (b *builder) parse(doc *content.Document, diags *diag.List) (*markdown.Doc, diag.List, bool) {
	var md *markdown.Doc
	var mdDiags diag.List
	if !b.withTimeout(doc.File, diags, func() { md, mdDiags = b.markdown.Parse(doc.File, doc.Body) }) {
		return nil, nil, false // the parse may still be running: leave its results alone
	}
	return md, mdDiags, true
}

func (b *builder) documentPage(doc *content.Document, md *markdown.Doc) *Page {
	p := &Page{
		Kind:    theme.KindPage,
		Lang:    doc.Lang,
		Dir:     pageDir(doc.Lang, doc.Path),
		Key:     doc.Path,
		Title:   doc.Meta.Title,
		Summary: doc.Meta.Summary,
		Weight:  doc.Meta.Weight,
		Menu:    doc.Meta.Menu,
		doc:     doc,
		md:      md,
	}
	switch {
	case doc.Kind == content.KindBlueprint:
		p.Kind = theme.KindBlueprint
		p.Updated = doc.Blueprint.LastReviewed
	case doc.Path == "_index.md":
		p.Kind = theme.KindHome
	case doc.Path == "blueprints/_index.md":
		p.Kind = theme.KindList
	}
	p.Section, _, _ = strings.Cut(strings.TrimPrefix(p.Dir, doc.Lang+"/"), "/")
	p.TOC = tableOfContents(p.Kind, md)
	return p
}

// repeatedTitle warns about a top-level heading in the body that repeats
// the page's title: the layout shows the title as the page's heading, so
// readers would see it twice (a habit of README-style files).
func repeatedTitle(p *Page, diags *diag.List) {
	title := strings.Join(strings.Fields(strings.ToLower(p.Title)), " ")
	for _, h := range p.md.Headings {
		if h.Level == 1 && strings.Join(strings.Fields(strings.ToLower(h.Text)), " ") == title {
			diags.Warnf(h.Pos, "the heading %q repeats the page's title, which the page already shows as its heading; remove it from the text", diag.Excerpt(h.Text))
		}
	}
}

// minPageTOC is how many sections a plain page (a guide) needs for a
// contents box: a short page reads without one. Blueprints always have
// one, as readers jump between their standard sections.
const minPageTOC = 3

// tableOfContents lists the headings a page's contents box shows.
func tableOfContents(kind theme.Kind, md *markdown.Doc) []markdown.Heading {
	var toc []markdown.Heading
	for _, h := range md.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, h)
		}
	}
	if kind != theme.KindBlueprint && len(toc) < minPageTOC {
		return nil
	}
	return toc
}

// add registers a page; two pages at one directory are an error naming both.
func (b *builder) add(p *Page) {
	if other, ok := b.byDir[p.Dir]; ok {
		// Name the content file, whichever of the two it is: a
		// generated page is added after the documents.
		first, second := p, other
		if p.doc == nil {
			first, second = other, p
		}
		pos := diag.Pos{}
		if first.doc != nil {
			pos.File = first.doc.File
		}
		b.diags.Errorf(pos, "%s produces the page %s, as does %s; rename one", pageSource(first), p.Dir, pageSource(second))
		return
	}
	b.byDir[p.Dir] = p
	b.pages = append(b.pages, p)
}

func pageSource(p *Page) string {
	if p.doc != nil {
		return p.doc.File
	}
	return "the generated " + p.Kind.String() + " page"
}

func (b *builder) assemble(context.Context) error {
	b.byDir = map[string]*Page{}
	b.blueprint = map[string][]*Page{}
	b.menus = map[string][]*Page{}
	b.terms = map[string]map[string][]*Term{}
	b.assets = map[string]bool{}
	for _, a := range b.content.Assets {
		b.assets[a.File] = true
	}
	byLang := map[string][]*Page{} // document pages, in content order
	for _, d := range b.published() {
		if p := b.byFile[d.File]; p != nil {
			byLang[d.Lang] = append(byLang[d.Lang], p)
		}
	}
	def := b.site.DefaultLanguage
	for _, lang := range b.site.Languages {
		docs := byLang[lang.Code]
		if len(docs) == 0 {
			continue // a language appears once it has content
		}
		if lang.Code != def {
			docs = append(docs, fallbacks(lang.Code, docs, byLang[def])...)
		}
		b.assembleLanguage(lang, docs)
	}
	for _, lang := range b.site.Languages {
		b.foldersWithoutIndex(lang.Code, byLang[lang.Code])
	}
	b.linkTranslations()
	return nil
}

// fallbacks makes, for a language, a page for every page of the default
// language not translated into it: every page exists in every language, so
// shared links, the language switcher and the language's lists and
// taxonomies are whole. A fallback page shows the original's text, marked
// with its language, inside this language's site. The home and list pages
// are left out: the language has its own, generated if not written.
func fallbacks(lang string, own, originals []*Page) []*Page {
	have := map[string]bool{}
	for _, p := range own {
		have[p.Key] = true
	}
	var out []*Page
	for _, o := range originals {
		if have[o.Key] || o.Kind == theme.KindHome || o.Kind == theme.KindList {
			continue
		}
		p := &Page{Kind: o.Kind, Lang: lang, Dir: pageDir(lang, o.Key), Key: o.Key, Title: o.Title, Summary: o.Summary,
			Weight: o.Weight, Menu: o.Menu, Updated: o.Updated, TOC: o.TOC, doc: o.doc, Original: o}
		p.Section, _, _ = strings.Cut(strings.TrimPrefix(p.Dir, lang+"/"), "/")
		out = append(out, p)
	}
	return out
}

func (b *builder) assembleLanguage(lang content.Language, docs []*Page) {
	loc := b.locs[lang.Code]
	t := func(id string) string {
		s, err := loc.T(id)
		if err != nil {
			b.diags.Errorf(diag.Pos{}, "theme: %v", err)
		}
		return s
	}
	for _, p := range docs {
		b.add(p)
	}
	home := b.byDir[lang.Code+"/"]
	if home == nil {
		home = &Page{Kind: theme.KindHome, Lang: lang.Code, Dir: lang.Code + "/", Key: "_index.md", Title: cmp.Or(lang.Title, b.site.Title)}
		b.add(home)
	}
	b.homes = append(b.homes, home)
	list := b.byDir[lang.Code+"/blueprints/"]
	if list == nil {
		list = &Page{Kind: theme.KindList, Lang: lang.Code, Dir: lang.Code + "/blueprints/", Key: "blueprints/_index.md", Title: t("blueprints")}
		b.add(list)
	}
	list.Section = "blueprints"

	var blueprints, sections []*Page
	for _, p := range docs {
		switch p.Kind {
		case theme.KindBlueprint:
			blueprints = append(blueprints, p)
		case theme.KindPage:
			if isSectionIndex(p.doc.Path) {
				sections = append(sections, p)
			}
		}
	}
	i18n.SortFunc(loc, blueprints, func(p *Page) string { return p.Title })
	b.blueprint[lang.Code] = blueprints
	list.Items = blueprints
	list.Breadcrumbs = []*Page{home}
	// The same list most recently reviewed first, so readers can sort
	// without JavaScript; the home page shows its head.
	recent := slices.Clone(blueprints)
	slices.SortStableFunc(recent, func(x, y *Page) int { return cmp.Compare(y.Updated, x.Updated) })
	home.Items = recent[:min(6, len(recent))]
	if lang.Code == b.site.DefaultLanguage {
		b.add(&Page{Kind: theme.KindTranslations, Lang: lang.Code, Dir: lang.Code + "/translations/", Key: "translations/",
			Section: "translations", Title: t("translations_title"), Breadcrumbs: []*Page{home}})
	}
	b.add(&Page{Kind: theme.KindSearch, Lang: lang.Code, Dir: lang.Code + "/search/", Key: "search/", Section: "search",
		Title: t("search"), Breadcrumbs: []*Page{home}})
	b.add(&Page{Kind: theme.KindList, Lang: lang.Code, Dir: list.Dir + "by-date/", Key: "blueprints/by-date/", Section: "blueprints",
		Title: t("blueprints_by_date"), Items: recent, Breadcrumbs: []*Page{home, list}})

	for _, sec := range sections {
		prefix := sec.Dir
		for _, p := range docs {
			if p != sec && strings.HasPrefix(p.Dir, prefix) && strings.Count(strings.TrimPrefix(p.Dir, prefix), "/") == 1 {
				sec.Items = append(sec.Items, p)
			}
		}
		slices.SortStableFunc(sec.Items, func(x, y *Page) int { return cmp.Compare(x.Weight, y.Weight) })
	}
	for _, p := range docs {
		if p.Kind == theme.KindPage || p.Kind == theme.KindBlueprint {
			p.Breadcrumbs = []*Page{home}
			if p.Kind == theme.KindBlueprint {
				p.Breadcrumbs = append(p.Breadcrumbs, list)
			} else {
				p.Breadcrumbs = append(p.Breadcrumbs, b.ancestors(p, home)...)
			}
		}
		if p.Menu {
			b.menus[lang.Code] = append(b.menus[lang.Code], p)
		}
	}
	slices.SortStableFunc(b.menus[lang.Code], func(x, y *Page) int { return cmp.Compare(x.Weight, y.Weight) })

	for _, p := range blueprints {
		p.Blueprint = b.describe(p, loc)
	}
	b.buildTaxonomies(lang, loc, home, blueprints, t)
}

// ancestors are the pages of the folders above p, below home, outermost
// first: every level of a deep guide, not only its parent.
func (b *builder) ancestors(p, home *Page) []*Page {
	var up []*Page
	for dir := parentDir(p.Dir); dir != "" && dir != home.Dir; dir = parentDir(dir) {
		if a := b.byDir[dir]; a != nil && a != p {
			up = append(up, a)
		}
	}
	slices.Reverse(up)
	return up
}

// parentDir is the page directory above dir ("en/a/b/" → "en/a/"), or ""
// above a language's home.
func parentDir(dir string) string {
	parent := path.Dir(strings.TrimSuffix(dir, "/"))
	if parent == "." {
		return ""
	}
	return parent + "/"
}

// foldersWithoutIndex warns about folders of pages with no _index.md or
// README.md: their pages appear in no list, and readers find them only
// through links. A translation's folder may lean on the default
// language's index until it is translated.
func (b *builder) foldersWithoutIndex(lang string, docs []*Page) {
	warned := map[string]bool{}
	def := b.site.DefaultLanguage
	for _, p := range docs {
		if p.Kind != theme.KindPage {
			continue
		}
		for dir := parentDir(p.Dir); dir != "" && dir != lang+"/"; dir = parentDir(dir) {
			inDefault := def + "/" + strings.TrimPrefix(dir, lang+"/")
			if b.byDir[dir] != nil || b.byDir[inDefault] != nil || warned[dir] {
				break
			}
			warned[dir] = true
			// Reported at the folder, not at a page in it: an edit to one
			// of its pages leaves the folder's problem standing.
			b.diags.Warnf(diag.Pos{File: dir}, "this folder has no _index.md (or README.md), so its pages, such as %s, appear in no list; add one with a title and a line of text", path.Base(p.doc.File))
		}
	}
}

// linkTranslations connects the pages that share a key across languages.
func (b *builder) linkTranslations() {
	byKey := map[string][]*Page{}
	for _, p := range b.pages {
		byKey[p.Key] = append(byKey[p.Key], p)
	}
	order := map[string]int{}
	for i, l := range b.site.Languages {
		order[l.Code] = i
	}
	for _, group := range byKey {
		slices.SortFunc(group, func(x, y *Page) int { return cmp.Compare(order[x.Lang], order[y.Lang]) })
		for _, p := range group {
			for _, other := range group {
				if other != p {
					p.Translations = append(p.Translations, other)
				}
			}
		}
	}
}

func (b *builder) renderBodies(ctx context.Context) error {
	var docPages, fallbackPages []*Page
	for _, p := range b.pages {
		switch {
		case p.md != nil:
			docPages = append(docPages, p)
		case p.Original != nil:
			fallbackPages = append(fallbackPages, p)
		}
	}
	err := b.parallel(ctx, len(docPages), func(i int, diags *diag.List) {
		p := docPages[i]
		html, ok := b.renderBody(p, diags)
		if !ok {
			return
		}
		// The rendered Markdown is the one piece of contributor text that
		// becomes HTML: goldmark escapes text and raw HTML, and drops the
		// links Parse rejected.
		p.Body = template.HTML(html)
		if p.Blueprint != nil {
			b.resolveRelated(p, diags)
		}
	})
	if err != nil {
		return err
	}
	// Fallback pages show their originals' bodies, rendered.
	return b.parallel(ctx, len(fallbackPages), func(i int, diags *diag.List) {
		b.renderFallback(fallbackPages[i], diags)
	})
}

// renderFallback gives a fallback page its original's body, with links
// that stay in the page's language where they can (see fallbackTarget),
// and its related blueprints in that language. Most links then read as on
// the original (both pages sit at the same depth), and the original's HTML
// serves as it is; otherwise the Markdown is rendered again.
func (b *builder) renderFallback(p *Page, diags *diag.List) {
	o := p.Original
	if o.Blueprint != nil && p.Blueprint != nil {
		p.Blueprint.Related = nil
		for _, r := range o.Blueprint.Related {
			p.Blueprint.Related = append(p.Blueprint.Related, b.inLanguage(r, p.Lang))
		}
	}
	if o.Body == "" || o.links == nil && len(o.md.Links) > 0 {
		p.Body = o.Body // the original failed, and says so
		return
	}
	targets := make([]markdown.Target, len(o.links))
	same := true
	for i, t := range o.links {
		if t.dropped {
			continue
		}
		targets[i] = b.targetURL(p, b.fallbackTarget(t, p.Lang))
		same = same && targets[i] == b.targetURL(o, t)
	}
	if same {
		p.Body = o.Body
		return
	}
	var html []byte
	var err error
	doc := o.doc
	if !b.withTimeout(doc.File, diags, func() {
		md, _ := b.markdown.Parse(doc.File, doc.Body)
		if md == nil || len(md.Links) != len(targets) {
			err = fmt.Errorf("%s parsed differently the second time", doc.File) // cannot happen: the same bytes
			return
		}
		next := 0
		html, err = b.markdown.Render(md, func(markdown.Link) markdown.Target {
			next++
			return targets[next-1]
		})
	}) {
		return
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: doc.File}, "%v", err)
		return
	}
	p.Body = template.HTML(html)
}

// renderBody resolves the links of a page's Markdown and renders it. The
// links are resolved first, so a Session can tell that a document whose
// bytes and link targets are those of an earlier build renders as it did
// then, and skip the work.
func (b *builder) renderBody(p *Page, diags *diag.List) ([]byte, bool) {
	targets := make([]markdown.Target, len(p.md.Links))
	links := make([]siteTarget, len(p.md.Links))
	for i, l := range p.md.Links {
		var linkDiags diag.List
		t, ok := b.linkTarget(p, l, &linkDiags)
		for _, d := range linkDiags {
			if l.UsedAt.Line > 0 {
				// Reported where the reference is defined, where the
				// fix goes; say where it is used too.
				d.Message += fmt.Sprintf(" (the reference is used on line %d)", l.UsedAt.Line)
			}
			*diags = append(*diags, d)
		}
		if !ok {
			links[i].dropped = true
			continue
		}
		links[i], targets[i] = t, b.targetURL(p, t)
	}
	// Kept for the page's fallbacks in other languages.
	p.links = links
	labels := b.alertLabels(p.Lang)
	if html := b.memo.rendered(p.doc, targets, labels); html != nil {
		return html, true
	}
	var html []byte
	var err error
	// The render may outlive a timeout; it must not read the page then.
	doc, md, spent := p.doc, p.md, p.mdRendered
	if !b.withTimeout(doc.File, diags, func() {
		if spent {
			// The memory kept the parse's results, not its syntax tree,
			// which rendering consumes: parse again.
			md, _ = b.markdown.Parse(doc.File, doc.Body)
		}
		next := 0
		html, err = b.markdown.RenderLocalized(md, func(markdown.Link) markdown.Target {
			next++
			if next > len(targets) { // cannot happen: the same bytes parse to the same links
				return markdown.Target{}
			}
			return targets[next-1]
		}, labels)
	}) {
		return nil, false
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: p.doc.File}, "%v", err)
		return nil, false
	}
	p.mdRendered = true
	b.memo.rememberRender(p.doc, targets, labels, html)
	return html, true
}

// alertLabels are the titles of GitHub-style alerts (> [!NOTE]) in lang,
// from the theme's catalog.
func (b *builder) alertLabels(lang string) markdown.Labels {
	labels := markdown.Labels{}
	for _, kind := range markdown.AlertKinds() {
		if s, err := b.locs[lang].T("callout." + kind); err == nil {
			labels[kind] = s
		}
	}
	return labels
}

func (b *builder) executeTemplates(ctx context.Context) error {
	// Root language chooser and 404, in the default language.
	def := b.site.DefaultLanguage
	if len(b.homes) > 0 {
		rootLang := b.homes[0].Lang
		if b.byDir[def+"/"] != nil {
			rootLang = def
		}
		root := &Page{Kind: theme.KindRoot, Lang: rootLang, Dir: "", Key: "", Title: b.site.Title}
		for _, h := range b.homes {
			lang, _ := b.site.Language(h.Lang)
			root.Translations = append(root.Translations, &Page{Lang: h.Lang, Dir: h.Dir, Title: lang.Name})
		}
		title, _ := b.locs[rootLang].T("not_found_title")
		notFound := &Page{Kind: theme.KindNotFound, Lang: rootLang, Dir: "", Key: "404", Title: title}
		b.pages = append(b.pages, root, notFound)
	}
	results := make([][]byte, len(b.pages))
	failed := make([]error, len(b.pages))
	err := b.parallel(ctx, len(b.pages), func(i int, diags *diag.List) {
		p := b.pages[i]
		html, err := b.theme.Execute(p.Kind, b.view(p))
		if err != nil {
			failed[i] = err
			return
		}
		results[i] = html
	})
	b.templateErrors(failed)
	for i, p := range b.pages {
		if results[i] == nil {
			continue
		}
		file := outputFile(p.Dir)
		if p.Kind == theme.KindNotFound {
			file = "404.html"
		}
		b.emit(file, pageSource(p), results[i])
	}
	return err
}

// errCatalogsReported stops a build whose catalogs have errors that
// checkCatalogs reported.
var errCatalogsReported = errors.New("the theme's message catalogs have errors")

// themeError reports an error of the theme, at its file and line when the
// template package gave them.
func (b *builder) themeError(err error) {
	if errors.Is(err, errCatalogsReported) {
		return
	}
	var te *theme.Error
	if !errors.As(err, &te) {
		b.diags.Errorf(diag.Pos{}, "%v", err)
		return
	}
	pos, where := b.themePos(te)
	b.diags.Errorf(pos, "template error%s: %s", where, te.Msg)
}

// themePos is the position of a theme error: the file under the site's
// themes/ directory, or (for the theme embedded in the binary, which a
// contributor cannot edit) no file, and its place said in words.
func (b *builder) themePos(te *theme.Error) (diag.Pos, string) {
	if b.themeName == "" {
		return diag.Pos{}, fmt.Sprintf(" in the built-in theme's %s:%d:%d", te.File, te.Line, te.Col)
	}
	// Diagnostics name files relative to the content directory.
	return diag.Pos{File: "../themes/" + b.themeName + "/" + te.File, Line: te.Line, Col: te.Col}, ""
}

// templateErrors reports the pages templates failed on. One mistake in a
// layout breaks every page that uses it: it is reported once, at its
// place in the theme, with how many pages it broke.
func (b *builder) templateErrors(failed []error) {
	type place struct {
		err   *theme.Error
		pages int
		first *Page
	}
	var places []*place
	for i, err := range failed {
		if err == nil {
			continue
		}
		p := b.pages[i]
		var te *theme.Error
		if !errors.As(err, &te) {
			b.diags.Errorf(diag.Pos{}, "template for %s (%s): %v", p.Dir, pageSource(p), err)
			continue
		}
		j := slices.IndexFunc(places, func(x *place) bool { return *x.err == *te })
		if j < 0 {
			places = append(places, &place{err: te})
			j = len(places) - 1
		}
		places[j].pages++
		if places[j].first == nil {
			places[j].first = p
		}
	}
	for _, x := range places {
		pos, where := b.themePos(x.err)
		pages := fmt.Sprintf("the page %s", cmp.Or(x.first.Dir, "/"))
		if x.pages > 1 {
			pages = fmt.Sprintf("%d pages, such as %s", x.pages, cmp.Or(x.first.Dir, "/"))
		}
		b.diags.Errorf(pos, "template error%s: %s (breaks %s)", where, x.err.Msg, pages)
	}
}

// emit records an output file. Two sources for one path, also when the
// paths differ only in case or Unicode normalisation (which collide on
// macOS and Windows disks), are an error naming both.
func (b *builder) emit(file, source string, data []byte) {
	key := normalizePath(file)
	if other, ok := b.sources[key]; ok {
		b.diags.Errorf(b.contentPos(source, other), "%s writes %s, as does %s; rename one of them", source, file, other)
		return
	}
	b.sources[key] = source
	b.out[file] = data
}

// contentPos is the position to report a clash between two sources at:
// the first of them that is a content file, so that every format (GitHub
// annotations too) can point at a file to rename, or none when both are
// generated.
func (b *builder) contentPos(sources ...string) diag.Pos {
	for _, s := range sources {
		if b.byFile[s] != nil || b.assets[s] {
			return diag.Pos{File: s}
		}
	}
	return diag.Pos{}
}

// maxOutputName is the longest name of a file or directory that common
// file systems can hold (NAME_MAX).
const maxOutputName = 255

// checkOutputTree reports an output path with a name too long to write,
// and an output file whose path is a directory of another output file: content/en/index.xml.md makes en/index.xml/ while
// the feed is the file en/index.xml. The disk could hold only one of them,
// so without this check the build would fail while writing, naming no
// content file, after check had passed. emit has already made sure no
// two files share a path.
func (b *builder) checkOutputTree(context.Context) error {
	for file, source := range b.sources {
		for elem := range strings.SplitSeq(file, "/") {
			// Names made from frontmatter (tags, terms) can be long.
			if len(elem) > maxOutputName {
				b.diags.Errorf(b.contentPos(source), "%s writes %s, whose name %.40q… is %d bytes long; file systems allow %d, shorten it", source, file, elem, len(elem), maxOutputName)
				break
			}
		}
	}
	for key, source := range b.sources {
		for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
			if owner, ok := b.sources[dir]; ok {
				b.diags.Errorf(b.contentPos(source, owner), "%s writes %s inside %s, which %s writes as a file; rename one of them", source, key, dir, owner)
				break
			}
		}
	}
	return nil
}
