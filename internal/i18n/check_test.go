package i18n

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/openblueprints/blueprints/internal/diag"
)

const enCatalog = `{
  "title": {"description": "Page title.", "other": "Blueprints"},
  "count": {"description": "How many; Count is the number.", "one": "{{.Count}} blueprint", "other": "{{.Count}} blueprints"},
  "all": {"description": "Link to all.", "one": "See the blueprint", "other": "See all {{.Count}}"},
  "since": {"description": "Period; Start is a year.", "other": "{{.Start}} to date"},
  "found": {"description": "Results; keep %d.", "other": "%d results"}
}
`

// TestCheckCatalogs: each mistake a translator can make in a catalog is
// reported once, at the file and line of the entry, with what to do.
func TestCheckCatalogs(t *testing.T) {
	used := func(key string) bool { return key != "unused" }
	tests := []struct {
		name  string
		files map[string]string
		want  []string // "file:line:col: severity: message part"
	}{
		{name: "a good translation", files: map[string]string{"fr.json": `{
  "title": "Fiches",
  "count": {"one": "{{.Count}} fiche", "many": "{{.Count}} de fiches", "other": "{{.Count}} fiches"},
  "all": {"one": "Voir {{.Count}} fiche", "many": "Voir les {{.Count}}", "other": "Voir les {{.Count}}"},
  "since": "de {{.Start}} à aujourd'hui",
  "found": "%d résultats"
}`}},
		{name: "a placeholder the English message does not give", files: map[string]string{"fr.json": `{
  "since": "{{.Foo}} Sommaire"
}`}, want: []string{`i18n/fr.json:2:3: error: "since" (other) uses {{.Foo}}, which the English message does not give, so readers would see <no value>; use only {{.Start}}`,
			`i18n/fr.json:2:3: error: "since" (other) leaves out {{.Start}}`}},
		{name: "a dropped count", files: map[string]string{"es.json": `{
  "count": {"one": "un modelo", "many": "{{.Count}} de modelos", "other": "modelos"}
}`}, want: []string{`i18n/es.json:2:3: error: "count" (other) leaves out {{.Count}}`}},
		{name: "French one covers 0 and 1, so it needs the count", files: map[string]string{"fr.json": `{
  "all": {"one": "Voir la fiche", "many": "Voir les {{.Count}}", "other": "Voir les {{.Count}}"}
}`}, want: []string{`i18n/fr.json:2:3: error: "all" (one) leaves out {{.Count}}`}},
		{name: "Arabic without the forms CLDR gives it", files: map[string]string{"ar.json": `{
  "count": {"one": "مخطط واحد", "other": "{{.Count}} مخطط"}
}`}, want: []string{`i18n/ar.json:2:3: error: "count" lacks the plural forms that ar needs: zero (as for 0); two (as for 2); few (as for 3, 4, 5); many (as for 11, 12, 13); add them`}},
		{name: "a form the language never uses", files: map[string]string{"zh.json": `{
  "count": {"one": "{{.Count}} 个", "other": "{{.Count}} 个"}
}`}, want: []string{`i18n/zh.json:2:3: warning: "count" has the plural form "one", which zh never uses`}},
		{name: "broken template syntax", files: map[string]string{"ru.json": `{
  "since": "с {{.Start"
}`}, want: []string{`i18n/ru.json:2:3: error: "since" (other): unclosed action; placeholders are written {{.Name}}`}},
		{name: "a %d left out", files: map[string]string{"fr.json": `{
  "found": "résultats"
}`}, want: []string{`i18n/fr.json:2:3: error: "found" has 0 × %d where the English message has 1`}},
		{name: "a key English does not have", files: map[string]string{"fr.json": `{
  "titre": "Fiches"
}`}, want: []string{`i18n/fr.json:2:3: warning: "titre" is not in en.json, so nothing shows it`}},
		{name: "invalid JSON", files: map[string]string{"fr.json": "{\n  \"title\": \"Fiches\"\n  \"since\": \"x\"\n}"},
			want: []string{`i18n/fr.json:3:3: error: not valid JSON: invalid character '"' after object key:value pair`}},
		{name: "undescribed and unused English entries", files: map[string]string{"en.json": `{
  "title": "Blueprints",
  "unused": {"description": "Nothing.", "other": "x"}
}`}, want: []string{`i18n/en.json:2:3: warning: "title" has no description for translators`,
			`i18n/en.json:3:3: warning: "unused" is used by no template and not by the site`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"i18n/en.json": {Data: []byte(enCatalog)}}
			for name, data := range tt.files {
				fsys["i18n/"+name] = &fstest.MapFile{Data: []byte(data)}
			}
			diags := CheckCatalogs(fsys, "i18n", "en", used)
			var got []string
			for _, d := range diags {
				if d.Severity == diag.Error {
					got = append(got, d.Pos.String()+": error: "+d.Message)
				} else {
					got = append(got, d.Pos.String()+": warning: "+d.Message)
				}
			}
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || strings.HasPrefix(g, w)
				}
				if !found {
					t.Errorf("missing %s", w)
				}
			}
			// Besides what is wanted: only the note that messages are
			// missing (every test catalog leaves most out).
			for _, g := range got {
				wanted := strings.Contains(g, "not translated yet")
				for _, w := range tt.want {
					wanted = wanted || strings.HasPrefix(g, w)
				}
				if !wanted {
					t.Errorf("unexpected %s", g)
				}
			}
		})
	}
}

// TestMissingMessagesNamed: a language that lacks messages is told which,
// once, in its file.
func TestMissingMessagesNamed(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: []byte(enCatalog)},
		"i18n/fr.json": {Data: []byte(`{"title": "Fiches", "since": "de {{.Start}}", "found": "%d résultats", "count": {"one": "{{.Count}} fiche", "many": "{{.Count}} de fiches", "other": "{{.Count}} fiches"}}`)},
	}
	diags := CheckCatalogs(fsys, "i18n", "en", func(string) bool { return true })
	if len(diags) != 1 || diags[0].String() != `i18n/fr.json: warning: 1 messages not translated yet, so readers see them in English: "all"` {
		t.Errorf("got %v", diags)
	}
}

// TestPluralFormsFromGoI18n: the forms come from the library that renders
// them, CLDR's: Arabic six, Russian four (other for fractions), French
// and Spanish three (many for millions), Chinese one.
func TestPluralFormsFromGoI18n(t *testing.T) {
	for lang, want := range map[string]string{"ar": "few many one other two zero", "ru": "few many one other", "fr": "many one other", "es": "many one other", "zh": "other", "en": "one other"} {
		forms, err := PluralForms(lang)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range pluralForms() {
			if _, ok := forms[f]; ok {
				got = append(got, f)
			}
		}
		slices.Sort(got)
		if strings.Join(got, " ") != want {
			t.Errorf("%s: %v, want %s", lang, got, want)
		}
	}
}
