package theme

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Theme is a parsed theme.
type Theme struct {
	fsys    fs.FS
	layouts map[Kind]*template.Template // every kind's, its fallback's where it has none
	used    map[Kind]string             // the layout file each kind is executed with
	anchors map[Kind][]string           // the IDs each kind's templates add, sorted
	files   map[string]string           // template name → its file in the theme
	buffers sync.Pool                   // of *bytes.Buffer, reused across pages
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

// Load parses the layouts of the theme in fsys. Only layouts/base.html
// and layouts/page.html are required: a kind without a layout of its own
// is executed with its fallback's (see Kind.Fallback).
func Load(fsys fs.FS) (*Theme, error) {
	partials, err := fs.Glob(fsys, partialFiles)
	if err != nil {
		return nil, err
	}
	files := map[string]string{path.Base(baseFile): baseFile}
	for _, p := range partials {
		files[path.Base(p)] = p
	}
	own, err := ownLayouts(fsys)
	if err != nil {
		return nil, err
	}
	for _, kind := range own {
		files[path.Base(kind.layoutFile())] = kind.layoutFile()
	}
	base := template.New(path.Base(baseFile)).Option("missingkey=error").Funcs(template.FuncMap{
		"join": strings.Join,
	})
	if _, err := base.ParseFS(fsys, baseFile); err != nil {
		return nil, fmt.Errorf("theme: %w", locate(err, files))
	}
	if len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return nil, fmt.Errorf("theme: %w", locate(err, files))
		}
	}
	t := &Theme{fsys: fsys, layouts: map[Kind]*template.Template{}, used: map[Kind]string{}, anchors: map[Kind][]string{}, files: files}
	for _, kind := range own {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := clone.ParseFS(fsys, kind.layoutFile()); err != nil {
			return nil, fmt.Errorf("theme: layout for %q pages: %w", kind, locate(err, files))
		}
		t.layouts[kind], t.used[kind] = clone, kind.layoutFile()
		// Before any page is executed: html/template rewrites the trees
		// when it escapes them.
		t.anchors[kind] = anchors(clone)
	}
	for _, kind := range Kinds() {
		from := kind
		for t.layouts[from] == nil {
			from = from.Fallback()
		}
		t.layouts[kind], t.used[kind], t.anchors[kind] = t.layouts[from], t.used[from], t.anchors[from]
	}
	return t, nil
}

// ownLayouts lists the kinds the theme in fsys has a layout for. Without
// layouts/page.html, the end of every fallback chain, the theme is
// refused.
func ownLayouts(fsys fs.FS) ([]Kind, error) {
	var own []Kind
	for _, kind := range Kinds() {
		_, err := fs.Stat(fsys, kind.layoutFile())
		switch {
		case err == nil:
			own = append(own, kind)
		case kind == KindPage:
			return nil, fmt.Errorf("theme: no %s: every kind of page without a layout of its own is executed with it: %w", kind.layoutFile(), err)
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("theme: %w", err)
		}
	}
	return own, nil
}

// Execute renders the page of the given kind with data.
func (t *Theme) Execute(kind Kind, data any) ([]byte, error) {
	tmpl, ok := t.layouts[kind]
	if !ok {
		return nil, fmt.Errorf("theme: no layout for %q pages: not a kind of page", kind)
	}
	// A site holds every page until it is written: each page gets a slice
	// of its own size, and the buffer that grew to fit it serves the next.
	buf, _ := t.buffers.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	defer t.buffers.Put(buf)
	buf.Reset()
	if err := tmpl.ExecuteTemplate(buf, path.Base(baseFile), data); err != nil {
		return nil, locate(err, t.files)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// Layout is the file pages of the given kind are executed with:
// layouts/<kind>.html, or its fallback's when the theme has none. It is
// "" for a string that is not a kind of page.
func (t *Theme) Layout(kind Kind) string { return t.used[kind] }
