package site

import (
	"slices"

	"github.com/openblueprints/blueprints/internal/worldmap"
)

// Label is what the reader sees for a term, in the page's language. A card
// of an untranslated page on a French list describes the page in French,
// though the page itself is in English.
func (v *View) Label(t *Term) (string, error) {
	if t == nil {
		return "", nil
	}
	return v.m.termLabel(v.loc, t.Taxonomy, t.Key)
}

// List joins items with the page language's list separator: "a, b" in
// English, "a، b" in Arabic, "a、b" in Chinese.
func (v *View) List(items []string) (string, error) { return v.loc.List(items) }

// TermList is List over the labels of terms.
func (v *View) TermList(terms []*Term) (string, error) {
	labels := make([]string, 0, len(terms))
	for _, t := range terms {
		label, err := v.Label(t)
		if err != nil {
			return "", err
		}
		labels = append(labels, label)
	}
	return v.loc.List(labels)
}

// TranslationNote is what a translated page tells its reader about how it
// was translated: the frontmatter's translation block, and the page it was
// translated from.
type TranslationNote struct {
	Method      string // "machine", "post-edited", "human"
	Translators string // joined with the language's list separator; "" if none are named
	Date        string // the translation date, written the page language's way; "" if none
	Original    *Page  // the page in the default language; nil if it has none
}

// Translation returns the note for a translated document, or nil for an
// original or a translation that does not say how it was made.
func (v *View) Translation() (*TranslationNote, error) {
	doc := v.Page.doc
	if doc == nil || v.Page.Lang == v.Site.DefaultLanguage || v.Page.Original != nil {
		return nil, nil // an original, or a fallback page: not translated
	}
	tr := doc.Meta.Translation
	if doc.Blueprint != nil {
		tr = doc.Blueprint.Translation
	}
	if tr == nil || tr.Method == "" {
		return nil, nil
	}
	names, err := v.loc.List(tr.Translators)
	if err != nil {
		return nil, err
	}
	n := &TranslationNote{Method: tr.Method, Translators: names}
	if n.Method == "machine-post-edited" { // the schema's name for it
		n.Method = "post-edited"
	}
	if tr.Translated != "" {
		if n.Date, err = v.Date(tr.Translated); err != nil {
			return nil, err
		}
	}
	for _, t := range v.Page.Translations {
		if t.Lang == v.Site.DefaultLanguage {
			n.Original = t
		}
	}
	return n, nil
}

// LanguageLink is one entry of the language switcher.
type LanguageLink struct {
	Lang    string // language code
	Name    string // its native name
	Dir     string // where the link goes
	Current bool   // the page's own language
	// Translated is false when the page is not translated into this
	// language: the link goes to its fallback page there (the original's
	// text in that language's site), or to that language's home page.
	Translated bool
}

// Languages lists every language of the site that has content, in site
// order, for the language switcher. A page not translated into a language
// links to its fallback page there, or, if it has none (a page written in
// one language only), to that language's home page, so the switcher is
// never missing.
func (v *View) Languages() []LanguageLink {
	var links []LanguageLink
	for _, home := range v.m.homes {
		l := LanguageLink{Lang: home.Lang, Name: v.LanguageName(home.Lang)}
		switch i := slices.IndexFunc(v.Page.Translations, func(t *Page) bool { return t.Lang == home.Lang }); {
		case home.Lang == v.Page.Lang:
			l.Dir, l.Current, l.Translated = v.Page.Dir, true, v.Page.Original == nil
		case i >= 0:
			l.Dir, l.Translated = v.Page.Translations[i].Dir, v.Page.Translations[i].Original == nil
		default:
			l.Dir = home.Dir
		}
		links = append(links, l)
	}
	if len(links) < 2 {
		return nil
	}
	return links
}

// Format is a UI message with one {{.Name}} placeholder filled.
func (v *View) Format(id, name string, value any) (string, error) {
	return v.loc.Format(id, map[string]any{name: value})
}

// TranslationsDashboard is the directory of the translation status page,
// or "" when the site has none (its default language has no content).
func (v *View) TranslationsDashboard() string {
	dir := v.Site.DefaultLanguage + "/translations/"
	if v.m.byDir[dir] == nil {
		return ""
	}
	return dir
}

// LegendStep is one colour of the map's legend.
type LegendStep struct {
	Class string // the class the map's countries of this step have
	Text  string // "1", "2–3", "7+", in the page language's digits
}

// MapLegend lists the colours of the map with the counts they stand for.
func (v *View) MapLegend() []LegendStep {
	var steps []LegendStep
	for _, s := range worldmap.Shades() {
		text := v.loc.Number(float64(s.Min))
		switch {
		case s.Max == 0:
			text += "+"
		case s.Max != s.Min:
			text += "–" + v.loc.Number(float64(s.Max))
		}
		steps = append(steps, LegendStep{Class: s.Class, Text: text})
	}
	return steps
}

// LanguageReport is one language's part of the translation dashboard.
type LanguageReport struct {
	Code, Name string
	Counts     map[string]int // state → pages
	Stale      []ReportItem   // pages with work to do, by path
}

// ReportItem is a page with work to do, with links for the dashboard.
type ReportItem struct {
	TranslationState
	SourceDir, TranslationDir string // "" when there is no such page
}

// TranslationReport groups the translation states by language.
func (v *View) TranslationReport() []LanguageReport {
	var out []LanguageReport
	for _, l := range v.Site.Languages {
		if l.Code == v.Site.DefaultLanguage {
			continue
		}
		r := LanguageReport{Code: l.Code, Name: l.Name, Counts: map[string]int{}}
		for _, st := range v.m.translations {
			if st.Lang != l.Code {
				continue
			}
			r.Counts[st.State]++
			if st.Stale() {
				item := ReportItem{TranslationState: st}
				if st.Source != "" {
					item.SourceDir = pageDir(v.Site.DefaultLanguage, st.Key)
				}
				if st.File != "" {
					item.TranslationDir = pageDir(l.Code, st.Key)
				}
				r.Stale = append(r.Stale, item)
			}
		}
		out = append(out, r)
	}
	return out
}
