package i18n

import (
	"fmt"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// What other packages ask of CLDR, so that golang.org/x/text stays behind
// this package (DESIGN §4): whether a site can be built in a language, and
// what a region code or an English country name stands for.

// CheckLanguage reports a language code the site cannot be built in: one
// that is not a well-formed BCP 47 tag ("static"), or one CLDR has no
// country and language names for ("und", "mul", "zxx"), which every page's
// country list and language switcher need.
func CheckLanguage(code string) error {
	tag, err := language.Parse(code)
	if err != nil {
		return fmt.Errorf("code %q is not a BCP 47 language tag (%v); use a code such as \"en\" or \"pt-BR\"", code, err)
	}
	if display.Regions(tag) == nil || display.Languages(tag) == nil {
		return fmt.Errorf("code %q names no language CLDR has country and language names for; use the code of a written language, such as \"sw\"", code)
	}
	return nil
}

// CanonicalRegion returns the code CLDR gives today to a region written as
// an ISO 3166-1 alpha-2, alpha-3 or UN M49 numeric code, retired or not
// ("UK" → "GB", "ZR" → "CD", "KEN" and "404" → "KE"), or "" for a code it
// does not know.
func CanonicalRegion(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return r.Canonicalize().String()
}

// EnglishRegionName is CLDR's English name of a region ("KE" → "Kenya"),
// or "" for a code it does not know.
func EnglishRegionName(code string) string {
	r, err := language.ParseRegion(code)
	if err != nil {
		return ""
	}
	return display.English.Regions().Name(r)
}
