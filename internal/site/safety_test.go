package site

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// checkHTMLSafe tokenizes a built page and reports anything that could run
// script: a script element other than our JSON-LD data block or a script
// file of our own, an on* attribute, or a URL attribute with a dangerous
// scheme.
func checkHTMLSafe(t testing.TB, name string, data []byte) {
	t.Helper()
	imagesConfined := false // by the page's Content-Security-Policy
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				t.Errorf("%s: HTML tokenizer: %v", name, z.Err())
			}
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attrs := map[string]string{}
		for _, a := range tok.Attr {
			attrs[a.Key] = a.Val
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("%s: <%s %s=%q>: event handler attribute", name, tok.Data, a.Key, a.Val)
			}
			switch strings.ToLower(a.Key) {
			case "href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset", "cite":
				if scheme := dangerousScheme(a.Val); scheme != "" {
					t.Errorf("%s: <%s %s=%q>: %s URL", name, tok.Data, a.Key, a.Val, scheme)
				}
			}
		}
		if tok.Data == "meta" && strings.EqualFold(attrs["http-equiv"], "Content-Security-Policy") {
			imagesConfined = cspConfinesImages(attrs["content"])
		}
		// Nothing the page loads comes from another host: no CDN, no web
		// font, no analytics (links to other sites are fine: not loaded).
		// A contributor may write an image from another host; the page's
		// policy must then stop the browser from fetching it.
		loads := map[string]string{"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src", "audio": "src"}
		if imagesConfined {
			delete(loads, "img")
		}
		if tok.Data == "link" && attrs["rel"] != "canonical" && attrs["rel"] != "alternate" {
			loads["link"] = "href"
		}
		if attr, ok := loads[tok.Data]; ok {
			if u := attrs[attr]; strings.Contains(u, "//") && !strings.HasPrefix(u, "https://openblueprints.org/") && !strings.HasPrefix(u, "https://example.org/") {
				t.Errorf("%s: <%s %s=%q> loads from another host", name, tok.Data, attr, u)
			}
		}
		switch tok.Data {
		case "script":
			ownFile := strings.Contains(attrs["src"], "static/") && !strings.Contains(attrs["src"], ":")
			if attrs["type"] != "application/ld+json" && !ownFile {
				t.Errorf("%s: <script> that is not ours: %v", name, tok.Attr)
			}
			// The data block holds contributor text: it must be JSON
			// to its end, or the text has broken out of it.
			if attrs["type"] == "application/ld+json" {
				if z.Next() != html.TextToken || !json.Valid(z.Text()) {
					t.Errorf("%s: JSON-LD block is not JSON", name)
				}
			}
		case "form":
			// Our search forms: GET, to a URL checked above like every action.
			if attrs["method"] != "get" {
				t.Errorf("%s: form that is not a site search: %v", name, tok.Attr)
			}
		case "iframe", "object", "embed", "base", "style":
			t.Errorf("%s: unexpected <%s> element", name, tok.Data)
		}
	}
}

// cspConfinesImages reports whether a Content-Security-Policy lets images
// load only from the site itself or data: URLs.
func cspConfinesImages(policy string) bool {
	sources := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			sources[strings.ToLower(f[0])] = f[1:]
		}
	}
	img, ok := sources["img-src"]
	if !ok {
		img, ok = sources["default-src"]
	}
	for _, s := range img {
		if s != "'self'" && s != "data:" && s != "'none'" {
			return false
		}
	}
	return ok
}

func dangerousScheme(u string) string {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, strings.ToLower(u))
	for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
		if strings.HasPrefix(s, scheme) {
			return scheme
		}
	}
	return ""
}

// checkOutputSafe checks every file of a build: its path stays inside the
// site, text is valid UTF-8, HTML is safe (checkHTMLSafe), XML and JSON
// parse, and the search data files are a single loader call on JSON, so no
// contributor's text can turn into code in them.
func checkOutputSafe(t testing.TB, out *Output) {
	t.Helper()
	for name, data := range out.Files {
		if !isLocalOutput(name) {
			t.Errorf("output path %q is not local", name)
		}
		ext := path.Ext(name)
		if slices.Contains([]string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".ico"}, ext) {
			continue // assets are copied as they are
		}
		if !utf8.Valid(data) {
			t.Errorf("%s: not valid UTF-8", name)
		}
		switch {
		case ext == ".html":
			checkHTMLSafe(t, name, data)
		case ext == ".xml":
			checkXML(t, name, data)
		case ext == ".json" && !json.Valid(data):
			t.Errorf("%s: not valid JSON", name)
		case ext == ".js" && strings.HasPrefix(name, "search/"):
			m := regexp.MustCompile(`\ABPSearch\.add\("[a-z]+","[A-Za-z-]+",[0-9]+,(.*)\);\n\z`).FindSubmatch(data)
			// The whole file, as search.script writes it.
			if m == nil || !json.Valid(m[1]) {
				t.Errorf("%s: not one BPSearch.add call on JSON data: %.200q", name, data)
			}
		}
	}
}

// checkXML checks that a feed or sitemap parses and links nowhere dangerous:
// feed readers follow hrefs as browsers do.
func checkXML(t testing.TB, name string, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: XML: %v", name, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			for _, a := range se.Attr {
				if a.Name.Local == "href" || a.Name.Local == "src" {
					if scheme := dangerousScheme(a.Value); scheme != "" {
						t.Errorf("%s: <%s %s=%q>: %s URL", name, se.Name.Local, a.Name.Local, a.Value, scheme)
					}
				}
			}
		}
	}
}

func isLocalOutput(name string) bool {
	return name != "" && !strings.HasPrefix(name, "/") && !strings.Contains(name, `\`) &&
		path.Clean(name) == name && name != ".." && !strings.HasPrefix(name, "../")
}

func TestBundledSiteIsSafe(t *testing.T) {
	out, diags := Build(context.Background(), Config{Content: os.DirFS("../../content")})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	// Warnings (stale reviews, outdated translations, tag spellings) are
	// content upkeep that check reports; this test judges the output.
	checkOutputSafe(t, out)
}

// TestHostileContentIsNeutralised builds pages full of XSS payloads in
// Markdown and in frontmatter strings. The build may warn, but what it
// writes must be safe.
func TestHostileContentIsNeutralised(t *testing.T) {
	payload := `"><script>alert(1)</script><img src=x onerror=alert(1)>`
	out, diags := build(t, `
-- content/site.yaml --
title: '`+payload+`'
description: '</script><script>alert(1)</script>'
languages: [{code: en, name: '`+payload+`'}]
-- content/en/blueprints/x.md --
---
title: '`+payload+`'
summary: '</script><script>alert(2)</script>'
type: fund
countries: [KE]
sdgs: [1]
stage: idea
last_reviewed: 2026-01-01
tags: [xss]
organizations:
  - {name: '`+payload+`', url: 'https://example.org/"onmouseover="alert(1)'}
sources:
  - {title: '`+payload+`', url: 'https://example.org/?q=<script>', publisher: '`+payload+`'}
outcomes:
  - {indicator: '`+payload+`', value: 1, unit: '`+payload+`'}
---
## `+payload+`

<script>alert(3)</script>

<img src=x onerror=alert(4)>

[a](javascript:alert(5)) [b](JaVaScRiPt:alert(6)) [c](vbscript:msgbox(7))
[d](data:text/html;base64,PHNjcmlwdD5hbGVydCg4KTwvc2NyaXB0Pg==) ![e](javascript:alert(9))
[f](&#106;avascript:alert(10)) <javascript:alert(11)> [g][r]

| <b onclick=alert(12)>t</b> |
|---|
| [h](javascript:alert(13)) |

Footnote[^1].

[^1]: [i](javascript:alert(14))

[r]: javascript:alert(15)
`)
	if err := diags.Err(); err != nil {
		t.Fatalf("hostile content should build with warnings, got errors:\n%v", err)
	}
	warnings := 0
	for _, d := range diags {
		if strings.Contains(d.Message, "removed") || strings.Contains(d.Message, "shown as text") {
			warnings++
			if d.Pos.Line == 0 {
				t.Errorf("warning without a line: %v", d)
			}
		}
	}
	if warnings < 10 {
		t.Errorf("want a warning for each removed link or raw HTML, got %d:\n%v", warnings, diags)
	}
	checkOutputSafe(t, out)
	page := string(out.Files["en/blueprints/x/index.html"])
	if strings.Contains(page, "alert(") && strings.Contains(page, "<script>alert") {
		t.Errorf("payload survived unescaped")
	}
}

func TestCSPConfinesImages(t *testing.T) {
	for policy, want := range map[string]bool{
		"default-src 'self'; img-src 'self' data:; object-src 'none'": true,
		"default-src 'self'":                        true,
		"default-src 'self'; img-src *":             false,
		"default-src 'self'; img-src 'self' https:": false,
		"img-src https://cdn.example.com":           false,
		"script-src 'self'":                         false,
		"":                                          false,
	} {
		if got := cspConfinesImages(policy); got != want {
			t.Errorf("cspConfinesImages(%q) = %v, want %v", policy, got, want)
		}
	}
}

// recorder collects what a check reports instead of failing the test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCheckOutputSafeCatches feeds the output checks one known-bad file of
// each kind: each must be reported, or the corpus tests prove nothing.
func TestCheckOutputSafeCatches(t *testing.T) {
	page := func(body string) []byte {
		return []byte(`<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'"></head><body>` + body + `</body></html>`)
	}
	for name, data := range map[string][]byte{
		"script.html":         page(`<script>alert(1)</script>`),
		"handler.html":        page(`<img src=x.png oNeRRor=alert(1)>`),
		"javascript.html":     page(`<a href=" jav&#x09;ascript:alert(1)">x</a>`),
		"formaction.html":     page(`<button formaction="javascript:alert(1)">x</button>`),
		"svg.html":            page(`<svg><a xlink:href="data:text/html,x">x</a></svg>`),
		"iframe.html":         page(`<iframe src="a.html"></iframe>`),
		"remote-script.html":  page(`<script src="https://cdn.example.com/static/x.js"></script>`),
		"utf8.html":           page("\xff"),
		"feed.xml":            []byte(`<feed><link href="javascript:alert(1)"/></feed>`),
		"broken.xml":          []byte(`<feed><title>a</feed>`),
		"index.json":          []byte(`{"a":`),
		"search/en/docs-0.js": []byte(`BPSearch.add("docs","en",0,[]);alert(1);` + "\n"),
		"../escape.html":      page(""),
		"jsonld.html":         page(`<script type="application/ld+json">{"name":"x"};alert(1)</script>`),
	} {
		r := &recorder{TB: t}
		checkOutputSafe(r, &Output{Files: map[string][]byte{name: data}})
		if len(r.errs) == 0 {
			t.Errorf("%s: not reported", name)
		}
	}
	r := &recorder{TB: t}
	checkOutputSafe(r, &Output{Files: map[string][]byte{
		"ok.html":             page(`<a href="https://example.org/" rel="external">x</a><img src="https://other.example/i.png" alt="">`),
		"search/en/docs-0.js": []byte(`BPSearch.add("docs","en",0,[{"t":"\u003cscript\u003e"}]);` + "\n"),
	}})
	if len(r.errs) > 0 {
		t.Errorf("safe output reported: %q", r.errs)
	}
}
