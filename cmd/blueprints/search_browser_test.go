package main

import (
	"context"
	"net/url"
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
	err := chromedp.Do(ctx,
		chromedp.Navigate(page+"?q="+url.QueryEscape(query)),
		chromedp.Poll[chromedp.Void](`document.getElementById('search-status').textContent !== ''`, chromedp.WithPollingTimeout(10*time.Second)),
	)
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
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
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('#search-facets select').length > 0`, chromedp.WithPollingTimeout(10*time.Second)),
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
		chromedp.Evaluate[chromedp.Void](`(s => { s.value = 'fund'; s.dispatchEvent(new Event('change')); })(document.querySelector('select[name=type]'))`),
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
	ctx := browser(t)
	out := buildBundled(t, "--offline")
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
	ctx := browser(t)
	base := serveUnderSubPath(t, buildBundled(t))
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
	ctx := browser(t)
	ix, err := search.NewMemory(built.Search)
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
			res, err := ix.Search(context.Background(), search.Query{Lang: lang, Text: q, Size: 10})
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, h := range res.Hits {
				want = append(want, h.ID)
			}
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
