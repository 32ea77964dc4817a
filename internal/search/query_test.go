package search

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestSplitQuery(t *testing.T) {
	tests := []struct {
		in   string
		want []queryPart
	}{
		{"seed fund", []queryPart{{text: "seed"}, {text: "fund"}}},
		{`"seed fund" -loan`, []queryPart{{text: "seed fund", phrase: true}, {text: "loan", exclude: true}}},
		{`-"seed fund" e-residency`, []queryPart{{text: "seed fund", phrase: true, exclude: true}, {text: "e-residency"}}},
		{`«fonds d'amorçage»`, []queryPart{{text: "fonds d'amorçage", phrase: true}}},
		{`"unclosed phrase`, []queryPart{{text: "unclosed phrase", phrase: true}}},
		{"- -- a", []queryPart{{text: "-"}, {text: "--"}, {text: "a"}}},
		{`""  `, nil},
	}
	for _, tt := range tests {
		if got := splitQuery(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("splitQuery(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

// semanticsCorpus has pages that tell the query rules apart.
var semanticsCorpus = []Document{
	{ID: "en/blueprints/seed/", Lang: "en", Kind: "blueprint", Title: "Seed fund for founders", Summary: "A seed fund.", Body: "The seed fund gives grants."},
	{ID: "en/blueprints/loan/", Lang: "en", Kind: "blueprint", Title: "Loan fund", Summary: "Loans, not seed money.", Body: "A fund of loans; seed capital comes elsewhere."},
	{ID: "en/blueprints/ict/", Lang: "en", Kind: "blueprint", Title: "ICT skills centre", Summary: "Training in ICT.", Body: "Courses."},
	{ID: "en/blueprints/hub/", Lang: "en", Kind: "blueprint", Title: "iHub", Names: []string{"Incubator", "Kenya", "Africa"}, Summary: "A hub in Nairobi.", Body: "Founders meet.",
		Facets: map[string][]string{"type": {"incubator"}, "country": {"ke", "ng"}}, Year: 2010},
	{ID: "en/guides/", Lang: "en", Kind: "page", Title: "Incubator guide: incubator, incubator, incubator", Summary: "How incubators work.", Body: "Incubator incubator incubator in Kenya."},
	{ID: "ar/blueprints/tn/", Lang: "ar", Kind: "blueprint", Title: "حاضنات تونس", Summary: "برنامج في تونس.", Body: "حاضنات الأعمال."},
}

func TestQuerySemantics(t *testing.T) {
	ix := scratch(t, semanticsCorpus)
	tests := []struct {
		lang, text     string
		want           []string
		words, matched int
	}{
		// All words must match.
		{"en", "seed grants", []string{"en/blueprints/seed/"}, 2, 2},
		// A phrase matches only in order: the loan page has both words, apart.
		{"en", `"seed fund"`, []string{"en/blueprints/seed/"}, 1, 1},
		{"en", "seed fund", []string{"en/blueprints/seed/", "en/blueprints/loan/"}, 2, 2},
		// A phrase with a dropped word keeps its place.
		{"en", `"fund of loans"`, []string{"en/blueprints/loan/"}, 1, 1},
		{"en", `"fund loans"`, nil, 1, 0},
		// -word excludes.
		{"en", "fund -loans", []string{"en/blueprints/seed/"}, 1, 1},
		{"en", "-seed", []string{"en/blueprints/hub/", "en/blueprints/ict/", "en/guides/"}, 0, 0},
		// No page has every word: the pages with the most of them.
		{"en", "seed grants zebra", []string{"en/blueprints/seed/"}, 3, 2},
		// A finished word is not widened to the words it begins with.
		{"en", "ICT4D", nil, 1, 0},
		{"en", "ICT", []string{"en/blueprints/ict/"}, 1, 1},
		// Blueprints come before other pages, and type and country names
		// count: iHub is an incubator in Kenya without saying so.
		{"en", "incubator", []string{"en/blueprints/hub/", "en/guides/"}, 1, 1},
		{"en", "incubator Kenya", []string{"en/blueprints/hub/", "en/guides/"}, 2, 2},
		// Only dropped words: nothing, not everything.
		{"en", "the", nil, 0, 0},
		// Arabic: the article, and prepositions the stemmer leaves.
		{"ar", "الحاضنات", []string{"ar/blueprints/tn/"}, 1, 1},
		{"ar", "بتونس", []string{"ar/blueprints/tn/"}, 1, 1},
		{"ar", "وتونس", []string{"ar/blueprints/tn/"}, 1, 1},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Query{Lang: tt.lang, Text: tt.text})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if tt.text == "-seed" {
			slices.Sort(got)
		}
		if !slices.Equal(got, tt.want) || res.Total != uint64(len(tt.want)) || res.Words != tt.words || res.Matched != tt.matched {
			t.Errorf("%s %q: got %v (total %d, %d of %d words), want %v (%d of %d)", tt.lang, tt.text, got, res.Total, res.Matched, res.Words, tt.want, tt.matched, tt.words)
		}
	}
}

// TestHitsSayWhatTheyAre: a hit carries its kind, type, countries and year.
func TestHitsSayWhatTheyAre(t *testing.T) {
	ix := scratch(t, semanticsCorpus)
	res, err := ix.Search(context.Background(), Query{Lang: "en", Text: "nairobi"})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("nairobi: %v %+v", err, res)
	}
	h := res.Hits[0]
	if h.Kind != "blueprint" || h.Type != "incubator" || !slices.Equal(h.Countries, []string{"ke", "ng"}) || h.Year != 2010 {
		t.Errorf("hit says %q %q %v %d", h.Kind, h.Type, h.Countries, h.Year)
	}
}

// TestEveryResultReachable pages through a query's results with From: the
// total is what the pages hold, none twice.
func TestEveryResultReachable(t *testing.T) {
	var docs []Document
	for i := range 23 {
		docs = append(docs, Document{ID: "en/p" + string(rune('a'+i)) + "/", Lang: "en", Kind: "blueprint", Title: "Fund " + string(rune('a'+i)), Body: "fund"})
	}
	ix := scratch(t, docs)
	seen := map[string]bool{}
	var total uint64
	for from := 0; ; from += 10 {
		res, err := ix.Search(context.Background(), Query{Lang: "en", Text: "fund", Size: 10, From: from})
		if err != nil {
			t.Fatal(err)
		}
		total = res.Total
		if len(res.Hits) == 0 {
			break
		}
		for _, h := range res.Hits {
			if seen[h.ID] {
				t.Errorf("%s on two pages", h.ID)
			}
			seen[h.ID] = true
		}
	}
	if total != 23 || len(seen) != 23 {
		t.Errorf("total %d, reached %d, want 23", total, len(seen))
	}
}

// TestFacetOrder: SDGs by number, other values by label (or the order the
// caller's Sort gives).
func TestFacetOrder(t *testing.T) {
	docs := []Document{
		{ID: "en/a/", Lang: "en", Kind: "blueprint", Title: "A", Facets: map[string][]string{"sdg": {"10", "4"}, "type": {"fund"}}},
		{ID: "en/b/", Lang: "en", Kind: "blueprint", Title: "B", Facets: map[string][]string{"sdg": {"17", "1", "9"}, "type": {"incubator"}}},
	}
	labels := Labels{"type": {"fund": "Zebra fund", "incubator": "Incubator"}}
	files, err := Export("en", docs, labels, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var m metaFile
	if err := json.Unmarshal(callRE.FindSubmatch(files["search/en/meta.min.js"])[3], &m); err != nil {
		t.Fatal(err)
	}
	for _, fm := range m.Facets {
		switch fm.Name {
		case "sdg":
			if !slices.Equal(fm.Values, []string{"1", "4", "9", "10", "17"}) {
				t.Errorf("SDGs in order %v", fm.Values)
			}
		case "type":
			if !slices.Equal(fm.Labels, []string{"Incubator", "Zebra fund"}) {
				t.Errorf("types in order %v", fm.Labels)
			}
		}
	}
}

func TestSuggest(t *testing.T) {
	vocabulary := []byte(strings.Join([]string{"fund", "funding", "incubation", "incubator", "incubators", "инкубатор", "حاضنات"}, "\n"))
	tests := []struct{ word, want string }{
		{"incubtor", "incubator"},    // one letter missing
		{"incubatr", "incubator"},    // the fewest edits win
		{"incubatros", "incubation"}, // two edits each: the first in byte order
		{"fundd", "fund"},            // short word: one edit
		{"fundxyz", ""},              // too far
		{"nicubator", "incubator"},   // a typo in the first three: found by the last three
		{"xncubatr", ""},             // one typo at each end: found by neither
		{"ncubatorx", ""},            // two edits away, but sharing neither end
		{"инкубатр", "инкубатор"},    // every script
		{"حاضنت", "حاضنات"},
		{"fu", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.word, func(string) bool { return true }, vocabulary); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestDidYouMean: bleve offers the query with an unknown word replaced by
// the closest word the site uses, in every language.
func TestDidYouMean(t *testing.T) {
	ix := scratch(t, semanticsCorpus)
	tests := []struct{ lang, text, want string }{
		{"en", "incubtor Kenya", "incubator Kenya"},
		{"en", `foundres -loans "seed fund"`, `founders -loans "seed fund"`},
		{"en", "incubator", ""}, // found: nothing to suggest
		{"ar", "حاضنت", "حاضن"}, // Arabic stems are words to look up too
		// Typos in the first three characters: found by the last three.
		{"en", "xncubator Kenya", "incubator Kenya"},
		{"en", "ncubator", "incubator"},
		{"ar", "خاضنات", "حاضنات"},
	}
	for _, tt := range tests {
		res, err := ix.Search(context.Background(), Query{Lang: tt.lang, Text: tt.text})
		if err != nil {
			t.Fatal(err)
		}
		if res.Suggestion != tt.want {
			t.Errorf("%s %q: suggestion %q, want %q", tt.lang, tt.text, res.Suggestion, tt.want)
		}
	}
}

// TestDidYouMeanFollowsEdits: under "blueprints serve" the index changes
// page by page (Put, Delete); "did you mean" offers a word as soon as a
// page has it, and no longer once no page has it.
func TestDidYouMeanFollowsEdits(t *testing.T) {
	ix := scratch(t, semanticsCorpus)
	suggestion := func(text string) string {
		t.Helper()
		res, err := ix.Search(context.Background(), Query{Lang: "en", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return res.Suggestion
	}
	if got := suggestion("mentorshp"); got != "" {
		t.Fatalf("before the edit: suggestion %q", got)
	}
	page := Document{ID: "en/blueprints/mentors/", Lang: "en", Kind: "blueprint", Title: "Circle", Body: "Mentorship for founders."}
	if err := ix.Put(page); err != nil {
		t.Fatal(err)
	}
	if got := suggestion("mentorshp"); got != "mentorship" {
		t.Errorf("after a page with the word was added: suggestion %q, want mentorship", got)
	}
	page.Body = "Coaching for founders."
	if err := ix.Put(page); err != nil {
		t.Fatal(err)
	}
	if got := suggestion("mentorshp"); got != "" {
		t.Errorf("after the word was edited out: suggestion %q", got)
	}
	if got := suggestion("coachng"); got != "coaching" {
		t.Errorf("the edit's new word: suggestion %q, want coaching", got)
	}
	if err := ix.Delete("en", page.ID); err != nil {
		t.Fatal(err)
	}
	if got := suggestion("coachng"); got != "" {
		t.Errorf("after the page was deleted: suggestion %q", got)
	}
}
