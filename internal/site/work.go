package site

import (
	"context"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
)

// env is what every stage may use and none changes: the configuration,
// the one Markdown renderer, and a Session's memory of earlier builds (nil
// in a one-off Build; its methods are safe then and remember nothing).
type env struct {
	cfg  Config
	md   *markdown.Renderer
	memo *memo
}

// parallel runs work(i) for i in [0, n) on the configured number of
// workers. Each call gets its own diagnostics list; they are returned
// merged in index order, so the result does not depend on scheduling.
func (e env) parallel(ctx context.Context, n int, work func(i int, diags *diag.List)) (diag.List, error) {
	lists := make([]diag.List, n)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(e.cfg.Workers)
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
	var diags diag.List
	for _, l := range lists {
		diags.Append(l)
	}
	return diags, err
}

// withTimeout runs f, giving up after the render timeout. A goroutine stuck
// in a pathological input cannot be stopped, but the build fails naming
// the file instead of hanging; the process exits soon after.
func (e env) withTimeout(file string, diags *diag.List, f func()) bool {
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	timer := time.NewTimer(e.cfg.RenderTimeout)
	defer timer.Stop()
	select {
	case <-done:
		return true
	case <-timer.C:
		diags.Errorf(diag.Pos{File: file}, "rendering took longer than %s; simplify the Markdown (deep nesting, very long lines)", e.cfg.RenderTimeout)
		return false
	}
}
