package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
)

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"hello": "Hello", "count": {"one": "{{.Count}} blueprint", "other": "{{.Count}} blueprints"}, "since": "since {{.Year}}"}`)},
		"i18n/ru.json": {Data: []byte(`{"count": {"one": "{{.Count}} проект", "few": "{{.Count}} проекта", "many": "{{.Count}} проектов", "other": "{{.Count}} проекта"}}`)},
	}
	c, err := LoadCatalog(fsys, "i18n", "en")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPluralsFollowCLDR(t *testing.T) {
	c := testCatalog(t)
	en, _ := c.Localizer("en")
	ru, _ := c.Localizer("ru")
	tests := []struct {
		loc  *Localizer
		n    int
		want string
	}{
		{en, 1, "1 blueprint"}, {en, 2, "2 blueprints"}, {en, 0, "0 blueprints"},
		{ru, 1, "1 проект"}, {ru, 3, "3 проекта"}, {ru, 5, "5 проектов"}, {ru, 11, "11 проектов"}, {ru, 21, "21 проект"},
	}
	for _, tt := range tests {
		got, err := tt.loc.T("count", tt.n)
		if err != nil || got != tt.want {
			t.Errorf("%s T(count, %d) = %q, %v; want %q", tt.loc.Lang(), tt.n, got, err, tt.want)
		}
	}
}

func TestMissingMessagesFallBackThenFail(t *testing.T) {
	c := testCatalog(t)
	ru, _ := c.Localizer("ru")
	if got, err := ru.T("hello"); err != nil || got != "Hello" {
		t.Errorf("fallback to default language: got %q, %v", got, err)
	}
	if _, err := ru.T("no_such_message"); err == nil || !strings.Contains(err.Error(), "no_such_message") {
		t.Errorf("unknown message: err = %v, want an error naming it", err)
	}
	if got, err := ru.Format("since", map[string]any{"Year": 2010}); err != nil || got != "since 2010" {
		t.Errorf("Format = %q, %v", got, err)
	}
}

func TestCountryNamesFromCLDR(t *testing.T) {
	c := testCatalog(t)
	tests := []struct{ lang, code, want string }{
		{"en", "KE", "Kenya"}, {"fr", "EG", "Égypte"}, {"es", "DE", "Alemania"},
		{"ar", "KE", "كينيا"}, {"ru", "KZ", "Казахстан"}, {"zh", "BR", "巴西"},
	}
	for _, tt := range tests {
		loc, err := c.Localizer(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := loc.Country(tt.code); got != tt.want {
			t.Errorf("Country(%s) in %s = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
}

func TestSortFuncCollates(t *testing.T) {
	c := testCatalog(t)
	fr, _ := c.Localizer("fr")
	words := []string{"Zambie", "Égypte", "Espagne", "Allemagne"}
	SortFunc(fr, words, func(s string) string { return s })
	want := "Allemagne Égypte Espagne Zambie"
	if got := strings.Join(words, " "); got != want {
		t.Errorf("French order = %s, want %s", got, want)
	}
}

// TestLocalizerWithoutCLDRNames: "und" once gave a Localizer whose
// Country crashed with a nil dereference; now it is an error.
func TestLocalizerWithoutCLDRNames(t *testing.T) {
	c := testCatalog(t)
	for _, lang := range []string{"und", "mul", "zxx"} {
		loc, err := c.Localizer(lang)
		if err == nil {
			t.Errorf("Localizer(%q) = %v, nil; want an error (Country(KE) = %q)", lang, loc, loc.Country("KE"))
		} else if !strings.Contains(err.Error(), lang) {
			t.Errorf("Localizer(%q): error %q does not name it", lang, err)
		}
	}
}
