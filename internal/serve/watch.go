package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Changes is what one burst of file system events touched.
type Changes struct {
	// All is set when the watcher cannot say what changed (events were
	// lost, or this is the first build): everything must be rebuilt.
	All bool
	// Paths are the files and directories created, written, removed or
	// renamed (both names), as the operating system names them, sorted.
	Paths []string
}

// watcher reports what changed under its roots. It delivers one signal
// per burst of events: editors write a file in several steps and a git
// checkout touches hundreds of files, and each burst should cost one
// rebuild. What the bursts touched accumulates until the consumer takes
// it, so events that arrive during a build join the next one.
type watcher struct {
	roots     []string
	poll      time.Duration // >0: poll instead of using fsnotify
	settle    time.Duration // quiet time that ends a burst
	changes   chan struct{} // a signal that take has something
	ready     chan struct{} // closed once the first watches (or snapshot) are in place
	readyOnce sync.Once
	logf      func(format string, args ...any)

	mu      sync.Mutex
	all     bool
	pending map[string]bool
}

func newWatcher(roots []string, poll time.Duration, logf func(string, ...any)) *watcher {
	// An editor's save is a few system calls a millisecond apart, and
	// what arrives while a build runs waits for the next one anyway, so a
	// short quiet time coalesces enough and adds little to the reload.
	return &watcher{roots: roots, poll: poll, settle: 10 * time.Millisecond, changes: make(chan struct{}, 1), logf: logf,
		ready: make(chan struct{}), pending: map[string]bool{}}
}

// take returns and forgets what changed since the last take.
func (w *watcher) take() Changes {
	w.mu.Lock()
	defer w.mu.Unlock()
	c := Changes{All: w.all}
	for p := range w.pending {
		c.Paths = append(c.Paths, p)
	}
	slices.Sort(c.Paths)
	w.all, w.pending = false, map[string]bool{}
	return c
}

// note records a changed path, or with name "" that changes were lost.
func (w *watcher) note(name string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if name == "" {
		w.all = true
	} else {
		w.pending[name] = true
	}
}

// run watches until ctx ends. It falls back to polling when the system is
// out of inotify watches.
func (w *watcher) run(ctx context.Context) error {
	if w.poll > 0 {
		return w.runPolling(ctx)
	}
	err := w.runNotify(ctx)
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		w.logf("The system is out of inotify watches (%v). Raise the limit with\n  sudo sysctl fs.inotify.max_user_watches=524288\nFalling back to polling every second.", err)
		w.poll = time.Second
		return w.runPolling(ctx)
	}
	return err
}

// watching tells whoever waits on ready that changes from now on are seen.
func (w *watcher) watching() { w.readyOnce.Do(func() { close(w.ready) }) }

func (w *watcher) signal() {
	select {
	case w.changes <- struct{}{}:
	default: // a change is already pending; it covers this one
	}
}

// relevant filters out what is never content: editor swap and backup
// files, and vim's "4913" probe file.
func relevant(name string) bool {
	base := filepath.Base(name)
	return !(strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913")
}

// runNotify watches through inotify (or the platform's like): every
// directory of the tree, and each new one as it appears.
func (w *watcher) runNotify(ctx context.Context) error {
	fw, err := fsnotify.NewBufferedWatcher(1024)
	if err != nil {
		return err
	}
	defer fw.Close()
	for _, root := range w.roots {
		if err := watchTree(fw, root); err != nil {
			return err
		}
	}
	w.watching()
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			noted, err := w.event(fw, ev)
			if err != nil {
				return err
			}
			if noted {
				timer = time.After(w.settle)
			}
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				return err
			}
			// Events were lost: rebuild everything, it is always correct.
			w.note("")
			timer = time.After(w.settle)
		case <-timer:
			timer = nil
			w.signal()
		}
	}
}

// event notes a change the build must see, watching a directory that
// was created; it reports whether it noted one.
func (w *watcher) event(fw *fsnotify.Watcher, ev fsnotify.Event) (bool, error) {
	if ev.Has(fsnotify.Create) {
		// A new directory (mkdir -p, a checkout, a rename) must be
		// watched too, with whatever was created in it already.
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() && relevant(ev.Name) {
			if err := watchTree(fw, ev.Name); err != nil {
				return false, err
			}
		}
	}
	if !relevant(ev.Name) || ev.Op == fsnotify.Chmod {
		return false, nil
	}
	w.note(ev.Name) // a rename reports the old name and creates the new one
	return true, nil
}

// watchTree adds root and the directories under it to fw.
func watchTree(fw *fsnotify.Watcher, root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed while we walked; its parent's event covers it
			}
			return err
		}
		if d.IsDir() {
			if p != root && !relevant(p) {
				return filepath.SkipDir
			}
			if err := fw.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
}

// runPolling compares a snapshot of names, sizes and times at each tick.
func (w *watcher) runPolling(ctx context.Context) error {
	last := w.snapshot()
	w.watching()
	tick := time.NewTicker(w.poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			now := w.snapshot()
			changed := false
			for p, v := range now {
				if last[p] != v {
					w.note(p)
					changed = true
				}
			}
			for p := range last {
				if _, ok := now[p]; !ok {
					w.note(p)
					changed = true
				}
			}
			if changed {
				w.signal()
			}
			last = now
		}
	}
}

// stamp is what polling compares of a file.
type stamp struct {
	size, mtime int64
	dir         bool
}

func (w *watcher) snapshot() map[string]stamp {
	files := map[string]stamp{}
	for _, root := range w.roots {
		_ = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !relevant(p) && p != root {
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if fi, err := d.Info(); err == nil {
				files[p] = stamp{fi.Size(), fi.ModTime().UnixNano(), fi.IsDir()}
			}
			return nil
		})
	}
	return files
}
