package site

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
)

// A Session builds one site again and again, as the development server
// does after every edit, and redoes only what the edit changed. Its output,
// once its static search files have caught up (see below), is always what
// Build would make of the same files: that is the contract, and the random
// edit test in session_test.go holds it to it.
//
// There are two ways through a Session's Build:
//
//   - An edit to the Markdown body of existing documents, whose
//     frontmatter and headings did not change, touches nothing that other
//     pages show of them (cards, taxonomies, feeds, the sitemap and link
//     checks read only frontmatter and heading IDs). Such a build reloads,
//     parses and renders those documents only, and executes the templates
//     of their pages, their translations (whose "outdated" notice follows
//     the source's text) and, when a translation's state changed, the
//     translation dashboard. An edit to the theme's static files, none
//     added or removed, replaces those files and nothing else.
//   - Anything else (frontmatter, new, deleted or renamed files, a file
//     that fails, templates, site.yaml, schemas, or events the watcher lost)
//     assembles the whole site again. That build still reuses what each
//     unchanged file decoded, parsed and rendered to, and each language's
//     search export whose documents did not change.
//
// Exporting the static search files of a language is the slowest part of
// a build. After the first build a Session leaves them as they were and
// lists the languages whose files lag (Result.StaleSearch); SearchJob
// exports them, outside the Session's lock, and ApplySearch swaps them in.
//
// A Session is safe for concurrent use; builds run one at a time.
type Session struct {
	mu     sync.Mutex
	cfg    Config
	loader *content.Loader
	memo   *memo
	gen    int // counts builds, so a search job can tell it was overtaken

	// Of the last build, if it succeeded (nil after a failure, so the next
	// build assembles everything):
	last  *builder
	diags diag.List
	// Of the last successful build, which is what the caller serves:
	out   *Output
	stale map[string]bool // languages whose static search files lag behind out
}

// Changes says what changed since a Session's last build.
type Changes struct {
	// All means the caller cannot tell (the first build, lost events).
	All bool
	// Content lists changed files and directories, as slash-separated
	// paths relative to the content directory: "en/blueprints/konza.md".
	Content []string
	// Themes lists changed paths relative to the themes directory:
	// "mine/static/site.css".
	Themes []string
}

// Result is a Session's build: the whole output, and how it differs from
// the last successful build's.
type Result struct {
	*Output
	Changed []string // output paths added or changed, sorted
	Removed []string // output paths gone, sorted
	// SearchPut and SearchDeleted are the search documents added or
	// changed, and gone, for a search index kept up to date one document
	// at a time.
	SearchPut     []search.Document
	SearchDeleted []search.Document
	// StaleSearch lists the languages whose static search files are still
	// those of an earlier build; see Session.SearchJob.
	StaleSearch []string
	// Full is set when the build assembled the whole site.
	Full bool
}

// NewSession returns a Session of the site cfg describes. Its zero
// Config.Today means the day of each build.
func NewSession(cfg Config) *Session {
	return &Session{
		cfg:    cfg,
		loader: content.NewLoader(cfg.Content, content.Options{MaxFileSize: cfg.MaxFileSize}),
		memo:   newMemo(),
		stale:  map[string]bool{},
	}
}

// Build builds the site after changes. Like Build, it returns a result
// only if there were no errors, and the diagnostics always.
func (s *Session) Build(ctx context.Context, changes Changes) (*Result, diag.List) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if s.last != nil && !changes.All {
		if r, diags, ok := s.incremental(ctx, changes); ok {
			return r, diags
		}
	}
	return s.full(ctx)
}

// Reset forgets the last build's output, for a caller whose copy of it
// went wrong: the next build assembles the whole site and reports every
// file and search document as changed. What the memory holds stays.
func (s *Session) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	s.last, s.out, s.diags = nil, nil, nil
	clear(s.stale)
}

// full assembles the whole site, with the memory of earlier builds.
func (s *Session) full(ctx context.Context) (*Result, diag.List) {
	b := newBuilder(s.cfg.withDefaults(), s.loader, s.memo)
	b.previous = s.out
	out, diags := b.run(ctx)
	if out == nil {
		s.last = nil
		return nil, diags
	}
	s.memo.forgetDocsBut(b.byFile)
	r := &Result{Output: out, Full: true}
	var before Output // the first build changes everything
	if s.out != nil {
		before = *s.out
	}
	r.Changed, r.Removed = diffFiles(before.Files, out.Files)
	r.SearchPut, r.SearchDeleted = diffSearch(before.Search, out.Search)
	clear(s.stale)
	for _, lang := range b.staleSearch {
		s.stale[lang] = true
	}
	s.last, s.diags, s.out = b, diags, out
	r.StaleSearch = s.staleLanguages()
	return r, diags
}

// edit is a document whose body changed and nothing else.
type edit struct {
	page  *Page
	doc   *content.Document
	md    *markdown.Doc // rendered already
	diags diag.List     // of loading, parsing and rendering it
	body  []byte        // rendered
}

// incremental tries the quick way through a build (see Session); ok is
// false when the changes need the whole site assembled.
func (s *Session) incremental(ctx context.Context, changes Changes) (*Result, diag.List, bool) {
	b := s.last
	pages, themeStatic, ok := s.classify(changes)
	if !ok {
		return nil, nil, false
	}
	var edits []*edit
	for _, p := range pages {
		e, ok := s.reread(p)
		if !ok {
			return nil, nil, false
		}
		if e != nil {
			edits = append(edits, e)
		}
	}
	var static []theme.File
	if themeStatic {
		if static, ok = s.themeStatic(); !ok {
			return nil, nil, false
		}
	}
	// From here on the last build's pages change; if anything fails now,
	// the next build starts from scratch.
	s.last = nil
	r, diags, err := s.apply(ctx, b, edits, static)
	if err != nil {
		return nil, nil, false
	}
	s.last = b
	return r, diags, true
}

// classify sorts the changed paths into document pages whose bodies may
// have changed and a change to the theme's static files; ok is false for
// anything else, which needs the whole site assembled.
func (s *Session) classify(changes Changes) (pages []*Page, themeStatic, ok bool) {
	b := s.last
	for _, name := range changes.Themes {
		dir, rest, _ := strings.Cut(name, "/")
		switch {
		case b.themeName == "" || dir != b.themeName:
			// Not the theme in use (the built-in one is embedded).
		case theme.IsStatic(rest):
			themeStatic = true
		default:
			return nil, false, false // layouts, message catalogs, a rename of the theme
		}
		if b.themeName == "" && dir == "default" {
			return nil, false, false // a themes/default/ that appeared now wins over the embedded theme
		}
	}
	for _, name := range changes.Content {
		top, rest, _ := strings.Cut(name, "/")
		if rest == "" || top == "schema" || top == "data" {
			return nil, false, false // site.yaml, schemas, shared data, a language directory
		}
		if p := b.byFile[name]; p != nil {
			if !slices.Contains(pages, p) {
				pages = append(pages, p)
			}
			continue
		}
		if _, err := fs.Stat(s.cfg.Content, name); !errors.Is(err, fs.ErrNotExist) {
			return nil, false, false // a new file or directory, an asset, a draft, an unreadable file
		}
		if b.knows(name) {
			return nil, false, false // a file or directory of the site is gone
		}
		// A file that came and went within the burst: an editor's temp file.
	}
	if len(pages) > maxIncremental {
		return nil, false, false
	}
	return pages, themeStatic, true
}

// maxIncremental is how many documents an incremental build takes on;
// past that (a checkout), assembling everything is as quick and simpler.
const maxIncremental = 16

// knows reports whether the last build read name or something under it.
func (b *builder) knows(name string) bool {
	under := func(file string) bool { return file == name || strings.HasPrefix(file, name+"/") }
	return slices.ContainsFunc(b.content.Documents, func(d *content.Document) bool { return under(d.File) }) ||
		slices.ContainsFunc(b.content.Assets, func(a content.Asset) bool { return under(a.File) })
}

// reread loads and parses a changed document again. It returns nil if the
// file is as it was; ok is false unless only its body changed.
func (s *Session) reread(p *Page) (e *edit, ok bool) {
	b := s.last
	doc, diags, err := s.loader.Reload(p.doc.File)
	if err != nil || doc == nil || diags.Errors() > 0 {
		return nil, false
	}
	if doc == p.doc {
		return nil, true // the same bytes: a touch, or a save without changes
	}
	if doc.Kind != p.doc.Kind || !reflect.DeepEqual(doc.Meta, p.doc.Meta) || !reflect.DeepEqual(doc.Blueprint, p.doc.Blueprint) {
		return nil, false // cards, lists, taxonomies and feeds show frontmatter
	}
	md, mdDiags, ok := b.parse(doc, &diags)
	diags.Append(mdDiags)
	if !ok || md == nil || diags.Errors() > 0 {
		return nil, false
	}
	if !sameHeadings(md.Headings, p.md.Headings) {
		return nil, false // other pages' links to its anchors are checked
	}
	s.memo.rememberParse(doc, md, mdDiags)
	// Render with the new document in place, then put the old one back
	// until every edit has passed.
	old, oldMD, oldRendered := p.doc, p.md, p.mdRendered
	p.doc, p.md, p.mdRendered = doc, md, false
	body, ok := b.renderBody(p, &diags)
	p.doc, p.md, p.mdRendered = old, oldMD, oldRendered
	if !ok || diags.Errors() > 0 {
		return nil, false
	}
	return &edit{page: p, doc: doc, md: md, diags: diags, body: body}, true
}

// sameHeadings compares what other pages and the table of contents see of
// headings: their level, text and anchor, not where they are in the file.
func sameHeadings(x, y []markdown.Heading) bool {
	return slices.EqualFunc(x, y, func(a, b markdown.Heading) bool {
		return a.Level == b.Level && a.Text == b.Text && a.ID == b.ID
	})
}

// themeStatic reads the theme's static files again; ok is false if files
// came or went, which the offline lists name.
func (s *Session) themeStatic() (files []theme.File, ok bool) {
	files, err := s.last.theme.Static()
	if err != nil {
		return nil, false
	}
	var now, before []string
	for _, f := range files {
		now = append(now, "static/"+f.Path)
	}
	for name := range s.out.Files {
		if strings.HasPrefix(name, "static/") {
			before = append(before, name)
		}
	}
	slices.Sort(now)
	slices.Sort(before)
	if !slices.Equal(now, before) {
		return nil, false
	}
	return files, true
}

// apply puts the edits into the last build and executes the templates of
// the pages they touch.
func (s *Session) apply(ctx context.Context, b *builder, edits []*edit, static []theme.File) (*Result, diag.List, error) {
	files := maps.Clone(s.out.Files)
	docs := slices.Clone(s.out.Search)
	edited := map[string]bool{}
	var pages []*Page
	add := func(p *Page) {
		if p != nil && !slices.Contains(pages, p) {
			pages = append(pages, p)
		}
	}
	r := &Result{}
	for _, e := range edits {
		p := e.page
		p.doc, p.md, p.mdRendered, p.Body = e.doc, e.md, true, template.HTML(e.body)
		p.TOC = tableOfContents(p.Kind, e.md)
		if p.Blueprint != nil {
			p.Blueprint.Blueprint = e.doc.Blueprint
		}
		if i, ok := slices.BinarySearchFunc(b.content.Documents, e.doc.File, func(d *content.Document, file string) int {
			return strings.Compare(d.File, file)
		}); ok {
			b.content.Documents[i] = e.doc
		}
		edited[e.doc.File] = true
		add(p)
		// A translation's notice that it is out of date follows the
		// source's text, and the language menu shows the notice. A
		// fallback page shows the text itself.
		for _, t := range p.Translations {
			add(t)
			if t.Original == p {
				t.doc, t.TOC = e.doc, p.TOC
				if t.Blueprint != nil {
					t.Blueprint.Blueprint = e.doc.Blueprint
				}
				b.renderFallback(t, &e.diags)
			}
		}
		if searchable(p) {
			d := b.searchDocument(p)
			i := slices.IndexFunc(docs, func(x search.Document) bool { return x.ID == d.ID && x.Lang == d.Lang })
			if i >= 0 && !reflect.DeepEqual(docs[i], d) {
				docs[i] = d
				r.SearchPut = append(r.SearchPut, d)
				s.stale[d.Lang] = true
			}
		}
	}

	// The translation states of the edited pages' groups follow the
	// sources' text; the dashboard lists them.
	var checks diag.List
	statesChanged := false
	b.translations = slices.Clone(b.translations) // the last output's stays as it was
	b.stateDiags = maps.Clone(b.stateDiags)
	replaced := map[string]diag.List{} // translation file → what it reported before
	minorChecked := map[*Page]bool{}
	for _, e := range edits {
		group := append([]*Page{e.page}, e.page.Translations...)
		src := b.byFile[b.site.DefaultLanguage+"/"+e.page.doc.Path]
		if src != nil && edited[src.doc.File] && !minorChecked[src] {
			minorChecked[src] = true
			checkMinorEdits(src.doc, &checks)
			// The dashboard gives missing translations the digest to record.
			for i, st := range b.translations {
				if st.Key == src.doc.Path && st.State == StateMissing && st.SourceDigest != src.doc.Digest() {
					b.translations[i].SourceDigest = src.doc.Digest()
					statesChanged = true
				}
			}
		}
		for _, p := range group {
			if p.doc == nil || p.Lang == b.site.DefaultLanguage || p.Original != nil {
				continue
			}
			if _, done := replaced[p.doc.File]; done {
				continue // a translation edited with its source
			}
			replaced[p.doc.File] = b.stateDiags[p.doc.File]
			var own diag.List
			st := b.translationState(p, src, &own)
			b.stateDiags[p.doc.File] = own
			// The warnings of a translation follow its source's text.
			checks.Append(own)
			i := slices.IndexFunc(b.translations, func(x TranslationState) bool { return x.Lang == st.Lang && x.Key == st.Key })
			if i >= 0 && b.translations[i] != st {
				b.translations[i] = st
				statesChanged = true
			}
		}
		b.staleReview(e.page, &checks)
		repeatedTitle(e.page, &checks)
	}
	if statesChanged {
		add(b.byDir[b.site.DefaultLanguage+"/translations/"])
	}

	write := func(name string, data []byte) {
		if !bytes.Equal(files[name], data) {
			files[name] = data
			r.Changed = append(r.Changed, name)
		}
	}
	for _, p := range pages {
		html, err := b.theme.Execute(p.Kind, b.view(p))
		if err != nil {
			return nil, nil, err
		}
		write(outputFile(p.Dir), html)
	}
	for _, f := range static {
		write("static/"+f.Path, f.Data)
	}
	slices.Sort(r.Changed)
	b.out, b.search = files, docs

	var diags diag.List
	for _, d := range s.diags {
		if !edited[d.Pos.File] && !slices.Contains(replaced[d.Pos.File], d) {
			diags = append(diags, d)
		}
	}
	for _, e := range edits {
		diags.Append(e.diags)
	}
	diags.Append(checks)
	diags = diags.Sort()

	r.Output = &Output{Files: files, Search: docs, Translations: b.translations, DefaultLanguage: b.site.DefaultLanguage}
	s.diags, s.out = diags, r.Output
	r.StaleSearch = s.staleLanguages()
	return r, diags, nil
}

func (s *Session) staleLanguages() []string {
	return slices.Sorted(maps.Keys(s.stale))
}

// diffFiles lists the paths added or changed, and removed, from one output
// to the next.
func diffFiles(before, after map[string][]byte) (changed, removed []string) {
	for name, data := range after {
		if old, ok := before[name]; !ok || !bytes.Equal(old, data) {
			changed = append(changed, name)
		}
	}
	for name := range before {
		if _, ok := after[name]; !ok {
			removed = append(removed, name)
		}
	}
	slices.Sort(changed)
	slices.Sort(removed)
	return changed, removed
}

// diffSearch lists the search documents added or changed, and removed.
func diffSearch(before, after []search.Document) (put, deleted []search.Document) {
	key := func(d search.Document) string { return d.Lang + "\x00" + d.ID }
	old := map[string]search.Document{}
	for _, d := range before {
		old[key(d)] = d
	}
	for _, d := range after {
		if o, ok := old[key(d)]; !ok || !reflect.DeepEqual(o, d) {
			put = append(put, d)
		}
		delete(old, key(d))
	}
	for _, d := range before {
		if _, ok := old[key(d)]; ok {
			deleted = append(deleted, d)
		}
	}
	return put, deleted
}

// A SearchJob exports the static search files of the languages whose files
// lag behind a Session's output. Run does the work and touches nothing of
// the Session, so it can run while the Session builds again.
type SearchJob struct {
	gen     int
	offline bool
	langs   []string
	docs    [][]search.Document
	labels  []search.Labels
	files   []map[string][]byte
	err     error
}

// SearchJob returns the export of the search files that lag behind, or
// nil if none do.
func (s *Session) SearchJob() *SearchJob {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.stale) == 0 || s.last == nil {
		return nil
	}
	j := &SearchJob{gen: s.gen, offline: s.last.cfg.Offline}
	for _, lang := range s.staleLanguages() {
		docs, labels := s.last.searchDocuments(lang)
		j.langs = append(j.langs, lang)
		j.docs = append(j.docs, docs)
		j.labels = append(j.labels, labels)
	}
	return j
}

// Run exports the files.
func (j *SearchJob) Run() {
	j.files = make([]map[string][]byte, len(j.langs))
	for i, lang := range j.langs {
		j.files[i], j.err = search.Export(lang, j.docs[i], j.labels[i], search.ExportOptions{Offline: j.offline})
		if j.err != nil {
			return
		}
	}
}

// ApplySearch puts the files of a job that has run into the Session's
// output. The result is nil when a build overtook the job: the files it
// made are remembered, and the next job is quicker for it.
func (s *Session) ApplySearch(j *SearchJob) (*Result, error) {
	if j.err != nil {
		return nil, j.err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, lang := range j.langs {
		s.memo.rememberExport(lang, j.docs[i], j.labels[i], j.files[i])
	}
	if j.gen != s.gen || s.last == nil {
		return nil, nil
	}
	files := maps.Clone(s.out.Files)
	for i, lang := range j.langs {
		for name := range searchFiles(files, lang) {
			delete(files, name)
		}
		maps.Copy(files, j.files[i])
		delete(s.stale, lang)
	}
	r := &Result{Output: &Output{Files: files, Search: s.out.Search, Translations: s.out.Translations, DefaultLanguage: s.out.DefaultLanguage}}
	r.Changed, r.Removed = diffFiles(s.out.Files, files)
	s.out, s.last.out = r.Output, files
	r.StaleSearch = s.staleLanguages()
	return r, nil
}
