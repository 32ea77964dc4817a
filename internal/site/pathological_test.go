package site

import (
	"context"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"runtime"
	"slices"
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

// TestPathologicalShapesAtCap builds each pathological shape at the file
// cap: the file must either render within the render timeout or fail with
// an error naming it, the build must finish, and memory must stay bounded.
//
// goldmark cannot be interrupted, so a file that times out leaves a
// goroutine running, which would slow every build after it. The builds run
// in a child process, one shape after another; after a timeout the child
// stops and exits, taking the goroutine with it, and a new child goes on
// with the shapes left. The kernel reports each child's peak memory.
func TestPathologicalShapesAtCap(t *testing.T) {
	if names := os.Getenv("BLUEPRINTS_PATHOLOGICAL_SHAPES"); names != "" {
		buildPathological(t, strings.Split(names, ","))
		return
	}
	if testing.Short() {
		t.Skip("builds files at the size cap in child processes")
	}
	left := slices.Sorted(maps.Keys(pathologicalShapes()))
	for len(left) > 0 {
		// Generous: each build is bounded by the render timeout; this
		// bound only catches a child that hangs.
		const bound = 3 * time.Minute
		ctx, cancel := context.WithTimeout(context.Background(), bound)
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestPathologicalShapesAtCap$", "-test.v")
		cmd.Env = append(os.Environ(), "BLUEPRINTS_PATHOLOGICAL_SHAPES="+strings.Join(left, ","))
		out, err := cmd.CombinedOutput()
		timedOut := ctx.Err() != nil
		cancel()
		switch {
		case timedOut:
			t.Fatalf("building %v did not finish within %s:\n%s", left, bound, out)
		case err != nil:
			t.Fatalf("child process: %v\n%s", err, out)
		}
		done := 0
		for _, line := range strings.Split(string(out), "\n") {
			if _, result, ok := strings.Cut(line, "pathological: "); ok {
				t.Log(result)
				done++
			}
		}
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && runtime.GOOS == "linux" {
			// Maxrss is in KiB on Linux. The race detector can multiply
			// memory by ten; the bound still catches a build that grows
			// without limit.
			peak := ru.Maxrss << 10
			if peak > 4<<30 {
				t.Errorf("building %v peaked at %d MiB", left[:done], peak>>20)
			}
			t.Logf("peak memory %d MiB", peak>>20)
		}
		if done == 0 {
			t.Fatalf("the child process built nothing:\n%s", out)
		}
		left = left[done:]
	}
}

// buildPathological is the child's half of TestPathologicalShapesAtCap: it
// builds the named shapes in order, logging for each whether it rendered or
// which error named it, and stops after a timeout.
func buildPathological(t *testing.T, names []string) {
	shapes := pathologicalShapes()
	for _, name := range names {
		md, ok := shapes[name]
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
		start := time.Now()
		out, diags := Build(context.Background(), Config{Content: fsys, RenderTimeout: time.Second})
		took := time.Since(start).Round(time.Millisecond)
		if diags.Err() == nil {
			checkOutputSafe(t, out)
			if _, ok := out.Files["en/"+name+"/index.html"]; !ok {
				t.Errorf("%s rendered but has no page", name)
			}
			t.Logf("pathological: %s: %d bytes rendered in %s", name, len(data), took)
			continue
		}
		var failure diag.Diagnostic
		for _, d := range diags {
			if d.Severity != diag.Error {
				continue
			}
			if d.Pos.File != file {
				t.Errorf("error does not name %s: %v", file, d)
			}
			failure = d
		}
		t.Logf("pathological: %s: %d bytes failed in %s: %v", name, len(data), took, failure)
		if strings.Contains(failure.Message, "took longer than") {
			return // the parse goes on in a goroutine: leave, and let it die with the process
		}
	}
}
