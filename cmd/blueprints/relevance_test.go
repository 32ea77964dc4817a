package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/search"
)

// judgedQuery is a query of the relevance suite and the pages it must
// rank among the first three.
type judgedQuery struct {
	lang, text string
	want       []string // site paths
}

func readJudgedQueries(t *testing.T) []judgedQuery {
	t.Helper()
	data, err := os.ReadFile("testdata/relevance/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []judgedQuery
	for i, line := range strings.Split(string(data), "\n") {
		if line = strings.TrimSpace(line); line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("queries.txt:%d: want lang | query | slugs", i+1)
		}
		q := judgedQuery{lang: strings.TrimSpace(f[0]), text: strings.TrimSpace(f[1])}
		for _, slug := range strings.Fields(f[2]) {
			q.want = append(q.want, q.lang+"/blueprints/"+slug+"/")
		}
		out = append(out, q)
	}
	return out
}

// relevance scores a suite: the share of queries whose pages are all in
// the first three results top gives.
func relevance(t *testing.T, engine string, queries []judgedQuery, top func(judgedQuery) []string) {
	t.Helper()
	perLang := map[string][2]int{}
	for _, q := range queries {
		got := top(q)
		got = got[:min(len(got), 3)]
		ok := true
		for _, w := range q.want {
			ok = ok && slices.Contains(got, w)
		}
		n := perLang[q.lang]
		n[1]++
		if ok {
			n[0]++
		} else {
			t.Logf("%s %s %q: top three %v, want %v", engine, q.lang, q.text, got, q.want)
		}
		perLang[q.lang] = n
	}
	var passed, total int
	for _, lang := range slices.Sorted(func(yield func(string) bool) {
		for l := range perLang {
			if !yield(l) {
				return
			}
		}
	}) {
		n := perLang[lang]
		t.Logf("%s relevance %s: %d of %d", engine, lang, n[0], n[1])
		passed += n[0]
		total += n[1]
	}
	t.Logf("%s relevance: %d of %d (%.0f%%)", engine, passed, total, 100*float64(passed)/float64(total))
	if total < 60 || float64(passed) < 0.95*float64(total) {
		t.Errorf("%s answers %d of %d judged queries; want at least 95%% of 60 or more", engine, passed, total)
	}
}

// TestRelevanceBleve runs the judged queries against bleve.
func TestRelevanceBleve(t *testing.T) {
	ix := bundledIndex(t)
	relevance(t, "bleve", readJudgedQueries(t), func(q judgedQuery) []string {
		return bleveTop(t, ix, search.Query{Lang: q.lang, Text: q.text, Size: 3})
	})
}

// TestRelevanceBrowser runs the judged queries against the static client
// in Chromium, from disk.
func TestRelevanceBrowser(t *testing.T) {
	out := buildBundled(t, "--offline")
	ctx := browserFor(t, 3*time.Minute) // 95 queries, each a page load
	relevance(t, "browser", readJudgedQueries(t), func(q judgedQuery) []string {
		return searchFor(t, ctx, "file://"+filepath.Join(out, q.lang, "search/index.html"), q.text)
	})
}
