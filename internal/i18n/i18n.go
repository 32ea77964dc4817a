// Package i18n holds what changes with the reader's language: the theme's
// message catalogs (with CLDR plural rules, through go-i18n), country and
// language names from CLDR (golang.org/x/text/language/display) and
// language-aware ordering (golang.org/x/text/collate).
//
// Catalogs are go-i18n v2 JSON files named by language, e.g. i18n/fr.json
// in a theme; the default language's entries carry a description for
// translators (and for platforms such as Weblate that show it):
//
//	{
//	  "search": {"description": "Search button and page title.", "other": "Search"},
//	  "blueprint_count": {"description": "…", "one": "{{.Count}} blueprint", "other": "{{.Count}} blueprints"}
//	}
//
// CheckCatalogs holds the other languages to the default one: the same
// placeholders, the plural forms CLDR gives each language, no missing or
// left-over keys.
//
// A message missing from a language falls back to the default language; a
// message missing everywhere is an error, so a typo in a template fails the
// build instead of printing an empty string.
package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Catalog is the set of UI messages of a theme, in every language it has.
type Catalog struct {
	bundle      *goi18n.Bundle
	defaultLang string
	languages   []string // languages that have a catalog file
}

// LoadCatalog reads every dir/<lang>.json of fsys.
func LoadCatalog(fsys fs.FS, dir, defaultLang string) (*Catalog, error) {
	tag, err := language.Parse(defaultLang)
	if err != nil {
		return nil, fmt.Errorf("default language %q: %w", defaultLang, err)
	}
	c := &Catalog{bundle: goi18n.NewBundle(tag), defaultLang: defaultLang}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if e.IsDir() || path.Ext(e.Name()) != ".json" {
			continue
		}
		name := path.Join(dir, e.Name())
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		if _, err := c.bundle.ParseMessageFileBytes(data, e.Name()); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		c.languages = append(c.languages, strings.TrimSuffix(e.Name(), ".json"))
	}
	if !slices.Contains(c.languages, defaultLang) {
		return nil, fmt.Errorf("%s: no catalog for the default language %q", dir, defaultLang)
	}
	return c, nil
}

// Localizer answers in one language.
type Localizer struct {
	lang     string
	tag      language.Tag
	numbers  language.Tag // tag with Latin digits, for number formats
	messages *goi18n.Localizer
	regions  display.Namer
	langs    display.Namer
}

// Localizer returns the localizer for lang.
func (c *Catalog) Localizer(lang string) (*Localizer, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", lang, err)
	}
	regions, langs := display.Regions(tag), display.Languages(tag)
	if regions == nil || langs == nil {
		// "und", "mul" and the like: CLDR has no names in them, and a nil
		// Namer would crash the first country name asked for.
		return nil, fmt.Errorf("language %q: CLDR has no country and language names in it", lang)
	}
	// Numbers keep the language's separators and signs but use Latin
	// digits, as the site's years, dates and the content's own text do;
	// Arabic numbers in Arabic-Indic digits beside years in Latin ones
	// would mix two scripts in one table row.
	numbers, err := tag.SetTypeForKey("nu", "latn")
	if err != nil {
		return nil, fmt.Errorf("language %q: %w", lang, err)
	}
	return &Localizer{
		lang:     lang,
		tag:      tag,
		numbers:  numbers,
		messages: goi18n.NewLocalizer(c.bundle, lang, c.defaultLang),
		regions:  regions,
		langs:    langs,
	}, nil
}

// Lang is the language code this localizer answers in.
func (l *Localizer) Lang() string { return l.lang }

// T returns the message id. An optional count selects the plural form
// and fills {{.Count}}.
func (l *Localizer) T(id string, count ...int) (string, error) {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(count) > 0 {
		cfg.PluralCount = count[0]
		cfg.TemplateData = map[string]any{"Count": count[0]}
	}
	return l.localize(cfg)
}

// localize returns the message, falling back to the default language. go-i18n
// returns the fallback text together with a not-found error; only a message
// that exists nowhere is an error here.
func (l *Localizer) localize(cfg *goi18n.LocalizeConfig) (string, error) {
	s, err := l.messages.Localize(cfg)
	var notFound *goi18n.MessageNotFoundErr
	if err != nil && !(errors.As(err, &notFound) && s != "") {
		return "", fmt.Errorf("message %q (%s): %w", cfg.MessageID, l.lang, err)
	}
	return s, nil
}

// Format returns the message id with its {{.Name}} placeholders filled
// from data.
func (l *Localizer) Format(id string, data map[string]any) (string, error) {
	return l.localize(&goi18n.LocalizeConfig{MessageID: id, TemplateData: data})
}

// Country is the CLDR name of an ISO 3166-1 country code in this language.
func (l *Localizer) Country(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := l.regions.Name(r); name != "" {
		return name
	}
	return code
}

// LanguageName is the CLDR name of a language code in this language.
func (l *Localizer) LanguageName(code string) string {
	t, err := language.Parse(code)
	if err != nil {
		return code
	}
	if name := l.langs.Name(t); name != "" {
		return name
	}
	return code
}

// SortFunc sorts items by the string key returns, in this language's
// alphabetical order (so "Égypte" sorts with "E" in French).
func SortFunc[T any](l *Localizer, items []T, key func(T) string) {
	c := collate.New(l.tag) // a Collator is not safe for concurrent use
	slices.SortStableFunc(items, func(a, b T) int {
		return c.CompareString(key(a), key(b))
	})
}
