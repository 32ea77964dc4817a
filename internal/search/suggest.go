package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/openblueprints/blueprints/internal/diag"
)

// "Did you mean": when a query has a word the index does not know, both
// engines offer the query with that word replaced by the closest word the
// site does use. The candidates are the site's words as readers look them
// up (lookup keys, the static shards' keys) that begin with the same three
// characters: search.js has exactly those in the word's shard, so the two
// engines suggest the same. The closest is the one fewest edits away (at
// most one for a word of up to five characters, two beyond), then the
// first in byte order.

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

// suggest returns the closest word of vocabulary (sorted, newline-separated
// lookup keys) to word, a folded query word, or "".
func suggest(vocabulary []byte, word string) string {
	prefix := word
	if rs := []rune(word); len(rs) > shardPrefix {
		prefix = string(rs[:shardPrefix])
	}
	if utf8.RuneCountInString(prefix) < shardPrefix {
		return ""
	}
	limit := 1
	if utf8.RuneCountInString(word) > 5 {
		limit = 2
	}
	best, bestDist := "", limit+1
	// The words with the prefix are one run of the sorted list.
	i := bytes.Index(vocabulary, []byte("\n"+prefix))
	if bytes.HasPrefix(vocabulary, []byte(prefix)) {
		i = -1
	} else if i < 0 {
		return ""
	}
	for _, w := range strings.Split(string(vocabulary[i+1:]), "\n") {
		if !strings.HasPrefix(w, prefix) {
			break
		}
		if d := diag.EditDistance(w, word, bestDist); d < bestDist && w != word {
			best, bestDist = w, d
		}
	}
	return best
}
