package diag

import (
	"strings"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		pos  Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "en/a.md"}, "en/a.md"},
		{Pos{File: "en/a.md", Line: 3}, "en/a.md:3"},
		{Pos{File: "en/a.md", Line: 3, Col: 7}, "en/a.md:3:7"},
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestListSortedAndWarningsDoNotFail(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "b.md", Line: 1}, "late")
	if err := l.Err(); err != nil {
		t.Fatalf("warnings alone: Err() = %v, want nil", err)
	}
	l.Errorf(Pos{File: "b.md", Line: 2, Col: 1}, "second")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 1}, "first")
	l.Errorf(Pos{File: "a.md", Line: 10, Col: 1}, "first") // duplicate from a retried stage
	err := l.Err()
	if err == nil {
		t.Fatal("Err() = nil with errors present")
	}
	want := "a.md:10:1: first\nb.md:1: warning: late\nb.md:2:1: second"
	if err.Error() != want {
		t.Errorf("Err() =\n%s\nwant\n%s", err, want)
	}
}

func TestOffset(t *testing.T) {
	src := []byte("ab\nçé x\n")
	tests := []struct {
		off, line, col int
	}{
		{0, 1, 1},
		{2, 1, 3},
		{3, 2, 1},
		{strings.Index(string(src), "x"), 2, 4}, // columns count runes, not bytes
		{1000, 3, 1},
	}
	for _, tt := range tests {
		line, col := Offset(src, tt.off)
		if line != tt.line || col != tt.col {
			t.Errorf("Offset(%d) = %d:%d, want %d:%d", tt.off, line, col, tt.line, tt.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	kinds := []string{"incubator", "accelerator", "innovation-hub", "tech-park"}
	tests := []struct{ got, want string }{
		{"incubater", "incubator"},
		{"Accelerator", "accelerator"},
		{"tech_park", "tech-park"},
		{"banana", ""},
		{"x", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.got, kinds); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.got, got, tt.want)
		}
	}
}

// TestEditDistance: edits in characters, not bytes, and a limit that cuts
// the count short without changing what is below it.
func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b        string
		limit, want int
	}{
		{"incubator", "incubator", 3, 0},
		{"incubtor", "incubator", 3, 1},
		{"xncubator", "incubator", 3, 1},
		{"nicubator", "incubator", 3, 2},
		{"fonds", "fund", 9, 2},
		{"حاضنات", "حاضنة", 9, 2},
		{"孵化器", "孵化", 9, 1},
		{"accelerator", "incubator", 3, 3},
		{"a", "abcdef", 2, 2},
	}
	for _, tt := range tests {
		if got := EditDistance(tt.a, tt.b, tt.limit); got != tt.want {
			t.Errorf("EditDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := strings.Repeat("é", 1000)
	for in, want := range map[string]string{
		"":                       "",
		"short.md":               "short.md",
		strings.Repeat("a", 200): strings.Repeat("a", 200), // real link targets are shown whole
		strings.Repeat("a", 201): strings.Repeat("a", 197) + "...",
		long:                     strings.Repeat("é", 197) + "...",
		strings.Repeat("日", 200): strings.Repeat("日", 200),
	} {
		if got := Excerpt(in); got != want {
			t.Errorf("Excerpt(%.20q…) = %q, want %q", in, got, want)
		}
	}
}
