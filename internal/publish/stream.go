package publish

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// Stream writes a site as its pages are made, so that nothing needs to
// hold the whole site: each file is minified and written at once into a
// fresh directory beside the target, and Commit swaps that directory in
// for the old one. Until Commit the old site stays as it was; Abort (or a
// failed write, then Abort) leaves nothing half-written in sight.
//
// Write is safe for concurrent use: the stages that make pages in
// parallel hand them straight to it, and minifying uses every core.
type Stream struct {
	dir, tmp string
	root     *os.Root
	mf       *Minifier

	mu    sync.Mutex
	files int
	err   error // the first failed write; Commit refuses after one
	state streamState
}

type streamState int

const (
	open streamState = iota
	committed
	aborted
)

// errClosed is returned by a Write after Commit or Abort.
var errClosed = errors.New("publish: write to a stream already committed or aborted")

// Create starts writing a new site for the directory dir, beside it
// (same file system, so the swap is a rename).
func Create(dir string) (*Stream, error) {
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return nil, err
	}
	// MkdirTemp makes a private directory; a published site must be
	// readable by the web server.
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	root, err := os.OpenRoot(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	return &Stream{dir: dir, tmp: tmp, root: root, mf: NewMinifier()}, nil
}

// Write minifies data for its media type and writes it as the file name
// (slash-separated, inside the site). A name written twice is an error,
// not a silent overwrite: two pages claimed one path (on a file system
// that ignores case, also two names that differ only in case).
func (s *Stream) Write(name string, data []byte) error {
	if err := s.check(name); err != nil {
		return s.fail(err)
	}
	data, err := s.mf.Minify(name, data)
	if err != nil {
		return s.fail(err)
	}
	if d := path.Dir(name); d != "." {
		if err := s.root.MkdirAll(d, 0o755); err != nil {
			return s.fail(err)
		}
	}
	f, err := s.root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return s.fail(fmt.Errorf("%s is written twice", name))
	}
	if err != nil {
		return s.fail(err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return s.fail(err)
	}
	if err := f.Close(); err != nil {
		return s.fail(err)
	}
	s.mu.Lock()
	s.files++
	s.mu.Unlock()
	return nil
}

// check refuses a name outside the site and a write to a closed stream.
func (s *Stream) check(name string) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state != open {
		return errClosed
	}
	if !filepath.IsLocal(filepath.FromSlash(name)) || strings.Contains(name, `\`) {
		return fmt.Errorf("refusing to write %q: not a local path", name)
	}
	return nil
}

// fail remembers the first error, so that Commit cannot publish a site
// with a file missing, and returns err.
func (s *Stream) fail(err error) error {
	s.mu.Lock()
	if s.err == nil && !errors.Is(err, errClosed) {
		s.err = err
	}
	s.mu.Unlock()
	return err
}

// Files is how many files have been written.
func (s *Stream) Files() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files
}

// Commit puts the new site in place of the old one. It fails, publishing
// nothing, if any Write failed; the caller then calls Abort. Call it once
// every Write has returned.
func (s *Stream) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != open {
		return errClosed
	}
	if s.err != nil {
		return fmt.Errorf("not published, a write failed: %w", s.err)
	}
	if err := s.root.Close(); err != nil {
		return err
	}
	if err := Replace(s.dir, s.tmp); err != nil {
		return err
	}
	s.state = committed
	return nil
}

// Abort removes what was written; the old site stays. After Commit it
// does nothing, so `defer s.Abort()` is the way to clean up on any
// early return.
func (s *Stream) Abort() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != open {
		return nil
	}
	s.state = aborted
	s.root.Close()
	return os.RemoveAll(s.tmp)
}

// ZipDir packs the published site in dir into the zip archive name,
// under the folder root, as WriteZip would pack the files it was written
// from: the same entries in the same order (sorted slash-separated
// paths), the same bytes, so nothing is minified twice and nothing needs
// the whole site in memory. Only regular files are packed.
func ZipDir(name, root, dir string) error {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err == nil {
			paths = append(paths, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		return err
	}
	slices.Sort(paths)
	site, err := os.OpenRoot(dir)
	if err != nil {
		return err
	}
	defer site.Close()
	return writeZipFile(name, func(zw *zip.Writer, stamp time.Time) error {
		for _, p := range paths {
			if err := copyEntry(zw, site, p, path.Join(root, p), stamp); err != nil {
				return err
			}
		}
		return nil
	})
}

func copyEntry(zw *zip.Writer, site *os.Root, p, entry string, stamp time.Time) error {
	f, err := site.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: entry, Method: zip.Deflate, Modified: stamp})
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}
