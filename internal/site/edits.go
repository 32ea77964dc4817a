package site

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
)

// An edit to the body of a document, its frontmatter and headings as they
// were, changes nothing that other pages show of it. A Session then makes
// the next build from its last one without assembling the site again: a
// clone of the last Model in which the edited pages, their fallback pages
// and the translations whose state changed are new pages, and the last
// build's bodies with the new renderings. The last Model stays as it was.

// edit is a document whose body changed and nothing else.
type edit struct {
	old   *Page      // its page in the last build's Model
	page  *Page      // its page now: the new document and its parse
	diags diag.List  // of loading, parsing and rendering it
	body  *rendering // its page's body now
}

// editedPage is a document page p with a new version of its document,
// whose frontmatter is p's.
func editedPage(p *Page, doc *content.Document, md *markdown.Doc) *Page {
	c := *p
	c.doc, c.md, c.fresh = doc, md, true
	c.TOC = tableOfContents(p.Kind, md)
	if p.Blueprint != nil {
		bp := *p.Blueprint
		bp.Blueprint = doc.Blueprint
		c.Blueprint = &bp
	}
	return &c
}

// clone is a copy of m whose page list, indexes and translation states
// can take new pages without changing m. The pages are shared.
func (m *Model) clone() *Model {
	n := *m
	c := *m.content
	c.Documents = slices.Clone(c.Documents)
	n.content = &c
	n.pages = slices.Clone(m.pages)
	n.byFile = maps.Clone(m.byFile)
	n.byDir = maps.Clone(m.byDir)
	n.homes = slices.Clone(m.homes)
	n.blueprint = maps.Clone(m.blueprint)
	for lang, list := range n.blueprint {
		n.blueprint[lang] = slices.Clone(list)
	}
	n.menus = maps.Clone(m.menus)
	for lang, list := range n.menus {
		n.menus[lang] = slices.Clone(list)
	}
	n.translations = slices.Clone(m.translations)
	n.stateDiags = maps.Clone(m.stateDiags)
	return &n
}

// replace puts p where old was, in a clone's page list and indexes. Pages
// that link to old (lists, breadcrumbs, translations, terms) keep linking
// to it: it differs from p only in what an edit of its body changes, which
// no other page shows. So whatever reads what a body edit changes (its
// document, text, headings' places, translation state) finds the page by
// its file or directory, never through another page.
func (m *Model) replace(old, p *Page) {
	if i := slices.Index(m.pages, old); i >= 0 {
		m.pages[i] = p
	}
	if p.doc != nil && m.byFile[p.doc.File] == old {
		m.byFile[p.doc.File] = p
	}
	if m.byDir[p.Dir] == old {
		m.byDir[p.Dir] = p
	}
	for _, list := range [][]*Page{m.homes, m.blueprint[p.Lang], m.menus[p.Lang]} {
		if i := slices.Index(list, old); i >= 0 {
			list[i] = p
		}
	}
}

// replaceDocument puts a new version of a document into a clone's content.
func (m *Model) replaceDocument(doc *content.Document) {
	if i, ok := slices.BinarySearchFunc(m.content.Documents, doc.File, func(d *content.Document, file string) int {
		return strings.Compare(d.File, file)
	}); ok {
		m.content.Documents[i] = doc
	}
}

// withEdits puts the edited pages into b, a clone of the last build, with
// their new bodies, and gives each of their fallback pages the new text,
// rendered. It returns the directories of the pages whose templates must
// run again: the edited pages and their translations, whose "outdated"
// notice follows the source's text (and the language menu shows it).
func (b *built) withEdits(e env, edits []*edit) []string {
	var touched []string
	for _, ed := range edits {
		b.m.replace(ed.old, ed.page)
		b.m.replaceDocument(ed.page.doc)
		b.bodies[ed.page.Dir] = ed.body
		touched = append(touched, ed.page.Dir)
		for _, t := range ed.old.Translations {
			touched = append(touched, t.Dir)
		}
	}
	for _, ed := range edits {
		for _, t := range ed.old.Translations {
			f := b.m.byDir[t.Dir]
			if f == nil || f.Original == nil || f.Original.Dir != ed.page.Dir {
				continue
			}
			f2 := fallbackOf(f, ed.page)
			b.m.replace(f, f2)
			if r := e.renderFallback(b.m, f2, ed.body, &ed.diags); r != nil {
				b.bodies[f2.Dir] = r
			} else {
				delete(b.bodies, f2.Dir)
			}
		}
	}
	return touched
}

// fallbackOf is fallback page f showing a new version of its original.
func fallbackOf(f, original *Page) *Page {
	c := *f
	c.doc, c.TOC, c.Original = original.doc, original.TOC, original
	if f.Blueprint != nil {
		bp := *f.Blueprint
		bp.Blueprint = original.doc.Blueprint
		c.Blueprint = &bp
	}
	return &c
}

// restated is what the translation states of the edited pages' groups
// say after the edits.
type restated struct {
	changed  bool                 // a state changed: the dashboard lists them
	checks   diag.List            // of the checks that follow the edited text
	replaced map[string]diag.List // translation file → what its state reported before
}

// restate works out again, in a clone after edits, the translation states
// of the edited pages' groups, which follow the sources' text, and the
// checks of the edited pages.
func (m *Model) restate(edits []*edit, today time.Time) restated {
	st := restated{replaced: map[string]diag.List{}}
	def := m.site.DefaultLanguage
	edited := map[string]bool{}
	for _, ed := range edits {
		edited[ed.page.doc.File] = true
	}
	minorChecked := map[string]bool{}
	for _, ed := range edits {
		p := m.byFile[ed.page.doc.File]
		src := m.byFile[def+"/"+p.doc.Path]
		if src != nil && edited[src.doc.File] && !minorChecked[src.doc.File] {
			minorChecked[src.doc.File] = true
			checkMinorEdits(src.doc, &st.checks)
			st.changed = m.missingDigests(src) || st.changed
		}
		for _, q := range append([]*Page{p}, p.Translations...) {
			st.changed = m.restateOne(m.byDir[q.Dir], src, &st) || st.changed
		}
		p = m.byFile[ed.page.doc.File]
		staleReview(m.site, today, p, &st.checks)
		repeatedTitle(p, &st.checks)
	}
	return st
}

// missingDigests gives the missing translations of src the digest of its
// text now, which the dashboard shows to record; it reports a change.
func (m *Model) missingDigests(src *Page) bool {
	changed := false
	for i, st := range m.translations {
		if st.Key == src.doc.Path && st.State == StateMissing && st.SourceDigest != src.doc.Digest() {
			m.translations[i].SourceDigest = src.doc.Digest()
			changed = true
		}
	}
	return changed
}

// restateOne works out the translation state of q, a page of a clone,
// against its source src; it reports whether the state changed.
func (m *Model) restateOne(q, src *Page, st *restated) bool {
	if q == nil || q.doc == nil || q.Lang == m.site.DefaultLanguage || q.Original != nil {
		return false
	}
	if _, done := st.replaced[q.doc.File]; done {
		return false // a translation edited with its source
	}
	st.replaced[q.doc.File] = m.stateDiags[q.doc.File]
	var own diag.List
	ts := m.translationState(q, src, &own)
	m.stateDiags[q.doc.File] = own
	// The warnings of a translation follow its source's text.
	st.checks.Append(own)
	if outdated := outdatedBy(ts, src); outdated != q.Outdated {
		c := *q
		c.Outdated = outdated
		m.replace(q, &c)
	}
	i := slices.IndexFunc(m.translations, func(x TranslationState) bool { return x.Lang == ts.Lang && x.Key == ts.Key })
	if i >= 0 && m.translations[i] != ts {
		m.translations[i] = ts
		return true
	}
	return false
}
