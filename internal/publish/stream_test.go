package publish

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// listDir lists a directory's names, to see what is left beside public/.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Pages written from many goroutines all arrive, minified; the old site
// stays in sight, whole, until Commit swaps the new one in.
func TestStreamConcurrentWritesAppearOnlyAtCommit(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := write(t, dir, map[string]string{"index.html": "<p>old</p>", "gone.txt": "old"}); err != nil {
		t.Fatal(err)
	}
	st, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Abort()
	const n = 200
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			for i := w; i < n; i += 8 {
				name := fmt.Sprintf("en/p%d/index.html", i)
				if err := st.Write(name, []byte(fmt.Sprintf("<p>\n  page %d  </p>", i))); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if err := st.Write("index.html", []byte("<p>new</p>")); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); strings.Join(got, " ") != "gone.txt index.html" {
		t.Errorf("before Commit public/ holds %v; want the old site only", got)
	}
	if old, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(old) != "<p>old</p>" {
		t.Errorf("before Commit index.html = %q; want the old page", old)
	}
	if st.Files() != n+1 {
		t.Errorf("Files() = %d, want %d", st.Files(), n+1)
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 7, n - 1} {
		got, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("en/p%d/index.html", i)))
		if want := fmt.Sprintf("<p>page %d</p>", i); err != nil || string(got) != want {
			t.Errorf("page %d = %q, %v; want %q (minified)", i, got, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "gone.txt")); !os.IsNotExist(err) {
		t.Errorf("a file of the old site survived Commit (err %v)", err)
	}
	if got := listDir(t, parent); len(got) != 1 {
		t.Errorf("beside public/ after Commit: %v; want public only", got)
	}
	if err := st.Write("late.html", nil); err == nil {
		t.Error("a write after Commit was accepted")
	}
	if err := st.Abort(); err != nil {
		t.Errorf("Abort after Commit: %v; want nothing done", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		t.Errorf("Abort after Commit removed the site: %v", err)
	}
}

// A failed write (a path outside the site, a path claimed twice) keeps
// Commit from publishing a site with a file missing; Abort leaves the old
// site and nothing beside it.
func TestStreamFailedWriteBlocksCommit(t *testing.T) {
	for _, tt := range []struct{ name, first, second string }{
		{"outside", "index.html", "../escape.html"},
		{"backslash", "index.html", `a\..\..\x.html`},
		{"twice", "a/index.html", "a/index.html"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "public")
			if err := write(t, dir, map[string]string{"index.html": "<p>good</p>"}); err != nil {
				t.Fatal(err)
			}
			st, err := Create(dir)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Write(tt.first, []byte("<p>new</p>")); err != nil {
				t.Fatal(err)
			}
			if err := st.Write(tt.second, []byte("<p>x</p>")); err == nil {
				t.Fatalf("Write(%q) after Write(%q) succeeded", tt.second, tt.first)
			}
			if err := st.Commit(); err == nil {
				t.Error("Commit published a site after a failed write")
			}
			if err := st.Abort(); err != nil {
				t.Fatal(err)
			}
			got, _ := os.ReadFile(filepath.Join(dir, "index.html"))
			if string(got) != "<p>good</p>" {
				t.Errorf("public/index.html = %q; want the old site", got)
			}
			if got := listDir(t, parent); len(got) != 1 {
				t.Errorf("beside public/ after Abort: %v; want public only", got)
			}
		})
	}
}

// ZipDir packs the written site byte for byte as WriteZip packs the
// files it came from: the offline zip can be made from disk, with
// nothing minified twice. "a-c/…" sorts before "a/…" as a path but after
// it in a walk of the tree; the archive follows the paths.
func TestZipDirEqualsWriteZip(t *testing.T) {
	files := map[string]string{
		"index.html":         "<p>\n  home  </p>",
		"a/b/index.html":     "<p>b</p>",
		"a-c/index.html":     "<p>c</p>",
		"a/style.css":        "a { color : red ; }",
		"search/en/x.min.js": "f( [ 1 ] );",
		"img/logo.png":       "\x89PNG raw",
	}
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := write(t, dir, files); err != nil {
		t.Fatal(err)
	}
	data := map[string][]byte{}
	var paths []string
	for name, s := range files {
		data[name] = []byte(s)
		paths = append(paths, name)
	}
	slices.Sort(paths)
	fromFiles := filepath.Join(parent, "files.zip")
	fromDir := filepath.Join(parent, "dir.zip")
	if err := WriteZip(fromFiles, "site", data, paths); err != nil {
		t.Fatal(err)
	}
	if err := ZipDir(fromDir, "site", dir); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(fromFiles)
	b, _ := os.ReadFile(fromDir)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Errorf("ZipDir made %d bytes unlike WriteZip's %d", len(b), len(a))
	}
}

// Send queues files for the workers; Commit waits for every one of them,
// and a failed one keeps the site from being published, whether Send or
// Commit is the first to hear of it.
func TestStreamSend(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	st, err := Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	const n = 500
	for i := range n {
		if err := st.Send(fmt.Sprintf("p/%d.html", i), []byte(fmt.Sprintf("<p>\n %d </p>", i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.Commit(); err != nil {
		t.Fatal(err)
	}
	if st.Files() != n {
		t.Errorf("Files() = %d after Commit, want %d: Commit did not wait for every file sent", st.Files(), n)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "p/499.html")); err != nil || string(got) != "<p>499</p>" {
		t.Errorf("p/499.html = %q, %v", got, err)
	}
	if err := st.Send("late.html", nil); err == nil {
		t.Error("Send after Commit was accepted")
	}

	st, err = Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Send("../escape.html", []byte("x"))
	for i := range n {
		st.Send(fmt.Sprintf("q/%d.html", i), []byte("<p>q</p>"))
	}
	if err := st.Commit(); err == nil {
		t.Error("Commit published a site after a failed Send")
	}
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); strings.Join(got, " ") != "p" {
		t.Errorf("after a failed stream public/ holds %v; want the old site", got)
	}
	if got := listDir(t, parent); len(got) != 1 {
		t.Errorf("beside public/ after Abort: %v; want public only", got)
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); !os.IsNotExist(err) {
		t.Error("a sent file escaped the site")
	}

	// Abort with files still queued waits for them before removing.
	st, err = Create(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		st.Send(fmt.Sprintf("r/%d.html", i), []byte("<p>r</p>"))
	}
	if err := st.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, parent); len(got) != 1 {
		t.Errorf("beside public/ after an Abort with files queued: %v", got)
	}
}
