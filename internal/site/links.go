package site

import (
	"context"
	"fmt"
	"net/url"
	"path"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/theme"
)

// Contributors link to files ("../guides/adapting.md#costs") as they see
// them in the repository; a link to a missing file or heading is an error.
// A translated page linking to a page not yet translated links to that
// page's fallback in its own language (the original's text), and says so.

// siteTarget is where a link goes: a site path and a fragment, or a
// fragment of the page itself.
type siteTarget struct {
	path     string // a page directory ("en/blueprints/konza/"), a file, or "" for the root
	frag     string
	samePage bool
	note     string // added after the link text: " (English)"
	dropped  bool   // the link is wrong: its text stays, unlinked
}

func (m *Model) targetURL(from *Page, t siteTarget) markdown.Target {
	if t.samePage {
		return markdown.Target{URL: "#" + t.frag}
	}
	return markdown.Target{URL: relURL(from.Dir, t.path, m.offline) + fragment(t.frag), Note: t.note}
}

// linkTarget resolves a link of p's Markdown to a site path, reporting
// what is wrong with it.
func (m *Model) linkTarget(p *Page, l markdown.Link, diags *diag.List) (siteTarget, bool) {
	dest, frag, _ := strings.Cut(l.Dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	unescaped, err := url.PathUnescape(dest)
	if err != nil {
		diags.Errorf(l.Pos, "link %q: bad percent-encoding; write the path as it is", diag.Excerpt(l.Dest))
		return siteTarget{}, false
	}
	if frag != "" {
		if f, err := url.PathUnescape(frag); err == nil {
			frag = f
		}
	}
	if unescaped == "" {
		m.checkAnchor(p, p, frag, l, diags)
		return siteTarget{frag: frag, samePage: true}, true
	}
	var target string
	if strings.HasPrefix(unescaped, "/") {
		target = path.Clean(strings.TrimPrefix(unescaped, "/"))
	} else {
		target = path.Join(path.Dir(p.doc.File), unescaped)
	}
	if target == ".." || strings.HasPrefix(target, "../") {
		diags.Errorf(l.Pos, "link %q points outside the site", diag.Excerpt(l.Dest))
		return siteTarget{}, false
	}
	if target == "." {
		target = ""
	}
	if l.Image {
		return m.imageTarget(p, l, target, diags)
	}
	if strings.HasSuffix(target, ".md") {
		return m.fileTarget(p, l, target, frag, diags)
	}
	if m.assets[target] {
		return siteTarget{path: target}, true
	}
	if to := m.byDir[strings.TrimSuffix(target, "/")+"/"]; to != nil || target == "" {
		if to != nil {
			m.checkAnchor(p, to, frag, l, diags)
			return siteTarget{path: to.Dir, frag: frag}, true
		}
		return siteTarget{frag: frag}, true
	}
	diags.Errorf(l.Pos, "link %q: no page or file %q in the site; link to the .md file of the page you mean", diag.Excerpt(l.Dest), diag.Excerpt(target))
	return siteTarget{}, false
}

// imageTarget resolves an image of p's Markdown, at the site path target.
func (m *Model) imageTarget(p *Page, l markdown.Link, target string, diags *diag.List) (siteTarget, bool) {
	if m.assets[target] {
		return siteTarget{path: target}, true
	}
	// A translation shows the default language's image, as its links
	// go to the default language's pages, until it has its own.
	if rest, ok := strings.CutPrefix(target, p.Lang+"/"); ok && p.Lang != m.site.DefaultLanguage {
		if fallback := m.site.DefaultLanguage + "/" + rest; m.assets[fallback] {
			return siteTarget{path: fallback}, true
		}
	}
	diags.Errorf(l.Pos, "image %q not found: expected the file %s", diag.Excerpt(l.Dest), diag.Excerpt(target))
	return siteTarget{}, false
}

// fileTarget resolves a link of p's Markdown to the content file target
// (a .md file), with the fragment frag.
func (m *Model) fileTarget(p *Page, l markdown.Link, target, frag string, diags *diag.List) (siteTarget, bool) {
	to := m.byFile[target]
	if to == nil && target == p.doc.File {
		to = p // a draft's link to itself
	}
	if to != nil {
		m.checkAnchor(p, to, frag, l, diags)
		return siteTarget{path: to.Dir, frag: frag}, true
	}
	if original := m.untranslated(p, target); original != nil {
		// Anchors differ between languages; the original's headings,
		// which its fallback page shows, count.
		m.checkAnchor(p, original, frag, l, diags)
		lang, _ := m.site.Language(original.Lang)
		return siteTarget{path: m.inLanguage(original, p.Lang).Dir, frag: frag, note: " (" + lang.Name + ")"}, true
	}
	if !m.refused(target) {
		diags.Errorf(l.Pos, "link %q: %s", diag.Excerpt(l.Dest), m.missingFile(p, target))
	}
	return siteTarget{}, false
}

// inLanguage is the page of lang that shows p: its translation or its
// fallback page, or p itself if lang has neither.
func (m *Model) inLanguage(p *Page, lang string) *Page {
	if p.Lang == lang {
		return p
	}
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return p
}

// untranslated returns the default language's page for a link from a
// translation to a file that exists only in the default language.
func (m *Model) untranslated(from *Page, target string) *Page {
	def := m.site.DefaultLanguage
	rest, ok := strings.CutPrefix(target, from.Lang+"/")
	if from.Lang == def || !ok {
		return nil
	}
	return m.byFile[def+"/"+rest]
}

// fallbackTarget is where a link of an original's text goes on its
// fallback page in lang: to the same page in lang (its translation or
// fallback) when there is one with the heading the link names, else where
// it went.
func (m *Model) fallbackTarget(t siteTarget, lang string) siteTarget {
	if t.samePage || !strings.HasSuffix(t.path, "/") {
		return t // the page itself, an image or a file
	}
	to := m.byDir[t.path]
	if to == nil {
		return t
	}
	other := m.inLanguage(to, lang)
	if other != to && (t.frag == "" || other.Original != nil || m.hasAnchor(other, t.frag)) {
		t.path = other.Dir
	}
	return t
}

// hasAnchor reports whether a page has the heading or the element of its
// layout that a fragment names.
func (m *Model) hasAnchor(p *Page, frag string) bool {
	if p.md == nil {
		return true // a generated page: no headings of a contributor's
	}
	if slices.Contains(m.layouts.Anchors(p.Kind), frag) {
		return true
	}
	return slices.ContainsFunc(p.md.Headings, func(h markdown.Heading) bool { return h.ID == frag })
}

func fragment(frag string) string {
	if frag == "" {
		return ""
	}
	return "#" + frag
}

// refused says whether target is a document the build read but refused
// for errors of its own, which are already reported.
func (m *Model) refused(target string) bool {
	_, found := slices.BinarySearch(m.content.Refused, target)
	return found
}

func (m *Model) missingFile(from *Page, target string) string {
	for _, d := range m.content.Documents {
		if d.File == target && d.Meta.Draft {
			return fmt.Sprintf("%s is a draft and is not published; remove the link or publish the page", diag.Excerpt(target))
		}
	}
	// Suggest a file in the same directory with a similar name; names
	// are compared without the directory, which would make any two
	// names of a long path look alike.
	var near []string
	for file := range m.byFile {
		if path.Dir(file) == path.Dir(target) {
			near = append(near, path.Base(file))
		}
	}
	slices.Sort(near)
	msg := fmt.Sprintf("%s does not exist", diag.Excerpt(target))
	if best := diag.Suggest(path.Base(target), near); best != "" {
		// The link to type, as the contributor writes links: relative
		// to the file they are editing.
		msg += fmt.Sprintf("; did you mean %s?", relativeLink(from.doc.File, path.Join(path.Dir(target), best)))
	}
	return msg
}

// relativeLink is the relative link from the content file from to the
// content file to: "../about.md" from "en/blueprints/x.md" to "en/about.md".
func relativeLink(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}

// checkAnchor reports a #fragment that names no heading of the target.
func (m *Model) checkAnchor(from, to *Page, frag string, l markdown.Link, diags *diag.List) {
	if frag == "" || to.md == nil {
		return
	}
	if strings.HasPrefix(frag, "fn:") || strings.HasPrefix(frag, "fnref:") {
		return // footnote anchors made by goldmark
	}
	ids := make([]string, 0, len(to.md.Headings))
	for _, h := range to.md.Headings {
		if h.ID == frag {
			return
		}
		ids = append(ids, h.ID)
	}
	if slices.Contains(m.layouts.Anchors(to.Kind), frag) {
		return // an element the page's layout adds around the body: "#sources"
	}
	where := "this page"
	if to != from {
		where = to.doc.File
	}
	msg := fmt.Sprintf("link %q: no heading #%s in %s", diag.Excerpt(l.Dest), diag.Excerpt(frag), where)
	if source := m.sourceHeading(to, frag); source != nil {
		// A link written for the original page: its translation can keep
		// the original's anchor, so the link works in every language.
		msg += fmt.Sprintf("; %s has it, for the heading %q: give the translated heading the same ID, as in \"## … {#%s}\"", source.doc.File, diag.Excerpt(headingText(source, frag)), frag)
	} else if best := diag.Suggest(frag, ids); best != "" {
		msg += fmt.Sprintf("; did you mean #%s?", best)
	}
	diags.Errorf(l.Pos, "%s", msg)
}

// sourceHeading returns the default language's version of a translated
// page when it has a heading with the ID frag, or nil.
func (m *Model) sourceHeading(to *Page, frag string) *Page {
	if to.Lang == m.site.DefaultLanguage || to.doc == nil {
		return nil
	}
	source := m.byFile[m.site.DefaultLanguage+"/"+to.doc.Path]
	if source == nil || source.md == nil || headingText(source, frag) == "" {
		return nil
	}
	return source
}

// headingText is the text of the heading of p with the ID id, or "".
func headingText(p *Page, id string) string {
	for _, h := range p.md.Headings {
		if h.ID == id {
			return h.Text
		}
	}
	return ""
}

// checkRelated finds the pages a blueprint's "related" paths name,
// reporting those that are not published blueprints.
func (m *Model) checkRelated(p *Page, diags *diag.List) []*Page {
	var out []*Page
	for i, rel := range p.doc.Blueprint.Related {
		pos := p.doc.FieldPos(fmt.Sprintf("/related/%d", i))
		target := path.Join(path.Dir(p.doc.File), rel)
		to := m.byFile[target]
		if to == nil {
			if original := m.untranslated(p, target); original != nil {
				to = m.inLanguage(original, p.Lang)
			}
		}
		switch {
		case to == nil && m.refused(target):
			// Its own errors are reported; this link is not another.
		case to == nil:
			diags.Errorf(pos, "related: %s", m.missingFile(p, target))
		case to == p || to.doc == p.doc:
			diags.Errorf(pos, "related: a blueprint cannot be related to itself")
		case to.Kind != theme.KindBlueprint:
			diags.Errorf(pos, "related: %s is not a blueprint", target)
		default:
			out = append(out, to)
		}
	}
	return out
}

// checkUnpublished checks the body of every document that is not published
// (drafts, and files refused for frontmatter errors) as a published page's
// would be: Markdown, links, anchors, images, related blueprints. A
// contributor then learns everything in one run, and a draft is ready to
// publish once check is quiet about it.
func checkUnpublished(ctx context.Context, e env, m *Model) (diag.List, error) {
	var docs []*content.Document
	for _, d := range m.content.Documents {
		if d.Meta.Draft {
			docs = append(docs, d)
		}
	}
	docs = append(docs, m.content.Invalid...)
	return e.parallel(ctx, len(docs), func(i int, diags *diag.List) {
		doc := docs[i]
		md, mdDiags, ok := e.parse(m.parsers.of(doc), doc, diags)
		if !ok || md == nil {
			return
		}
		diags.Append(mdDiags)
		// A page of its own, known to nothing else: links from it are
		// resolved, links to it still say it is not published.
		p := &Page{Kind: theme.KindPage, Lang: doc.Lang, Dir: pageDir(doc.Lang, doc.Path), Key: doc.Path, doc: doc, md: md}
		if doc.Kind == content.KindBlueprint {
			p.Kind = theme.KindBlueprint
		}
		for _, l := range md.Links {
			m.linkTarget(p, l, diags)
		}
		if doc.Blueprint != nil {
			m.checkRelated(p, diags)
		}
	})
}
