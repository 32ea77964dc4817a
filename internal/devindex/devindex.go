// Package devindex keeps the development server's bleve index in step with
// its builds. Every build hands over what changed in the search documents,
// and the index takes it in the background: analysing a document costs
// more than the rest of a one-page rebuild, and neither the page nor its
// reload need wait for the search API.
//
//   - The first build, a build after index work failed, and a build that
//     changed more than ReindexAbove documents get a new index, built from
//     every document in a scratch directory (search.NewScratch).
//   - Any other build's changed documents are put into and deleted from
//     the current index.
//
// Updates apply in the order they were given, each after the previous one
// is done. A replaced index is retired: closed, and its scratch directory
// removed, as soon as no search is using it. Searches wait for the first
// index, never for later updates.
package devindex

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/openblueprints/blueprints/internal/search"
)

// ReindexAbove is how many changed documents make building a new index
// quicker than updating the old one document by document.
const ReindexAbove = 200

// Index is the development server's search index across builds. Its
// methods may be called from any goroutine.
type Index struct {
	scratch string // the parent of the indexes' scratch directories

	mu sync.Mutex // held briefly, never during index work
	// queued is closed when the last update given is done; each update
	// waits for the one before it.
	queued  chan struct{}
	current *use
	err     error // of the last update, reported by the next Update call
	closed  bool  // by Close: no update starts any more
	// ready is closed once the first update is done, successfully or not.
	ready chan struct{}
}

// use counts the searches using one index, so a retired index is closed
// when the last of them ends rather than after a guessed delay.
type use struct {
	ix       *search.Index
	searches int
	retired  bool
}

// New returns an Index whose scratch directories go under dir (created if
// missing). It holds no index until the first Update.
func New(dir string) *Index {
	return &Index{scratch: dir, ready: make(chan struct{})}
}

// Update schedules bringing the index up to date with a build: all is
// every document of the site, put and deleted what the build changed. It
// returns at once, with the error of earlier index work if there was one;
// that update is then a new index, as the current one may have missed a
// change. ctx ending (the server stopping) discards an index being built.
func (x *Index) Update(ctx context.Context, all, put, deleted []search.Document) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.closed {
		return nil // the server has stopped; a build that was under way ends here
	}
	err := x.err
	x.err = nil
	changed := len(put) + len(deleted)
	reindex := err != nil || x.queued == nil || changed > ReindexAbove
	if !reindex && changed == 0 {
		return err
	}
	previous, done := x.queued, make(chan struct{})
	x.queued = done
	go func() {
		defer close(done)
		if previous != nil {
			<-previous
		}
		if reindex {
			ix, err := search.NewScratch(x.scratch, all)
			x.replace(ctx, ix, err)
		} else {
			x.apply(put, deleted)
		}
	}()
	return err
}

// replace makes a newly built index current and retires the one before.
func (x *Index) replace(ctx context.Context, ix *search.Index, err error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	defer x.markReady()
	switch {
	case err != nil:
		x.err = err
	case ctx.Err() != nil || x.closed:
		ix.Close() // the server stopped while it was built
	default:
		if old := x.current; old != nil {
			old.retired = true
			old.closeIfUnused()
		}
		x.current = &use{ix: ix}
	}
}

func (x *Index) markReady() {
	select {
	case <-x.ready:
	default:
		close(x.ready)
	}
}

// apply puts and deletes documents in the current index. Only updates
// replace the current index, and they run one at a time, so it stays
// current while this runs.
func (x *Index) apply(put, deleted []search.Document) {
	x.mu.Lock()
	cur := x.current
	x.mu.Unlock()
	if cur == nil {
		return // building it failed, and the next Update says so
	}
	if err := applyTo(cur.ix, put, deleted); err != nil {
		x.mu.Lock()
		x.err = err
		x.mu.Unlock()
	}
}

func applyTo(ix *search.Index, put, deleted []search.Document) error {
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

// Search calls fn with the current index, once there is one; the index
// stays open until fn returns, even if an update replaces it meanwhile.
func (x *Index) Search(ctx context.Context, fn func(*search.Index) (any, error)) (any, error) {
	select {
	case <-x.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("the search index is still being built; try again in a moment: %w", ctx.Err())
	}
	x.mu.Lock()
	cur := x.current
	if cur != nil {
		cur.searches++
	}
	x.mu.Unlock()
	if cur == nil {
		return nil, errors.New("no search index; see the server's messages")
	}
	defer func() {
		x.mu.Lock()
		defer x.mu.Unlock()
		cur.searches--
		cur.closeIfUnused()
	}()
	return fn(cur.ix)
}

// closeIfUnused closes a retired index no search is using; x.mu is held.
func (u *use) closeIfUnused() {
	if u.retired && u.searches == 0 && u.ix != nil {
		u.ix.Close()
		u.ix = nil
	}
}

// Close waits for the update under way, stops later ones and retires the
// current index, which removes its scratch directory once the searches
// still using it end. The server has stopped.
func (x *Index) Close() {
	x.mu.Lock()
	x.closed = true
	done := x.queued
	x.mu.Unlock()
	if done != nil {
		<-done
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if cur := x.current; cur != nil {
		cur.retired = true
		cur.closeIfUnused()
		x.current = nil
	}
}
