package site

import (
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/search"
)

// Config says what to build. The zero value of each optional field is a
// sensible default.
type Config struct {
	Content fs.FS // the content directory (site.yaml, schema/, one directory per language)
	Themes  fs.FS // the site's themes/ directory; nil if it has none
	// Offline writes links that name index.html, for a site opened from disk.
	Offline bool
	// RootPath is the URL path the site is served from ("/", "/kb/"), which
	// the 404 page links from, as it is shown at any depth. "" means the
	// path of site.yaml's base_url, or "/" without one. "blueprints serve"
	// sets "/", where it serves the site whatever the base URL.
	RootPath string
	// MaxFileSize caps each content file; 0 means content.DefaultMaxFileSize.
	MaxFileSize int
	// RenderTimeout bounds the Markdown work on one file; 0 means 10s.
	RenderTimeout time.Duration
	// Workers bounds parallel rendering; 0 means GOMAXPROCS.
	Workers int
	// Today is the date stale reviews are measured against; zero means now.
	Today time.Time
	// Index, when set, receives every searchable page, analyzed once for
	// both the static search files and this bleve index. It is for one
	// full Build; a Session keeps its own bleve index up to date instead.
	Index *search.Writer
}

// Output is the built site: file contents by slash-separated path, and
// the documents of the search index.
type Output struct {
	Files map[string][]byte
	// Search lists the documents of the search index, for a caller that
	// indexes them itself; it is empty when Config.Index received them.
	Search []search.Document
	// Translations is the state of every page in every language but the
	// default one.
	Translations []TranslationState
	// DefaultLanguage is the language the others translate from.
	DefaultLanguage string
}

// Paths returns the output paths in order.
func (o *Output) Paths() []string {
	paths := make([]string, 0, len(o.Files))
	for p := range o.Files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// withDefaults fills in the zero values Config documents.
func (cfg Config) withDefaults() Config {
	if cfg.RenderTimeout == 0 {
		cfg.RenderTimeout = 10 * time.Second
	}
	if cfg.Workers == 0 {
		cfg.Workers = runtime.GOMAXPROCS(0)
	}
	if cfg.Today.IsZero() {
		cfg.Today = time.Now()
	}
	return cfg
}

// rootPath is the URL path the site is served from, ending in "/": the
// configured one, else the path of the site's base URL, else "/".
func (cfg Config) rootPath(baseURL string) string {
	p := cfg.RootPath
	if p == "" {
		if u, err := url.Parse(baseURL); err == nil {
			p = u.EscapedPath()
		}
	}
	return "/" + strings.TrimPrefix(strings.TrimSuffix(p, "/")+"/", "/")
}
