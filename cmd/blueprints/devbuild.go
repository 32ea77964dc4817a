package main

import (
	"context"
	"maps"
	"path/filepath"
	"sync"

	"github.com/openblueprints/blueprints/internal/devindex"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/publish"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/serve"
	"github.com/openblueprints/blueprints/internal/site"
)

// devBuild is what "blueprints serve" builds with: a site.Session, the
// minified files and the bleve index (package devindex), each brought up
// to date with what the session's results say changed rather than made
// anew.
type devBuild struct {
	sf       siteFlags
	minifier *publish.Minifier

	index *devindex.Index

	mu      sync.Mutex // one build or search-file swap at a time
	session *site.Session
	files   map[string][]byte // minified, as served
}

func newDevBuild(sf siteFlags) *devBuild {
	cfg := sf.config()
	cfg.RootPath = "/" // where the server serves the site, whatever its base URL
	return &devBuild{sf: sf, minifier: publish.NewMinifier(), session: site.NewSession(cfg), index: devindex.New(filepath.Join(sf.source, ".blueprints"))}
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
	// The bleve index catches up in the background: neither the page nor
	// its reload need wait for the search API.
	if err := d.index.Update(ctx, r.Search, r.SearchPut, r.SearchDeleted); err != nil {
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

// search answers the search API from the current index, once there is one.
func (d *devBuild) search(ctx context.Context, r serve.SearchRequest) (any, error) {
	return d.index.Search(ctx, func(ix *search.Index) (any, error) {
		return searchAPI(ix)(ctx, r)
	})
}

// site is the current build as the server serves it.
func (d *devBuild) site() *serve.Site {
	return &serve.Site{Files: d.files, Search: d.search}
}
