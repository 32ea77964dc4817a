// Package slug turns titles and headings into the words of URLs and file
// names, in every script: letters and digits of any alphabet are kept
// ("السياق", "背景", "résultats"), everything else becomes one hyphen.
package slug

import (
	"strings"
	"unicode"

	"github.com/gosimple/unidecode"
	"golang.org/x/text/unicode/norm"
)

// Make is the slug of s with its letters as written: heading IDs, which
// readers see in URLs of their own language.
func Make(s string) string { return words(norm.NFC.String(s), false) }

// File is the slug of s for a file name: accents and other optional marks
// (Latin accents, Arabic harakat) are dropped ("Café Hub" → "cafe-hub"),
// since people type file names; the vowel signs of Indic and Thai scripts,
// which are part of the letters, stay.
func File(s string) string { return norm.NFC.String(words(norm.NFKD.String(s), true)) }

// Latin is the slug of s for a file name anyone can type on a Latin
// keyboard, for URLs shared by people who do not read the title's script:
// letters of other scripts are transliterated ("中关村科技园" →
// "zhong-guan-cun-ke-ji-yuan", "Технопарк Сколково" →
// "tekhnopark-skolkovo"), Latin letters lose their accents ("Café" →
// "cafe"). It is "" if nothing transliterates.
func Latin(s string) string { return File(unidecode.Unidecode(norm.NFC.String(s))) }

func words(s string, dropAccents bool) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		switch {
		case dropAccents && unicode.Is(unicode.Mn, r) && !unicode.In(r, unicode.Arabic, unicode.Devanagari, unicode.Bengali, unicode.Thai):
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}
