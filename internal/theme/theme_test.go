package theme

import (
	"strings"
	"testing"
	"testing/fstest"
)

func themeFS(main string) fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/base.html":           {Data: []byte(`<title>{{.Title}}</title>{{block "main" .}}{{end}}`)},
		"layouts/partials/greet.html": {Data: []byte(`{{define "greet"}}hi {{.Name}}{{end}}`)},
		"static/a.css":                {Data: []byte("a{}")},
	}
	for _, kind := range Kinds() {
		fsys["layouts/"+kind+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}` + main + `{{end}}`)}
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

func TestMissingLayoutIsAnError(t *testing.T) {
	fsys := themeFS(`x`)
	delete(fsys, "layouts/term.html")
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "term") {
		t.Errorf("Load without a term layout: err = %v, want one naming it", err)
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
}
