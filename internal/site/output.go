package site

import (
	"path"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
)

// A sink receives each output file as it is made: Build's collects them
// into Output.Files; BuildTo's is its caller's, which writes them to disk
// as they come (issue 21). An error stops the build.
type sink func(path string, data []byte) error

// outputTree passes the output files of a build to its sink, and keeps
// what it needs to check the tree they make: which source wrote each path.
// Two sources for one path, also when the paths differ only in case or
// Unicode normalisation (which collide on macOS and Windows disks), are an
// error naming both, and the second file is dropped.
type outputTree struct {
	m       *Model
	sink    sink
	sources map[string]string // normalised output path → what produced it
	dirs    map[string]bool   // normalised directories of the paths written
	names   []string          // the paths written, in order
	diags   diag.List
	err     error // the sink's first error; nothing is written after it
}

func newOutputTree(m *Model, s sink) *outputTree {
	return &outputTree{m: m, sink: s, sources: map[string]string{}, dirs: map[string]bool{}}
}

// emit writes an output file; source says what made it, for messages.
func (t *outputTree) emit(file, source string, data []byte) {
	key := normalizePath(file)
	if other, ok := t.sources[key]; ok {
		t.diags.Errorf(t.contentPos(source, other), "%s writes %s, as does %s; rename one of them", source, file, other)
		return
	}
	t.sources[key] = source
	t.names = append(t.names, file)
	if t.err == nil && t.writable(file, key) {
		t.err = t.sink(file, data)
	}
}

// writable reports whether file, normalised as key, can be written beside
// the files already passed on, and records its directories. A file check
// will report, with the content file to rename, is kept from the sink: a
// sink that writes to disk as files come would otherwise fail first, with
// a message about mkdir that names no content file.
func (t *outputTree) writable(file, key string) bool {
	ok := !t.dirs[key]
	for elem := range strings.SplitSeq(file, "/") {
		ok = ok && len(elem) <= maxOutputName
	}
	for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
		if _, isFile := t.sources[dir]; isFile {
			ok = false
		}
		t.dirs[dir] = true
	}
	return ok
}

// contentPos is the position to report a clash between two sources at:
// the first of them that is a content file, so that every format (GitHub
// annotations too) can point at a file to rename, or none when both are
// generated.
func (t *outputTree) contentPos(sources ...string) diag.Pos {
	for _, s := range sources {
		if t.m.byFile[s] != nil || t.m.assets[s] {
			return diag.Pos{File: s}
		}
	}
	return diag.Pos{}
}

// check reports an output path with a name too long to write, and an
// output file whose path is a directory of another output file:
// content/en/index.xml.md makes en/index.xml/ while the feed is the file
// en/index.xml. The disk could hold only one of them, so without this
// check the build would fail while writing, naming no content file, after
// check had passed. emit has already made sure no two files share a path.
func (t *outputTree) check() {
	for file, source := range t.sources {
		for elem := range strings.SplitSeq(file, "/") {
			// Names made from frontmatter (tags, terms) can be long.
			if len(elem) > maxOutputName {
				t.diags.Errorf(t.contentPos(source), "%s writes %s, whose name %.40q… is %d bytes long; file systems allow %d, shorten it", source, file, elem, len(elem), maxOutputName)
				break
			}
		}
	}
	for key, source := range t.sources {
		for dir := path.Dir(key); dir != "."; dir = path.Dir(dir) {
			if owner, ok := t.sources[dir]; ok {
				t.diags.Errorf(t.contentPos(source, owner), "%s writes %s inside %s, which %s writes as a file; rename one of them", source, key, dir, owner)
				break
			}
		}
	}
}
