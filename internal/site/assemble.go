package site

import (
	"cmp"
	"path"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/theme"
)

// assemble is the assemble stage: from the pages of the published
// documents (parseDocuments), it makes the Model. Every language with
// content gets its home, lists, fallback pages for what is not translated,
// taxonomies and menus; pages are linked to their translations, blueprints
// to their related blueprints, translations to their sources' states. The
// Model is not changed after this.
func assemble(cfg Config, c *content.Content, l *look, docPages []*Page) (*Model, diag.List) {
	m := &Model{site: &c.Site, content: c, offline: cfg.Offline, rootPath: cfg.rootPath(c.Site.BaseURL),
		locs: l.locs, layouts: l.theme, parsers: l.parsers, geo: l.geo, byFile: map[string]*Page{}, byDir: map[string]*Page{}, assets: map[string]bool{},
		terms: map[string]map[string][]*Term{}, blueprint: map[string][]*Page{}, menus: map[string][]*Page{}}
	var diags diag.List
	for _, a := range c.Assets {
		m.assets[a.File] = true
	}
	byLang := map[string][]*Page{} // document pages, in content order
	for _, p := range docPages {
		m.byFile[p.doc.File] = p
		byLang[p.Lang] = append(byLang[p.Lang], p)
	}
	def := m.site.DefaultLanguage
	for _, lang := range m.site.Languages {
		docs := byLang[lang.Code]
		if len(docs) == 0 {
			continue // a language appears once it has content
		}
		if lang.Code != def {
			docs = append(docs, fallbacks(lang.Code, docs, byLang[def])...)
		}
		m.assembleLanguage(lang, docs, &diags)
	}
	for _, lang := range m.site.Languages {
		m.foldersWithoutIndex(lang.Code, byLang[lang.Code], &diags)
	}
	m.linkTranslations()
	m.relate(&diags)
	m.translations, m.stateDiags = m.translationStates(&diags)
	m.addRootPages()
	return m, diags
}

// add registers a page; two pages at one directory are an error naming both.
func (m *Model) add(p *Page, diags *diag.List) {
	if other, ok := m.byDir[p.Dir]; ok {
		// Name the content file, whichever of the two it is: a
		// generated page is added after the documents.
		first, second := p, other
		if p.doc == nil {
			first, second = other, p
		}
		pos := diag.Pos{}
		if first.doc != nil {
			pos.File = first.doc.File
		}
		diags.Errorf(pos, "%s produces the page %s, as does %s; rename one", pageSource(first), p.Dir, pageSource(second))
		return
	}
	m.byDir[p.Dir] = p
	m.pages = append(m.pages, p)
}

// pageSource says what made a page, for messages.
func pageSource(p *Page) string {
	if p.doc != nil {
		return p.doc.File
	}
	return "the generated " + p.Kind.String() + " page"
}

// fallbacks makes, for a language, a page for every page of the default
// language not translated into it: every page exists in every language, so
// shared links, the language switcher and the language's lists and
// taxonomies are whole. A fallback page shows the original's text, marked
// with its language, inside this language's site. The home and list pages
// are left out: the language has its own, generated if not written.
func fallbacks(lang string, own, originals []*Page) []*Page {
	have := map[string]bool{}
	for _, p := range own {
		have[p.Key] = true
	}
	var out []*Page
	for _, o := range originals {
		if have[o.Key] || o.Kind == theme.KindHome || o.Kind == theme.KindList {
			continue
		}
		p := &Page{Kind: o.Kind, Lang: lang, Dir: pageDir(lang, o.Key), Key: o.Key, Title: o.Title, Summary: o.Summary,
			Weight: o.Weight, Menu: o.Menu, Updated: o.Updated, TOC: o.TOC, doc: o.doc, Original: o}
		p.Section, _, _ = strings.Cut(strings.TrimPrefix(p.Dir, lang+"/"), "/")
		out = append(out, p)
	}
	return out
}

// assembleLanguage adds the pages of one language: its documents and
// fallback pages (docs), and the pages generated around them.
func (m *Model) assembleLanguage(lang content.Language, docs []*Page, diags *diag.List) {
	loc := m.locs[lang.Code]
	t := func(id string) string {
		s, err := loc.T(id)
		if err != nil {
			diags.Errorf(diag.Pos{}, "theme: %v", err)
		}
		return s
	}
	for _, p := range docs {
		m.add(p, diags)
	}
	home, list := m.homeAndList(lang, t, diags)
	var blueprints []*Page
	for _, p := range docs {
		if p.Kind == theme.KindBlueprint {
			blueprints = append(blueprints, p)
		}
	}
	i18n.SortFunc(loc, blueprints, func(p *Page) string { return p.Title })
	m.blueprint[lang.Code] = blueprints
	list.Items = blueprints
	list.Breadcrumbs = []*Page{home}
	// The same list most recently reviewed first, so readers can sort
	// without JavaScript; the home page shows its head.
	recent := slices.Clone(blueprints)
	slices.SortStableFunc(recent, func(x, y *Page) int { return cmp.Compare(y.Updated, x.Updated) })
	home.Items = recent[:min(6, len(recent))]
	if lang.Code == m.site.DefaultLanguage {
		m.add(&Page{Kind: theme.KindTranslations, Lang: lang.Code, Dir: lang.Code + "/translations/", Key: "translations/",
			Section: "translations", Title: t("translations_title"), Breadcrumbs: []*Page{home}}, diags)
	}
	m.add(&Page{Kind: theme.KindSearch, Lang: lang.Code, Dir: lang.Code + "/search/", Key: "search/", Section: "search",
		Title: t("search"), Breadcrumbs: []*Page{home}}, diags)
	m.add(&Page{Kind: theme.KindList, Lang: lang.Code, Dir: list.Dir + "by-date/", Key: "blueprints/by-date/", Section: "blueprints",
		Title: t("blueprints_by_date"), Items: recent, Breadcrumbs: []*Page{home, list}}, diags)
	m.navigation(lang.Code, docs, home, list)
	for _, p := range blueprints {
		p.Blueprint = m.describe(p, loc, diags)
	}
	m.buildTaxonomies(lang, loc, home, blueprints, t, diags)
}

// homeAndList returns a language's home page and list of blueprints: the
// documents, or generated pages when the language has none.
func (m *Model) homeAndList(lang content.Language, t func(string) string, diags *diag.List) (home, list *Page) {
	home = m.byDir[lang.Code+"/"]
	if home == nil {
		home = &Page{Kind: theme.KindHome, Lang: lang.Code, Dir: lang.Code + "/", Key: "_index.md", Title: cmp.Or(lang.Title, m.site.Title)}
		m.add(home, diags)
	}
	m.homes = append(m.homes, home)
	list = m.byDir[lang.Code+"/blueprints/"]
	if list == nil {
		list = &Page{Kind: theme.KindList, Lang: lang.Code, Dir: lang.Code + "/blueprints/", Key: "blueprints/_index.md", Title: t("blueprints")}
		m.add(list, diags)
	}
	list.Section = "blueprints"
	return home, list
}

// navigation gives a language's documents their places: a section index
// lists the pages of its folder, every page and blueprint has its
// breadcrumbs, and pages marked menu: true go in the header.
func (m *Model) navigation(lang string, docs []*Page, home, list *Page) {
	for _, sec := range docs {
		if sec.Kind != theme.KindPage || !isSectionIndex(sec.doc.Path) {
			continue
		}
		prefix := sec.Dir
		for _, p := range docs {
			if p != sec && strings.HasPrefix(p.Dir, prefix) && strings.Count(strings.TrimPrefix(p.Dir, prefix), "/") == 1 {
				sec.Items = append(sec.Items, p)
			}
		}
		slices.SortStableFunc(sec.Items, func(x, y *Page) int { return cmp.Compare(x.Weight, y.Weight) })
	}
	for _, p := range docs {
		if p.Kind == theme.KindPage || p.Kind == theme.KindBlueprint {
			p.Breadcrumbs = []*Page{home}
			if p.Kind == theme.KindBlueprint {
				p.Breadcrumbs = append(p.Breadcrumbs, list)
			} else {
				p.Breadcrumbs = append(p.Breadcrumbs, m.ancestors(p, home)...)
			}
		}
		if p.Menu {
			m.menus[lang] = append(m.menus[lang], p)
		}
	}
	slices.SortStableFunc(m.menus[lang], func(x, y *Page) int { return cmp.Compare(x.Weight, y.Weight) })
}

// ancestors are the pages of the folders above p, below home, outermost
// first: every level of a deep guide, not only its parent.
func (m *Model) ancestors(p, home *Page) []*Page {
	var up []*Page
	for dir := parentDir(p.Dir); dir != "" && dir != home.Dir; dir = parentDir(dir) {
		if a := m.byDir[dir]; a != nil && a != p {
			up = append(up, a)
		}
	}
	slices.Reverse(up)
	return up
}

// parentDir is the page directory above dir ("en/a/b/" → "en/a/"), or ""
// above a language's home.
func parentDir(dir string) string {
	parent := path.Dir(strings.TrimSuffix(dir, "/"))
	if parent == "." {
		return ""
	}
	return parent + "/"
}

// foldersWithoutIndex warns about folders of pages with no _index.md or
// README.md: their pages appear in no list, and readers find them only
// through links. A translation's folder may lean on the default
// language's index until it is translated.
func (m *Model) foldersWithoutIndex(lang string, docs []*Page, diags *diag.List) {
	warned := map[string]bool{}
	def := m.site.DefaultLanguage
	for _, p := range docs {
		if p.Kind != theme.KindPage {
			continue
		}
		for dir := parentDir(p.Dir); dir != "" && dir != lang+"/"; dir = parentDir(dir) {
			inDefault := def + "/" + strings.TrimPrefix(dir, lang+"/")
			if m.byDir[dir] != nil || m.byDir[inDefault] != nil || warned[dir] {
				break
			}
			warned[dir] = true
			// Reported at the folder, not at a page in it: an edit to one
			// of its pages leaves the folder's problem standing.
			diags.Warnf(diag.Pos{File: dir}, "this folder has no _index.md (or README.md), so its pages, such as %s, appear in no list; add one with a title and a line of text", path.Base(p.doc.File))
		}
	}
}

// linkTranslations connects the pages that share a key across languages.
func (m *Model) linkTranslations() {
	byKey := map[string][]*Page{}
	for _, p := range m.pages {
		byKey[p.Key] = append(byKey[p.Key], p)
	}
	order := map[string]int{}
	for i, l := range m.site.Languages {
		order[l.Code] = i
	}
	for _, group := range byKey {
		slices.SortFunc(group, func(x, y *Page) int { return cmp.Compare(order[x.Lang], order[y.Lang]) })
		for _, p := range group {
			for _, other := range group {
				if other != p {
					p.Translations = append(p.Translations, other)
				}
			}
		}
	}
}

// relate resolves the related blueprints of every blueprint: a
// document's from its frontmatter, a fallback page's as its original's,
// each in the fallback page's language where it can be.
func (m *Model) relate(diags *diag.List) {
	for _, p := range m.pages {
		if p.Blueprint != nil && p.Original == nil && p.md != nil {
			p.Blueprint.Related = append(p.Blueprint.Related, m.checkRelated(p, diags)...)
		}
	}
	for _, p := range m.pages {
		if o := p.Original; o != nil && o.Blueprint != nil && p.Blueprint != nil {
			p.Blueprint.Related = nil
			for _, r := range o.Blueprint.Related {
				p.Blueprint.Related = append(p.Blueprint.Related, m.inLanguage(r, p.Lang))
			}
		}
	}
}

// addRootPages adds the language chooser at the root of the site and the
// 404 page, both in the default language (or the first with content).
// Being in no language's tree, they are not in byDir.
func (m *Model) addRootPages() {
	if len(m.homes) == 0 {
		return
	}
	rootLang := m.homes[0].Lang
	if m.byDir[m.site.DefaultLanguage+"/"] != nil {
		rootLang = m.site.DefaultLanguage
	}
	root := &Page{Kind: theme.KindRoot, Lang: rootLang, Dir: "", Key: "", Title: m.site.Title}
	for _, h := range m.homes {
		lang, _ := m.site.Language(h.Lang)
		root.Translations = append(root.Translations, &Page{Lang: h.Lang, Dir: h.Dir, Title: lang.Name})
	}
	title, _ := m.locs[rootLang].T("not_found_title")
	notFound := &Page{Kind: theme.KindNotFound, Lang: rootLang, Dir: "", Key: "404", Title: title}
	m.pages = append(m.pages, root, notFound)
}

// buildTaxonomies collects the terms of every blueprint of one language
// into one index page per taxonomy and one page per term.
func (m *Model) buildTaxonomies(lang content.Language, loc *i18n.Localizer, home *Page, blueprints []*Page, t func(string) string, diags *diag.List) {
	byTax := map[string]map[string]*Term{}
	for _, name := range taxonomyNames() {
		byTax[name] = map[string]*Term{}
	}
	collect := func(p *Page, terms ...*Term) {
		for _, tm := range terms {
			shared, ok := byTax[tm.Taxonomy][tm.Key]
			if !ok {
				shared = &Term{Taxonomy: tm.Taxonomy, Key: tm.Key, Label: tm.Label, Dir: tm.Dir, order: tm.order}
				byTax[tm.Taxonomy][tm.Key] = shared
			}
			shared.Pages = append(shared.Pages, p)
			shared.Count++
		}
	}
	for _, p := range blueprints {
		d := p.Blueprint
		collect(p, d.Type, d.Stage)
		collect(p, d.Countries...)
		collect(p, d.Regions...)
		collect(p, d.SDGs...)
		collect(p, d.Tags...)
	}
	m.terms[lang.Code] = map[string][]*Term{}
	for _, name := range taxonomyNames() {
		terms := sortedTerms(loc, name, byTax[name])
		m.terms[lang.Code][name] = terms
		index := &Page{Kind: theme.KindTaxonomy, Lang: lang.Code, Dir: lang.Code + "/" + name + "/", Key: name + "/",
			Section: name, Title: t("taxonomy." + name), Taxonomy: name, Breadcrumbs: []*Page{home}}
		m.add(index, diags)
		for _, tm := range terms {
			m.add(&Page{Kind: theme.KindTerm, Lang: lang.Code, Dir: tm.Dir, Key: strings.TrimPrefix(tm.Dir, lang.Code+"/"),
				Section: name, Title: tm.Label, Taxonomy: name, Items: tm.Pages, Breadcrumbs: []*Page{home, index}}, diags)
		}
	}
}

// sortedTerms puts the terms of a taxonomy in display order: SDGs and
// regions in their own order, the others by label in the language.
func sortedTerms(loc *i18n.Localizer, taxonomy string, byKey map[string]*Term) []*Term {
	terms := make([]*Term, 0, len(byKey))
	for _, tm := range byKey {
		terms = append(terms, tm)
	}
	switch taxonomy {
	case "sdgs", "regions":
		slices.SortFunc(terms, func(x, y *Term) int { return cmp.Compare(x.order, y.order) })
	default:
		slices.SortFunc(terms, func(x, y *Term) int { return cmp.Compare(x.Key, y.Key) })
		i18n.SortFunc(loc, terms, func(tm *Term) string { return tm.Label })
	}
	return terms
}
