// Package theme executes a site's templates. It is the template author's
// manual.
//
// A theme is a directory with three parts:
//
//	layouts/base.html     the page shell; defines the blocks below
//	layouts/partials/*.html shared fragments, included with {{template "name" .}}
//	layouts/<kind>.html    one per page kind: root, home, list, blueprint,
//	                       page, taxonomy, term, search, translations, 404;
//	                       each defines "main"
//	                       (and may redefine "head")
//	static/                files copied to the site's /static/ as they are
//	i18n/<lang>.json       UI messages, go-i18n v2 JSON; see package i18n
//	serviceworker.js       served as /sw.js when site.yaml sets offline_reading
//	favicon.ico            served as /favicon.ico (optional)
//	archetypes/blueprint.md the file "blueprints new" starts from: a
//	                       text/template with .Title, .Type, .Countries,
//	                       .Today, .Year, .T "id" and the functions yaml
//	                       (a quoted YAML string) and join
//	archetypes/i18n/<lang>.json its headings and hints in each language
//
// A site's own themes/default/ (or the directory site.yaml names) is used
// instead of the theme embedded in the binary, and "blueprints check"
// checks it: a template error is reported once, at its file:line:col, with
// the number of pages it breaks; the catalogs get the checks of package
// i18n.
//
// Templates are html/template, so everything is escaped for its context;
// a theme never needs (and must not use) a way around that for text a
// contributor typed. Executing a template with a missing map key, or
// calling .T with an unknown message, is an error that fails the build.
//
// The data passed to every template is a *site.View; its fields and methods
// are documented there. The ones a template uses most:
//
//	.Page            the page being rendered (.Title, .Summary, .Body, .Kind …)
//	.Site            site title, description, languages
//	.Lang            the page's language (.Code, .Name, .Direction)
//	.T "id" [count]  a UI message, plural-aware when a count is given
//	.URL "dir/"      a URL relative to the current page, for any site path
//	.Static "f.css"  the URL of a file in the theme's static/ directory
//	.Label TERM      a taxonomy term in the page's language (for cards of
//	                 pages in another language)
//	.List LIST       strings joined the language's way ("a، b" in Arabic)
//	.Translation     how a translated page was made, for its reader
//	.Languages       the language switcher's links, on every page
//
// Every page exists in every language. A page not translated into the
// page's language is a fallback page: .Page.Original is the page whose
// text it shows, and .TextLanguage that text's language (zero on other
// pages), which the default theme's "textlang" partial writes as lang and
// dir attributes on the title, summary and body; .FallbackNotice says so
// to the reader. .Page.Translations includes fallback pages (.Languages
// marks them untranslated); .Page.Translated only real translations (for
// "also available in"); .Page.TextLang is a page's text language, for
// cards and menus.
//
// Template functions, beyond html/template's built-ins:
//
//	join LIST SEP    strings.Join
package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Kinds lists the page kinds; each needs layouts/<kind>.html.
func Kinds() []string {
	return []string{"root", "home", "list", "blueprint", "page", "taxonomy", "term", "search", "translations", "404"}
}

// Theme is a parsed theme.
type Theme struct {
	fsys    fs.FS
	layouts map[string]*template.Template
	files   map[string]string // template name → its file in the theme
	buffers sync.Pool         // of *bytes.Buffer, reused across pages
}

// Error is a template error at its place in a theme file, so that it can
// be reported once, at file:line:col, however many pages it broke.
type Error struct {
	File      string // slash-separated path in the theme: "layouts/base.html"
	Line, Col int    // 0 when the template package gave none
	Msg       string // what is wrong, without the position
}

func (e *Error) Error() string {
	switch {
	case e.Line == 0:
		return e.File + ": " + e.Msg
	case e.Col == 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// templateErrRE reads the position text/template and html/template put in
// their messages: "template: base.html:59:12: executing ... at <.T>: ..."
// or "html/template:base.html:12:3: ...".
var templateErrRE = regexp.MustCompile(`^(?:html/)?template: ?([^:\s]+):(\d+)(?::(\d+))?: (?:executing "[^"]*" at <[^>]*>: )?(.*)$`)

// locate turns a template package error into an *Error naming the file;
// an error it cannot read is returned as it is.
func locate(err error, files map[string]string) error {
	m := templateErrRE.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	file, ok := files[m[1]]
	if !ok {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	return &Error{File: file, Line: line, Col: col, Msg: m[4]}
}

// Load parses every layout of the theme in fsys.
func Load(fsys fs.FS) (*Theme, error) {
	partials, err := fs.Glob(fsys, "layouts/partials/*.html")
	if err != nil {
		return nil, err
	}
	files := map[string]string{"base.html": "layouts/base.html"}
	for _, p := range partials {
		files[path.Base(p)] = p
	}
	for _, kind := range Kinds() {
		files[kind+".html"] = "layouts/" + kind + ".html"
	}
	base := template.New("base.html").Option("missingkey=error").Funcs(template.FuncMap{
		"join": strings.Join,
	})
	if _, err := base.ParseFS(fsys, "layouts/base.html"); err != nil {
		return nil, fmt.Errorf("theme: %w", locate(err, files))
	}
	if len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return nil, fmt.Errorf("theme: %w", locate(err, files))
		}
	}
	t := &Theme{fsys: fsys, layouts: map[string]*template.Template{}, files: files}
	for _, kind := range Kinds() {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(fsys, "layouts/"+kind+".html"); err != nil {
			return nil, fmt.Errorf("theme: layout for %q pages: %w", kind, locate(err, files))
		}
		t.layouts[kind] = clone
	}
	return t, nil
}

// Execute renders the page of the given kind with data.
func (t *Theme) Execute(kind string, data any) ([]byte, error) {
	tmpl, ok := t.layouts[kind]
	if !ok {
		return nil, fmt.Errorf("theme: no layout for %q pages", kind)
	}
	// A site holds every page until it is written: each page gets a slice
	// of its own size, and the buffer that grew to fit it serves the next.
	buf, _ := t.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer t.buffers.Put(buf)
	buf.Reset()
	if err := tmpl.ExecuteTemplate(buf, "base.html", data); err != nil {
		return nil, locate(err, t.files)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// File is a static file of the theme.
type File struct {
	Path string // relative to static/
	Data []byte
}

// Static returns the files of the theme's static/ directory, in path order.
func (t *Theme) Static() ([]File, error) {
	var files []File
	err := fs.WalkDir(t.fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(t.fsys, name)
		if err != nil {
			return err
		}
		files = append(files, File{Path: strings.TrimPrefix(name, "static/"), Data: data})
		return nil
	})
	return files, err
}

// FS is the theme's files, for the ones the site publishes from its root
// (favicon.ico, serviceworker.js).
func (t *Theme) FS() fs.FS { return t.fsys }
