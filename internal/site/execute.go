package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/theme"
)

// execute is the execute stage: it runs the theme's layout of every page
// of the Model over a View of it, in parallel, each page with its rendered
// body, and passes the pages to the output tree in the Model's order. It
// works through the pages a window at a time and hands each window's pages
// on before making the next, so that a sink which writes them (publish.
// Stream) keeps only a window of the site's HTML in memory, not all of it
// (1.3 GB at 10,000 blueprints, issue 21).
func execute(ctx context.Context, e env, m *Model, l *look, bs bodies, out *outputTree) (diag.List, error) {
	failed := make([]error, len(m.pages))
	window := executeWindow * e.cfg.Workers
	results := make([][]byte, min(window, len(m.pages)))
	var diags diag.List
	for start := 0; start < len(m.pages); start += window {
		pages := m.pages[start:min(start+window, len(m.pages))]
		d, err := e.parallel(ctx, len(pages), func(i int, _ *diag.List) {
			p := pages[i]
			results[i], failed[start+i] = l.theme.Execute(p.Kind, m.view(withBody(p, bs)))
		})
		if diags.Append(d); err != nil {
			return diags, err
		}
		for i, p := range pages {
			if failed[start+i] == nil && results[i] != nil {
				out.emit(pageFile(p), pageSource(p), results[i])
			}
			results[i] = nil
		}
	}
	diags.Append(templateErrors(l.name, m.pages, failed))
	return diags, nil
}

// executeWindow is how many pages per worker execute makes before handing
// them on: enough that workers seldom wait for the slowest page of a
// window, few enough that the window's HTML is small (a few MB).
const executeWindow = 8

// withBody is the page a template receives: p, with its rendered body.
// The Model's page stays as it is.
func withBody(p *Page, bs bodies) *Page {
	body := bs.body(p)
	if body == "" {
		return p
	}
	c := *p
	c.Body = body
	return &c
}

// pageFile is the output file of a page.
func pageFile(p *Page) string {
	if p.Kind == theme.KindNotFound {
		return "404.html"
	}
	return outputFile(p.Dir)
}

// templateErrors reports the pages templates failed on. One mistake in a
// layout breaks every page that uses it: it is reported once, at its
// place in the theme, with how many pages it broke.
func templateErrors(themeName string, pages []*Page, failed []error) diag.List {
	var diags diag.List
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
		p := pages[i]
		var te *theme.Error
		if !errors.As(err, &te) {
			diags.Errorf(diag.Pos{}, "template for %s (%s): %v", p.Dir, pageSource(p), err)
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
		pos, where := themePos(themeName, x.err)
		pages := fmt.Sprintf("the page %s", cmp.Or(x.first.Dir, "/"))
		if x.pages > 1 {
			pages = fmt.Sprintf("%d pages, such as %s", x.pages, cmp.Or(x.first.Dir, "/"))
		}
		diags.Errorf(pos, "template error%s: %s (breaks %s)", where, x.err.Msg, pages)
	}
	return diags
}
