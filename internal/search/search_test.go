package search

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Résultats", "resultats"},
		{"ÉCOLE", "ecole"},
		{"Niño", "nino"},
		{"مَدِينَة", "مدينة"}, // harakat removed
		{"أحمد", "احمد"},      // hamza on alef removed
		{"إنشاء", "انشاء"},
		{"Ｉｎｃｕｂａｔｏｒ", "incubator"}, // full width
		{"Технопарк", "технопарк"},
		{"孵化器", "孵化器"},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestShardOfKnownValues pins the hash that search.js computes too; if it
// changes, the browser looks in the wrong shard.
func TestShardOfKnownValues(t *testing.T) {
	tests := []struct {
		key    string
		shards int
		want   int
	}{
		{"incubator", 1000, shardOf("inc", 1000)}, // only the first three characters count
		{"incubation", 1000, shardOf("inc", 1000)},
		{"孵化器网络", 1000, shardOf("孵化器", 1000)}, // characters, not bytes
		{"a", 7, shardOf("a", 7)},
	}
	for _, tt := range tests {
		if got := shardOf(tt.key, tt.shards); got != tt.want {
			t.Errorf("shardOf(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
	// FNV-1a of "inc", computed independently:
	h := uint32(2166136261)
	for _, c := range []byte("inc") {
		h ^= uint32(c)
		h *= 16777619
	}
	if got := shardOf("incubator", 1<<20); got != int(h%(1<<20)) {
		t.Errorf("shardOf is not FNV-1a of the first three characters")
	}
}

var corpus = map[string][]Document{
	"en": {
		{ID: "en/a/", Title: "Incubators for rural women", Summary: "An incubator network.", Body: "Kenya's incubation programme trained 1,200 founders in 2020."},
		{ID: "en/b/", Title: "Seed fund", Summary: "Grants to start-ups.", Body: "The fund invests in incubated companies and accelerators."},
	},
	"fr": {
		{ID: "fr/a/", Title: "Les incubateurs ruraux", Summary: "Un réseau d'incubateurs.", Body: "Résultats et évaluation de l'impact économique, fonds d'amorçage."},
	},
	"ar": {
		{ID: "ar/a/", Title: "حاضنات الأعمال في المدينة", Summary: "شبكة حاضنات.", Body: "أنشأت الحكومة مدينةً تكنولوجيةً للمؤسسات الناشئة."},
	},
	"zh": {
		{ID: "zh/a/", Title: "孵化器网络", Summary: "农村妇女创业孵化器。", Body: "肯尼亚的科技城吸引了投资。"},
	},
	"ru": {
		{ID: "ru/a/", Title: "Технопарки и инкубаторы", Summary: "Сеть инкубаторов.", Body: "Государство создало технопарк."},
	},
	"es": {
		{ID: "es/a/", Title: "Incubadoras de empresas", Summary: "Una red de incubadoras.", Body: "La política pública apoyó la innovación."},
	},
}

type shardFile struct {
	Words  map[string][]int `json:"w"`
	Terms  []string         `json:"t"`
	Posts  [][]float64      `json:"p"`
	Docs   []int            `json:"n"`
	Counts [][][]int        `json:"c"`
	Head   [][]float64      // Posts as the shard has them, before the tail is added
}

var callRE = regexp.MustCompile(`^BPSearch\.add\("(\w+)","[^"]*",(\d+),(.*)\);\n$`)

// parseShards reads the exported files back: the shard count, the shards
// with their tails joined to their postings, and every document's facets.
func parseShards(t *testing.T, files map[string][]byte, lang string) (int, map[int]shardFile, [][][]int) {
	t.Helper()
	var meta struct {
		Shards int `json:"shards"`
	}
	shards := map[int]shardFile{}
	tails := map[int]map[string][]float64{}
	var facets [][][]int
	for name, data := range files {
		m := callRE.FindSubmatch(data)
		if m == nil {
			t.Fatalf("%s is not a BPSearch.add call: %.80s", name, data)
		}
		var n int
		fmt.Sscan(string(m[2]), &n)
		var err error
		switch string(m[1]) {
		case "meta":
			err = json.Unmarshal(m[3], &meta)
		case "shard":
			var s shardFile
			err = json.Unmarshal(m[3], &s)
			shards[n] = s
		case "tail":
			var tail map[string][]float64
			err = json.Unmarshal(m[3], &tail)
			tails[n] = tail
		case "facets":
			err = json.Unmarshal(m[3], &facets)
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	for n, s := range shards {
		s.Head = slices.Clone(s.Posts)
		for ti := range s.Posts {
			s.Posts[ti] = append(slices.Clone(s.Posts[ti]), tails[n][fmt.Sprint(ti)]...)
		}
		shards[n] = s
	}
	return meta.Shards, shards, facets
}

// TestStaticShardsFindWhatBleveIndexed is the analysis parity test: every
// word as it appears in a document, looked up the way the browser does it
// (folded, in the shard of its first three characters), leads to the term
// bleve's analyzer made of it, with that document in its postings; and so
// does the word written with or without accents and diacritics.
func TestStaticShardsFindWhatBleveIndexed(t *testing.T) {
	for lang, docs := range corpus {
		t.Run(lang, func(t *testing.T) {
			files, err := Export(lang, docs, nil, ExportOptions{WordsPerShard: 4, HeadPostings: 1})
			if err != nil {
				t.Fatal(err)
			}
			n, shards, _ := parseShards(t, files, lang)
			if n < 2 && lang == "en" {
				t.Errorf("want several shards with 4 words per shard, got %d", n)
			}
			a, err := analyzer(lang)
			if err != nil {
				t.Fatal(err)
			}
			for di, d := range docs {
				for _, f := range textFields() {
					text := f.text(d)
					for _, tok := range a.Analyze([]byte(text)) {
						for _, key := range lookupKeys(text[tok.Start:tok.End]) {
							s := shards[shardOf(key, n)]
							found := false
							for _, ti := range s.Words[key] {
								if s.Terms[ti] == string(tok.Term) {
									found = slices.Contains(postedDocs(s.Posts[ti]), di)
								}
							}
							if !found {
								t.Errorf("%s: word %q (term %q) of %s not found through shard %d", f.name, key, tok.Term, d.ID, shardOf(key, n))
							}
						}
					}
				}
			}
		})
	}
}

// TestShardHeadsTailsAndCounts checks what lets a one-word query load a
// single shard: each term carries its heaviest documents (in weight
// order), the number of documents that have it, and their facet counts;
// the tail file holds the rest.
func TestShardHeadsTailsAndCounts(t *testing.T) {
	var docs []Document
	for i := range 25 {
		docs = append(docs, Document{
			ID: fmt.Sprintf("en/%d/", i), Title: "Incubator " + strings.Repeat("fund ", i%8), Body: "Incubator programme",
			Facets: map[string][]string{"type": {[]string{"incubator", "fund"}[i%2]}, "region": []string{"africa", "asia"}[:1+i%2]},
		})
	}
	files, err := Export("en", docs, nil, ExportOptions{HeadPostings: 3})
	if err != nil {
		t.Fatal(err)
	}
	n, shards, facets := parseShards(t, files, "en")
	if len(facets) != len(docs) {
		t.Fatalf("facets.min.js lists %d documents, want %d", len(facets), len(docs))
	}
	checked := 0
	for _, word := range []string{"incubator", "fund"} {
		s := shards[shardOf(word, n)]
		for _, ti := range s.Words[word] {
			checked++
			all, head := s.Posts[ti], s.Head[ti]
			if want := min(len(all), 6); len(head) != want {
				t.Errorf("%s: head has %d numbers, want %d", word, len(head), want)
			}
			for i := 3; i < len(all); i += 2 {
				if all[i] > all[i-2] {
					t.Errorf("%s: postings not heaviest first: %v", word, all)
				}
			}
			if s.Docs[ti] != len(all)/2 {
				t.Errorf("%s: n = %d, want %d", word, s.Docs[ti], len(all)/2)
			}
			// Counts, recomputed from every document's facets, for terms
			// in more documents than a page of results shows.
			if (s.Counts[ti] != nil) != (s.Docs[ti] > pageSize) {
				t.Errorf("%s: in %d documents, counts %v", word, s.Docs[ti], s.Counts[ti])
			}
			for f, pairs := range s.Counts[ti] {
				want := map[int]int{}
				for _, d := range postedDocs(all) {
					for _, v := range facets[d][f] {
						want[v]++
					}
				}
				got := map[int]int{}
				for i := 0; i+1 < len(pairs); i += 2 {
					got[pairs[i]] = pairs[i+1]
				}
				if !maps.Equal(got, want) {
					t.Errorf("%s: facet %d counts %v, want %v", word, f, got, want)
				}
			}
		}
	}
	if checked != 2 {
		t.Fatalf("checked %d terms, want 2", checked)
	}
	if s := shards[shardOf("incubator", n)]; s.Docs[s.Words["incubator"][0]] != 25 {
		t.Errorf("incubator is in all 25 documents")
	}
}

func postedDocs(p []float64) []int {
	var docs []int
	for i := 0; i < len(p); i += 2 {
		docs = append(docs, int(p[i]))
	}
	return docs
}

func TestExportIsDeterministic(t *testing.T) {
	a, err := Export("en", corpus["en"], nil, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		b, _ := Export("en", corpus["en"], nil, ExportOptions{})
		for name := range a {
			if string(a[name]) != string(b[name]) {
				t.Fatalf("%s differs between exports", name)
			}
		}
	}
}

func TestExportEscapesText(t *testing.T) {
	docs := []Document{{ID: "en/x/", Title: `</script><img src=x onerror=alert(1)>`, Summary: "\u2028 line"}}
	files, err := Export("en", docs, nil, ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if strings.Contains(string(data), "</script") || strings.Contains(string(data), "<img") {
			t.Errorf("%s carries markup unescaped: %s", name, data)
		}
	}
}

func TestBleveSearch(t *testing.T) {
	var all []Document
	for _, docs := range corpus {
		all = append(all, docs...)
	}
	for i := range all {
		all[i].Lang = strings.Split(all[i].ID, "/")[0]
	}
	for i := range all {
		switch all[i].ID {
		case "en/a/":
			all[i].Facets = map[string][]string{"type": {"incubator"}, "region": {"africa"}}
		case "en/b/":
			all[i].Facets = map[string][]string{"type": {"fund"}, "region": {"africa"}}
		}
	}
	ix := scratch(t, all)
	ctx := context.Background()
	ids := func(q Query) []string {
		t.Helper()
		res, err := ix.Search(ctx, q)
		if err != nil {
			t.Fatalf("%+v: %v", q, err)
		}
		var out []string
		for _, h := range res.Hits {
			out = append(out, h.ID)
		}
		return out
	}
	tests := []struct {
		q    Query
		want []string
	}{
		{Query{Lang: "en", Text: "incubator"}, []string{"en/a/", "en/b/"}}, // stemming: incubators, incubated
		{Query{Lang: "en", Text: "incubator", Filters: map[string][]string{"type": {"fund"}}}, []string{"en/b/"}},
		{Query{Lang: "fr", Text: "resultats"}, []string{"fr/a/"}}, // without the accent
		{Query{Lang: "ar", Text: "مدينه"}, []string{"ar/a/"}},     // ta marbuta written as ha
		{Query{Lang: "ar", Text: "حَاضِنَات"}, []string{"ar/a/"}}, // with diacritics
		{Query{Lang: "zh", Text: "孵化"}, []string{"zh/a/"}},
		{Query{Lang: "ru", Text: "инкубатор"}, []string{"ru/a/"}},
		{Query{Lang: "es", Text: "incubadora"}, []string{"es/a/"}},
		{Query{Lang: "en", Text: ""}, []string{"en/a/", "en/b/"}}, // empty: everything
	}
	for _, tt := range tests {
		if got := ids(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%s %q %v: got %v, want %v", tt.q.Lang, tt.q.Text, tt.q.Filters, got, tt.want)
		}
	}
	// Query syntax is text, not operators, and hostile sizes are capped.
	for _, text := range []string{"*", "inc*", "/inc.*/", "title:fund", "fund~2", "+fund -seed", strings.Repeat("x* ", 200), strings.Repeat("a", 10000), "?!%"} {
		if _, err := ix.Search(ctx, Query{Lang: "en", Text: text, Size: 1 << 30, From: 1 << 30}); err != nil {
			t.Errorf("query %.20q: %v", text, err)
		}
	}
	// "+" is no operator ("+fund" is the word fund); "-seed" excludes.
	if got := ids(Query{Lang: "en", Text: "+incubator -seed"}); !slices.Equal(got, []string{"en/a/"}) {
		t.Errorf(`"+incubator -seed" should find the page without seed, got %v`, got)
	}
}

func TestLookupKeys(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"d'amorçage", []string{"amorcage"}},
		{"Kenya's", []string{"kenya"}},
		{"co-working", []string{"co", "working"}},
		{"孵", []string{"孵"}},
		{"Résultats", []string{"resultats"}},
	}
	for _, tt := range tests {
		if got := lookupKeys(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("lookupKeys(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// scratch is an index of docs as the development server keeps one
// (NewScratch), removed when the test ends.
func scratch(t *testing.T, docs []Document) *Index {
	t.Helper()
	ix, err := NewScratch(t.TempDir(), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	return ix
}
