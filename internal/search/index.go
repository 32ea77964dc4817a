package search

import (
	"context"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ar" // registers the analyzers by name
	_ "github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/es"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/fr"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on what one query may cost; a reader's query is data, not code.
const (
	MaxQueryRunes = 256
	MaxResults    = 50
	MaxOffset     = 10000 // every result of a 10,000-page site is reachable
	maxTermSearch = 1024  // bleve term searchers per query (wildcards cannot appear, but expansion can)
	queryTimeout  = 2 * time.Second
)

// indexDoc is what bleve stores of a document, by field name: the text
// fields, the kind, each facet (vocabulary.FacetNames) and the year.
func toIndexDoc(d Document) map[string]any {
	doc := map[string]any{"kind": d.Kind}
	for _, f := range textFields() {
		doc[f.name] = f.text(d)
	}
	for _, name := range FacetNames() {
		if values := d.Facets[name]; len(values) > 0 {
			doc[name] = values
		}
	}
	if d.Year != 0 {
		doc["year"] = d.Year
	}
	return doc
}

// newMapping is the index mapping of one language: its analyzer on the
// text fields, keywords for the facets.
func newMapping(lang string) mapping.IndexMapping {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = analyzerFor(lang)
	doc := bleve.NewDocumentStaticMapping()
	// Every field is queried by name, so none goes into bleve's catch-all
	// "_all" field, which would index each word a second time. Text fields
	// are neither sorted nor faceted on, so they need no doc values; only
	// the fields excerpts come from need term vectors (word positions).
	for _, f := range textFields() {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = analyzerFor(lang)
		fm.Store = f.name == "title" || f.name == "summary" || f.name == "body"
		// Positions in every field, for phrase queries.
		fm.IncludeTermVectors = true
		fm.IncludeInAll = false
		fm.DocValues = false
		doc.AddFieldMappingsAt(f.name, fm)
	}
	for _, name := range append([]string{"kind"}, FacetNames()...) {
		fm := bleve.NewKeywordFieldMapping()
		fm.Store = name == "kind" || name == "type" || name == "country" // results say what they are
		fm.IncludeInAll = false
		doc.AddFieldMappingsAt(name, fm)
	}
	year := bleve.NewNumericFieldMapping()
	year.Index = false
	year.IncludeInAll = false
	year.DocValues = false
	doc.AddFieldMappingsAt("year", year)
	m.DefaultMapping = doc
	return m
}

// Index is the bleve index of every language of a site.
type Index struct {
	scratch string // a directory Close removes, for NewScratch

	mu     sync.Mutex // Put and Delete run while searches do
	byLang map[string]bleve.Index
	// added holds, by language, the lookup keys of documents Put since
	// the index was made, which its stored vocabulary lacks: "did you
	// mean" knows the words of an edit at once. (Words an edit removed
	// stay in the list; suggest offers only words the index still has.)
	added map[string]*vocabulary
}

// language returns the index of lang, or nil.
func (ix *Index) language(lang string) bleve.Index {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return ix.byLang[lang]
}

// Writer builds the bleve indexes of a site on disk, one per language.
// Export feeds it (ExportOptions.Index); languages may be fed
// concurrently, each by one caller.
type Writer struct {
	dir    string
	mu     sync.Mutex
	byLang map[string]bleve.Index
}

// Create starts an on-disk index in dir, one sub-directory per language.
// dir must not exist yet.
func Create(dir string) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Writer{dir: dir, byLang: map[string]bleve.Index{}}, nil
}

func (w *Writer) language(lang string) (bleve.Index, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if idx, ok := w.byLang[lang]; ok {
		return idx, nil
	}
	idx, err := bleve.New(filepath.Join(w.dir, lang), newMapping(lang))
	if err != nil {
		return nil, fmt.Errorf("search index %s: %w", lang, err)
	}
	w.byLang[lang] = idx
	return idx, nil
}

// Index hands the indexes over for searching; the Writer is done.
func (w *Writer) Index() *Index {
	w.mu.Lock()
	defer w.mu.Unlock()
	ix := &Index{byLang: w.byLang}
	w.byLang = map[string]bleve.Index{}
	return ix
}

// Close finishes writing (on disk, the files are complete afterwards).
func (w *Writer) Close() error { return w.Index().Close() }

// Add analyzes docs and adds them to their languages' indexes.
func (w *Writer) Add(docs []Document) error {
	byLang := map[string][]Document{}
	var langs []string
	for _, d := range docs {
		if byLang[d.Lang] == nil {
			langs = append(langs, d.Lang)
		}
		byLang[d.Lang] = append(byLang[d.Lang], d)
	}
	for _, lang := range langs {
		if err := analyzeLanguage(w, lang, byLang[lang], nil); err != nil {
			return err
		}
	}
	return nil
}

// NewScratch builds an index of docs in a new directory under parent,
// searchable and updatable at once, which Close removes. The development
// server and tests use it. It is on disk because bleve's in-memory index
// keeps every segment and every merge on the heap (over 12 GB at 17,000
// pages), where on disk they are files the kernel pages in and out.
func NewScratch(parent string, docs []Document) (*Index, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, ".index-scratch-")
	if err != nil {
		return nil, err
	}
	w, err := Create(filepath.Join(dir, "i"))
	if err == nil {
		err = w.Add(docs)
	}
	if err != nil {
		if w != nil {
			w.Close()
		}
		os.RemoveAll(dir)
		return nil, err
	}
	ix := w.Index()
	ix.scratch = dir
	return ix, nil
}

// Open opens, read-only, the index of a finished build: dir holds one
// sub-directory per language, written by Create and closed ("blueprints
// build" writes it beside the old one and swaps it in). "blueprints
// search" queries it; it takes no Put or Delete.
func Open(dir string) (*Index, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("no search index in %s (run blueprints build first): %w", dir, err)
	}
	ix := &Index{byLang: map[string]bleve.Index{}}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		idx, err := bleve.OpenUsing(filepath.Join(dir, e.Name()), map[string]any{"read_only": true})
		if err != nil {
			ix.Close()
			return nil, fmt.Errorf("open search index %s: %w", e.Name(), err)
		}
		ix.byLang[e.Name()] = idx
	}
	return ix, nil
}

// Close releases the index files.
func (ix *Index) Close() error {
	var first error
	for _, idx := range ix.byLang {
		if err := idx.Close(); err != nil && first == nil {
			first = err
		}
	}
	if ix.scratch != "" {
		if err := os.RemoveAll(ix.scratch); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// Put indexes (or re-indexes) one document; the watch mode calls it after
// an edit.
func (ix *Index) Put(d Document) error {
	a, err := analyzer(d.Lang)
	if err != nil {
		return err
	}
	analysis := analyzeDocument(a, textFields(), d) // outside the lock searches take
	ix.mu.Lock()
	idx, ok := ix.byLang[d.Lang]
	if !ok {
		if idx, err = bleve.NewMemOnly(newMapping(d.Lang)); err != nil {
			ix.mu.Unlock()
			return err
		}
		ix.byLang[d.Lang] = idx
	}
	if ix.added == nil {
		ix.added = map[string]*vocabulary{}
	}
	words := ix.added[d.Lang]
	if words == nil {
		words = newVocabulary(d.Lang)
		ix.added[d.Lang] = words
	}
	words.add(analysis)
	ix.mu.Unlock()
	return idx.Index(d.ID, toIndexDoc(d))
}

// Delete removes one document.
func (ix *Index) Delete(lang, id string) error {
	if idx := ix.language(lang); idx != nil {
		return idx.Delete(id)
	}
	return nil
}

// vocabulary is the sorted lookup keys of lang: those stored when the
// index was made, and those of documents Put since.
func (ix *Index) vocabulary(lang string, idx bleve.Index) [][]byte {
	stored, _ := idx.GetInternal([]byte(vocabularyKey))
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if words := ix.added[lang]; words != nil {
		return [][]byte{stored, words.bytes()}
	}
	return [][]byte{stored}
}

// Query is a reader's search.
type Query struct {
	Lang    string
	Text    string              // the reader's words; never parsed as query syntax
	Filters map[string][]string // facet → accepted values (any of them)
	Size    int                 // results wanted; capped at MaxResults, 10 when 0
	From    int                 // offset; capped at MaxOffset
}

// Result is one page of ranked results with facet counts.
type Result struct {
	Total uint64 // results in all, every one reachable with From
	// Words is how many words and phrases the query requires; Matched is
	// how many of them each result has: fewer than Words when no page has
	// them all and the results are those with the most.
	Words, Matched int
	// Suggestion is the query with the words the site does not use
	// replaced by the closest ones it does ("did you mean"), or "".
	Suggestion string
	Hits       []Hit
	Facets     map[string][]FacetCount
}

// Hit is one result. Excerpt holds text with the matched words between
// MarkStart and MarkEnd.
type Hit struct {
	ID   string
	Kind string // "blueprint" or "page"
	// Type, Countries (ISO codes, lower case) and Year (the initiative's
	// start, 0 when unknown) say what a blueprint is.
	Type      string
	Countries []string
	Year      int
	Title     string
	Summary   string
	Score     float64
	Excerpt   string
}

// FacetCount is how many results have one facet value.
type FacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// MarkStart and MarkEnd delimit highlighted words in excerpts.
const (
	MarkStart = "\x02"
	MarkEnd   = "\x03"
)

// Search runs q. An empty text lists everything that passes the filters.
func (ix *Index) Search(ctx context.Context, q Query) (*Result, error) {
	idx := ix.language(q.Lang)
	if idx == nil {
		return nil, fmt.Errorf("no search index for language %q", q.Lang)
	}
	a, err := analyzer(q.Lang)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, queryTimeout)
	defer cancel()
	ctx = context.WithValue(ctx, bsearch.MaxTermSearchersKey, maxTermSearch)
	exists := termExists(ctx, idx)
	p := planQuery(a, q.Lang, queryText(q.Text), exists)
	res, matched, err := searchMost(ctx, idx, p, q)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	out := &Result{Total: res.Total, Words: len(p.must), Matched: matched, Facets: facetCounts(res.Facets)}
	if matched < len(p.must) || res.Total == 0 {
		out.Suggestion = p.suggestion(ix.vocabulary(q.Lang, idx), found(a, exists))
	}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitOf(h))
	}
	return out, nil
}

// queryText trims the reader's text and caps it at MaxQueryRunes, so no
// query costs more than the longest a reader needs.
func queryText(text string) string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) > MaxQueryRunes {
		text = string([]rune(text)[:MaxQueryRunes])
	}
	return text
}

// searchMost asks for pages with every word of p first; when none has
// them all, for the pages with the most of them. It returns how many
// words the results have: 0 when there are none.
func searchMost(ctx context.Context, idx bleve.Index, p plan, q Query) (*bleve.SearchResult, int, error) {
	matched := len(p.must)
	res, err := idx.SearchInContext(ctx, searchRequest(p, q, matched))
	for err == nil && res.Total == 0 && matched > 1 {
		matched--
		res, err = idx.SearchInContext(ctx, searchRequest(p, q, matched))
	}
	if err != nil {
		return nil, 0, err
	}
	if res.Total == 0 {
		matched = 0
	}
	return res, matched, nil
}

// searchRequest is the bleve request for q's page of results having at
// least `least` of p's words and passing every filter, with the fields,
// excerpts and facet counts a Result shows.
func searchRequest(p plan, q Query, least int) *bleve.SearchRequest {
	size := q.Size
	if size <= 0 {
		size = 10
	}
	must := append([]query.Query{p.textQuery(least)}, filterQueries(q.Filters)...)
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(must...), min(size, MaxResults), min(max(q.From, 0), MaxOffset), false)
	req.Fields = []string{"title", "summary", "kind", "type", "country", "year"}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField("summary")
	req.Highlight.AddField("body")
	// Without words every result scores the same: list them by kind, then
	// in a stable order.
	if len(p.must) == 0 {
		req.SortBy([]string{kindOrder, "_id"})
	} else {
		req.SortBy([]string{kindOrder, "-_score", "_id"})
	}
	for _, name := range FacetNames() {
		req.AddFacet(name, bleve.NewFacetRequest(name, 100))
	}
	return req
}

// filterQueries is one query per filtered facet, matching any of its
// accepted values; facets come in FacetNames order.
func filterQueries(filters map[string][]string) []query.Query {
	var out []query.Query
	for _, name := range FacetNames() {
		values := filters[name]
		if len(values) == 0 {
			continue
		}
		var any []query.Query
		for _, v := range values {
			t := bleve.NewTermQuery(v)
			t.SetField(name)
			any = append(any, t)
		}
		out = append(out, bleve.NewDisjunctionQuery(any...))
	}
	return out
}

// hitOf reads a result's stored fields and its first excerpt, the body's
// before the summary's.
func hitOf(h *bsearch.DocumentMatch) Hit {
	hit := Hit{ID: h.ID, Score: h.Score}
	hit.Kind, _ = h.Fields["kind"].(string)
	hit.Type, _ = h.Fields["type"].(string)
	hit.Countries = storedStrings(h.Fields["country"])
	if y, ok := h.Fields["year"].(float64); ok {
		hit.Year = int(y)
	}
	hit.Title, _ = h.Fields["title"].(string)
	hit.Summary, _ = h.Fields["summary"].(string)
	for _, field := range []string{"body", "summary"} {
		if frags := h.Fragments[field]; len(frags) > 0 {
			hit.Excerpt = plainFragment(frags[0])
			break
		}
	}
	return hit
}

// storedStrings reads a stored text field: bleve returns one value as a
// string and several as a list.
func storedStrings(v any) []string {
	var out []string
	switch c := v.(type) {
	case string:
		out = []string{c}
	case []any:
		for _, v := range c {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// facetCounts turns bleve's facet results into counts by facet, the most
// frequent values first (ties in bleve's order).
func facetCounts(facets bsearch.FacetResults) map[string][]FacetCount {
	out := map[string][]FacetCount{}
	for name, f := range facets {
		var counts []FacetCount
		for _, t := range f.Terms.Terms() {
			counts = append(counts, FacetCount{Value: t.Term, Count: t.Count})
		}
		slices.SortStableFunc(counts, func(a, b FacetCount) int { return b.Count - a.Count })
		out[name] = counts
	}
	return out
}

// plainFragment turns bleve's HTML fragment into text with MarkStart and MarkEnd around
// the matched words; callers escape it for their own output.
func plainFragment(frag string) string {
	frag = strings.ReplaceAll(frag, "<mark>", MarkStart)
	frag = strings.ReplaceAll(frag, "</mark>", MarkEnd)
	return strings.TrimSpace(html.UnescapeString(frag))
}

// Segment is a piece of an excerpt, highlighted or not, for callers that
// build their own markup.
type Segment struct {
	Text string `json:"text"`
	Mark bool   `json:"mark,omitempty"`
}

// Segments splits the excerpt at its marks.
func (h Hit) Segments() []Segment {
	var out []Segment
	rest := h.Excerpt
	for rest != "" {
		i := strings.Index(rest, MarkStart)
		if i < 0 {
			out = append(out, Segment{Text: rest})
			break
		}
		if i > 0 {
			out = append(out, Segment{Text: rest[:i]})
		}
		rest = rest[i+len(MarkStart):]
		j := strings.Index(rest, MarkEnd)
		if j < 0 {
			j = len(rest)
		}
		out = append(out, Segment{Text: rest[:j], Mark: true})
		rest = strings.TrimPrefix(rest[j:], MarkEnd)
	}
	return out
}
