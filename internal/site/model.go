package site

import (
	"html/template"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/theme"
)

// Page is one HTML page of the built site: a document, or a page the site
// generates (lists, taxonomy pages, the language chooser).
type Page struct {
	// Kind names the layout the page is executed with, or its fallback's
	// (see theme.Kinds).
	Kind    theme.Kind
	Lang    string // "" for the root language chooser
	Dir     string // site path of the page: "en/blueprints/konza/"
	Key     string // what translations share: a document's path in its language, or a generated page's path after the language
	Section string // first path segment after the language: "blueprints", "about", …
	Title   string
	Summary string
	Body    template.HTML // rendered Markdown; the only HTML a contributor's text becomes
	TOC     []markdown.Heading
	Weight  int
	Menu    bool
	Updated string // YYYY-MM-DD, for feeds and the sitemap

	Blueprint   *Blueprint
	Items       []*Page // the pages a list, term or section shows
	Taxonomy    string  // for taxonomy and term pages: "types", "regions", …
	Breadcrumbs []*Page
	// Translations is the same page in the other languages, in site order:
	// its translations and its fallback pages (see Translated).
	Translations []*Page
	// Outdated is set on a translation whose source changed since it was
	// translated (or that was never stamped): the source page.
	Outdated *Page
	// Original is set on a fallback page: a page of the default language
	// not translated into this one, served at this language's URL with
	// this language's site around it. It is the page whose text it shows.
	Original *Page

	doc *content.Document
	md  *markdown.Doc
	// links are where the links of md go, as site paths, for the page's
	// fallbacks in other languages to follow.
	links []siteTarget
	// mdRendered is set once md's syntax tree is spent (rendering consumes
	// it) or was never kept (the memory of a Session keeps the results).
	mdRendered bool
}

// TextLang is the language of the page's own text: the original's on a
// fallback page, whose labels and navigation are in Lang.
func (p *Page) TextLang() string {
	if p.Original != nil {
		return p.Original.Lang
	}
	return p.Lang
}

// Translated lists the translations of the page that are real ones, not
// fallback pages, in site order.
func (p *Page) Translated() []*Page {
	var out []*Page
	for _, t := range p.Translations {
		if t.Original == nil {
			out = append(out, t)
		}
	}
	return out
}

// Blueprint is a blueprint's frontmatter with everything derived from it
// resolved for one language: labels, country names, regions, links.
type Blueprint struct {
	*content.Blueprint
	Type      *Term
	Stage     *Term
	Countries []*Term
	Regions   []*Term
	Groups    []string // "Least developed country", …
	SDGs      []*Term
	Tags      []*Term
	// TargetGroups are the labels of the frontmatter's target groups in
	// the page's language (they hide the raw values of content.Blueprint).
	TargetGroups []string
	Related      []*Page
	Outcomes     []Outcome
	PeriodText   string
	FundingText  string
	LicenseID    string
}

// Outcome is a content.Outcome with its value formatted.
type Outcome struct {
	content.Outcome
	ValueText  string // "₹5,224,200,000", "78,14 %"
	SourceText string // the link text of Source: the source's title, or its host
}

// Term is one value of a taxonomy in one language, with its pages.
type Term struct {
	Taxonomy string // "types"
	Key      string // "incubator", "KE", "9"
	Label    string // "Incubator", "Kenya", "9 Industry, innovation and infrastructure"
	Dir      string // "en/types/incubator/"
	Count    int
	Pages    []*Page
	order    int // for taxonomies with a natural order (SDGs, stages)
}

// taxonomyNames lists the taxonomies in the order the site shows them.
func taxonomyNames() []string {
	return []string{"types", "regions", "countries", "sdgs", "stages", "tags"}
}
