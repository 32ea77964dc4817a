package main

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/site"
)

// bundledIndex is a bleve index of the bundled knowledge base.
func bundledIndex(t *testing.T) *search.Index {
	t.Helper()
	built, diags := site.Build(context.Background(), (&siteFlags{source: "../.."}).config())
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	ix, err := search.NewScratch(t.TempDir(), built.Search)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}

// statusText is what the search page says about its results.
func statusText(t *testing.T, ctx context.Context) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#search-status`)))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestBrowserSearchQueryRules: the browser and bleve read a query the same
// way (all words, "phrases", -word, the pages with most words when none
// has all, no prefix for a finished word, Arabic prefixes, CJK terms
// together), with the same totals, and the page says so.
func TestBrowserSearchQueryRules(t *testing.T) {
	out := buildBundled(t, "--offline")
	ix := bundledIndex(t)
	ctx := browser(t)
	page := func(lang string) string { return "file://" + filepath.Join(out, lang, "search/index.html") }
	tests := []struct {
		lang, q string
		check   func(res *search.Result) string // "" when bleve's result is as the rule wants
	}{
		{"en", "seed fund", nil},
		{"en", `"seed fund"`, func(res *search.Result) string {
			if all, _ := ix.Search(context.Background(), search.Query{Lang: "en", Text: "seed fund"}); res.Total >= all.Total {
				return "the phrase finds no fewer pages than its words"
			}
			return ""
		}},
		{"en", "fund -seed", nil},
		{"en", "startup act", nil},
		{"en", "incubator Kenya", nil},
		{"en", "seed fund xylophone", func(res *search.Result) string {
			if res.Matched != 2 || res.Words != 3 || res.Total == 0 {
				return "want the pages with 2 of the 3 words"
			}
			return ""
		}},
		{"en", "ICT4D", func(res *search.Result) string {
			if res.Total != 0 {
				return "ICT4D must not be widened to ICT"
			}
			return ""
		}},
		{"ar", "الحاضنات", nil},
		{"ar", "حاضنات", nil},
		{"ar", "بتونس", nil},
		{"ar", "تونس", nil},
		{"zh", "孵化器 肯尼亚", nil},
		{"fr", "fonds d'amorçage", nil},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), search.Query{Lang: tt.lang, Text: tt.q, Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		if tt.check != nil {
			if msg := tt.check(res); msg != "" {
				t.Errorf("bleve %s %q: %s (total %d, %d of %d words)", tt.lang, tt.q, msg, res.Total, res.Matched, res.Words)
			}
		}
		got := searchFor(t, ctx, page(tt.lang), tt.q)
		status := statusText(t, ctx)
		if !strings.Contains(status, strconv.FormatUint(res.Total, 10)) {
			t.Errorf("%s %q: the page says %q, bleve found %d", tt.lang, tt.q, status, res.Total)
		}
		var want []string
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		if o := overlap(got, want); o < 0.8 {
			t.Errorf("%s %q: browser %v, bleve %v", tt.lang, tt.q, got, want)
		}
		if res.Matched < res.Words && res.Total > 0 && !strings.Contains(status, "No page has all") && tt.lang == "en" {
			t.Errorf("%s %q: %q does not say that no page has every word", tt.lang, tt.q, status)
		}
	}
	// The forms of an Arabic word find what the word finds.
	for _, pair := range [][2]string{{"الحاضنات", "حاضنات"}, {"بتونس", "تونس"}} {
		a, b := searchFor(t, ctx, page("ar"), pair[0]), searchFor(t, ctx, page("ar"), pair[1])
		if len(b) == 0 || !slices.Equal(a, b) {
			t.Errorf("ar %q found %v, %q found %v", pair[0], a, pair[1], b)
		}
	}
	// Chinese results are highlighted.
	searchFor(t, ctx, page("zh"), "孵化器")
	// The query's bigrams overlap (孵化, 化器): the whole word is marked,
	// not its first bigram only.
	marked, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#search-results mark'), m => m.textContent)`))
	if !slices.Contains(marked, "孵化器") {
		t.Errorf("zh 孵化器: highlighted %q, want the whole word 孵化器 somewhere", marked)
	}
}

// TestBrowserSearchEveryResultReachable: more results come by keyboard,
// the new ones take focus, the status (a live region) says how many are
// shown, and the count is what can be reached.
func TestBrowserSearchEveryResultReachable(t *testing.T) {
	out := buildBundled(t, "--offline")
	ix := bundledIndex(t)
	ctx := browser(t)
	all, err := ix.Search(context.Background(), search.Query{Lang: "en"})
	if err != nil {
		t.Fatal(err)
	}
	total := int(all.Total)
	if total <= 40 {
		t.Fatalf("the bundled site has %d English pages; the test wants more than two pages of results", total)
	}
	ids := searchAt(t, ctx, "file://"+filepath.Join(out, "en/search/index.html"))
	if len(ids) != 20 {
		t.Fatalf("first page: %d results", len(ids))
	}
	if live, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById('search-status').getAttribute('aria-live')`)); live != "polite" {
		t.Errorf("the status is not a live region (aria-live=%q)", live)
	}
	for shown := 20; shown < total; {
		next := min(shown+20, total)
		err := chromedp.Do(ctx,
			chromedp.Focus(chromedp.CSS(`#search-more`)),
			chromedp.KeyEvent("\r"),
			chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length === `+strconv.Itoa(next), chromedp.WithPollingTimeout(10*time.Second)),
		)
		if err != nil {
			t.Fatalf("more results after %d: %v", shown, err)
		}
		focused, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement === document.querySelectorAll('#search-results a')[`+strconv.Itoa(shown)+`]`))
		if !focused {
			t.Errorf("after more results, focus is not on result %d", shown+1)
		}
		shown = next
		status := statusText(t, ctx)
		if shown < total && !strings.Contains(status, "Showing "+strconv.Itoa(shown)) {
			t.Errorf("status %q does not say %d are shown", status, shown)
		}
	}
	got := resultIDs(t, ctx)
	slices.Sort(got)
	if len(slices.Compact(got)) != total {
		t.Errorf("reached %d distinct results of %d", len(got), total)
	}
	if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('search-more').hidden`)); !hidden {
		t.Errorf("the more button is still offered when every result is shown")
	}
}

// TestBrowserSearchResultsSayWhatTheyAre: each result names its type,
// countries and year; facets take several values, SDGs in number order,
// and "clear all" drops every filter.
func TestBrowserSearchResultsSayWhatTheyAre(t *testing.T) {
	out := buildBundled(t, "--offline")
	ctx := browser(t)
	page := "file://" + filepath.Join(out, "en/search/index.html")
	searchFor(t, ctx, page, "konza")
	what, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#search-results li .search-what`)))
	if !strings.Contains(what, "Tech park") || !strings.Contains(what, "Kenya") || !strings.Contains(what, "2008") {
		t.Errorf("Konza's result says %q; want its type, country and year", what)
	}
	all := searchAt(t, ctx, page)
	sdgs, _ := chromedp.Run(ctx, chromedp.Evaluate[[]int](`Array.from(document.querySelectorAll('input[name=sdg]')).map(b => +b.value)`))
	if len(sdgs) < 3 || !slices.IsSorted(sdgs) {
		t.Errorf("SDG filters in the order %v", sdgs)
	}
	count := func(sel string) int {
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`+document.querySelector('`+sel+`').parentNode.textContent.match(/\((\d+)\)$/)[1]`))
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	funds, incubators := count(`input[name=type][value=fund]`), count(`input[name=type][value=incubator]`)
	err := chromedp.Do(ctx,
		// On a narrow window the filters wait behind their summary.
		chromedp.Evaluate[chromedp.Void](`document.getElementById('search-filters').open = true`),
		chromedp.Click(chromedp.CSS(`input[name=type][value=fund]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length === `+strconv.Itoa(funds), chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Click(chromedp.CSS(`input[name=type][value=incubator]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length === `+strconv.Itoa(min(funds+incubators, 20)), chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("two types (%d funds, %d incubators): %v", funds, incubators, err)
	}
	if u, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(u, "type=fund") || !strings.Contains(u, "type=incubator") {
		t.Errorf("location %s does not carry both filters", u)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#search-facets > button`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length === `+strconv.Itoa(len(all))+` && document.querySelector('#search-facets > button').hidden`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Errorf("clear all: %v", err)
	}
}

// TestBrowserSearchDidYouMean: for a word the site does not use, the
// browser offers what bleve offers, in several scripts, and following it
// searches again.
func TestBrowserSearchDidYouMean(t *testing.T) {
	out := buildBundled(t, "--offline")
	ix := bundledIndex(t)
	ctx := browser(t)
	for _, tt := range []struct{ lang, q, want string }{
		{"en", "incubtor Kenya", ""}, {"en", "entrepreneurshp", ""}, {"fr", "incubateurr", ""},
		{"es", "emprendimento", ""}, {"ru", "технопаркк", ""},
		// Typos in the first three characters.
		{"en", "xncubator", "incubator"}, {"fr", "ncubateur", "incubateur"}, {"ru", "иехнопарк", "технопарк"},
		{"ar", "الحكومت", ""},
	} {
		res, err := ix.Search(context.Background(), search.Query{Lang: tt.lang, Text: tt.q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Suggestion == "" || tt.want != "" && res.Suggestion != tt.want {
			t.Errorf("bleve %s %q: suggestion %q, want %q", tt.lang, tt.q, res.Suggestion, tt.want)
			continue
		}
		searchFor(t, ctx, "file://"+filepath.Join(out, tt.lang, "search/index.html"), tt.q)
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(a => a ? a.textContent : "")(document.querySelector('#search-suggest a'))`))
		if got != res.Suggestion {
			t.Errorf("%s %q: browser suggests %q, bleve %q", tt.lang, tt.q, got, res.Suggestion)
		}
	}
	// Following the suggestion searches for it.
	err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#search-suggest a`)),
		chromedp.Poll[chromedp.Void](`document.getElementById('search-q').value !== 'الحكومت' && document.querySelectorAll('#search-results li').length > 0`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Errorf("following the suggestion: %v", err)
	}
}
