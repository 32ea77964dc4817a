package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Body excerpts in the browser. A result should show the passage that
// matched, as bleve's highlighter does, but the static index cannot carry
// a passage per word and page (that made the search files tens of
// megabytes). So each page's row, which the client loads anyway to show
// the result, carries the opening of its body text as sentences, at most
// excerptBytes in all; search.js shows the sentence with the most query
// words, highlighted, or the summary when none has one. A word further
// down the body finds the page but shows its summary.

// excerptBytes bounds the body text a page's row carries. Rows are loaded
// a file of docsPerFile pages per result shown, so every byte here is
// fetched about docsPerFile times for a page of results.
const excerptBytes = 320

// excerptSource splits the opening of body text into sentences, at most
// about excerptBytes of text, the last cut at a word.
func excerptSource(body string) []string {
	out := []string{}
	left := excerptBytes
	for _, line := range strings.Split(body, "\n") {
		for _, s := range sentences(strings.Join(strings.Fields(line), " ")) {
			if left <= 0 {
				return out
			}
			if len(s) > left {
				s = cutAtWord(s, left)
				if s == "" {
					return out
				}
				s += "…"
			}
			out = append(out, s)
			left -= len(s)
		}
	}
	return out
}

// sentences splits a line after each . ! ? ؟ … followed by a space, and
// after each full-width 。！？ (Chinese and Japanese put no space there).
func sentences(line string) []string {
	var out []string
	start := 0
	for i, r := range line {
		end := -1
		switch r {
		case '.', '!', '?', '؟', '…':
			next := i + utf8.RuneLen(r)
			if next < len(line) && line[next] == ' ' {
				end = next + 1
			}
		case '。', '！', '？':
			end = i + utf8.RuneLen(r)
		}
		if end > start {
			if s := strings.TrimSpace(line[start:end]); s != "" {
				out = append(out, s)
			}
			start = end
		}
	}
	if s := strings.TrimSpace(line[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

// cutAtWord returns the longest start of s, at most n < len(s) bytes,
// that ends at a word's end, or at a character boundary for text without spaces
// (Chinese), or "" when that would be too short to read.
func cutAtWord(s string, n int) string {
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	cut := s[:n]
	if next, _ := utf8.DecodeRuneInString(s[n:]); !unicode.IsSpace(next) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i > 0 {
			cut = cut[:i] // not within a word
		}
	}
	cut = strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	if utf8.RuneCountInString(cut) < 8 {
		return ""
	}
	return cut
}
