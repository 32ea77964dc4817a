package search

import (
	"bytes"
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	"github.com/openblueprints/blueprints/internal/diag"
)

// "Did you mean": when a query has a word the index does not know, both
// engines offer the query with that word replaced by the closest word the
// site does use. The candidates are the site's words as readers look them
// up (lookup keys, the static shards' keys) that begin with the same three
// characters, or, for a word of four characters or more, end with the
// same three: a typo in the first three ("xncubator") still finds its
// word. search.js has exactly those: the first in the word's shard, the
// second in its vocabulary file (suffixShard), so the two engines suggest
// the same. The closest is the one fewest edits away (at most one for a
// word of up to five characters, two beyond), then the first in byte
// order.

// vocabularyKey names the bleve internal value that holds a language's
// lookup keys, newline-separated and sorted.
const vocabularyKey = "blueprints.vocabulary"

// vocabulary gathers the lookup keys of a language's documents, as the
// exporter makes them.
type vocabulary struct {
	termKeys bool
	keys     map[string]bool
	seen     map[string]bool // surfaces already split into keys
}

func newVocabulary(lang string) *vocabulary {
	return &vocabulary{termKeys: browserStems(lang), keys: map[string]bool{}, seen: map[string]bool{}}
}

func (v *vocabulary) add(a analyzed) {
	for surface, terms := range a.surfaces {
		if !v.seen[surface] {
			v.seen[surface] = true
			for _, k := range lookupKeys(surface) {
				v.keys[k] = true
			}
		}
		if v.termKeys {
			for _, t := range terms {
				v.keys[fold(t)] = true
			}
		}
	}
}

func (v *vocabulary) bytes() []byte {
	words := make([]string, 0, len(v.keys))
	for k := range v.keys {
		words = append(words, k)
	}
	slices.Sort(words)
	return []byte(strings.Join(words, "\n"))
}

// suggest returns the closest word of the vocabularies (each sorted,
// newline-separated lookup keys) to word, a folded query word, among those
// ok accepts, or "".
func suggest(word string, ok func(string) bool, vocabularies ...[]byte) string {
	rs := []rune(word)
	if len(rs) < shardPrefix {
		return ""
	}
	prefix, suffix := []byte(string(rs[:shardPrefix])), []byte(nil)
	if len(rs) > shardPrefix {
		suffix = []byte(string(rs[len(rs)-shardPrefix:]))
	}
	limit := 1
	if len(rs) > 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	consider := func(w string) {
		if w == word {
			return
		}
		d := diag.EditDistance(w, word, bestDist+1)
		if (d < bestDist || d == bestDist && best != "" && w < best) && ok(w) {
			best, bestDist = w, d
		}
	}
	// Words with the suffix are anywhere in a list, so it is read whole:
	// a fraction of a millisecond per thousand words, and only for a word
	// the site does not use.
	for _, vocabulary := range vocabularies {
		for rest := vocabulary; len(rest) > 0; {
			line := rest
			if i := bytes.IndexByte(rest, '\n'); i >= 0 {
				line, rest = rest[:i], rest[i+1:]
			} else {
				rest = nil
			}
			if bytes.HasPrefix(line, prefix) || suffix != nil && bytes.HasSuffix(line, suffix) {
				consider(string(line))
			}
		}
	}
	return best
}

// found returns whether a word of the vocabulary still finds something:
// its terms are in the index. After edits under "blueprints serve" the
// vocabulary may hold words no page has any more.
func found(a analysis.Analyzer, exists func(string) bool) func(string) bool {
	return func(w string) bool {
		tokens := a.Analyze([]byte(w))
		for _, tok := range tokens {
			if !exists(string(tok.Term)) {
				return false
			}
		}
		return len(tokens) > 0
	}
}

// suffixShard picks the vocabulary file of a folded word, from its last
// shardPrefix characters, among n; it must match suffixShard() in
// search.js.
func suffixShard(word string, n int) int {
	rs := []rune(word)
	return shardOf(string(rs[max(0, len(rs)-shardPrefix):]), n)
}
