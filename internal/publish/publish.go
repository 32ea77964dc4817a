// Package publish writes a built site to disk: every file minified by its
// media type, written into a fresh directory beside the target through
// os.Root (so no path can escape it), then swapped in for the old one. A
// build that fails before the swap leaves the previous site untouched, and
// files that are no longer part of the site cannot survive.
//
// It is the only package that imports tdewolff/minify.
package publish

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Minifier minifies files by their extension.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a minifier for HTML, CSS, JS, SVG, XML and JSON.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("text/javascript", js.Minify)
	m.AddFunc("application/ld+json", json.Minify)
	m.AddFunc("application/json", json.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFunc("application/xml", xml.Minify)
	return &Minifier{m: m}
}

func mediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "text/javascript"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".xml":
		return "application/xml"
	}
	return ""
}

// Minify returns data minified for the file's media type, or data itself
// for other files.
func (mf *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt := mediaType(name)
	if mt == "" {
		return data, nil
	}
	var buf bytes.Buffer
	if err := mf.m.Minify(mt, &buf, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// Write replaces the directory dir with files (slash-separated path →
// contents), minified. dir's parent must exist.
func Write(dir string, files map[string][]byte, paths []string) error {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return err
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeTree(tmp, files, paths); err != nil {
		return err
	}
	if err := Replace(dir, tmp); err != nil {
		return err
	}
	ok = true
	return nil
}

func writeTree(dir string, files map[string][]byte, paths []string) error {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer root.Close()
	mf := NewMinifier()
	for _, name := range paths {
		if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, `\`) {
			return fmt.Errorf("refusing to write %q: not a local path", name)
		}
		data, err := mf.Minify(name, files[name])
		if err != nil {
			return err
		}
		if d := path.Dir(name); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return err
			}
		}
		if err := root.WriteFile(name, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Replace puts the freshly written directory tmp in place of dir. POSIX has
// no atomic exchange of two directories, so the old one is moved aside
// first; the window in which dir is missing is two renames long.
func Replace(dir, tmp string) error {
	old := ""
	if _, err := os.Lstat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("move old %s aside: %w", dir, err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return fmt.Errorf("put new %s in place: %w", dir, err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
