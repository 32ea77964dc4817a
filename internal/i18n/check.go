package i18n

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"text/template"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/openblueprints/blueprints/internal/diag"
)

// The checks below are what a translator's mistake in a catalog would
// otherwise show readers: "<no value>" where a placeholder was misspelt, a
// number dropped from a sentence, an English phrase in an Arabic page, an
// error when a count needs a plural form the catalog lacks. They run in
// "blueprints check", with the catalog file and the line of the entry.

// pluralForms are go-i18n's (CLDR's) plural categories, in CLDR's order.
func pluralForms() []string { return []string{"zero", "one", "two", "few", "many", "other"} }

// entry is one message of a catalog file, as written.
type entry struct {
	key         string
	pos         diag.Pos
	description string
	forms       map[string]string // "other" alone for a message without plurals
	plural      bool              // written with plural forms
}

// catalogFile is one decoded catalog, its entries in file order.
type catalogFile struct {
	file    string
	entries []*entry
	byKey   map[string]*entry
}

// CheckCatalogs checks the catalogs dir/<lang>.json of a theme against the
// default language's: every entry described for translators, every key
// used, no key missing or left over, placeholders as in the default
// language, and the plural forms each language needs by CLDR. used reports
// whether the theme or the site's code uses a message. Positions name
// files relative to fsys.
func CheckCatalogs(fsys fs.FS, dir, defaultLang string, used func(key string) bool) diag.List {
	var diags diag.List
	names, err := fs.Glob(fsys, path.Join(dir, "*.json"))
	if err != nil || len(names) == 0 {
		diags.Errorf(diag.Pos{File: dir}, "no message catalogs (%s/<language>.json)", dir)
		return diags
	}
	cats := map[string]*catalogFile{}
	for _, name := range names {
		if c := readCatalog(fsys, name, &diags); c != nil {
			cats[strings.TrimSuffix(path.Base(name), ".json")] = c
		}
	}
	def := cats[defaultLang]
	if def == nil {
		if diags.Errors() == 0 {
			diags.Errorf(diag.Pos{File: dir}, "no catalog for the default language: add %s/%s.json", dir, defaultLang)
		}
		return diags
	}
	for _, e := range def.entries {
		if e.description == "" {
			diags.Warnf(e.pos, "%q has no description for translators; add \"description\": where the text appears and what it says", e.key)
		}
		if !used(e.key) {
			diags.Warnf(e.pos, "%q is used by no template and not by the site; remove it from every catalog", e.key)
		}
		checkTemplates(e, &diags)
	}
	for lang, c := range cats {
		if lang == defaultLang {
			continue
		}
		checkTranslation(lang, c, def, &diags)
	}
	return diags
}

// checkTranslation compares one language's catalog with the default's.
func checkTranslation(lang string, c, def *catalogFile, diags *diag.List) {
	forms, err := PluralForms(lang)
	if err != nil {
		diags.Errorf(diag.Pos{File: c.file}, "%s is not a language code: %v", lang, err)
		return
	}
	var missing []string
	for _, src := range def.entries {
		if c.byKey[src.key] == nil {
			missing = append(missing, src.key)
		}
	}
	if len(missing) > 0 {
		diags.Warnf(diag.Pos{File: c.file}, "%d messages not translated yet, so readers see them in %s: %s", len(missing), englishName(def), strings.Join(quoteAll(missing), ", "))
	}
	for _, e := range c.entries {
		src := def.byKey[e.key]
		if src == nil {
			diags.Warnf(e.pos, "%q is not in %s, so nothing shows it; remove it, or add it there first", e.key, path.Base(def.file))
			continue
		}
		checkTemplates(e, diags)
		checkPlaceholders(lang, e, src, forms, diags)
		if src.plural {
			checkForms(lang, e, forms, diags)
		}
	}
}

func englishName(def *catalogFile) string {
	lang := strings.TrimSuffix(path.Base(def.file), ".json")
	if t, err := language.Parse(lang); err == nil {
		if n := display.English.Languages().Name(t); n != "" {
			return n
		}
	}
	return lang
}

func quoteAll(keys []string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%q", k)
	}
	return out
}

// checkTemplates reports a message whose {{…}} does not parse: go-i18n
// would fail on it for every page that shows it.
func checkTemplates(e *entry, diags *diag.List) {
	for _, form := range pluralForms() {
		text, ok := e.forms[form]
		if !ok || !strings.Contains(text, "{{") {
			continue
		}
		if _, err := template.New("").Parse(text); err != nil {
			msg := err.Error()
			if i := strings.LastIndex(msg, ": "); i >= 0 {
				msg = msg[i+2:]
			}
			diags.Errorf(e.pos, "%q (%s): %s; placeholders are written {{.Name}}", e.key, form, msg)
		}
	}
}

var placeholderRE = regexp.MustCompile(`{{\s*\.(\w+)\s*}}`)

func placeholders(text string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	return out
}

// checkPlaceholders compares a translation's {{.Name}}s with the source's:
// one the source does not fill prints "<no value>"; one left out drops
// a name or number from the sentence. A form may leave out {{.Count}} when
// it covers one number only (Arabic "two", English "one").
func checkPlaceholders(lang string, e, src *entry, forms map[string][]string, diags *diag.List) {
	var given []string
	for _, text := range src.forms {
		for _, p := range placeholders(text) {
			if !slices.Contains(given, p) {
				given = append(given, p)
			}
		}
	}
	slices.Sort(given)
	// The search client fills %d itself, in order.
	verbs := strings.Count(src.forms["other"], "%d")
	for _, form := range pluralForms() {
		text, ok := e.forms[form]
		if !ok {
			continue
		}
		if _, err := template.New("").Parse(text); err != nil {
			continue // checkTemplates says what is wrong with it
		}
		if n := strings.Count(text, "%d"); n != verbs && !e.plural {
			diags.Errorf(e.pos, "%q has %d × %%d where the English message has %d; keep each %%d, where its number belongs in the sentence", e.key, n, verbs)
		}
		have := placeholders(text)
		for _, p := range have {
			if !slices.Contains(given, p) {
				fix := "remove it, or write what it stood for"
				if len(given) > 0 {
					fix = "use only " + placeholderList(given)
				}
				diags.Errorf(e.pos, "%q (%s) uses {{.%s}}, which the English message does not give, so readers would see <no value>; %s", e.key, form, p, fix)
			}
		}
		for _, p := range given {
			if slices.Contains(have, p) {
				continue
			}
			if p == "Count" && e.plural && len(forms[form]) == 1 {
				continue // this form stands for one number, which it may spell out
			}
			diags.Errorf(e.pos, "%q (%s) leaves out {{.%s}}, so the sentence would lose it; put {{.%s}} where it belongs in the sentence", e.key, form, p, p)
		}
	}
}

func placeholderList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = "{{." + n + "}}"
	}
	return strings.Join(out, ", ")
}

// checkForms reports plural forms the language needs and the entry lacks
// (an error: go-i18n fails for those counts), and forms it never uses.
func checkForms(lang string, e *entry, forms map[string][]string, diags *diag.List) {
	var lacking []string
	for _, form := range pluralForms() {
		if _, needed := forms[form]; needed {
			if _, ok := e.forms[form]; !ok {
				lacking = append(lacking, fmt.Sprintf("%s (as for %s)", form, strings.Join(forms[form], ", ")))
			}
		} else if _, ok := e.forms[form]; ok {
			diags.Warnf(e.pos, "%q has the plural form %q, which %s never uses; remove it", e.key, form, lang)
		}
	}
	if len(lacking) > 0 {
		diags.Errorf(e.pos, "%q lacks the plural forms that %s needs: %s; add them", e.key, lang, strings.Join(lacking, "; "))
	}
}

// PluralForms returns the plural forms go-i18n chooses from for lang, by
// CLDR's rules, each with up to three example counts. It asks go-i18n
// itself, with a message that has every form, so the check agrees with
// what the site does when it renders.
func PluralForms(lang string) (map[string][]string, error) {
	tag, err := language.Parse(lang)
	if err != nil {
		return nil, err
	}
	b := goi18n.NewBundle(tag)
	probe := &goi18n.Message{ID: "probe", Zero: "zero", One: "one", Two: "two", Few: "few", Many: "many", Other: "other"}
	if err := b.AddMessages(tag, probe); err != nil {
		return nil, err
	}
	loc := goi18n.NewLocalizer(b, lang)
	forms := map[string][]string{}
	add := func(count any) error {
		form, err := loc.Localize(&goi18n.LocalizeConfig{MessageID: "probe", PluralCount: count})
		if err != nil {
			return err
		}
		if len(forms[form]) < 3 {
			forms[form] = append(forms[form], fmt.Sprint(count))
		}
		return nil
	}
	// Whole numbers up to a thousand, the millions (French and Spanish
	// "many"), and fractions (Russian "other").
	for n := 0; n <= 1000; n++ {
		if err := add(n); err != nil {
			return nil, err
		}
	}
	for _, c := range []any{1000000, 2000000, "0.5", "1.5", "2.5", "11.5"} {
		if err := add(c); err != nil {
			return nil, err
		}
	}
	return forms, nil
}

// readCatalog decodes a catalog, keeping the position of each key.
func readCatalog(fsys fs.FS, name string, diags *diag.List) *catalogFile {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "cannot read: %v", err)
		return nil
	}
	r := catalogReader{name: name, data: data, lines: diag.NewLines(data), diags: diags}
	return r.read()
}

// catalogReader reads one catalog file token by token, so that each entry
// keeps the position of its key.
type catalogReader struct {
	name  string
	data  []byte
	lines diag.Lines
	diags *diag.List
}

func (r *catalogReader) at(offset int64) diag.Pos {
	l, c := r.lines.Pos(int(offset))
	return diag.Pos{File: r.name, Line: l, Col: c}
}

// syntax reports a JSON syntax error where the decoder stopped; the
// catalog is then of no use.
func (r *catalogReader) syntax(err error) *catalogFile {
	var se *json.SyntaxError
	pos := diag.Pos{File: r.name}
	if errors.As(err, &se) {
		pos = r.at(se.Offset)
	} else if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		pos = r.at(int64(len(r.data)))
	}
	r.diags.Errorf(pos, "not valid JSON: %v; check the commas and quotes around this place", err)
	return nil
}

func (r *catalogReader) read() *catalogFile {
	c := &catalogFile{file: r.name, byKey: map[string]*entry{}}
	dec := json.NewDecoder(bytes.NewReader(r.data))
	if tok, err := dec.Token(); err != nil {
		return r.syntax(err)
	} else if tok != json.Delim('{') {
		r.diags.Errorf(r.at(0), "a catalog is one JSON object of \"key\": message entries")
		return nil
	}
	for dec.More() {
		e, err := r.entry(dec)
		if err != nil {
			return r.syntax(err)
		}
		if e == nil {
			continue
		}
		if c.byKey[e.key] != nil {
			r.diags.Errorf(e.pos, "%q is defined twice; keep one", e.key)
			continue
		}
		c.byKey[e.key] = e
		c.entries = append(c.entries, e)
	}
	if _, err := dec.Token(); err != nil {
		return r.syntax(err)
	}
	return c
}

// entry decodes the next "key": message of the catalog. The error is the
// decoder's; an entry whose value has the wrong shape is reported and
// comes back nil.
func (r *catalogReader) entry(dec *json.Decoder) (*entry, error) {
	// The offset after the previous value; the key starts after the comma
	// and white space that follow it.
	before := dec.InputOffset()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	key, _ := tok.(string)
	start := before + int64(bytes.IndexByte(r.data[before:], '"'))
	e := &entry{key: key, pos: r.at(start), forms: map[string]string{}}
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch v := v.(type) {
	case string:
		e.forms["other"] = v
	case map[string]any:
		r.fillForms(e, v)
	default:
		r.diags.Errorf(e.pos, "%q must be text, or an object of plural forms and a description", key)
		return nil, nil
	}
	return e, nil
}

// fillForms fills e from an object of plural forms and a description.
func (r *catalogReader) fillForms(e *entry, v map[string]any) {
	for k, x := range v {
		s, ok := x.(string)
		switch {
		case !ok:
			r.diags.Errorf(e.pos, "%q: %q must be text", e.key, k)
		case k == "description":
			e.description = s
		case slices.Contains(pluralForms(), k):
			e.forms[k] = s
			e.plural = e.plural || k != "other"
		default:
			r.diags.Errorf(e.pos, "%q: %q is not a plural form (zero, one, two, few, many, other) nor \"description\"", e.key, k)
		}
	}
	if _, ok := e.forms["other"]; !ok {
		r.diags.Errorf(e.pos, "%q has no \"other\" form, which every language needs", e.key)
	}
}
