package content

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// TestNaughtyStringsUnquoted writes every string of the Big List of Naughty
// Strings (internal/testdata/blns, see its README) unquoted into YAML
// frontmatter, where it can break the YAML itself: as a title, a summary and
// a tag. Load must not panic, every error must point into the file at a
// line, and a string YAML reads as another type ("true", "1E2", "null") is
// an error, never a title.
func TestNaughtyStringsUnquoted(t *testing.T) {
	data, err := os.ReadFile("../testdata/blns/blns.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatal(err)
	}
	bp, page := realSchemas(t)
	fsys := fstest.MapFS{
		"site.yaml":                    {Data: []byte(testSiteYAML)},
		"schema/blueprint.schema.json": {Data: bp},
		"schema/page.schema.json":      {Data: page},
	}
	files := map[string]string{}
	for i, s := range list {
		for field, line := range map[string]string{"title": "title: " + s, "summary": "summary: " + s, "tags": "tags: [" + s + "]"} {
			file := fmt.Sprintf("en/blueprints/%03d-%s.md", i, field)
			src := "---\n" + strings.Join(withLine(field, line), "\n") + "\n---\nBody.\n"
			fsys[file] = &fstest.MapFile{Data: []byte(src)}
			files[file] = s
		}
	}
	c, diags := Load(fsys, Options{})
	failed := map[string]bool{}
	for _, d := range diags {
		if _, ok := files[d.Pos.File]; !ok || d.Pos.Line < 1 {
			t.Errorf("diagnostic without a line in a corpus file: %v", d)
		}
		failed[d.Pos.File] = true
	}
	loaded := 0
	for _, doc := range c.Documents {
		if failed[doc.File] {
			continue
		}
		loaded++
		s := files[doc.File]
		if strings.HasSuffix(doc.File, "-title.md") && !strings.Contains(s, strings.TrimSpace(doc.Blueprint.Title)) {
			t.Errorf("%s: title %q is not text of the line %q", doc.File, doc.Blueprint.Title, s)
		}
	}
	t.Logf("%d strings, %d files, %d loaded without a diagnostic", len(list), len(files), loaded)
	if loaded < len(list) {
		t.Errorf("only %d of %d files loaded; the test no longer reaches the schema", loaded, len(files))
	}
}

// withLine is a valid blueprint's frontmatter lines with field's line
// replaced.
func withLine(field, line string) []string {
	lines := []string{"title: T", "summary: S", "type: incubator", "countries: [KE]", "sdgs: [9]", "stage: pilot", "last_reviewed: 2024-01-15", "tags: [t]"}
	for i, l := range lines {
		if strings.HasPrefix(l, field+":") {
			lines[i] = line
		}
	}
	return lines
}
