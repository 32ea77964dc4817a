package site

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"testing/fstest"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
)

// pathologicalShapes are the inputs of cmark's test/pathological_tests.py
// (and a few of the same kind for our extensions), each grown to the size
// of the file cap: the inputs on which Markdown parsers go quadratic or
// recurse without bound. The value is the Markdown of one file.
func pathologicalShapes() map[string]string {
	// Room for the frontmatter under the cap.
	const size = content.DefaultMaxFileSize - 100
	fill := func(unit string) string { return strings.Repeat(unit, size/len(unit)) }
	upTo := func(next func(i int) string) string {
		var b strings.Builder
		for i := 0; ; i++ {
			s := next(i)
			if b.Len()+len(s) > size {
				return b.String()
			}
			b.WriteString(s)
		}
	}
	half := size / 2
	return map[string]string{
		"nested-strong-emph":       strings.Repeat("*a **a ", half/14) + "b" + strings.Repeat(" a** a*", half/14),
		"emph-closers-no-openers":  fill("a_ "),
		"emph-openers-no-closers":  fill("_a "),
		"link-closers-no-openers":  fill("a]"),
		"link-openers-no-closers":  fill("[a"),
		"mismatched-openers":       fill("*a_ "),
		"closers-multiple-of-3":    "a**b" + fill("c* "),
		"link-openers-emph-close":  fill("[ a_"),
		"bracket-paren":            fill("[ (]("),
		"nested-brackets":          strings.Repeat("[", half) + "a" + strings.Repeat("]", half-1),
		"nested-block-quotes":      fill("> ") + "a",
		"deeply-nested-lists":      upTo(func(i int) string { return strings.Repeat("  ", i) + "* a\n" }),
		"backticks":                upTo(func(i int) string { return "e" + strings.Repeat("`", i+1) }),
		"unclosed-links-a":         fill("[a](<b"),
		"unclosed-links-b":         fill("[a](b"),
		"unclosed-comments":        "</" + fill("<!--"),
		"many-references":          upTo(func(i int) string { return fmt.Sprintf("[%d]: u\n", i) })[:half] + "\n" + strings.Repeat("[0] ", half/4-1),
		"nested-inline-links":      strings.Repeat("[a](", half/4) + strings.Repeat("b)", half/2-1),
		"nested-images":            strings.Repeat("![a](", half/5) + strings.Repeat("b)", half/2-1),
		"many-footnote-references": fill("[^a]"),
		"wide-table":               "|" + strings.Repeat("a|", half/2-2) + "\n|" + strings.Repeat("-|", half/2-2) + "\n",
		"nested-emph-in-links":     strings.Repeat("[*_", half/3) + strings.Repeat("_*](u)", half/6-1),
	}
}

// TestPathologicalShapesAtCap builds a site of each pathological shape at
// the file cap: the file must either render within the render timeout or
// fail with an error naming it, the build must finish, and memory must stay
// bounded. goldmark cannot be interrupted, so a file that times out leaves a
// goroutine running; each build runs in a child process of its own, which
// takes that goroutine with it when it exits (and does not slow the next
// shape down), and whose peak memory the kernel reports.
func TestPathologicalShapesAtCap(t *testing.T) {
	if name := os.Getenv("BLUEPRINTS_PATHOLOGICAL_SHAPE"); name != "" {
		buildPathological(t, name)
		return
	}
	if testing.Short() {
		t.Skip("builds files at the size cap in child processes")
	}
	for name := range pathologicalShapes() {
		t.Run(name, func(t *testing.T) {
			// Each child is one process; as many run as -parallel
			// allows (GOMAXPROCS). A render slowed by the others may
			// time out instead: either outcome passes.
			t.Parallel()
			// Generous: the child's render is bounded by its render
			// timeout; this bound only catches a build that hangs.
			const bound = time.Minute
			ctx, cancel := context.WithTimeout(context.Background(), bound)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestPathologicalShapesAtCap$", "-test.v")
			cmd.Env = append(os.Environ(), "BLUEPRINTS_PATHOLOGICAL_SHAPE="+name)
			start := time.Now()
			out, err := cmd.CombinedOutput()
			switch {
			case ctx.Err() != nil:
				t.Fatalf("the build did not finish within %s", bound)
			case err != nil:
				t.Fatalf("child process: %v\n%s", err, out)
			case !strings.Contains(string(out), "--- PASS: TestPathologicalShapesAtCap"):
				t.Fatalf("the child process did not run the build:\n%s", out)
			}
			for _, line := range strings.Split(string(out), "\n") {
				if _, result, ok := strings.Cut(line, "pathological: "); ok {
					t.Logf("%s in %s", result, time.Since(start).Round(time.Millisecond))
				}
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
				// Maxrss is in KiB on Linux. The race detector can
				// multiply memory by ten; the bound still catches a
				// build that grows without limit.
				peak := ru.Maxrss << 10
				if peak > 4<<30 {
					t.Errorf("the build peaked at %d MiB", peak>>20)
				}
				t.Logf("peak memory %d MiB", peak>>20)
			}
		})
	}
}

// buildPathological is the child's half of TestPathologicalShapesAtCap: it
// builds one shape and reports whether it rendered or which error named it.
func buildPathological(t *testing.T, name string) {
	md, ok := pathologicalShapes()[name]
	if !ok {
		t.Fatalf("no shape %q", name)
	}
	data := "---\ntitle: " + name + "\n---\n" + md
	if len(data) > content.DefaultMaxFileSize || len(data) < content.DefaultMaxFileSize/4 {
		t.Fatalf("test bug: %s is %d bytes, want close to the cap of %d", name, len(data), content.DefaultMaxFileSize)
	}
	file := "en/" + name + ".md"
	fsys := siteFS(t, "-- content/site.yaml --\ntitle: P\nlanguages: [{code: en, name: English}]\n")
	fsys[file] = &fstest.MapFile{Data: []byte(data)}
	out, diags := Build(context.Background(), Config{Content: fsys, RenderTimeout: 2 * time.Second})
	if diags.Err() == nil {
		checkOutputSafe(t, out)
		if _, ok := out.Files["en/"+name+"/index.html"]; !ok {
			t.Errorf("%s rendered but has no page", name)
		}
		t.Logf("pathological: %d bytes rendered", len(data))
		return
	}
	for _, d := range diags {
		if d.Severity != diag.Error {
			continue
		}
		if d.Pos.File != file {
			t.Errorf("error does not name %s: %v", file, d)
		}
		t.Logf("pathological: %d bytes failed: %v", len(data), d)
	}
}
