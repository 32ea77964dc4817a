package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A phone, a tablet and a desktop, in CSS pixels.
const (
	phoneWidth   = 360
	tabletWidth  = 768
	desktopWidth = 1280
)

// TestNoSidewaysScroll is the width gate: every HTML page of the bundled
// site, in every language, fits a 360 px phone screen without scrolling
// sideways; one page of each kind per language also fits 768 and 1280 px.
// Wide tables must scroll inside their own box and long words must wrap.
func TestNoSidewaysScroll(t *testing.T) {
	out := buildBundled(t, "--offline") // built before the browser's budget starts
	ctx := browserFor(t, 15*time.Minute)
	pages := htmlPages(t, out)
	start := time.Now()
	for _, p := range checkWidths(ctx, out, pages, phoneWidth) {
		t.Error(p)
	}
	t.Logf("%d pages at %d px in %s", len(pages), phoneWidth, time.Since(start).Round(time.Millisecond))

	var sample []string
	for _, lang := range builtLanguages(t, out) {
		sample = append(sample, representativePages(t, out, lang)...)
	}
	sample = append(sample, "index.html", "404.html")
	start = time.Now()
	for _, width := range []int{tabletWidth, desktopWidth} {
		for _, p := range checkWidths(ctx, out, sample, width) {
			t.Error(p)
		}
	}
	t.Logf("%d pages at %d and %d px in %s", len(sample), tabletWidth, desktopWidth, time.Since(start).Round(time.Millisecond))
}

// TestWidthGateCatchesOverflow: the gate reports a table too wide for the
// screen, a long unbroken word, and a grid that grows to fit a table in a
// scrolling box (its column has no minmax(0, 1fr)), naming each culprit; it
// passes the same content once contained.
func TestWidthGateCatchesOverflow(t *testing.T) {
	ctx := browser(t)
	dir := t.TempDir()
	table := `<table><tr>` + strings.Repeat("<td>an indicator with words</td>", 12) + `</tr></table>`
	scroller := `<div style="overflow-x:auto">` + table + `</div>`
	word := `<p>` + strings.Repeat("unbreakable", 20) + `</p>`
	writeFile(t, filepath.Join(dir, "table.html"), page(table))
	writeFile(t, filepath.Join(dir, "word.html"), page(word))
	writeFile(t, filepath.Join(dir, "grid.html"), page(`<article class="blueprint" style="display:grid"><p>Text.</p><section>`+scroller+`</section></article>`))
	writeFile(t, filepath.Join(dir, "ok.html"), page(`<article style="display:grid;grid-template-columns:minmax(0,1fr)"><section>`+scroller+`</section></article>`+
		`<p style="overflow-wrap:anywhere">`+strings.Repeat("unbreakable", 20)+`</p>`))
	problems := checkWidths(ctx, dir, []string{"grid.html", "ok.html", "table.html", "word.html"}, phoneWidth)
	// Widths depend on the fonts installed; the page and the culprit do not.
	want := [][2]string{
		{"grid.html scrolls sideways at 360 px", "too wide: article.blueprint grows to fit section > div > table ("},
		{"table.html scrolls sideways at 360 px", "too wide: table ("},
		{"word.html scrolls sideways at 360 px", "too wide: p text"},
	}
	if len(problems) != len(want) {
		t.Fatalf("the width gate reported %q; want %q", problems, want)
	}
	for i, w := range want {
		if !strings.HasPrefix(problems[i], w[0]) || !strings.Contains(problems[i], w[1]) {
			t.Errorf("the width gate reported %q; want %q … %q", problems[i], w[0], w[1])
		}
	}
}

// page is a minimal HTML page with a phone viewport.
func page(body string) string {
	return `<!DOCTYPE html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title>` + body
}

// htmlPages lists every .html file under root, as slash paths.
func htmlPages(t *testing.T, root string) []string {
	t.Helper()
	var pages []string
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".html" {
			pages = append(pages, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// builtLanguages lists the language directories of a built site: those with
// a home page.
func builtLanguages(t *testing.T, root string) []string {
	t.Helper()
	homes, err := filepath.Glob(filepath.Join(root, "*", "index.html"))
	if err != nil || len(homes) == 0 {
		t.Fatalf("no language home pages in %s (%v)", root, err)
	}
	var langs []string
	for _, h := range homes {
		langs = append(langs, filepath.Base(filepath.Dir(h)))
	}
	return langs
}

// representativePages picks one page of each kind in a language, by the
// site's URL scheme; where several pages are of a kind, the largest file,
// which has the most content to overflow with. A kind the language lacks
// fails the test, so the sample cannot shrink unnoticed.
func representativePages(t *testing.T, root, lang string) []string {
	t.Helper()
	kinds := []struct{ kind, glob string }{
		{"home", "index.html"},
		{"list", "blueprints/index.html"},
		{"blueprint", "blueprints/*/index.html"},
		{"page", "about/index.html"},
		{"taxonomy", "types/index.html"},
		{"term", "countries/*/index.html"},
		{"search", "search/index.html"},
	}
	var picked []string
	for _, k := range kinds {
		matches, _ := filepath.Glob(filepath.Join(root, lang, k.glob))
		best, size := "", int64(-1)
		for _, m := range matches {
			if info, err := os.Stat(m); err == nil && info.Size() > size && !strings.Contains(m, "by-date") {
				best, size = m, info.Size()
			}
		}
		if best == "" {
			t.Errorf("%s has no %s page (%s)", lang, k.kind, k.glob)
			continue
		}
		rel, _ := filepath.Rel(root, best)
		picked = append(picked, filepath.ToSlash(rel))
	}
	if _, err := os.Stat(filepath.Join(root, lang, "translations", "index.html")); err == nil {
		picked = append(picked, lang+"/translations/index.html")
	}
	return picked
}

// widthTabs is how many tabs the gate loads pages in at once: navigation
// waits on the browser more than on the CPU, so a few tabs finish the whole
// site sooner even on two cores.
const widthTabs = 3

// checkWidths opens each page (a slash path under root, loaded over
// file://) at the given screen width and returns a problem for each page
// that is wider than the screen, naming the outermost elements that stick
// out. Problems come in the order of pages.
func checkWidths(ctx context.Context, root string, pages []string, width int) []string {
	problems := make([]string, len(pages))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(widthTabs, len(pages)) {
		wg.Go(func() {
			tab, cancel := chromedp.NewContext(ctx)
			defer cancel()
			// Not chromedp.EmulateMobile: a phone's browser zooms out to fit
			// a page that is too wide, which hides the overflow from
			// scrollWidth. The viewport meta element, which makes a phone
			// lay the page out at its own width, is checked separately.
			err := chromedp.Do(tab, chromedp.EmulateViewport(int64(width), 800))
			for i := range next {
				if err != nil {
					problems[i] = fmt.Sprintf("%s at %d px: %v", pages[i], width, err)
					continue
				}
				problems[i] = pageWidthProblem(tab, root, pages[i], width)
			}
		})
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()
	var found []string
	for _, p := range problems {
		if p != "" {
			found = append(found, p)
		}
	}
	return found
}

// overflowJS measures the page and, when it is wider than the window,
// names what makes it so, in two kinds of findings:
//
//   - a grid or flex container that grew to fit an item, because its items
//     may not shrink below their content (min-width: auto): "article.blueprint
//     grows to fit section > div.table-wrap > table (361 px)", following the
//     widest content down to the box that holds it;
//   - content that reaches past the window's end edge even when every box
//     may shrink: a table, image or other atomic box, a box that scrolls, or
//     an element whose own text runs out of it (a long word).
//
// Boxes that scroll or clip hold what is inside them, and fixed elements do
// not scroll with the page, so neither is named. At most three findings.
const overflowJS = `(() => {
	const w = innerWidth, sw = document.documentElement.scrollWidth;
	const meta = document.querySelector('meta[name="viewport"]');
	const out = {innerWidth: w, scrollWidth: sw, viewport: meta ? meta.content : '', culprits: []};
	if (sw <= w) return out;
	const rtl = getComputedStyle(document.documentElement).direction === 'rtl';
	const past = (r) => r.width > 0 && (rtl ? r.left < -0.5 : r.right > w + 0.5);
	const atomic = /^(TABLE|PRE|IMG|VIDEO|IFRAME|CANVAS|INPUT|SELECT|TEXTAREA|svg)$/;
	const name = (e) => {
		let s = e.tagName.toLowerCase();
		if (e.id) s += '#' + e.id;
		if (typeof e.className === 'string' && e.className.trim()) s += '.' + e.className.trim().split(/\s+/).join('.');
		return s;
	};
	const text = (e) => JSON.stringify((e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 50));
	const minContent = (e) => {
		const old = e.style.cssText;
		e.style.setProperty('width', 'min-content', 'important');
		e.style.setProperty('min-width', '0', 'important');
		const got = e.getBoundingClientRect().width;
		e.style.cssText = old;
		return got;
	};
	const shown = (e) => { const s = getComputedStyle(e); return s.position !== 'fixed' && s.display !== 'none'; };

	// Grid and flex containers whose content is wider than they are.
	const grown = [];
	const findGrown = (e) => {
		for (const c of e.children) {
			if (!shown(c)) continue;
			const s = getComputedStyle(c);
			if (/(grid|flex)$/.test(s.display) && c.scrollWidth > c.clientWidth + 1) grown.push(c);
			else if (s.overflowX === 'visible') findGrown(c);
		}
	};
	findGrown(document.body);
	for (const g of grown.slice(0, 3)) {
		const room = g.clientWidth;
		const chain = [];
		for (let e = g; e && !atomic.test(e.tagName); ) {
			let widest = null, most = room + 1;
			for (const c of e.children) {
				if (!shown(c)) continue;
				const m = minContent(c);
				if (m > most) { widest = c; most = m; }
			}
			if (!widest) break;
			chain.push([widest, most]);
			e = widest;
		}
		if (chain.length === 0) { out.culprits.push(name(g) + ' grows past the window'); continue; }
		const [last, most] = chain[chain.length - 1];
		out.culprits.push(name(g) + ' grows to fit ' + chain.map(([e]) => name(e)).join(' > ') + ' (' + Math.round(most) + ' px) ' + text(last));
	}

	// Content too wide however its boxes shrink. A constructed style sheet,
	// which the pages' CSP allows, unlike a <style> element.
	const shrink = new CSSStyleSheet();
	shrink.replaceSync('*, *::before, *::after { min-width: 0 !important; }');
	document.adoptedStyleSheets = [...document.adoptedStyleSheets, shrink];
	const textPast = (e) => Array.from(e.childNodes).some((n) => {
		if (n.nodeType !== Node.TEXT_NODE || !n.textContent.trim()) return false;
		const r = document.createRange();
		r.selectNodeContents(n);
		return past(r.getBoundingClientRect());
	});
	const walk = (e, chain) => {
		for (const c of e.children) {
			if (out.culprits.length >= 3) return;
			if (!shown(c)) continue;
			const style = getComputedStyle(c);
			const here = chain.concat([c]);
			const r = c.getBoundingClientRect();
			if (past(r) && (atomic.test(c.tagName) || style.overflowX !== 'visible')) {
				out.culprits.push(here.map(name).join(' > ') + ' (' + Math.round(r.width) + ' px) ' + text(c));
			} else if (style.overflowX === 'visible') {
				if (textPast(c)) out.culprits.push(here.map(name).join(' > ') + ' text ' + text(c));
				else walk(c, here);
			}
		}
	};
	walk(document.body, []);
	return out;
})()`

type widthReport struct {
	InnerWidth  int      `json:"innerWidth"`
	ScrollWidth int      `json:"scrollWidth"`
	Viewport    string   `json:"viewport"`
	Culprits    []string `json:"culprits"`
}

// pageWidthProblem loads one page in tab and describes its overflow, or
// returns "" when it fits.
func pageWidthProblem(tab context.Context, root, page string, width int) string {
	url := "file://" + filepath.Join(root, filepath.FromSlash(page))
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return fmt.Sprintf("%s at %d px: %v", page, width, err)
	}
	r, err := chromedp.Run(tab, chromedp.Evaluate[widthReport](overflowJS))
	if err != nil {
		return fmt.Sprintf("%s at %d px: %v", page, width, err)
	}
	if !strings.Contains(r.Viewport, "width=device-width") {
		return fmt.Sprintf("%s: no <meta name=\"viewport\" content=\"width=device-width, …\">; phones would lay it out 980 px wide", page)
	}
	if r.InnerWidth != width {
		return fmt.Sprintf("%s at %d px: the window is %d px wide", page, width, r.InnerWidth)
	}
	if r.ScrollWidth <= r.InnerWidth {
		return ""
	}
	return fmt.Sprintf("%s scrolls sideways at %d px (it is %d px wide); too wide: %s",
		page, width, r.ScrollWidth, strings.Join(r.Culprits, "; "))
}
