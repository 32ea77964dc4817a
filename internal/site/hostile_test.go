package site

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/publish"
)

// TestOutputTreeCollisions: a content file whose output path is a file the
// generator writes (the feed en/index.xml, the list en/blueprints/index.html)
// used a directory of that name. check passed; build failed while writing,
// with "mkdirat en/index.xml: file exists" and no content file named. Each
// must be an error naming the content file, in check as in build, and a
// clash with a generated page must carry the file in every format.
func TestOutputTreeCollisions(t *testing.T) {
	fsys := siteFS(t, `
-- content/site.yaml --
title: T
languages: [{code: en, name: English}]
-- content/en/index.xml.md --
---
title: Feed?
---
-- content/en/blueprints/index.html.md --
`+validBlueprintText("List?")+`
-- content/en/search.md --
---
title: The search page's own path
---
`)
	fsys["en/index.xml/x.png"] = &fstest.MapFile{Data: []byte("\x89PNG\r\n\x1a\n")}
	_, diags := Build(context.Background(), Config{Content: fsys})
	assertDiag(t, diags, "en/index.xml.md", `writes en/index.xml/index.html inside en/index.xml, which the en feed writes as a file`)
	assertDiag(t, diags, "en/index.xml/x.png", `inside en/index.xml, which the en feed writes as a file`)
	assertDiag(t, diags, "en/blueprints/index.html.md", `inside en/blueprints/index.html, which .* writes as a file`)
	assertDiag(t, diags, "en/search.md", `produces the page en/search/, as does the generated search page`)
	for _, d := range diags {
		if d.Pos.File == "" {
			t.Errorf("a diagnostic names no file: %v", d)
		}
	}
}

// validBlueprintText is the frontmatter of a valid blueprint titled title.
func validBlueprintText(title string) string {
	return "---\ntitle: " + title + "\nsummary: S\ntype: fund\ncountries: [KE]\nsdgs: [1]\nstage: idea\nlast_reviewed: 2026-01-01\n---\nBody.\n"
}

// writeOutput publishes out to a temporary directory, as build does.
func writeOutput(t *testing.T, out *Output) error {
	t.Helper()
	return publish.Write(filepath.Join(t.TempDir(), "public"), out.Files, out.Paths())
}
