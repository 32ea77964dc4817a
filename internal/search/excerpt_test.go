package search

import (
	"slices"
	"strings"
	"testing"
)

// TestExcerptSource: a row carries the body's opening as sentences, split
// where each script ends them, within excerptBytes, the last cut at a word.
func TestExcerptSource(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		body string
		want []string
	}{
		{"Context\nIt opened in 2015. The fund lends!  Does it? Yes.", []string{"Context", "It opened in 2015.", "The fund lends!", "Does it?", "Yes."}},
		{"A 2.5 m grant, e.g. here.", []string{"A 2.5 m grant, e.g.", "here."}},
		{"孵化器在内罗毕。它支持创业者！", []string{"孵化器在内罗毕。", "它支持创业者！"}},
		{"هل هو صندوق؟ نعم.", []string{"هل هو صندوق؟", "نعم."}},
		{"Short. " + long, []string{"Short.", strings.Repeat("word ", 62) + "word…"}},
		{"", []string{}},
	}
	for _, tt := range tests {
		got := excerptSource(tt.body)
		if !slices.Equal(got, tt.want) {
			t.Errorf("excerptSource(%.30q) = %q, want %q", tt.body, got, tt.want)
		}
		if n := len(strings.Join(got, "")); n > excerptBytes+len("…") {
			t.Errorf("excerptSource(%.30q): %d bytes, over %d", tt.body, n, excerptBytes)
		}
	}
}
