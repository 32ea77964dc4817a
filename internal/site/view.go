package site

import (
	"cmp"
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
	"github.com/openblueprints/blueprints/internal/worldmap"
)

// View is the data every template receives. Its exported fields and methods
// are the template author's API (see package theme).
type View struct {
	Site *content.Site
	Lang content.Language // the page's language
	Page *Page
	Home string  // directory of this language's home page
	Menu []*Page // pages marked menu: true, by weight

	m   *Model
	loc *i18n.Localizer
}

// view is what the template of page p receives. p is a page of m, or the
// copy of one that execute gives its rendered body.
func (m *Model) view(p *Page) *View {
	lang, _ := m.site.Language(p.Lang)
	return &View{Site: m.site, Lang: lang, Page: p, Home: p.Lang + "/", Menu: m.menus[p.Lang], m: m, loc: m.locs[p.Lang]}
}

// absURL is the absolute URL of a site path, on the site's base URL.
func (v *View) absURL(target string) string { return absURL(v.Site.BaseURL, target) }

// T returns a UI message in the page's language; with a count, the plural
// form for that count.
func (v *View) T(id string, count ...int) (string, error) { return v.loc.T(id, count...) }

// URL returns the URL of a site path ("en/blueprints/", "sitemap.xml")
// relative to this page.
//
// The 404 page is the exception. A server shows it in place of a missing
// page at any depth (/en/no/such/page/), where URLs relative to the 404's
// own place would point nowhere; so online its URLs start at the path the
// site is served from (Config.RootPath: "/static/style.css", or
// "/kb/static/style.css" for a site published under /kb/). They stay on
// the host that serves the page (an absolute https://base/ URL would
// leave a mirror, a staging host or "serve" for the published site, and
// the CSP would refuse its stylesheet), and they work at any depth. A
// <base> element would need the same root path, and the CSP forbids one.
// Offline, nothing serves 404.html in place of another file: it is only
// opened where it lies, at the root, so its URLs are relative from there.
func (v *View) URL(target string) string {
	if v.Page.Kind == theme.KindNotFound && !v.m.offline {
		return v.m.rootPath + escapePath(target)
	}
	return relURL(v.Page.Dir, target, v.m.offline)
}

// DirURL is URL for a directory that scripts append file names to: it
// never names index.html, even in offline builds.
func (v *View) DirURL(target string) string {
	if u := relURL(v.Page.Dir, target, false); u != "./" {
		return u
	}
	return ""
}

// Static returns the URL of a file in the theme's static/ directory.
func (v *View) Static(name string) string { return v.URL("static/" + name) }

// LanguageName is the native name of a site language, as site.yaml gives it.
func (v *View) LanguageName(code string) string {
	if l, ok := v.Site.Language(code); ok {
		return l.Name
	}
	return v.loc.LanguageName(code)
}

// SiteTitle is the site's title in the page's language.
func (v *View) SiteTitle() string {
	if v.Lang.Title != "" {
		return v.Lang.Title
	}
	return v.Site.Title
}

// SiteDescription is the site's description in the page's language.
func (v *View) SiteDescription() string {
	if v.Lang.Description != "" {
		return strings.TrimSpace(v.Lang.Description)
	}
	return strings.TrimSpace(v.Site.Description)
}

// Description is the page summary, or the site description.
func (v *View) Description() string {
	if v.Page.Summary != "" {
		return v.Page.Summary
	}
	return v.SiteDescription()
}

// Canonical is the page's absolute URL, or "" without a base URL. A
// fallback page's is its original's: the same text, at its own address.
func (v *View) Canonical() string {
	if v.Site.BaseURL == "" || v.Page.Kind == theme.KindNotFound {
		return ""
	}
	if o := v.Page.Original; o != nil {
		return v.absURL(o.Dir)
	}
	return v.absURL(v.Page.Dir)
}

// Alternate is a link to this page in another language.
type Alternate struct {
	HrefLang string
	Href     string
}

// Alternates lists the page in every language it is written in, itself
// included, as hreflang links want. Fallback pages are no translations:
// they are not listed, and list nothing (their canonical is the original).
func (v *View) Alternates() []Alternate {
	translated := v.Page.Translated()
	if len(translated) == 0 || v.Page.Kind == theme.KindRoot || v.Page.Original != nil {
		return nil
	}
	href := v.URL
	if v.Site.BaseURL != "" {
		href = v.absURL
	}
	alts := []Alternate{{HrefLang: v.Page.Lang, Href: href(v.Page.Dir)}}
	for _, t := range translated {
		alts = append(alts, Alternate{HrefLang: t.Lang, Href: href(t.Dir)})
	}
	return alts
}

// TextLanguage is, on a fallback page, the language of the text it shows
// (its original's), for templates to mark that text with lang and dir;
// the zero Language on every other page, whose text is in its own.
func (v *View) TextLanguage() content.Language {
	if o := v.Page.Original; o != nil {
		l, _ := v.Site.Language(o.Lang)
		return l
	}
	return content.Language{}
}

// FallbackNotice tells the reader of a fallback page, in the page's
// language, that its text is the untranslated original.
func (v *View) FallbackNotice() (string, error) {
	o := v.Page.Original
	if o == nil {
		return "", nil
	}
	return v.loc.Format("fallback_notice", map[string]any{"Original": v.loc.LanguageName(o.Lang)})
}

// Taxonomy returns the terms of a taxonomy ("types", "regions", …) in the
// page's language, in display order.
func (v *View) Taxonomy(name string) []*Term { return v.m.terms[v.Page.Lang][name] }

// TaxonomyNames lists the taxonomies in display order.
func (v *View) TaxonomyNames() []string { return taxonomyNames() }

// AllBlueprints lists the blueprints of the page's language by title.
func (v *View) AllBlueprints() []*Page { return v.m.blueprint[v.Page.Lang] }

// Homes lists the home page of every language that has content.
func (v *View) Homes() []*Page { return v.m.homes }

// Cards pairs a list of pages with the view, for the "cards" partial, in a
// section whose heading is an h2: the cards' titles are h3.
func (v *View) Cards(pages []*Page) CardList { return CardList{View: v, Pages: pages, Level: 3} }

// TopCards is Cards for a list right under the page's h1: titles are h2,
// so no heading level is skipped.
func (v *View) TopCards(pages []*Page) CardList { return CardList{View: v, Pages: pages, Level: 2} }

// CardList is the data of the "cards" partial.
type CardList struct {
	View  *View
	Pages []*Page
	Level int // heading level of each card's title
}

// Date writes a YYYY-MM-DD date the way the page's language does:
// "26 November 2026", "26 de noviembre de 2026", "2026年11月26日".
func (v *View) Date(iso string) (string, error) {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso, nil
	}
	month, err := v.loc.T("month." + strconv.Itoa(int(t.Month())))
	if err != nil {
		return "", err
	}
	return v.loc.Format("date_format", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// OfflineReading reports that the page registers the service worker
// (site.yaml offline_reading, online builds only). The 404 page does not:
// it is served at any depth, so it cannot say where the site's root is.
func (v *View) OfflineReading() bool {
	return v.Site.OfflineReading && !v.m.offline && v.Page.Kind != theme.KindNotFound
}

// Map draws the world map of the page: on a home page, the language's
// blueprints; on a region page, that region's. Countries link to their
// pages. The SVG is made by package worldmap from CLDR names, counts and
// site URLs, all escaped there; no contributor text goes into it raw.
func (v *View) Map() (template.HTML, error) {
	pages := v.m.blueprint[v.Page.Lang]
	if v.Page.Kind == theme.KindTerm {
		pages = v.Page.Items
	}
	counts := map[string]int{}
	for _, p := range pages {
		if p.Blueprint == nil {
			continue
		}
		for _, c := range p.Blueprint.Countries {
			if c.Key != "global" {
				counts[c.Key]++
			}
		}
	}
	countries := map[string]worldmap.Country{}
	for code, n := range counts {
		label, err := v.T("blueprint_count", n)
		if err != nil {
			return "", err
		}
		dir := v.Page.Lang + "/countries/" + strings.ToLower(code) + "/"
		if v.m.byDir[dir] == nil {
			continue
		}
		countries[code] = worldmap.Country{Count: n, Href: v.URL(dir), Label: v.loc.Country(code) + ": " + label}
	}
	title, err := v.T("map_title")
	if err != nil {
		return "", err
	}
	desc, err := v.T("map_desc")
	if err != nil {
		return "", err
	}
	return template.HTML(worldmap.SVG(title, desc, countries)), nil
}

// Offline reports a build for reading from disk, whose links name
// index.html.
func (v *View) Offline() bool { return v.m.offline }

// SearchMessages are the search client's UI strings, as JSON for a data
// attribute.
func (v *View) SearchMessages() (string, error) {
	ids := map[string]string{"found": "search_found", "all": "search_all", "error": "search_error", "any": "search_any",
		"partial": "search_partial", "shown": "search_shown", "clear": "search_clear", "page": "search_page", "suggest": "search_suggest"}
	for _, name := range search.FacetNames() {
		ids[name] = "facet." + name
	}
	msgs := map[string]string{}
	for key, id := range ids {
		s, err := v.loc.T(id)
		if err != nil {
			return "", err
		}
		msgs[key] = s
	}
	js, err := json.Marshal(msgs)
	return string(js), err
}

// JSONLD is the page's schema.org description; html/template encodes it
// as JSON inside the script element.
func (v *View) JSONLD() any { return jsonLD(v) }

// JSON-LD types, from schema.org. Built from structs, not string templates,
// so a title with quotes cannot break out.
type jsonLDArticle struct {
	Context      string         `json:"@context"`
	Type         string         `json:"@type"`
	Headline     string         `json:"headline"`
	Description  string         `json:"description,omitempty"`
	InLanguage   string         `json:"inLanguage"`
	DateModified string         `json:"dateModified,omitempty"`
	License      string         `json:"license,omitempty"`
	URL          string         `json:"url,omitempty"`
	About        []jsonLDThing  `json:"about,omitempty"`
	Publisher    *jsonLDThing   `json:"publisher,omitempty"`
	Citation     []jsonLDSource `json:"citation,omitempty"`
}

type jsonLDThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type jsonLDSource struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

func jsonLD(v *View) any {
	p := v.Page
	ld := jsonLDArticle{Context: "https://schema.org", Type: "WebPage", Headline: cmp.Or(p.Title, v.SiteTitle()),
		Description: v.Description(), InLanguage: p.TextLang(), URL: v.Canonical(),
		Publisher: &jsonLDThing{Type: "Organization", Name: v.SiteTitle()}}
	if bp := p.Blueprint; bp != nil {
		ld.Type = "Article"
		ld.DateModified = bp.LastReviewed
		ld.License = "https://spdx.org/licenses/" + bp.LicenseID + ".html"
		for _, c := range bp.Countries {
			ld.About = append(ld.About, jsonLDThing{Type: "Place", Name: c.Label})
		}
		for _, s := range bp.Sources {
			ld.Citation = append(ld.Citation, jsonLDSource{Type: "CreativeWork", Name: s.Title, URL: s.URL})
		}
	}
	if p.Kind == theme.KindRoot || p.Kind == theme.KindHome {
		ld.Type = "WebSite"
	}
	return ld
}
