package main

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserNarrowScreens opens pages in several languages on 320 and
// 360 px phone screens and a 1280 px desktop: nothing may overflow
// sideways, and Arabic pages mirror, with the site title and navigation
// starting on the right.
func TestBrowserNarrowScreens(t *testing.T) {
	out := buildBundled(t, "--offline") // built before the browser's budget starts
	ctx := browser(t)
	pages := []string{
		"ar/index.html", "ar/blueprints/konza-technopolis/index.html", "ar/search/index.html",
		"en/index.html", "en/blueprints/konza-technopolis/index.html", "en/translations/index.html",
		"zh/blueprints/konza-technopolis/index.html", "ru/blueprints/index.html",
	}
	for _, screen := range []int{320, 360, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(screen), 740, chromedp.EmulateMobile)); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, p))); err != nil {
				t.Fatal(err)
			}
			width, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
			if err != nil {
				t.Fatal(err)
			}
			if width > screen {
				wide, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > innerWidth + 1 || e.getBoundingClientRect().left < -1).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))`))
				t.Errorf("%s is %d px wide on a %d px screen; too wide: %q", p, width, screen, wide)
			}
		}
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(360, 740, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, "ar/index.html"))); err != nil {
		t.Fatal(err)
	}
	side, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const r = document.querySelector('.site-title').getBoundingClientRect();
		return document.documentElement.dir + ' ' + (r.left + r.right > window.innerWidth ? 'right' : 'left');
	})()`))
	if err != nil || side != "rtl right" {
		t.Errorf("Arabic header: %q (%v), want the title on the right of a right-to-left page", side, err)
	}
}
