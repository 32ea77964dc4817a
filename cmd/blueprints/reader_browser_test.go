package main

import (
	"context"
	"encoding/json"
	"strings"
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
	ctx := browserFor(t, 5*time.Minute)
	base := startServe(t, "../..")
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

