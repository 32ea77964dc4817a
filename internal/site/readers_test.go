package site

import (
	"regexp"
	"strings"
	"testing"
)

// readersSite has an English original with a French machine translation, an
// English-only blueprint, a vocabulary, and outcomes in money, percent and
// plain units.
const readersSite = `
-- content/site.yaml --
title: Test Site
default_language: en
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: ar, name: العربية, direction: rtl}
  - {code: zh, name: 中文}
-- content/data/vocabulary.yaml --
target_groups:
  youth: {en: Youth, fr: Jeunes, ar: الشباب, zh: 青年}
  women: {en: Women, fr: Femmes, ar: النساء, zh: 妇女}
tags:
  seed-funding: {en: Seed funding, fr: Financement d'amorçage, ar: التمويل الأولي, zh: 种子资金}
-- content/en/_index.md --
---
title: Home
---
-- content/fr/_index.md --
---
title: Accueil
translation: {translated: 2026-11-26, method: human}
---
-- content/ar/_index.md --
---
title: الرئيسية
translation: {translated: 2026-11-26, method: human}
---
-- content/zh/_index.md --
---
title: 首页
translation: {translated: 2026-11-26, method: human}
---
-- content/en/blueprints/fund.md --
---
title: Seed Fund
summary: A fund.
type: fund
countries: [IN]
sdgs: [8]
stage: scaling
last_reviewed: 2026-03-01
target_groups: [youth, women]
tags: [seed-funding]
sources:
  - {title: "Fund annual report 2024", url: "https://example.org/report", publisher: Example Ministry, year: 2024}
outcomes:
  - {indicator: Money approved, value: 5224200000, unit: INR, year: 2025, source: "https://example.org/report"}
  - {indicator: Survival, value: 78.14, unit: percent, year: 2024, source: "https://www.example.net/page"}
  - {indicator: Startups, value: 2942, unit: startups, year: 2025}
---
## Context
-- content/fr/blueprints/fund.md --
---
title: Fonds d'amorçage
summary: Un fonds.
type: fund
countries: [IN]
sdgs: [8]
stage: scaling
last_reviewed: 2026-03-01
target_groups: [youth, women]
tags: [seed-funding]
outcomes:
  - {indicator: Montant approuvé, value: 5224200000, unit: INR, year: 2025}
translation:
  translated: 2026-11-26
  method: machine
---
## Contexte
-- content/ar/blueprints/fund.md --
---
title: صندوق
summary: صندوق.
type: fund
countries: [IN]
sdgs: [8]
stage: scaling
last_reviewed: 2026-03-01
target_groups: [youth, women]
translation:
  translated: 2026-11-26
  method: human
  translators: [Ali, Huda]
---
## السياق
-- content/zh/blueprints/fund.md --
---
title: 种子基金
summary: 基金。
type: fund
countries: [IN]
sdgs: [8]
stage: scaling
last_reviewed: 2026-03-01
target_groups: [youth, women]
translation:
  translated: 2026-11-27
  method: machine-post-edited
  translators: [Li Wei]
---
## 背景
-- content/en/blueprints/alpha.md --
---
title: Alpha Hub
summary: English only.
type: innovation-hub
countries: [KE, FR]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-01
---
## Context
-- content/en/blueprints/zeta.md --
---
title: Zeta Hub
summary: Reviewed last.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-06-01
---
## Context
-- content/en/blueprints/beta.md --
---
title: Beta Hub
summary: Reviewed the same day as Alpha.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-01
---
## Context
`

// TestValuesAreLocalized: what a reader sees of a blueprint's values is in
// the reader's language and number format, also on cards of pages that
// have no translation.
func TestValuesAreLocalized(t *testing.T) {
	out := mustBuild(t, readersSite)
	assertFile(t, out, "en/blueprints/fund/index.html",
		`<dd>Youth, Women</dd>`,
		`>Seed funding</a>`,
		`<td>₹5,224,200,000</td>`,
		`<td>78.14%</td>`,
		`<td>2,942 startups</td>`,
		// Link text says where the link goes: the source's publisher, or the host.
		`<a href="https://example.org/report" rel="external noopener noreferrer">Example Ministry</a>`,
		`<a href="https://www.example.net/page" rel="external noopener noreferrer">example.net</a>`,
	)
	assertFile(t, out, "fr/blueprints/fund/index.html",
		`<dd>Jeunes, Femmes</dd>`,
		`>Financement d&#39;amorçage</a>`,
		`<td>5\x{a0}224\x{a0}200\x{a0}000\x{a0}₹</td>`,
	)
	assertFile(t, out, "ar/blueprints/fund/index.html",
		`<dd>الشباب، النساء</dd>`,
		// "Also available in" joins with the Arabic comma, no Latin one.
		`hreflang="fr" lang="fr">Français</a>، <a`,
	)
	assertFile(t, out, "zh/blueprints/fund/index.html", `<dd>青年、妇女</dd>`)
	assertFile(t, out, "fr/tags/seed-funding/index.html", `<h1>Financement d&#39;amorçage</h1>`)
	// The French list shows English-only blueprints, at their French
	// fallback pages, with French labels.
	list := string(out.Files["fr/blueprints/index.html"])
	card := regexp.MustCompile(`(?s)<li class="card"><h[23] class="card-title"><a href="alpha/" lang="en">Alpha Hub</a>.*?</li>`).FindString(list)
	if !strings.Contains(card, `<p class="card-meta" lang="fr">Pôle d&#39;innovation · Kenya, France · Phase pilote</p>`) {
		t.Errorf("French card of an English page:\n%s", card)
	}
	for _, english := range []string{"Innovation hub", ">Pilot<", "Pilot</p>"} {
		if strings.Contains(card, english) {
			t.Errorf("French card of an English page shows %q:\n%s", english, card)
		}
	}
}

// TestTranslationIsLabelled: a translation says, near its title and in
// the reader's language, how it was made, by whom and when, and links to
// the original.
func TestTranslationIsLabelled(t *testing.T) {
	out := mustBuild(t, readersSite)
	assertFile(t, out, "fr/blueprints/fund/index.html",
		`(?s)<h1>Fonds d&#39;amorçage</h1>\s*<p class="translation-note" role="note">Traduction automatique[^<]*<span class="translation-date">\(26 novembre 2026\)</span> <a href="../../../en/blueprints/fund/" hreflang="en">Lire l&#39;original \(<span lang="en">English</span>\)</a></p>`)
	assertFile(t, out, "ar/blueprints/fund/index.html", `<p class="translation-note" role="note">ترجمها Ali، Huda.`)
	assertFile(t, out, "zh/blueprints/fund/index.html", `<p class="translation-note" role="note">机器翻译，已由Li Wei核对和修改。 <span class="translation-date">[^<]+</span> <a`)
	if strings.Contains(string(out.Files["en/blueprints/fund/index.html"]), "translation-note") {
		t.Error("the English original is labelled as a translation")
	}
}

// TestReaderNavigation: the language switcher is on pages that exist in
// one language only, the favicon exists and is named, the translation
// status is linked, and the home page lists the most recently reviewed
// first, then by title.
func TestReaderNavigation(t *testing.T) {
	out := mustBuild(t, readersSite)
	assertFile(t, out, "en/blueprints/alpha/index.html",
		`<nav class="languages" aria-label="Languages">`,
		// Not translated: the link goes to its French fallback page.
		`<a href="../../../fr/blueprints/alpha/" hreflang="fr" lang="fr" class="untranslated" title="[^"]+">Français</a>`,
		`<link rel="icon" href="../../../favicon.ico"`,
		`<a href="../../translations/">Translation status</a>`,
	)
	// The map has a legend, and its countries are also a list of links big
	// enough to tap.
	assertFile(t, out, "en/index.html",
		`<p class="map-legend"><span>Blueprints per country: </span>\s*<span class="map-key"><svg class="map-swatch" [^>]*><rect class="c1"[^>]*/></svg>1</span> <span class="map-key">.*2–3</span>.*7&#43;</span></p>`,
		`(?s)<details class="map-countries">\s*<summary>All countries with blueprints \(3\)</summary>.*<a href="countries/ke/">Kenya</a> <span class="count">3</span>`,
	)
	if ico := out.Files["favicon.ico"]; len(ico) < 6 || string(ico[:4]) != "\x00\x00\x01\x00" {
		t.Errorf("favicon.ico is not an icon file: % x", ico[:min(len(ico), 8)])
	}
	home := string(out.Files["en/index.html"])
	var order []int
	for _, title := range []string{"Zeta Hub", "Seed Fund", "Alpha Hub", "Beta Hub"} {
		order = append(order, strings.Index(home, ">"+title+"</a>"))
	}
	for i := 1; i < len(order); i++ {
		if order[i-1] < 0 || order[i] < order[i-1] {
			t.Errorf("home page order, want Zeta, Seed Fund, Alpha, Beta (by last review, then title): positions %v", order)
			break
		}
	}
}

func TestVocabularyIsChecked(t *testing.T) {
	site := strings.Replace(readersSite, "tags: [seed-funding]\nsources:", "tags: [seed-funding, unheard-of]\nsources:", 1)
	_, diags := build(t, site)
	assertDiag(t, diags, "en/blueprints/fund.md:10:22", `tags: "unheard-of" has no label in content/data/vocabulary.yaml`)

	site = strings.Replace(readersSite, "  women: {en: Women, fr: Femmes, ar: النساء, zh: 妇女}", "  women: {en: Women, fr: Femmes, de: Frauen}", 1)
	_, diags = build(t, site)
	assertDiag(t, diags, "data/vocabulary.yaml:3:3", `target_groups.women has no label in ar, zh`)
	assertDiag(t, diags, "data/vocabulary.yaml:3:34", `"de" is not a language of site.yaml`)
	if diags.Errors() == 0 {
		t.Error("an incomplete vocabulary builds")
	}
}

func TestSourcesSectionInBodyWarns(t *testing.T) {
	site := strings.Replace(readersSite, "---\n## Context\n-- content/fr/", "---\n## Context\n\n## References\n\n- a source\n-- content/fr/", 1)
	out, diags := build(t, site)
	if out == nil {
		t.Fatalf("build failed: %v", diags)
	}
	assertDiag(t, diags, "en/blueprints/fund.md:20:1", `the section "References" repeats the sources`)
}
