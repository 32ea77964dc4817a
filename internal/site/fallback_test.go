package site

import (
	"context"
	"path"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/diag"
)

const fallbackSite = `
-- content/site.yaml --
title: T
base_url: https://example.org/
review_after_days: 30
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: ar, name: العربية, direction: rtl}
-- content/en/about.md --
---
title: About
menu: true
---
## Who we are
-- content/en/blueprints/hub.md --
---
title: Hub
summary: A hub for developers.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
---
## Context

The hub opened in a rented office with shared desks for developers.
-- content/en/blueprints/park.md --
---
title: Park
summary: A technology park by the lake.
type: tech-park
countries: [RW]
sdgs: [9]
stage: pilot
last_reviewed: 2020-01-02
related: [hub.md]
---
## Context

![Offices by the lake](park.png)

See [the hub](hub.md), [its context](hub.md#context) and [who we are](../about.md#who-we-are).
-- content/fr/blueprints/hub.md --
---
title: Pôle
summary: Un pôle pour les développeurs.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
translation: {translated: 2026-01-03, method: human}
---
## Contexte

Le pôle a ouvert dans un bureau loué, avec des postes partagés.
-- content/ar/blueprints/hub.md --
---
title: المركز
summary: مركز للمطورين.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
translation: {translated: 2026-01-03, method: human}
---
## السياق

افتُتح المركز في مكتب مستأجر.
`

// TestFallbackPages: a page not yet translated into French exists at its
// French URL, in the French site, with the English text marked as English
// and a notice in French; nothing claims it is a translation.
func TestFallbackPages(t *testing.T) {
	fsys := siteFS(t, fallbackSite)
	fsys["en/blueprints/park.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")} // an image beside the page (its signature is what the build sniffs)
	out, diags := buildFS(t, fsys)
	assertFile(t, out, "fr/blueprints/park/index.html",
		`<html lang="fr" dir="ltr">`,
		`<h1 lang="en" dir="ltr">Park</h1>`,
		`<p class="lead" lang="en" dir="ltr">A technology park by the lake.</p>`,
		`<div class="prose" lang="en" dir="ltr">`,
		// The notice, in French, links to the original and to the dashboard.
		`Cette page n&#39;est pas encore traduite. Vous lisez l&#39;original, en anglais. <a href="../../../en/blueprints/park/" hreflang="en">Lire l&#39;original \(English\)</a> · <a href="../../../en/translations/">Aidez à la traduire</a>`,
		// Labels in French, links in the French site.
		`<a href="../../types/tech-park/">Parc technologique</a>`,
		`<a href="../../countries/rw/">Rwanda</a>`,
		`src="../../../en/blueprints/park.png"`,                         // the image stays where it is
		`<a href="../hub/">the hub</a>`,                                 // the French translation
		`<a href="../../../en/blueprints/hub/#context">its context</a>`, // its heading is French there: the English page
		`<a href="../../about/#who-we-are">who we are</a>`,              // a fallback page too
		`<a href="../hub/">Pôle</a>`,                                    // related, in French
		// The switcher reaches every language.
		`<a href="../../../en/blueprints/park/" hreflang="en" lang="en">English</a>`,
		`<a href="../../../ar/blueprints/park/" hreflang="ar" lang="ar" class="untranslated"[^>]*>العربية</a>`,
		// Search engines are sent to the original.
		`<link rel="canonical" href="https://example.org/en/blueprints/park/">`,
		`"inLanguage":"en"`,
		// The menu names the English page, marked as English.
		`<a href="../../about/" lang="en">About</a>`,
	)
	assertNoMatch(t, out, "fr/blueprints/park/index.html", `<link rel="alternate" hreflang=`, `Also available|Aussi disponible`)
	assertFile(t, out, "ar/blueprints/park/index.html", `<html lang="ar" dir="rtl">`, `<div class="prose" lang="en" dir="ltr">`)
	// The original lists only real translations as alternates.
	assertFile(t, out, "en/blueprints/park/index.html", `<a href="../../../fr/blueprints/park/" hreflang="fr" lang="fr" class="untranslated"[^>]*>Français</a>`)
	assertFile(t, out, "en/blueprints/hub/index.html", `<a href="../../../fr/blueprints/hub/" hreflang="fr" lang="fr">Français</a>`)
	assertNoMatch(t, out, "en/blueprints/park/index.html", `<link rel="alternate" hreflang="fr"`)
	assertFile(t, out, "en/blueprints/hub/index.html", `<link rel="alternate" hreflang="fr" href="https://example.org/fr/blueprints/hub/">`)
	assertFile(t, out, "sitemap.xml", `<loc>https://example.org/fr/blueprints/hub/</loc>`)
	assertNoMatch(t, out, "sitemap.xml", `fr/blueprints/park/`, `fr/about/`)
	// Lists and taxonomies in French are whole, and mark English text.
	assertFile(t, out, "fr/blueprints/index.html", `href="park/" lang="en">Park</a> <span class="lang-note">\(English\)</span>`, `href="hub/">Pôle</a>`)
	assertFile(t, out, "fr/types/tech-park/index.html", `href="../../blueprints/park/" lang="en">Park</a>`)
	assertNoMatch(t, out, "fr/index.xml", `Park`) // a French feed announces French text
	for _, d := range out.Search {
		if d.Lang == "fr" && d.ID == "fr/blueprints/park/" {
			t.Error("the French search index holds the English text of a fallback page")
		}
	}
	// The original's problems are reported once, against it.
	n := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "last reviewed on 2020-01-02") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d warnings about park's review date, want 1:\n%s", n, diags)
	}
	// The translation dashboard does not count fallbacks as translations.
	for _, st := range out.Translations {
		if st.Lang == "fr" && st.Key == "blueprints/park.md" && st.State != StateMissing {
			t.Errorf("park in French: %s, want missing", st.State)
		}
	}
	assertLocalLinksResolve(t, out)
}

func TestSmallSiteLinksResolve(t *testing.T) {
	assertLocalLinksResolve(t, mustBuild(t, smallSite))
}

func buildFS(t *testing.T, fsys fstest.MapFS) (*Output, diag.List) {
	t.Helper()
	out, diags := Build(context.Background(), Config{Content: fsys})
	if err := diags.Err(); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out, diags
}

// assertNoMatch fails if the file matches any of the patterns.
func assertNoMatch(t *testing.T, out *Output, name string, patterns ...string) {
	t.Helper()
	data, ok := out.Files[name]
	if !ok {
		t.Errorf("missing %s", name)
		return
	}
	for _, p := range patterns {
		if regexp.MustCompile(p).Match(data) {
			t.Errorf("%s matches %q", name, p)
		}
	}
}

// assertLocalLinksResolve checks that every relative href and src of
// every page names a file of the output.
func assertLocalLinksResolve(t *testing.T, out *Output) {
	t.Helper()
	attr := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for name, data := range out.Files {
		if path.Ext(name) != ".html" || name == "404.html" {
			continue
		}
		for _, m := range attr.FindAllSubmatch(data, -1) {
			u := string(m[1])
			if u == "" || strings.HasPrefix(u, "#") || strings.Contains(u, ":") {
				continue
			}
			u, _, _ = strings.Cut(u, "#")
			u, _, _ = strings.Cut(u, "?")
			target := path.Join(path.Dir(name), u)
			if strings.HasSuffix(u, "/") || u == "." || u == ".." || strings.HasSuffix(u, "/.") {
				target = path.Join(target, "index.html")
			}
			if _, ok := out.Files[target]; !ok {
				t.Errorf("%s: link %q goes nowhere (%s)", name, m[1], target)
			}
		}
	}
}
