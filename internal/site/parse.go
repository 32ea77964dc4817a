package site

import (
	"context"
	"strings"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/theme"
)

// published lists the documents that become pages: not drafts.
func published(c *content.Content) []*content.Document {
	var docs []*content.Document
	for _, d := range c.Documents {
		if !d.Meta.Draft {
			docs = append(docs, d)
		}
	}
	return docs
}

// parseDocuments is the parse stage: it parses the Markdown of every
// published document, in parallel (or takes what a Session remembers of
// it), and makes the document's page. The pages are in content order; a
// document whose Markdown cannot be parsed has none.
func parseDocuments(ctx context.Context, e env, ps parsers, c *content.Content) ([]*Page, diag.List, error) {
	docs := published(c)
	pages := make([]*Page, len(docs))
	diags, err := e.parallel(ctx, len(docs), func(i int, diags *diag.List) {
		pages[i] = e.parsePage(ps.of(docs[i]), docs[i], diags)
	})
	var out []*Page
	for _, p := range pages {
		if p != nil {
			out = append(out, p)
		}
	}
	return out, diags, err
}

// parsePage parses one document and makes its page, or returns nil.
func (e env) parsePage(r *markdown.Renderer, doc *content.Document, diags *diag.List) *Page {
	if m := e.memo.parsed(doc, r); m != nil {
		diags.Append(m.diags)
		p := documentPage(doc, m.md)
		repeatedTitle(p, diags)
		return p
	}
	md, mdDiags, ok := e.parse(r, doc, diags)
	if !ok {
		return nil
	}
	diags.Append(mdDiags)
	e.memo.rememberParse(doc, r, md, mdDiags)
	if md == nil {
		return nil
	}
	p := documentPage(doc, md)
	p.fresh = true
	repeatedTitle(p, diags)
	return p
}

// parse parses a document's Markdown with r within the render timeout.
func (e env) parse(r *markdown.Renderer, doc *content.Document, diags *diag.List) (*markdown.Doc, diag.List, bool) {
	var md *markdown.Doc
	var mdDiags diag.List
	if !e.withTimeout(doc.File, diags, func() { md, mdDiags = r.Parse(doc.File, doc.Body) }) {
		return nil, nil, false // the parse may still be running: leave its results alone
	}
	return md, mdDiags, true
}

// documentPage is the page of a published document.
func documentPage(doc *content.Document, md *markdown.Doc) *Page {
	p := &Page{
		Kind:    documentKind(doc),
		Lang:    doc.Lang,
		Dir:     pageDir(doc.Lang, doc.Path),
		Key:     doc.Path,
		Title:   doc.Meta.Title,
		Summary: doc.Meta.Summary,
		Weight:  doc.Meta.Weight,
		Menu:    doc.Meta.Menu,
		doc:     doc,
		md:      md,
	}
	if doc.Kind == content.KindBlueprint {
		p.Updated = doc.Blueprint.LastReviewed
	}
	p.Section, _, _ = strings.Cut(strings.TrimPrefix(p.Dir, doc.Lang+"/"), "/")
	p.TOC = tableOfContents(p.Kind, md)
	return p
}

// repeatedTitle warns about a top-level heading in the body that repeats
// the page's title: the layout shows the title as the page's heading, so
// readers would see it twice (a habit of README-style files).
func repeatedTitle(p *Page, diags *diag.List) {
	title := strings.Join(strings.Fields(strings.ToLower(p.Title)), " ")
	for _, h := range p.md.Headings {
		if h.Level == 1 && strings.Join(strings.Fields(strings.ToLower(h.Text)), " ") == title {
			diags.Warnf(h.Pos, "the heading %q repeats the page's title, which the page already shows as its heading; remove it from the text", diag.Excerpt(h.Text))
		}
	}
}

// minPageTOC is how many sections a plain page (a guide) needs for a
// contents box: a short page reads without one. Blueprints always have
// one, as readers jump between their standard sections.
const minPageTOC = 3

// tableOfContents lists the headings a page's contents box shows.
func tableOfContents(kind theme.Kind, md *markdown.Doc) []markdown.Heading {
	var toc []markdown.Heading
	for _, h := range md.Headings {
		if h.Level == 2 || h.Level == 3 {
			toc = append(toc, h)
		}
	}
	if kind != theme.KindBlueprint && len(toc) < minPageTOC {
		return nil
	}
	return toc
}
