package search

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// Labels are the display names of facet values in one language:
// facet → value → label.
type Labels map[string]map[string]string

// Dir is the folder of the built site that Export puts a language's
// files in, slash-separated and ending in a slash.
func Dir(lang string) string { return "search/" + lang + "/" }

// ExportOptions tune Export. The zero value is ready to use.
type ExportOptions struct {
	// Offline makes result links name index.html, for sites read from disk.
	Offline bool
	// WordsPerShard sets how many distinct words share a shard file; 0
	// means 300.
	WordsPerShard int
	// WordsPerVocabFile sets about how many words share a vocabulary
	// file ("did you mean"); 0 means 1000.
	WordsPerVocabFile int
	// HeadPostings sets how many of a term's documents, the heaviest, its
	// shard carries; the rest go to a tail file that only queries of
	// several terms or with filters load. 0 means 50.
	HeadPostings int
	// Sort, when set, sorts facet values into the language's alphabetical
	// order of key(value), their labels; else by byte order. SDGs are
	// sorted by number whatever it is.
	Sort func(values []string, key func(string) string)
	// Index, when set, also receives the documents, from the same
	// analysis: nothing is analyzed twice, and the two indexes cannot
	// disagree about what a word became.
	Index *Writer
}

// docsPerFile is how many documents' rows (title, summary, facets, year
// and the opening of the body, excerptSource) share a file; a query loads
// only the files of the results it shows, about one file per result on a
// large site, so the files are small.
const docsPerFile = 4

// pageSize is how many results the client shows at once; it must match
// search.js. A term in no more documents than that needs no facet counts
// of its own: the client loads every one of its documents' rows anyway.
const pageSize = 20

// posting is one field of one document in which a term occurs; its
// positions are exporter.positions[pos:pos+tf].
type posting struct {
	doc   int32
	field uint8
	tf    uint32
	pos   uint32
}

// positionBits packs a field and a position in it: field·2²⁰ + position,
// so a phrase's next word is one more and never crosses into another
// field. search.js decodes the same from the position files.
const positionBits = 20

// posChunk is about how many bytes of positions share a file. Only phrase
// queries load positions, and only their words' chunks.
const posChunk = 16 << 10

// exporter gathers the analysis of a language's documents, one at a time,
// into what the shards need: compact postings per term (a few bytes per
// term and document, so memory stays small at tens of thousands of pages)
// and the lookup keys of every word as written.
type exporter struct {
	fields  []field
	termIDs map[string]int32
	terms   []string
	posts   [][]posting         // by term ID, in document order
	lengths [][]int32           // by document, by field: tokens
	words   map[string][]int32  // folded lookup key → term IDs
	keys    map[string][]string // word as written → lookup keys, computed once
	// positions of every posting, one after the other (see posting.pos):
	// one array rather than a slice per posting keeps memory small.
	positions []uint32
	// termKeys makes every term a lookup key of its own, for languages
	// whose stemmer search.js runs on words the site does not contain.
	termKeys bool
	groups   []int // by document: its kind's group (kindGroups)
}

func newExporter(lang string, docs int) *exporter {
	return &exporter{
		termKeys: browserStems(lang),
		fields:   textFields(),
		termIDs:  map[string]int32{},
		lengths:  make([][]int32, 0, docs),
		words:    map[string][]int32{},
		keys:     map[string][]string{},
	}
}

func (e *exporter) termID(term string) int32 {
	id, ok := e.termIDs[term]
	if !ok {
		id = int32(len(e.terms))
		e.termIDs[term] = id
		e.terms = append(e.terms, term)
		e.posts = append(e.posts, nil)
	}
	return id
}

// add takes the next document's analysis; documents come in order.
func (e *exporter) add(a analyzed) {
	doc := int32(len(e.lengths))
	lengths := make([]int32, len(e.fields))
	for f, af := range a.fields {
		lengths[f] = int32(af.length)
		for term, freq := range af.freqs {
			id := e.termID(term)
			pos := uint32(len(e.positions))
			for _, loc := range freq.Locations {
				e.positions = append(e.positions, uint32(min(loc.Position, 1<<positionBits-1)))
			}
			e.posts[id] = append(e.posts[id], posting{doc: doc, field: uint8(f), tf: uint32(len(e.positions)) - pos, pos: pos})
			if e.termKeys {
				key := fold(term)
				if !slices.Contains(e.words[key], id) {
					e.words[key] = append(e.words[key], id)
				}
			}
		}
	}
	e.lengths = append(e.lengths, lengths)
	for surface, terms := range a.surfaces {
		keys, ok := e.keys[surface]
		if !ok {
			keys = lookupKeys(surface)
			e.keys[surface] = keys
		}
		for _, term := range terms {
			id := e.termID(term)
			for _, key := range keys {
				if !slices.Contains(e.words[key], id) {
					e.words[key] = append(e.words[key], id)
				}
			}
		}
	}
}

// weights returns a term's documents with their weights, heaviest first,
// as doc, weight, doc, weight… Weights follow bleve's TF-IDF scoring of a
// match query on each field: boost · √tf · 1/√(field length) · idf²,
// idf = 1 + ln(N/(df+1)), summed over the fields and scaled by the share
// of fields that matched.
func (e *exporter) weights(id int32) []float64 {
	posts := e.posts[id]
	df := make([]int, len(e.fields))
	for _, p := range posts {
		df[p.field]++
	}
	n := float64(len(e.lengths))
	type weighted struct {
		doc    int32
		w      float64
		fields int
	}
	var docs []weighted
	for _, p := range posts {
		idf := 1 + math.Log(n/float64(df[p.field]+1))
		w := e.fields[p.field].boost * math.Sqrt(float64(p.tf)) / math.Sqrt(float64(e.lengths[p.doc][p.field])) * idf * idf
		if len(docs) > 0 && docs[len(docs)-1].doc == p.doc { // postings are in document order
			docs[len(docs)-1].w += w
			docs[len(docs)-1].fields++
		} else {
			docs = append(docs, weighted{p.doc, w, 1})
		}
	}
	// bleve's disjunction over the fields scales the sum by the share of
	// fields that matched (its "coord" factor).
	for i := range docs {
		docs[i].w *= float64(docs[i].fields) / float64(len(e.fields))
	}
	// Results come in groups by kind, then by weight (textFields).
	slices.SortFunc(docs, func(a, b weighted) int {
		return cmp.Or(cmp.Compare(e.groups[a.doc], e.groups[b.doc]), cmp.Compare(b.w, a.w), cmp.Compare(a.doc, b.doc))
	})
	out := make([]float64, 0, 2*len(docs))
	for _, d := range docs {
		// Four significant digits, which ranking does not notice.
		w, _ := strconv.ParseFloat(strconv.FormatFloat(d.w, 'g', 4, 64), 64)
		out = append(out, float64(d.doc), w)
	}
	return out
}

// appendPositions writes a term's positions as JSON: doc, [positions],
// doc, [positions]…, in document order. In a document's list, -(f+1)
// starts field f's positions, which follow as differences from the one
// before: [-1,3,-5,2,10] is title position 3, body positions 2 and 12.
// Written by hand: reflection over millions of small arrays would be a
// large part of a big site's build.
func (e *exporter) appendPositions(b []byte, id int32) []byte {
	b = append(b, '[')
	prevDoc := int32(-1)
	for _, p := range e.posts[id] { // in document order, then field order
		if p.doc != prevDoc {
			if prevDoc >= 0 {
				b = append(b, "],"...)
			}
			b = strconv.AppendInt(b, int64(p.doc), 10)
			b = append(b, ",["...)
			prevDoc = p.doc
		} else {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, -int64(p.field)-1, 10)
		last := uint32(0)
		for _, x := range e.positions[p.pos : p.pos+p.tf] {
			b = append(b, ',')
			b = strconv.AppendUint(b, uint64(x-last), 10)
			last = x
		}
	}
	if prevDoc >= 0 {
		b = append(b, ']')
	}
	return append(b, ']')
}

// Export writes the static search files of one language, under
// "search/<lang>/": meta (facets, shard count), shard-N (words → terms →
// weighted documents), tail-N (the rest of long posting lists), docs-N
// (titles, links, summaries, facets, years, body openings), facets (every document's) and
// vocab-N (words by their last three characters, for "did you mean"). They
// are named .min.js: encoding/json already wrote them as small as they
// get, and minifying megabytes of array literals is most of a build's
// minify time.
// docs must all be in lang, in the order results should take on ties.
//
// It works in passes: analysis into compact postings (collectPostings),
// per-term results laid out by shard (buildShards), then encoding of
// every file.
func Export(lang string, docs []Document, labels Labels, opts ExportOptions) (map[string][]byte, error) {
	opts = opts.withDefaults()
	e, groups, err := collectPostings(lang, docs, opts.Index)
	if err != nil {
		return nil, err
	}
	m, err := languageMeta(lang, docs, labels, groups, opts)
	if err != nil {
		return nil, err
	}
	files, chunks := e.buildShards(m, opts.WordsPerShard, opts.HeadPostings)

	out := map[string][]byte{}
	dir := Dir(lang)
	if err := encodeShards(out, dir, lang, files); err != nil {
		return nil, err
	}
	encodePositions(out, dir, lang, chunks)
	if err := encodeDocs(out, dir, lang, docs, m.docFacets); err != nil {
		return nil, err
	}
	vocab, err := vocabFiles(lang, e.words, opts.WordsPerVocabFile)
	if err != nil {
		return nil, err
	}
	for n, js := range vocab {
		out[dir+"vocab-"+strconv.Itoa(n)+".min.js"] = js
	}
	m.Vocab = len(vocab)
	m.Shards = len(files)
	if err := encodeMeta(out, dir, lang, m); err != nil {
		return nil, err
	}
	return out, nil
}

// withDefaults fills in the zero options with the values ExportOptions
// documents.
func (opts ExportOptions) withDefaults() ExportOptions {
	if opts.WordsPerShard == 0 {
		opts.WordsPerShard = 300
	}
	if opts.HeadPostings == 0 {
		opts.HeadPostings = 50
	}
	if opts.WordsPerVocabFile == 0 {
		opts.WordsPerVocabFile = 1000
	}
	return opts
}

// collectPostings is the analysis pass: it analyzes every document once
// (also into index, when set) and keeps only the compact postings and
// lookup keys the shards need. It returns the kind group of every
// document that is not in group 0 (kindGroups), which ranking and the
// client both need.
func collectPostings(lang string, docs []Document, index *Writer) (*exporter, map[string]int, error) {
	e := newExporter(lang, len(docs))
	e.groups = make([]int, len(docs))
	groups := kindGroups(docs)
	for d, g := range groups {
		i, _ := strconv.Atoi(d)
		e.groups[i] = g
	}
	if err := analyzeLanguage(index, lang, docs, e.add); err != nil {
		return nil, nil, err
	}
	return e, groups, nil
}

// languageMeta is the meta file of lang but for the file counts, which
// are known only once the files are laid out.
func languageMeta(lang string, docs []Document, labels Labels, groups map[string]int, opts ExportOptions) (*metaFile, error) {
	m := newMeta(docs, labels, opts)
	m.Groups = groups
	stop, err := stopWords(lang)
	if err != nil {
		return nil, err
	}
	m.Stop = stop
	m.Stems = browserStems(lang)
	return m, nil
}

// exportShard is one shard-N file: the words whose lookup key falls in the
// shard (shardOf), their terms, and each term's results.
type exportShard struct {
	Words map[string][]int `json:"w"` // folded word → indexes into Terms
	Terms []string         `json:"t"`
	// Per term: the heaviest documents as doc, weight, doc, weight…
	// (the rest, when there are more, in the shard's tail file); how
	// many documents have the term in all; and, when that is more than
	// a page of results, their facet counts (else null).
	Posts  [][]float64 `json:"p"`
	Docs   []int       `json:"n"`
	Counts [][][]int   `json:"c"`
	tail   map[string][]float64
	// Per term: the position file (posChunks) that holds its
	// positions, for phrases.
	Pos   []int         `json:"q"`
	index map[int32]int // term ID → index into Terms
}

// termResults is what a shard carries of one term: its heaviest
// documents (head), the rest (tail, nil when none), how many documents
// have it, and their facet counts when they are more than a page.
type termResults struct {
	head, tail []float64
	docs       int
	counts     [][]int
}

// buildShards lays the words out into shard files in sorted order, each
// term of a shard with its results once, and its positions into chunk
// files. Sorting the words (and a word's terms) keeps the files the same
// from build to build.
func (e *exporter) buildShards(m *metaFile, wordsPerShard, headPostings int) ([]*exportShard, *posChunks) {
	files := make([]*exportShard, max(1, len(e.words)/wordsPerShard))
	for i := range files {
		files[i] = &exportShard{Words: map[string][]int{}, tail: map[string][]float64{}, index: map[int32]int{}}
	}
	chunks := &posChunks{open: map[int]int{}}
	for _, word := range slices.Sorted(maps.Keys(e.words)) {
		i := shardOf(word, len(files))
		s := files[i]
		ids := e.words[word]
		slices.SortFunc(ids, func(a, b int32) int { return cmp.Compare(e.terms[a], e.terms[b]) })
		for _, id := range ids {
			ti, ok := s.index[id]
			if !ok {
				ti = s.addTerm(id, e.terms[id], e.results(id, m, headPostings))
				s.Pos = append(s.Pos, chunks.add(i, ti, e.appendPositions(nil, id)))
			}
			s.Words[word] = append(s.Words[word], ti)
		}
	}
	return files, chunks
}

// results computes a term's results: its weighted documents, split after
// the headPostings heaviest, and their facet counts when the client
// could not count them from the rows of one page.
func (e *exporter) results(id int32, m *metaFile, headPostings int) termResults {
	all := e.weights(id)
	r := termResults{head: all[:min(len(all), 2*headPostings)], docs: len(all) / 2}
	if len(r.head) < len(all) {
		r.tail = all[len(r.head):]
	}
	if r.docs > pageSize {
		r.counts = m.counts(all)
	}
	return r
}

// addTerm appends a term and its results to the shard and returns its
// index there; the caller appends its position file.
func (s *exportShard) addTerm(id int32, term string, r termResults) int {
	ti := len(s.Terms)
	s.index[id] = ti
	s.Terms = append(s.Terms, term)
	if len(r.tail) > 0 {
		s.tail[strconv.Itoa(ti)] = r.tail
	}
	s.Posts = append(s.Posts, r.head)
	s.Docs = append(s.Docs, r.docs)
	s.Counts = append(s.Counts, r.counts)
	return ti
}

// encodeShards writes shard-N, and tail-N for the shards whose terms
// have more documents than their heads carry.
func encodeShards(out map[string][]byte, dir, lang string, files []*exportShard) error {
	for i, s := range files {
		js, err := script("shard", lang, i, s)
		if err != nil {
			return err
		}
		out[dir+"shard-"+strconv.Itoa(i)+".min.js"] = js
		if len(s.tail) > 0 {
			if js, err = script("tail", lang, i, s.tail); err != nil {
				return err
			}
			out[dir+"tail-"+strconv.Itoa(i)+".min.js"] = js
		}
	}
	return nil
}

// encodePositions writes pos-N. The chunks are JSON already
// (appendPositions), so they are only wrapped, not marshalled again.
func encodePositions(out map[string][]byte, dir, lang string, chunks *posChunks) {
	for n, c := range chunks.files {
		langJS, _ := json.Marshal(lang)
		js := fmt.Appendf(nil, "BPSearch.add(\"pos\",%s,%d,{%s});\n", langJS, n, c)
		out[dir+"pos-"+strconv.Itoa(n)+".min.js"] = js
	}
}

// encodeDocs writes docs-N: the rows of docsPerFile documents each, what
// the client shows of a result.
func encodeDocs(out map[string][]byte, dir, lang string, docs []Document, docFacets [][][]int) error {
	for start := 0; start < len(docs); start += docsPerFile {
		var rows [][6]any
		for i, d := range docs[start:min(start+docsPerFile, len(docs))] {
			rows = append(rows, [6]any{d.ID, d.Title, d.Summary, docFacets[start+i], d.Year, excerptSource(d.Body)})
		}
		js, err := script("docs", lang, start/docsPerFile, rows)
		if err != nil {
			return err
		}
		out[dir+"docs-"+strconv.Itoa(start/docsPerFile)+".min.js"] = js
	}
	return nil
}

// encodeMeta writes meta and facets.
func encodeMeta(out map[string][]byte, dir, lang string, m *metaFile) error {
	meta, err := script("meta", lang, 0, m)
	if err != nil {
		return err
	}
	out[dir+"meta.min.js"] = meta
	// Every document's facet values, for counting and filtering results
	// of queries the shards' own counts do not cover.
	facets, err := script("facets", lang, 0, m.docFacets)
	if err != nil {
		return err
	}
	out[dir+"facets.min.js"] = facets
	return nil
}

// vocabFiles lists the words of three characters or more by their last
// three (suffixShard), sorted, for "did you mean" when a reader's word has
// a typo in its first three: the shards hold the words by their first
// three.
func vocabFiles(lang string, words map[string][]int32, perFile int) ([][]byte, error) {
	var long []string
	for w := range words {
		if utf8.RuneCountInString(w) >= shardPrefix {
			long = append(long, w)
		}
	}
	slices.Sort(long)
	lists := make([][]string, max(1, len(long)/perFile))
	for i := range lists {
		lists[i] = []string{}
	}
	for _, w := range long {
		n := suffixShard(w, len(lists))
		lists[n] = append(lists[n], w)
	}
	files := make([][]byte, len(lists))
	for n, list := range lists {
		js, err := script("vocab", lang, n, list)
		if err != nil {
			return nil, err
		}
		files[n] = js
	}
	return files, nil
}

// posChunks gathers the position lists of terms into files of about
// posChunk bytes; a file holds terms of one shard, by their index there.
type posChunks struct {
	files [][]byte
	open  map[int]int // shard → the file it is filling
}

// add puts a term's positions (JSON) in a file and returns the file.
func (c *posChunks) add(shard, term int, positions []byte) int {
	n, ok := c.open[shard]
	if !ok || len(c.files[n]) >= posChunk {
		n = len(c.files)
		c.files = append(c.files, nil)
		c.open[shard] = n
	}
	if len(c.files[n]) > 0 {
		c.files[n] = append(c.files[n], ',')
	}
	c.files[n] = append(append(strconv.AppendQuote(c.files[n], strconv.Itoa(term)), ':'), positions...)
	return n
}

// facetMeta lists a facet's values (by index) and their labels.
type facetMeta struct {
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Labels []string `json:"labels"`
}

type metaFile struct {
	Shards  int         `json:"shards"`
	Vocab   int         `json:"vocab"` // vocabulary files (vocabFiles)
	Docs    int         `json:"docs"`
	PerFile int         `json:"perFile"`
	Index   string      `json:"index"` // appended to result links: "" or "index.html"
	Facets  []facetMeta `json:"facets"`
	// Stop lists the folded words the analyzer drops, which a query
	// ignores rather than requires.
	Stop []string `json:"stop"`
	// Stems says search.js stems this language's words itself (Arabic):
	// every analyzed term is then a lookup key too.
	Stems bool `json:"stems"`
	// Groups puts results of other kinds than the first (blueprints)
	// after it: document → group, for documents not in group 0.
	Groups map[string]int `json:"groups"`
	// docFacets lists each document's values, per facet, as indexes into
	// Facets[f].Values; it goes to its own file, facets.js.
	docFacets [][][]int
}

func newMeta(docs []Document, labels Labels, opts ExportOptions) *metaFile {
	m := &metaFile{Docs: len(docs), PerFile: docsPerFile}
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
		// Never nil: the client reads an empty facet as [], not null.
		values := append([]string{}, slices.Sorted(maps.Keys(seen))...)
		fm := facetMeta{Name: name, Values: values}
		label := func(v string) string { return cmp.Or(labels[name][v], v) }
		switch {
		case name == "sdg":
			slices.SortStableFunc(fm.Values, func(a, b string) int {
				x, _ := strconv.Atoi(a)
				y, _ := strconv.Atoi(b)
				return cmp.Compare(x, y)
			})
		case opts.Sort != nil:
			opts.Sort(fm.Values, label)
		default:
			slices.SortStableFunc(fm.Values, func(a, b string) int { return cmp.Compare(label(a), label(b)) })
		}
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
		m.docFacets = append(m.docFacets, row)
	}
	return m
}

// counts are the facet counts of a term's documents (postings as doc,
// weight…): per facet, value index, count, value index, count…
func (m *metaFile) counts(postings []float64) [][]int {
	out := make([][]int, len(m.Facets))
	for f, fm := range m.Facets {
		n := make([]int, len(fm.Values))
		for i := 0; i < len(postings); i += 2 {
			for _, v := range m.docFacets[int(postings[i])][f] {
				n[v]++
			}
		}
		out[f] = []int{}
		for v, c := range n {
			if c > 0 {
				out[f] = append(out[f], v, c)
			}
		}
	}
	return out
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
