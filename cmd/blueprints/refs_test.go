package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// TestEveryLocalReferenceResolves is the reference gate: in the online
// build and in the --offline build of the bundled site, every local URL in
// every HTML file (href, src, srcset, action, formaction, poster and
// URL-valued data-* attributes), every url() and @import in CSS, and every
// file the "save this language" lists name, points at a file of the output.
// Offline, a link to a directory must name its index.html, as file:// shows
// no index page.
func TestEveryLocalReferenceResolves(t *testing.T) {
	for _, mode := range []struct {
		name string
		args []string
		site refSite
	}{
		{"online", nil, refSite{BaseURL: "https://openblueprints.org/"}},
		{"offline", []string{"--offline"}, refSite{Offline: true}},
	} {
		t.Run(mode.name, func(t *testing.T) {
			out := buildBundled(t, mode.args...)
			start := time.Now()
			problems, checked := checkReferences(os.DirFS(out), mode.site)
			for _, p := range problems {
				t.Error(p)
			}
			t.Logf("%d references in %d files checked in %s", checked.refs, checked.files, time.Since(start).Round(time.Millisecond))
		})
	}
}

// TestReferenceGateCatchesBrokenReferences: the gate reports a form that
// submits to a page that does not exist, a stylesheet's url() to a missing
// image, a srcset candidate, a URL-valued data-* attribute, a link that
// climbs out of the site, an absolute URL of the site that has no file, and
// offline, a link to a directory; the references that resolve pass.
func TestReferenceGateCatchesBrokenReferences(t *testing.T) {
	files := map[string]string{
		"index.html": `<!DOCTYPE html><link rel="stylesheet" href="static/style.css?v=1">
<a href="en/">English</a> <a href="en/index.html#top">top</a> <a href="https://example.org/x">out</a> <a href="#main">skip</a>
<form action="en/search/index.htmlindex.html"></form>
<img src="static/a.png" srcset="static/a.png 1x, static/missing@2x.png 2x" alt="">
<div data-root="" data-list="offline/en.json" data-index="search/xx/" data-saved="Saved, %d/%d files"></div>
<a href="../outside.html">out</a> <a href="https://openblueprints.org/en/">canonical</a> <a href="https://openblueprints.org/fr/">gone</a>
<a href="/en/">root-relative</a>`,
		"en/index.html":        `<a href="../index.html">home</a><form action="search/"></form>`,
		"en/search/index.html": `<p>search</p>`,
		"static/style.css":     `body { background: url("a.png") } .x { background: url(missing.svg) } @import "gone.css"; .d { background: url(data:image/png;base64,AAAA) }`,
		"static/a.png":         "png",
		"offline/en.json":      `["", "en/", "en/nothing/"]`,
	}
	dir := t.TempDir()
	for name, data := range files {
		writeFile(t, dir+"/"+name, data)
	}
	fsys := os.DirFS(dir)

	online, _ := checkReferences(fsys, refSite{BaseURL: "https://openblueprints.org/"})
	wantOnline := []string{
		`index.html: action="en/search/index.htmlindex.html": en/search/index.htmlindex.html does not exist`,
		`index.html: srcset="static/a.png 1x, static/missing@2x.png 2x": static/missing@2x.png does not exist`,
		`index.html: data-index="search/xx/": search/xx does not exist`,
		`index.html: href="../outside.html": leads out of the site`,
		`index.html: href="https://openblueprints.org/fr/": fr/index.html does not exist`,
		`offline/en.json: "en/nothing/": en/nothing/index.html does not exist`,
		`static/style.css: url(missing.svg): static/missing.svg does not exist`,
		`static/style.css: @import "gone.css": static/gone.css does not exist`,
	}
	assertProblems(t, "online", online, wantOnline)

	offline, _ := checkReferences(fsys, refSite{Offline: true})
	wantOffline := append(wantOnline[:3:3],
		`index.html: href="../outside.html": leads out of the site`,
		`index.html: href="/en/": a root-relative URL does not work from disk`,
		`index.html: href="en/": names a directory; offline links must name its index.html`,
		`en/index.html: action="search/": names a directory; offline links must name its index.html`,
	)
	wantOffline = append(wantOffline, wantOnline[5:]...)
	assertProblems(t, "offline", offline, wantOffline)
}

func assertProblems(t *testing.T, what string, got, want []string) {
	t.Helper()
	missing := map[string]bool{}
	for _, w := range want {
		missing[w] = true
	}
	for _, g := range got {
		if !missing[g] {
			t.Errorf("%s: unexpected problem: %s", what, g)
		}
		delete(missing, g)
	}
	for _, w := range want {
		if missing[w] {
			t.Errorf("%s: the gate missed: %s", what, w)
		}
	}
}

// refSite says how a built site is meant to be read.
type refSite struct {
	// Offline: read from disk, where a link to a directory shows no index
	// page and a root-relative URL leads to the file system's root.
	Offline bool
	// BaseURL is the site's published address ("https://example.org/kb/"),
	// if any: absolute URLs under it are links into the output, and so are
	// root-relative ones under its path.
	BaseURL string
}

// refCount is how much a check covered.
type refCount struct{ files, refs int }

// urlAttrs are the attributes whose value a browser loads or follows as one
// URL; srcset and data-* are handled apart.
var urlAttrs = map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "poster": true}

// cssURL matches url(…) and @import "…" in a style sheet.
var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// checkReferences checks every local reference of a built site and returns
// the problems, one per broken reference, as "file: attribute="value": what
// is wrong", in file order.
func checkReferences(fsys fs.FS, site refSite) ([]string, refCount) {
	var problems []string
	var count refCount
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		var refs []reference
		switch {
		case path.Ext(name) == ".html":
			refs, err = htmlReferences(data)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			}
		case path.Ext(name) == ".css":
			refs = cssReferences(data)
		case path.Dir(name) == "offline" && path.Ext(name) == ".json":
			refs, err = offlineListReferences(data)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: %v", name, err))
			}
		default:
			return nil
		}
		count.files++
		count.refs += len(refs)
		for _, r := range refs {
			if p := site.resolve(fsys, name, r); p != "" {
				problems = append(problems, fmt.Sprintf("%s: %s: %s", name, r.where, p))
			}
		}
		return nil
	})
	if err != nil {
		problems = append(problems, err.Error())
	}
	return problems, count
}

// reference is one URL found in a file.
type reference struct {
	url   string
	where string // how the file writes it: `href="…"`, `url(…)`
	// dir: the URL names a directory that a script appends file names to
	// (data-root="../"), so it needs no index.html.
	dir bool
	// fromRoot: the URL is relative to the site's root, not to the file
	// (the save-for-offline lists).
	fromRoot bool
}

func htmlReferences(data []byte) ([]reference, error) {
	var refs []reference
	z := html.NewTokenizer(bytes.NewReader(data))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				return refs, z.Err()
			}
			return refs, nil
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		for _, a := range tok.Attr {
			where := fmt.Sprintf("%s=%q", a.Key, a.Val)
			switch {
			case urlAttrs[a.Key]:
				refs = append(refs, reference{url: a.Val, where: where})
			case a.Key == "srcset":
				for _, candidate := range strings.Split(a.Val, ",") {
					if f := strings.Fields(candidate); len(f) > 0 {
						refs = append(refs, reference{url: f[0], where: where})
					}
				}
			case strings.HasPrefix(a.Key, "data-") && urlValued(a.Val):
				refs = append(refs, reference{url: a.Val, where: where, dir: strings.HasSuffix(a.Val, "/")})
			}
		}
	}
}

// urlValued tells a data-* value that is a URL (data-root="../../",
// data-list="../offline/en.json") from text and JSON (data-saved="Saved",
// data-messages="{…}"): one token with a slash or a file extension.
func urlValued(v string) bool {
	if v == "" || strings.ContainsAny(v, " \t\n{}[]%") {
		return false
	}
	return strings.Contains(v, "/") || fileExtension.MatchString(v)
}

var fileExtension = regexp.MustCompile(`\.[a-z0-9]{1,5}$`)

func cssReferences(data []byte) []reference {
	var refs []reference
	for _, m := range cssURL.FindAllSubmatch(data, -1) {
		u := string(bytes.Join(m[1:], nil)) // one group matched
		where := fmt.Sprintf("url(%s)", m[0][strings.Index(string(m[0]), "(")+1:len(m[0])-1])
		if bytes.HasPrefix(m[0], []byte("@import")) {
			where = string(m[0])
		}
		refs = append(refs, reference{url: u, where: where})
	}
	return refs
}

// offlineListReferences reads a save-for-offline list: the site paths of
// a language's files, relative to the site's root.
func offlineListReferences(data []byte) ([]reference, error) {
	var paths []string
	if err := json.Unmarshal(data, &paths); err != nil {
		return nil, fmt.Errorf("not a JSON list of paths: %v", err)
	}
	var refs []reference
	for _, p := range paths {
		if p == "" {
			continue // the site's root page
		}
		refs = append(refs, reference{url: p, where: fmt.Sprintf("%q", p), fromRoot: true})
	}
	return refs, nil
}

// resolve finds the file a reference in file names and returns what is
// wrong with it, or "".
func (s refSite) resolve(fsys fs.FS, file string, r reference) string {
	u, err := url.Parse(r.url)
	if err != nil {
		return err.Error()
	}
	target := ""
	switch {
	case u.Scheme != "" || u.Host != "":
		if s.BaseURL == "" || !strings.HasPrefix(r.url, s.BaseURL) {
			return "" // leaves the site; not checked
		}
		target = strings.TrimPrefix(u.Path, basePath(s.BaseURL))
	case strings.HasPrefix(u.Path, "/"):
		if s.Offline {
			return "a root-relative URL does not work from disk"
		}
		base := basePath(s.BaseURL)
		if !strings.HasPrefix(u.Path, base) {
			return fmt.Sprintf("a root-relative URL outside the site's path %s", base)
		}
		target = strings.TrimPrefix(u.Path, base)
	case u.Path == "":
		return "" // "#fragment" or "?query" on the page itself
	case r.fromRoot:
		target = u.Path
	default:
		target = path.Join(path.Dir(file), u.Path)
		if strings.HasSuffix(u.Path, "/") {
			target += "/"
		}
	}
	isDir := target == "" || strings.HasSuffix(target, "/") || target == "."
	target = path.Clean("./" + target)
	if target == ".." || strings.HasPrefix(target, "../") {
		return "leads out of the site"
	}
	if info, err := fs.Stat(fsys, target); err == nil && info.IsDir() {
		isDir = true
	}
	if isDir {
		if r.dir {
			if info, err := fs.Stat(fsys, target); err != nil || !info.IsDir() {
				return target + " does not exist"
			}
			return ""
		}
		if s.Offline && !r.fromRoot {
			return "names a directory; offline links must name its index.html"
		}
		target = path.Join(target, "index.html")
	}
	if _, err := fs.Stat(fsys, target); err != nil {
		return target + " does not exist"
	}
	return ""
}

// basePath is the path of a base URL, "/" when there is none.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}
