package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"sync"
	"time"

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
	closed  bool       // by close: no index work starts any more
	session *site.Session
	files   map[string][]byte // minified, as served
	// indexed is closed when the index work of the last build is done;
	// each build's index work waits for the previous build's, so it
	// applies in order.
	indexed chan struct{}

	indexMu  sync.Mutex // not mu: searches must not wait for builds
	index    *search.Index
	retired  map[*search.Index]bool // replaced, closed once searches using them are done
	indexErr error                  // of index work, reported by the next build
	ready    chan struct{}          // closed once the first index work is done
}

func newDevBuild(sf siteFlags) *devBuild {
	cfg := sf.config()
	cfg.RootPath = "/" // where the server serves the site, whatever its base URL
	return &devBuild{sf: sf, minifier: publish.NewMinifier(), session: site.NewSession(cfg), ready: make(chan struct{}), retired: map[*search.Index]bool{}}
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
		// The served files no longer follow the session's output: start
		// both afresh.
		d.session.Reset()
		d.files = nil
		diags.Errorf(diag.Pos{}, "%v", err)
		return nil, diags
	}
	if err := d.updateIndex(ctx, r); err != nil {
		diags.Warnf(diag.Pos{}, "search index: %v; building it anew", err)
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
		d.session.Reset()
		d.files = nil
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

// updateIndex brings the bleve index up to date, in the background: the
// first index (which takes longer than the first build) and a new one
// after large changes, and otherwise the changed documents, since
// analysing a document costs more than the rest of a one-page rebuild.
// Neither the page nor its reload need wait for the search API. It
// returns the error of earlier index work, if any; the index is then
// built anew.
func (d *devBuild) updateIndex(ctx context.Context, r *site.Result) error {
	if d.closed {
		return nil // the server has stopped; a build that was under way ends here
	}
	d.indexMu.Lock()
	err := d.indexErr // the index may have missed an update: build it anew
	d.indexErr = nil
	d.indexMu.Unlock()
	reindex := err != nil || d.indexed == nil || len(r.SearchPut)+len(r.SearchDeleted) > reindexAbove
	if !reindex && len(r.SearchPut)+len(r.SearchDeleted) == 0 {
		return nil
	}
	previous, done := d.indexed, make(chan struct{})
	d.indexed = done
	go func() {
		defer close(done)
		if previous != nil {
			<-previous
		}
		if reindex {
			ix, err := search.NewScratch(filepath.Join(d.sf.source, ".blueprints"), r.Search)
			d.setIndex(ctx, ix, err)
			return
		}
		d.indexMu.Lock()
		ix := d.index
		d.indexMu.Unlock()
		if ix == nil {
			return // building it failed, and the next build says so
		}
		if err := applyToIndex(ix, r.SearchPut, r.SearchDeleted); err != nil {
			d.indexMu.Lock()
			if ix == d.index {
				d.indexErr = err
			}
			d.indexMu.Unlock()
		}
	}()
	return err
}

// close waits for the index work under way and closes every index, which
// removes their scratch directories; the server has stopped.
func (d *devBuild) close() {
	d.mu.Lock() // after the build under way, if any
	d.closed = true
	done := d.indexed
	d.mu.Unlock()
	if done != nil {
		<-done
	}
	d.indexMu.Lock()
	defer d.indexMu.Unlock()
	for old := range d.retired {
		old.Close()
	}
	d.retired = nil
	if d.index != nil {
		d.index.Close()
		d.index = nil
	}
}

// retireAfter outlasts any search still using a replaced index.
const retireAfter = 30 * time.Second

func (d *devBuild) setIndex(ctx context.Context, ix *search.Index, err error) {
	d.indexMu.Lock()
	defer d.indexMu.Unlock()
	switch {
	case err != nil:
		d.indexErr = err
	case ctx.Err() != nil:
		ix.Close() // the server stopped while it was built
	default:
		if old := d.index; old != nil {
			d.retired[old] = true
			time.AfterFunc(retireAfter, func() {
				d.indexMu.Lock()
				defer d.indexMu.Unlock()
				if d.retired[old] {
					delete(d.retired, old)
					old.Close()
				}
			})
		}
		d.index = ix
	}
	select {
	case <-d.ready:
	default:
		close(d.ready)
	}
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

// search answers the search API from the current index, once there is one.
func (d *devBuild) search(ctx context.Context, r serve.SearchRequest) (any, error) {
	select {
	case <-d.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("the search index is still being built; try again in a moment: %w", ctx.Err())
	}
	d.indexMu.Lock()
	ix := d.index
	d.indexMu.Unlock()
	if ix == nil {
		return nil, errors.New("no search index; see the server's messages")
	}
	return searchAPI(ix)(ctx, r)
}

// site is the current build as the server serves it.
func (d *devBuild) site() *serve.Site {
	return &serve.Site{Files: d.files, Search: d.search}
}
