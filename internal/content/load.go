// Package content reads a site's content directory: content/site.yaml, the
// JSON Schemas in content/schema/, and one Markdown file per page under a
// directory per language. It checks each file before any parser sees it
// (size, UTF-8, paths, symlinks), splits and decodes the frontmatter (YAML,
// TOML or JSON) keeping the position of every field, validates it against
// the schema, and reports every problem as a diagnostic at file:line:col.
//
// It is the only package that imports adrg/frontmatter, the YAML and TOML
// decoders and the JSON Schema validator.
package content

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/slug"
)

const (
	siteFile            = "site.yaml"
	blueprintSchemaFile = "schema/blueprint.schema.json"
	pageSchemaFile      = "schema/page.schema.json"
	blueprintSection    = "blueprints/"
)

// Options tune Load. The zero value is ready to use.
type Options struct {
	MaxFileSize int // bytes; 0 means DefaultMaxFileSize
}

// assetTypes are the files besides Markdown a page may ship. SVG is left
// out on purpose: it can carry script.
func assetTypes() []string {
	return []string{".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf"}
}

// Load reads the content directory fsys. It returns what it could load and
// every problem it found; the caller must not publish if diags has errors.
func Load(fsys fs.FS, opts Options) (*Content, diag.List) {
	return NewLoader(fsys, opts).Load()
}

// Load reads the whole content directory, as the package function Load
// does, decoding again only the Markdown files that changed.
func (l *Loader) Load() (*Content, diag.List) {
	var diags diag.List
	c := &Content{}
	if !l.loadSettings(c, &diags) {
		return c, diags
	}
	w := contentWalk{l: l, c: c, diags: &diags, seen: map[string]bool{}}
	defer l.forgetAllBut(w.seen)
	if err := fs.WalkDir(l.fsys, ".", w.visit); err != nil {
		diags.Errorf(diag.Pos{}, "walk content: %v", err)
	}
	return c, diags
}

// loadSettings reads what every page is judged by: site.yaml, the schemas
// and the vocabulary, and the country table. It reports whether the pages
// can be read.
func (l *Loader) loadSettings(c *Content, diags *diag.List) bool {
	if !loadSite(l.fsys, &c.Site, diags) {
		// Half a site configuration is no use to anyone: later stages
		// would trip over the very language or theme it refused.
		c.Site = Site{}
		return false
	}
	bpSchema, bpData := loadSchema(l.fsys, blueprintSchemaFile, diags)
	pageSchema, _ := loadSchema(l.fsys, pageSchemaFile, diags)
	if bpSchema == nil || pageSchema == nil {
		return false
	}
	c.Schema = bpData
	c.Vocabulary = loadVocabulary(l.fsys, &c.Site, diags)
	countries, err := geo.Load()
	if err != nil {
		diags.Errorf(diag.Pos{}, "the built-in country table: %v; please report this", err)
		return false
	}
	l.countries = countries
	l.useSchemas(bpSchema, pageSchema, c.Site.MinSources)
	return true
}

// contentWalk is Load's walk over the content directory.
type contentWalk struct {
	l     *Loader
	c     *Content
	diags *diag.List
	seen  map[string]bool // the Markdown files found, for the Loader to keep
}

func (w *contentWalk) visit(name string, d fs.DirEntry, err error) error {
	if err != nil {
		w.diags.Errorf(diag.Pos{File: name}, "cannot read: %v", unwrapPathError(err))
		return nil
	}
	if name == "." {
		return nil
	}
	if !w.admit(name, d) {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil
	}
	top, rest, _ := strings.Cut(name, "/")
	switch {
	case d.IsDir():
		if rest == "" && top != "schema" && top != "data" {
			if _, ok := w.c.Site.Language(top); !ok {
				w.diags.Errorf(diag.Pos{File: name}, "directory %q is not a language declared in %s; declare it or move it", top, siteFile)
				return fs.SkipDir
			}
		}
	case !d.Type().IsRegular():
		w.diags.Errorf(diag.Pos{File: name}, "not a regular file")
	case rest == "" && name != siteFile:
		w.diags.Errorf(diag.Pos{File: name}, "only site.yaml belongs at the top of content/; move this file into a language directory such as %s/", w.c.Site.DefaultLanguage)
	case rest == "" || top == "schema" || top == "data":
		// site.yaml, schemas and data are read by name
	default:
		w.file(name, top, rest)
	}
	return nil
}

// admit reports whether the walk takes an entry in: not editor litter,
// a symbolic link, or a name that cannot be published.
func (w *contentWalk) admit(name string, d fs.DirEntry) bool {
	if ignored(d.Name()) {
		return false
	}
	if d.Type()&fs.ModeSymlink != 0 {
		w.diags.Errorf(diag.Pos{File: name}, "symbolic links are not allowed in content; replace the link with the file itself")
		return false
	}
	return checkPathName(name, w.diags)
}

// file reads a file of a language directory: a page or an asset.
func (w *contentWalk) file(name, top, rest string) {
	c, diags := w.c, w.diags
	ext := strings.ToLower(path.Ext(name))
	switch {
	case ext == ".md" && path.Ext(name) != ".md":
		// "x.MD" beside "x.md" would be a second page, and it would
		// not pair with its translations: one spelling only.
		diags.Errorf(diag.Pos{File: name}, "the extension %q must be written \".md\", in lower case; rename the file", path.Ext(name))
		c.Refused = append(c.Refused, name)
	case ext == ".md":
		w.seen[name] = true
		switch doc := w.l.document(name, top, rest, diags); {
		case doc == nil:
			c.Refused = append(c.Refused, name)
		case doc.Invalid:
			c.Refused = append(c.Refused, name)
			c.Invalid = append(c.Invalid, doc)
		default:
			c.Documents = append(c.Documents, doc)
		}
	case slices.Contains(assetTypes(), ext):
		data, err := readCapped(w.l.fsys, name, 8*w.l.opts.MaxFileSize)
		if err != nil {
			diags.Errorf(diag.Pos{File: name}, "%v", err)
			return
		}
		if checkAsset(name, ext, data, diags) {
			c.Assets = append(c.Assets, Asset{File: name, Data: data})
		}
	default:
		diags.Errorf(diag.Pos{File: name}, "unsupported file type %q; content may hold Markdown (.md) and images (%s)", ext, strings.Join(assetTypes(), ", "))
	}
}

// maxNameBytes is the longest file name (one path element) that common
// file systems take: NAME_MAX on Linux and macOS.
const maxNameBytes = 255

// ignored reports editor and system litter that is never content: dotfiles
// (vim swap files, .DS_Store, .git) and backup files ending in "~".
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~")
}

// checkPathName rejects names that would make a confusing or unsafe output
// path: control characters, bidi overrides and zero-width characters
// (invisible in review, so "a\u202Egnp.md" could pose as another file),
// backslashes, and anything filepath.IsLocal refuses.
func checkPathName(name string, diags *diag.List) bool {
	for _, r := range name {
		if unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) || r == '\\' || r == ':' {
			diags.Errorf(diag.Pos{File: name}, "file name contains the invisible or reserved character %U; rename the file", r)
			return false
		}
	}
	if base := path.Base(name); len(base) > maxNameBytes {
		// The build would fail writing it, after check had passed.
		diags.Errorf(diag.Pos{File: name}, "file name is %d bytes long; file systems allow %d, shorten it", len(base), maxNameBytes)
		return false
	}
	if !slug.IsNFC(name) {
		// Translations pair by their path, byte for byte: "café.md" typed
		// on one system and on another must be one name. macOS can write
		// decomposed names; Git on macOS stores them composed by default.
		diags.Errorf(diag.Pos{File: name}, "file name is not in Unicode normal form C (accents written as separate characters); rename it to %q", slug.NFC(path.Base(name)))
		return false
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		diags.Errorf(diag.Pos{File: name}, "file name is not a local path; rename the file")
		return false
	}
	return true
}

func readCapped(fsys fs.FS, name string, limit int) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
	}
	defer f.Close()
	// Read one byte past the limit so an oversized file is noticed without
	// reading all of it; when the size is known, into a buffer that fits.
	var buf bytes.Buffer
	if st, err := f.Stat(); err == nil && st.Size() < int64(limit) {
		buf.Grow(int(st.Size()) + bytes.MinRead)
	}
	_, err = buf.ReadFrom(io.LimitReader(f, int64(limit)+1))
	data := buf.Bytes()
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", unwrapPathError(err))
	}
	if len(data) > limit {
		size := fmt.Sprintf("more than %d", limit)
		if fi, err := f.Stat(); err == nil {
			size = fmt.Sprint(fi.Size())
		}
		return nil, fmt.Errorf("file is %s bytes, over the %d-byte limit; split it into smaller pages", size, limit)
	}
	return data, nil
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readNamed reads a file the loader opens by its name (site.yaml, the
// schemas) with the checks the walk gives every content file: no symbolic
// link on the way to it (site.yaml linked to /dev/zero would never end,
// linked to /etc/passwd would be quoted in an error), a regular file, the
// size cap, then cleanSource's UTF-8 and NUL checks.
func readNamed(fsys fs.FS, name, what string, diags *diag.List) ([]byte, bool) {
	prefix := ""
	for part := range strings.SplitSeq(name, "/") {
		prefix = path.Join(prefix, part)
		fi, err := fs.Lstat(fsys, prefix)
		if err != nil {
			diags.Errorf(diag.Pos{File: name}, "cannot read %s: %v", what, unwrapPathError(err))
			return nil, false
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			diags.Errorf(diag.Pos{File: prefix}, "symbolic links are not allowed in content; replace the link with the file itself")
			return nil, false
		}
		if prefix == name && !fi.Mode().IsRegular() {
			diags.Errorf(diag.Pos{File: name}, "not a regular file")
			return nil, false
		}
	}
	raw, err := readCapped(fsys, name, DefaultMaxFileSize)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "%v", err)
		return nil, false
	}
	return cleanSource(name, raw, DefaultMaxFileSize, diags)
}

// loadSite reads site.yaml into site and checks it; it reports whether the
// file is usable.
func loadSite(fsys fs.FS, site *Site, diags *diag.List) bool {
	data, ok := readNamed(fsys, siteFile, "site configuration", diags)
	if !ok || !decodeSite(data, site, diags) {
		return false
	}
	n := diags.Errors()
	pos := diag.Pos{File: siteFile, Line: 1}
	if site.Title == "" {
		diags.Errorf(pos, "title is missing")
	}
	if len(site.Languages) == 0 {
		diags.Errorf(pos, "languages is empty; declare at least one {code, name, direction}")
	}
	declared := checkLanguages(site, languagePositions(data), diags)
	if site.DefaultLanguage == "" && len(site.Languages) > 0 {
		site.DefaultLanguage = site.Languages[0].Code
	}
	if !declared[site.DefaultLanguage] {
		diags.Errorf(pos, "default_language %q is not one of the declared languages", site.DefaultLanguage)
	}
	if site.MinSources < 0 {
		diags.Errorf(pos, "min_sources %d must be 0 (no minimum) or more", site.MinSources)
	}
	if site.Theme != "" && (!filepath.IsLocal(site.Theme) || strings.ContainsAny(site.Theme, `/\`)) {
		diags.Errorf(pos, "theme %q must be the name of a directory under themes/", site.Theme)
	}
	return diags.Errors() == n
}

// decodeSite decodes site.yaml strictly (an unknown key is an error) and
// reports the parser's errors in the writer's terms.
func decodeSite(data []byte, site *Site, diags *diag.List) bool {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(site)
	if err == nil {
		return true
	}
	var te *yaml.TypeError
	if errors.As(err, &te) {
		for _, msg := range te.Errors {
			err := errors.New("yaml: " + msg)
			diags.Errorf(yamlErrorPos(siteFile, 1, err), "%s", plainYAMLError(err))
		}
	} else {
		pos, msg := explainYAML(siteFile, 1, data, err)
		diags.Errorf(pos, "%s", msg)
	}
	return false
}

// checkLanguages checks each declared language, at its entry of the list
// (langPos) when known, fills in the default direction, and returns the
// codes declared.
func checkLanguages(site *Site, langPos []diag.Pos, diags *diag.List) map[string]bool {
	seen := map[string]bool{}
	for i, l := range site.Languages {
		pos := diag.Pos{File: siteFile, Line: 1}
		if i < len(langPos) {
			pos = langPos[i]
		}
		switch {
		case l.Code == "" || !isLanguageCode(l.Code):
			diags.Errorf(pos, "languages[%d]: code %q is not a BCP 47 code such as \"en\" or \"pt-BR\"", i, l.Code)
		case seen[l.Code]:
			diags.Errorf(pos, "languages[%d]: %q is declared twice", i, l.Code)
		default:
			if err := i18n.CheckLanguage(l.Code); err != nil {
				diags.Errorf(pos, "languages[%d]: %v", i, err)
			}
		}
		seen[l.Code] = true
		if l.Name == "" {
			diags.Errorf(pos, "languages[%d]: name is missing; give the language's own name, e.g. \"Français\"", i)
		}
		if l.Direction == "" {
			site.Languages[i].Direction = "ltr"
		} else if l.Direction != "ltr" && l.Direction != "rtl" {
			diags.Errorf(pos, "languages[%d]: direction %q must be ltr or rtl", i, l.Direction)
		}
	}
	return seen
}

// languagePositions returns where each entry of site.yaml's languages list
// starts, in order, so an error about one language names its line. The
// file has been decoded once already, so errors here mean only that no
// positions are known.
func languagePositions(data []byte) []diag.Pos {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	for i := 0; root.Kind == yaml.MappingNode && i+1 < len(root.Content); i += 2 {
		if k, v := root.Content[i], root.Content[i+1]; k.Value == "languages" && v.Kind == yaml.SequenceNode {
			positions := make([]diag.Pos, len(v.Content))
			for j, item := range v.Content {
				positions[j] = diag.Pos{File: siteFile, Line: item.Line, Col: item.Column}
			}
			return positions
		}
	}
	return nil
}

func isLanguageCode(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return len(s) >= 2 && len(s) <= 35
}

func loadSchema(fsys fs.FS, name string, diags *diag.List) (*schema, []byte) {
	data, ok := readNamed(fsys, name, "schema", diags)
	if !ok {
		return nil, nil
	}
	s, err := compileSchema(name, data)
	if err != nil {
		diags.Errorf(diag.Pos{File: name}, "%v", err)
		return nil, nil
	}
	return s, data
}

// splitFile splits src into frontmatter and body, reporting where it
// cannot.
func splitFile(file string, src []byte, diags *diag.List) (split, bool) {
	parts, err := splitFrontmatter(src)
	if err == nil {
		return parts, true
	}
	var u errUnterminated
	if errors.As(err, &u) {
		diags.Errorf(diag.Pos{File: file, Line: u.line, Col: 1}, "%v", err)
	} else {
		diags.Errorf(diag.Pos{File: file, Line: 1}, "frontmatter: %v", err)
	}
	return parts, false
}

// loadDocument reads one Markdown file of lang at rel (its path within the
// language). It returns nil for a file that cannot be read at all, and a
// document marked Invalid for one whose frontmatter is wrong, whose body
// is still checked.
func loadDocument(file, lang, rel string, raw []byte, bpSchema, pageSchema *schema, countries *geo.Table, minSources int, opts Options, diags *diag.List) *Document {
	src, ok := cleanSource(file, raw, opts.MaxFileSize, diags)
	if !ok {
		return nil
	}
	warnInvisible(file, src, diags)
	parts, ok := splitFile(file, src, diags)
	if !ok {
		return nil
	}
	doc := &Document{File: file, Lang: lang, Path: rel, Kind: KindPage, Body: parts.body}
	s := pageSchema
	if strings.HasPrefix(rel, blueprintSection) && path.Base(rel) != "_index.md" {
		doc.Kind, s = KindBlueprint, bpSchema
	}
	// From here on a problem in the frontmatter keeps the page from being
	// published, but its body is still checked (links, anchors, images),
	// so one run reports everything that is wrong with the file.
	invalid := func() *Document {
		doc.Invalid = true
		return doc
	}
	if len(parts.meta) > MaxFrontmatterSize {
		diags.Errorf(diag.Pos{File: file, Line: parts.line, Col: 1}, "frontmatter is %d bytes, over the %d-byte limit; keep long text in the body", len(parts.meta), MaxFrontmatterSize)
		return invalid()
	}
	errorsBefore := diags.Errors()
	t, ok := decodeMeta(file, parts, diags)
	if !ok {
		return invalid()
	}
	doc.fields = t
	if !s.validate(t, isDraft(t), diags) || diags.Errors() > errorsBefore {
		return invalid()
	}
	if err := doc.fillTypes(t); err != nil {
		diags.Errorf(t.at(""), "frontmatter does not match the schema's types: %v; the schema and the Go types disagree, please report this", err)
		doc.Blueprint, doc.Meta = nil, PageMeta{}
		return invalid()
	}
	if doc.Blueprint != nil {
		checkBlueprint(doc, countries, minSources, diags)
		if diags.Errors() > errorsBefore {
			// The schema accepted the fields, so they stay readable for
			// the checks of the body and of related blueprints.
			return invalid()
		}
	}
	return doc
}

// fillTypes sets doc's Meta, and Blueprint for a blueprint, from its
// frontmatter. The schema has accepted the tree, so it has the shape of
// the structs.
func (doc *Document) fillTypes(t tree) error {
	js, err := json.Marshal(t.value)
	if err != nil {
		return err
	}
	if doc.Kind != KindBlueprint {
		return json.Unmarshal(js, &doc.Meta)
	}
	doc.Blueprint = &Blueprint{}
	err = json.Unmarshal(js, doc.Blueprint)
	bp := doc.Blueprint
	doc.Meta = PageMeta{Title: bp.Title, Summary: bp.Summary, Draft: bp.Draft, Translation: bp.Translation, MinorEdits: bp.MinorEdits}
	return err
}

// isDraft reports whether decoded frontmatter says draft: true. A draft
// may leave required fields out (they are warnings), so the schema needs
// to know before it judges.
func isDraft(t tree) bool {
	m, _ := t.value.(map[string]any)
	draft, _ := m["draft"].(bool)
	return draft
}
