package site

import (
	"bytes"
	"maps"
	"reflect"
	"slices"
	"sync"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/markdown"
	"github.com/openblueprints/blueprints/internal/search"
)

// memo is what a Session remembers of the expensive per-document and
// per-language work of its builds, keyed by that work's whole input, so
// that a build after an edit that falls back to assembling the whole site
// still parses, renders and exports only what the edit changed. Its
// methods are safe on a nil memo (a one-off Build), which remembers
// nothing, and for concurrent use.
type memo struct {
	mu     sync.Mutex
	docs   map[string]*markdownMemo // by content file
	search map[string]*searchMemo   // by language
}

// markdownMemo is the Markdown work on one version of one document: its
// parse results (without the syntax tree) and its rendering for one set of
// link targets.
type markdownMemo struct {
	body []byte
	// reserved are the IDs headings could not take (the theme's), which
	// decide the headings' IDs as much as the body does.
	reserved []string
	md       *markdown.Doc
	diags    diag.List
	targets  []markdown.Target
	labels   markdown.Labels // titles of alerts, from the theme's catalog
	html     []byte
}

// searchMemo is one language's static search export for one set of inputs.
type searchMemo struct {
	docs   []search.Document
	labels search.Labels
	files  map[string][]byte
}

func newMemo() *memo {
	return &memo{docs: map[string]*markdownMemo{}, search: map[string]*searchMemo{}}
}

// parsed returns the parse by r of a document with these exact bytes, or nil.
func (m *memo) parsed(doc *content.Document, r *markdown.Renderer) *markdownMemo {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.docs[doc.File]
	if e == nil || !bytes.Equal(e.body, doc.Body) || !slices.Equal(e.reserved, r.ReservedIDs()) {
		return nil
	}
	return e
}

func (m *memo) rememberParse(doc *content.Document, r *markdown.Renderer, md *markdown.Doc, diags diag.List) {
	if m == nil || md == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.docs[doc.File] = &markdownMemo{body: doc.Body, reserved: r.ReservedIDs(), md: md, diags: diags}
}

// rendered returns the HTML of a document with these bytes whose links
// went to these targets and whose alerts had these titles, or nil.
func (m *memo) rendered(doc *content.Document, targets []markdown.Target, labels markdown.Labels) []byte {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := m.docs[doc.File]
	if e == nil || e.html == nil || !bytes.Equal(e.body, doc.Body) || !slices.Equal(e.targets, targets) || !maps.Equal(e.labels, labels) {
		return nil
	}
	return e.html
}

func (m *memo) rememberRender(doc *content.Document, targets []markdown.Target, labels markdown.Labels, html []byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if e := m.docs[doc.File]; e != nil && bytes.Equal(e.body, doc.Body) {
		e.targets, e.labels, e.html = targets, labels, html
	}
}

// forgetDocsBut drops what is remembered of files no longer in the site.
func (m *memo) forgetDocsBut(keep map[string]*Page) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for file := range m.docs {
		if keep[file] == nil {
			delete(m.docs, file)
		}
	}
}

// exported returns the static search files of a language for these exact
// inputs, or nil.
func (m *memo) exported(lang string, docs []search.Document, labels search.Labels) map[string][]byte {
	if m == nil {
		return nil
	}
	m.mu.Lock()
	e := m.search[lang]
	m.mu.Unlock()
	if e == nil || !reflect.DeepEqual(e.docs, docs) || !reflect.DeepEqual(e.labels, labels) {
		return nil
	}
	return e.files
}

func (m *memo) rememberExport(lang string, docs []search.Document, labels search.Labels, files map[string][]byte) {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.search[lang] = &searchMemo{docs: docs, labels: labels, files: files}
}
