// Package publish writes a built site to disk: every file minified by its
// media type, written into a fresh directory beside the target through
// os.Root (so no path can escape it), then swapped in for the old one. A
// build that fails before the swap leaves the previous site untouched, and
// files that are no longer part of the site cannot survive.
//
// It is the only package that imports tdewolff/minify.
package publish

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

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

// mediaType is the media type to minify a file as, or "" to leave it as
// it is: files named .min.js or .min.css say they are minified already.
func mediaType(name string) string {
	lower := strings.ToLower(name)
	if strings.HasSuffix(lower, ".min.js") || strings.HasSuffix(lower, ".min.css") {
		return ""
	}
	switch path.Ext(lower) {
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
// for other files, and for markup on which minifying would be slow.
func (mf *Minifier) Minify(name string, data []byte) ([]byte, error) {
	mt := mediaType(name)
	if mt == "" {
		return data, nil
	}
	if isMarkup(mt) && entityWork(data) > maxEntityWork {
		return data, nil
	}
	// Minified output is hardly ever longer than its input: room for that
	// once, rather than doublings whose spare capacity stays with the
	// result (serve keeps every minified page: at 10k pages they held
	// 1.46 GB before, 1.32 GB now).
	var buf bytes.Buffer
	buf.Grow(len(data))
	if err := mf.m.Minify(mt, &buf, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// maxEntityWork bounds entityWork for a file to be minified: about a tenth
// of a second of moving bytes, far above any page a person writes (a
// 400 KB page of ordinary text needs under a million) and far below the
// minutes a page of 400,000 quotes would take.
const maxEntityWork = 1 << 30

func isMarkup(mediaType string) bool {
	return mediaType == "text/html" || mediaType == "application/xml" || mediaType == "image/svg+xml"
}

// entityWork is an upper bound on the bytes the minifier moves when it
// shortens character references. It shortens each reference in place and
// moves the rest of its text or attribute value up to close the gap, so
// a run of n references (a paragraph of 400,000 quotes, each written
// &quot;) costs n times the length of the run: minutes, for a page under
// the size cap. Text and attribute values never hold a raw "<" in markup
// this program writes, so the bound is, for each stretch between two "<",
// its references times its length.
//
// A page over the bound is written as it is, unminified: still the same
// HTML, a little larger, and written in linear time.
func entityWork(data []byte) int {
	work, refs, start := 0, 0, 0
	for i, c := range data {
		switch c {
		case '<':
			work += refs * (i - start)
			refs, start = 0, i
		case '&':
			refs++
		}
	}
	return work + refs*(len(data)-start)
}

// Write replaces the directory dir with files (slash-separated path →
// contents), minified, on every core.
func Write(dir string, files map[string][]byte, paths []string) error {
	st, err := Create(dir)
	if err != nil {
		return err
	}
	defer st.Abort()
	for _, name := range paths {
		if err := st.Send(name, files[name]); err != nil {
			return err
		}
	}
	return st.Commit()
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

// WriteZip packs files, minified, into the zip archive name, under the
// folder root so that unpacking makes one directory. Entries carry a fixed
// time so the same site makes the same archive.
func WriteZip(name, root string, files map[string][]byte, paths []string) error {
	mf := NewMinifier()
	return writeZipFile(name, func(zw *zip.Writer, stamp time.Time) error {
		for _, p := range paths {
			if !filepath.IsLocal(filepath.FromSlash(p)) {
				return fmt.Errorf("refusing to pack %q: not a local path", p)
			}
			data, err := mf.Minify(p, files[p])
			if err != nil {
				return err
			}
			w, err := zw.CreateHeader(&zip.FileHeader{Name: path.Join(root, p), Method: zip.Deflate, Modified: stamp})
			if err != nil {
				return err
			}
			if _, err := w.Write(data); err != nil {
				return err
			}
		}
		return nil
	})
}

// writeZipFile writes the archive that fill makes beside its final name
// and renames it into place, so that a failed pack leaves the old one.
// fill stamps every entry with stamp.
func writeZipFile(name string, fill func(zw *zip.Writer, stamp time.Time) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".new-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename there is nothing to remove
	zw := zip.NewWriter(tmp)
	if err := fill(zw, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		tmp.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
