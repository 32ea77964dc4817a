package site

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/theme"
	"github.com/openblueprints/blueprints/themes"
)

// NewBlueprint describes the blueprint `blueprints new` starts.
type NewBlueprint struct {
	Title     string
	Type      string   // one of BlueprintTypes
	Lang      string   // a language of the site
	Countries []string // ISO 3166-1 alpha-2 codes in upper case, or "global"
	Today     time.Time
}

// BlueprintTypes are the values the schema allows for a blueprint's type,
// in its order; a test holds them to the schema.
func BlueprintTypes() []string {
	return []string{"tech-park", "innovation-hub", "incubator", "accelerator", "mentoring-programme", "fund",
		"partnership", "policy", "strategy", "roadmap", "entrepreneurial-university", "vocational-school",
		"digital-transformation-centre", "other"}
}

// CheckCountry says whether code is an ISO 3166-1 alpha-2 country code;
// the error says what to write instead.
func CheckCountry(code string) error {
	table, err := geo.Load()
	if err != nil {
		return err
	}
	if _, ok := table.Lookup(strings.ToUpper(code)); ok {
		return nil
	}
	msg := fmt.Sprintf("%q is not an ISO 3166-1 alpha-2 country code such as KE", code)
	// Codes people write that ISO gives to no one, or to someone else:
	// the European Union's for the United Kingdom and Greece.
	if iso, ok := map[string]string{"UK": "GB", "EL": "GR"}[strings.ToUpper(code)]; ok {
		msg += fmt.Sprintf("; did you mean %s?", iso)
	}
	return errors.New(msg)
}

// Scaffold writes a new blueprint from the theme's archetype (a
// text/template; see package theme), in the blueprint's language: its
// headings and hints come from the archetype's catalogs, falling back to
// the default language's.
func Scaffold(cfg Config, site *content.Site, nb NewBlueprint) ([]byte, error) {
	fsys, err := themeFS(cfg, themeInUse(cfg, site))
	if err != nil {
		return nil, err
	}
	if !slices.Contains(BlueprintTypes(), nb.Type) {
		return nil, fmt.Errorf("unknown type %q", nb.Type)
	}
	src, err := theme.Archetype(fsys)
	if errors.Is(err, fs.ErrNotExist) {
		fsys = themes.Default() // a theme of the site's own may leave archetypes out
		src, err = theme.Archetype(fsys)
	}
	if err != nil {
		return nil, err
	}
	catalogs, dir := theme.ArchetypeCatalogs(fsys)
	cat, err := i18n.LoadCatalog(catalogs, dir, site.DefaultLanguage)
	if err != nil {
		return nil, fmt.Errorf("archetype catalogs: %w", err)
	}
	loc, err := cat.Localizer(nb.Lang)
	if err != nil {
		return nil, err
	}
	tmpl, err := template.New("blueprint.md").Funcs(template.FuncMap{"yaml": yamlQuote, "join": strings.Join}).Parse(string(src))
	if err != nil {
		return nil, fmt.Errorf("archetype: %w", err)
	}
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, archetypeData{NewBlueprint: nb, loc: loc, Today: nb.Today.Format(time.DateOnly), Year: nb.Today.Year()})
	if err != nil {
		return nil, fmt.Errorf("archetype: %w", err)
	}
	return buf.Bytes(), nil
}

// archetypeData is what the archetype template sees.
type archetypeData struct {
	NewBlueprint
	Today string // YYYY-MM-DD
	Year  int
	loc   *i18n.Localizer
}

// T is a message of the archetype catalogs in the blueprint's language.
func (d archetypeData) T(id string) (string, error) { return d.loc.T(id) }

// yamlQuote quotes a string for YAML, whatever it holds: a double-quoted
// scalar, with what is not printable escaped.
func yamlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsPrint(r):
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			fmt.Fprintf(&b, `\U%08x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
