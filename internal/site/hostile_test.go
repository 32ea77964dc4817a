package site

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/publish"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/themes"
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
-- content/en/blueprints/tagged.md --
`+strings.Replace(validBlueprintText("Tagged"), "stage: idea", "stage: idea\ntags: [ok, "+strings.Repeat("t", 256)+"]", 1)+`
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
	assertDiag(t, diags, "en/blueprints/tagged.md:8:12", `tags: a tag of 256 bytes cannot be a page's directory`)
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

// TestThemeFilesChecked: a site's theme is read with the checks content
// gets: a template linked to /etc/passwd, a huge file, a text file that is
// not UTF-8 and a theme directory that is itself a link are errors naming
// the file, before any template is parsed.
func TestThemeFilesChecked(t *testing.T) {
	copyTheme := func(t *testing.T, dir string) {
		err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(themes.Default(), name)
			if err != nil {
				return err
			}
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			return os.WriteFile(p, data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	link := func(t *testing.T, target, name string) {
		os.Remove(name)
		if err := os.Symlink(target, name); err != nil {
			t.Skipf("cannot create symbolic links here: %v", err)
		}
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, themes string)
		want  string
	}{
		{"template linked", func(t *testing.T, themes string) {
			link(t, "/etc/passwd", filepath.Join(themes, "mine/layouts/partials/x.html"))
		}, `themes/mine/layouts/partials/x.html: symbolic links are not allowed`},
		{"theme linked", func(t *testing.T, themes string) {
			os.Rename(filepath.Join(themes, "mine"), filepath.Join(themes, "real"))
			link(t, "real", filepath.Join(themes, "mine"))
		}, `themes/mine must be a directory, not a symbolic link`},
		{"huge static file", func(t *testing.T, themes string) {
			os.WriteFile(filepath.Join(themes, "mine/static/big.png"), make([]byte, 5<<20), 0o644)
		}, `themes/mine/static/big.png: file is 5242880 bytes, over the`},
		{"template not UTF-8", func(t *testing.T, themes string) {
			os.WriteFile(filepath.Join(themes, "mine/layouts/partials/y.html"), []byte("caf\xe9"), 0o644)
		}, `themes/mine/layouts/partials/y.html: invalid UTF-8`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTheme(t, filepath.Join(dir, "mine"))
			tt.setup(t, dir)
			fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\ntheme: mine\nlanguages: [{code: en, name: English}]\n")
			_, diags := Build(context.Background(), Config{Content: fsys, Themes: os.DirFS(dir)})
			if !strings.Contains(fmt.Sprint(diags), tt.want) {
				t.Errorf("want an error containing %q; got:\n%v", tt.want, diags)
			}
		})
	}
	// The copy itself builds: the checks refuse only what they should.
	dir := t.TempDir()
	copyTheme(t, filepath.Join(dir, "mine"))
	fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\ntheme: mine\nlanguages: [{code: en, name: English}]\n")
	if _, diags := Build(context.Background(), Config{Content: fsys, Themes: os.DirFS(dir)}); diags.Err() != nil {
		t.Errorf("a copy of the default theme does not build: %v", diags)
	}
}

// TestCheckAndBuildAgree builds, one site each, every hostile file of the
// budget table and every file name that once slipped past check: an input
// is either refused by errors that each name a content file (what check
// reports), or built and written to disk without error (what build
// does). Nothing may pass check and then fail to publish.
func TestCheckAndBuildAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site per hostile file")
	}
	type input map[string]string
	inputs := map[string]input{}
	for name, file := range budgetShapes() {
		inputs["shape "+name] = input{"en/x.md": file}
	}
	page := "---\ntitle: T\n---\nBody.\n"
	for _, name := range []string{
		"en/index.xml.md", "en/blueprints/index.html.md", "en/sitemap.xml.md", "en/search.md", "en/translations.md",
		"en/x.MD", "en/cafe\u0301.md", "en/x?y#z.md", "en/a b.md", "en/static.md", "en/index.html.md", "en/404.md",
		"en/blueprints/by-date.md", "en/types.md", "en/types/fund.md", "en/robots.txt.md", "en/README.txt.md",
	} {
		inputs["name "+name] = input{name: page}
	}
	inputs["image under the feed"] = input{"en/index.xml/x.png": "\x89PNG\r\n\x1a\n"}
	inputs["image named like a page"] = input{"en/a.md": page, "en/a/index.html.png": "\x89PNG\r\n\x1a\n"}
	inputs["schema path"] = input{"en/schema/blueprint.schema.json.md": page}
	// Names too long for a file system: 255 bytes is the limit of one.
	inputs["long file name"] = input{"en/" + strings.Repeat("\u062b", 127) + ".md": page}
	inputs["long tag"] = input{"en/blueprints/x.md": strings.Replace(validBlueprintText("X"), "stage: idea", "stage: idea\ntags: ["+strings.Repeat("\u062b", 130)+"]", 1)}
	for _, name := range slices.Sorted(maps.Keys(inputs)) {
		t.Run(name, func(t *testing.T) {
			fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\nlanguages: [{code: en, name: English}]\n")
			for file, data := range inputs[name] {
				fsys[file] = &fstest.MapFile{Data: []byte(data)}
			}
			out, diags := Build(context.Background(), Config{Content: fsys})
			if diags.Err() != nil {
				for _, d := range diags {
					if d.Severity == diag.Error && d.Pos.File == "" {
						t.Errorf("an error names no file: %v", d)
					}
				}
				return
			}
			if err := writeOutput(t, out); err != nil {
				t.Errorf("check accepts it, but build fails writing: %v", err)
			}
		})
	}
}

// TestSearchIndexReproducible writes the bleve index of the bundled
// knowledge base twice. bleve cannot write the same bytes twice: scorch
// numbers the documents of a batch in the order its analysis goroutines
// finish, walking the batch's Go map, so the segment files (*.zap) and
// their bolt catalogue (root.bolt) differ from run to run. What can be the
// same is: the same files, the same index_meta.json, and the same answers:
// for every query, the same hits in the same order with the same excerpts
// and facets, and the same scores but for the last bits of a float (bleve
// sums a long query's term scores in map order).
func TestSearchIndexReproducible(t *testing.T) {
	out, diags := Build(context.Background(), Config{Content: os.DirFS("../../content")})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	dirs := []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")}
	var indexes []*search.Index
	for _, dir := range dirs {
		if err := writeIndex(dir, out.Search); err != nil {
			t.Fatal(err)
		}
		ix, err := search.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		indexes = append(indexes, ix)
	}
	files := func(dir string) map[string][]byte {
		m := map[string][]byte{}
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(dir, p)
				m[rel], _ = os.ReadFile(p)
			}
			return err
		})
		return m
	}
	a, b := files(dirs[0]), files(dirs[1])
	if !slices.Equal(slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b))) {
		t.Errorf("the two indexes hold different files: %v and %v", slices.Sorted(maps.Keys(a)), slices.Sorted(maps.Keys(b)))
	}
	for name, data := range a {
		if filepath.Base(name) == "index_meta.json" && !bytes.Equal(data, b[name]) {
			t.Errorf("%s differs", name)
		}
	}
	// Every word of every title, in its language, and the empty query
	// with each facet value.
	var queries []search.Query
	for _, d := range out.Search {
		for _, w := range strings.Fields(d.Title) {
			queries = append(queries, search.Query{Lang: d.Lang, Text: w, Size: search.MaxResults})
		}
		for name, values := range d.Facets {
			for _, v := range values {
				queries = append(queries, search.Query{Lang: d.Lang, Filters: map[string][]string{name: {v}}, Size: search.MaxResults})
			}
		}
	}
	differ := 0
	for _, q := range queries {
		ra, errA := indexes[0].Search(context.Background(), q)
		rb, errB := indexes[1].Search(context.Background(), q)
		if errA != nil || errB != nil {
			t.Fatalf("%+v: %v, %v", q, errA, errB)
		}
		if !sameAnswer(ra, rb) {
			if differ++; differ <= 3 {
				t.Errorf("%+v answers differently:\n%v\n%v", q, hitsText(ra), hitsText(rb))
			}
		}
	}
	t.Logf("%d queries, %d answered differently", len(queries), differ)
}

func hitsText(r *search.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d hits:", r.Total)
	for _, h := range r.Hits {
		fmt.Fprintf(&b, " %s %.17g %x;", h.ID, h.Score, sha256.Sum256([]byte(h.Excerpt)))
	}
	return b.String()
}

// sameAnswer compares two results, scores to 1 part in 10^12.
func sameAnswer(a, b *search.Result) bool {
	if a.Total != b.Total || len(a.Hits) != len(b.Hits) || fmt.Sprint(a.Facets) != fmt.Sprint(b.Facets) {
		return false
	}
	for i, h := range a.Hits {
		g := b.Hits[i]
		if h.ID != g.ID || h.Title != g.Title || h.Summary != g.Summary || h.Excerpt != g.Excerpt || math.Abs(h.Score-g.Score) > 1e-12*math.Abs(h.Score) {
			return false
		}
	}
	return true
}

// TestAbandonedParseEnds: goldmark cannot be interrupted, so a render that
// times out goes on in the background. Under serve, three saves of one
// "[a](" file once kept a core busy for minutes. Now every file either is
// refused by the limits at once or parses in time linear in its size, so
// an abandoned parse ends soon after the timeout, even for the worst files.
//
// It watches the goroutines that run the Markdown package, not the count
// of all goroutines, which any other part of the runtime or an earlier
// test may raise or lower: a parse still running is a goroutine with a
// frame of the markdown package, whatever else runs.
func TestAbandonedParseEnds(t *testing.T) {
	shapes := budgetShapes()
	for _, name := range []string{"link-opener-paren", "headings", "footnotes", "nested-brackets", "task-list", "table-rows", "long-line"} {
		fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\nlanguages: [{code: en, name: English}]\n")
		fsys["en/x.md"] = &fstest.MapFile{Data: []byte(shapes[name])}
		for range 3 { // three saves
			_, diags := Build(context.Background(), Config{Content: fsys, RenderTimeout: time.Nanosecond})
			if diags.Err() == nil {
				t.Fatalf("%s: a render timeout of 1ns did not fail the build", name)
			}
		}
	}
	deadline := time.Now().Add(30 * time.Second)
	running, stacks := markdownGoroutines()
	for running > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		running, stacks = markdownGoroutines()
	}
	if running > 0 {
		t.Errorf("%d parses or renders still running 30 s after the builds:\n%s", running, stacks)
	}
}

// markdownGoroutines counts the goroutines with a frame in package
// markdown, and returns their stacks.
func markdownGoroutines() (int, string) {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var n int
	var stacks []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "/internal/markdown.") {
			n++
			stacks = append(stacks, g)
		}
	}
	return n, strings.Join(stacks, "\n\n")
}

// TestHashInFileNameLinks: a blueprint named "x?y#z.md" was listed with
// href="x%3Fy#z/", a link to the page x?y with the fragment z/. Every
// link to it, in lists as in the sitemap, must escape both characters.
func TestHashInFileNameLinks(t *testing.T) {
	fsys := siteFS(t, "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\nlanguages: [{code: en, name: English}]\n")
	fsys["en/blueprints/x?y#z.md"] = &fstest.MapFile{Data: []byte(validBlueprintText("Odd name"))}
	fsys["en/about.md"] = &fstest.MapFile{Data: []byte("---\ntitle: About\n---\nSee [the odd one](blueprints/x%3Fy%23z.md).\n")}
	out, diags := Build(context.Background(), Config{Content: fsys})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Files["en/blueprints/x?y#z/index.html"]; !ok {
		t.Fatalf("no page for the blueprint; files: %v", slices.Sorted(maps.Keys(out.Files)))
	}
	for _, file := range []string{"en/blueprints/index.html", "en/about/index.html", "en/types/fund/index.html"} {
		page := string(out.Files[file])
		if !strings.Contains(page, `x%3Fy%23z/"`) {
			t.Errorf("%s has no escaped link to x?y#z/", file)
		}
		if strings.Contains(page, `x%3Fy#z`) {
			t.Errorf("%s links to x%%3Fy#z: the # starts a fragment", file)
		}
	}
}

// writeIndex writes the bleve index of docs in dir, as a build does.
func writeIndex(dir string, docs []search.Document) error {
	w, err := search.Create(dir)
	if err != nil {
		return err
	}
	err = w.Add(docs)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
