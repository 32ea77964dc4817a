package site

import (
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/theme"
)

// writeExtras is the extras stage: it writes what is not a page (theme
// files, content assets, the published schema, feeds, sitemap, robots.txt,
// and the files of offline reading) to the output tree, after the pages.
func writeExtras(m *Model, l *look, out *outputTree) (diag.List, error) {
	var diags diag.List
	files, err := l.theme.Static()
	if err != nil {
		return diags, fmt.Errorf("theme static files: %w", err)
	}
	for _, f := range files {
		out.emit("static/"+f.Path, "theme file static/"+f.Path, f.Data)
	}
	for _, a := range m.content.Assets {
		out.emit(a.File, a.File, a.Data)
	}
	// Browsers ask every site for /favicon.ico; a theme that has one
	// answers it, and its pages name it so it works below a sub-path too.
	if icon := l.theme.Favicon(); icon != nil {
		out.emit("favicon.ico", "the theme's favicon.ico", icon)
	}
	if m.content.Schema != nil {
		out.emit("schema/blueprint.schema.json", "content/schema/blueprint.schema.json", m.content.Schema)
	}
	for _, home := range m.homes {
		feed, err := languageFeed(m, home.Lang)
		if err != nil {
			return diags, err
		}
		out.emit(home.Lang+"/index.xml", "the "+home.Lang+" feed", feed)
	}
	robots := "User-agent: *\nAllow: /\n"
	if m.site.BaseURL != "" {
		sitemap, err := sitemap(m)
		if err != nil {
			return diags, err
		}
		out.emit("sitemap.xml", "the sitemap", sitemap)
		robots += "Sitemap: " + absURL(m.site.BaseURL, "sitemap.xml") + "\n"
	} else {
		diags.Warnf(diag.Pos{File: "site.yaml"}, "no base_url: sitemap.xml, canonical links and absolute feed links are left out")
	}
	out.emit("robots.txt", "robots.txt", []byte(robots))
	if m.offline {
		out.emit("README.txt", "the offline note", offlineNote(m, &diags))
	}
	if m.site.OfflineReading && !m.offline {
		// The worker must sit at the site root: it controls only the pages
		// at or below its own directory.
		sw, err := l.theme.ServiceWorker()
		if err != nil {
			return diags, fmt.Errorf("offline_reading: %w", err)
		}
		out.emit("sw.js", "the theme's serviceworker.js", sw)
		if err := offlineLists(m, out); err != nil {
			return diags, err
		}
	}
	return diags, nil
}

// offlineLists writes, per language, the files a reader saves with "save
// this language for offline reading": its pages, its search index and the
// theme's files, as paths relative to the site root.
func offlineLists(m *Model, out *outputTree) error {
	for _, home := range m.homes {
		files := []string{""}
		for _, p := range m.pages {
			if p.Lang == home.Lang && p.Kind != theme.KindNotFound {
				files = append(files, p.Dir)
			}
		}
		for _, name := range out.names {
			if strings.HasPrefix(name, "static/") || strings.HasPrefix(name, search.Dir(home.Lang)) {
				files = append(files, name)
			}
		}
		slices.Sort(files)
		data, err := json.Marshal(files)
		if err != nil {
			return err
		}
		out.emit("offline/"+home.Lang+".json", "the "+home.Lang+" offline list", data)
	}
	return nil
}

// offlineNote tells whoever unpacks the offline bundle, in every language
// of the site, to open index.html.
func offlineNote(m *Model, diags *diag.List) []byte {
	var note strings.Builder
	for _, home := range m.homes {
		lang, _ := m.site.Language(home.Lang)
		text, err := m.locs[home.Lang].T("offline_note")
		if err != nil {
			diags.Errorf(diag.Pos{}, "theme: %v", err)
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

func sitemap(m *Model) ([]byte, error) {
	set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9", XHTML: "http://www.w3.org/1999/xhtml"}
	pages := slices.Clone(m.pages)
	slices.SortFunc(pages, func(x, y *Page) int { return cmp.Compare(x.Dir, y.Dir) })
	for _, p := range pages {
		if p.Kind == theme.KindNotFound || p.Original != nil {
			continue // a fallback page is its original's, whose URL is canonical
		}
		u := sitemapURL{Loc: absURL(m.site.BaseURL, p.Dir), LastMod: p.Updated}
		if translated := p.Translated(); len(translated) > 0 && p.Kind != theme.KindRoot {
			u.Links = append(u.Links, sitemapXLink{Rel: "alternate", HrefLang: p.Lang, Href: absURL(m.site.BaseURL, p.Dir)})
			for _, t := range translated {
				u.Links = append(u.Links, sitemapXLink{Rel: "alternate", HrefLang: t.Lang, Href: absURL(m.site.BaseURL, t.Dir)})
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

func languageFeed(m *Model, lang string) ([]byte, error) {
	feedDir := lang + "/"
	link := func(dir string) string {
		if m.site.BaseURL != "" {
			return absURL(m.site.BaseURL, dir)
		}
		return relURL(feedDir, dir, m.offline)
	}
	id := func(dir string) string {
		if m.site.BaseURL != "" {
			return absURL(m.site.BaseURL, dir)
		}
		return "urn:blueprints:" + escapePath(dir)
	}
	// The language's own blueprints: a feed in French announces French text.
	items := slices.DeleteFunc(slices.Clone(m.blueprint[lang]), func(p *Page) bool { return p.Original != nil })
	slices.SortStableFunc(items, func(x, y *Page) int { return cmp.Compare(y.Updated, x.Updated) })
	l, _ := m.site.Language(lang)
	f := atomFeed{Lang: lang, Title: cmp.Or(l.Title, m.site.Title), ID: id(feedDir), Updated: "1970-01-01T00:00:00Z",
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
