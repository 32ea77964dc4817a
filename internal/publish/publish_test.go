package publish

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func write(t *testing.T, dir string, files map[string]string) error {
	t.Helper()
	data := map[string][]byte{}
	var paths []string
	for name, s := range files {
		data[name] = []byte(s)
		paths = append(paths, name)
	}
	slices.Sort(paths)
	return Write(dir, data, paths)
}

func TestWriteReplacesWholeTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := write(t, dir, map[string]string{"a/index.html": "<p>one</p>", "stale.txt": "old"}); err != nil {
		t.Fatal(err)
	}
	if err := write(t, dir, map[string]string{"a/index.html": "<p>two</p>"}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("public/ mode = %v, %v; want 0755 so a web server can read it", fi.Mode(), err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "a/index.html"))
	if err != nil || !strings.Contains(string(got), "two") {
		t.Errorf("a/index.html = %q, %v; want the new content", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "stale.txt")); !os.IsNotExist(err) {
		t.Errorf("stale.txt survived a rebuild (err %v)", err)
	}
	entries, _ := os.ReadDir(filepath.Dir(dir))
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("temporary directories left beside public/: %v", names)
	}
}

func TestWriteRefusesPathsOutsideAndKeepsOldTree(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := write(t, dir, map[string]string{"index.html": "<p>good</p>"}); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/etc/x.html", "a/../../x.html", `a\..\x.html`} {
		err := write(t, dir, map[string]string{"index.html": "<p>new</p>", bad: "x"})
		if err == nil {
			t.Errorf("Write accepted the path %q", bad)
		}
	}
	got, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if !strings.Contains(string(got), "good") {
		t.Errorf("a failed write changed public/: %q", got)
	}
	if _, err := os.Stat(filepath.Join(parent, "escape.html")); !os.IsNotExist(err) {
		t.Error("a file was written outside public/")
	}
}

func TestWriteThroughSymlinkIsRefused(t *testing.T) {
	// os.Root refuses to follow a link out of the tree even if one appears
	// mid-write; here the tree is fresh, so a path through "link" fails.
	dir := filepath.Join(t.TempDir(), "public")
	outside := t.TempDir()
	if err := write(t, dir, map[string]string{"index.html": "x"}); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	// A fresh build never sees the old tree's link: it writes a new tree.
	if err := write(t, dir, map[string]string{"link/x.html": "x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(outside, "x.html")); !os.IsNotExist(err) {
		t.Error("wrote through a symlink into another directory")
	}
}

func TestMinifyByMediaType(t *testing.T) {
	mf := NewMinifier()
	tests := []struct{ name, in, want string }{
		{"a.html", "<p>\n  hello  </p>", "<p>hello</p>"},
		{"a.css", "a { color : red ; }", "a{color:red}"},
		{"a.json", "{ \"a\" : 1 }", `{"a":1}`},
		{"a.xml", "<a>\n  <b/>\n</a>", "<a><b/></a>"},
		{"a.png", "  raw  ", "  raw  "},
		{"a.js", "var  a = [ 1, 2 ] ;", "var a=[1,2]"},
		// Named as minified already: left as written.
		{"search/en/shard-1.min.js", "f( [ 1, 2 ] );", "f( [ 1, 2 ] );"},
		{"a.MIN.CSS", "a { }", "a { }"},
	}
	for _, tt := range tests {
		got, err := mf.Minify(tt.name, []byte(tt.in))
		if err != nil || string(got) != tt.want {
			t.Errorf("Minify(%s, %q) = %q, %v; want %q", tt.name, tt.in, got, err, tt.want)
		}
	}
}

func TestWriteZip(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "site.zip")
	files := map[string][]byte{"index.html": []byte("<p>\n hi </p>"), "en/a/index.html": []byte("<p>a</p>")}
	paths := []string{"en/a/index.html", "index.html"}
	if err := WriteZip(name, "site", files, paths); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(name)
	if err := WriteZip(name, "site", files, paths); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(name)
	if string(first) != string(second) {
		t.Error("the same site made two different archives")
	}
	r, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var names []string
	for _, f := range r.File {
		names = append(names, f.Name)
	}
	if want := []string{"site/en/a/index.html", "site/index.html"}; !slices.Equal(names, want) {
		t.Errorf("archive holds %v, want %v", names, want)
	}
	if err := WriteZip(name, "site", map[string][]byte{"../x": nil}, []string{"../x"}); err == nil {
		t.Error("packed a path outside the archive's folder")
	}
}

// TestMinifyRunsOfReferences: the minifier shortens each character
// reference in place and moves the rest of the text up, so a page of
// 400,000 quotes took 90 seconds to publish. Such a page must come out as
// written (still the same HTML), and an ordinary page minified.
func TestMinifyRunsOfReferences(t *testing.T) {
	const n = 400_000
	page := func(body string) string {
		return "<!doctype html><html><body>\n  <p>" + body + "</p>\n</body></html>"
	}
	tests := []struct {
		name, file, data string
		minified         bool
	}{
		{"ordinary page", "a/index.html", page(strings.Repeat("R&amp;D &quot;hub&quot; ", 2000)), true},
		{"quotes in text", "a/index.html", page(strings.Repeat("&quot;", n)), false},
		{"ampersands in text", "a/index.html", page(strings.Repeat("&amp;", n)), false},
		{"quotes between words", "a/index.html", page(strings.Repeat("a&#34;", n)), false},
		{"quotes in an attribute", "a/index.html", page(`<img alt="` + strings.Repeat("&quot;", n) + `" src="x.png">`), false},
		{"quotes in a feed", "en/index.xml", "<feed>\n  <title>" + strings.Repeat("&quot;", n) + "</title>\n</feed>", false},
	}
	mf := NewMinifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mf.Minify(tt.file, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			if minified := string(got) != tt.data; minified != tt.minified {
				t.Errorf("minified = %v, want %v (work %d, limit %d)", minified, tt.minified, entityWork([]byte(tt.data)), maxEntityWork)
			}
		})
	}
}

// FuzzMinify feeds arbitrary markup to the minifier as each media type
// the site writes. It must not panic, must keep valid UTF-8 valid, and
// must stay linear: a page on which it would not (entityWork over the
// bound) comes back as it was.
func FuzzMinify(f *testing.F) {
	for _, seed := range []string{
		"<!doctype html><html><body><p>a &amp; b &quot;c&quot;</p></body></html>",
		`<a href="x?a=1&amp;b=2" title="&#34;q&#34;">x</a>`,
		"<pre>  keep  &lt; </pre><script>var a = 1 < 2;</script>",
		"<feed><title>a &amp;&amp; b</title><entry/></feed>",
		`{"a": "&quot;", "b": [1, 2]}`,
		`<svg><text>&amp;&amp;</text></svg>`,
		strings.Repeat("&quot;", 1000),
	} {
		for _, name := range []string{"x.html", "x.xml", "x.json", "x.svg"} {
			f.Add(name, []byte(seed))
		}
	}
	mf := NewMinifier()
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		got, err := mf.Minify(name, data)
		if err != nil {
			return // malformed JSON, say: the build reports it
		}
		if utf8.Valid(data) && !utf8.Valid(got) {
			t.Errorf("minifying %s made valid UTF-8 invalid: %q → %q", name, data, got)
		}
		if isMarkup(mediaType(name)) && entityWork(data) > maxEntityWork && !bytes.Equal(got, data) {
			t.Errorf("%s over the work bound was minified", name)
		}
	})
}
