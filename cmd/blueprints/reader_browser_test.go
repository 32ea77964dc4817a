package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageLoadLimit is how long a page of the development server may take to
// load. It is no performance figure (those come from benchmarks): a page
// takes milliseconds, and one that takes seconds is stuck behind
// connections that never close, which is what this bound catches.
const pageLoadLimit = 2 * time.Second

// TestBrowserServeSurvivesAReader is a reader's journey under "blueprints
// serve" with the service worker active: 40 pages one after another in one
// tab, then 10 pages in each of three more tabs taking turns, the first
// tab still open. Under serve every page holds the live-reload stream open,
// so four streams stay open throughout. Every page must load within
// pageLoadLimit. Before the service worker left the stream alone, the 7th
// page never loaded.
func TestBrowserServeSurvivesAReader(t *testing.T) {
	base := startServe(t, "../..") // built before the browser's budget starts
	// The limit is on pages of a built site: serve builds its search index
	// in the background after the first build, and a page timed meanwhile
	// would measure the indexing.
	waitForSearchIndex(t, base)
	ctx := browserFor(t, 5*time.Minute)
	pages := servedPages(t, base)
	if len(pages) < 70 {
		t.Fatalf("the site lists only %d pages; the journey needs 70", len(pages))
	}
	// Every tab is opened before the service worker is registered: chromedp
	// loses track of a tab it creates while a service worker runs (the page
	// loads, as the server sees, but the navigation never reports back).
	tabs := make([]context.Context, 4)
	for i := range tabs {
		tab, cancel := chromedp.NewContext(ctx)
		t.Cleanup(cancel)
		if _, err := chromedp.Run(tab, chromedp.Title()); err != nil {
			t.Fatal(err)
		}
		tabs[i] = tab
	}
	first := tabs[0]
	err := chromedp.Do(first,
		chromedp.Navigate(base+"en/"),
		chromedp.Poll[chromedp.Void](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("the service worker never took control: %v", err)
	}

	open := func(tab context.Context, page string) {
		t.Helper()
		load, cancel := context.WithTimeout(tab, 4*pageLoadLimit) // a stuck page fails fast
		defer cancel()
		start := time.Now()
		err := chromedp.Do(load, chromedp.Navigate(base+page))
		took := time.Since(start)
		if err != nil {
			t.Fatalf("%s did not load: %v (after %s)", page, err, took.Round(time.Millisecond))
		}
		if took > pageLoadLimit {
			t.Errorf("%s took %s to load; the limit is %s", page, took.Round(time.Millisecond), pageLoadLimit)
		}
		state, err := chromedp.Run(load, chromedp.Evaluate[string](`(navigator.serviceWorker.controller ? 'controlled' : 'not controlled') + ' ' + (document.querySelector('h1') || {}).textContent`))
		if err != nil || !strings.HasPrefix(state, "controlled ") || state == "controlled " {
			t.Errorf("%s: %q (%v); want a page with a title, under the service worker", page, state, err)
		}
	}
	start := time.Now()
	for _, p := range pages[:40] {
		open(first, p)
	}
	for i, p := range pages[40:70] {
		open(tabs[1+i%3], p)
	}
	t.Logf("70 pages in 4 tabs in %s", time.Since(start).Round(time.Millisecond))
}

// waitForSearchIndex waits until the server's search API answers, which it
// does once the index the first build started is written.
func waitForSearchIndex(t *testing.T, base string) {
	t.Helper()
	status := 0
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		resp, err := http.Get(base + "api/search?lang=en&q=hub")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if status = resp.StatusCode; status == http.StatusOK {
			return
		}
	}
	t.Fatalf("the search API still answers %d two minutes after the first build", status)
}

// servedPages lists the pages of a served site, every language's, from its
// save-for-offline lists, interleaving the languages.
func servedPages(t *testing.T, base string) []string {
	t.Helper()
	var lists [][]string
	for _, lang := range []string{"en", "fr", "ar", "zh", "es", "ru"} {
		var files []string
		if err := json.Unmarshal([]byte(fetch(t, base+"offline/"+lang+".json")), &files); err != nil {
			t.Fatalf("offline/%s.json: %v", lang, err)
		}
		var pages []string
		for _, f := range files {
			if strings.HasPrefix(f, lang+"/") && strings.HasSuffix(f, "/") {
				pages = append(pages, f)
			}
		}
		lists = append(lists, pages)
	}
	var pages []string
	for i := 0; ; i++ {
		added := false
		for _, l := range lists {
			if i < len(l) {
				pages = append(pages, l[i])
				added = true
			}
		}
		if !added {
			return pages
		}
	}
}

// TestServiceWorkerLeavesStreamsAlone: with the service worker in control,
// the development server's files and event streams, streams elsewhere,
// POST requests and responses marked no-store pass it by: a stream closes
// on the server as soon as its tab is closed, and none of them is cached,
// while pages and the theme's files still are.
func TestServiceWorkerLeavesStreamsAlone(t *testing.T) {
	ctx := browser(t)
	dir := newSite(t, map[string]string{
		"content/site.yaml":    "title: SW\noffline_reading: true\nlanguages: [{code: en, name: English}]\n",
		"content/en/_index.md": "---\ntitle: Home\n---\nHello.\n",
		"content/en/about.md":  "---\ntitle: About\n---\nAbout.\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--source", dir, "--out", out, "-q"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	var streams atomic.Int32
	stream := func(w http.ResponseWriter, r *http.Request) {
		streams.Add(1)
		defer streams.Add(-1)
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "event: hello\ndata: 1\n\n")
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_blueprints/events", stream)
	mux.HandleFunc("GET /live", stream) // a stream outside /_blueprints/
	mux.HandleFunc("GET /_blueprints/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript")
		fmt.Fprint(w, "// reload")
	})
	mux.HandleFunc("GET /fresh.txt", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		fmt.Fprint(w, "fresh")
	})
	mux.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "got %s", body)
	})
	mux.Handle("/", http.FileServer(http.Dir(out)))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	// A second tab, opened before the worker runs (see above), to close.
	tab, closeTab := chromedp.NewContext(ctx)
	defer closeTab()
	if _, err := chromedp.Run(tab, chromedp.Title()); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/en/"),
		chromedp.Poll[chromedp.Void](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(20*time.Second)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/en/about/")); err != nil {
		t.Fatal(err)
	}
	posted, err := chromedp.Run(tab, chromedp.Evaluate[string](`(async () => {
		const open = (u) => new Promise((ok, fail) => {
			const s = new EventSource(u);
			s.addEventListener('hello', () => ok(s));
			s.onerror = () => fail(new Error('stream ' + u + ' failed'));
		});
		window.keep = [await open('/_blueprints/events'), await open('/live')];
		await (await fetch('/_blueprints/reload.js')).text();
		await (await fetch('/fresh.txt')).text();
		return (await fetch('/form', {method: 'POST', body: 'a form'})).text();
	})()`, chromedp.EvalAwaitPromise))
	if err != nil || posted != "got a form" {
		t.Fatalf("under the worker: POST answered %q, %v", posted, err)
	}
	if n := streams.Load(); n != 2 {
		t.Fatalf("%d streams open on the server; want the page's 2", n)
	}
	closeTab()
	for deadline := time.Now().Add(5 * time.Second); streams.Load() != 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d streams still open 5 s after their page closed: the service worker holds them", streams.Load())
		}
	}
	cached, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`caches.open('blueprints-pages').then(c => c.keys()).then(ks => ks.map(r => new URL(r.url).pathname))`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cached {
		if strings.HasPrefix(p, "/_blueprints/") || p == "/live" || p == "/fresh.txt" || p == "/form" {
			t.Errorf("the service worker cached %s", p)
		}
	}
	if !slices.Contains(cached, "/en/about/") || !slices.Contains(cached, "/static/style.css") {
		t.Errorf("the service worker cached %q; want the pages and the theme's files read so far", cached)
	}
}

// TestBrowserNotFoundPage: the 404 page is styled and its links lead into
// the site, both under "blueprints serve" at a missing address two levels
// deep (the site's base URL has a sub-path the server does not use) and
// opened from the unpacked offline bundle.
func TestBrowserNotFoundPage(t *testing.T) {
	ctx := browser(t)
	dir := newSite(t, map[string]string{
		"content/site.yaml":    "title: Lost\nbase_url: https://example.org/kb/\nlanguages: [{code: en, name: English}]\n",
		"content/en/_index.md": "---\ntitle: Home\n---\nHello.\n",
	})
	check := func(where, url, home string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		border, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-header')).borderBottomStyle`))
		if err != nil || border != "solid" {
			t.Errorf("%s: the 404 page has no stylesheet (%q, %v)", where, border, err)
		}
		err = chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`.language-choice a[lang="en"]`)),
			chromedp.WaitVisible(chromedp.CSS(`.header-search`)))
		if err != nil {
			t.Fatalf("%s: following the 404's link to English: %v", where, err)
		}
		if loc, _ := chromedp.Run(ctx, chromedp.Location()); loc != home {
			t.Errorf("%s: the 404's link to English led to %s; want %s", where, loc, home)
		}
	}
	base := startServe(t, dir)
	check("serve", base+"en/no/such/", base+"en/")

	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--source", dir, "--out", out, "--offline", "-q"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	check("offline", "file://"+filepath.Join(out, "404.html"), "file://"+filepath.Join(out, "en", "index.html"))
}
