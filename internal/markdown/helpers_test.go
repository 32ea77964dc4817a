package markdown

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/openblueprints/blueprints/internal/diag"
)

// testResolve is the resolver of these tests: deterministic, and close to
// what the site does with links to pages ("guide.md" → "guide/").
func testResolve(l Link) Target {
	return Target{URL: strings.ReplaceAll(l.Dest, ".md", "/")}
}

// parseRender parses and renders src with testResolve.
func parseRender(t testing.TB, src string) ([]byte, *Doc, diag.List) {
	t.Helper()
	r := New()
	doc, diags := r.Parse("test.md", []byte(src))
	if doc == nil {
		return nil, nil, diags
	}
	out, err := r.Render(doc, testResolve)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out, doc, diags
}

// forbiddenSchemes are the URL schemes no rendered href or src may have.
var forbiddenSchemes = map[string]bool{"javascript": true, "vbscript": true, "data": true}

// urlAttrs are the attributes whose value a browser follows as a URL.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true,
	"xlink:href": true, "poster": true, "background": true, "srcset": true,
	"cite": true, "data": true,
}

// browserScheme returns the lower-cased scheme a browser would see in an
// attribute value (already entity-decoded by the tokenizer): leading and
// trailing C0 controls and spaces are stripped, tabs and newlines anywhere
// are dropped. It returns "" for a URL without a scheme.
func browserScheme(v string) string {
	v = strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
	v = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, v)
	i := strings.IndexByte(v, ':')
	if i <= 0 {
		return ""
	}
	s := strings.ToLower(v[:i])
	for j, r := range s {
		ok := r >= 'a' && r <= 'z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return ""
		}
	}
	return s
}

// unsafeHTML tokenizes out as a browser would and returns what is unsafe in
// it: script elements, event-handler attributes and links or sources with a
// javascript, vbscript or data URL. It returns nil for safe HTML.
func unsafeHTML(out []byte) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, fmt.Sprintf("tokenizer: %v", z.Err()))
			}
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken && tt != html.EndTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "style", "base", "form", "meta", "link":
			problems = append(problems, fmt.Sprintf("<%s> element", tok.Data))
		}
		for _, a := range tok.Attr {
			key := strings.ToLower(a.Key)
			if strings.HasPrefix(key, "on") {
				problems = append(problems, fmt.Sprintf("<%s %s=%q>: event handler attribute", tok.Data, a.Key, a.Val))
			}
			if key == "style" {
				problems = append(problems, fmt.Sprintf("<%s style=%q>: style attribute", tok.Data, a.Val))
			}
			if urlAttrs[key] {
				if s := browserScheme(a.Val); forbiddenSchemes[s] {
					problems = append(problems, fmt.Sprintf("<%s %s=%q>: %s URL", tok.Data, a.Key, a.Val, s))
				}
			}
		}
	}
}

// tags returns every start tag of out with its attributes, for assertions on
// links.
func tags(out []byte, name string) []html.Token {
	var found []html.Token
	z := html.NewTokenizer(bytes.NewReader(out))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return found
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			if tok := z.Token(); tok.Data == name {
				found = append(found, tok)
			}
		}
	}
}

func attr(tok html.Token, key string) (string, bool) {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func TestBrowserScheme(t *testing.T) {
	for in, want := range map[string]string{
		"javascript:x":        "javascript",
		" \x01JavaScript:x":   "javascript",
		"java\tscr\nipt:x":    "javascript",
		"https://example.org": "https",
		"guide/":              "",
		"#frag":               "",
		"a/b:c":               "",
		"":                    "",
		"1http:x":             "",
	} {
		if got := browserScheme(in); got != want {
			t.Errorf("browserScheme(%q) = %q, want %q", in, got, want)
		}
	}
	if p := unsafeHTML([]byte(`<p><a href=" JaVa&#x09;Script:alert(1)">x</a><img src=x onerror=y></p>`)); len(p) != 2 {
		t.Errorf("unsafeHTML missed problems in a known-bad sample: %q", p)
	}
	if p := unsafeHTML([]byte(`<p><a href="https://example.org/" rel="external">x</a></p>`)); p != nil {
		t.Errorf("unsafeHTML flagged safe HTML: %q", p)
	}
}
