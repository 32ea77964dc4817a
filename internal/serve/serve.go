// Package serve is the development server behind "blueprints serve": it
// builds the site in memory, serves it on a loopback address, watches the
// content and theme directories, rebuilds after every burst of changes
// (telling the build which paths changed, so it can redo only what they
// touch) and tells open pages to reload through server-sent events. A
// build that fails keeps the last good site served and shows its problems
// in an overlay; until a first build succeeds, every page is a list of the
// problems that reloads itself.
//
// The server is meant for one person's machine, and hardened for the web
// pages that person may also have open: it checks the Host header (DNS
// rebinding), sets timeouts, serves only the built files from memory (no
// file system path is ever derived from a URL), hides dotfiles, and sends
// the same Content-Security-Policy as the published site.
//
// It is the only package that imports fsnotify.
package serve

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

//go:embed reload.js
var reloadJS []byte

// CSP is the Content-Security-Policy of the served pages; the published
// site sets the same policy in a meta element.
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'"

// BuildFunc builds the site into memory after the changes the watcher saw
// (the first build is told that everything changed); a nil Site means the
// build failed.
type BuildFunc func(ctx context.Context, changes Changes) (*Site, diag.List)

// Site is one build, as the server needs it.
type Site struct {
	Files map[string][]byte // output path → bytes
	// Search answers the search API; nil leaves the API out.
	Search func(ctx context.Context, r SearchRequest) (any, error)
	// Finish, when not nil, completes work the reload need not wait for
	// (the static search files after an edit). The server runs it in the
	// background after telling pages to reload, and serves the site it
	// returns in place of this one, without another reload. A nil Site
	// means the work was overtaken by a newer build.
	Finish func(ctx context.Context) (*Site, diag.List)
}

// SearchRequest is a request to the search API, already bounded.
type SearchRequest struct {
	Lang    string
	Query   string
	Filters map[string][]string // facet → accepted values (any of them)
	Size    int
	From    int
}

// Config says what to serve. Zero values are documented defaults.
type Config struct {
	Addr  string        // host:port to listen on; "" means 127.0.0.1:8090
	Watch []string      // directories to watch recursively
	Poll  time.Duration // >0 polls at this interval instead of using inotify
	Build BuildFunc
	Log   io.Writer // progress and problems; nil discards them
}

// Server is a running development server.
type Server struct {
	cfg      Config
	listener net.Listener
	logf     func(string, ...any)

	mu       sync.RWMutex
	site     *Site
	problems []string // of the last build; nil when it succeeded
	version  int      // counts successful builds and failures, for listeners
	changed  chan struct{}

	searchSlots chan struct{} // bounds concurrent searches

	watcher  *watcher   // started by Listen, before the first build
	watchErr chan error // what the watcher ended with
}

// Listen binds the address and runs the first build. A first build that
// fails is not fatal: the problems are shown and the server waits for a fix.
func Listen(ctx context.Context, cfg Config) (*Server, error) {
	if cfg.Addr == "" {
		cfg.Addr = "127.0.0.1:8090"
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	l, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, listener: l, changed: make(chan struct{}), searchSlots: make(chan struct{}, searchConcurrent)}
	s.logf = func(format string, args ...any) { fmt.Fprintf(cfg.Log, format+"\n", args...) }
	if host, _, _ := net.SplitHostPort(l.Addr().String()); !net.ParseIP(host).IsLoopback() {
		s.logf("Warning: listening on %s, which other machines may reach. Use --bind 127.0.0.1 unless you mean it.", host)
	}
	// Watch before the first build, which takes a while on a large site:
	// an edit made meanwhile is then in the first burst Serve rebuilds.
	s.watcher = newWatcher(cfg.Watch, cfg.Poll, s.logf)
	s.watchErr = make(chan error, 1)
	go func() { s.watchErr <- s.watcher.run(ctx) }()
	select {
	case <-s.watcher.ready:
	case err := <-s.watchErr:
		s.watchErr <- err // Serve reports it
	}
	s.rebuild(ctx, Changes{All: true})
	return s, nil
}

// URL is the address to open in a browser.
func (s *Server) URL() string { return "http://" + s.listener.Addr().String() + "/" }

// Serve serves and watches until ctx ends.
func (s *Server) Serve(ctx context.Context) error {
	srv := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      30 * time.Second, // lifted for the event stream only
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
	w := s.watcher
	errc := make(chan error, 2)
	go func() { errc <- <-s.watchErr }()
	go s.rebuildLoop(ctx, w)
	go func() {
		if err := srv.Serve(s.listener); !errors.Is(err, http.ErrServerClosed) {
			errc <- err
		}
	}()
	select {
	case <-ctx.Done():
	case err := <-errc:
		if err != nil {
			srv.Close()
			return err
		}
		<-ctx.Done()
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	s.mu.Lock()
	close(s.changed) // ends the event streams
	s.changed = nil
	s.mu.Unlock()
	return srv.Shutdown(shutdown)
}

// rebuildLoop rebuilds after each burst of changes, one build at a time,
// and finishes the deferred work of the latest build in the background: a
// change that arrives meanwhile is built at once, not after it. Only one
// Finish runs at a time; when builds outpace it, only the newest build's
// is run next, so the served site converges on the last edit.
func (s *Server) rebuildLoop(ctx context.Context, w *watcher) {
	type finished struct {
		site    *Site
		diags   diag.List
		version int
	}
	var (
		done    = make(chan finished, 1)
		running bool
		next    *Site // the newest build with work left, waiting for running to end
		nextVer int
	)
	start := func(site *Site, version int) {
		running = true
		go func() {
			fin, diags := site.Finish(ctx)
			done <- finished{fin, diags, version}
		}()
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.changes:
			site, version := s.rebuild(ctx, w.take())
			next = nil
			if site != nil && site.Finish != nil {
				if running {
					next, nextVer = site, version
				} else {
					start(site, version)
				}
			}
		case f := <-done:
			running = false
			s.finish(f.site, f.diags, f.version)
			if next != nil {
				start(next, nextVer)
				next = nil
			}
		}
	}
}

// finish swaps in the completed site of build version, unless a newer
// build has replaced that one since.
func (s *Server) finish(site *Site, diags diag.List, version int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if site == nil || s.version != version || s.problems != nil {
		return
	}
	if diags.Errors() > 0 {
		s.logf("Finishing the build failed; the search files may be out of date:\n%s", diags)
		return
	}
	s.site = site
}

// rebuild builds the site and swaps it in, or keeps the old one on error.
// It returns the new site, if the build succeeded, and the version that
// announced it.
func (s *Server) rebuild(ctx context.Context, changes Changes) (*Site, int) {
	start := time.Now()
	site, diags := s.cfg.Build(ctx, changes)
	var problems []string
	for _, d := range diags {
		if d.Severity == diag.Error || site == nil {
			problems = append(problems, d.String())
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if diags.Errors() > 0 || site == nil {
		s.problems = problems
		served := "still serving the last good site"
		if s.site == nil {
			served = "no build has succeeded yet, so every page shows these problems until one does"
		}
		s.logf("Build failed (%d errors); %s:\n%s", diags.Errors(), served, strings.Join(problems, "\n"))
		site = nil
	} else {
		s.site, s.problems = site, nil
		s.logf("Built %d files in %s.", len(site.Files), time.Since(start).Round(time.Millisecond))
	}
	s.version++
	if s.changed != nil {
		close(s.changed) // wake every event stream
		s.changed = make(chan struct{})
	}
	return site, s.version
}

// Handler serves the built site, the live-reload script and its events.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /_blueprints/reload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Write(reloadJS)
	})
	mux.HandleFunc("GET /_blueprints/events", s.events)
	mux.HandleFunc("GET /api/search", s.search)
	mux.HandleFunc("GET /", s.file)
	return s.guard(mux)
}

// guard rejects requests that did not come from this machine's browser
// addressing this server: a page on another site can point a DNS name at
// 127.0.0.1, but its requests then carry that name in Host.
func (s *Server) guard(next http.Handler) http.Handler {
	_, port, _ := net.SplitHostPort(s.listener.Addr().String())
	bound, _, _ := net.SplitHostPort(s.listener.Addr().String())
	allowed := map[string]bool{}
	for _, h := range []string{"localhost", "127.0.0.1", "[::1]", bound, "[" + bound + "]"} {
		allowed[h+":"+port] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !allowed[strings.ToLower(r.Host)] {
			http.Error(w, "blueprints serve: unexpected Host header; open the address the server printed", http.StatusMisdirectedRequest)
			return
		}
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store") // every reload shows the latest build
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if p := "/" + r.URL.Path + "/"; strings.Contains(p, "/../") || strings.Contains(p, "/./") {
			// The mux would redirect to the cleaned path; a request with dot
			// segments is not a link of this site, so it is simply not found.
			s.file(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// lookup maps a URL path to a built file. Anything that is not a plain
// relative path of the site (dot segments, dotfiles, backslashes, NUL) is
// not found; the lookup is in memory, so no path ever reaches the disk.
func (s *Server) lookup(urlPath string) (string, []byte, bool) {
	name, data, _, ok := s.lookupVersion(urlPath)
	return name, data, ok
}

// lookupVersion is lookup that also returns the version of the build the
// file comes from.
func (s *Server) lookupVersion(urlPath string) (string, []byte, int, bool) {
	name := strings.TrimPrefix(urlPath, "/")
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") || strings.ContainsAny(seg, "\\\x00") {
			return "", nil, 0, false
		}
	}
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if path.Clean(name) != name {
		return "", nil, 0, false
	}
	s.mu.RLock()
	site, version := s.site, s.version
	s.mu.RUnlock()
	if site == nil {
		return name, nil, version, false
	}
	data, ok := site.Files[name]
	return name, data, version, ok
}

func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	if s.serveBuildError(w, r) {
		return
	}
	name, data, version, ok := s.lookupVersion(r.URL.Path)
	if !ok && !strings.HasSuffix(r.URL.Path, "/") {
		// "/en/about" is the directory "/en/about/": redirect like a
		// static host would, so relative links resolve.
		if _, _, dir := s.lookup(r.URL.Path + "/"); dir {
			http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		name, data, version, ok = s.lookupVersion("/404.html")
		status = http.StatusNotFound
		if !ok {
			http.NotFound(w, r)
			return
		}
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectReload(data, version, true)
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveBuildError answers a request for a page while no build has
// succeeded yet (the server started on a broken site) with a page that
// lists the problems and reloads itself once a build succeeds. It reports
// whether it answered.
func (s *Server) serveBuildError(w http.ResponseWriter, r *http.Request) bool {
	s.mu.RLock()
	site, version, problems := s.site, s.version, s.problems
	s.mu.RUnlock()
	if site != nil || problems == nil {
		return false
	}
	if ext := path.Ext(r.URL.Path); ext != "" && ext != ".html" {
		return false // a stylesheet or an image: not found, as there is no site
	}
	page, err := buildErrorPage(problems)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return true
	}
	page = injectReload(page, version, false)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusServiceUnavailable)
	if r.Method != http.MethodHead {
		w.Write(page)
	}
	return true
}

// buildErrorHTML is the page serveBuildError shows. The problems are
// contributors' text (file names, quoted content): the template escapes
// them, so they are shown, never run. A list, not a <pre>: long lines wrap
// on a phone (the CSP allows no inline style to make a <pre> wrap).
const buildErrorHTML = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
	`<title>Build failed: blueprints serve</title></head><body><main><h1>The site could not be built</h1>` +
	`<p>No build has succeeded since the server started. Fix the errors below; this page reloads by itself when the site builds.</p><ul>` +
	`{{range .}}<li><code>{{.}}</code></li>{{end}}` +
	`</ul></main></body></html>`

// buildErrorPage is the page that lists the problems of a failed first build.
func buildErrorPage(problems []string) ([]byte, error) {
	t, err := template.New("build-error").Parse(buildErrorHTML)
	if err != nil {
		return nil, fmt.Errorf("build error page: %w", err)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, problems); err != nil {
		return nil, fmt.Errorf("build error page: %w", err)
	}
	return b.Bytes(), nil
}

// injectReload adds the live-reload script to a page. It is an external
// script, so the page keeps working under the strict CSP. It carries the
// version of the build the page comes from: a build that ends while the
// page loads, before its event stream connects, would otherwise go
// unnoticed.
func injectReload(page []byte, version int, hasSite bool) []byte {
	site := ""
	if !hasSite {
		site = "&amp;site=0" // the overlay must not speak of a last good site
	}
	tag := fmt.Sprintf(`<script src="/_blueprints/reload.js?v=%d%s" defer></script>`, version, site)
	i := bytes.LastIndex(page, []byte("</head>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}

// events streams build results: "reload" after a good build, "problems"
// (a JSON list of file:line: message) after a failed one, "ok" when a fix
// clears them.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && origin != "http://"+r.Host {
		http.Error(w, "cross-origin event stream refused", http.StatusForbidden)
		return
	}
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{}) // this response lives as long as the page
	w.Header().Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)

	s.mu.RLock()
	changed, version, problems := s.changed, s.version, s.problems
	s.mu.RUnlock()
	if problems != nil {
		send(w, "problems", problems)
	} else if v, err := strconv.Atoi(r.URL.Query().Get("v")); err == nil && v != version {
		send(w, "reload", nil) // a build ended while the page was loading
	}
	rc.Flush()
	for changed != nil {
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		}
		s.mu.RLock()
		changed, problems = s.changed, s.problems
		fresh := s.version != version
		version = s.version
		s.mu.RUnlock()
		if !fresh {
			continue
		}
		if problems != nil {
			send(w, "problems", problems)
		} else {
			send(w, "ok", nil)
			send(w, "reload", nil)
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

func send(w io.Writer, event string, data any) {
	js, _ := json.Marshal(data)
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", event, js)
}
