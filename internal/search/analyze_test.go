package search

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestPreAnalyzedMatchesBleve checks the shortcut that lets one analysis
// feed both indexes: an index fed pre-analyzed fields, searchable at once or
// written to disk and opened again, answers every query exactly
// as an index that bleve analyzed itself, scores and highlighted excerpts
// included.
func TestPreAnalyzedMatchesBleve(t *testing.T) {
	ctx := context.Background()
	for lang, docs := range corpus {
		t.Run(lang, func(t *testing.T) {
			for i := range docs {
				docs[i].Lang = lang
				docs[i].Headings = []string{"Results " + docs[i].Title}
			}
			ours := scratch(t, docs)
			dir := t.TempDir() + "/index"
			w, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Add(docs); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			disk, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			defer disk.Close()
			plain, err := bleve.NewMemOnly(newMapping(lang))
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range docs {
				if err := plain.Index(d.ID, toIndexDoc(d)); err != nil {
					t.Fatal(err)
				}
			}
			theirs := &Index{byLang: map[string]bleve.Index{lang: plain}}
			defer theirs.Close()
			// Every word of every document is a query.
			queries := map[string]bool{"": true}
			a, _ := analyzer(lang)
			for _, d := range docs {
				for _, f := range textFields() {
					text := f.text(d)
					for _, tok := range a.Analyze([]byte(text)) {
						queries[text[tok.Start:tok.End]] = true
					}
				}
			}
			for q := range queries {
				got, err := ours.Search(ctx, Query{Lang: lang, Text: q})
				if err != nil {
					t.Fatal(err)
				}
				want, err := theirs.Search(ctx, Query{Lang: lang, Text: q})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("query %q:\npre-analyzed %s\nbleve        %s", q, show(got), show(want))
				}
				fromDisk, err := disk.Search(ctx, Query{Lang: lang, Text: q})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(fromDisk, want) {
					t.Errorf("query %q:\non disk %s\nbleve   %s", q, show(fromDisk), show(want))
				}
			}
		})
	}
}

func show(r *Result) string {
	s := fmt.Sprint(r.Total)
	for _, h := range r.Hits {
		s += fmt.Sprintf(" [%s %.6f %q]", h.ID, h.Score, h.Excerpt)
	}
	return s
}

// TestScratchIndex: the development server's index lives in a directory of
// its own, answers and takes updates at once, and is gone after Close.
func TestScratchIndex(t *testing.T) {
	parent := t.TempDir()
	docs := corpus["en"]
	for i := range docs {
		docs[i].Lang = "en"
	}
	ix, err := NewScratch(parent, docs)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if res, err := ix.Search(ctx, Query{Lang: "en", Text: "incubator"}); err != nil || res.Total != 2 {
		t.Fatalf("search: %v, %v", res, err)
	}
	if err := ix.Put(Document{ID: "en/c/", Lang: "en", Title: "Zebracorn fund"}); err != nil {
		t.Fatal(err)
	}
	if res, err := ix.Search(ctx, Query{Lang: "en", Text: "zebracorn"}); err != nil || res.Total != 1 {
		t.Fatalf("after Put: %v, %v", res, err)
	}
	entries, _ := os.ReadDir(parent)
	if len(entries) != 1 {
		t.Fatalf("want one scratch directory, got %v", entries)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 0 {
		t.Errorf("Close left %v", entries)
	}
}
