package content

import (
	"regexp"
	"strings"
	"unicode"
)

// Copied measures how much of a translation's body is its source's, word
// for word: the share of its runs of shingleWords words that also occur in
// the source, and the line where the first such run starts (0 if none).
// Runs of words, not lines, so rewrapping or touching up a few words does
// not hide a copy. Only prose counts: code blocks, and list items that are
// only a link, are left out, because reference lists keep the sources'
// own titles in every language.
func Copied(translation, source *Document) (share float64, firstLine int) {
	have := map[string]bool{}
	for _, s := range shingles(proseWords(source.Body)) {
		have[s.text] = true
	}
	runs := shingles(proseWords(translation.Body))
	same := 0
	for _, s := range runs {
		if have[s.text] {
			same++
			if firstLine == 0 {
				firstLine = s.line
			}
		}
	}
	if len(runs) == 0 {
		return 0, 0
	}
	return float64(same) / float64(len(runs)), firstLine
}

// CopiedShare is the share of copied prose at which a published
// translation is refused as untranslated: half its text.
const CopiedShare = 0.5

// IsProse reports whether a text is long enough that finding it word for
// word in another language means it was copied, not translated: a name or
// a figure ("iHub", "5G") may well read the same.
func IsProse(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= minProseLetters
}

// minProseLetters is how many letters make a text prose for IsProse.
const minProseLetters = 20

const shingleWords = 5

type word struct {
	text string
	line int
}

type shingle struct {
	text string
	line int // of its first word
}

func shingles(words []word) []shingle {
	var out []shingle
	for i := 0; i+shingleWords <= len(words); i++ {
		var b strings.Builder
		for _, w := range words[i : i+shingleWords] {
			b.WriteString(w.text)
			b.WriteByte(' ')
		}
		out = append(out, shingle{b.String(), words[i].line})
	}
	return out
}

var (
	linkTarget  = regexp.MustCompile(`\]\([^)]*\)`)
	lineMarkers = regexp.MustCompile(`^(?:[#>|*+-]+|\d+[.)]|\s)+`)
)

// proseWords lists the words of the body's prose, lowercased, without
// punctuation around them.
func proseWords(body []byte) []word {
	var out []word
	fenced := false
	for i, line := range strings.Split(string(body), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if fenced {
			continue
		}
		t = lineMarkers.ReplaceAllString(t, "")
		if strings.HasPrefix(t, "[") || strings.HasPrefix(t, "![") {
			continue // a link on its own: a reference, an image
		}
		for _, f := range strings.Fields(linkTarget.ReplaceAllString(t, "]")) {
			f = strings.ToLower(strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
			if f != "" {
				out = append(out, word{f, i + 1})
			}
		}
	}
	return out
}
