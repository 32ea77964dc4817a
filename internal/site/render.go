package site

import (
	"context"
	"fmt"
	"html/template"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/markdown"
)

// rendering is the body of a page, rendered, and where the links of its
// Markdown went, for the page's fallbacks in other languages to follow.
type rendering struct {
	body  template.HTML
	links []siteTarget // nil on a fallback page
}

// bodies are the renderings of a Model's pages, by page directory; a
// page without a body (a generated page, a failed one) has none.
type bodies map[string]*rendering

// body is the rendered body of a page, or "".
func (bs bodies) body(p *Page) template.HTML {
	if r := bs[p.Dir]; r != nil {
		return r.body
	}
	return ""
}

// render is the render stage: it resolves the links of every document
// page's Markdown and renders it, in parallel, then gives every fallback
// page its original's body.
func render(ctx context.Context, e env, m *Model) (bodies, diag.List, error) {
	var docPages, fallbackPages []*Page
	for _, p := range m.pages {
		switch {
		case p.md != nil:
			docPages = append(docPages, p)
		case p.Original != nil:
			fallbackPages = append(fallbackPages, p)
		}
	}
	docs := make([]*rendering, len(docPages))
	diags, err := e.parallel(ctx, len(docPages), func(i int, diags *diag.List) {
		if r, ok := e.renderBody(m, docPages[i], diags); ok {
			docs[i] = r
		}
	})
	if err != nil {
		return nil, diags, err
	}
	out := bodies{}
	for i, p := range docPages {
		if docs[i] != nil {
			out[p.Dir] = docs[i]
		}
	}
	fallbacks := make([]*rendering, len(fallbackPages))
	more, err := e.parallel(ctx, len(fallbackPages), func(i int, diags *diag.List) {
		fallbacks[i] = e.renderFallback(m, fallbackPages[i], out[fallbackPages[i].Original.Dir], diags)
	})
	diags.Append(more)
	for i, p := range fallbackPages {
		if fallbacks[i] != nil {
			out[p.Dir] = fallbacks[i]
		}
	}
	return out, diags, err
}

// renderBody resolves the links of a page's Markdown and renders it. The
// links are resolved first, so a Session can tell that a document whose
// bytes and link targets are those of an earlier build renders as it did
// then, and skip the work.
func (e env) renderBody(m *Model, p *Page, diags *diag.List) (*rendering, bool) {
	targets, links := m.resolveLinks(p, diags)
	labels := alertLabels(m.locs[p.Lang])
	if html := e.memo.rendered(p.doc, targets, labels); html != nil {
		return &rendering{body: template.HTML(html), links: links}, true
	}
	var html []byte
	var err error
	// The render may outlive a timeout; it must not read the page then.
	doc, md, spent := p.doc, p.md, !p.fresh
	if !e.withTimeout(doc.File, diags, func() {
		if spent {
			// The memory kept the parse's results, not its syntax tree,
			// which rendering consumes: parse again.
			md, _ = m.parsers.of(doc).Parse(doc.File, doc.Body)
		}
		html, err = e.md.RenderLocalized(md, nextTarget(targets), labels)
	}) {
		return nil, false
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: p.doc.File}, "%v", err)
		return nil, false
	}
	e.memo.rememberRender(p.doc, targets, labels, html)
	// The rendered Markdown is the one piece of contributor text that
	// becomes HTML: goldmark escapes text and raw HTML, and drops the
	// links Parse rejected.
	return &rendering{body: template.HTML(html), links: links}, true
}

// nextTarget hands the renderer the targets of a document's links, in
// order: the same bytes parse to the same links.
func nextTarget(targets []markdown.Target) func(markdown.Link) markdown.Target {
	next := 0
	return func(markdown.Link) markdown.Target {
		next++
		if next > len(targets) { // cannot happen: the same bytes parse to the same links
			return markdown.Target{}
		}
		return targets[next-1]
	}
}

// resolveLinks resolves the links of a page's Markdown: their URLs, and
// the site paths they go to. A wrong link is reported and dropped.
func (m *Model) resolveLinks(p *Page, diags *diag.List) ([]markdown.Target, []siteTarget) {
	targets := make([]markdown.Target, len(p.md.Links))
	links := make([]siteTarget, len(p.md.Links))
	for i, l := range p.md.Links {
		var linkDiags diag.List
		t, ok := m.linkTarget(p, l, &linkDiags)
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
		links[i], targets[i] = t, m.targetURL(p, t)
	}
	return targets, links
}

// renderFallback is the body of a fallback page: its original's (o, as
// rendered), with links that stay in the page's language where they can
// (see fallbackTarget). Most links then read as on the original (both
// pages sit at the same depth), and the original's HTML serves as it is;
// otherwise the Markdown is rendered again.
func (e env) renderFallback(m *Model, p *Page, o *rendering, diags *diag.List) *rendering {
	if o == nil || o.body == "" {
		return nil // the original failed, and says so
	}
	orig := p.Original
	targets := make([]markdown.Target, len(o.links))
	same := true
	for i, t := range o.links {
		if t.dropped {
			continue
		}
		targets[i] = m.targetURL(p, m.fallbackTarget(t, p.Lang))
		same = same && targets[i] == m.targetURL(orig, t)
	}
	if same {
		return &rendering{body: o.body}
	}
	var html []byte
	var err error
	doc := orig.doc
	if !e.withTimeout(doc.File, diags, func() {
		md, _ := m.parsers.of(doc).Parse(doc.File, doc.Body)
		if md == nil || len(md.Links) != len(targets) {
			err = fmt.Errorf("%s parsed differently the second time", doc.File) // cannot happen: the same bytes
			return
		}
		html, err = e.md.Render(md, nextTarget(targets))
	}) {
		return nil
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: doc.File}, "%v", err)
		return nil
	}
	return &rendering{body: template.HTML(html)}
}

// alertLabels are the titles of GitHub-style alerts (> [!NOTE]) in a
// language, from the theme's catalog.
func alertLabels(loc *i18n.Localizer) markdown.Labels {
	labels := markdown.Labels{}
	for _, kind := range markdown.AlertKinds() {
		if s, err := loc.T("callout." + kind); err == nil {
			labels[kind] = s
		}
	}
	return labels
}
