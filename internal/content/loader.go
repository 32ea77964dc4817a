package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
)

// A Loader loads one content directory again and again, as the development
// server does after every edit. Decoding and validating frontmatter is most
// of the cost of loading, so a Loader remembers each Markdown file's bytes
// with what they decoded to, and decodes again only the files whose bytes
// (or the schemas) changed. A Document it returns twice is the same value;
// callers must not modify Documents.
type Loader struct {
	fsys fs.FS
	opts Options

	bpSchema, pageSchema *schema
	countries            *geo.Table // for the rules beyond the schema
	minSources           int        // site.yaml's, which those rules read
	schemas              [2][]byte  // the source of the schemas the memory was made with
	docs                 map[string]loaded
}

// loaded is what one Markdown file decoded to.
type loaded struct {
	raw   []byte
	doc   *Document
	diags diag.List
}

// NewLoader returns a Loader of the content directory fsys.
func NewLoader(fsys fs.FS, opts Options) *Loader {
	if opts.MaxFileSize == 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	return &Loader{fsys: fsys, opts: opts, docs: map[string]loaded{}}
}

// useSchemas installs the schemas and rules of this load; when they differ
// from the last load's, everything decoded with the old ones is forgotten.
func (l *Loader) useSchemas(bp, page *schema, minSources int) {
	src := [2][]byte{bp.src, page.src}
	if !bytes.Equal(src[0], l.schemas[0]) || !bytes.Equal(src[1], l.schemas[1]) || minSources != l.minSources {
		clear(l.docs)
	}
	l.bpSchema, l.pageSchema, l.schemas, l.minSources = bp, page, src, minSources
}

// forgetAllBut drops the memory of files that are gone.
func (l *Loader) forgetAllBut(seen map[string]bool) {
	for file := range l.docs {
		if !seen[file] {
			delete(l.docs, file)
		}
	}
}

// document reads and decodes one Markdown file, or gives back what the same
// bytes decoded to last time.
func (l *Loader) document(file, lang, rel string, diags *diag.List) *Document {
	raw, err := readCapped(l.fsys, file, l.opts.MaxFileSize)
	if err != nil {
		diags.Errorf(diag.Pos{File: file}, "%v", err)
		delete(l.docs, file)
		return nil
	}
	if m, ok := l.docs[file]; ok && bytes.Equal(m.raw, raw) {
		diags.Append(m.diags)
		return m.doc
	}
	var own diag.List
	doc := loadDocument(file, lang, rel, raw, l.bpSchema, l.pageSchema, l.countries, l.minSources, l.opts, &own)
	l.docs[file] = loaded{raw: raw, doc: doc, diags: own}
	diags.Append(own)
	return doc
}

// Reload reads one Markdown file again, with the site and schemas of the
// last Load: the development server calls it for the file an edit touched,
// instead of loading the whole directory. The file must be one the last
// Load read; a file that is new, gone or no longer a regular file is an
// error, and the caller loads everything instead.
func (l *Loader) Reload(file string) (*Document, diag.List, error) {
	if _, ok := l.docs[file]; !ok || l.bpSchema == nil {
		return nil, nil, fmt.Errorf("%s: not a file of the last load", file)
	}
	// Load refuses symbolic links; os.DirFS follows them, so look first.
	fi, err := fs.Lstat(l.fsys, file)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, nil, errors.New(file + ": not a regular file")
	}
	lang, rel, _ := strings.Cut(file, "/")
	if path.Ext(file) != ".md" || rel == "" {
		return nil, nil, fmt.Errorf("%s: not a document", file)
	}
	var diags diag.List
	doc := l.document(file, lang, rel, &diags)
	return doc, diags, nil
}

// Decode decodes one version of a content file from its bytes, such as an
// older version from Git history, with the schemas of the last Load. It
// returns nil if that version does not decode (under today's schemas).
func (l *Loader) Decode(file string, raw []byte) *Document {
	lang, rel, ok := strings.Cut(file, "/")
	if !ok || l.bpSchema == nil {
		return nil
	}
	var diags diag.List
	return loadDocument(file, lang, rel, raw, l.bpSchema, l.pageSchema, l.countries, l.minSources, l.opts, &diags)
}
