package site

import (
	"bytes"
	"context"
	"errors"
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
	// build assembles everything); its Model is never changed, an edit
	// makes a new one:
	last  *built
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
	e := env{cfg: s.cfg.withDefaults(), md: markdown.New(), memo: s.memo}
	if s.last != nil && !changes.All {
		if r, diags, ok := s.incremental(e, changes); ok {
			return r, diags
		}
	}
	return s.full(ctx, e)
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
func (s *Session) full(ctx context.Context, e env) (*Result, diag.List) {
	files := map[string][]byte{}
	b, diags := pipeline(ctx, e, s.loader, s.out, collect(files))
	if b == nil {
		s.last = nil
		return nil, diags
	}
	out := b.output(files)
	s.memo.forgetDocsBut(b.m.byFile)
	r := &Result{Output: out, Full: true}
	var before Output // the first build changes everything
	if s.out != nil {
		before = *s.out
	}
	r.Changed, r.Removed = diffFiles(before.Files, out.Files)
	r.SearchPut, r.SearchDeleted = diffSearch(before.Search, out.Search)
	clear(s.stale)
	for _, lang := range b.search.stale {
		s.stale[lang] = true
	}
	s.last, s.diags, s.out = b, diags, out
	r.StaleSearch = s.staleLanguages()
	return r, diags
}

// incremental tries the quick way through a build (see Session); ok is
// false when the changes need the whole site assembled.
func (s *Session) incremental(e env, changes Changes) (*Result, diag.List, bool) {
	pages, themeStatic, ok := s.classify(changes)
	if !ok {
		return nil, nil, false
	}
	var edits []*edit
	for _, p := range pages {
		ed, ok := s.reread(e, p)
		if !ok {
			return nil, nil, false
		}
		if ed != nil {
			edits = append(edits, ed)
		}
	}
	var static []theme.File
	if themeStatic {
		if static, ok = s.themeStatic(); !ok {
			return nil, nil, false
		}
	}
	// The last build stays as it was until the new one has succeeded: if
	// a template fails now, the full build that follows says why.
	r, diags, err := s.apply(e, edits, static)
	if err != nil {
		return nil, nil, false
	}
	return r, diags, true
}

// classify sorts the changed paths into document pages whose bodies may
// have changed and a change to the theme's static files; ok is false for
// anything else, which needs the whole site assembled.
func (s *Session) classify(changes Changes) (pages []*Page, themeStatic, ok bool) {
	name := s.last.look.name
	for _, changed := range changes.Themes {
		dir, rest, _ := strings.Cut(changed, "/")
		switch {
		case name == "" || dir != name:
			// Not the theme in use (the built-in one is embedded).
		case theme.IsStatic(rest):
			themeStatic = true
		default:
			return nil, false, false // layouts, message catalogs, a rename of the theme
		}
		if name == "" && dir == "default" {
			return nil, false, false // a themes/default/ that appeared now wins over the embedded theme
		}
	}
	for _, changed := range changes.Content {
		p, ok := s.changedPage(changed)
		if !ok {
			return nil, false, false
		}
		if p != nil && !slices.Contains(pages, p) {
			pages = append(pages, p)
		}
	}
	if len(pages) > maxIncremental {
		return nil, false, false
	}
	return pages, themeStatic, true
}

// changedPage is the document page a changed content path is, or nil for
// a path that came and went within the burst (an editor's temp file); ok
// is false for anything else, which needs the whole site assembled.
func (s *Session) changedPage(name string) (p *Page, ok bool) {
	m := s.last.m
	top, rest, _ := strings.Cut(name, "/")
	if rest == "" || top == "schema" || top == "data" {
		return nil, false // site.yaml, schemas, shared data, a language directory
	}
	if p := m.byFile[name]; p != nil {
		return p, true
	}
	if _, err := fs.Stat(s.cfg.Content, name); !errors.Is(err, fs.ErrNotExist) {
		return nil, false // a new file or directory, an asset, a draft, an unreadable file
	}
	if m.knows(name) {
		return nil, false // a file or directory of the site is gone
	}
	return nil, true
}

// maxIncremental is how many documents an incremental build takes on;
// past that (a checkout), assembling everything is as quick and simpler.
const maxIncremental = 16

// knows reports whether the Model was made from name or something under it.
func (m *Model) knows(name string) bool {
	under := func(file string) bool { return file == name || strings.HasPrefix(file, name+"/") }
	return slices.ContainsFunc(m.content.Documents, func(d *content.Document) bool { return under(d.File) }) ||
		slices.ContainsFunc(m.content.Assets, func(a content.Asset) bool { return under(a.File) })
}

// reread loads, parses and renders a changed document again. It returns
// nil if the file is as it was; ok is false unless only its body changed.
func (s *Session) reread(e env, p *Page) (ed *edit, ok bool) {
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
	md, mdDiags, ok := e.parse(s.last.m.parsers.of(doc), doc, &diags)
	diags.Append(mdDiags)
	if !ok || md == nil || diags.Errors() > 0 {
		return nil, false
	}
	if !sameHeadings(md.Headings, p.md.Headings) {
		return nil, false // other pages' links to its anchors are checked
	}
	s.memo.rememberParse(doc, s.last.m.parsers.of(doc), md, mdDiags)
	page := editedPage(p, doc, md)
	body, ok := e.renderBody(s.last.m, page, &diags)
	page.fresh = false // rendering spent the syntax tree
	if !ok || diags.Errors() > 0 {
		return nil, false
	}
	return &edit{old: p, page: page, diags: diags, body: body}, true
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
	files, err := s.last.look.theme.Static()
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

// apply makes the build after edits from the last one: a new Model with
// the edited pages (Model.withEdits), the templates of the pages they
// touch executed again, their search documents, and the diagnostics.
func (s *Session) apply(e env, edits []*edit, static []theme.File) (*Result, diag.List, error) {
	next := &built{m: s.last.m.clone(), look: s.last.look, bodies: maps.Clone(s.last.bodies), search: s.last.search}
	touched := next.withEdits(e, edits)
	states := next.m.restate(edits, e.cfg.Today)
	if states.changed {
		touched = append(touched, next.m.site.DefaultLanguage+"/translations/")
	}
	r := &Result{}
	files, err := s.execute(next, touched, static, r)
	if err != nil {
		return nil, nil, err
	}
	docs := s.searchAfter(next.m, edits, r)
	diags := s.diagsAfter(edits, states)
	r.Output = &Output{Files: files, Search: docs, Translations: next.m.translations, DefaultLanguage: next.m.site.DefaultLanguage}
	s.last, s.diags, s.out = next, diags, r.Output
	r.StaleSearch = s.staleLanguages()
	return r, diags, nil
}

// execute runs the templates of the touched pages (by directory) of a
// build after edits, and puts the static files in; what changed goes in
// r.Changed.
func (s *Session) execute(b *built, touched []string, static []theme.File, r *Result) (map[string][]byte, error) {
	files := maps.Clone(s.out.Files)
	write := func(name string, data []byte) {
		if !bytes.Equal(files[name], data) {
			files[name] = data
			r.Changed = append(r.Changed, name)
		}
	}
	done := map[string]bool{}
	for _, dir := range touched {
		p := b.m.byDir[dir]
		if p == nil || done[dir] {
			continue
		}
		done[dir] = true
		html, err := b.look.theme.Execute(p.Kind, b.m.view(withBody(p, b.bodies)))
		if err != nil {
			return nil, err
		}
		write(outputFile(p.Dir), html)
	}
	for _, f := range static {
		write("static/"+f.Path, f.Data)
	}
	slices.Sort(r.Changed)
	return files, nil
}

// searchAfter is the last build's search documents with the edited
// pages' new ones; those that changed go in r.SearchPut, and their
// languages' static search files lag until a SearchJob.
func (s *Session) searchAfter(m *Model, edits []*edit, r *Result) []search.Document {
	docs := slices.Clone(s.out.Search)
	for _, ed := range edits {
		p := m.byFile[ed.page.doc.File]
		if !searchable(p) {
			continue
		}
		d := searchDocument(p)
		i := slices.IndexFunc(docs, func(x search.Document) bool { return x.ID == d.ID && x.Lang == d.Lang })
		if i >= 0 && !reflect.DeepEqual(docs[i], d) {
			docs[i] = d
			r.SearchPut = append(r.SearchPut, d)
			s.stale[d.Lang] = true
		}
	}
	return docs
}

// diagsAfter is the last build's diagnostics with those of the edited
// files, and of the translation states that followed them, replaced.
func (s *Session) diagsAfter(edits []*edit, states restated) diag.List {
	edited := map[string]bool{}
	for _, ed := range edits {
		edited[ed.page.doc.File] = true
	}
	var diags diag.List
	for _, d := range s.diags {
		if !edited[d.Pos.File] && !slices.Contains(states.replaced[d.Pos.File], d) {
			diags = append(diags, d)
		}
	}
	for _, ed := range edits {
		diags.Append(ed.diags)
	}
	diags.Append(states.checks)
	return diags.Sort()
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
	j := &SearchJob{gen: s.gen, offline: s.last.m.offline}
	for _, lang := range s.staleLanguages() {
		docs, labels := s.last.m.searchDocuments(lang)
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
	s.out = r.Output
	r.StaleSearch = s.staleLanguages()
	return r, nil
}
