// Package theme executes a site's templates. Its comment is the template
// author's manual: what a theme is made of, which layout each page is
// executed with, and the data every template receives.
//
// # Files
//
// A theme is a directory. Only the first two files are required:
//
//	layouts/base.html        the page shell; executes {{block "main" .}}
//	layouts/page.html        the layout every kind of page falls back to
//	layouts/<kind>.html      the layout of one kind of page (see below)
//	layouts/partials/*.html  shared fragments: {{define "name"}}…{{end}}
//	static/                  files copied to the site's /static/ as they are
//	i18n/<lang>.json         UI messages, go-i18n v2 JSON; see package i18n
//	serviceworker.js         served as /sw.js when site.yaml sets
//	                         offline_reading (required then)
//	favicon.ico              served as /favicon.ico
//	archetypes/blueprint.md  the file "blueprints new" starts from: a
//	                         text/template with .Title, .Type, .Countries,
//	                         .Today, .Year, .T "id" and the functions yaml
//	                         (a quoted YAML string) and join; a theme without
//	                         one gets the built-in theme's
//	archetypes/i18n/<lang>.json its headings and hints in each language
//
// This package is the one place that names these files: a site asks a
// Theme for its static files, favicon, service worker, catalogs and
// archetype, and for the IDs its layouts add (Anchors).
//
// A site's own themes/default/ (or the directory site.yaml names) is used
// instead of the theme embedded in the binary, and "blueprints check"
// checks it: a template error is reported once, at its file:line:col, with
// the number of pages it breaks; the catalogs get the checks of package
// i18n.
//
// # Layouts and kinds of page
//
// Every page has a Kind, and is executed as base.html, with the "main"
// template its kind's layout defines; a layout may also redefine any
// other block base.html declares. The kinds:
//
//	root          the language chooser at the site root
//	home          a language's home page (.Page.Items: recent blueprints)
//	list          a language's blueprints by title, or by date
//	blueprint     a blueprint
//	page          any other document, and a section's index
//	taxonomy      the terms of a taxonomy (/en/types/; .Page.Taxonomy)
//	term          the blueprints of one term (/en/types/policy/)
//	search        the search page
//	translations  the translation status of every page
//	404           what a server shows for a missing page
//
// A theme without layouts/<kind>.html executes that kind with its
// fallback's layout (Kind.Fallback): home and term fall back to list, and
// list and every other kind to page. So a theme keeps building when a
// kind is added, a small theme is base.html and page.html, and
// Theme.Layout says which file a kind uses. The data is the same whatever
// the layout: page.html can show a list's .Page.Items as well as a
// document's .Page.Body.
//
// Partials are shared by every layout: {{template "cards" (.Cards
// .Page.Items)}}. The built-in theme's are breadcrumbs, cards (its data is
// a CardList), languages, map, outdated, textlang and translation; a
// theme's own partials need not be those.
//
// An element a layout gives an id (<h2 id="sources">) is a place a
// contributor can link to, as to a heading: "blueprint.md#sources" is then
// valid. Theme.Anchors reads them from the templates of each kind's layout
// (base.html, the layout and the partials it includes); an id with an
// action in it (id="lang-{{.Code}}") cannot be known in advance, and a
// link to it is reported as a missing heading.
//
// Templates are html/template, so everything is escaped for its context;
// a theme never needs (and must not use) a way around that for text a
// contributor typed. Executing a template with a missing map key, or
// calling .T with an unknown message, is an error that fails the build.
//
// # The view
//
// The data passed to every template is a *site.View; the types it leads
// to (Page, Blueprint, Term, Outcome) are documented in package site.
// Its fields:
//
//	.Site            the site: .Title, .Description, .BaseURL,
//	                 .DefaultLanguage, .Languages, .OfflineReading
//	.Lang            the page's language: .Code, .Name, .Direction
//	                 ("ltr", "rtl"), .Title, .Description
//	.Page            the page being rendered (see Pages below)
//	.Home            the directory of the language's home page: "en/"
//	.Menu            the pages marked menu: true, by weight
//
// Its methods, everything else a template can call:
//
//	.T "id" [count]  a UI message in the page's language, plural-aware
//	                 when a count is given
//	.Format "id" "Name" value
//	                 a UI message with its one {{.Name}} placeholder filled
//	.URL "dir/"      the URL of any site path, relative to the current
//	                 page (on the 404 page, from the site's root path)
//	.DirURL "dir/"   .URL for a directory scripts append file names to:
//	                 never index.html, even in offline builds
//	.Static "f.css"  the URL of a file in the theme's static/ directory
//	.Date "2026-11-26"
//	                 a date the page language's way: "26 November 2026"
//	.List LIST       strings joined the language's way ("a، b" in Arabic)
//	.LanguageName "fr"
//	                 a language's native name
//	.SiteTitle       the site's title in the page's language
//	.SiteDescription the site's description in the page's language
//	.Description     the page's summary, or the site's description
//	.Canonical       the page's absolute URL ("" without base_url); a
//	                 fallback page's is its original's
//	.Alternates      hreflang links: the page in every language it is
//	                 written in (.HrefLang, .Href)
//	.Languages       the language switcher's links, on every page (.Lang,
//	                 .Name, .Dir, .Current, .Translated); none on a site
//	                 of one language
//	.TextLanguage    on a fallback page, the language of its text; the
//	                 zero Language elsewhere
//	.FallbackNotice  on a fallback page, the sentence that says its text
//	                 is the untranslated original; "" elsewhere
//	.Translation     how a translated page was made, for its reader
//	                 (.Method, .Translators, .Date, .Original); nil for
//	                 an original or a fallback page
//	.TranslationsDashboard
//	                 the translation status page's directory, or ""
//	.TranslationReport
//	                 on the translation status page: per language other
//	                 than the default, its pages counted by state
//	                 (.Code, .Name, .Counts) and those with work to do
//	                 (.Stale)
//	.Taxonomy "types" the terms of a taxonomy in the page's language, in
//	                 display order
//	.TaxonomyNames   the taxonomies, in display order
//	.Label TERM      a taxonomy term in the page's language (for cards of
//	                 pages in another language)
//	.TermList TERMS  .List over the labels of terms
//	.AllBlueprints   the blueprints of the page's language, by title
//	.Homes           the home page of every language that has content
//	.Cards PAGES     a CardList for the "cards" partial under an h2: the
//	                 cards' titles are h3
//	.TopCards PAGES  .Cards right under the page's h1: titles are h2
//	.Map             the world map of the page's blueprints (a home
//	                 page's, or a region's), as SVG
//	.MapLegend       the map's colours and the counts they stand for
//	                 (.Class, .Text)
//	.SearchMessages  the search client's UI strings, as JSON for a data
//	                 attribute
//	.JSONLD          the page's schema.org description, for a
//	                 <script type="application/ld+json">
//	.OfflineReading  whether the page registers the service worker
//	.Offline         whether the build is for reading from disk
//
// # Pages
//
// A *site.Page, as .Page or in the lists above, has:
//
//	.Kind            its kind (see above): {{if eq .Page.Kind "blueprint"}}
//	.Lang            its language's code; "" on the root page
//	.Dir             its site path: "en/blueprints/konza/"
//	.Key             what its translations share: its path in its language
//	.Section         the first path segment after the language: "blueprints"
//	.Title .Summary  its title and summary
//	.Body            its rendered Markdown, the only HTML a contributor's
//	                 text becomes
//	.TOC             the headings of its contents box (.Level, .ID, .Text)
//	.Weight .Menu    its place in the menu, and whether it is in it
//	.Updated         YYYY-MM-DD, for feeds and the sitemap
//	.Blueprint       a blueprint's data (types, countries, outcomes…); nil
//	                 on other pages
//	.Items           the pages a list, term or section shows
//	.Taxonomy        on taxonomy and term pages: "types", "regions", …
//	.Breadcrumbs     the pages above it
//	.Translations    the same page in the other languages: translations
//	                 and fallback pages
//	.Translated      only the real translations (for "also available in")
//	.Outdated        on a translation whose source changed since: the source
//	.Original        on a fallback page: the page whose text it shows
//	.TextLang        the language of its text, for cards and menus
//
// Every page exists in every language. A page not translated into the
// page's language is a fallback page: .Page.Original is the page whose
// text it shows, and .TextLanguage that text's language, which the
// built-in theme's "textlang" partial writes as lang and dir attributes on
// the title, summary and body; .FallbackNotice says so to the reader.
// .Languages marks fallback pages untranslated.
//
// # Functions
//
// Beyond html/template's built-ins:
//
//	join LIST SEP    strings.Join
package theme
