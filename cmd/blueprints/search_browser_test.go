package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/site"
)

// resultIDs reads the result links of the search page as site paths.
func resultIDs(t *testing.T, ctx context.Context) []string {
	t.Helper()
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('#search-results a')).map(a => a.href)`))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range hrefs {
		u, err := url.Parse(h)
		if err != nil {
			t.Fatal(err)
		}
		p := strings.TrimSuffix(u.Path, "index.html")
		if i := strings.Index(p, "/public/"); i >= 0 { // file:// paths
			p = p[i+len("/public"):]
		}
		if i := strings.Index(p, "/kb/"); i >= 0 { // the sub-path the test serves under
			p = p[i+len("/kb"):]
		}
		ids = append(ids, strings.TrimPrefix(p, "/"))
	}
	return ids
}

// searchFor opens the search page with a query in the URL and waits for
// the client to report.
func searchFor(t *testing.T, ctx context.Context, page, query string) []string {
	t.Helper()
	return searchAt(t, ctx, page+"?"+url.Values{"q": {query}}.Encode())
}

// searchAt opens a search page's URL, query and filters included.
func searchAt(t *testing.T, ctx context.Context, link string) []string {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(link),
		chromedp.Poll[chromedp.Void](`document.getElementById('search-status').textContent !== ''`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("search %s: %v", link, err)
	}
	return resultIDs(t, ctx)
}

// readerSearch types a query, sees results, narrows by a facet and follows
// a result, as a reader does.
func readerSearch(t *testing.T, ctx context.Context, page string) {
	t.Helper()
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS(`#search-q`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-facets fieldset').length > 0`, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.SendKeys(chromedp.CSS(`#search-q`), "incubat"),
		// Results as you type, with the matched words highlighted.
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results mark').length > 0`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("typing a query: %v", err)
	}
	all := resultIDs(t, ctx)
	if len(all) < 3 {
		t.Errorf("typing %q found %v", "incubat", all)
	}
	err = chromedp.Do(ctx,
		// On a narrow window the filters wait behind their summary.
		chromedp.Evaluate[chromedp.Void](`document.getElementById('search-filters').open = true`),
		chromedp.Click(chromedp.CSS(`input[name=type][value=fund]`)),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length < `+strconv.Itoa(len(all)), chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("filtering by type (had %v): %v", all, err)
	}
	funds := resultIDs(t, ctx)
	if !slices.Contains(funds, "en/blueprints/startup-india-seed-fund-scheme/") {
		t.Errorf("filtered to funds: %v", funds)
	}
	// The filter is in the URL, so the search can be bookmarked.
	if u, _ := chromedp.Run(ctx, chromedp.Location()); !strings.Contains(u, "type=fund") {
		t.Errorf("location %s does not carry the filter", u)
	}
	err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#search-results a`)), chromedp.WaitVisible(chromedp.CSS(`.facts`)))
	if err != nil {
		t.Fatalf("following a result: %v", err)
	}
	if kicker, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.kicker`))); !strings.Contains(kicker, "Fund") {
		t.Errorf("followed a fund result to a page of type %q", kicker)
	}
}

func TestBrowserSearchFromDisk(t *testing.T) {
	out := buildBundled(t, "--offline") // built before the browser's budget starts
	ctx := browser(t)
	page := "file://" + filepath.Join(out, "en/search/index.html")
	readerSearch(t, ctx, page)

	// Arabic with and without diacritics, Chinese by bigrams.
	ar := "file://" + filepath.Join(out, "ar/search/index.html")
	for _, q := range []string{"كونزا", "كُونْزَا", "التكنولوجية"} {
		if got := searchFor(t, ctx, ar, q+" "); len(got) == 0 || got[0] != "ar/blueprints/konza-technopolis/" {
			t.Errorf("Arabic %q: %v", q, got)
		}
	}
	zh := "file://" + filepath.Join(out, "zh/search/index.html")
	if got := searchFor(t, ctx, zh, "孔扎 "); len(got) == 0 || got[0] != "zh/blueprints/konza-technopolis/" {
		t.Errorf("Chinese 孔扎: %v", got)
	}
	if dir, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dir`)); dir != "ltr" {
		t.Errorf("Chinese page dir = %q", dir)
	}
}

func TestBrowserSearchOverHTTP(t *testing.T) {
	base := serveUnderSubPath(t, buildBundled(t)) // built before the browser's budget starts
	ctx := browser(t)
	readerSearch(t, ctx, base+"en/search/")
	// The header search box leads to the search page with the query.
	err := chromedp.Do(ctx,
		chromedp.Navigate(base+"en/about/"),
		chromedp.SendKeys(chromedp.CSS(`#header-q`), "tumo\n"),
	)
	if err != nil {
		t.Fatalf("header search: %v", err)
	}
	// The submit navigates; poll until the new page has its results.
	var got []string
	for deadline := time.Now().Add(10 * time.Second); len(got) == 0 && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#search-results a')).map(a => a.getAttribute('href'))`))
		if err == nil {
			got = ids
		}
	}
	if len(got) == 0 || !strings.Contains(got[0], "tumo-center-for-creative-technologies") {
		t.Errorf("header search for tumo: %v", got)
	}
}

// TestBrowserSearchShowsHostileTitleAsText: a title made of markup is shown
// as text and runs nothing.
func TestBrowserSearchShowsHostileTitleAsText(t *testing.T) {
	ctx := browser(t)
	title := `<img src=x onerror=document.title=1>`
	dir := newSite(t, map[string]string{
		"content/site.yaml": "title: T\nlanguages: [{code: en, name: English}]\n",
		"content/en/x.md":   "---\ntitle: '" + title + "'\nsummary: an image tag\n---\nText.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--offline", "--source", dir, "--out", out, "-q"}, new(strings.Builder), new(strings.Builder)); err != nil {
		t.Fatal(err)
	}
	searchFor(t, ctx, "file://"+filepath.Join(out, "en/search/index.html"), "image ")
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#search-results a').textContent + '|' + document.querySelectorAll('#search-results img').length + '|' + document.title`))
	if err != nil {
		t.Fatal(err)
	}
	if want := title + "|0|"; !strings.HasPrefix(got, want) || strings.HasSuffix(got, "|1") {
		t.Errorf("result = %q, want the title as text, no <img>, title not changed", got)
	}
}

// TestBrowserSearchShowsTheMatchingPassage: a result quotes the sentence
// of its body with the query's words, highlighted, cut around them when
// long, as bleve's excerpt does; a page whose words are only in its
// summary, or further into its body than its row carries, shows the
// summary.
func TestBrowserSearchShowsTheMatchingPassage(t *testing.T) {
	ctx := browser(t)
	long := strings.Repeat("Founders meet mentors every week in the old station building. ", 8)
	dir := newSite(t, map[string]string{
		"content/site.yaml": "title: T\nlanguages: [{code: en, name: English}]\n",
		"content/en/a.md":   "---\ntitle: Alpha\nsummary: A programme for founders.\n---\nIt opened in 2015. The quokka fund lends to farmers in Rwanda. It closed in 2020.\n",
		"content/en/b.md":   "---\ntitle: Beta\nsummary: The quokka desk answers questions.\n---\nNothing to see here.\n",
		"content/en/c.md":   "---\ntitle: Gamma\nsummary: Another programme.\n---\n" + long + "A wombat grant comes last.\n",
		"content/en/d.md":   "---\ntitle: Delta\nsummary: A long sentence.\n---\nThe " + strings.Repeat("long ", 50) + "numbat " + strings.Repeat("tail ", 50) + "end.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--offline", "--source", dir, "--out", out, "-q"}, new(strings.Builder), new(strings.Builder)); err != nil {
		t.Fatal(err)
	}
	page := "file://" + filepath.Join(out, "en/search/index.html")
	quote := func(q string) map[string]string {
		searchFor(t, ctx, page, q)
		got, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`Object.fromEntries(Array.from(document.querySelectorAll('#search-results li')).map(li =>
			[li.querySelector('a').textContent, Array.from(li.querySelectorAll('p:not(.search-what)')).map(p => p.innerHTML).join('|')]))`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := quote("quokka farmers")
	if want := "The <mark>quokka</mark> fund lends to <mark>farmers</mark> in Rwanda."; got["Alpha"] != want {
		t.Errorf("quokka farmers: Alpha quotes %q, want %q", got["Alpha"], want)
	}
	got = quote("quokka")
	if want := "The <mark>quokka</mark> desk answers questions."; got["Beta"] != want {
		t.Errorf("quokka: Beta, whose body lacks the word, quotes %q, want its summary %q", got["Beta"], want)
	}
	if got := quote("wombat"); got["Gamma"] != "Another programme." {
		t.Errorf("wombat, beyond the row's opening of the body: Gamma quotes %q, want its summary", got["Gamma"])
	}
	got = quote("numbat")
	if d := got["Delta"]; !strings.Contains(d, "<mark>numbat</mark>") || !strings.HasPrefix(d, "…") || !strings.HasSuffix(d, "…") || len([]rune(d)) > 230 {
		t.Errorf("numbat, in a long sentence: Delta quotes %q, want about 200 characters around the word", d)
	}
}

// TestBrowserSearchAgreesWithBleve compares the browser's top ten with
// bleve's for the same queries over the bundled knowledge base.
func TestBrowserSearchAgreesWithBleve(t *testing.T) {
	out := buildBundled(t, "--offline")
	built, diags := site.Build(context.Background(), (&siteFlags{source: "../.."}).config())
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	// The browser's time budget starts after the builds, which under
	// -race on a loaded machine took most of it.
	ctx := browserFor(t, 3*time.Minute) // 185 queries, each a page load, on a loaded machine
	ix, err := search.NewScratch(t.TempDir(), built.Search)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	queries := map[string][]string{
		"en": {"incubator", "accelerator", "fund", "seed", "university", "park", "hub", "policy", "strategy", "startup",
			"women", "youth", "investment", "government", "technology", "digital", "innovation", "mentoring", "entrepreneurs",
			"Kenya", "Chile", "India", "tax", "grants", "training", "law", "evaluation", "infrastructure", "community",
			"programme", "seed fund", "tax incentives", "women entrepreneurs", "digital strategy", "smart city"},
		"fr": {"fonds", "entreprises", "amorçage", "numérique", "technologique", "programme", "ouvert", "start", "blueprints", "financement",
			"formation", "fondateurs", "nairobi", "startup", "lucratif", "gestion", "informatique", "design", "entrepreneuriat", "technoparc",
			"astana", "étrangers", "incubation", "cchub", "lagos", "quartier", "communautaire", "kenya", "stratégie", "estonie"},
		"es": {"empresas", "capital", "semilla", "digital", "gobierno", "tecnológico", "abierto", "fondos", "programa", "modelos",
			"parque", "ofrece", "centro", "fondo", "estado", "creada", "fundadores", "formación", "nairobi", "centros",
			"chile", "emergentes", "universidad", "fines", "lucro", "combina", "diseño", "emprendimiento", "extranjero", "incubación"},
		"ru": {"созданный", "программа", "обучение", "компаний", "открытый", "центр", "технологий", "технологический", "правительством", "финансирования",
			"центров", "африки", "цифровой", "модели", "университет", "технопарк", "компаниям", "упрощенный", "инкубацию", "cchub",
			"районе", "сообщества", "фондом", "позднее", "цифровая", "эстонии", "фондов", "акселератор", "посевной", "стадии"},
		"ar": {"الناشئة", "الأعمال", "الشركات", "تكنولوجي", "المعلومات", "الأولي", "رقمية", "أعمال", "التمويل", "أفريقيا",
			"برنامج", "شركات", "تكنولوجيا", "أوليا", "الحكومة", "نيروبي", "مدينة", "المخططات", "جامعة", "ربحية",
			"إدارة", "أستانا", "الدولة", "برامج", "تمويلا", "المشترك", "cchub", "لاغوس", "للتمويل", "الرقمية"},
		"zh": {"企业", "资金", "科技", "提供", "中心", "种子", "数字", "政府", "初创", "创企",
			"国家", "技术", "项目", "创业", "创新", "非洲", "大学", "创办", "信息", "孵化",
			"加速", "基金", "创始", "智利", "计划", "孔扎", "肯尼亚", "融资", "蓝图", "城市"},
	}
	for lang, qs := range queries {
		var sum float64
		for _, q := range qs {
			want := bleveTop(t, ix, search.Query{Lang: lang, Text: q, Size: 10})
			got := searchFor(t, ctx, "file://"+filepath.Join(out, lang, "search/index.html"), q+" ")
			if len(got) > 10 {
				got = got[:10]
			}
			sum += overlap(got, want)
			if o := overlap(got, want); o < 1 {
				t.Logf("%s %q: browser %v, bleve %v", lang, q, got, want)
			}
		}
		agreement := sum / float64(len(qs))
		t.Logf("%s: top-10 agreement %.0f%% over %d queries", lang, 100*agreement, len(qs))
		if agreement < 0.8 {
			t.Errorf("%s: browser and bleve agree on %.0f%% of the top ten; want at least 80%%", lang, 100*agreement)
		}
	}
}

// bleveTop lists the IDs of bleve's results for q, best first.
func bleveTop(t *testing.T, ix *search.Index, q search.Query) []string {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// overlap is |a ∩ b| / max(|a|, |b|), and 1 when both are empty.
func overlap(a, b []string) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	in := map[string]bool{}
	for _, x := range a {
		in[x] = true
	}
	n := 0
	for _, x := range b {
		if in[x] {
			n++
		}
	}
	return float64(n) / float64(max(len(a), len(b)))
}

// TestBrowserSearchLargeSite covers what only a larger site exercises:
// words in more documents than a shard carries (the heaviest 50; the rest
// in tail files), so a one-word query is answered from its shard's head,
// total and facet counts, and a two-word or filtered query loads the
// tails and every document's facets. Totals and facet counts must be
// exactly bleve's, and the top ten must agree.
func TestBrowserSearchLargeSite(t *testing.T) {
	ctx := browser(t)
	files := map[string]string{"content/site.yaml": "title: Large\nlanguages: [{code: en, name: English}]\n"}
	vocabulary := strings.Fields("incubator fund seed park hub mentor grant policy school university women youth rural digital export")
	types := []string{"incubator", "accelerator", "tech-park", "fund", "innovation-hub"}
	countries := []string{"KE", "NG", "IN", "BR", "CL", "EE", "RW"}
	for i := range 160 {
		var body []string
		for j := range 40 {
			// Word j of document i: a skewed, deterministic choice, so
			// some words are in most documents and some in few.
			w := vocabulary[(i*7+j*j*3)%(1+(i+j)%len(vocabulary))]
			body = append(body, w)
		}
		files[fmt.Sprintf("content/en/blueprints/b%03d.md", i)] = fmt.Sprintf(
			"---\ntitle: Blueprint %d %s\nsummary: About %s.\ntype: %s\ncountries: [%s]\nsdgs: [%d]\nstage: pilot\nlast_reviewed: 2026-01-02\n---\n%s.\n",
			i, vocabulary[i%len(vocabulary)], vocabulary[(i/3)%len(vocabulary)], types[i%len(types)], countries[i%len(countries)], 1+i%17, strings.Join(body, " "))
	}
	dir := newSite(t, files)
	out := filepath.Join(dir, "public")
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"build", "--source", dir, "--offline", "-q"}, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	tails, _ := filepath.Glob(filepath.Join(out, "search/en/tail-*.min.js"))
	if len(tails) == 0 {
		t.Fatal("no word is in more than 50 documents: the test site does not exercise tails")
	}
	ix, err := search.Open(filepath.Join(dir, ".blueprints", "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	page := "file://" + filepath.Join(out, "en/search/index.html")
	var sum float64
	queries := []struct {
		text   string
		filter map[string][]string
	}{
		{"incubator", nil}, {"seed", nil}, {"rural", nil}, {"export", nil}, {"hub", nil}, {"digital", nil},
		{"seed fund", nil}, {"women youth", nil}, {"park export", nil},
		{"seed", map[string][]string{"type": {"fund"}}}, {"mentor", map[string][]string{"country": {"ke"}}},
	}
	for _, q := range queries {
		res, err := ix.Search(context.Background(), search.Query{Lang: "en", Text: q.text, Filters: q.filter, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, h := range res.Hits {
			want = append(want, h.ID)
		}
		params := url.Values{"q": {q.text + " "}}
		for name, v := range q.filter {
			params[name] = v
		}
		got := searchAt(t, ctx, page+"?"+params.Encode())
		got = got[:min(len(got), 10)]
		sum += overlap(got, want)
		if overlap(got, want) < 1 {
			t.Logf("%q %v: browser %v, bleve %v", q.text, q.filter, got, want)
		}
		status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`#search-status`)))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(status, strconv.FormatUint(res.Total, 10)) {
			t.Errorf("%q %v: the page says %q, bleve found %d", q.text, q.filter, status, res.Total)
		}
		if q.filter != nil {
			continue
		}
		options, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('input[name=type]')).map(o => o.value + " " + o.parentNode.textContent.match(/\((\d+)\)$/)[1])`))
		if err != nil {
			t.Fatal(err)
		}
		var counts []string
		for _, c := range res.Facets["type"] {
			counts = append(counts, c.Value+" "+strconv.Itoa(c.Count))
		}
		slices.Sort(options)
		slices.Sort(counts)
		if !slices.Equal(options, counts) {
			t.Errorf("%q: type counts in the page %v, bleve %v", q.text, options, counts)
		}
	}
	if agreement := sum / float64(len(queries)); agreement < 0.9 {
		t.Errorf("browser and bleve agree on %.0f%% of the top ten; want at least 90%%", 100*agreement)
	}
}

// TestBrowserSearchAgreesOnCorpus measures agreement between the browser
// and bleve on a large built site, such as the benchmark's generated
// corpus: make bench runs it with BLUEPRINTS_AGREEMENT_SITE set to the
// site's directory, after building it. The queries are words of the
// site's own titles and summaries, single and in pairs, 30 per language.
func TestBrowserSearchAgreesOnCorpus(t *testing.T) {
	dir := os.Getenv("BLUEPRINTS_AGREEMENT_SITE")
	if dir == "" {
		t.Skip("BLUEPRINTS_AGREEMENT_SITE is not set (make bench sets it)")
	}
	ix, err := search.Open(filepath.Join(dir, ".blueprints", "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	langs, err := os.ReadDir(filepath.Join(dir, ".blueprints", "index"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browserFor(t, 30*time.Minute)
	for _, entry := range langs {
		lang := entry.Name()
		listing, err := ix.Search(context.Background(), search.Query{Lang: lang, Size: search.MaxResults})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		var queries []string
		for _, h := range listing.Hits {
			for _, w := range strings.Fields(h.Title + " " + h.Summary) {
				w = strings.ToLower(strings.Trim(w, ".,;:"))
				if len([]rune(w)) >= 3 && !seen[w] && len(queries) < 24 {
					seen[w] = true
					queries = append(queries, w)
				}
			}
		}
		for i := 0; i+1 < len(queries) && i < 12; i += 2 {
			queries = append(queries, queries[i]+" "+queries[i+1])
		}
		var sum float64
		for _, q := range queries {
			want := bleveTop(t, ix, search.Query{Lang: lang, Text: q, Size: 10})
			got := searchFor(t, ctx, "file://"+filepath.Join(dir, "public", lang, "search/index.html"), q)
			sum += overlap(got[:min(len(got), 10)], want)
		}
		agreement := sum / float64(len(queries))
		t.Logf("agreement %s: %.0f%% of the top ten over %d queries", lang, 100*agreement, len(queries))
		// Latency as a reader sees it: from submitting a query in the page
		// to the status saying what was found, shards already loaded or
		// not; the first query of the page (which loads meta) excluded.
		qs, _ := json.Marshal(queries)
		times, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(async qs => {
			const form = document.querySelector('#search form'), input = document.getElementById('search-q'), status = document.getElementById('search-status');
			const times = [];
			for (const q of qs) {
				const done = new Promise(r => { const mo = new MutationObserver(() => { mo.disconnect(); r(); }); mo.observe(status, {childList: true, characterData: true, subtree: true}); });
				const t0 = performance.now();
				input.value = q;
				form.requestSubmit();
				await done;
				times.push(performance.now() - t0);
			}
			return times;
		})(`+string(qs)+`)`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(times)
		t.Logf("agreement %s: browser latency after the first query, median %.0f ms, worst %.0f ms", lang, times[len(times)/2], times[len(times)-1])
		if agreement < 0.8 {
			t.Errorf("%s: browser and bleve agree on %.0f%% of the top ten; want at least 80%%", lang, 100*agreement)
		}
	}
}

// TestBrowserSearchBytesOnCorpus measures what the browser fetches for a
// one-word query on a large built site, as TestBrowserSearchAgreesOnCorpus
// does agreement (make bench sets BLUEPRINTS_AGREEMENT_SITE): for up to
// ten words of the site's titles and summaries per language, each on a fresh page, the
// gzip-compressed size (what a host serving gzip sends) of the search
// client and every search file the page loaded, then of the files "more
// results" loaded for the second page. Reported, never timed or failed on:
// the budgets are in the issue, not in a test.
func TestBrowserSearchBytesOnCorpus(t *testing.T) {
	dir := os.Getenv("BLUEPRINTS_AGREEMENT_SITE")
	if dir == "" {
		t.Skip("BLUEPRINTS_AGREEMENT_SITE is not set (make bench sets it)")
	}
	ix, err := search.Open(filepath.Join(dir, ".blueprints", "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	public := filepath.Join(dir, "public")
	sizes := map[string]int{}
	gz := func(src string) int {
		u, err := url.Parse(src)
		if err != nil || u.Scheme != "file" {
			t.Fatalf("script %s is not a file of the site", src)
		}
		if n, ok := sizes[u.Path]; ok {
			return n
		}
		data, err := os.ReadFile(u.Path)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
		w.Write(data)
		w.Close()
		sizes[u.Path] = b.Len()
		return b.Len()
	}
	// fetched sums the search scripts the page holds that before lacks.
	fetched := func(ctx context.Context, before map[string]bool) (int, map[string]bool) {
		srcs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('script[src]')).map(s => s.src)`))
		if err != nil {
			t.Fatal(err)
		}
		now, n := map[string]bool{}, 0
		for _, src := range srcs {
			if !strings.Contains(src, "/search/") && !strings.HasSuffix(src, "/search.js") {
				continue
			}
			now[src] = true
			if !before[src] {
				n += gz(src)
			}
		}
		return n, now
	}
	ctx := browserFor(t, 20*time.Minute)
	langs, err := os.ReadDir(filepath.Join(dir, ".blueprints", "index"))
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range langs {
		lang := entry.Name()
		listing, err := ix.Search(context.Background(), search.Query{Lang: lang, Size: search.MaxResults})
		if err != nil {
			t.Fatal(err)
		}
		var cold, second []float64
		seen := map[string]bool{}
		var words []string
		for _, h := range listing.Hits {
			for _, w := range strings.Fields(h.Title + " " + h.Summary) {
				w = strings.ToLower(strings.Trim(w, ".,;:"))
				rs := []rune(w)
				short := len(rs) < 3
				if len(rs) >= 2 && unicode.Is(unicode.Han, rs[0]) {
					w, short = string(rs[:2]), false // one word of Chinese: a bigram, as the analyzer makes them
				}
				if !short && !seen[w] && len(words) < 10 {
					seen[w] = true
					words = append(words, w)
				}
			}
		}
		for _, w := range words {
			searchFor(t, ctx, "file://"+filepath.Join(public, lang, "search/index.html"), w)
			n, before := fetched(ctx, nil)
			cold = append(cold, float64(n)/1024)
			more, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById('search-more').hidden`))
			if !more {
				continue
			}
			err := chromedp.Do(ctx,
				chromedp.Click(chromedp.CSS(`#search-more`)),
				chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-results li').length > 20`, chromedp.WithPollingTimeout(10*time.Second)),
			)
			if err != nil {
				t.Fatalf("%s %q: second page: %v", lang, w, err)
			}
			n, _ = fetched(ctx, before)
			second = append(second, float64(n)/1024)
		}
		slices.Sort(cold)
		slices.Sort(second)
		median := func(xs []float64) string {
			if len(xs) == 0 {
				return "-"
			}
			return fmt.Sprintf("%.0f KB (worst %.0f KB)", xs[len(xs)/2], xs[len(xs)-1])
		}
		t.Logf("bytes %s: one-word query, cold, client included: median %s over %d words; second page: %s more over %d", lang, median(cold), len(cold), median(second), len(second))
	}
}
