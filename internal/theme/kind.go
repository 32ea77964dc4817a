package theme

// Kind is a kind of page. Each is executed with its own layout,
// layouts/<kind>.html, or, when the theme has none, with the layout its
// kind falls back to (see Fallback). Kind is a string so that templates
// compare it with plain strings: {{if eq .Page.Kind "blueprint"}}.
type Kind string

// The page kinds, by the layout file each is executed with.
const (
	KindRoot         Kind = "root"         // the language chooser at the site root
	KindHome         Kind = "home"         // a language's home page
	KindList         Kind = "list"         // a language's blueprints, by title or by date
	KindBlueprint    Kind = "blueprint"    // a blueprint
	KindPage         Kind = "page"         // any other document, and a section's index
	KindTaxonomy     Kind = "taxonomy"     // the terms of a taxonomy: /en/types/
	KindTerm         Kind = "term"         // the blueprints of one term: /en/types/policy/
	KindSearch       Kind = "search"       // the search page
	KindTranslations Kind = "translations" // the translation status of every page
	KindNotFound     Kind = "404"          // the page a server shows for a missing one
)

// Kinds lists every page kind, in the order the manual gives them.
func Kinds() []Kind {
	return []Kind{KindRoot, KindHome, KindList, KindBlueprint, KindPage, KindTaxonomy, KindTerm, KindSearch, KindTranslations, KindNotFound}
}

// String is the kind's name, which is also its layout's file name
// without ".html".
func (k Kind) String() string { return string(k) }

// Fallback is the kind whose layout a theme without layouts/<k>.html uses
// for pages of kind k: pages that show a list of pages (home, term) fall
// back to list, and list and every other kind to page. KindPage, whose
// layout every theme must have, ends every chain: its Fallback is "".
// A theme then keeps building when a kind is added, and a small theme
// can be two files: layouts/base.html and layouts/page.html.
func (k Kind) Fallback() Kind {
	switch k {
	case KindPage:
		return ""
	case KindHome, KindTerm:
		return KindList
	}
	return KindPage
}

// layoutFile is the file of the layout for pages of kind k.
func (k Kind) layoutFile() string { return "layouts/" + string(k) + ".html" }
