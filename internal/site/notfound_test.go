package site

import (
	"context"
	"strings"
	"testing"
)

// TestNotFoundPageLinks: the 404 page, shown in place of a missing page at
// any depth, links from the path the site is served at (the base URL's, or
// the one a server sets), never to another host; offline, where it is only
// opened at the root, relatively.
func TestNotFoundPageLinks(t *testing.T) {
	archive := `
-- content/site.yaml --
title: T
base_url: https://example.org/kb/
languages: [{code: en, name: English}]
-- content/en/_index.md --
---
title: Home
---
`
	for _, c := range []struct {
		name string
		cfg  Config
		want []string
	}{
		{"published", Config{}, []string{`href="/kb/static/style.css"`, `href="/kb/en/"`}},
		{"served at the root", Config{RootPath: "/"}, []string{`href="/static/style.css"`, `href="/en/"`}},
		{"offline", Config{Offline: true}, []string{`href="static/style.css"`, `href="en/index.html"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			c.cfg.Content = siteFS(t, archive)
			out, diags := Build(context.Background(), c.cfg)
			if err := diags.Err(); err != nil {
				t.Fatal(err)
			}
			page := string(out.Files["404.html"])
			for _, w := range c.want {
				if !strings.Contains(page, w) {
					t.Errorf("404.html lacks %s:\n%s", w, page)
				}
			}
			if strings.Contains(page, `="https://example.org`) {
				t.Errorf("404.html links to the published host:\n%s", page)
			}
		})
	}
}
