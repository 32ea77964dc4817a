package content

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

// testSiteYAML declares en and ar only, so fr/ is an undeclared language.
const testSiteYAML = `title: Test Site
default_language: en
languages:
  - {code: en, name: English, direction: ltr}
  - {code: ar, name: العربية, direction: rtl}
`

// validFile is the blueprint every test site carries. Its line numbers are
// used by TestLoadValidBlueprint.
const validFile = "en/blueprints/konza.md"

const validBlueprint = `---
title: Konza Technopolis
summary: A smart city and technology zone south-east of Nairobi.
type: tech-park
countries:
  - KE
  - TZ
sdgs: [8, 9]
stage: operational
last_reviewed: 2024-01-15
---

# Konza Technopolis

Body text.
`

// bad is the file most cases write.
const bad = "en/blueprints/x.md"

var schemas struct {
	once      sync.Once
	blueprint []byte
	page      []byte
	err       error
}

// realSchemas reads the schemas the site really uses, so these tests break
// when a schema change breaks the loader's messages.
func realSchemas(tb testing.TB) (bpSchema, pageSchema []byte) {
	tb.Helper()
	schemas.once.Do(func() {
		var err1, err2 error
		schemas.blueprint, err1 = os.ReadFile("../../content/schema/blueprint.schema.json")
		schemas.page, err2 = os.ReadFile("../../content/schema/page.schema.json")
		schemas.err = errors.Join(err1, err2)
	})
	if schemas.err != nil {
		tb.Fatalf("read the real schemas: %v", schemas.err)
	}
	return schemas.blueprint, schemas.page
}

// testFS returns a valid minimal site (site.yaml, the two real schemas, one
// valid blueprint) with files added or replaced.
func testFS(tb testing.TB, files map[string]string) fstest.MapFS {
	tb.Helper()
	bp, page := realSchemas(tb)
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte(testSiteYAML)},
		"schema/blueprint.schema.json": {Data: bp},
		"schema/page.schema.json":      {Data: page},
		validFile:                      {Data: []byte(validBlueprint)},
	}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

// blueprint builds a blueprint file whose fields sit on known lines:
//
//	1 ---
//	2 title: T
//	3 summary: S
//	4 type: incubator
//	5 countries: [KE]
//	6 sdgs: [9]
//	7 stage: pilot
//	8 last_reviewed: 2024-01-15
//	9 (first extra line)
//	  ---
//	  (blank)
//	  Body.
//
// A "key: value" edit replaces the line of that key, "-key" deletes it (the
// following lines move up), "+line" appends line even if its key exists,
// and anything else is appended before the closing "---".
func blueprint(edits ...string) string {
	lines := []string{
		"title: T",
		"summary: S",
		"type: incubator",
		"countries: [KE]",
		"sdgs: [9]",
		"stage: pilot",
		"last_reviewed: 2024-01-15",
	}
	keyOf := func(line string) string {
		k, _, _ := strings.Cut(line, ":")
		return k
	}
edit:
	for _, e := range edits {
		if l, ok := strings.CutPrefix(e, "+"); ok {
			lines = append(lines, l)
			continue
		}
		if k, ok := strings.CutPrefix(e, "-"); ok && !strings.HasPrefix(e, "- ") {
			for i, l := range lines {
				if keyOf(l) == k {
					lines = append(lines[:i], lines[i+1:]...)
					continue edit
				}
			}
			panic("blueprint: no field " + k)
		}
		if !strings.HasPrefix(e, " ") && strings.Contains(e, ":") {
			for i, l := range lines {
				if keyOf(l) == keyOf(e) {
					lines[i] = e
					continue edit
				}
			}
		}
		lines = append(lines, e)
	}
	return "---\n" + strings.Join(lines, "\n") + "\n---\n\nBody.\n"
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// wantDiag is one expected diagnostic: exact position (any position in the
// file if line < 0) and severity, and every one of msgs as a substring of
// the message.
type wantDiag struct {
	file      string
	line, col int
	sev       diag.Severity
	msgs      []string
}

func errAt(file string, line, col int, msgs ...string) wantDiag {
	return wantDiag{file: file, line: line, col: col, sev: diag.Error, msgs: msgs}
}

func (w wantDiag) String() string {
	return fmt.Sprintf("%s: %s containing %q", diag.Pos{File: w.file, Line: w.line, Col: w.col}, w.sev, w.msgs)
}

func (w wantDiag) matches(d diag.Diagnostic) bool {
	if d.Pos.File != w.file || d.Severity != w.sev {
		return false
	}
	if w.line >= 0 && (d.Pos.Line != w.line || d.Pos.Col != w.col) {
		return false
	}
	for _, m := range w.msgs {
		if !strings.Contains(d.Message, m) {
			return false
		}
	}
	return true
}

// checkDiags returns what is wrong with got: a wanted diagnostic missing, or
// (unless anyCount) a diagnostic nobody wanted.
func checkDiags(got diag.List, want []wantDiag, anyCount bool) []string {
	var problems []string
	used := make([]bool, len(got))
	for _, w := range want {
		found := false
		for i, d := range got {
			if !used[i] && w.matches(d) {
				used[i], found = true, true
				break
			}
		}
		if !found {
			problems = append(problems, "missing "+w.String())
		}
	}
	if !anyCount {
		for i, d := range got {
			if !used[i] {
				problems = append(problems, fmt.Sprintf("unexpected %s: %s", d.Severity, d))
			}
		}
	}
	return problems
}

func docByFile(c *Content, file string) *Document {
	for _, d := range c.Documents {
		if d.File == file {
			return d
		}
	}
	return nil
}

// aliasBomb is a billion laughs: nine levels of nine aliases each would be
// 9^9 strings if the aliases were expanded.
func aliasBomb() string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		p := string(c - 1)
		fmt.Fprintf(&b, "%c: &%c [%s]\n", c, c, strings.TrimSuffix(strings.Repeat("*"+p+",", 9), ","))
	}
	b.WriteString("---\n")
	return b.String()
}

func TestLoadHostileInput(t *testing.T) {
	long := strings.Repeat("x", 301)
	padding := strings.Repeat("word ", 300) + "\n"
	exactly := func(n int) string { // a valid blueprint of exactly n bytes
		s := blueprint()
		return s + strings.Repeat("x", n-len(s)-1) + "\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  []wantDiag // nil: loads without any diagnostic
		// anyCount allows diagnostics besides want (the schema errors that
		// follow a rejected value).
		anyCount bool
		// loads lists files that must come back as Documents besides the
		// valid one; by default a file with a wanted error must not.
		loads []string
		// bug documents a known defect of the non-test code: while the case
		// fails it is skipped with this note; once it passes, the note must
		// go.
		bug string
	}{
		// Frontmatter delimiters.
		{
			name:  "unterminated YAML frontmatter",
			files: map[string]string{bad: "---\ntitle: T\nsummary: S\n\nBody.\n"},
			want:  []wantDiag{errAt(bad, 1, 1, `opened with "---" is never closed`)},
		},
		{
			name:  "unterminated frontmatter after blank lines",
			files: map[string]string{bad: "\n\n---\ntitle: T\n"},
			want:  []wantDiag{errAt(bad, 3, 1, `opened with "---" is never closed`)},
		},
		{
			name:  "unterminated TOML frontmatter",
			files: map[string]string{bad: "+++\ntitle = \"T\"\n"},
			want:  []wantDiag{errAt(bad, 1, 1, `opened with "+++" is never closed`)},
		},
		{
			name:  "unterminated ;;; JSON frontmatter",
			files: map[string]string{bad: ";;;\n{\"title\": \"T\"}\n"},
			want:  []wantDiag{errAt(bad, 1, 1, `opened with ";;;" is never closed`)},
		},

		// Encodings and line endings.
		{
			name:  "frontmatter after a UTF-8 BOM",
			files: map[string]string{bad: "\uFEFF" + blueprint()},
			loads: []string{bad},
		},
		{
			name:  "BOM does not shift columns",
			files: map[string]string{bad: "\uFEFF" + blueprint("titel: x")},
			want:  []wantDiag{errAt(bad, 9, 1, `unknown field "titel"`, `did you mean "title"`)},
		},
		{
			name:  "CRLF line endings",
			files: map[string]string{bad: crlf(blueprint())},
			loads: []string{bad},
		},
		{
			name:  "lone CR line endings",
			files: map[string]string{bad: strings.ReplaceAll(blueprint(), "\n", "\r")},
			loads: []string{bad},
		},
		{
			name:  "CRLF keeps positions of a later error",
			files: map[string]string{bad: crlf(blueprint("tags: [ok, Bad Tag]"))},
			want:  []wantDiag{errAt(bad, 9, 12, "tags[1]", "must be lowercase words joined by hyphens", `did you mean "bad-tag"?`)},
		},
		{
			name:  "invalid UTF-8 in the body",
			files: map[string]string{bad: blueprint() + "héé \xffx\n"},
			want:  []wantDiag{errAt(bad, 12, 5, "invalid UTF-8")},
		},
		{
			name:  "invalid UTF-8 in a CRLF file",
			files: map[string]string{bad: crlf(blueprint()) + "ab\xc3(\r\n"},
			want:  []wantDiag{errAt(bad, 12, 3, "invalid UTF-8")},
		},
		{
			name:  "invalid UTF-8 in a lone-CR file",
			files: map[string]string{bad: strings.ReplaceAll(blueprint(), "\n", "\r") + "ab\xff\r"},
			want:  []wantDiag{errAt(bad, 12, 3, "invalid UTF-8")},
		},
		{
			name:  "NUL byte",
			files: map[string]string{bad: blueprint() + "ab\x00\n"},
			want:  []wantDiag{errAt(bad, 12, 3, "NUL byte")},
		},

		// Syntax errors, with the file line although the frontmatter
		// starts on line 2.
		{
			name:  "invalid YAML syntax",
			files: map[string]string{bad: blueprint("  bad: x")},
			want:  []wantDiag{errAt(bad, 9, 3, "invalid YAML frontmatter", "bad is indented more than last_reviewed above it", "line bad up with last_reviewed")},
		},
		{
			name:  "invalid YAML syntax after a blank first line",
			files: map[string]string{bad: "\n" + blueprint("  bad: x")},
			want:  []wantDiag{errAt(bad, 10, 3, "invalid YAML frontmatter", "bad is indented more than last_reviewed")},
		},
		{
			name:  "tab indentation in YAML",
			files: map[string]string{bad: blueprint("\textra: x")},
			// yaml.v3 blames the line above (the start of the plain scalar
			// the tab line would continue); the message names the tab's.
			want: []wantDiag{errAt(bad, 9, 1, "invalid YAML frontmatter", "a tab character indents this line", "replace the tab with spaces")},
		},
		{
			name:  "colon in an unquoted value",
			files: map[string]string{bad: blueprint("title: iHub: the next chapter")},
			want:  []wantDiag{errAt(bad, 2, 12, "the value of title contains a colon followed by a space", `title: "iHub: the next chapter"`)},
		},
		{
			name:  "a list item's field indented one space short",
			files: map[string]string{bad: blueprint("organizations:", "  - name: A", "   role: lead")},
			// yaml.v3 says line 9 ("did not find expected '-' indicator").
			want: []wantDiag{errAt(bad, 11, 4, "role is indented 3 spaces, which lines up with no field above it; indent it 4 spaces, like name on line 10")},
		},
		{
			name:  "a group's field indented one space short",
			files: map[string]string{bad: blueprint("funding:", "  model: public", " amount: 5")},
			// yaml.v3 says line 10 ("did not find expected key").
			want: []wantDiag{errAt(bad, 11, 2, "amount is indented 1 space", "indent it 2 spaces, like model on line 10")},
		},
		{
			name:  "single quotes around a value with an apostrophe",
			files: map[string]string{bad: blueprint("summary: 'it's'")},
			want:  []wantDiag{errAt(bad, 3, 10, "starts with a single quote", `summary: "it's"`)},
		},
		{
			name:  "a list in brackets left open",
			files: map[string]string{bad: blueprint("countries: [KE")},
			want:  []wantDiag{errAt(bad, 5, 12, "the list of countries opens a bracket that is not closed on this line; end the list with ]")},
		},
		{
			name:  "a line that is not a field",
			files: map[string]string{bad: blueprint("Kenya and Uganda")},
			want:  []wantDiag{errAt(bad, 9, 1, `"Kenya and Uganda" is not a field; write it as name: value`)},
		},
		{
			name:     "a | block's text may hold anything",
			files:    map[string]string{bad: blueprint("-summary", "-sdgs", "summary: |", "  a: b: c", "  d", "sdgs: [1, 2]]")},
			want:     []wantDiag{errAt(bad, 10, 7, `the list of sdgs is followed by "]"`)},
			anyCount: true,
		},
		{
			name: "invalid TOML",
			files: map[string]string{bad: "+++\ntitle = \"T\"\nsummary = \"S\"\n" +
				"type \"incubator\"\n+++\n"},
			want: []wantDiag{errAt(bad, 4, 6, "invalid TOML frontmatter", "expected '.' or '='")},
		},
		{
			name:  "invalid TOML value at end of line",
			files: map[string]string{bad: "+++\ntitle = \"T\"\nsummary = \n+++\n"},
			want:  []wantDiag{errAt(bad, 3, 11, "invalid TOML frontmatter")},
		},
		{
			name:  "invalid JSON with ;;; delimiters",
			files: map[string]string{bad: ";;;\n{\n  \"title\": \"T\"\n  \"summary\": \"S\"\n}\n;;;\n"},
			want:  []wantDiag{errAt(bad, 3, 0, "invalid JSON frontmatter", "a comma is missing between two entries")},
		},
		{
			name:  "invalid JSON with ---json delimiters",
			files: map[string]string{bad: "---json\n{\"title\": \"T\" \"summary\": \"S\"}\n---\n"},
			want:  []wantDiag{errAt(bad, 2, 0, "invalid JSON frontmatter", "a comma is missing between two entries")},
		},
		{
			name:  "invalid JSON with bare braces",
			files: map[string]string{bad: "{\n  \"title\": \"T\",\n  \"summary\": [\n}\n\nBody.\n"},
			want:  []wantDiag{errAt(bad, 3, 0, "invalid JSON frontmatter")},
		},

		// Keys.
		{
			name:  "duplicate key at the second key",
			files: map[string]string{bad: blueprint("+title: U")},
			want:  []wantDiag{errAt(bad, 9, 1, `duplicate key "title"`, "first set on line 2")},
		},
		{
			name: "duplicate key in a nested mapping",
			files: map[string]string{bad: blueprint("organizations:", "  - name: A",
				"    role: lead", "    name: B")},
			want: []wantDiag{errAt(bad, 12, 5, `duplicate key "name"`, "first set on line 10")},
		},
		{
			name: "duplicate key in JSON",
			files: map[string]string{bad: ";;;\n{\"title\": \"a\", \"title\": \"b\", \"summary\": \"S\", \"type\": \"fund\", " +
				"\"countries\": [\"KE\"], \"sdgs\": [9], \"stage\": \"idea\", \"last_reviewed\": \"2024-01-15\"}\n;;;\n"},
			want: []wantDiag{errAt(bad, 2, 16, `duplicate key "title"`, "first set on line 2")},
		},
		{
			name:  "unknown field with a suggestion",
			files: map[string]string{bad: blueprint("titel: Konza")},
			want:  []wantDiag{errAt(bad, 9, 1, `unknown field "titel"`, `did you mean "title"?`)},
		},
		{
			name:  "unknown field in TOML",
			files: map[string]string{bad: tomlBlueprint + "titel = \"x\"\n+++\n"},
			want:  []wantDiag{errAt(bad, 9, 1, `unknown field "titel"`, `did you mean "title"?`)},
		},
		{
			name:  "unknown nested field",
			files: map[string]string{bad: blueprint("organizations:", "  - nam: X")},
			want: []wantDiag{
				errAt(bad, 10, 5, `unknown field "nam" in organizations[0]`, `did you mean "name"?`),
				errAt(bad, 10, 5, `missing required field "name" in organizations[0]`),
			},
		},
		{
			name:     "YAML merge key",
			files:    map[string]string{bad: blueprint("base: &b {title: T}", "<<: *b")},
			want:     []wantDiag{errAt(bad, 10, 1, "merge keys (<<) are not allowed")},
			anyCount: true,
		},
		{
			name:  "YAML document end hides later fields",
			files: map[string]string{bad: blueprint("...", "draft: true")},
			want:  []wantDiag{errAt(bad, -1, 0, "")},
		},

		// Values.
		{
			name:  "misspelled enum",
			files: map[string]string{bad: blueprint("type: incubater")},
			want:  []wantDiag{errAt(bad, 4, 7, `type: "incubater" is not allowed`, `did you mean "incubator"?`)},
		},
		{
			name:  "string where a list is wanted",
			files: map[string]string{bad: blueprint(`sdgs: "nine"`)},
			want:  []wantDiag{errAt(bad, 6, 7, "sdgs must be a list, not text", "write a list in brackets")},
		},
		{
			name:  "list item of the wrong type",
			files: map[string]string{bad: blueprint(`sdgs: [9, nine]`)},
			want:  []wantDiag{errAt(bad, 6, 11, "sdgs[1] must be a whole number, not text")},
		},
		{
			name:  "draft: yes is not a boolean",
			files: map[string]string{bad: blueprint("draft: yes")},
			want:  []wantDiag{errAt(bad, 9, 8, "draft must be true or false, not text", "YAML 1.1", `"yes"`)},
		},
		{
			name:  "stage: no is the word no",
			files: map[string]string{bad: blueprint("stage: no")},
			want:  []wantDiag{errAt(bad, 7, 8, `stage: "no" is not allowed`, "YAML 1.1", `the word "no"`)},
		},
		{
			name:  "impossible date",
			files: map[string]string{bad: blueprint("last_reviewed: 2024-02-30")},
			want:  []wantDiag{errAt(bad, 8, 16, "last_reviewed", `"2024-02-30" is not a real date`)},
		},
		{
			name:  "quoted impossible date",
			files: map[string]string{bad: blueprint(`last_reviewed: "2023-02-29"`)},
			want:  []wantDiag{errAt(bad, 8, 16, `"2023-02-29" is not a real date`)},
		},
		{
			name:  "TOML datetime where a date is wanted",
			files: map[string]string{bad: strings.Replace(tomlBlueprint, "2024-01-15", "2024-01-15T10:00:00Z", 1) + "+++\n"},
			want:  []wantDiag{errAt(bad, 8, 1, "last_reviewed", "is not a real date")},
		},
		{
			name:  "infinite number",
			files: map[string]string{bad: blueprint("funding: {amount: .inf, currency: USD}")},
			want:  []wantDiag{errAt(bad, 9, 19, ".inf is not a finite number")},
			// The rejected value also fails the schema as null.
			anyCount: true,
		},
		{
			name:  "TOML nan",
			files: map[string]string{bad: tomlBlueprint + "[funding]\namount = nan\ncurrency = \"USD\"\n+++\n"},
			// Only the table header has a position in TOML.
			want: []wantDiag{errAt(bad, 9, 1, "funding.amount")},
		},
		{
			name:  "TOML nan says why",
			files: map[string]string{bad: tomlBlueprint + "[funding]\namount = nan\ncurrency = \"USD\"\n+++\n"},
			want:  []wantDiag{errAt(bad, 9, 1, "not a finite number")},
		},
		{
			name:  "page weight beyond int",
			files: map[string]string{"en/about.md": "---\ntitle: About\nweight: 99999999999999999999\n---\n"},
			want:  []wantDiag{errAt("en/about.md", 3, 9, "weight")},
		},
		{
			name:  "YAML tag",
			files: map[string]string{bad: blueprint("title: !!binary aGVsbG8=")},
			want:  []wantDiag{errAt(bad, 2, 8, "YAML tag !!binary is not allowed")},
			// The rejected value also fails the schema as null.
			anyCount: true,
		},
		{
			name:  "frontmatter that is not a mapping",
			files: map[string]string{bad: "---\n- title\n- summary\n---\n"},
			want:  []wantDiag{errAt(bad, 2, 1, "frontmatter must be a mapping")},
		},
		{
			name:  "YAML alias bomb",
			files: map[string]string{bad: aliasBomb()},
			want:  []wantDiag{errAt(bad, 2, 4, "YAML anchors and aliases (&name, *name) are not allowed")},
			// The nulled values and unknown fields a..i fail the schema too.
			anyCount: true,
		},
		{
			name:  "missing required field",
			files: map[string]string{bad: blueprint("-stage")},
			want:  []wantDiag{errAt(bad, 2, 1, `missing required field "stage"`)},
		},
		{
			name:  "missing required field of a page",
			files: map[string]string{"en/about.md": "---\nsummary: About us.\n---\n"},
			want:  []wantDiag{errAt("en/about.md", 2, 1, `missing required field "title"`)},
		},
		{
			name:  "blueprint without frontmatter",
			files: map[string]string{bad: "# Just a heading\n"},
			want: []wantDiag{
				errAt(bad, 1, 0, `missing required field "title"`),
				errAt(bad, 1, 0, `missing required field "summary"`),
				errAt(bad, 1, 0, `missing required field "type"`),
				errAt(bad, 1, 0, `missing required field "countries"`),
				errAt(bad, 1, 0, `missing required field "sdgs"`),
				errAt(bad, 1, 0, `missing required field "stage"`),
				errAt(bad, 1, 0, `missing required field "last_reviewed"`),
			},
		},
		{
			name:  "summary over 300 characters",
			files: map[string]string{bad: blueprint("summary: " + long)},
			want:  []wantDiag{errAt(bad, 3, 10, "summary is 301 characters long; the limit is 300")},
		},
		{
			name:  "summary of 300 Arabic characters counts runes",
			files: map[string]string{"ar/blueprints/x.md": blueprint("summary: " + strings.Repeat("ب", 300))},
			loads: []string{"ar/blueprints/x.md"},
		},
		{
			name: "multiple errors in one file",
			files: map[string]string{bad: blueprint("type: incubater", `sdgs: "nine"`,
				"titel: x")},
			want: []wantDiag{
				errAt(bad, 4, 7, `did you mean "incubator"?`),
				errAt(bad, 6, 7, "sdgs must be a list"),
				errAt(bad, 9, 1, `unknown field "titel"`),
			},
		},
		{
			name:  "errors in several files",
			files: map[string]string{bad: blueprint("stage: no"), "ar/blueprints/y.md": blueprint("type: hub")},
			want: []wantDiag{
				errAt(bad, 7, 8, `"no" is not allowed`),
				errAt("ar/blueprints/y.md", 4, 7, `type: "hub" is not allowed`),
			},
		},

		// Other formats that must load.
		{
			name:  "TOML blueprint",
			files: map[string]string{bad: tomlBlueprint + "+++\n\nBody.\n"},
			loads: []string{bad},
		},
		{
			name:  "JSON blueprint with ;;;",
			files: map[string]string{bad: ";;;\n" + jsonBlueprint + ";;;\n\nBody.\n"},
			loads: []string{bad},
		},
		{
			name:  "JSON blueprint with ---json",
			files: map[string]string{bad: "---json\n" + jsonBlueprint + "---\n\nBody.\n"},
			loads: []string{bad},
		},
		{
			name:  "JSON blueprint with bare braces",
			files: map[string]string{bad: jsonBlueprint + "\nBody.\n"},
			loads: []string{bad},
		},

		// Files and paths.
		{
			name:  "file over the size cap",
			opts:  Options{MaxFileSize: 1000},
			files: map[string]string{bad: blueprint() + padding},
			want:  []wantDiag{errAt(bad, 0, 0, "")},
		},
		{
			name:  "file over the size cap says so",
			opts:  Options{MaxFileSize: 1000},
			files: map[string]string{bad: blueprint() + padding},
			want:  []wantDiag{errAt(bad, 0, 0, "over the 1000-byte limit")},
		},
		{
			name:  "image over eight times the size cap",
			opts:  Options{MaxFileSize: 1000},
			files: map[string]string{"en/big.png": "\x89PNG\r\n\x1a\n" + strings.Repeat("x", 8001)},
			want:  []wantDiag{errAt("en/big.png", 0, 0, "limit")},
		},
		{
			name:  "file exactly at the size cap",
			opts:  Options{MaxFileSize: 1000},
			files: map[string]string{bad: exactly(1000)},
			loads: []string{bad},
		},
		{
			name:  "file one byte over the size cap",
			opts:  Options{MaxFileSize: 1000},
			files: map[string]string{bad: exactly(1001)},
			want:  []wantDiag{errAt(bad, 0, 0, "1001 bytes, over the 1000-byte limit")},
		},
		{
			name:  "file name with a bidi override",
			files: map[string]string{"en/blueprints/a\u202Egnp.md": blueprint()},
			want:  []wantDiag{errAt("en/blueprints/a\u202Egnp.md", 0, 0, "U+202E", "rename the file")},
		},
		{
			name:  "file name with a zero-width space",
			files: map[string]string{"en/blueprints/x\u200B.md": blueprint()},
			want:  []wantDiag{errAt("en/blueprints/x\u200B.md", 0, 0, "U+200B")},
		},
		{
			name:  "directory name with a zero-width space",
			files: map[string]string{"en/blue\u200Bprints/x.md": blueprint()},
			want:  []wantDiag{errAt("en/blue\u200Bprints", 0, 0, "U+200B")},
		},
		{
			name:  "file name with a control character",
			files: map[string]string{"en/a\x1b[31m.md": blueprint()},
			want:  []wantDiag{errAt("en/a\x1b[31m.md", 0, 0, "U+001B")},
		},
		{
			name:  "file name with a colon",
			files: map[string]string{"en/c:x.md": "---\ntitle: C\n---\n"},
			want:  []wantDiag{errAt("en/c:x.md", 0, 0, "U+003A")},
		},
		{
			name:  "directory that is not a declared language",
			files: map[string]string{"fr/about.md": "---\ntitle: À propos\n---\n"},
			want:  []wantDiag{errAt("fr", 0, 0, `directory "fr" is not a language declared in site.yaml`)},
		},
		{
			name:  "Markdown at the top of content/",
			files: map[string]string{"about.md": "---\ntitle: About\n---\n"},
			want:  []wantDiag{errAt("about.md", 0, 0, `only site.yaml belongs at the top of content/`)},
		},
		{
			name:  "executable",
			files: map[string]string{"en/x.exe": "MZ"},
			want:  []wantDiag{errAt("en/x.exe", 0, 0, `unsupported file type ".exe"`)},
		},
		{
			name:  "SVG image",
			files: map[string]string{"en/logo.svg": "<svg onload=alert(1)/>"},
			want:  []wantDiag{errAt("en/logo.svg", 0, 0, `unsupported file type ".svg"`)},
		},
		{
			name:  "file without extension",
			files: map[string]string{"en/blueprints/README": "x"},
			want:  []wantDiag{errAt("en/blueprints/README", 0, 0, `unsupported file type ""`)},
		},
		{
			name:  "dotfiles and backups are ignored",
			files: map[string]string{"en/.DS_Store": "\x00\x01", "en/blueprints/.x.md.swp": "\x00", bad + "~": "\xff", "en/.git/config": "x"},
		},
		{
			name:  "image beside a page",
			files: map[string]string{"en/blueprints/konza.png": "\x89PNG\r\n\x1a\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			c, diags := Load(testFS(t, tt.files), tt.opts)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("Load took %v", d)
			}
			problems := checkDiags(diags, tt.want, tt.anyCount)
			if docByFile(c, validFile) == nil {
				problems = append(problems, "the valid blueprint "+validFile+" did not load")
			}
			for _, f := range tt.loads {
				if docByFile(c, f) == nil {
					problems = append(problems, f+" did not load")
				}
			}
			for _, w := range tt.want {
				if docByFile(c, w.file) != nil {
					problems = append(problems, w.file+" has an error but was loaded")
				}
			}
			if tt.want != nil && diags.Err() == nil {
				problems = append(problems, "diags.Err() is nil; the build would publish")
			}
			switch {
			case tt.bug != "" && len(problems) > 0:
				t.Logf("got:\n%s", listString(diags))
				t.Skipf("bug: %s\n%s", tt.bug, strings.Join(problems, "\n"))
			case tt.bug != "":
				t.Errorf("passes now; remove the bug note %q", tt.bug)
			case len(problems) > 0:
				t.Errorf("%s\ngot diagnostics:\n%s", strings.Join(problems, "\n"), listString(diags))
			}
		})
	}
}

func listString(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintf(&b, "\t%s (%s)\n", d, d.Severity)
	}
	return b.String()
}

// tomlBlueprint is a valid TOML blueprint without its closing "+++", so a
// case can append fields (from line 9) and tables.
const tomlBlueprint = `+++
title = "T"
summary = "S"
type = "incubator"
countries = ["KE"]
sdgs = [9]
stage = "pilot"
last_reviewed = 2024-01-15
`

const jsonBlueprint = `{
  "title": "T",
  "summary": "S",
  "type": "incubator",
  "countries": ["KE", "global"],
  "sdgs": [9, 17],
  "stage": "pilot",
  "last_reviewed": "2024-01-15",
  "period": {"start": 2019},
  "funding": {"amount": 1.5e6, "currency": "USD"}
}
`

func TestLoadValidBlueprint(t *testing.T) {
	c, diags := Load(testFS(t, map[string]string{
		"en/_index.md":        "---\ntitle: Home\nweight: -1\nmenu: true\n---\n\nWelcome.\n",
		"ar/blueprints/x.md":  crlf(blueprint("title: كونزا", "draft: false")),
		"en/blueprints/x.png": "\x89PNG\r\n\x1a\n",
	}), Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", listString(diags))
	}
	if c.Site.Title != "Test Site" || c.Site.DefaultLanguage != "en" || len(c.Site.Languages) != 2 {
		t.Errorf("Site = %+v", c.Site)
	}
	if ar, ok := c.Site.Language("ar"); !ok || ar.Direction != "rtl" {
		t.Errorf(`Language("ar") = %+v, %v`, ar, ok)
	}
	if len(c.Schema) == 0 {
		t.Error("Schema is empty")
	}
	if len(c.Assets) != 1 || c.Assets[0].File != "en/blueprints/x.png" || string(c.Assets[0].Data) != "\x89PNG\r\n\x1a\n" {
		t.Errorf("Assets = %+v", c.Assets)
	}
	var files []string
	for _, d := range c.Documents {
		files = append(files, d.File)
	}
	if want := []string{"ar/blueprints/x.md", "en/_index.md", validFile}; fmt.Sprint(files) != fmt.Sprint(want) {
		t.Errorf("Documents = %q, want %q (sorted by file)", files, want)
	}

	doc := docByFile(c, validFile)
	if doc == nil {
		t.Fatal("no document for " + validFile)
	}
	if doc.Lang != "en" || doc.Path != "blueprints/konza.md" || doc.Kind != KindBlueprint {
		t.Errorf("Lang, Path, Kind = %q, %q, %v", doc.Lang, doc.Path, doc.Kind)
	}
	bp := doc.Blueprint
	if bp == nil {
		t.Fatal("Blueprint is nil")
	}
	if bp.Type != "tech-park" || bp.Title != "Konza Technopolis" || bp.Stage != "operational" ||
		bp.LastReviewed != "2024-01-15" || fmt.Sprint(bp.Countries) != "[KE TZ]" || fmt.Sprint(bp.SDGs) != "[8 9]" {
		t.Errorf("Blueprint = %+v", bp)
	}
	if doc.Meta.Title != bp.Title || doc.Meta.Summary != bp.Summary {
		t.Errorf("Meta = %+v, want the blueprint's title and summary", doc.Meta)
	}
	for ptr, want := range map[string]diag.Pos{
		"/countries/0":  {File: validFile, Line: 6, Col: 5},
		"/countries/1":  {File: validFile, Line: 7, Col: 5},
		"/sdgs/1":       {File: validFile, Line: 8, Col: 11},
		"/type":         {File: validFile, Line: 4, Col: 7},
		"/stage":        {File: validFile, Line: 9, Col: 8},
		"/tags/0":       {File: validFile, Line: 2, Col: 1}, // absent: the frontmatter
		"/countries/99": {File: validFile, Line: 5, Col: 1}, // nearest ancestor
	} {
		if got := doc.FieldPos(ptr); got != want {
			t.Errorf("FieldPos(%q) = %v, want %v", ptr, got, want)
		}
	}
	wantBody := strings.Repeat("\n", 11) + "\n# Konza Technopolis\n\nBody text.\n"
	if string(doc.Body) != wantBody {
		t.Errorf("Body = %q, want %q (frontmatter blanked, lines kept)", doc.Body, wantBody)
	}

	home := docByFile(c, "en/_index.md")
	if home == nil || home.Kind != KindPage || home.Blueprint != nil || home.Path != "_index.md" ||
		!reflect.DeepEqual(home.Meta, PageMeta{Title: "Home", Weight: -1, Menu: true}) {
		t.Errorf("home = %+v", home)
	}

	ar := docByFile(c, "ar/blueprints/x.md")
	if ar == nil || ar.Lang != "ar" || ar.Path != "blueprints/x.md" || ar.Blueprint.Title != "كونزا" {
		t.Fatalf("ar = %+v", ar)
	}
	if got := ar.FieldPos("/countries/0"); got.Line != 5 || got.Col != 13 {
		t.Errorf("CRLF file: FieldPos(/countries/0) = %v, want line 5 col 13", got)
	}
	if n := bytes.Count(ar.Body, []byte("\n")); n != 12 || bytes.Contains(ar.Body, []byte("\r")) {
		t.Errorf("CRLF file: Body = %q, want 12 LF-only lines", ar.Body)
	}
}

func TestLoadOtherFormats(t *testing.T) {
	c, diags := Load(testFS(t, map[string]string{
		"en/blueprints/toml.md": tomlBlueprint + "[translation]\ntranslated = 2024-02-01\n" +
			"method = \"human\"\n+++\n\nBody.\n",
		"en/blueprints/semi.md":   ";;;\n" + jsonBlueprint + ";;;\n\nBody.\n",
		"en/blueprints/dashes.md": "---json\n" + jsonBlueprint + "---\n\nBody.\n",
		"en/blueprints/brace.md":  jsonBlueprint + "\nBody.\n",
	}), Options{})
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", listString(diags))
	}
	toml := docByFile(c, "en/blueprints/toml.md")
	if toml == nil {
		t.Fatal("TOML blueprint did not load")
	}
	if bp := toml.Blueprint; bp.LastReviewed != "2024-01-15" || bp.Translation == nil ||
		bp.Translation.Translated != "2024-02-01" || bp.Type != "incubator" || fmt.Sprint(bp.SDGs) != "[9]" {
		t.Errorf("TOML Blueprint = %+v (translation %+v)", bp, bp.Translation)
	}
	if got := toml.FieldPos("/type"); got.Line != 4 || got.Col != 1 {
		t.Errorf("TOML FieldPos(/type) = %v, want line 4 col 1", got)
	}
	if got := toml.FieldPos("/translation"); got.Line != 9 {
		t.Errorf("TOML FieldPos(/translation) = %v, want line 9", got)
	}
	for file, metaLine := range map[string]int{"en/blueprints/semi.md": 2, "en/blueprints/dashes.md": 2, "en/blueprints/brace.md": 1} {
		doc := docByFile(c, file)
		if doc == nil {
			t.Errorf("%s did not load", file)
			continue
		}
		bp := doc.Blueprint
		if bp.Type != "incubator" || fmt.Sprint(bp.Countries) != "[KE global]" || bp.Period == nil || bp.Period.Start != 2019 ||
			bp.Funding == nil || bp.Funding.Amount != 1.5e6 || bp.LastReviewed != "2024-01-15" {
			t.Errorf("%s: Blueprint = %+v", file, bp)
		}
		// "type" is on the fourth line of the JSON object.
		if got := doc.FieldPos("/type"); got.Line != metaLine+3 || got.Col != 11 {
			t.Errorf("%s: FieldPos(/type) = %v, want line %d col 11", file, got, metaLine+3)
		}
		if n, want := bytes.Count(doc.Body, []byte("\n")), strings.Count(jsonBlueprint, "\n")+2; n < want {
			t.Errorf("%s: Body has %d lines, want at least %d", file, n, want)
		}
	}
}

// TestLoadAliasBombIsFast checks a larger billion laughs well inside the
// size cap finishes quickly: aliases must never be expanded.
func TestLoadAliasBombIsFast(t *testing.T) {
	var b strings.Builder
	b.WriteString("---\na: &a [" + strings.TrimSuffix(strings.Repeat(`"lol",`, 50), ",") + "]\n")
	for i := 1; i < 40; i++ {
		fmt.Fprintf(&b, "k%d: &k%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*%s,", prevAnchor(i)), 50), ","))
	}
	b.WriteString("---\n")
	start := time.Now()
	c, diags := Load(testFS(t, map[string]string{bad: b.String()}), Options{})
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Load took %v", d)
	}
	if docByFile(c, bad) != nil {
		t.Error("alias bomb loaded")
	}
	found := false
	for _, d := range diags {
		if d.Pos.File == bad && d.Severity == diag.Error && strings.Contains(d.Message, "anchors and aliases") {
			found = true
		}
	}
	if !found {
		t.Errorf("no anchors-and-aliases error:\n%s", listString(diags))
	}
}

// TestLoadTOMLManyKeys checks that every key of a large TOML frontmatter is
// found at its line. Finding positions was once quadratic in the number of
// keys; a regression shows as this test taking minutes (speed itself is for
// benchmarks, not tests). The frontmatter size cap now bounds the keys.
func TestLoadTOMLManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(tomlBlueprint)
	const keys = 3000 - 40 // as many as fit in the frontmatter size cap
	for i := range keys {
		fmt.Fprintf(&b, "k%05d = 1\n", i)
	}
	b.WriteString("+++\n")
	fsys := testFS(t, map[string]string{bad: b.String()})
	_, diags := Load(fsys, Options{})
	if n := len(diags); n != keys {
		t.Errorf("%d diagnostics, want one unknown field per key:\n%s", n, listString(diags[:min(len(diags), 3)]))
	}
	if want := errAt(bad, 9+keys-1, 1, fmt.Sprintf(`unknown field "k%05d"`, keys-1)); !slicesContainsFunc(diags, want.matches) {
		t.Errorf("missing %s", want)
	}
}

func slicesContainsFunc(l diag.List, f func(diag.Diagnostic) bool) bool {
	for _, d := range l {
		if f(d) {
			return true
		}
	}
	return false
}

func prevAnchor(i int) string {
	if i == 1 {
		return "a"
	}
	return fmt.Sprintf("k%d", i-1)
}

// TestLoadSymlinks needs a real directory: fstest.MapFS cannot hold links.
func TestLoadSymlinks(t *testing.T) {
	dir := t.TempDir()
	bp, page := realSchemas(t)
	write := func(name string, data []byte) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", []byte(testSiteYAML))
	write("schema/blueprint.schema.json", bp)
	write("schema/page.schema.json", page)
	write(validFile, []byte(validBlueprint))
	write("outside/secret.md", []byte("---\ntitle: Secret\n---\n"))
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("cannot create symbolic links here: %v", err)
		}
	}
	link("konza.md", "en/blueprints/link.md")
	link("../../outside/secret.md", "en/blueprints/escape.md")
	link("../outside", "en/linkdir")
	link("/etc/passwd", "en/passwd.md")

	c, diags := Load(os.DirFS(dir), Options{})
	want := []wantDiag{
		errAt("en/blueprints/link.md", 0, 0, "symbolic link"),
		errAt("en/blueprints/escape.md", 0, 0, "symbolic link"),
		errAt("en/linkdir", 0, 0, "symbolic link"),
		errAt("en/passwd.md", 0, 0, "symbolic link"),
		// outside/ is itself an undeclared top-level directory.
		errAt("outside", 0, 0, "not a language declared"),
	}
	if problems := checkDiags(diags, want, false); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
	if len(c.Documents) != 1 || c.Documents[0].File != validFile {
		t.Errorf("Documents: only %s should load, got %d", validFile, len(c.Documents))
	}
}

// FuzzLoadDocument feeds arbitrary bytes as one blueprint of an otherwise
// valid site. Load must not panic or hang, every diagnostic of the file must
// have a sane position, and a loaded document must keep every line.
func FuzzLoadDocument(f *testing.F) {
	for _, seed := range []string{
		blueprint(),
		validBlueprint,
		crlf(blueprint("tags: [a, b]")),
		"\uFEFF" + blueprint(),
		tomlBlueprint + "+++\n",
		";;;\n" + jsonBlueprint + ";;;\n",
		"---json\n" + jsonBlueprint + "---\n",
		jsonBlueprint + "\n",
		"---\ntitle: T\n",
		"+++\ntitle = \n+++\n",
		"{\n",
		blueprint("  bad: x"),
		blueprint("titel: x", "type: incubater", `sdgs: "nine"`),
		blueprint("draft: yes", "stage: no", "last_reviewed: 2024-02-30"),
		blueprint("...", "draft: true"),
		blueprint("<<: *a"),
		aliasBomb(),
		blueprint() + "\xff\x00",
		"---\r---\r",
		"",
		"---",
		"---\n---",
		"\n\n\n---\n\n---\n\n",
	} {
		f.Add([]byte(seed))
	}
	bp, page := realSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) { checkLoadOne(t, bp, page, data) })
}

// checkLoadOne loads data as one blueprint of an otherwise valid site and
// checks what every fuzz target of this package promises: no panic or
// hang, every diagnostic of the file at a sane position, and a loaded
// document that keeps every line.
func checkLoadOne(t *testing.T, bp, page, data []byte) {
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte(testSiteYAML)},
		"schema/blueprint.schema.json": {Data: bp},
		"schema/page.schema.json":      {Data: page},
		validFile:                      {Data: []byte(validBlueprint)},
		bad:                            {Data: data},
	}
	start := time.Now()
	c, diags := Load(fsys, Options{})
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("Load took %v", d)
	}
	clean := bytes.TrimPrefix(data, []byte("\uFEFF"))
	clean = bytes.ReplaceAll(clean, []byte("\r\n"), []byte("\n"))
	clean = bytes.ReplaceAll(clean, []byte("\r"), []byte("\n"))
	lines := bytes.Count(clean, []byte("\n")) + 1
	for _, d := range diags {
		if d.Pos.File != bad {
			t.Errorf("diagnostic for another file: %s", d)
			continue
		}
		if d.Pos.Line < 0 || d.Pos.Col < 0 || d.Pos.Line > lines+1 {
			t.Errorf("bad position %v for a file of %d lines: %s", d.Pos, lines, d)
		}
		if d.Pos.Line == 0 && d.Pos.Col != 0 {
			t.Errorf("column without a line: %s", d)
		}
	}
	if docByFile(c, validFile) == nil {
		t.Errorf("%s did not load", validFile)
	}
	doc := docByFile(c, bad)
	if doc != nil {
		if diags.Errors() > 0 {
			t.Errorf("loaded despite errors:\n%s", listString(diags))
		}
		if got, want := bytes.Count(doc.Body, []byte("\n")), bytes.Count(clean, []byte("\n")); got != want {
			t.Errorf("Body has %d newlines, cleaned input %d", got, want)
		}
		if doc.Blueprint == nil || doc.Kind != KindBlueprint {
			t.Errorf("loaded without a Blueprint: %+v", doc)
		}
	} else if diags.Errors() == 0 {
		t.Errorf("not loaded, but no error")
	}
}

// FuzzLoadTOML explores the TOML decoder and the checks around it: the
// fuzzer's bytes are the text between "+++" lines.
func FuzzLoadTOML(f *testing.F) {
	for _, seed := range []string{
		strings.TrimPrefix(tomlBlueprint, "+++\n"),
		"x = [[[[1]]]]\n",
		"x = {a = {b = {c = 1}}}\n",
		"a.b.c.d = 1\n[t.u.v]\nw = 2\n",
		"s = \"\"\"\n[[[\n\"\"\"\nt = '''x'''\n",
		"f = nan\ng = inf\n[[a]]\n[[a]]\n",
		"x = \"\\u0000\"\n# [[[\n",
	} {
		f.Add([]byte(seed))
	}
	bp, page := realSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoadOne(t, bp, page, append(append([]byte("+++\n"), data...), "\n+++\nBody.\n"...))
	})
}

// FuzzLoadJSON explores JSON frontmatter: the fuzzer's bytes are the
// object between ";;;" lines.
func FuzzLoadJSON(f *testing.F) {
	for _, seed := range []string{
		jsonBlueprint,
		`{"title": "T", "x": [[[[1]]]]}`,
		`{"title": "\u0000\ud800", "title": 1}`,
		`{"a": 1e999, "b": -0, "c": 12345678901234567890}`,
		`[1, 2]`,
		`{"title": "T"} {"draft": true}`,
	} {
		f.Add([]byte(seed))
	}
	bp, page := realSchemas(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		checkLoadOne(t, bp, page, append(append([]byte(";;;\n"), data...), "\n;;;\nBody.\n"...))
	})
}

func TestEscapePointer(t *testing.T) {
	for in, want := range map[string]string{"title": "title", "a/b": "a~1b", "a~b": "a~0b", "~/": "~0~1", "~1": "~01"} {
		if got := escapePointer(in); got != want {
			t.Errorf("escapePointer(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLoadDeepFrontmatter loads frontmatter nested far past any real use
// in each format. The TOML decoder needs time and memory growing with the
// square of the depth (1.9 GB at 40,000 levels, out of memory at 100,000),
// so deep nesting must be refused before decoding, at the place it goes
// too deep, with memory to match the file's size.
func TestLoadDeepFrontmatter(t *testing.T) {
	// As deep as fits in the frontmatter size cap.
	const n = 10_000
	open, closeN := strings.Repeat("[", n), strings.Repeat("]", n)
	tests := []struct {
		name string
		file string
		want wantDiag
	}{
		// Each error is at the first opener past the limit: the 33rd.
		{"TOML arrays", tomlBlueprint + "x = " + open + closeN + "\n+++\n", errAt(bad, 9, 5+32, "nests more than 32 levels")},
		{"TOML inline tables", tomlBlueprint + "x = " + strings.Repeat("{a=", n/2) + "1" + strings.Repeat("}", n/2) + "\n+++\n", errAt(bad, 9, 5+32*3, "nests more than 32 levels")},
		{"TOML dotted key", tomlBlueprint + "x" + strings.Repeat(".a", n) + " = 1\n+++\n", errAt(bad, 9, 2+32*2, "nests more than 32 levels")},
		{"TOML table header", tomlBlueprint + "[x" + strings.Repeat(".a", n) + "]\nb = 1\n+++\n", errAt(bad, 9, 3+31*2, "nests more than 32 levels")},
		{"TOML after a multi-line string", tomlBlueprint + "s = \"\"\"\n[[[\n\"\"\"\nx = " + open + closeN + "\n+++\n", errAt(bad, 12, 5+32, "nests more than 32 levels")},
		{"TOML brackets in strings do not count", tomlBlueprint + "s = '" + open[:1000] + "'\nt = \"" + open[:1000] + "\"\nx = " + open + closeN + "\n+++\n", errAt(bad, 11, 5+32, "nests more than 32 levels")},
		// YAML and JSON: the YAML parser itself stops at 10,000 levels.
		{"YAML flow lists", "---\ntitle: T\nx: " + strings.Repeat("[", 9000) + strings.Repeat("]", 9000) + "\n---\n", errAt(bad, 3, 4+32, "nests more than 32 levels")},
		{"YAML block lists", "---\ntitle: T\nx:\n" + strings.Repeat("- ", 9000) + "a\n---\n", errAt(bad, 4, 1+32*2, "nests more than 32 levels")},
		{"over the size cap", "---\ntitle: T\ntags:\n" + strings.Repeat("- a\n", MaxFrontmatterSize/4) + "---\n", errAt(bad, 2, 1, "over the 32768-byte limit")},
		{"JSON", "{\n\"title\": \"T\",\n\"x\": " + strings.Repeat(`{"a":`, 5000) + "1" + strings.Repeat("}", 5000) + "\n}\n", errAt(bad, 3, 6+32*5, "nests more than 32 levels")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(t, map[string]string{bad: tt.file})
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			c, diags := Load(fsys, Options{})
			runtime.ReadMemStats(&after)
			if docByFile(c, bad) != nil {
				t.Error("loaded")
			}
			if problems := checkDiags(diags, []wantDiag{tt.want}, true); len(problems) > 0 {
				t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
			}
			// The schemas and the valid blueprint take a few MB; a
			// decoder that went down the nesting takes gigabytes.
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
				t.Errorf("Load allocated %d MB for a %d KB file", alloc>>20, len(tt.file)>>10)
			}
		})
	}
}

// TestLoadTOMLNonFiniteDeep checks that a nan deep in TOML frontmatter is
// still reported at its field, now that the path is built only on error.
func TestLoadTOMLNonFiniteDeep(t *testing.T) {
	file := tomlBlueprint + "[funding]\namount = nan\n+++\n"
	_, diags := Load(testFS(t, map[string]string{bad: file}), Options{})
	if problems := checkDiags(diags, []wantDiag{errAt(bad, -1, 0, "funding.amount", "not a finite number")}, true); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
}

// TestLoadSiteLanguages: a language the site cannot be built in is refused
// at its entry in site.yaml. "und" once loaded and then crashed the build
// (CLDR has no names in it), and "static" failed later with an error that
// named no file.
func TestLoadSiteLanguages(t *testing.T) {
	const head = "title: T\nlanguages:\n  - {code: en, name: English}\n"
	tests := []struct {
		name, lang string
		want       wantDiag
	}{
		{"undetermined", "  - code: und\n    name: Und\n", errAt("site.yaml", 4, 5, `"und" names no language CLDR has`)},
		{"multiple", "  - {code: mul, name: Many}\n", errAt("site.yaml", 4, 5, `"mul" names no language`)},
		{"not well-formed", "  - {code: static, name: Static}\n", errAt("site.yaml", 4, 5, `"static" is not a BCP 47 language tag`)},
		{"unknown", "  - {code: xx, name: X}\n", errAt("site.yaml", 4, 5, `"xx" is not a BCP 47 language tag`)},
		{"bad direction at its line", "  - {code: fr, name: Français, direction: up}\n", errAt("site.yaml", 4, 5, `direction "up"`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testFS(t, nil)
			fsys["site.yaml"] = &fstest.MapFile{Data: []byte(head + tt.lang)}
			_, diags := Load(fsys, Options{})
			if problems := checkDiags(diags, []wantDiag{tt.want}, false); len(problems) > 0 {
				t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
			}
		})
	}
	// Which languages CLDR has names for is i18n's TestCheckLanguage.
}

// TestLoadTrustedFilesChecked: site.yaml and the schemas are read by name,
// and were read before any check: site.yaml linked to /dev/zero grew until
// memory ran out, linked to /etc/passwd it was quoted in the error. They
// get the checks every content file gets.
func TestLoadTrustedFilesChecked(t *testing.T) {
	bp, page := realSchemas(t)
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string)
		want  wantDiag
	}{
		{"site.yaml linked to /dev/zero", func(t *testing.T, dir string) {
			symlink(t, "/dev/zero", filepath.Join(dir, "site.yaml"))
		}, errAt("site.yaml", 0, 0, "symbolic link")},
		{"site.yaml linked to /etc/passwd", func(t *testing.T, dir string) {
			symlink(t, "/etc/passwd", filepath.Join(dir, "site.yaml"))
		}, errAt("site.yaml", 0, 0, "symbolic link")},
		{"schema linked", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "schema/page.schema.json"))
			symlink(t, "/etc/passwd", filepath.Join(dir, "schema/page.schema.json"))
		}, errAt("schema/page.schema.json", 0, 0, "symbolic link")},
		{"schema directory linked", func(t *testing.T, dir string) {
			os.Rename(filepath.Join(dir, "schema"), filepath.Join(dir, "elsewhere"))
			symlink(t, "elsewhere", filepath.Join(dir, "schema"))
		}, errAt("schema", 0, 0, "symbolic link")},
		{"vocabulary linked", func(t *testing.T, dir string) {
			os.MkdirAll(filepath.Join(dir, "data"), 0o755)
			symlink(t, "/dev/zero", filepath.Join(dir, filepath.FromSlash(vocabularyFile)))
		}, errAt(vocabularyFile, 0, 0, "symbolic link")},
		{"site.yaml a directory", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, "site.yaml"))
			os.Mkdir(filepath.Join(dir, "site.yaml"), 0o755)
		}, errAt("site.yaml", 0, 0, "not a regular file")},
		{"site.yaml over the cap", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(testSiteYAML+"# "+strings.Repeat("x", DefaultMaxFileSize)+"\n"), 0o644)
		}, errAt("site.yaml", 0, 0, "over the")},
		{"site.yaml not UTF-8", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(testSiteYAML+"description: caf\xe9\n"), 0o644)
		}, errAt("site.yaml", 6, 17, "invalid UTF-8")},
		{"schema with a NUL byte", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, "schema/blueprint.schema.json"), append([]byte("\x00"), bp...), 0o644)
		}, errAt("schema/blueprint.schema.json", 1, 1, "NUL byte")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, data := range map[string][]byte{"site.yaml": []byte(testSiteYAML), "schema/blueprint.schema.json": bp, "schema/page.schema.json": page, validFile: []byte(validBlueprint)} {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			tt.setup(t, dir)
			_, diags := Load(os.DirFS(dir), Options{})
			if problems := checkDiags(diags, []wantDiag{tt.want}, true); len(problems) > 0 {
				t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
			}
			if strings.Contains(listString(diags), "root:") {
				t.Errorf("an error quotes /etc/passwd:\n%s", listString(diags))
			}
		})
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	os.Remove(name)
	if err := os.Symlink(target, name); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
}

// TestLoadNameSpellings: one page has one spelling of its file name.
// "ihub-nairobi.MD" beside "ihub-nairobi.md" published a second copy, and
// a decomposed (NFD) "café.md" did not pair with its composed translation.
func TestLoadNameSpellings(t *testing.T) {
	nfd := "en/cafe\u0301.md"
	long := "en/" + strings.Repeat("\u062b", 127) + ".md" // 257 bytes: over NAME_MAX
	c, diags := Load(testFS(t, map[string]string{
		"en/ihub-nairobi.MD": "---\ntitle: Upper\n---\n",
		"en/ihub-nairobi.md": "---\ntitle: Lower\n---\n",
		"en/x.Md":            "---\ntitle: Mixed\n---\n",
		nfd:                  "---\ntitle: Decomposed\n---\n",
		"ar/caf\u00e9.md":    "---\ntitle: Composed\n---\n",
		"en/blue\u0301/a.md": "---\ntitle: In a decomposed directory\n---\n",
		long:                 "---\ntitle: Long\n---\n",
	}), Options{})
	want := []wantDiag{
		errAt("en/ihub-nairobi.MD", 0, 0, `the extension ".MD" must be written ".md"`),
		errAt("en/x.Md", 0, 0, `the extension ".Md" must be written ".md"`),
		errAt(nfd, 0, 0, "not in Unicode normal form C", "caf\u00e9.md"),
		errAt("en/blue\u0301", 0, 0, "not in Unicode normal form C"),
		errAt(long, 0, 0, "file name is 257 bytes long; file systems allow 255"),
	}
	if problems := checkDiags(diags, want, false); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
	for _, f := range []string{"en/ihub-nairobi.md", "ar/caf\u00e9.md"} {
		if docByFile(c, f) == nil {
			t.Errorf("%s did not load", f)
		}
	}
}

// TestLoadWarnsInvisible: bidi overrides and zero-width characters in a
// title or body passed with no word; now a warning at the first of them.
func TestLoadWarnsInvisible(t *testing.T) {
	c, diags := Load(testFS(t, map[string]string{
		"en/a.md": "---\ntitle: \"Pay \u202Eten\u202C dollars\"\n---\nBody.\n",
		"en/b.md": "---\ntitle: B\n---\n\nad\u200Bmin and ad\u200Bmin\n",
		"ar/c.md": "---\ntitle: \u0645\u0631\u062D\u0628\u0627\u200F 2024\n---\n\u0646\u0635\u200C\u0646\u0635\n", // RLM and ZWNJ are writing, not tricks
	}), Options{})
	want := []wantDiag{
		{file: "en/a.md", line: 2, col: 13, sev: diag.Warning, msgs: []string{"U+202E RIGHT-TO-LEFT OVERRIDE", "and 1 more"}},
		{file: "en/b.md", line: 5, col: 3, sev: diag.Warning, msgs: []string{"U+200B ZERO WIDTH SPACE", "and 1 more"}},
	}
	if problems := checkDiags(diags, want, false); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
	for _, f := range []string{"en/a.md", "en/b.md", "ar/c.md"} {
		if docByFile(c, f) == nil {
			t.Errorf("%s did not load: a warning must not refuse it", f)
		}
	}
}

// TestLoadAssetsSniffed: assets were published with no look at their
// content: HTML saved as .png, a PDF with a JavaScript action. Each asset
// must be what its extension says, and a PDF must carry no active content,
// however its names are spelled or compressed.
func TestLoadAssetsSniffed(t *testing.T) {
	deflate := func(s string) string {
		var b bytes.Buffer
		w := zlib.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	pdf := func(body string) string { return "%PDF-1.7\n" + body + "\n%%EOF\n" }
	gif := "GIF89a\x01\x00\x01\x00\x00\x00\x00;"
	tests := []struct {
		file, data string
		msg        string // "" means it loads
	}{
		{"en/a.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ""},
		{"en/a.jpg", "\xff\xd8\xff\xe0\x00\x10JFIF\x00", ""},
		{"en/a.gif", gif, ""},
		{"en/a.webp", "RIFF\x00\x00\x00\x00WEBPVP8 ", ""},
		{"en/a.avif", "\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf", ""},
		{"en/a.pdf", pdf("1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction [3 0 R /Fit] >> endobj"), ""},
		{"en/html.png", "<!DOCTYPE html><script>alert(1)</script>", `content is text/html, not the image/png`},
		{"en/gif.jpg", gif, `content is image/gif, not the image/jpeg`},
		{"en/text.pdf", "hello", `content is text/plain, not the application/pdf`},
		{"en/js.pdf", pdf("1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"), "PDF with active content (/JavaScript)"},
		{"en/escaped.pdf", pdf("1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj"), "PDF with active content (/JavaScript)"},
		{"en/launch.pdf", pdf("1 0 obj << /A << /S /Launch /F (cmd.exe) >> >> endobj"), "PDF with active content (/Launch)"},
		{"en/compressed.pdf", pdf("5 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n" + deflate("<< /S /JavaScript /JS (x) >>") + "endstream endobj"), "PDF with active content (/JavaScript)"},
	}
	files := map[string]string{}
	for _, tt := range tests {
		files[tt.file] = tt.data
	}
	c, diags := Load(testFS(t, files), Options{})
	var want []wantDiag
	for _, tt := range tests {
		loaded := slices.ContainsFunc(c.Assets, func(a Asset) bool { return a.File == tt.file })
		if tt.msg == "" {
			if !loaded {
				t.Errorf("%s did not load", tt.file)
			}
			continue
		}
		if loaded {
			t.Errorf("%s loaded", tt.file)
		}
		want = append(want, errAt(tt.file, 0, 0, tt.msg))
	}
	if problems := checkDiags(diags, want, false); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
}

// TestLoadManyTags: each tag becomes a page in every language, so 4,000
// tags in one blueprint's frontmatter (under its size cap) made 4,000
// pages and cost fifteen times a plain file to publish. The schema caps
// tags and target groups.
func TestLoadManyTags(t *testing.T) {
	var tags []string
	for i := range 31 {
		tags = append(tags, fmt.Sprintf("t%d", i))
	}
	_, diags := Load(testFS(t, map[string]string{bad: blueprint("tags: [" + strings.Join(tags, ", ") + "]")}), Options{})
	if problems := checkDiags(diags, []wantDiag{errAt(bad, 9, 7, "tags: 31 values, more than the 30 allowed")}, false); len(problems) > 0 {
		t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
	}
}
