package search

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"
)

// analyzer returns the bleve analyzer of a language, the same one the
// index mapping uses.
func analyzer(lang string) (analysis.Analyzer, error) {
	a := bleve.NewIndexMapping().AnalyzerNamed(analyzerFor(lang))
	if a == nil {
		return nil, fmt.Errorf("search: no analyzer for %q", lang)
	}
	return a, nil
}

// analyzed is one document after analysis, in the form both indexes take:
// bleve's term frequencies for each text field, and the words as written
// that became each term, for the static shards' lookup keys.
type analyzed struct {
	fields   []analyzedField     // in textFields() order
	surfaces map[string][]string // word as written → the distinct terms made of it
}

type analyzedField struct {
	length int                    // tokens
	freqs  index.TokenFrequencies // term → frequency (and positions, for excerpt fields)
}

func analyzeDocument(a analysis.Analyzer, fields []field, d Document) analyzed {
	out := analyzed{fields: make([]analyzedField, len(fields)), surfaces: map[string][]string{}}
	for f, fl := range fields {
		text := fl.text(d)
		tokens := a.Analyze([]byte(text))
		// Positions in every field, which phrase queries need.
		options := index.IndexField | index.IncludeTermVectors
		out.fields[f] = analyzedField{length: len(tokens), freqs: analysis.TokenFrequency(tokens, nil, options)}
		for _, tok := range tokens {
			surface := text[tok.Start:tok.End]
			terms := out.surfaces[surface]
			if !containsBytes(terms, tok.Term) {
				out.surfaces[surface] = append(terms, string(tok.Term))
			}
		}
	}
	return out
}

func containsBytes(list []string, b []byte) bool {
	for _, s := range list {
		if s == string(b) {
			return true
		}
	}
	return false
}

// analyzeLanguage analyzes docs, all in lang, once each, and hands every
// analysis to also (when set) and, with w set, to the language's bleve
// index, which takes them on a goroutine of its own.
func analyzeLanguage(w *Writer, lang string, docs []Document, also func(analyzed)) error {
	a, err := analyzer(lang)
	if err != nil {
		return err
	}
	index := func(Document, analyzed) {}
	indexed := func() error { return nil }
	if w != nil {
		idx, err := w.language(lang)
		if err != nil {
			return err
		}
		index, indexed = newFeeder(idx).background()
	}
	var words *vocabulary
	if w != nil {
		words = newVocabulary(lang)
	}
	analyzeEach(a, docs, func(i int, d analyzed) {
		if also != nil {
			also(d)
		}
		if words != nil {
			words.add(d)
		}
		index(docs[i], d)
	})
	if err := indexed(); err != nil {
		return fmt.Errorf("search index %s: %w", lang, err)
	}
	if words != nil {
		idx, _ := w.language(lang)
		if err := idx.SetInternal([]byte(vocabularyKey), words.bytes()); err != nil {
			return fmt.Errorf("search index %s: %w", lang, err)
		}
	}
	return nil
}

// analyzeEach analyzes docs on every core and hands the results to use in
// document order, a chunk at a time, so memory holds one chunk of token
// streams whatever the size of the site. use runs on one goroutine while
// the next chunk is analyzed.
func analyzeEach(a analysis.Analyzer, docs []Document, use func(i int, d analyzed)) {
	fields := textFields()
	workers := runtime.GOMAXPROCS(0)
	chunk := 32 * workers
	type batch struct {
		start int
		docs  []analyzed
	}
	batches := make(chan batch, 1)
	go func() {
		defer close(batches)
		for start := 0; start < len(docs); start += chunk {
			part := docs[start:min(start+chunk, len(docs))]
			out := make([]analyzed, len(part))
			var wg sync.WaitGroup
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := w; i < len(part); i += workers {
						out[i] = analyzeDocument(a, fields, part[i])
					}
				}()
			}
			wg.Wait()
			batches <- batch{start, out}
		}
	}()
	for b := range batches {
		for i, d := range b.docs {
			use(b.start+i, d)
		}
	}
}

// preAnalyzed is a text field whose analysis is already done: bleve takes
// its term frequencies instead of analyzing the text a second time.
type preAnalyzed struct {
	*document.TextField
	analyzedField
}

func (f preAnalyzed) Analyze()                                         {}
func (f preAnalyzed) AnalyzedLength() int                              { return f.length }
func (f preAnalyzed) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.freqs }

// feeder adds analyzed documents to one bleve index in batches.
type feeder struct {
	idx   bleve.Index
	batch *bleve.Batch
	field map[string]int // text field name → position in textFields()
}

// batchSize bounds how many documents bleve holds before it writes a
// segment: one batch for a whole site costs gigabytes at 10,000 pages.
const batchSize = 256

func newFeeder(idx bleve.Index) *feeder {
	f := &feeder{idx: idx, batch: idx.NewBatch(), field: map[string]int{}}
	for i, fl := range textFields() {
		f.field[fl.name] = i
	}
	return f
}

func (f *feeder) add(d Document, a analyzed) error {
	doc := document.NewDocument(d.ID)
	if err := f.idx.Mapping().MapDocument(doc, toIndexDoc(d)); err != nil {
		return err
	}
	for i, fl := range doc.Fields {
		text, ok := fl.(*document.TextField)
		if k, isText := f.field[fl.Name()]; ok && isText {
			doc.Fields[i] = preAnalyzed{text, a.fields[k]}
		}
	}
	if err := f.batch.IndexAdvanced(doc); err != nil {
		return err
	}
	if f.batch.Size() >= batchSize {
		return f.flush()
	}
	return nil
}

// background runs the feeder on a goroutine of its own, so that bleve's
// share of the work overlaps the static export's: add hands over the
// documents in order (it blocks when bleve falls behind, which bounds
// memory), done waits for the last batch and reports the first error.
func (f *feeder) background() (add func(Document, analyzed), done func() error) {
	type item struct {
		doc Document
		a   analyzed
	}
	items := make(chan item, 64)
	result := make(chan error, 1)
	go func() {
		var err error
		for it := range items {
			if err == nil {
				err = f.add(it.doc, it.a)
			}
		}
		if err == nil {
			err = f.flush()
		}
		result <- err
	}()
	return func(d Document, a analyzed) { items <- item{d, a} }, func() error { close(items); return <-result }
}

func (f *feeder) flush() error {
	if f.batch.Size() == 0 {
		return nil
	}
	if err := f.idx.Batch(f.batch); err != nil {
		return err
	}
	f.batch.Reset()
	return nil
}
