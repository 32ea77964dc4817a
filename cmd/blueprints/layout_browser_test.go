package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// emulateMedia switches the page to a media type ("print", "" for screen)
// and a colour scheme ("light", "dark").
func emulateMedia(media, scheme string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    media,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return chromedp.Void{}, err
	}
}

// TestBrowserReaderLayout holds what issue 14 found wrong on a phone and in
// print: a header that took a quarter of the screen, "At a glance" before
// the contents, table-of-contents numbers past 9 sticking out of the
// column, an unmirrored breadcrumb separator in Arabic, a map legend
// without colours, and the search box on paper.
func TestBrowserReaderLayout(t *testing.T) {
	ctx := browser(t)
	var body strings.Builder
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&body, "## Section number %d\n\nText.\n\n", i)
	}
	blueprint := "---\ntitle: Long Hub\nsummary: A hub with a long outline.\ntype: innovation-hub\ncountries: [KE, RW, UG, TZ]\nsdgs: [4, 5, 8, 9]\nstage: pilot\nlast_reviewed: 2026-01-01\n---\n" + body.String()
	dir := newSite(t, map[string]string{
		"content/site.yaml": "title: Digital Innovation Blueprints\ndefault_language: en\nlanguages:\n" +
			"  - {code: en, name: English}\n  - {code: fr, name: Français}\n  - {code: es, name: Español}\n" +
			"  - {code: ar, name: العربية, direction: rtl}\n  - {code: ru, name: Русский}\n  - {code: zh, name: 中文}\n",
		"content/en/_index.md":          "---\ntitle: Home\n---\n",
		"content/en/about.md":           "---\ntitle: About this knowledge base\nmenu: true\n---\nText.\n",
		"content/en/blueprints/long.md": blueprint,
		"content/ar/_index.md":          "---\ntitle: الرئيسية\ntranslation: {translated: 2026-01-02, method: human}\n---\n",
		// ar/blueprints/long/ is the English page's Arabic fallback page.
		"content/fr/_index.md":            "---\ntitle: Accueil\ntranslation: {translated: 2026-01-02, method: human}\n---\n",
		"content/es/_index.md":            "---\ntitle: Inicio\ntranslation: {translated: 2026-01-02, method: human}\n---\n",
		"content/ru/_index.md":            "---\ntitle: Главная\ntranslation: {translated: 2026-01-02, method: human}\n---\n",
		"content/zh/_index.md":            "---\ntitle: 首页\ntranslation: {translated: 2026-01-02, method: human}\n---\n",
		"content/en/blueprints/_index.md": "---\ntitle: Blueprints\n---\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if err := run(context.Background(), []string{"build", "--offline", "--source", dir, "--out", out, "-q"}, new(strings.Builder), new(strings.Builder)); err != nil {
		t.Fatal(err)
	}
	open := func(width int64, page, media, scheme string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800, chromedp.EmulateMobile), emulateMedia(media, scheme),
			chromedp.Navigate("file://"+filepath.Join(out, page))); err != nil {
			t.Fatal(err)
		}
	}
	eval := func(js string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return s
	}

	open(360, "en/blueprints/long/index.html", "", "light")
	if h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.querySelector('.site-header').offsetHeight`)); err != nil || h > 160 {
		t.Errorf("header is %v px high on a 360 px phone (%v), want at most 160", h, err)
	}
	if got := eval(`String(document.querySelector('.toc').getBoundingClientRect().top < document.querySelector('.facts').getBoundingClientRect().top)`); got != "true" {
		t.Error("on a phone the contents come after the long 'At a glance' box")
	}
	// A list marker is drawn in the list's start padding; "12." must fit.
	if got := eval(`(() => {
		const ol = document.querySelector('.toc ol');
		const probe = document.createElement('span');
		probe.textContent = '12. ';
		ol.firstElementChild.append(probe);
		const need = probe.getBoundingClientRect().width;
		probe.remove();
		return parseFloat(getComputedStyle(ol).paddingInlineStart) >= need ? 'fits' : 'sticks out by ' + (need - parseFloat(getComputedStyle(ol).paddingInlineStart)) + ' px';
	})()`); got != "fits" {
		t.Errorf("table of contents number 12: %s", got)
	}
	// Every header control is reachable and big enough to tap (24 px, WCAG 2.5.8).
	if got := eval(`Array.from(document.querySelectorAll('.site-header a, .site-header input, .site-header button')).filter(e => e.getBoundingClientRect().height < 24).map(e => e.textContent || e.name).join(', ')`); got != "" {
		t.Errorf("header controls under 24 px high: %s", got)
	}

	open(360, "ar/blueprints/long/index.html", "", "light")
	if got := eval(`getComputedStyle(document.querySelector('.breadcrumbs li'), '::after').content`); !strings.Contains(got, "‹") {
		t.Errorf("Arabic breadcrumb separator is %s, want ‹ (pointing the way the text reads)", got)
	}
	open(360, "en/blueprints/long/index.html", "", "light")
	if got := eval(`getComputedStyle(document.querySelector('.breadcrumbs li'), '::after').content`); !strings.Contains(got, "›") {
		t.Errorf("English breadcrumb separator is %s, want ›", got)
	}

	for _, scheme := range []string{"light", "dark"} {
		open(1280, "en/index.html", "", scheme)
		if got := eval(`Array.from(document.querySelectorAll('.map-legend rect')).map(r => getComputedStyle(r).fill).join(' ')`); got == "" || strings.Contains(got, "rgb(0, 0, 0)") {
			t.Errorf("%s map legend colours: %q, want the map's four shades", scheme, got)
		}
	}

	open(1280, "en/blueprints/long/index.html", "print", "light")
	if got := eval(`Array.from(document.querySelectorAll('.header-search, .languages, .site-header nav')).filter(e => getComputedStyle(e).display !== 'none').map(e => e.className || e.tagName).join(', ')`); got != "" {
		t.Errorf("printed page shows %s", got)
	}
}
