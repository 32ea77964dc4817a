package site

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

// The public corpora are in internal/testdata/; its README names
// their sources, versions and licenses.
const corpusDir = "../testdata/"

func xssVectors(t *testing.T) []string {
	t.Helper()
	var vectors []string
	for _, name := range []string{"xss/owasp.txt", "xss/markdown.txt"} {
		f, err := os.Open(corpusDir + name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if sc.Text() != "" {
				vectors = append(vectors, sc.Text())
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	if len(vectors) < 100 {
		t.Fatalf("only %d XSS vectors loaded", len(vectors))
	}
	return vectors
}

func naughtyStrings(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(corpusDir + "blns/blns.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	if len(list) < 400 {
		t.Fatalf("only %d naughty strings loaded", len(list))
	}
	return list
}

// corpusBuild is the outcome of building many hostile documents at once.
type corpusBuild struct {
	out      *Output
	rejected map[string]string // content file → the errors that named it
}

// buildCorpus builds a one-language site holding docs (content path →
// file). A whole build per test string would take minutes, so all of them
// go into one site; an error in one document must not hide the output of
// the others, so the documents that errors name are taken out and the rest
// built again. Every error must name a file that is there, since "fails
// with a clear diagnostic naming the file" is the promise under test.
func buildCorpus(t *testing.T, docs map[string]string) corpusBuild {
	t.Helper()
	fsys := siteFS(t, "-- content/site.yaml --\ntitle: Corpus\nbase_url: https://example.org/\nlanguages: [{code: en, name: English}]\n")
	for name, data := range docs {
		if !fs.ValidPath(name) {
			t.Fatalf("test bug: %q is not a path an fs.FS can hold", name)
		}
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	result := corpusBuild{rejected: map[string]string{}}
	for round := 1; ; round++ {
		start := time.Now()
		out, diags := Build(context.Background(), Config{Content: fsys, Today: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)})
		t.Logf("round %d: %d files, %d diagnostics, %s", round, len(fsys), len(diags), time.Since(start).Round(time.Millisecond))
		if diags.Err() == nil {
			if out == nil {
				t.Fatal("build without errors returned no output")
			}
			// What check accepts, build must write: check and build
			// differ only in writing, which once failed on its own.
			if err := writeOutput(t, out); err != nil {
				t.Fatalf("check accepts the corpus, but writing it fails: %v", err)
			}
			result.out = out
			return result
		}
		if round == 5 {
			t.Fatalf("still failing after %d rounds of taking out the files errors named:\n%v", round, diags)
		}
		named := map[string]bool{}
		for _, d := range diags {
			if d.Severity != diag.Error {
				continue
			}
			// An error on a directory (a bad name) names every file in it.
			files := slices.Collect(func(yield func(string) bool) {
				for name := range fsys {
					if (name == d.Pos.File || strings.HasPrefix(name, d.Pos.File+"/")) && strings.HasSuffix(name, ".md") && !yield(name) {
						return
					}
				}
			})
			if d.Pos.File == "" || len(files) == 0 {
				t.Fatalf("error names no content file of the corpus: %q", d)
			}
			for _, file := range files {
				named[file] = true
				result.rejected[file] += d.String() + "\n"
			}
		}
		for file := range named {
			delete(fsys, file)
		}
	}
}

// checkTextAccepted checks that the documents carrying a test string only
// as text (file → string) were built: text is escaped on output, not
// refused, unless the schema's length limits refuse it.
func checkTextAccepted(t *testing.T, res corpusBuild, textDocs map[string]string) {
	t.Helper()
	for file, s := range textDocs {
		msg, ok := res.rejected[file]
		if !ok {
			continue
		}
		for _, line := range strings.Split(strings.TrimSpace(msg), "\n") {
			if !strings.Contains(line, " characters long; ") && !strings.Contains(line, " is empty; write it") {
				t.Errorf("%s: a string as text was refused, not escaped: %q:\n%s", file, s, msg)
				break
			}
		}
	}
}

// yamlString quotes s as a YAML double-quoted scalar, escaping what YAML
// does not allow raw in a stream (C0 and C1 controls, DEL, surrogates and
// non-characters), so every test string reaches the decoder intact.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == 0x09 || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd || r >= 0x10000 && r <= 0x10ffff:
			b.WriteRune(r)
		case r <= 0xffff:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			fmt.Fprintf(&b, `\U%08X`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// textBlueprint is a valid blueprint with s in every free-text field of its
// frontmatter. Its URL-, slug- and enum-typed fields are left valid, so the
// only reason to reject it is s itself.
func textBlueprint(s, body string) string {
	q := yamlString(s)
	return "---\ntitle: " + q + "\nsummary: " + q + `
type: fund
countries: [KE]
sdgs: [1]
stage: idea
last_reviewed: 2026-01-01
tags: [corpus]
organizations:
  - {name: ` + q + `, role: lead, url: "https://example.org/org"}
sources:
  - {title: ` + q + `, url: "https://example.org/src", publisher: ` + q + `}
outcomes:
  - {indicator: ` + q + `, value: 1, unit: ` + q + `, source: "https://example.org/out"}
---
` + body
}

// typedBlueprints put s in the fields the schema constrains, one kind to
// a blueprint so that a rejected tag does not hide how a URL is written:
// tags and target groups; every URL field as s; every URL field as s
// appended to a web address. Most such values are rejected, which must name
// the file; those accepted must come out safe.
func typedBlueprints(s string) map[string]string {
	q := yamlString(s)
	web := yamlString("https://example.org/" + s)
	head := "---\ntitle: Typed\nsummary: Typed fields.\ntype: fund\ncountries: [KE]\nsdgs: [1]\nstage: idea\nlast_reviewed: 2026-01-01\n"
	urls := func(u string) string {
		return "organizations:\n  - {name: Org, url: " + u + "}\nsources:\n  - {title: Source, url: " + u + "}\noutcomes:\n  - {indicator: Jobs, value: 1, source: " + u + "}\n"
	}
	return map[string]string{
		"tags": head + "tags: [" + q + "]\ntarget_groups: [" + q + "]\n---\nBody.\n",
		"url":  head + urls(q) + "---\nBody.\n",
		"web":  head + urls(web) + "---\nBody.\n",
	}
}

// page is a plain page with s as its title and summary.
func page(s, body string) string {
	return "---\ntitle: " + yamlString(s) + "\nsummary: " + yamlString(s) + "\n---\n" + body
}

// TestXSSCorpusSite puts every OWASP filter-evasion vector and Markdown XSS
// payload into a site: in the free-text frontmatter fields of a blueprint
// and a page, in that page's heading, table, footnote, link text and image
// alt text, in link and image destinations, in the typed frontmatter fields,
// and in a file name. Whatever builds must be safe in every output file.
// Text must be escaped, not refused: a blueprint carrying a vector as text
// is rejected only when the schema's length limits say so.
func TestXSSCorpusSite(t *testing.T) {
	vectors := xssVectors(t)
	docs := map[string]string{}
	textDocs := map[string]string{} // file → vector, for the text-only blueprints
	for i, v := range vectors {
		name := fmt.Sprintf("en/blueprints/xss-%03d-text.md", i)
		docs[name] = textBlueprint(v, "Body.\n")
		textDocs[name] = v
		// The vectors are Markdown too: links among them may point to
		// missing pages, which is an error, so the body goes in a page
		// of its own.
		body := strings.ReplaceAll(`## VECTOR

VECTOR

| VECTOR | [VECTOR](https://example.org/) |
|---|---|
| ![VECTOR](https://example.org/i.png) | *VECTOR* |

Note[^1].

[^1]: VECTOR
`, "VECTOR", v)
		docs[fmt.Sprintf("en/xss-%03d-body.md", i)] = page(fmt.Sprint("Body ", i), body)
		links := strings.ReplaceAll("[x](VECTOR) ![y](VECTOR) [z][r] <VECTOR>\n\n[r]: VECTOR\n", "VECTOR", v)
		docs[fmt.Sprintf("en/xss-%03d-links.md", i)] = page(v, links)
		for kind, doc := range typedBlueprints(v) {
			docs[fmt.Sprintf("en/blueprints/xss-%03d-%s.md", i, kind)] = doc
		}
		if file := "en/blueprints/" + v + ".md"; fs.ValidPath(file) && !strings.Contains(v, "/") {
			docs[file] = textBlueprint(fmt.Sprint("Named ", i), "Body.\n")
		}
	}
	res := buildCorpus(t, docs)
	checkOutputSafe(t, res.out)
	checkTextAccepted(t, res, textDocs)
	survivors := len(docs) - len(res.rejected)
	t.Logf("%d vectors, %d documents, %d rejected", len(vectors), len(docs), len(res.rejected))
	if survivors < 2*len(vectors) {
		t.Errorf("only %d of %d documents built; the corpus no longer tests the output", survivors, len(docs))
	}
}

// TestNaughtyStringsSite puts every string of the Big List of Naughty
// Strings in every free-text frontmatter field of a blueprint and a page, in
// the schema-typed fields, and in file names (as slug of a blueprint and of
// a page under a directory of its own). The build must not panic; each file
// either builds with safe output or is rejected by an error naming it.
func TestNaughtyStringsSite(t *testing.T) {
	list := naughtyStrings(t)
	docs := map[string]string{}
	textDocs := map[string]string{}
	for i, s := range list {
		text, pg := fmt.Sprintf("en/blueprints/blns-%03d-text.md", i), fmt.Sprintf("en/blns-%03d-page.md", i)
		docs[text] = textBlueprint(s, "Body: "+s+"\n")
		docs[pg] = page(s, "Body.\n")
		textDocs[text], textDocs[pg] = s, s
		for kind, doc := range typedBlueprints(s) {
			docs[fmt.Sprintf("en/blueprints/blns-%03d-%s.md", i, kind)] = doc
		}
		for _, file := range []string{"en/blueprints/" + s + ".md", fmt.Sprintf("en/names/%03d/%s.md", i, s)} {
			// A name fs.FS cannot hold ("..", "a//b", "/x") never reaches
			// Load: neither os.DirFS nor any other FS yields one.
			if _, taken := docs[file]; fs.ValidPath(file) && !taken {
				docs[file] = page(fmt.Sprintf("Named %d", i), "Body.\n")
			}
		}
	}
	res := buildCorpus(t, docs)
	checkOutputSafe(t, res.out)
	checkTextAccepted(t, res, textDocs)
	rejected := slices.Sorted(maps.Keys(res.rejected))
	t.Logf("%d strings, %d documents, %d rejected", len(list), len(docs), len(rejected))
	if survivors := len(docs) - len(rejected); survivors < len(list) {
		t.Errorf("only %d of %d documents built; the corpus no longer tests the output", survivors, len(docs))
	}
}
