package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/themes"
)

// TestServeUsesThemeOnDisk: a site with its own themes/default/ is built
// with it, not with the copy embedded in the binary, and serve rebuilds
// when a layout or a message catalog of it is edited.
func TestServeUsesThemeOnDisk(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: Own theme\nlanguages: [{code: en, name: English}]\n",
		"content/en/about.md": "---\ntitle: About\n---\nHello.\n",
	})
	theme := filepath.Join(dir, "themes", "default")
	if err := os.CopyFS(theme, themes.Default()); err != nil {
		t.Fatal(err)
	}
	// Files copied from an embed.FS are read-only.
	filepath.WalkDir(theme, func(p string, d os.DirEntry, err error) error {
		if err == nil {
			os.Chmod(p, 0o755)
		}
		return err
	})
	base := filepath.Join(theme, "layouts", "base.html")
	layout, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	marked := strings.Replace(string(layout), "</body>", "<p id=\"own-theme\">from the theme on disk</p></body>", 1)
	if marked == string(layout) {
		t.Fatal("base.html has no </body> to mark")
	}
	writeFile(t, base, marked)

	url := startServe(t, dir)
	if page := fetch(t, url+"en/about/"); !strings.Contains(page, "from the theme on disk") {
		t.Fatalf("the page was not built with themes/default/ on disk:\n%s", page)
	}

	writeFile(t, base, strings.Replace(marked, "from the theme on disk", "edited under serve", 1))
	eventually(t, "the page follows an edit of a layout", func() bool {
		return strings.Contains(fetch(t, url+"en/about/"), "edited under serve")
	})

	catalog := filepath.Join(theme, "i18n", "en.json")
	data, err := os.ReadFile(catalog)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), `"Skip to content"`, `"Jump to the text"`, 1)
	if edited == string(data) {
		t.Fatal(`en.json has no "Skip to content" to edit`)
	}
	writeFile(t, catalog, edited)
	eventually(t, "the page follows an edit of a message catalog", func() bool {
		return strings.Contains(fetch(t, url+"en/about/"), "Jump to the text")
	})
}
