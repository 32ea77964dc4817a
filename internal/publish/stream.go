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
	"runtime"
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
// Write is safe for concurrent use, and minifies in its caller's
// goroutine. Send hands a file to a few workers instead, one per core,
// behind a short queue: a caller that makes pages one after another
// (a build's sink) keeps going while they are minified and written, and
// memory holds only the queue.
type Stream struct {
	dir, tmp string
	root     *os.Root
	mf       *Minifier

	mu    sync.Mutex
	files int
	err   error // the first failed write; Commit refuses after one
	state streamState

	start   sync.Once
	queue   chan file      // to the workers, once Send started them
	workers sync.WaitGroup // the workers, until queue is closed
	sending sync.WaitGroup // Sends between their check and their handover
}

// file is one file handed to Send.
type file struct {
	name string
	data []byte
}

type streamState int

const (
	open    streamState = iota
	closing             // Commit waits for sent files; they may still be written
	failed              // Commit found a failed write; only Abort is left
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

// Send writes the file as Write does, in the background: it returns once
// a worker has taken it, or the queue has room, with the error of any
// earlier write (Commit reports a later one). The caller must not change
// data afterwards.
func (s *Stream) Send(name string, data []byte) error {
	s.mu.Lock()
	if s.state != open {
		s.mu.Unlock()
		return errClosed
	}
	if err := s.err; err != nil {
		s.mu.Unlock()
		return err
	}
	s.sending.Add(1)
	s.mu.Unlock()
	defer s.sending.Done()
	s.start.Do(s.startWorkers)
	s.queue <- file{name, data}
	return nil
}

func (s *Stream) startWorkers() {
	n := max(1, runtime.GOMAXPROCS(0))
	s.queue = make(chan file, n)
	for range n {
		s.workers.Go(func() {
			for f := range s.queue {
				s.Write(f.name, f.data) // its error is kept for Commit
			}
		})
	}
}

// close stops Send and waits for the files already sent to be written;
// it is called with s.mu held, which it releases while it waits.
func (s *Stream) close(state streamState) {
	s.state = state
	s.mu.Unlock()
	s.sending.Wait()
	s.start.Do(func() {}) // no workers start after this
	if s.queue != nil {
		close(s.queue)
		s.workers.Wait()
		s.queue = nil
	}
	s.mu.Lock()
}

// check refuses a name outside the site and a write to a closed stream.
func (s *Stream) check(name string) error {
	s.mu.Lock()
	state := s.state
	s.mu.Unlock()
	if state != open && state != closing {
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

// Commit waits for the files sent to be written, then puts the new site
// in place of the old one. It fails, publishing nothing, if any write
// failed; the caller then calls Abort. Call it once every Write has
// returned.
func (s *Stream) Commit() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.state != open {
		return errClosed
	}
	s.close(closing)
	if s.err != nil {
		s.state = failed
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
	if s.state == committed || s.state == aborted {
		return nil
	}
	s.close(aborted)
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
