package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/serve"
)

func cmdSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("search", stderr)
	var sf siteFlags
	sf.register(fs)
	lang := fs.String("lang", "en", "`language` of the pages to search")
	limit := fs.Int("limit", 10, "show at most `N` results")
	from := fs.Int("from", 0, "skip the first `N` results (the next page starts at --from plus --limit)")
	asJSON := fs.Bool("json", false, "print results as JSON")
	filters := map[string]*string{}
	for _, name := range search.FacetNames() {
		filters[name] = fs.String(name, "", "only results whose "+name+" is `VALUE` (or any of VALUE,VALUE…)")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	q := search.Query{Lang: *lang, Text: strings.Join(fs.Args(), " "), Size: *limit, From: *from, Filters: map[string][]string{}}
	for name, v := range filters {
		for _, value := range strings.Split(*v, ",") {
			if value = strings.TrimSpace(value); value != "" {
				q.Filters[name] = append(q.Filters[name], strings.ToLower(value))
			}
		}
	}
	ix, err := search.Open(sf.indexDir())
	if err != nil {
		return err
	}
	defer ix.Close()
	res, err := ix.Search(ctx, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return printSearchJSON(stdout, res, q)
	}
	printSearchText(stdout, res, q)
	return nil
}

// printSearchText prints results for a person: each hit with its address,
// what it is and its excerpt (matches in bold on a terminal), then the
// next page's --from and the facet counts.
func printSearchText(stdout io.Writer, res *search.Result, q search.Query) {
	color := isTerminal(stdout)
	mark := func(s string) string {
		on, off := "", ""
		if color {
			on, off = "\x1b[1m", "\x1b[0m"
		}
		return strings.NewReplacer(search.MarkStart, on, search.MarkEnd, off).Replace(s)
	}
	if res.Matched < res.Words && res.Total > 0 {
		fmt.Fprintf(stdout, "No page has all %d words; these have %d of them.\n", res.Words, res.Matched)
	}
	fmt.Fprintf(stdout, "%d results\n", res.Total)
	if res.Suggestion != "" {
		fmt.Fprintf(stdout, "Did you mean: %s\n", res.Suggestion)
	}
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%d. %s\n   /%s\n", i+1+q.From, h.Title, h.ID)
		if what := hitWhat(h); what != "" {
			fmt.Fprintf(stdout, "   %s\n", what)
		}
		if h.Excerpt != "" {
			fmt.Fprintf(stdout, "   %s\n", mark(strings.Join(strings.Fields(h.Excerpt), " ")))
		}
	}
	if next := nextFrom(res, q); next > 0 {
		fmt.Fprintf(stdout, "\nResults %d–%d of %d; for more: --from %d\n", q.From+1, q.From+len(res.Hits), res.Total, next)
	}
	printFacetCounts(stdout, res)
	fmt.Fprintln(stdout)
}

// printFacetCounts prints, for each facet the results have, its values
// and how many results have each.
func printFacetCounts(stdout io.Writer, res *search.Result) {
	for _, name := range search.FacetNames() {
		counts := res.Facets[name]
		if len(counts) == 0 {
			continue
		}
		var parts []string
		for _, c := range counts {
			parts = append(parts, fmt.Sprintf("%s (%d)", c.Value, c.Count))
		}
		fmt.Fprintf(stdout, "\n%s: %s", name, strings.Join(parts, ", "))
	}
}

// searchJSON is a result as both "search --json" and the development
// server's /api/search write it. Excerpts are segments, marked or not, so
// no consumer has to parse markup.
type searchJSON struct {
	Total uint64 `json:"total"`
	// Words and Matched: when Matched < Words, no page has every word and
	// the results are the pages with Matched of them.
	Words   int `json:"words"`
	Matched int `json:"matched"`
	// Next is the from of the next page of results, 0 after the last.
	Next int `json:"next,omitempty"`
	// Suggestion is the query with unknown words replaced by the closest
	// words the site uses ("did you mean").
	Suggestion string                         `json:"suggestion,omitempty"`
	Hits       []hitJSON                      `json:"hits"`
	Facets     map[string][]search.FacetCount `json:"facets"`
}

type hitJSON struct {
	ID        string           `json:"id"`
	Kind      string           `json:"kind"`
	Type      string           `json:"type,omitempty"`
	Countries []string         `json:"countries,omitempty"`
	Year      int              `json:"year,omitempty"`
	Title     string           `json:"title"`
	Summary   string           `json:"summary"`
	Score     float64          `json:"score"`
	Excerpt   []search.Segment `json:"excerpt"`
}

func toJSON(res *search.Result, q search.Query) searchJSON {
	out := searchJSON{Total: res.Total, Words: res.Words, Matched: res.Matched, Next: nextFrom(res, q), Suggestion: res.Suggestion, Hits: []hitJSON{}, Facets: res.Facets}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitJSON{ID: h.ID, Kind: h.Kind, Type: h.Type, Countries: h.Countries, Year: h.Year, Title: h.Title, Summary: h.Summary, Score: h.Score, Excerpt: h.Segments()})
	}
	return out
}

func printSearchJSON(w io.Writer, res *search.Result, q search.Query) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSON(res, q))
}

// hitWhat says what a result is: type, countries and year, or its kind.
func hitWhat(h search.Hit) string {
	var parts []string
	if h.Type != "" {
		parts = append(parts, h.Type)
	} else if h.Kind != "" && h.Kind != "blueprint" {
		parts = append(parts, h.Kind)
	}
	if len(h.Countries) > 0 {
		parts = append(parts, strings.ToUpper(strings.Join(h.Countries, ", ")))
	}
	if h.Year != 0 {
		parts = append(parts, strconv.Itoa(h.Year))
	}
	return strings.Join(parts, " · ")
}

// nextFrom is the offset of the page after res, or 0 when res is the last.
func nextFrom(res *search.Result, q search.Query) int {
	next := max(q.From, 0) + len(res.Hits)
	if len(res.Hits) == 0 || uint64(next) >= res.Total || next > search.MaxOffset {
		return 0
	}
	return next
}

// searchAPI answers the development server's /api/search from an index.
func searchAPI(ix *search.Index) func(context.Context, serve.SearchRequest) (any, error) {
	return func(ctx context.Context, r serve.SearchRequest) (any, error) {
		if r.Lang == "" {
			r.Lang = "en"
		}
		q := search.Query{Lang: r.Lang, Text: r.Query, Size: r.Size, From: r.From, Filters: map[string][]string{}}
		for k, v := range r.Filters {
			q.Filters[k] = v
		}
		res, err := ix.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		return toJSON(res, q), nil
	}
}
