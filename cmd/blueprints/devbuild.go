package main

import (
	"context"
	"maps"
	"path/filepath"
	"sync"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/publish"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/serve"
	"github.com/openblueprints/blueprints/internal/site"
)

// devBuild is what "blueprints serve" builds with: a site.Session, the
// minified files and the bleve index, each brought up to date with what
// the session's results say changed rather than made anew.
type devBuild struct {
	sf       siteFlags
	minifier *publish.Minifier

	mu      sync.Mutex // one build or search-file swap at a time
	session *site.Session
	files   map[string][]byte // minified, as served
	index   *search.Index
	retired map[*search.Index]bool // replaced, to close once no site uses them
	// indexed is closed when the index updates of the last build are in;
	// each build's updates wait for the previous build's, so they apply
	// in order.
	indexed  chan struct{}
	indexErr error // of an update, reported by the next build
}

func newDevBuild(sf siteFlags) *devBuild {
	return &devBuild{sf: sf, minifier: publish.NewMinifier(), session: site.NewSession(sf.config()), retired: map[*search.Index]bool{}}
}

// build is the server's BuildFunc.
func (d *devBuild) build(ctx context.Context, changes serve.Changes) (*serve.Site, diag.List) {
	d.mu.Lock()
	defer d.mu.Unlock()
	r, diags := d.session.Build(ctx, d.siteChanges(changes))
	diags = d.sf.displayPath(diags)
	if r == nil {
		return nil, diags
	}
	if err := d.apply(r); err != nil {
		diags.Errorf(diag.Pos{}, "%v", err)
		return nil, diags
	}
	if err := d.updateIndex(r); err != nil {
		diags.Errorf(diag.Pos{}, "search index: %v", err)
		return nil, diags
	}
	s := d.site()
	if len(r.StaleSearch) > 0 {
		s.Finish = d.finish
	}
	return s, diags
}

// finish exports the static search files an edit left behind, outside the
// lock, so a build can run meanwhile, and swaps them in unless that build
// overtook them.
func (d *devBuild) finish(context.Context) (*serve.Site, diag.List) {
	job := d.session.SearchJob() // gathering the documents is work the reload need not wait for either
	if job == nil {
		return nil, nil
	}
	job.Run()
	d.mu.Lock()
	defer d.mu.Unlock()
	var diags diag.List
	r, err := d.session.ApplySearch(job)
	if err != nil {
		diags.Errorf(diag.Pos{}, "search files: %v", err)
		return nil, diags
	}
	if r == nil {
		return nil, nil
	}
	if err := d.apply(r); err != nil {
		diags.Errorf(diag.Pos{}, "%v", err)
		return nil, diags
	}
	return d.site(), nil
}

// siteChanges turns the paths the watcher saw into paths of the site.
func (d *devBuild) siteChanges(changes serve.Changes) site.Changes {
	out := site.Changes{All: changes.All}
	contentDir := filepath.Join(d.sf.source, "content")
	themesDir := filepath.Join(d.sf.source, "themes")
	for _, p := range changes.Paths {
		if rel, ok := under(contentDir, p); ok {
			out.Content = append(out.Content, rel)
		} else if rel, ok := under(themesDir, p); ok {
			out.Themes = append(out.Themes, rel)
		} else {
			out.All = true // a watched root itself
		}
	}
	return out
}

// under returns path p relative to dir, slash-separated, if it is inside.
func under(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == "." || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// apply minifies what changed into a new map: the server may still be
// serving the old one.
func (d *devBuild) apply(r *site.Result) error {
	files := maps.Clone(d.files)
	if files == nil {
		files = make(map[string][]byte, len(r.Changed))
	}
	for _, name := range r.Removed {
		delete(files, name)
	}
	for _, name := range r.Changed {
		min, err := d.minifier.Minify(name, r.Files[name])
		if err != nil {
			return err
		}
		files[name] = min
	}
	d.files = files
	return nil
}

// reindexAbove is how many changed documents make building a new index
// quicker than updating the old one document by document.
const reindexAbove = 200

// updateIndex brings the bleve index up to date: a new one after large
// changes, and otherwise the changed documents, in the background, since
// analysing a document costs more than the rest of a one-page rebuild and
// the reload need not wait for the search API.
func (d *devBuild) updateIndex(r *site.Result) error {
	if err := d.indexErr; err != nil {
		d.indexErr = nil
		return err
	}
	if d.index == nil || len(r.SearchPut)+len(r.SearchDeleted) > reindexAbove {
		ix, err := search.NewMemory(r.Search)
		if err != nil {
			return err
		}
		if d.index != nil {
			d.retired[d.index] = true
		}
		d.index = ix
		return nil
	}
	if len(r.SearchPut)+len(r.SearchDeleted) == 0 {
		return nil
	}
	ix, previous, done := d.index, d.indexed, make(chan struct{})
	d.indexed = done
	go func() {
		defer close(done)
		if previous != nil {
			<-previous
		}
		err := applyToIndex(ix, r.SearchPut, r.SearchDeleted)
		d.mu.Lock()
		defer d.mu.Unlock()
		if err != nil && ix == d.index {
			d.indexErr = err
		}
	}()
	return nil
}

func applyToIndex(ix *search.Index, put, deleted []search.Document) error {
	for _, doc := range deleted {
		if err := ix.Delete(doc.Lang, doc.ID); err != nil {
			return err
		}
	}
	for _, doc := range put {
		if err := ix.Put(doc); err != nil {
			return err
		}
	}
	return nil
}

// site is the current build as the server serves it. Its Close closes its
// index only once a newer build has replaced that index.
func (d *devBuild) site() *serve.Site {
	ix := d.index
	return &serve.Site{Files: d.files, Search: searchAPI(ix), Close: func() {
		d.mu.Lock()
		defer d.mu.Unlock()
		if d.retired[ix] {
			delete(d.retired, ix)
			ix.Close()
		}
	}}
}
