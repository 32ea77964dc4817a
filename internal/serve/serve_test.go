package serve

import (
	"bufio"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

func staticBuild(files map[string]string) BuildFunc {
	return func(context.Context, Changes) (*Site, diag.List) {
		out := map[string][]byte{}
		for k, v := range files {
			out[k] = []byte(v)
		}
		return &Site{Files: out}, nil
	}
}

func newTestServer(t *testing.T, cfg Config) (*Server, context.Context) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cfg.Addr = "127.0.0.1:0"
	s, err := Listen(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return s, ctx
}

func get(t *testing.T, s *Server, host, path string) *http.Response {
	t.Helper()
	req, err := http.NewRequest("GET", s.URL()+strings.TrimPrefix(path, "/"), nil)
	if err != nil {
		t.Fatal(err)
	}
	// Paths are sent as written, so traversal attempts reach the server.
	req.URL.Opaque = path
	if host != "" {
		req.Host = host
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestServesBuiltFilesSafely(t *testing.T) {
	s, _ := newTestServer(t, Config{Build: staticBuild(map[string]string{
		"index.html":          "<html><head></head><body>root</body></html>",
		"en/about/index.html": "<html><head></head><body>about</body></html>",
		"404.html":            "<html><head></head><body>not here</body></html>",
		"static/style.css":    "a{}",
		".secret":             "token",
		"en/.git/config":      "x",
	})})
	tests := []struct {
		name, host, path string
		status           int
		body             string
	}{
		{"root", "", "/", 200, "root"},
		{"page", "", "/en/about/", 200, "about"},
		{"directory without slash redirects", "", "/en/about", 301, ""},
		{"css", "", "/static/style.css", 200, "a{}"},
		{"missing is the 404 page", "", "/nope/", 404, "not here"},
		{"dotfile hidden", "", "/.secret", 404, "not here"},
		{"dot directory hidden", "", "/en/.git/config", 404, "not here"},
		{"traversal", "", "/../../etc/passwd", 404, "not here"},
		{"encoded traversal", "", "/%2e%2e/%2e%2e/etc/passwd", 404, "not here"},
		{"backslash traversal", "", "/..%5c..%5cetc/passwd", 404, "not here"},
		{"localhost host", "localhost:" + port(s), "/", 200, "root"},
		{"DNS rebinding host", "evil.example:" + port(s), "/", 421, ""},
		{"host without port", "localhost", "/", 421, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := get(t, s, tt.host, tt.path)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d (%s)", resp.StatusCode, tt.status, body)
			}
			if !strings.Contains(string(body), tt.body) {
				t.Errorf("body %q does not contain %q", body, tt.body)
			}
			if tt.body == "token" || strings.Contains(string(body), "token") {
				t.Error("served a dotfile")
			}
		})
	}
	resp := get(t, s, "", "/")
	if csp := resp.Header.Get("Content-Security-Policy"); csp != CSP {
		t.Errorf("CSP header = %q", csp)
	}
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), `<script src="/_blueprints/reload.js?v=1" defer></script></head>`) {
		t.Errorf("live-reload script not injected: %s", body)
	}
}

func port(s *Server) string {
	_, p, _ := strings.Cut(s.listener.Addr().String(), ":")
	return p
}

func TestEventStreamRefusesOtherOrigins(t *testing.T) {
	s, _ := newTestServer(t, Config{Build: staticBuild(map[string]string{"index.html": "x"})})
	req, _ := http.NewRequest("GET", s.URL()+"_blueprints/events", nil)
	req.Header.Set("Origin", "http://evil.example")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-origin event stream: status %d, want 403", resp.StatusCode)
	}
}

// treeBuild "builds" by reading every file under root, so the served site
// shows exactly what the watcher saw. A file containing "BROKEN" fails the
// build, as a content error would.
func treeBuild(root string, builds *atomic.Int32) BuildFunc {
	return func(context.Context, Changes) (*Site, diag.List) {
		builds.Add(1)
		out := map[string][]byte{}
		var diags diag.List
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !relevant(p) {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			if strings.Contains(string(data), "BROKEN") {
				diags.Errorf(diag.Pos{File: filepath.ToSlash(rel), Line: 2, Col: 1}, "broken on purpose")
			}
			out[filepath.ToSlash(rel)] = data
			return nil
		})
		if diags.Errors() > 0 {
			return nil, diags
		}
		return &Site{Files: out}, nil
	}
}

// events connects an SSE client and returns a channel of "name: data".
func events(t *testing.T, ctx context.Context, s *Server) <-chan string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"_blueprints/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		name := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- name + ": " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(ch)
	}()
	return ch
}

func waitFor(t *testing.T, ch <-chan string, prefix string) string {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("event stream ended while waiting for %q", prefix)
			}
			if strings.HasPrefix(ev, prefix) {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event", prefix)
		}
	}
}

func body(t *testing.T, s *Server, path string) string {
	t.Helper()
	resp := get(t, s, "", path)
	data, _ := io.ReadAll(resp.Body)
	return string(data)
}

// TestEditorAndGitSequences drives the real fsnotify watcher with what
// editors and Git do to files, and checks that each ends in one reload
// showing the new content.
func TestEditorAndGitSequences(t *testing.T) {
	root := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("en/a.md", "one")
	var builds atomic.Int32
	s, ctx := newTestServer(t, Config{Watch: []string{root}, Build: treeBuild(root, &builds)})
	ev := events(t, ctx, s)

	step := func(name string, do func(), path, want string) {
		t.Helper()
		do()
		waitFor(t, ev, "reload")
		// A burst may end in more than one build; wait until the last.
		deadline := time.Now().Add(5 * time.Second)
		for got := body(t, s, path); got != want; got = body(t, s, path) {
			if time.Now().After(deadline) {
				t.Fatalf("%s: %s = %q, want %q", name, path, got, want)
			}
			waitFor(t, ev, "reload")
		}
	}
	step("plain write", func() { write("en/a.md", "two") }, "/en/a.md", "two")
	step("atomic save", func() {
		write("en/.a.md.tmp", "three")
		if err := os.Rename(filepath.Join(root, "en/.a.md.tmp"), filepath.Join(root, "en/a.md")); err != nil {
			t.Fatal(err)
		}
	}, "/en/a.md", "three")
	step("vim: swap file, backup, write", func() {
		write("en/.a.md.swp", "swap")
		write("en/4913", "")
		os.Remove(filepath.Join(root, "en/4913"))
		os.Rename(filepath.Join(root, "en/a.md"), filepath.Join(root, "en/a.md~"))
		write("en/a.md", "four")
		os.Remove(filepath.Join(root, "en/a.md~"))
	}, "/en/a.md", "four")
	step("new nested directories", func() { write("fr/x/y/z/b.md", "deep") }, "/fr/x/y/z/b.md", "deep")
	step("a file in the new directory changes", func() { write("fr/x/y/z/b.md", "deeper") }, "/fr/x/y/z/b.md", "deeper")
	step("directory renamed", func() {
		if err := os.Rename(filepath.Join(root, "fr/x"), filepath.Join(root, "fr/w")); err != nil {
			t.Fatal(err)
		}
	}, "/fr/w/y/z/b.md", "deeper")
	step("a file in the renamed directory changes", func() { write("fr/w/y/z/b.md", "moved") }, "/fr/w/y/z/b.md", "moved")
	step("delete and re-add", func() {
		os.Remove(filepath.Join(root, "en/a.md"))
		write("en/a.md", "back")
	}, "/en/a.md", "back")

	// A checkout touching 300 files is a handful of rebuilds, not 300.
	before := builds.Load()
	step("checkout of 300 files", func() {
		for i := range 300 {
			write(filepath.Join("es", "p", strings.Repeat("d", i%5+1), "f"+string(rune('a'+i%26))+".md"), "v")
		}
		write("es/last.md", "done")
	}, "/es/last.md", "done")
	if n := builds.Load() - before; n > 20 {
		t.Errorf("300 file changes caused %d rebuilds; want them coalesced", n)
	}

	// A broken file keeps the last good site and reports the problem;
	// fixing it reloads.
	write("en/a.md", "BROKEN")
	if ev := waitFor(t, ev, "problems"); !strings.Contains(ev, "en/a.md:2:1: broken on purpose") {
		t.Errorf("problems event = %s", ev)
	}
	if got := body(t, s, "/en/a.md"); got != "back" {
		t.Errorf("after a failed build the server shows %q, want the last good %q", got, "back")
	}
	step("fix", func() { write("en/a.md", "fixed") }, "/en/a.md", "fixed")
}

func TestPollingFallback(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "a.md"), []byte("one"), 0o644)
	var builds atomic.Int32
	s, ctx := newTestServer(t, Config{Watch: []string{root}, Poll: 20 * time.Millisecond, Build: treeBuild(root, &builds)})
	ev := events(t, ctx, s)
	time.Sleep(30 * time.Millisecond) // a different mtime tick on coarse file systems
	os.WriteFile(filepath.Join(root, "a.md"), []byte("two!"), 0o644)
	waitFor(t, ev, "reload")
	if got := body(t, s, "/a.md"); got != "two!" {
		t.Errorf("after polling: %q", got)
	}
}

// TestWatcherReportsWhatChanged checks that the real fsnotify watcher
// names the files a burst touched, which incremental rebuilds depend on,
// including the new name of an atomic save and a renamed directory.
func TestWatcherReportsWhatChanged(t *testing.T) {
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "en", "dir"), 0o755)
	os.WriteFile(filepath.Join(root, "en", "a.md"), []byte("one"), 0o644)
	w := newWatcher([]string{root}, 0, t.Logf)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	// fsnotify starts watching inside run; an event on a probe file says
	// it has.
	probe := filepath.Join(root, "probe")
	seen := func(want ...string) {
		t.Helper()
		got := map[string]bool{}
		timeout := time.After(10 * time.Second)
		for {
			missing := false
			for _, p := range want {
				missing = missing || !got[p]
			}
			if !missing {
				return
			}
			select {
			case <-w.changes:
				c := w.take()
				if c.All {
					t.Fatalf("watcher lost events: %+v", c)
				}
				for _, p := range c.Paths {
					got[p] = true
				}
			case <-time.After(50 * time.Millisecond):
				os.WriteFile(probe, []byte("x"), 0o644)
			case <-timeout:
				t.Fatalf("watcher reported %v, want %v", got, want)
			}
		}
	}
	seen(probe)

	os.WriteFile(filepath.Join(root, "en", "a.md"), []byte("two"), 0o644)
	seen(filepath.Join(root, "en", "a.md"))

	os.WriteFile(filepath.Join(root, "en", ".a.md.tmp"), []byte("three"), 0o644)
	os.Rename(filepath.Join(root, "en", ".a.md.tmp"), filepath.Join(root, "en", "a.md"))
	seen(filepath.Join(root, "en", "a.md"))

	os.Rename(filepath.Join(root, "en", "dir"), filepath.Join(root, "en", "moved"))
	seen(filepath.Join(root, "en", "dir"), filepath.Join(root, "en", "moved"))
}

// TestFinishSwapsWithoutReload: a build's deferred work is served once it
// is done, without a second reload.
func TestFinishSwapsWithoutReload(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "a.md"), []byte("one"), 0o644)
	var builds atomic.Int32
	tree := treeBuild(root, &builds)
	finishing := make(chan struct{})
	build := func(ctx context.Context, c Changes) (*Site, diag.List) {
		site, diags := tree(ctx, c)
		if site != nil && !c.All {
			site.Finish = func(context.Context) (*Site, diag.List) {
				<-finishing
				files := map[string][]byte{"a.md": site.Files["a.md"], "search.js": []byte("finished")}
				return &Site{Files: files}, nil
			}
		}
		return site, diags
	}
	s, ctx := newTestServer(t, Config{Watch: []string{root}, Build: build})
	ev := events(t, ctx, s)
	os.WriteFile(filepath.Join(root, "a.md"), []byte("two"), 0o644)
	waitFor(t, ev, "reload")
	if got := body(t, s, "/a.md"); got != "two" {
		t.Fatalf("after the build: %q", got)
	}
	if resp := get(t, s, "", "/search.js"); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("search.js served before Finish: %d", resp.StatusCode)
	}
	close(finishing)
	for deadline := time.Now().Add(10 * time.Second); body(t, s, "/search.js") != "finished"; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the finished site was never served")
		}
	}
	select {
	case e := <-ev:
		t.Errorf("Finish sent an event: %s", e)
	default:
	}
}

// TestReloadAfterMissedBuild: a page whose event stream connects after a
// build it did not see (it was loading meanwhile) is told to reload at
// once; a page of the current build is not.
func TestReloadAfterMissedBuild(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "a.md"), []byte("one"), 0o644)
	var builds atomic.Int32
	s, ctx := newTestServer(t, Config{Watch: []string{root}, Build: treeBuild(root, &builds)})
	stream := func(v string) <-chan string {
		req, _ := http.NewRequestWithContext(ctx, "GET", s.URL()+"_blueprints/events?v="+v, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		ch := make(chan string, 10)
		go func() {
			defer resp.Body.Close()
			sc := bufio.NewScanner(resp.Body)
			for sc.Scan() {
				if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
					ch <- name
				}
			}
		}()
		return ch
	}
	current := stream("1")
	os.WriteFile(filepath.Join(root, "a.md"), []byte("two"), 0o644)
	waitFor(t, current, "reload")
	// The build ended; a page still showing build 1 connects now.
	if got := waitFor(t, stream("1"), "reload"); got != "reload" {
		t.Errorf("stale page got %q", got)
	}
	// A page of the current build gets nothing until the next build.
	fresh := stream("2")
	os.WriteFile(filepath.Join(root, "a.md"), []byte("three"), 0o644)
	waitFor(t, current, "reload")
	if got := <-fresh; got != "ok" {
		t.Errorf("a page of the current build got %q before the next build's events", got)
	}
}

// TestEditDuringFirstBuild: the first build of a large site takes a while;
// an edit made meanwhile is watched already and rebuilt once it ends.
func TestEditDuringFirstBuild(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "a.md")
	if err := os.WriteFile(file, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	var builds atomic.Int32
	read := treeBuild(root, &builds)
	build := func(ctx context.Context, c Changes) (*Site, diag.List) {
		site, diags := read(ctx, c)
		if builds.Load() == 1 { // the first build read "one"; now the edit
			if err := os.WriteFile(file, []byte("two"), 0o644); err != nil {
				t.Error(err)
			}
		}
		return site, diags
	}
	s, _ := newTestServer(t, Config{Watch: []string{root}, Build: build})
	deadline := time.Now().Add(10 * time.Second)
	for got := body(t, s, "/a.md"); got != "two"; got = body(t, s, "/a.md") {
		if time.Now().After(deadline) {
			t.Fatalf("an edit during the first build was missed: /a.md = %q", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestBrokenStart pins issue 20: a server started on a site that does not
// build answered every page with a bare "404 page not found" and logged
// that it still served a last good site it never had. Every page request
// now gets the problems, with file:line:col, and the live-reload script,
// until a build succeeds.
func TestBrokenStart(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "index.html"), []byte("<html><head></head><body>BROKEN <script>x</script></body></html>"), 0o644)
	var builds atomic.Int32
	var log strings.Builder
	var logMu sync.Mutex
	s, ctx := newTestServer(t, Config{Watch: []string{root}, Build: treeBuild(root, &builds), Log: lockedWriter{&logMu, &log}})
	for _, p := range []string{"/", "/en/guides/setup/", "/en/page.html"} {
		resp := get(t, s, "", p)
		page, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(string(page), "index.html:2:1: broken on purpose") ||
			!strings.Contains(string(page), `<script src="/_blueprints/reload.js?v=1&amp;site=0" defer></script>`) {
			t.Errorf("GET %s while no build succeeded: %d\n%s", p, resp.StatusCode, page)
		}
	}
	if resp := get(t, s, "", "/style.css"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a stylesheet while no build succeeded: %d, want 404", resp.StatusCode)
	}
	logMu.Lock()
	logged := log.String()
	logMu.Unlock()
	if strings.Contains(logged, "last good site") || !strings.Contains(logged, "no build has succeeded yet") {
		t.Errorf("log:\n%s", logged)
	}
	ev := events(t, ctx, s)
	os.WriteFile(filepath.Join(root, "index.html"), []byte("<html><head></head><body>fixed</body></html>"), 0o644)
	waitFor(t, ev, "reload")
	if got := body(t, s, "/"); !strings.Contains(got, "fixed") || strings.Contains(got, "site=0") {
		t.Errorf("after the fix: %q", got)
	}
	// Once a site was built, a failure keeps it served.
	os.WriteFile(filepath.Join(root, "index.html"), []byte("<html><head></head><body>BROKEN again</body></html>"), 0o644)
	waitFor(t, ev, "problems")
	if got := body(t, s, "/"); !strings.Contains(got, "fixed") {
		t.Errorf("after a later failure: %q", got)
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
