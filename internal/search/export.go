package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
)

// Labels are the display names of facet values in one language:
// facet → value → label.
type Labels map[string]map[string]string

// ExportOptions tune Export. The zero value is ready to use.
type ExportOptions struct {
	// Offline makes result links name index.html, for sites read from disk.
	Offline bool
	// WordsPerShard sets how many distinct words share a shard file; 0
	// means 300.
	WordsPerShard int
}

// docsPerFile is how many documents' titles and summaries share a file;
// a query loads only the files of the results it shows.
const docsPerFile = 64

// analyzer returns the bleve analyzer of a language, the same one the
// index mapping uses.
func analyzer(lang string) (analysis.Analyzer, error) {
	a := bleve.NewIndexMapping().AnalyzerNamed(analyzerFor(lang))
	if a == nil {
		return nil, fmt.Errorf("search: no analyzer for %q", lang)
	}
	return a, nil
}

// postings of one analyzed term: document index → weight.
type postings map[int]float64

// fieldStats is the analysis of one field of one document.
type fieldStats struct {
	tf       map[string]int             // term → occurrences
	len      int                        // tokens
	surfaces map[string]map[string]bool // word as written → terms made of it
}

// analyzeAll analyzes every field of every document, in parallel: the
// analyzers are safe for concurrent use, and analysis is most of the work.
func analyzeAll(a analysis.Analyzer, docs []Document, fields []field) [][]fieldStats {
	stats := make([][]fieldStats, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				stats[i] = make([]fieldStats, len(fields))
				for f, fl := range fields {
					text := fl.text(docs[i])
					tokens := a.Analyze([]byte(text))
					st := fieldStats{tf: map[string]int{}, len: len(tokens), surfaces: map[string]map[string]bool{}}
					for _, tok := range tokens {
						term := string(tok.Term)
						st.tf[term]++
						surface := text[tok.Start:tok.End]
						if st.surfaces[surface] == nil {
							st.surfaces[surface] = map[string]bool{}
						}
						st.surfaces[surface][term] = true
					}
					stats[i][f] = st
				}
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	return stats
}

// Export writes the static search files of one language, under
// "search/<lang>/": meta.js (facets, shard count), shard-N.js (words →
// terms → weighted documents) and docs-N.js (titles, links, summaries).
// docs must all be in lang, in the order results should take on ties.
func Export(lang string, docs []Document, labels Labels, opts ExportOptions) (map[string][]byte, error) {
	if opts.WordsPerShard == 0 {
		opts.WordsPerShard = 300
	}
	a, err := analyzer(lang)
	if err != nil {
		return nil, err
	}
	fields := textFields()
	terms := map[string]postings{}            // analyzed term → weights
	words := map[string]map[string]bool{}     // folded surface word → terms
	df := make([]map[string]int, len(fields)) // per field: term → documents
	for f := range df {
		df[f] = map[string]int{}
	}
	stats := analyzeAll(a, docs, fields)
	keys := map[string][]string{} // surface as written → lookup keys, computed once
	for i := range docs {
		for f := range fields {
			st := stats[i][f]
			for surface, ts := range st.surfaces {
				ks, ok := keys[surface]
				if !ok {
					ks = lookupKeys(surface)
					keys[surface] = ks
				}
				for _, key := range ks {
					if words[key] == nil {
						words[key] = map[string]bool{}
					}
					for term := range ts {
						words[key][term] = true
					}
				}
			}
			for term := range st.tf {
				df[f][term]++
			}
		}
	}
	// Weights follow bleve's TF-IDF scoring of a match query on each
	// field: boost · √tf · 1/√(field length) · idf², idf = 1 + ln(N/(df+1)).
	n := float64(len(docs))
	for i := range docs {
		for f, fl := range fields {
			st := stats[i][f]
			for term, tf := range st.tf {
				idf := 1 + math.Log(n/float64(df[f][term]+1))
				w := fl.boost * math.Sqrt(float64(tf)) / math.Sqrt(float64(st.len)) * idf * idf
				if terms[term] == nil {
					terms[term] = postings{}
				}
				terms[term][i] += w
			}
		}
	}

	shards := max(1, len(words)/opts.WordsPerShard)
	type shard struct {
		Words map[string][]int `json:"w"` // folded word → indexes into Terms
		Terms []string         `json:"t"`
		Posts [][]float64      `json:"p"` // per term: doc, weight, doc, weight…
		index map[string]int
	}
	files := make([]*shard, shards)
	for i := range files {
		files[i] = &shard{Words: map[string][]int{}, index: map[string]int{}}
	}
	for _, word := range sortedKeys(words) {
		s := files[shardOf(word, shards)]
		for _, term := range sortedKeys(words[word]) {
			ti, ok := s.index[term]
			if !ok {
				ti = len(s.Terms)
				s.index[term] = ti
				s.Terms = append(s.Terms, term)
				s.Posts = append(s.Posts, flatten(terms[term]))
			}
			s.Words[word] = append(s.Words[word], ti)
		}
	}

	out := map[string][]byte{}
	dir := "search/" + lang + "/"
	for i, s := range files {
		js, err := script("shard", lang, i, s)
		if err != nil {
			return nil, err
		}
		out[dir+"shard-"+strconv.Itoa(i)+".js"] = js
	}
	for start := 0; start < len(docs); start += docsPerFile {
		var rows [][3]string
		for _, d := range docs[start:min(start+docsPerFile, len(docs))] {
			rows = append(rows, [3]string{d.ID, d.Title, d.Summary})
		}
		js, err := script("docs", lang, start/docsPerFile, rows)
		if err != nil {
			return nil, err
		}
		out[dir+"docs-"+strconv.Itoa(start/docsPerFile)+".js"] = js
	}
	meta, err := exportMeta(lang, docs, labels, shards, opts)
	if err != nil {
		return nil, err
	}
	out[dir+"meta.js"] = meta
	return out, nil
}

// facetMeta lists a facet's values (by index) and their labels.
type facetMeta struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Labels []string `json:"labels"`
}

type metaFile struct {
	Shards   int         `json:"shards"`
	Docs     int         `json:"docs"`
	PerFile  int         `json:"perFile"`
	Index    string      `json:"index"` // appended to result links: "" or "index.html"
	Facets   []facetMeta `json:"facets"`
	DocFacet [][][]int   `json:"df"` // per document, per facet: value indexes
}

func exportMeta(lang string, docs []Document, labels Labels, shards int, opts ExportOptions) ([]byte, error) {
	m := metaFile{Shards: shards, Docs: len(docs), PerFile: docsPerFile}
	if opts.Offline {
		m.Index = "index.html"
	}
	for _, name := range FacetNames() {
		seen := map[string]bool{}
		for _, d := range docs {
			for _, v := range d.Facets[name] {
				seen[v] = true
			}
		}
		fm := facetMeta{Name: name, Values: sortedKeys(seen)}
		slices.SortStableFunc(fm.Values, func(a, b string) int { return cmp.Compare(labels[name][a], labels[name][b]) })
		for _, v := range fm.Values {
			fm.Labels = append(fm.Labels, cmp.Or(labels[name][v], v))
		}
		m.Facets = append(m.Facets, fm)
	}
	for _, d := range docs {
		row := make([][]int, len(m.Facets))
		for f, fm := range m.Facets {
			row[f] = []int{}
			for _, v := range d.Facets[fm.Name] {
				row[f] = append(row[f], slices.Index(fm.Values, v))
			}
		}
		m.DocFacet = append(m.DocFacet, row)
	}
	return script("meta", lang, 0, m)
}

// script wraps data in a call to the client's loader. JSON from
// encoding/json escapes <, > and &, so no text can end the script early.
func script(kind, lang string, n int, data any) ([]byte, error) {
	js, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	langJS, _ := json.Marshal(lang)
	return fmt.Appendf(nil, "BPSearch.add(%q,%s,%d,%s);\n", kind, langJS, n, js), nil
}

// flatten writes postings as doc, weight pairs, heaviest first; weights
// keep four significant digits, which ranking does not notice.
func flatten(p postings) []float64 {
	docs := make([]int, 0, len(p))
	for d := range p {
		docs = append(docs, d)
	}
	slices.SortFunc(docs, func(a, b int) int { return cmp.Or(cmp.Compare(p[b], p[a]), cmp.Compare(a, b)) })
	out := make([]float64, 0, 2*len(docs))
	for _, d := range docs {
		w, _ := strconv.ParseFloat(strconv.FormatFloat(p[d], 'g', 4, 64), 64)
		out = append(out, float64(d), w)
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
