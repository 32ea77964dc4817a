package site

import "testing"

func TestPageDir(t *testing.T) {
	tests := []struct{ lang, rel, want string }{
		{"en", "_index.md", "en/"},
		{"en", "about.md", "en/about/"},
		{"fr", "guides/_index.md", "fr/guides/"},
		{"ar", "blueprints/konza.md", "ar/blueprints/konza/"},
		{"en", "guides/setup/README.md", "en/guides/setup/"}, // issue 20: a folder's page, as on GitHub
		{"en", "guides/setup/readme.md", "en/guides/setup/"},
		{"en", "README.md", "en/"},
		{"en", "guides/otel-demo/index.md", "en/guides/otel-demo/"},
	}
	for _, tt := range tests {
		if got := pageDir(tt.lang, tt.rel); got != tt.want {
			t.Errorf("pageDir(%q, %q) = %q, want %q", tt.lang, tt.rel, got, tt.want)
		}
	}
}

func TestRelURL(t *testing.T) {
	tests := []struct {
		from, to string
		offline  bool
		want     string
	}{
		{"en/blueprints/a/", "en/blueprints/b/", false, "../b/"},
		{"en/blueprints/a/", "en/blueprints/b/", true, "../b/index.html"},
		{"en/blueprints/a/", "en/blueprints/a/", false, "./"},
		{"en/blueprints/a/", "en/blueprints/a/", true, "index.html"},
		{"en/", "en/blueprints/", false, "blueprints/"},
		{"", "en/", false, "en/"},
		{"en/blueprints/a/", "", false, "../../../"},
		{"en/blueprints/a/", "", true, "../../../index.html"},
		{"en/blueprints/a/", "static/style.css", false, "../../../static/style.css"},
		{"en/blueprints/a/", "en/blueprints/a.png", false, "../a.png"},
		// A "#" or "?" in a file name is part of the path, not a fragment
		// or query: lists once linked en/x?y#z/ as "x%3Fy#z/".
		{"en/", "en/x?y#z/", false, "x%3Fy%23z/"},
		{"en/blueprints/a/", "en/blueprints/b#1.png", false, "../b%231.png"},
		{"en/", "en/a b/", false, "a%20b/"},
		{"", "sitemap.xml", false, "sitemap.xml"},
	}
	for _, tt := range tests {
		if got := relURL(tt.from, tt.to, tt.offline); got != tt.want {
			t.Errorf("relURL(%q, %q, %v) = %q, want %q", tt.from, tt.to, tt.offline, got, tt.want)
		}
	}
}
