package site

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/markdown"
)

// TestHeadingsDoNotTakeThemeIDs pins the review finding: "## Main" or
// "{#sources}" in content gave a heading an ID the theme's layouts use, and
// the page held the ID twice. The IDs kept clear of are those of the
// page's own layout: a page without a list of sources keeps "## Sources"
// as #sources.
func TestHeadingsDoNotTakeThemeIDs(t *testing.T) {
	out, diags := build(t, `
-- content/site.yaml --
title: T
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English}
-- content/en/_index.md --
---
title: Home
---
## Recent
## Main
-- content/en/about.md --
---
title: About
---
## Search status
## Contents {#toc-title}
## Sources

See [the sources](#sources).
-- content/en/blueprints/hub.md --
---
title: Hub
summary: A hub.
type: innovation-hub
countries: [KE]
sdgs: [9]
stage: pilot
last_reviewed: 2026-01-02
outcomes:
  - {indicator: Startups, value: 12, unit: startups, year: 2020}
sources:
  - {title: Report, url: "https://www.itu.int/r", publisher: P, year: 2020}
---
## Main
## Outcomes
## Further reading {#sources}

See [the sources](#sources) and [the heading](#main-1).
`)
	if diags.Errors() > 0 {
		t.Fatalf("build failed:\n%v", diags)
	}
	assertDiag(t, diags, "en/blueprints/hub.md:16:1", `^heading ID \{#sources\} was ignored: the theme uses #sources`)
	assertDiag(t, diags, "en/about.md:5:1", `^heading ID \{#toc-title\} was ignored`)
	assertFile(t, out, "en/blueprints/hub/index.html", `<h2 id="main-1">Main</h2>`, `<h2 id="outcomes-1">Outcomes</h2>`, `<h2 id="further-reading">Further reading</h2>`)
	assertFile(t, out, "en/about/index.html", `<h2 id="search-status">Search status</h2>`, `<h2 id="sources">Sources</h2>`, `<h2 id="contents">Contents</h2>`)
	assertFile(t, out, "en/index.html", `<h2 id="recent-1">Recent</h2>`)
	for _, name := range out.Paths() {
		if strings.HasSuffix(name, ".html") {
			if dup := repeatedID(out.Files[name]); dup != "" {
				t.Errorf("%s: id=%q appears twice", name, dup)
			}
		}
	}
}

// repeatedID returns an ID that appears twice in a page, or "".
func repeatedID(page []byte) string {
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return ""
		case html.StartTagToken, html.SelfClosingTagToken:
			for {
				key, val, more := z.TagAttr()
				if string(key) == "id" {
					if seen[string(val)] {
						return string(val)
					}
					seen[string(val)] = true
				}
				if !more {
					break
				}
			}
		}
	}
}

// TestMemoKeysOnReservedIDs: the theme's IDs decide the headings' IDs, so
// a parse remembered under one set is not one under another.
func TestMemoKeysOnReservedIDs(t *testing.T) {
	m := newMemo()
	doc := &content.Document{File: "en/a.md", Body: []byte("## Main\n")}
	plain, reserving := markdown.New(), markdown.New(markdown.WithReservedIDs([]string{"main"}))
	md, diags := plain.Parse(doc.File, doc.Body)
	m.rememberParse(doc, plain, md, diags)
	if m.parsed(doc, plain) == nil {
		t.Fatal("the parse is not remembered for the renderer that made it")
	}
	if m.parsed(doc, reserving) != nil {
		t.Error("a parse made without reserved IDs is remembered for a renderer that reserves \"main\"")
	}
}
