package site

import (
	"bytes"
	"context"
	"os"
	"path"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/openblueprints/blueprints/internal/diag"
)

// siteFS turns a txtar archive into a site: files under content/ become the
// content directory; the real schemas are added unless the archive has its own.
func siteFS(t testing.TB, archive string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name, ok := strings.CutPrefix(f.Name, "content/")
		if !ok {
			t.Fatalf("txtar file %s: site tests only take content/ files", f.Name)
		}
		fsys[name] = &fstest.MapFile{Data: f.Data}
	}
	for _, name := range []string{"schema/blueprint.schema.json", "schema/page.schema.json"} {
		if _, ok := fsys[name]; ok {
			continue
		}
		data, err := os.ReadFile("../../content/" + name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func build(t *testing.T, archive string) (*Output, diag.List) {
	t.Helper()
	return Build(context.Background(), Config{Content: siteFS(t, archive)})
}

func mustBuild(t *testing.T, archive string) *Output {
	t.Helper()
	out, diags := build(t, archive)
	if err := diags.Err(); err != nil {
		t.Fatalf("build failed:\n%v", err)
	}
	return out
}

// assertFile checks that the output file exists and matches every pattern.
func assertFile(t *testing.T, out *Output, name string, patterns ...string) {
	t.Helper()
	data, ok := out.Files[name]
	if !ok {
		t.Errorf("no output file %s", name)
		return
	}
	for _, p := range patterns {
		if !regexp.MustCompile(p).Match(data) {
			t.Errorf("%s does not match %q", name, p)
		}
	}
}

// assertDiag checks that diags holds an error at pos whose message matches.
func assertDiag(t *testing.T, diags diag.List, pos, pattern string) {
	t.Helper()
	re := regexp.MustCompile(pattern)
	for _, d := range diags {
		if d.Pos.String() == pos && re.MatchString(d.Message) {
			return
		}
	}
	t.Errorf("no diagnostic at %s matching %q; got:\n%v", pos, pattern, diags)
}

const smallSite = `
-- content/site.yaml --
title: Test Site
base_url: https://example.org/kb/
default_language: en
languages:
  - {code: en, name: English}
  - {code: ar, name: العربية, direction: rtl}
  - {code: fr, name: Français}
-- content/en/_index.md --
---
title: Welcome
---
Read [the hub](blueprints/hub.md#costs).
-- content/en/about.md --
---
title: About
menu: true
---
## Who we are
-- content/en/blueprints/hub.md --
---
title: Nairobi Hub
summary: A hub.
type: innovation-hub
countries: [KE, RW]
sdgs: [9, 5]
stage: pilot
last_reviewed: 2026-01-02
related: [park.md]
outcomes:
  - {indicator: Startups, value: 1200, unit: startups, year: 2020}
funding: {model: donor, amount: 2500000, currency: USD}
period: {start: 2010}
---
## Context
## Costs
See [park](park.md) and [about](../about.md#who-we-are).
-- content/en/blueprints/park.md --
---
title: Alpha Park
summary: A park.
type: tech-park
countries: [global]
sdgs: [9]
stage: mature
last_reviewed: 2025-05-01
---
## Text
-- content/ar/blueprints/hub.md --
---
title: مركز نيروبي
summary: مركز.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
translation: {translated: 2026-01-03, method: human}
---
## السياق
## السياق

[الحديقة](park.md#text)
`

func TestBuildSmallSite(t *testing.T) {
	out := mustBuild(t, smallSite)
	for _, name := range []string{
		"index.html", "404.html", "robots.txt", "sitemap.xml", "static/style.css", "schema/blueprint.schema.json",
		"en/index.html", "en/index.xml", "en/about/index.html", "en/blueprints/index.html",
		"en/blueprints/hub/index.html", "en/blueprints/park/index.html",
		"en/types/index.html", "en/types/innovation-hub/index.html", "en/regions/africa/index.html",
		"en/countries/ke/index.html", "en/countries/global/index.html", "en/sdgs/5/index.html", "en/stages/pilot/index.html",
		"ar/index.html", "ar/blueprints/hub/index.html",
	} {
		if _, ok := out.Files[name]; !ok {
			t.Errorf("missing %s", name)
		}
	}
	if _, ok := out.Files["fr/index.html"]; ok {
		t.Error("fr has no content but got pages")
	}
	assertFile(t, out, "en/blueprints/hub/index.html",
		`<html lang="en" dir="ltr">`,
		`href="../park/">Alpha Park`,              // relative link resolved from the .md path
		`href="../../about/#who-we-are"`,          // anchor in another page
		`<a href="../../countries/ke/">Kenya</a>`, // CLDR name
		`Rwanda`,
		`Least developed country`, // derived from countries
		`Landlocked developing country`,
		`<a href="../../regions/africa/">Africa</a>`,
		`5 Gender equality`,
		`\$2,500,000`,
		`2010 to date`,
		`1,200 startups`,
		`hreflang="ar"`, // language switcher and alternates
		`<link rel="canonical" href="https://example.org/kb/en/blueprints/hub/">`,
		`<a href="#costs">Costs</a>`, // table of contents
		`"@type":"Article"`,
		`<time datetime="2026-01-02">2 January 2026</time>`, // dates in the page's language
	)
	assertFile(t, out, "ar/blueprints/hub/index.html",
		`<html lang="ar" dir="rtl">`,
		`<h2 id="السياق">`, `<h2 id="السياق-1">`, // IDs in Arabic script, unique
		`<time datetime="2026-01-02">2 يناير 2026</time>`,
		// Not yet translated: its Arabic fallback page, marked as English.
		`<a href="../park/#text">الحديقة \(English\)</a>`,
	)
	// Lists in a young translation include the blueprints not yet
	// translated, at their fallback pages, marked with their language.
	assertFile(t, out, "ar/blueprints/index.html",
		`href="park/" lang="en">Alpha Park</a> <span class="lang-note">\(English\)</span>`,
		`href="hub/">مركز نيروبي</a>`,
	)
	assertFile(t, out, "en/index.html", `href="blueprints/hub/#costs"`, `href="about/"`)
	assertFile(t, out, "index.html", `href="en/"`, `href="ar/"`, `العربية`)
	assertFile(t, out, "sitemap.xml",
		`<loc>https://example.org/kb/en/blueprints/hub/</loc>`,
		`hreflang="ar" href="https://example.org/kb/ar/blueprints/hub/"`)
	assertFile(t, out, "en/index.xml", `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">`,
		`(?s)Nairobi Hub.*Alpha Park`) // most recently reviewed first
	assertFile(t, out, "en/types/innovation-hub/index.html", `1 blueprint<`)
	assertFile(t, out, "en/blueprints/index.html", `(?s)Alpha Park.*Nairobi Hub`, `href="by-date/">last reviewed`)
	assertFile(t, out, "en/blueprints/by-date/index.html", `(?s)Nairobi Hub.*Alpha Park`, `href="../">title`)
	assertFile(t, out, "en/sdgs/9/index.html", `2 blueprints<`)
	assertFile(t, out, "robots.txt", `Sitemap: https://example.org/kb/sitemap.xml`)
	// The 404 page may be served at any depth, so it links from the path
	// the site is served at, on the host that serves it.
	assertFile(t, out, "404.html", `href="/kb/static/style.css"`, `href="/kb/en/"`)
}

func TestBadLinksAndCollisions(t *testing.T) {
	_, diags := build(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
-- content/en/a.md --
---
title: A
---
## Costs

[missing](b.md) [anchor](c.md#cots) [self](#nowhere) [draft](d.md)
![pic](nope.png) [out](../../etc/passwd)
-- content/en/c.md --
---
title: C
---
## Costs
-- content/en/d.md --
---
title: D
draft: true
---
-- content/en/blueprints/x.md --
---
title: X
summary: x
type: fund
countries: [ZZ]
sdgs: [1]
stage: idea
last_reviewed: 2026-01-01
related: [y.md]
---
-- content/en/Café.md --
---
title: C1
---
-- content/en/cafe`+"\u0301"+`.md --
---
title: C2
---
-- content/en/café.md --
---
title: C3
---
`)
	assertDiag(t, diags, "en/a.md:6:1", `link "b.md": en/b.md does not exist`)
	assertDiag(t, diags, "en/a.md:6:17", `no heading #cots in en/c.md; did you mean #costs\?`)
	assertDiag(t, diags, "en/a.md:6:37", `no heading #nowhere in this page`)
	assertDiag(t, diags, "en/a.md:6:54", `en/d.md is a draft`)
	assertDiag(t, diags, "en/a.md:7:1", `image "nope.png" not found`)
	assertDiag(t, diags, "en/a.md:7:18", `points outside the site`)
	assertDiag(t, diags, "en/blueprints/x.md:5:13", `"ZZ" is not an ISO 3166-1`)
	assertDiag(t, diags, "en/blueprints/x.md:9:11", `related: en/blueprints/y.md does not exist`)
	// Case-only differences collide on common file systems; a name not
	// in NFC is refused (it would not pair with its translations).
	found := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "as does") && strings.Contains(strings.ToLower(d.Message), "caf") {
			found++
		}
	}
	if found < 1 {
		t.Errorf("want a collision between Café.md and café.md; got:\n%v", diags)
	}
	assertDiag(t, diags, "en/cafe\u0301.md", `not in Unicode normal form C`)
}

func TestRenderTimeoutNamesFile(t *testing.T) {
	fsys := siteFS(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
-- content/en/slow.md --
---
title: Slow
---
text
`)
	_, diags := Build(context.Background(), Config{Content: fsys, RenderTimeout: time.Nanosecond})
	assertDiag(t, diags, "en/slow.md", `rendering took longer than`)
}

// TestPathologicalMarkdown feeds goldmark the shapes that are quadratic in
// its parser; the build must fail naming the file, fast, not hang.
func TestPathologicalMarkdown(t *testing.T) {
	body := strings.Repeat("- ", 100_000) + "x\n"
	fsys := siteFS(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
`)
	fsys["en/deep.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Deep\n---\n" + body)}
	_, diags := Build(context.Background(), Config{Content: fsys, RenderTimeout: 5 * time.Second})
	assertDiag(t, diags, "en/deep.md:4:1", `nested 100000 levels deep`)
}

// TestDeterministic builds the bundled knowledge base twice with different
// parallelism; the output must be byte for byte the same.
func TestDeterministic(t *testing.T) {
	buildWith := func(procs int) *Output {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		out, diags := Build(context.Background(), Config{Content: os.DirFS("../../content")})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a, b := buildWith(1), buildWith(4)
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files vs %d", len(a.Files), len(b.Files))
	}
	for name, data := range a.Files {
		if !bytes.Equal(data, b.Files[name]) {
			t.Errorf("%s differs between builds", name)
		}
	}
}

func TestOfflineLinks(t *testing.T) {
	out, diags := Build(context.Background(), Config{Content: siteFS(t, smallSite), Offline: true})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	for name, data := range out.Files {
		if path.Ext(name) != ".html" || name == "404.html" {
			continue
		}
		for _, m := range regexp.MustCompile(`href="([^"#]*)`).FindAllSubmatch(data, -1) {
			u := string(m[1])
			if strings.HasPrefix(u, "http") || u == "" {
				continue
			}
			if strings.HasSuffix(u, "/") {
				t.Errorf("%s: offline link %q names a directory; it must name index.html", name, u)
			}
		}
	}
}

// TestRefusedDocumentIsReportedOnce: a blueprint with a bad field is one
// error, at the field; links to it, blueprints related to it and its
// translations do not add "does not exist" errors and orphan warnings
// that would hide it.
func TestRefusedDocumentIsReportedOnce(t *testing.T) {
	_, diags := build(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}, {code: fr, name: Français}]
-- content/en/blueprints/hub.md --
---
title: Hub
summary: A hub.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: growin
last_reviewed: 2026-01-02
---
Text.
-- content/en/blueprints/park.md --
---
title: Park
summary: A park.
type: tech-park
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
related: [hub.md]
---
See [the hub](hub.md#text) and [nothing](gone.md).
-- content/fr/blueprints/hub.md --
---
title: Pôle
summary: Un pôle.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
---
Texte.
`)
	assertDiag(t, diags, "en/blueprints/hub.md:7:8", `stage: "growin" is not allowed`)
	assertDiag(t, diags, "en/blueprints/park.md:11:32", `link "gone.md": en/blueprints/gone.md does not exist`)
	for _, d := range diags {
		if strings.Contains(d.String(), "hub.md does not exist") || strings.Contains(d.String(), "without a source") {
			t.Errorf("a follow-on diagnostic hides the real one: %s", d)
		}
	}
}
