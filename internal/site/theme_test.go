package site

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/themes"
)

// minimalTheme is a site's own theme of two layouts, a blueprint layout
// and the built-in theme's catalogs: every other kind of page falls back
// to page.html.
func minimalTheme(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{
		"mine/layouts/base.html":      {Data: []byte(`<body class="{{.Page.Kind}}">{{block "main" .}}{{end}}</body>`)},
		"mine/layouts/page.html":      {Data: []byte(`{{define "main"}}<h1 id="title">{{.Page.Title}}</h1>{{.Page.Body}}{{range .Page.Items}}<a href="{{$.URL .Dir}}">{{.Title}}</a>{{end}}{{end}}`)},
		"mine/layouts/blueprint.html": {Data: []byte(`{{define "main"}}<h1>{{.Page.Title}}</h1><table id="facts"></table>{{.Page.Body}}{{end}}`)},
	}
	catalogs, err := fs.Glob(themes.Default(), "i18n/*.json")
	if err != nil || len(catalogs) == 0 {
		t.Fatalf("the built-in theme's catalogs: %v, %v", catalogs, err)
	}
	for _, name := range catalogs {
		data, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			t.Fatal(err)
		}
		fsys["mine/"+name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

// TestThemeFallbackLayouts: a theme without layouts for most kinds of page
// builds, and renders each of those pages with page.html; the blueprint
// keeps its own layout, and links to the IDs that layout adds are valid
// while the built-in theme's are not.
func TestThemeFallbackLayouts(t *testing.T) {
	archive := strings.Replace(smallSite, "title: Test Site\n", "title: Test Site\ntheme: mine\n", 1)
	archive = strings.Replace(archive, "## Who we are\n", "## Who we are\n[Facts](blueprints/hub.md#facts), [sources](blueprints/hub.md#sources).\n", 1)
	_, diags := Build(context.Background(), Config{Content: siteFS(t, archive), Themes: minimalTheme(t)})
	assertDiag(t, diags, "en/about.md:6:35", `^link "blueprints/hub.md#sources": no heading #sources in en/blueprints/hub.md`)
	if n := diags.Errors(); n != 1 {
		t.Fatalf("%d errors, want only the link to #sources:\n%v", n, diags.Err())
	}
	archive = strings.Replace(archive, ", [sources](blueprints/hub.md#sources)", "", 1)
	out, diags := Build(context.Background(), Config{Content: siteFS(t, archive), Themes: minimalTheme(t)})
	if err := diags.Err(); err != nil {
		t.Fatalf("build with a theme of three layouts failed:\n%v", err)
	}
	for file, kind := range map[string]string{
		"index.html":                 "root",
		"en/index.html":              "home",
		"en/blueprints/index.html":   "list",
		"en/about/index.html":        "page",
		"en/types/index.html":        "taxonomy",
		"en/search/index.html":       "search",
		"en/translations/index.html": "translations",
		"404.html":                   "404",
	} {
		assertFile(t, out, file, `^<body class="`+kind+`"><h1 id="title">`)
	}
	assertFile(t, out, "en/types/innovation-hub/index.html", `^<body class="term"><h1 id="title">`, `<a href="../../blueprints/hub/">Nairobi Hub</a>`)
	assertFile(t, out, "en/blueprints/hub/index.html", `^<body class="blueprint"><h1>Nairobi Hub</h1><table id="facts">`)
	assertFile(t, out, "en/about/index.html", `<a href="../blueprints/hub/#facts">Facts</a>`)
}
