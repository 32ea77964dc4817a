package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// syncBuffer is a bytes buffer safe to read while run writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startServe runs "blueprints serve" on a free port and returns its URL.
func startServe(t *testing.T, source string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"serve", "--source", source, "--port", "0"}, &stdout, &stderr) }()
	t.Cleanup(func() {
		cancel()
		<-done
		// The search index lived in a scratch directory, gone once serve
		// has returned.
		if left, _ := filepath.Glob(filepath.Join(source, ".blueprints", ".index-scratch-*")); len(left) > 0 {
			t.Errorf("serve left its scratch index behind: %v", left)
		}
	})
	re := regexp.MustCompile(`at (http://\S+/)`)
	// A wait for readiness, not a time limit on the build: the first build
	// of the bundled site under the race detector on a busy machine is slow.
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := re.FindStringSubmatch(stdout.String()); m != nil {
			return m[1]
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", stdout.String(), stderr.String())
	return ""
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBrowserLiveReload: open a page, edit its file, and the page changes
// by itself; break the frontmatter and an overlay names the file and line;
// fix it and the page recovers.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browser(t)
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: Live\nlanguages: [{code: en, name: English}]\n",
		"content/en/about.md": "---\ntitle: First title\n---\nHello.\n",
	})
	about := filepath.Join(dir, "content/en/about.md")
	url := startServe(t, dir)

	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("read %s: %v", sel, err)
		}
		return v
	}
	waitText := func(sel, want string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+"`"+sel+"`"+`)||{}).textContent||""`))
			if err == nil && strings.Contains(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q (last: %q, %v)", sel, want, got, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"en/about/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	if got := text("h1"); got != "First title" {
		t.Fatalf("h1 = %q", got)
	}
	writeFile(t, about, "---\ntitle: Second title\n---\nHello.\n")
	waitText("h1", "Second title")

	writeFile(t, about, "---\ntitle: Second title\ntypo: x\n---\nHello.\n")
	waitText("#blueprints-build-error", "content/en/about.md:3:1: unknown field \"typo\"")
	if got := text("h1"); got != "Second title" {
		t.Errorf("with a broken file the page shows %q; want the last good site", got)
	}

	writeFile(t, about, "---\ntitle: Third title\n---\nHello.\n")
	waitText("h1", "Third title")
	gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("blueprints-build-error") === null`))
	if err != nil || !gone {
		t.Errorf("overlay still shown after the fix (%v)", err)
	}

	// A body edit takes the incremental way; the page, the search API and
	// the static search files all follow it.
	writeFile(t, about, "---\ntitle: Third title\n---\nHello, zebracorn.\n")
	waitText(".prose", "zebracorn")
	eventually(t, "the search API finds the new word", func() bool {
		return strings.Contains(fetch(t, url+"api/search?lang=en&q=zebracorn"), `"en/about/"`)
	})
	eventually(t, "the static search files hold the new word", func() bool {
		for i := 0; ; i++ {
			shard, ok := fetchOK(t, fmt.Sprintf("%ssearch/en/shard-%d.min.js", url, i))
			if !ok {
				return false
			}
			if strings.Contains(shard, "zebracorn") {
				return true
			}
		}
	})
}

// eventually polls cond until it holds, for what a server finishes after
// the reload.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
	}
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	body, _ := fetchOK(t, url)
	return body
}

// fetchOK returns a URL's body, and whether it was found.
func fetchOK(t *testing.T, url string) (string, bool) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body), resp.StatusCode == http.StatusOK
}

// newSite writes a small site into a temporary directory: the given files
// plus the real schemas, so tests face the rules contributors face.
func newSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"blueprint.schema.json", "page.schema.json"} {
		data, err := os.ReadFile("../../content/schema/" + name)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, "content/schema", name), string(data))
	}
	for name, data := range files {
		writeFile(t, filepath.Join(dir, name), data)
	}
	return dir
}

// serveUnderSubPath serves a built site under /kb/, as a host serving it
// from a sub-directory would, and returns the site's URL.
func serveUnderSubPath(t *testing.T, out string) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.Handle("/kb/", http.StripPrefix("/kb/", http.FileServer(http.Dir(out))))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + "/kb/"
}

// TestBrowserBrokenStart (issue 20): serve started on a site that does not
// build showed a bare "404 page not found". Every page now lists the
// problems with file:line:col, follows later failures, and becomes the
// page once a build succeeds, all by itself.
func TestBrowserBrokenStart(t *testing.T) {
	ctx := browser(t)
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: Broken\nlanguages: [{code: en, name: English}]\n",
		"content/en/about.md": "---\ntitle: About\ntypo: x\n---\nHello.\n",
	})
	about := filepath.Join(dir, "content/en/about.md")
	url := startServe(t, dir)
	waitText := func(sel, want string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector(`+"`"+sel+"`"+`)||{}).textContent||""`))
			if err == nil && strings.Contains(got, want) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s never showed %q (last: %q, %v)", sel, want, got, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"en/about/"), chromedp.WaitVisible(chromedp.CSS("h1"))); err != nil {
		t.Fatal(err)
	}
	waitText("h1", "The site could not be built")
	waitText("main ul", `content/en/about.md:3:1: unknown field "typo"`)

	writeFile(t, about, "---\ntitle: About\ntypo2: x\n---\nHello.\n")
	waitText("main ul", `content/en/about.md:3:1: unknown field "typo2"`)
	overlay, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("blueprints-build-error") !== null`))
	if err != nil || overlay {
		t.Errorf("an overlay covers the list of problems (%v)", err)
	}

	writeFile(t, about, "---\ntitle: Fixed at last\n---\nHello.\n")
	waitText("h1", "Fixed at last")
}
