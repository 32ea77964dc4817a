package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoaderRemembers: a Loader gives back the same Document for a file
// whose bytes did not change, decodes a changed one again, forgets what it
// decoded when a schema changes, and Reload refuses what Load refuses.
func TestLoaderRemembers(t *testing.T) {
	dir := t.TempDir()
	bp, page := realSchemas(t)
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("site.yaml", testSiteYAML)
	write("schema/blueprint.schema.json", string(bp))
	write("schema/page.schema.json", string(page))
	write(validFile, validBlueprint)
	write("en/about.md", "---\ntitle: About\n---\nText.\n")

	l := NewLoader(os.DirFS(dir), Options{})
	doc := func(c *Content, file string) *Document {
		t.Helper()
		for _, d := range c.Documents {
			if d.File == file {
				return d
			}
		}
		t.Fatalf("no document %s", file)
		return nil
	}
	first, diags := l.Load()
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	second, _ := l.Load()
	if doc(first, validFile) != doc(second, validFile) {
		t.Error("an unchanged file was decoded again")
	}

	write("en/about.md", "---\ntitle: About us\n---\nText.\n")
	reloaded, diags, err := l.Reload("en/about.md")
	if err != nil || diags.Err() != nil || reloaded.Meta.Title != "About us" {
		t.Fatalf("Reload: %v %v %+v", err, diags.Err(), reloaded)
	}
	third, _ := l.Load()
	if doc(third, "en/about.md") != reloaded {
		t.Error("Load decoded again what Reload had just decoded")
	}

	write("schema/page.schema.json", strings.Replace(string(page), `"title"`, `"title" `, 1))
	fourth, _ := l.Load()
	if doc(fourth, validFile) == doc(third, validFile) {
		t.Error("a changed schema did not make the files decode again")
	}

	if _, _, err := l.Reload("en/new.md"); err == nil {
		t.Error("Reload of a file Load never read succeeded")
	}
	os.Remove(filepath.Join(dir, "en/about.md"))
	if err := os.Symlink(validFile[len("en/"):], filepath.Join(dir, "en/about.md")); err != nil {
		t.Skipf("cannot create symbolic links here: %v", err)
	}
	if _, _, err := l.Reload("en/about.md"); err == nil {
		t.Error("Reload followed a symbolic link")
	}
}
