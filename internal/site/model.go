package site

import (
	"html/template"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/theme"
)

// Model is the assembled site: every page and how the pages relate
// (translations, fallbacks, lists, taxonomies, menus), with the content
// and the language tools they were made from. assemble makes it; nothing
// changes it afterwards. The stages after assemble read it, and a Session
// makes a new Model from the last one and an edit (see Model.withEdits)
// instead of changing it.
type Model struct {
	site    *content.Site
	content *content.Content
	// offline and rootPath are Config.Offline and Config.rootPath, which
	// URLs depend on.
	offline  bool
	rootPath string
	locs     map[string]*i18n.Localizer // by language
	// layouts is the theme, for the IDs its layouts add around a page's
	// body: a link to "#sources" on a blueprint is valid.
	layouts *theme.Theme
	parsers parsers
	geo     *geo.Table

	pages     []*Page                       // every page, in build order; the root and 404 pages last
	byFile    map[string]*Page              // document pages by content file
	byDir     map[string]*Page              // every page but the root and 404 pages, by directory
	homes     []*Page                       // home page of each language with content, in site order
	terms     map[string]map[string][]*Term // lang → taxonomy → terms in display order
	assets    map[string]bool               // content files that are not documents
	blueprint map[string][]*Page            // lang → blueprint pages in title order
	menus     map[string][]*Page            // lang → pages shown in the header

	translations []TranslationState
	// stateDiags holds, by translation file, what its translation state
	// reported, for a Session to replace when the source changes.
	stateDiags map[string]diag.List
}

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
	// Body is the rendered Markdown, the only HTML a contributor's text
	// becomes. The Model's pages leave it empty (rendering comes after
	// assembly); the page a template receives has it (see execute).
	Body    template.HTML
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
	// fresh says md still has its syntax tree, which rendering consumes:
	// set on a page parsed for this build, not on one whose parse a
	// Session remembered (it keeps the results, not the tree). A Model is
	// rendered once, so the tree is used at most once.
	fresh bool
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

// Translation states, from a translator's point of view.
const (
	StateCurrent   = "current"   // stamped with the source's current digest
	StateOutdated  = "outdated"  // the source changed since it was stamped
	StateUnstamped = "unstamped" // no source_digest: unknown, so treated as outdated
	StateMissing   = "missing"   // the source has no page in this language
	StateOrphaned  = "orphaned"  // no source in the default language
)

// TranslationState is the state of one page in one language.
type TranslationState struct {
	Lang       string `json:"lang"`
	Key        string `json:"path"`             // path within the language: "blueprints/konza.md"
	Title      string `json:"title"`            // the source's title (or the orphan's)
	File       string `json:"file,omitempty"`   // the translation ("" when missing)
	Source     string `json:"source,omitempty"` // the source ("" when orphaned)
	State      string `json:"state"`
	Translated string `json:"translated,omitempty"` // date the translation gives
	Method     string `json:"method,omitempty"`     // how it says it was made
	// SourceDigest is the digest of the source's text now, the value a
	// translation brought up to date records (i18n stamp, or by hand).
	SourceDigest string `json:"source_digest,omitempty"`
	// StampedDigest is the digest of the source text the translation was
	// made from, as it records it.
	StampedDigest string `json:"stamped_digest,omitempty"`
}

// Stale reports whether a translator has work to do on this page.
func (s TranslationState) Stale() bool { return s.State != StateCurrent }
