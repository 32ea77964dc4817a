package site

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/theme"
	"github.com/openblueprints/blueprints/themes"
)

// look is the theme a site is built with, loaded: its templates and
// files, the directory it was read from, its message catalogs as one
// localizer per site language, and the country table the labels use.
type look struct {
	theme *theme.Theme
	// name is the directory under themes/ the theme was read from, "" for
	// the embedded one.
	name string
	locs map[string]*i18n.Localizer
	geo  *geo.Table
	// parsers parse a document for the kind of page it becomes, so that
	// no heading takes an ID that kind's layout writes (theme.Anchors).
	parsers parsers
}

// themeInUse names the directory under themes/ that the site is built
// with: the one site.yaml names, else themes/default/ when the site has one
// (a copy on disk is there to be edited, so it wins over the embedded
// theme), else "" for the theme embedded in the binary.
func themeInUse(cfg Config, site *content.Site) string {
	if site.Theme != "" {
		return site.Theme
	}
	if cfg.Themes != nil {
		if fi, err := fs.Stat(cfg.Themes, "default"); err == nil && fi.IsDir() {
			return "default"
		}
	}
	return ""
}

// themeMaxFileSize caps one theme file: the largest image content may
// hold, as a theme ships images too.
const themeMaxFileSize = 4 << 20

// themeFS is the files of the theme named name ("" for the embedded one).
func themeFS(cfg Config, name string) (fs.FS, error) {
	if name == "" {
		return themes.Default(), nil
	}
	if cfg.Themes == nil {
		return nil, fmt.Errorf("site.yaml: theme %q: the site has no themes/ directory", name)
	}
	if fi, err := fs.Lstat(cfg.Themes, name); err != nil {
		return nil, fmt.Errorf("site.yaml: theme %q: %w", name, err)
	} else if fi.Mode()&fs.ModeSymlink != 0 || !fi.IsDir() {
		return nil, fmt.Errorf("site.yaml: theme %q: themes/%s must be a directory, not a symbolic link or a file", name, name)
	}
	sub, err := fs.Sub(cfg.Themes, name)
	if err != nil {
		return nil, fmt.Errorf("site.yaml: theme %q: %w", name, err)
	}
	// A theme is trusted code, but it is read with the checks content
	// gets, so a link or a stray huge file fails with a clear error.
	if errs := content.CheckTree(sub, themeMaxFileSize); len(errs) > 0 {
		for i := range errs {
			errs[i] = fmt.Errorf("themes/%s/%w", name, errs[i])
		}
		return nil, errors.Join(errs...)
	}
	return sub, nil
}

// loadTheme is the theme stage: it reads the theme the site uses, checks
// its message catalogs and prepares a localizer for every language. It
// returns nil, with the errors, if the theme cannot be used.
func loadTheme(cfg Config, site *content.Site) (*look, diag.List) {
	l := &look{name: themeInUse(cfg, site)}
	fsys, err := themeFS(cfg, l.name)
	if err != nil {
		return nil, themeError(l.name, err)
	}
	diags := checkCatalogs(fsys, l.name, site.DefaultLanguage)
	if err := l.load(fsys, site, diags.Errors() > 0); err != nil {
		diags.Append(themeError(l.name, err))
		return nil, diags
	}
	return l, diags
}

// load reads the templates, catalogs and country table of a theme whose
// files are fsys. reported says the catalogs' errors are reported already.
func (l *look) load(fsys fs.FS, site *content.Site, reported bool) error {
	t, err := theme.Load(fsys)
	if err != nil {
		return err
	}
	catalogs, dir := t.Catalogs()
	cat, err := i18n.LoadCatalog(catalogs, dir, site.DefaultLanguage)
	if err != nil {
		if reported {
			return errCatalogsReported // already said, at file:line:col
		}
		return fmt.Errorf("theme catalogs: %w", err)
	}
	if l.geo, err = geo.Load(); err != nil {
		return err
	}
	l.theme, l.locs, l.parsers = t, map[string]*i18n.Localizer{}, newParsers(t)
	for _, lang := range site.Languages {
		if l.locs[lang.Code], err = cat.Localizer(lang.Code); err != nil {
			return err
		}
	}
	return nil
}

// errCatalogsReported stops a build whose catalogs have errors that
// checkCatalogs reported.
var errCatalogsReported = errors.New("the theme's message catalogs have errors")

// themeError reports an error of the theme read from themes/name/, at its
// file and line when the template package gave them.
func themeError(name string, err error) diag.List {
	var diags diag.List
	var te *theme.Error
	switch {
	case errors.Is(err, errCatalogsReported):
	case !errors.As(err, &te):
		diags.Errorf(diag.Pos{}, "%v", err)
	default:
		pos, where := themePos(name, te)
		diags.Errorf(pos, "template error%s: %s", where, te.Msg)
	}
	return diags
}

// themePos is the position of an error of the theme read from
// themes/name/: the file under the site's themes/ directory, or (for the
// theme embedded in the binary, which a contributor cannot edit) no file,
// and its place said in words.
func themePos(name string, te *theme.Error) (diag.Pos, string) {
	if name == "" {
		return diag.Pos{}, fmt.Sprintf(" in the built-in theme's %s:%d:%d", te.File, te.Line, te.Col)
	}
	// Diagnostics name files relative to the content directory.
	return diag.Pos{File: "../themes/" + name + "/" + te.File, Line: te.Line, Col: te.Col}, ""
}
