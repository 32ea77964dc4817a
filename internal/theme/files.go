package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// A theme's files, named here only: a site asks the theme for them.
const (
	baseFile          = "layouts/base.html"
	partialFiles      = "layouts/partials/*.html"
	layoutDir         = "layouts"
	staticDir         = "static"
	catalogDir        = "i18n"
	serviceWorkerFile = "serviceworker.js"
	faviconFile       = "favicon.ico"
	archetypeFile     = "archetypes/blueprint.md"
	archetypeCatalogs = "archetypes/i18n"
)

// File is a file of the theme.
type File struct {
	Path string // relative to the directory it was listed from: static/ or the theme
	Data []byte
}

// Static returns the files of the theme's static/ directory, in path
// order, with paths relative to it. A theme may have none.
func (t *Theme) Static() ([]File, error) {
	if _, err := fs.Stat(t.fsys, staticDir); errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return readTree(t.fsys, staticDir, true)
}

// IsStatic reports whether name, a slash-separated path in a theme, is
// one of its static files, which a site copies as they are: a change to
// one needs no page executed again.
func IsStatic(name string) bool { return strings.HasPrefix(name, staticDir+"/") }

// Favicon is the theme's favicon.ico, or nil when it has none (it is
// optional).
func (t *Theme) Favicon() []byte {
	data, err := fs.ReadFile(t.fsys, faviconFile)
	if err != nil {
		return nil
	}
	return data
}

// ServiceWorker is the theme's serviceworker.js, which a site that offers
// offline reading serves from its root.
func (t *Theme) ServiceWorker() ([]byte, error) {
	data, err := fs.ReadFile(t.fsys, serviceWorkerFile)
	if err != nil {
		return nil, fmt.Errorf("the theme has no %s: %w", serviceWorkerFile, err)
	}
	return data, nil
}

// Catalogs is where the UI message catalogs of the theme in fsys are:
// dir/<lang>.json in the returned file system, which is fsys, so that
// positions in them name the file in the theme ("i18n/fr.json"). It takes
// the theme's files rather than a parsed Theme: a site checks the
// catalogs of a theme whose layouts do not parse too.
func Catalogs(fsys fs.FS) (catalogs fs.FS, dir string) { return fsys, catalogDir }

// Catalogs is the package function Catalogs for this theme's files.
func (t *Theme) Catalogs() (catalogs fs.FS, dir string) { return Catalogs(t.fsys) }

// Layouts returns the layouts and partials of the theme in fsys as they
// are written, in path order with paths in the theme, for checks that
// read their text (which messages they name). Like Catalogs, it needs no
// parsed theme.
func Layouts(fsys fs.FS) ([]File, error) {
	files, err := readTree(fsys, layoutDir, false)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // Load says what is missing
	}
	return slices.DeleteFunc(files, func(f File) bool { return path.Ext(f.Path) != ".html" }), err
}

// Archetype returns the file "blueprints new" starts a blueprint from, a
// text/template. A theme may leave it out: the error is then
// fs.ErrNotExist, and the built-in theme's serves.
func Archetype(fsys fs.FS) ([]byte, error) { return fs.ReadFile(fsys, archetypeFile) }

// ArchetypeCatalogs is where the archetype's headings and hints are, in
// each language: dir/<lang>.json in the returned file system, which is
// fsys.
func ArchetypeCatalogs(fsys fs.FS) (catalogs fs.FS, dir string) { return fsys, archetypeCatalogs }

// FS is the theme's files as they are. A site reads them through the
// methods above, which know where each lives; FS is for a reader they do
// not serve.
func (t *Theme) FS() fs.FS { return t.fsys }

// readTree reads the files under dir, in path order, leaving out hidden
// ones; with relative set, their paths are relative to dir.
func readTree(fsys fs.FS, dir string, relative bool) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		if relative {
			name = strings.TrimPrefix(name, dir+"/")
		}
		files = append(files, File{Path: name, Data: data})
		return nil
	})
	return files, err
}
