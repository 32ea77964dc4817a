package i18n

import "testing"

func TestCheckLanguage(t *testing.T) {
	// Every language a knowledge base is likely to add has CLDR names.
	for _, code := range []string{"en", "fr", "es", "ar", "ru", "zh", "zh-Hant", "pt-BR", "sw", "am", "ha", "yo", "hi", "bn", "fa", "so", "rw", "wo"} {
		if err := CheckLanguage(code); err != nil {
			t.Errorf("%s: %v", code, err)
		}
	}
	for _, code := range []string{"static", "xx", "und", "mul", "zxx"} {
		if err := CheckLanguage(code); err == nil {
			t.Errorf("%s: no error; the site cannot be built in it", code)
		}
	}
}

func TestRegions(t *testing.T) {
	for _, tc := range []struct{ in, canonical, name string }{
		{"KE", "KE", "Kenya"},
		{"KEN", "KE", "Kenya"},
		{"404", "KE", "Kenya"},
		{"UK", "GB", "United Kingdom"},
		{"ZR", "CD", "Congo - Kinshasa"},
		{"Q!", "", ""},
	} {
		if got := CanonicalRegion(tc.in); got != tc.canonical {
			t.Errorf("CanonicalRegion(%q) = %q, want %q", tc.in, got, tc.canonical)
		}
		if got := EnglishRegionName(tc.canonical); tc.canonical != "" && got != tc.name {
			t.Errorf("EnglishRegionName(%q) = %q, want %q", tc.canonical, got, tc.name)
		}
	}
}
