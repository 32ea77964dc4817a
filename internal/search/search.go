// Package search indexes the site for readers, in two forms made from the
// same analysis:
//
//   - a bleve index per language, written during "blueprints build"
//     (Create, fed by the same analysis as the shards) and opened by
//     "blueprints search" (Open), or kept up to date by the development
//     server (NewScratch, Put, Delete);
//   - static shards (Export): script files the theme's small client loads
//     on demand, so search works on any static host and from disk
//     (file://, where fetch() is blocked but <script src> is not).
//
// Each language uses its bleve analyzer (English, French, Spanish, Russian
// and Arabic stemmers; CJK bigrams for Chinese). The static shards map each
// word as readers write it (folded: lower case, no accents or Arabic
// diacritics, alef variants merged) to the analyzed terms bleve indexed, so
// the browser needs no stemmer and finds what bleve finds.
//
// Queries are never parsed as bleve query-string syntax: a reader's words
// become match queries, with caps on length, results and term expansion.
//
// It is the only package that imports bleve.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	vocab "github.com/openblueprints/blueprints/internal/vocabulary" // search has a vocabulary of its own: the words it suggests
)

// Document is what the index holds of one page.
type Document struct {
	ID       string // site path of the page: "en/blueprints/konza/"
	Lang     string
	Kind     string // "blueprint" or "page"
	Title    string
	Summary  string
	Headings []string
	Body     string
	// Names are the page's type, country and region names in its own
	// language ("Incubator", "Kenya", "Africa"), so a query for them finds
	// the pages they describe first.
	Names []string
	// Facets are the page's values by facet (FacetNames: "type",
	// "region", …), as they appear in URLs ("ke", not "KE").
	Facets map[string][]string
	// Year is when the initiative began (a blueprint's period start), 0
	// when unknown; results show it.
	Year int
}

// FacetNames lists the facets in display order: the blueprint fields the
// vocabulary makes facets of.
func FacetNames() []string { return vocab.FacetNames() }

// field is a text field of the index and its weight in ranking.
type field struct {
	name  string
	boost float64
	text  func(Document) string
}

// textFields is the ranking model, the one place it is written down. Both
// engines score a word in a document as bleve's TF-IDF does, summed over
// these fields with their boosts (bleve through its query boosts, the
// static export through the weights it computes, see exporter.weights):
// a word in the title counts most, then the names of the page's type,
// countries and regions, its headings, its summary, and last its body.
// Results then come in two groups, blueprints first and other pages
// (guides, lists, about) after them, each group by score (kindOrder).
func textFields() []field {
	return []field{
		{"title", 3, func(d Document) string { return d.Title }},
		{"names", 2.5, func(d Document) string { return strings.Join(d.Names, "\n") }},
		{"headings", 2, func(d Document) string { return strings.Join(d.Headings, "\n") }},
		{"summary", 1.5, func(d Document) string { return d.Summary }},
		{"body", 1, func(d Document) string { return d.Body }},
	}
}

// kindOrder groups results: blueprints before any other page, whatever
// their scores, so a guide that mentions a word many times never hides a
// blueprint about it. Kinds sort by name, and "blueprint" < "page".
const kindOrder = "kind"

// analyzerFor names the bleve analyzer of a language.
func analyzerFor(lang string) string {
	base, _, _ := strings.Cut(lang, "-")
	switch base {
	case "en", "fr", "es", "ru", "ar":
		return base
	case "zh", "ja", "ko":
		return "cjk"
	}
	return "standard"
}

// fold is how a word is looked up in the static shards, and must match
// fold() in the theme's search.js: compatibility decomposition, combining
// marks removed (accents, Arabic harakat, the hamza of أ and إ), lower case.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// lookupKeys are the keys under which a token's surface (the text the
// analyzer read, e.g. "d'amorçage" or "Kenya's") is found: its folded
// words, as search.js splits a query into words. Elided articles and
// possessive endings (one letter) are left out when there is a longer
// word; a surface of one short word (a CJK character) is kept as it is.
func lookupKeys(surface string) []string {
	words := strings.FieldsFunc(fold(surface), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && !unicode.Is(unicode.Mc, r)
	})
	if len(words) <= 1 {
		return words
	}
	var keys []string
	for _, w := range words {
		if utf8.RuneCountInString(w) > 1 {
			keys = append(keys, w)
		}
	}
	return keys
}

// shardPrefix is how many leading characters of a word choose its shard.
// Every word sharing them, and so every completion of what a reader has
// typed once it is that long, lives in one file. Two characters made
// lopsided shards (every word in "co…" or "pr…", every number in "32…" in
// one file); three spread them evenly.
const shardPrefix = 3

// shardOf picks the shard of a folded word from its first shardPrefix
// characters. It must match shardOf() in search.js.
func shardOf(key string, shards int) int {
	var prefix []rune
	for _, r := range key {
		prefix = append(prefix, r)
		if len(prefix) == shardPrefix {
			break
		}
	}
	h := uint32(2166136261) // FNV-1a over the UTF-8 bytes
	for _, c := range []byte(string(prefix)) {
		h ^= uint32(c)
		h *= 16777619
	}
	return int(h % uint32(shards))
}
