package site

import (
	"cmp"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/theme"
)

func (b *builder) absURL(target string) string {
	return strings.TrimSuffix(b.site.BaseURL, "/") + "/" + escapePath(target)
}

// writeExtras writes what is not a page: theme files, content assets, the
// published schema, feeds, sitemap and robots.txt.
func (b *builder) writeExtras(context.Context) error {
	files, err := b.theme.Static()
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	for _, f := range files {
		b.emit("static/"+f.Path, "theme file static/"+f.Path, f.Data)
	}
	for _, a := range b.content.Assets {
		b.emit(a.File, a.File, a.Data)
	}
	// Browsers ask every site for /favicon.ico; a theme that has one
	// answers it, and its pages name it so it works below a sub-path too.
	if icon := b.theme.Favicon(); icon != nil {
		b.emit("favicon.ico", "the theme's favicon.ico", icon)
	}
	if b.content.Schema != nil {
		b.emit("schema/blueprint.schema.json", "content/schema/blueprint.schema.json", b.content.Schema)
	}
	for _, home := range b.homes {
		feed, err := b.atomFeed(home.Lang)
		if err != nil {
			return err
		}
		b.emit(home.Lang+"/index.xml", "the "+home.Lang+" feed", feed)
	}
	robots := "User-agent: *\nAllow: /\n"
	if b.site.BaseURL != "" {
		sitemap, err := b.sitemap()
		if err != nil {
			return err
		}
		b.emit("sitemap.xml", "the sitemap", sitemap)
		robots += "Sitemap: " + b.absURL("sitemap.xml") + "\n"
	} else {
		b.diags.Warnf(diag.Pos{File: "site.yaml"}, "no base_url: sitemap.xml, canonical links and absolute feed links are left out")
	}
	b.emit("robots.txt", "robots.txt", []byte(robots))
	if b.cfg.Offline {
		b.emit("README.txt", "the offline note", b.offlineNote())
	}
	if b.site.OfflineReading && !b.cfg.Offline {
		// The worker must sit at the site root: it controls only the pages
		// at or below its own directory.
		sw, err := b.theme.ServiceWorker()
		if err != nil {
			return fmt.Errorf("offline_reading: %w", err)
		}
		b.emit("sw.js", "the theme's serviceworker.js", sw)
		if err := b.offlineLists(); err != nil {
			return err
		}
	}
	return nil
}

// offlineLists writes, per language, the files a reader saves with "save
// this language for offline reading": its pages, its search index and the
// theme's files, as paths relative to the site root.
func (b *builder) offlineLists() error {
	for _, home := range b.homes {
		files := []string{""}
		for _, p := range b.pages {
			if p.Lang == home.Lang && p.Kind != theme.KindNotFound {
				files = append(files, p.Dir)
			}
		}
		for name := range b.out {
			if strings.HasPrefix(name, "static/") || strings.HasPrefix(name, "search/"+home.Lang+"/") {
				files = append(files, name)
			}
		}
		slices.Sort(files)
		data, err := json.Marshal(files)
		if err != nil {
			return err
		}
		b.emit("offline/"+home.Lang+".json", "the "+home.Lang+" offline list", data)
	}
	return nil
}

// offlineNote tells whoever unpacks the offline bundle, in every language
// of the site, to open index.html.
func (b *builder) offlineNote() []byte {
	var note strings.Builder
	for _, home := range b.homes {
		lang, _ := b.site.Language(home.Lang)
		text, err := b.locs[home.Lang].T("offline_note")
		if err != nil {
			b.diags.Errorf(diag.Pos{}, "theme: %v", err)
		}
		fmt.Fprintf(&note, "%s\n%s\n\n", lang.Name, text)
	}
	return []byte(strings.ReplaceAll(note.String(), "\n", "\r\n")) // readable in Windows Notepad too
}

// Sitemap with hreflang alternates (sitemaps.org and Google's xhtml:link).
type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	NS      string       `xml:"xmlns,attr"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string         `xml:"loc"`
	LastMod string         `xml:"lastmod,omitempty"`
	Links   []sitemapXLink `xml:"xhtml:link"`
}

type sitemapXLink struct {
	Rel      string `xml:"rel,attr"`
	HrefLang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

func (b *builder) sitemap() ([]byte, error) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	pages := slices.Clone(b.pages)
	slices.SortFunc(pages, func(x, y *Page) int { return cmp.Compare(x.Dir, y.Dir) })
	for _, p := range pages {
		if p.Kind == theme.KindNotFound || p.Original != nil {
			continue // a fallback page is its original's, whose URL is canonical
		}
		u := sitemapURL{Loc: b.absURL(p.Dir), LastMod: p.Updated}
		if translated := p.Translated(); len(translated) > 0 && p.Kind != theme.KindRoot {
			u.Links = append(u.Links, sitemapXLink{Rel: "alternate", HrefLang: p.Lang, Href: b.absURL(p.Dir)})
			for _, t := range translated {
				u.Links = append(u.Links, sitemapXLink{Rel: "alternate", HrefLang: t.Lang, Href: b.absURL(t.Dir)})
			}
		}
		set.URLs = append(set.URLs, u)
	}
	return marshalXML(set)
}

// Atom feed (RFC 4287) of a language's blueprints, most recently reviewed
// first. Dates come from the content, never from the clock, so two builds
// of the same content are identical.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Link    atomLink `xml:"link"`
	Summary string   `xml:"summary"`
}

func (b *builder) atomFeed(lang string) ([]byte, error) {
	feedDir := lang + "/"
	link := func(dir string) string {
		if b.site.BaseURL != "" {
			return b.absURL(dir)
		}
		return relURL(feedDir, dir, b.cfg.Offline)
	}
	id := func(dir string) string {
		if b.site.BaseURL != "" {
			return b.absURL(dir)
		}
		return "urn:blueprints:" + escapePath(dir)
	}
	// The language's own blueprints: a feed in French announces French text.
	items := slices.DeleteFunc(slices.Clone(b.blueprint[lang]), func(p *Page) bool { return p.Original != nil })
	slices.SortStableFunc(items, func(x, y *Page) int { return cmp.Compare(y.Updated, x.Updated) })
	l, _ := b.site.Language(lang)
	f := atomFeed{Lang: lang, Title: cmp.Or(l.Title, b.site.Title), ID: id(feedDir), Updated: "1970-01-01T00:00:00Z",
		Links: []atomLink{{Href: link(feedDir)}, {Rel: "self", Href: link(lang + "/index.xml")}}}
	if len(items) > 0 {
		f.Updated = items[0].Updated + "T00:00:00Z"
	}
	for _, p := range items {
		f.Entries = append(f.Entries, atomEntry{Title: p.Title, ID: id(p.Dir), Updated: p.Updated + "T00:00:00Z",
			Link: atomLink{Href: link(p.Dir)}, Summary: p.Summary})
	}
	return marshalXML(f)
}

func marshalXML(v any) ([]byte, error) {
	out, err := xml.MarshalIndent(v, "", " ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

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

func (b *builder) jsonLD(v *View) any {
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
