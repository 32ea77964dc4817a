package search

import (
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/registry"
)

// browserStems says whether search.js stems words of lang itself, as
// bleve's analyzer does (arabicStem in search.js ports bleve's Arabic
// normalizer and light stemmer), to find words the site never wrote in
// that form: الحاضنات when the site has only حاضنات. Other languages
// look words up as the site wrote them, which covers what readers type.
func browserStems(lang string) bool { return analyzerFor(lang) == "ar" }

// stopWords lists, folded and sorted, the words lang's analyzer drops, so
// that the browser ignores them in a query as bleve does instead of
// requiring a word no page has.
func stopWords(lang string) ([]string, error) {
	lists := map[string]func(map[string]any, *registry.Cache) (analysis.TokenMap, error){
		"en": en.TokenMapConstructor, "standard": en.TokenMapConstructor, "fr": fr.TokenMapConstructor,
		"es": es.TokenMapConstructor, "ru": ru.TokenMapConstructor, "ar": ar.TokenMapConstructor,
	}
	list := lists[analyzerFor(lang)]
	if list == nil {
		return []string{}, nil // the CJK analyzer drops no words
	}
	words, err := list(nil, nil)
	if err != nil {
		return nil, err
	}
	a, err := analyzer(lang)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for w := range words {
		if len(a.Analyze([]byte(w))) == 0 && !slices.Contains(out, fold(w)) {
			out = append(out, fold(w))
		}
	}
	slices.Sort(out)
	return out, nil
}

// kindGroups numbers the kinds of docs as bleve sorts them (kindOrder):
// by name, pages without a kind last. It returns the group of every
// document not in the first, by document index.
func kindGroups(docs []Document) map[string]int {
	var kinds []string
	for _, d := range docs {
		if d.Kind != "" && !slices.Contains(kinds, d.Kind) {
			kinds = append(kinds, d.Kind)
		}
	}
	slices.Sort(kinds)
	out := map[string]int{}
	for i, d := range docs {
		g := slices.Index(kinds, d.Kind)
		if d.Kind == "" {
			g = len(kinds)
		}
		if g > 0 {
			out[strconv.Itoa(i)] = g
		}
	}
	return out
}

// TagKey is what two ways of writing one tag have in common: its words
// (split at hyphens) as the English analyzer stems them, run together.
// co-working and coworking, incubators, incubator and incubation, seed-fund
// and seed-funding share a key; check suggests one tag for them all.
func TagKey(tag string) string {
	a, err := analyzer("en")
	if err != nil {
		return tag
	}
	var b strings.Builder
	for _, part := range strings.Split(strings.ToLower(tag), "-") {
		for _, tok := range a.Analyze([]byte(part)) {
			b.Write(tok.Term)
		}
		if len(a.Analyze([]byte(part))) == 0 {
			b.WriteString(part) // a stop word is still part of the tag
		}
	}
	return b.String()
}
