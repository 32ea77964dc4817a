package search

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search/query"
)

// A reader's query, in both engines (this file and parse() in the theme's
// search.js, which must agree):
//
//   - words, all of which a result must contain (each as the analyzer
//     makes it: "incubators" finds "incubator"); words the analyzer drops
//     (the, de, في) are ignored;
//   - "quoted phrases", whose words must come in that order, next to each
//     other (a dropped word in between keeps its place);
//   - -word or -"phrase", which no result may contain.
//
// When no page has every word, the results are the pages with the most of
// them, and Result.Matched says how many that is. A finished word is never
// widened to the words it begins: "ICT4D" does not find "ICT".

// queryPart is a word or phrase of a query as the reader wrote it.
type queryPart struct {
	text    string
	phrase  bool
	exclude bool
}

// isQuote reports the quotation marks that open or close a phrase.
func isQuote(r rune) bool { return strings.ContainsRune("\"“”„«»", r) }

// splitQuery splits a reader's text into words and quoted phrases, each
// perhaps marked for exclusion by a leading '-'. An unclosed quote runs to
// the end. Nothing else is syntax.
func splitQuery(text string) []queryPart {
	var parts []queryPart
	rs := []rune(text)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var p queryPart
		if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) && rs[i+1] != '-' {
			p.exclude = true
			i++
		}
		if isQuote(rs[i]) {
			p.phrase = true
			i++
			start := i
			for i < len(rs) && !isQuote(rs[i]) {
				i++
			}
			p.text = string(rs[start:i])
			i++ // the closing quote
		} else {
			start := i
			for i < len(rs) && !unicode.IsSpace(rs[i]) && !isQuote(rs[i]) {
				i++
			}
			p.text = string(rs[start:i])
		}
		if strings.TrimSpace(p.text) != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// clause is one requirement of a query: any of a word's terms, or a
// phrase (analyzed again by bleve's phrase query, with the same analyzer).
type clause struct {
	terms  []string
	phrase string
	// unknown is, for a word the index lacks, the word as looked up
	// (folded), for "did you mean".
	unknown string
}

// plan is a query turned into clauses.
type plan struct {
	must    []clause
	mustNot []clause
	parts   []queryPart
	// words says whether the reader wrote anything at all; a query of
	// dropped words only (the) has no clause and finds nothing, an empty
	// one lists every page.
	words bool
}

// planQuery analyzes a reader's text with the language's analyzer.
// exists says whether a term is in the index, for Arabic's attached
// prepositions (see arabicAlternative).
func planQuery(a analysis.Analyzer, lang, text string, exists func(string) bool) plan {
	var p plan
	p.parts = splitQuery(text)
	for _, part := range p.parts {
		p.words = true
		tokens := a.Analyze([]byte(part.text))
		switch {
		case len(tokens) == 0:
			continue
		case part.exclude && len(tokens) == 1:
			p.mustNot = append(p.mustNot, clause{terms: []string{string(tokens[0].Term)}})
		case part.exclude || part.phrase && len(tokens) > 1:
			c := clause{phrase: part.text}
			if part.exclude {
				p.mustNot = append(p.mustNot, c)
			} else {
				p.must = append(p.must, c)
			}
		default:
			for _, tok := range tokens {
				c := clause{terms: []string{string(tok.Term)}}
				surface := part.text[tok.Start:tok.End]
				if alt := arabicAlternative(a, lang, surface, string(tok.Term), exists); alt != "" {
					c.terms = append(c.terms, alt)
				} else if keys := lookupKeys(surface); len(keys) == 1 && exists != nil && !exists(c.terms[0]) {
					c.unknown = keys[0]
				}
				p.must = append(p.must, c)
			}
		}
	}
	return p
}

// arabicPrepositions are the one-letter words Arabic writes joined to the
// next word (bi-, li-, ka-, fa-, wa-: "in", "for", "like", "so", "and").
// bleve's Arabic stemmer removes the article with them (بال, لل, وال) and
// و alone, but not the others: بتونس ("in Tunisia") stays one term.
const arabicPrepositions = "بلكفو"

// arabicAlternative is, for an Arabic word the index does not have, the
// term of the word without a leading preposition, when the index has that:
// بتونس finds تونس. search.js does the same.
func arabicAlternative(a analysis.Analyzer, lang, surface, term string, exists func(string) bool) string {
	if analyzerFor(lang) != "ar" || exists == nil || exists(term) {
		return ""
	}
	first, size := utf8.DecodeRuneInString(surface)
	if !strings.ContainsRune(arabicPrepositions, first) || utf8.RuneCountInString(surface) < 4 {
		return ""
	}
	tokens := a.Analyze([]byte(surface[size:]))
	if len(tokens) != 1 || !exists(string(tokens[0].Term)) {
		return ""
	}
	return string(tokens[0].Term)
}

// suggestion is the query with each unknown word replaced by the closest
// word of the vocabularies that ok accepts, or "" when there is none to
// offer. The words keep their quotes and minus signs; search.js writes it
// the same way.
func (p plan) suggestion(vocabularies [][]byte, ok func(string) bool) string {
	replace := map[string]string{}
	for _, c := range p.must {
		if c.unknown != "" {
			if s := suggest(c.unknown, ok, vocabularies...); s != "" {
				replace[c.unknown] = s
			}
		}
	}
	if len(replace) == 0 {
		return ""
	}
	var out []string
	for _, part := range p.parts {
		text := part.text
		if !part.phrase && !part.exclude {
			var words []string
			for _, w := range strings.Fields(text) {
				if r, ok := replace[fold(w)]; ok {
					w = r
				}
				words = append(words, w)
			}
			text = strings.Join(words, " ")
		}
		if part.phrase {
			text = `"` + text + `"`
		}
		if part.exclude {
			text = "-" + text
		}
		out = append(out, text)
	}
	return strings.Join(out, " ")
}

// query matches a clause in any text field, each with its boost.
func (c clause) query() query.Query {
	var fields []query.Query
	for _, f := range textFields() {
		if c.phrase != "" {
			q := bleve.NewMatchPhraseQuery(c.phrase)
			q.SetField(f.name)
			q.SetBoost(f.boost)
			fields = append(fields, q)
			continue
		}
		for _, term := range c.terms {
			q := bleve.NewTermQuery(term)
			q.SetField(f.name)
			q.SetBoost(f.boost)
			fields = append(fields, q)
		}
	}
	return bleve.NewDisjunctionQuery(fields...)
}

// textQuery is the plan as a bleve query that requires min of the must
// clauses (all of them, or fewer for the fallback) and none of the
// mustNot ones.
func (p plan) textQuery(min int) query.Query {
	b := bleve.NewBooleanQuery()
	switch {
	case len(p.must) > 0:
		var qs []query.Query
		for _, c := range p.must {
			qs = append(qs, c.query())
		}
		if min == len(p.must) {
			b.AddMust(bleve.NewConjunctionQuery(qs...))
		} else {
			d := bleve.NewDisjunctionQuery(qs...)
			d.SetMin(float64(min))
			b.AddMust(d)
		}
	case p.words && len(p.mustNot) == 0:
		return bleve.NewMatchNoneQuery()
	default:
		b.AddMust(bleve.NewMatchAllQuery())
	}
	for _, c := range p.mustNot {
		b.AddMustNot(c.query())
	}
	return b
}

// termExists returns whether a term is in any text field of idx.
func termExists(ctx context.Context, idx bleve.Index) func(string) bool {
	return func(term string) bool {
		req := bleve.NewSearchRequestOptions(clause{terms: []string{term}}.query(), 0, 0, false)
		res, err := idx.SearchInContext(ctx, req)
		return err == nil && res.Total > 0
	}
}
