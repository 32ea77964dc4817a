package theme

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/themes"
)

func themeFS(main string) fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/base.html":           {Data: []byte(`<title>{{.Title}}</title>{{block "main" .}}{{end}}`)},
		"layouts/partials/greet.html": {Data: []byte(`{{define "greet"}}hi {{.Name}}{{end}}`)},
		"static/a.css":                {Data: []byte("a{}")},
	}
	for _, kind := range Kinds() {
		fsys[kind.layoutFile()] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + main + `{{end}}`)}
	}
	return fsys
}

func TestExecuteEscapesContributorText(t *testing.T) {
	th, err := Load(themeFS(`<p title="{{.Name}}">{{template "greet" .}}</p><a href="{{.URL}}">x</a>`))
	if err != nil {
		t.Fatal(err)
	}
	out, err := th.Execute("page", map[string]string{"Title": "<b>", "Name": `"><script>`, "URL": "javascript:alert(1)"})
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, bad := range []string{"<script>", "<b>", `href="javascript:`} {
		if strings.Contains(s, bad) {
			t.Errorf("output contains %q unescaped: %s", bad, s)
		}
	}
}

func TestMissingKeyIsAnError(t *testing.T) {
	th, err := Load(themeFS(`{{.Nope}}`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := th.Execute("page", map[string]string{"Title": "t"}); err == nil {
		t.Error("a missing map key rendered silently; want an error")
	}
}

// TestMissingPageLayoutIsAnError: page.html ends every fallback chain, so
// a theme without it is refused, by name.
func TestMissingPageLayoutIsAnError(t *testing.T) {
	fsys := themeFS(`x`)
	delete(fsys, "layouts/page.html")
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "layouts/page.html") {
		t.Errorf("Load without a page layout: err = %v, want one naming layouts/page.html", err)
	}
}

// TestLayoutFallback: a theme of base.html, page.html and list.html
// executes every kind: home and term pages with list.html, the others with
// page.html; a kind with a layout of its own keeps it.
func TestLayoutFallback(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/base.html": {Data: []byte(`<body>{{block "main" .}}{{end}}</body>`)},
		"layouts/page.html": {Data: []byte(`{{define "main"}}page:{{.}}{{end}}`)},
		"layouts/list.html": {Data: []byte(`{{define "main"}}list:{{.}}{{end}}`)},
		"layouts/404.html":  {Data: []byte(`{{define "main"}}missing:{{.}}{{end}}`)},
	}
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Kind]string{
		KindRoot: "page", KindHome: "list", KindList: "list", KindBlueprint: "page", KindPage: "page",
		KindTaxonomy: "page", KindTerm: "list", KindSearch: "page", KindTranslations: "page", KindNotFound: "missing",
	}
	for _, kind := range Kinds() {
		out, err := th.Execute(kind, kind.String())
		if err != nil {
			t.Errorf("Execute(%s): %v", kind, err)
			continue
		}
		if got, want := string(out), "<body>"+want[kind]+":"+kind.String()+"</body>"; got != want {
			t.Errorf("Execute(%s) = %q, want %q", kind, got, want)
		}
		file := "layouts/" + want[kind] + ".html"
		if want[kind] == "missing" {
			file = "layouts/404.html"
		}
		if got := th.Layout(kind); got != file {
			t.Errorf("Layout(%s) = %q, want %q", kind, got, file)
		}
	}
	if _, err := th.Execute(Kind("gallery"), nil); err == nil {
		t.Error(`Execute("gallery"), not a kind of page: no error`)
	}
}

// TestFallbackChains: every kind's chain of fallbacks ends at page, the
// layout every theme has, without a loop; kinds are listed once.
func TestFallbackChains(t *testing.T) {
	seen := map[Kind]bool{}
	for _, kind := range Kinds() {
		if seen[kind] {
			t.Errorf("Kinds lists %s twice", kind)
		}
		seen[kind] = true
		k := kind
		for range len(Kinds()) {
			if k == KindPage {
				break
			}
			k = k.Fallback()
		}
		if k != KindPage {
			t.Errorf("the fallbacks of %s do not reach page", kind)
		}
	}
	if KindPage.Fallback() != "" {
		t.Errorf("page falls back to %q; it ends every chain", KindPage.Fallback())
	}
}

// TestAnchors: the IDs a layout adds are read from the templates that
// executing it reaches: base.html, the kind's layout (or its fallback's)
// and the partials they include, under conditions too; not an ID made by
// an action, nor one in a partial nothing includes.
func TestAnchors(t *testing.T) {
	fsys := fstest.MapFS{
		"layouts/base.html":            {Data: []byte(`<main id="main">{{block "main" .}}{{end}}</main>`)},
		"layouts/page.html":            {Data: []byte(`{{define "main"}}<h2 id="toc">x</h2>{{end}}`)},
		"layouts/blueprint.html":       {Data: []byte(`{{define "main"}}{{if .}}<h2 class="a" id="sources">{{end}}<h2 id="lang-{{.}}"><p data-id="no">{{template "facts" .}}{{end}}`)},
		"layouts/partials/facts.html":  {Data: []byte(`{{define "facts"}}<table id='facts'>{{with .}}<p id="deep">{{end}}{{end}}`)},
		"layouts/partials/unused.html": {Data: []byte(`{{define "unused"}}<p id="unused">{{end}}`)},
	}
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for kind, want := range map[Kind]string{
		KindBlueprint: "deep facts main sources",
		KindPage:      "main toc",
		KindSearch:    "main toc", // page.html's
	} {
		if got := strings.Join(th.Anchors(kind), " "); got != want {
			t.Errorf("Anchors(%s) = %q, want %q", kind, got, want)
		}
	}
	ids := th.Anchors(KindPage)
	ids[0] = "changed"
	if th.Anchors(KindPage)[0] != "main" {
		t.Error("changing the slice Anchors returned changed the theme's")
	}
}

func TestStaticFiles(t *testing.T) {
	th, err := Load(themeFS(`x`))
	if err != nil {
		t.Fatal(err)
	}
	files, err := th.Static()
	if err != nil || len(files) != 1 || files[0].Path != "a.css" {
		t.Errorf("Static() = %v, %v", files, err)
	}
	if !IsStatic("static/a.css") || IsStatic("layouts/page.html") || IsStatic("i18n/static/x") {
		t.Error("IsStatic does not tell static/ files from the others")
	}
}

// TestThemeFiles: what a site asks a theme for is where the manual says.
func TestThemeFiles(t *testing.T) {
	fsys := themeFS(`x`)
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if th.Favicon() != nil {
		t.Error("Favicon() of a theme without favicon.ico is not nil")
	}
	if _, err := th.ServiceWorker(); err == nil || !strings.Contains(err.Error(), "serviceworker.js") {
		t.Errorf("ServiceWorker() of a theme without one: err = %v, want one naming serviceworker.js", err)
	}
	if _, err := Archetype(fsys); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Archetype() of a theme without one: err = %v, want fs.ErrNotExist", err)
	}
	fsys["favicon.ico"] = &fstest.MapFile{Data: []byte("ico")}
	fsys["serviceworker.js"] = &fstest.MapFile{Data: []byte("sw")}
	fsys["archetypes/blueprint.md"] = &fstest.MapFile{Data: []byte("bp")}
	fsys["i18n/en.json"] = &fstest.MapFile{Data: []byte("{}")}
	fsys["archetypes/i18n/en.json"] = &fstest.MapFile{Data: []byte("{}")}
	fsys["layouts/notes.txt"] = &fstest.MapFile{Data: []byte("not a layout")}
	if th, err = Load(fsys); err != nil {
		t.Fatal(err)
	}
	if sw, err := th.ServiceWorker(); string(th.Favicon()) != "ico" || string(sw) != "sw" || err != nil {
		t.Errorf("Favicon() = %q, ServiceWorker() = %q, %v", th.Favicon(), sw, err)
	}
	if src, err := Archetype(fsys); string(src) != "bp" || err != nil {
		t.Errorf("Archetype() = %q, %v", src, err)
	}
	for name, dir := range map[string]func() (fs.FS, string){"Catalogs": th.Catalogs, "ArchetypeCatalogs": func() (fs.FS, string) { return ArchetypeCatalogs(fsys) }} {
		cats, d := dir()
		if _, err := fs.Stat(cats, d+"/en.json"); err != nil {
			t.Errorf("%s() = %s, which holds no en.json: %v", name, d, err)
		}
	}
	layouts, err := Layouts(fsys)
	var names []string
	for _, f := range layouts {
		names = append(names, f.Path)
	}
	if got := strings.Join(names, " "); err != nil || !strings.Contains(got, "layouts/partials/greet.html") || strings.Contains(got, "notes.txt") {
		t.Errorf("Layouts() = %s, %v; want the .html files under layouts/", got, err)
	}
}

// TestBuiltInTheme: the built-in theme has a layout for every kind, and
// the IDs read from its blueprint layout include those a contributor
// links to ("#sources"), once listed by hand in package site.
func TestBuiltInTheme(t *testing.T) {
	th, err := Load(themes.Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range Kinds() {
		if got := th.Layout(kind); got != kind.layoutFile() {
			t.Errorf("the built-in theme executes %s pages with %s, not a layout of their own", kind, got)
		}
	}
	ids := th.Anchors(KindBlueprint)
	for _, id := range []string{"main", "facts-title", "toc-title", "outcomes", "sources", "related"} {
		if !slices.Contains(ids, id) {
			t.Errorf("Anchors(blueprint) = %v, without %q", ids, id)
		}
	}
	// translations.html writes id="lang-{{.Code}}": not known in advance.
	if ids := th.Anchors(KindTranslations); slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "lang-") }) {
		t.Errorf("Anchors(translations) = %v: an ID a template action makes", ids)
	}
}
