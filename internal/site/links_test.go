package site

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/diag"
)

// TestLongLinkDiagnosticsAreShort: a diagnostic quotes a link's
// destination, which in a hostile file can be as long as the file. It must
// quote an excerpt, or one error fills the terminal and CI log.
func TestLongLinkDiagnosticsAreShort(t *testing.T) {
	long := strings.Repeat("x", 50_000)
	fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\nlanguages: [{code: en, name: English}]\n")
	fsys["en/long.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Long\n---\n" +
		"[a](" + long + ") [b](" + long + ".md) ![c](" + long + ".png) [d](#" + long + ") [e](../../" + long + ") [f](%zz" + long + ")\n")}
	_, diags := Build(context.Background(), Config{Content: fsys})
	if diags.Errors() != 6 {
		t.Errorf("want an error for each of the 6 links, got:\n%.2000v", diags)
	}
	// Messages quote at most diag.ExcerptLimit characters of each of the
	// (up to two) destinations they name: whole for real links, cut for
	// hostile ones.
	for _, d := range diags {
		if len(d.String()) > 2*diag.ExcerptLimit+200 {
			t.Errorf("diagnostic of %d bytes: %.300s", len(d.String()), d)
		}
	}
}

func TestRelativeLink(t *testing.T) {
	for _, tt := range []struct{ from, to, want string }{
		{"en/blueprints/x.md", "en/blueprints/konza.md", "konza.md"},
		{"en/blueprints/x.md", "en/about.md", "../about.md"},
		{"en/about.md", "en/blueprints/konza.md", "blueprints/konza.md"},
		{"fr/blueprints/x.md", "en/blueprints/konza.md", "../../en/blueprints/konza.md"},
	} {
		if got := relativeLink(tt.from, tt.to); got != tt.want {
			t.Errorf("relativeLink(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}
