package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
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
	asJSON := fs.Bool("json", false, "print results as JSON")
	filters := map[string]*string{}
	for _, name := range search.FacetNames() {
		filters[name] = fs.String(name, "", "only results whose "+name+" is `VALUE`")
	}
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	q := search.Query{Lang: *lang, Text: strings.Join(fs.Args(), " "), Size: *limit, Filters: map[string][]string{}}
	for name, v := range filters {
		if *v != "" {
			q.Filters[name] = []string{strings.ToLower(*v)}
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
		return printSearchJSON(stdout, res)
	}
	color := isTerminal(stdout)
	mark := func(s string) string {
		on, off := "", ""
		if color {
			on, off = "\x1b[1m", "\x1b[0m"
		}
		return strings.NewReplacer(search.MarkStart, on, search.MarkEnd, off).Replace(s)
	}
	fmt.Fprintf(stdout, "%d results\n", res.Total)
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%d. %s\n   /%s\n", i+1+q.From, h.Title, h.ID)
		if h.Excerpt != "" {
			fmt.Fprintf(stdout, "   %s\n", mark(strings.Join(strings.Fields(h.Excerpt), " ")))
		}
	}
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
	fmt.Fprintln(stdout)
	return nil
}

// searchJSON is a result as both "search --json" and the development
// server's /api/search write it. Excerpts are segments, marked or not, so
// no consumer has to parse markup.
type searchJSON struct {
	Total  uint64                         `json:"total"`
	Hits   []hitJSON                      `json:"hits"`
	Facets map[string][]search.FacetCount `json:"facets"`
}

type hitJSON struct {
	ID      string           `json:"id"`
	Title   string           `json:"title"`
	Summary string           `json:"summary"`
	Score   float64          `json:"score"`
	Excerpt []search.Segment `json:"excerpt"`
}

func toJSON(res *search.Result) searchJSON {
	out := searchJSON{Total: res.Total, Hits: []hitJSON{}, Facets: res.Facets}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, hitJSON{ID: h.ID, Title: h.Title, Summary: h.Summary, Score: h.Score, Excerpt: h.Segments()})
	}
	return out
}

func printSearchJSON(w io.Writer, res *search.Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(toJSON(res))
}

// searchAPI answers the development server's /api/search from an index.
func searchAPI(ix *search.Index) func(context.Context, serve.SearchRequest) (any, error) {
	return func(ctx context.Context, r serve.SearchRequest) (any, error) {
		if r.Lang == "" {
			r.Lang = "en"
		}
		q := search.Query{Lang: r.Lang, Text: r.Query, Size: r.Size, From: r.From, Filters: map[string][]string{}}
		for k, v := range r.Filters {
			q.Filters[k] = []string{v}
		}
		res, err := ix.Search(ctx, q)
		if err != nil {
			return nil, err
		}
		return toJSON(res), nil
	}
}
