// Package slug turns titles and headings into the words of URLs and file
// names, in every script: letters and digits of any alphabet are kept
// ("السياق", "背景", "résultats"). It also says whether a name is in the
// one Unicode form the site writes names in (NFC), so that two spellings
// of one name are never two files or two URLs.
package slug

import (
	"strings"
	"unicode"

	"github.com/gosimple/unidecode"
	"golang.org/x/text/unicode/norm"
)

// NFC is s in Unicode normal form C: "é" as one character, not "e" and a
// combining accent, as macOS file systems and some keyboards write it.
func NFC(s string) string { return norm.NFC.String(s) }

// IsNFC reports whether s is in Unicode normal form C already.
func IsNFC(s string) bool { return norm.NFC.IsNormalString(s) }

// Heading is the ID of a heading with the text s, made as GitHub makes
// it (github-slugger), so links written against a file on GitHub work on
// the site too: lower case; every character that is not a letter, mark,
// decimal or letter number, connector punctuation ("_") or "-" removed;
// each space a hyphen. Letters of every script are kept, so Arabic and
// Chinese headings get IDs of their own words.
func Heading(s string) string {
	var b strings.Builder
	for _, r := range norm.NFC.String(s) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || KeptInHeading(r):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// KeptInHeading says whether GitHub keeps r in a heading ID: it removes
// symbols, punctuation (but connectors), other numbers, separators and
// control, format, private-use and unassigned characters, unless they are
// alphabetic (as circled letters are).
func KeptInHeading(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic)
}

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
