package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestBrowserKeepsReadingOffline: with the service worker, a page the
// reader opened, and every page of a language they saved, still open when
// the connection drops.
func TestBrowserKeepsReadingOffline(t *testing.T) {
	out := buildBundled(t) // built before the browser's budget starts
	ctx := browser(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	base := srv.URL + "/"
	poll := func(what, js string) {
		t.Helper()
		// Saving a language fetches every file on its list (pages and
		// search files); under the race detector on a busy runner that
		// takes well over 20 s.
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"en/")); err != nil {
		t.Fatal(err)
	}
	poll("service worker in control", `navigator.serviceWorker.controller !== null`)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"fr/blueprints/konza-technopolis/")); err != nil {
		t.Fatal(err)
	}
	// Save English for offline reading from the footer.
	err := chromedp.Do(ctx, chromedp.Navigate(base+"en/"), chromedp.Click(chromedp.CSS(`#save-offline`)))
	if err != nil {
		t.Fatal(err)
	}
	saved, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('script[data-saved]').dataset.saved`))
	poll("language saved", `document.getElementById('save-offline-status').textContent === `+jsString(saved))

	srv.Close() // the connection drops
	for _, p := range []string{"fr/blueprints/konza-technopolis/", "en/blueprints/ashesi-university/", "en/types/fund/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
			t.Errorf("offline, %s: %v", p, err)
			continue
		}
		h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`h1`)))
		if err != nil || h1 == "" {
			t.Errorf("offline, %s shows no page (%q, %v)", p, h1, err)
		}
		if border, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.site-header')).borderBottomStyle`)); border != "solid" {
			t.Errorf("offline, %s has no stylesheet (%q)", p, border)
		}
	}
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
