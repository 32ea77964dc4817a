package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// tool returns the path in an environment variable that .ci/run and the
// Makefile set (BLUEPRINTS_VNU, BLUEPRINTS_AXE); without it the gate is
// skipped on a developer's machine and fails in CI.
func tool(t *testing.T, env string) string {
	t.Helper()
	p := os.Getenv(env)
	if p == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not set; make test installs the quality tools", env)
		}
		t.Skipf("%s not set; run make test", env)
	}
	return p
}

// TestHTMLIsValid runs the Nu HTML Checker over every built page in
// English, Arabic and Chinese, and the root pages: zero errors.
func TestHTMLIsValid(t *testing.T) {
	jar := tool(t, "BLUEPRINTS_VNU")
	out := buildBundled(t)
	args := []string{"-jar", jar, "--errors-only", "--skip-non-html",
		filepath.Join(out, "en"), filepath.Join(out, "ar"), filepath.Join(out, "zh"),
		filepath.Join(out, "index.html"), filepath.Join(out, "404.html")}
	cmd := exec.Command("java", args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("vnu: %v\n%s", err, strings.ReplaceAll(stderr.String(), "file:"+out+"/", ""))
	}
}

// fallbackPage returns the first page under lang/section of the built site
// out that shows English text inside that language's site (a fallback
// page), so the gate keeps covering one as translations land.
func fallbackPage(t *testing.T, out, lang, section string) string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, lang, section, "*", "index.html"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(data, []byte(`lang="en" dir="ltr"`)) {
			rel, _ := filepath.Rel(out, filepath.Dir(f))
			return filepath.ToSlash(rel) + "/"
		}
	}
	t.Fatalf("no fallback page under %s/%s/ of the built site", lang, section)
	return ""
}

// TestAccessibility is the accessibility gate: axe-core in Chromium, colour
// contrast included, on every kind of page in English, Arabic and Chinese,
// in the light and the dark colour scheme: zero violations.
func TestAccessibility(t *testing.T) {
	axe, err := os.ReadFile(tool(t, "BLUEPRINTS_AXE"))
	if err != nil {
		t.Fatal(err)
	}
	out := buildBundled(t) // built before the browser's budget starts
	ctx := browserFor(t, 10*time.Minute)
	base := serveUnderSubPath(t, out)
	pages := []string{"", "404.html"}
	for _, lang := range []string{"en", "ar", "zh"} {
		for _, p := range []string{"", "blueprints/", "blueprints/by-date/", "blueprints/konza-technopolis/", "blueprints/tony-elumelu-foundation-entrepreneurship-programme/", "types/",
			"types/tech-park/", "regions/africa/", "countries/ke/", "about/", "search/?q=konza"} {
			pages = append(pages, lang+"/"+p)
		}
	}
	pages = append(pages, "en/translations/", "en/guides/", "en/guides/hub-incubator-or-accelerator/",
		// Fallback pages: English text inside the Arabic and Chinese sites.
		fallbackPage(t, out, "ar", "blueprints"), fallbackPage(t, out, "zh", "blueprints"))
	start := time.Now()
	for _, scheme := range []string{"light", "dark"} {
		if err := colorScheme(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if strings.Contains(p, "search") {
				// axe must see the page as a reader does, once the
				// search script has loaded and said so.
				if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.getElementById('search-status').textContent !== ''`)); err != nil {
					t.Fatalf("%s (%s): the search page never showed its status: %v", p, scheme, err)
				}
			}
			found, err := axeViolations(ctx, axe)
			if err != nil {
				t.Fatalf("%s (%s): axe: %v", p, scheme, err)
			}
			for _, v := range found {
				t.Errorf("%s (%s): %s", p, scheme, v)
			}
		}
	}
	t.Logf("%d pages in 2 colour schemes in %s", len(pages), time.Since(start).Round(time.Millisecond))
}

// TestAccessibilityGateCatchesLowContrast: the gate reports grey text on a
// white page, and, in the dark scheme only, a rule that keeps dark text on
// a page that turned dark.
func TestAccessibilityGateCatchesLowContrast(t *testing.T) {
	axe, err := os.ReadFile(tool(t, "BLUEPRINTS_AXE"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "grey.html"), page(`<main><h1>Title</h1><p style="color:#bbb">Pale text.</p></main>`))
	writeFile(t, filepath.Join(dir, "dark.html"), `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="dark.css"><main><h1>Title</h1><p>Text.</p></main>`)
	writeFile(t, filepath.Join(dir, "dark.css"), `@media (prefers-color-scheme: dark) { body { background: #111; } }`)
	for _, c := range []struct{ page, scheme, want string }{
		{"grey.html", "light", "color-contrast"},
		{"dark.html", "light", ""},
		{"dark.html", "dark", "color-contrast"},
	} {
		if err := colorScheme(ctx, c.scheme); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(dir, c.page))); err != nil {
			t.Fatal(err)
		}
		found, err := axeViolations(ctx, axe)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(found, "\n")
		if c.want == "" && got != "" || c.want != "" && !strings.HasPrefix(got, c.want+" ") {
			t.Errorf("%s in the %s scheme: axe found %q; want %q", c.page, c.scheme, got, c.want)
		}
	}
}

// colorScheme makes the tab's pages see prefers-color-scheme as scheme.
func colorScheme(ctx context.Context, scheme string) error {
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	return err
}

// axeViolations runs axe-core (its source in axe) on the tab's page, colour
// contrast included, and describes each violation with up to three of the
// elements at fault.
func axeViolations(ctx context.Context, axe []byte) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](string(axe)+`;
		axe.run(document, {resultTypes: ['violations'], rules: {'color-contrast': {enabled: true}}}).then(r => r.violations.map(v =>
			v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160) + ']' : '')).join(', ')))`,
		chromedp.EvalAwaitPromise))
}

// TestSizeBudgets: the theme's CSS and JavaScript stay small, and a
// blueprint page without images loads in under 50 KB compressed.
func TestSizeBudgets(t *testing.T) {
	out := buildBundled(t)
	gz := func(name string) int {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		w.Write(data)
		w.Close()
		return buf.Len()
	}
	// Every stylesheet and script the theme ships (static/ and the
	// service worker at the root), highlighting and callout styles
	// included, as the built site serves them. The search index's
	// script files are content, not theme.
	var assets []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(out, p)
		rel = filepath.ToSlash(rel)
		theme := strings.HasPrefix(rel, "static/") || !strings.Contains(rel, "/")
		if err == nil && theme && (strings.HasSuffix(rel, ".css") || strings.HasSuffix(rel, ".js")) {
			assets = append(assets, rel)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	theme := 0
	for _, a := range assets {
		theme += gz(a)
	}
	if !slices.Contains(assets, "static/style.css") || !slices.Contains(assets, "static/search.js") {
		t.Fatalf("theme assets not found in the output: %q", assets)
	}
	t.Logf("theme CSS+JS (%s): %d bytes gzip", strings.Join(assets, ", "), theme)
	if theme > 15<<10 {
		t.Errorf("theme CSS+JS is %d bytes gzip; the budget is 15 KB", theme)
	}
	for _, p := range []string{"en/blueprints/konza-technopolis/index.html", "ar/blueprints/konza-technopolis/index.html", "en/blueprints/hope-city-ghana/index.html"} {
		total := gz(p) + gz("static/style.css")
		t.Logf("%s with its CSS: %d bytes gzip", p, total)
		if total > 50<<10 {
			t.Errorf("%s weighs %d bytes gzip with its CSS; the budget is 50 KB", p, total)
		}
	}
}

// TestAccessibilityOfErrorOverlay: the overlay "blueprints serve" shows when
// a build fails passes axe, colour contrast included, in both colour
// schemes, and on a 360 px phone its long lines wrap, so the end of each
// message ("did you mean …?") is on screen.
func TestAccessibilityOfErrorOverlay(t *testing.T) {
	axe, err := os.ReadFile(tool(t, "BLUEPRINTS_AXE"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: Overlay\nlanguages: [{code: en, name: English}]\n",
		"content/en/about.md": "---\ntitle: About\n---\nHello.\n",
	})
	base := startServe(t, dir)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneWidth, 800), chromedp.Navigate(base+"en/about/")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "content/en/about.md"), "---\ntitle: About\ntitel: typo in a rather long line of frontmatter\n---\nHello.\n")
	err = chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(document.getElementById('blueprints-build-error') || {}).textContent?.includes('did you mean')`,
		chromedp.WithPollingTimeout(30*time.Second)))
	if err != nil {
		t.Fatalf("no overlay with a suggestion: %v", err)
	}
	for _, scheme := range []string{"light", "dark"} {
		if err := colorScheme(ctx, scheme); err != nil {
			t.Fatal(err)
		}
		found, err := axeViolations(ctx, axe)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range found {
			t.Errorf("error overlay (%s): %s", scheme, v)
		}
		// The end of the message is inside the window, nothing cut off or
		// scrolled out of sight sideways, on the overlay's dark background.
		end, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
			const pre = document.querySelector('#blueprints-build-error pre');
			const text = pre.firstChild, r = document.createRange();
			const at = text.textContent.indexOf('did you mean');
			r.setStart(text, at);
			r.setEnd(text, text.textContent.length);
			const box = r.getBoundingClientRect();
			// The site's pre rule paints a light box; the overlay's white
			// text must sit on the overlay's own dark background.
			const bg = getComputedStyle(pre).backgroundColor;
			if (bg !== 'rgba(0, 0, 0, 0)') return 'on a ' + bg + ' box';
			return box.right <= innerWidth && pre.scrollWidth <= pre.clientWidth ? 'visible' : 'cut off at ' + Math.round(box.right) + ' px';
		})()`))
		if err != nil || end != "visible" {
			t.Errorf("error overlay (%s): the suggestion is %s (%v)", scheme, end, err)
		}
	}
}
