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
// body, and passes the pages to the output tree in the Model's order.
func execute(ctx context.Context, e env, m *Model, l *look, bs bodies, out *outputTree) (diag.List, error) {
	results := make([][]byte, len(m.pages))
	failed := make([]error, len(m.pages))
	diags, err := e.parallel(ctx, len(m.pages), func(i int, _ *diag.List) {
		p := m.pages[i]
		results[i], failed[i] = l.theme.Execute(p.Kind, m.view(withBody(p, bs)))
	})
	diags.Append(templateErrors(l.name, m.pages, failed))
	for i, p := range m.pages {
		if failed[i] == nil && results[i] != nil {
			out.emit(pageFile(p), pageSource(p), results[i])
		}
	}
	return diags, err
}

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
