package site_test

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/corpus"
	"github.com/openblueprints/blueprints/internal/publish"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/site"
)

var update = flag.Bool("update", false, "rewrite testdata/identical/*.sha256 from this build")

// identicalCorpus is the generated corpus TestOutputUnchanged builds. 300
// blueprints (about 2,900 output files) rather than the 1,000 of make
// identical and the benchmarks: under -race, in make test, 1,000 take
// minutes; 300 reach every page kind, both text directions and every
// translation state all the same.
var identicalCorpus = corpus.Options{N: 300, Translated: 0.15, Seed: 1, Schemas: "../../content/schema"}

// TestOutputUnchanged holds the built site to the bytes recorded in
// testdata/identical: the SHA-256 of every file that blueprints build
// writes, for a generated corpus and for the bundled site (content/ and
// themes/). A change that should not change the output (a refactor) must
// pass it as it is; a change that changes the output on purpose runs
//
//	go test ./internal/site -run TestOutputUnchanged -update
//
// and commits the manifests, whose diff then shows which files changed.
//
// The corpus comparison always runs: its input is made by code. The
// bundled site's input is content/, which contributors edit all the time
// (and whose pull requests do not run the tests), so its manifest records
// a digest of content/, and when content/ no longer matches it the bundled
// comparison is skipped with a message saying how to refresh it. themes/
// is not in that digest: a theme change is a change of output, to be
// seen in the manifests' diff like a change of code.
func TestOutputUnchanged(t *testing.T) {
	t.Run("corpus", func(t *testing.T) {
		src := t.TempDir()
		if err := corpus.Write(src, identicalCorpus); err != nil {
			t.Fatal(err)
		}
		o := identicalCorpus
		header := fmt.Sprintf("corpus -n %d -translated %g -seed %d", o.N, o.Translated, o.Seed)
		checkManifest(t, "testdata/identical/corpus.sha256", header, buildLikeCLI(t, filepath.Join(src, "blueprints")))
	})
	t.Run("bundled", func(t *testing.T) {
		inputs, err := treeDigest("../../content")
		if err != nil {
			t.Fatal(err)
		}
		header := "content " + inputs
		const name = "testdata/identical/bundled.sha256"
		if !*update {
			if got, err := readHeader(name); err != nil {
				t.Fatal(err)
			} else if got != header {
				t.Skipf("content/ changed since %s was made, so its hashes no longer apply: run `go test ./internal/site -run TestOutputUnchanged -update` and commit the manifest", name)
			}
		}
		checkManifest(t, name, header, buildLikeCLI(t, "../.."))
	})
}

// buildLikeCLI builds the site under root (content/, and themes/ if there
// is one) as blueprints build does, bleve index included, writes it with
// publish.Write and returns the output directory. The date is fixed: a
// build must not depend on the day it runs.
func buildLikeCLI(t *testing.T, root string) string {
	t.Helper()
	cfg := site.Config{
		Content: os.DirFS(filepath.Join(root, "content")),
		Today:   time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC),
	}
	if themes := filepath.Join(root, "themes"); isDir(themes) {
		cfg.Themes = os.DirFS(themes)
	}
	index, err := search.Create(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Index = index
	start := time.Now()
	output, diags := site.Build(context.Background(), cfg)
	if err := index.Close(); err != nil {
		t.Fatalf("search index: %v", err)
	}
	if err := diags.Err(); err != nil {
		t.Fatalf("build %s: %v", root, err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := publish.Write(out, output.Files, output.Paths()); err != nil {
		t.Fatal(err)
	}
	t.Logf("built %s: %d files in %s", root, len(output.Files), time.Since(start).Round(time.Millisecond))
	return out
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

// checkManifest compares the SHA-256 of every file under dir with the
// manifest, or with -update rewrites it: "# header", then one
// "path  sha256" line per file in path order.
func checkManifest(t *testing.T, name, header, dir string) {
	t.Helper()
	got, err := hashTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := writeManifest(name, header, got); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s: %d files", name, len(got))
		return
	}
	wantHeader, err := readHeader(name)
	if err != nil {
		t.Fatal(err)
	}
	if wantHeader != header {
		t.Fatalf("%s was made for %q, this test builds %q: run the test with -update", name, wantHeader, header)
	}
	want, err := readManifest(name)
	if err != nil {
		t.Fatal(err)
	}
	if report := compareHashes(want, got); report != "" {
		t.Errorf("the build of %s differs from %s:\n%s\nIf the change is meant, run `go test ./internal/site -run TestOutputUnchanged -update` and commit the manifest.", header, name, report)
	}
}

// compareHashes lists, for each way two manifests can differ, the first
// few paths and how many there are in all; "" when they agree.
func compareHashes(want, got map[string]string) string {
	var changed, missing, extra []string
	for p, h := range want {
		switch g, ok := got[p]; {
		case !ok:
			missing = append(missing, p)
		case g != h:
			changed = append(changed, p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			extra = append(extra, p)
		}
	}
	var b strings.Builder
	for _, group := range []struct {
		what  string
		paths []string
	}{{"differ", changed}, {"missing (in the manifest, not built)", missing}, {"extra (built, not in the manifest)", extra}} {
		if len(group.paths) == 0 {
			continue
		}
		slices.Sort(group.paths)
		const shown = 8
		fmt.Fprintf(&b, "%d files %s:\n", len(group.paths), group.what)
		for _, p := range group.paths[:min(shown, len(group.paths))] {
			fmt.Fprintf(&b, "\t%s\n", p)
		}
		if len(group.paths) > shown {
			fmt.Fprintf(&b, "\t… and %d more\n", len(group.paths)-shown)
		}
	}
	return b.String()
}

// hashTree returns the SHA-256 of every file under dir by slash-separated
// path.
func hashTree(dir string) (map[string]string, error) {
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		sums[filepath.ToSlash(rel)] = hex.EncodeToString(sum[:])
		return nil
	})
	return sums, err
}

// treeDigest is one SHA-256 over the path, size and bytes of every file
// under dir, in path order.
func treeDigest(dir string) (string, error) {
	h := sha256.New()
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", filepath.ToSlash(rel), len(data))
		h.Write(data)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)), err
}

func writeManifest(name, header string, sums map[string]string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n# Output of blueprints build, checked by TestOutputUnchanged (identical_test.go); rewrite with -update.\n", header)
	paths := make([]string, 0, len(sums))
	for p := range sums {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		fmt.Fprintf(&b, "%s  %s\n", p, sums[p])
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(b.String()), 0o644)
}

// readHeader returns the manifest's first line without its "# ".
func readHeader(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil {
		return "", fmt.Errorf("%s:1: %v", name, err)
	}
	header, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "# ")
	if !ok {
		return "", fmt.Errorf("%s:1: want a \"# \" header line", name)
	}
	return header, nil
}

func readManifest(name string) (map[string]string, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	sums := map[string]string{}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			continue
		}
		p, sum, ok := strings.Cut(line, "  ")
		if !ok || len(sum) != sha256.Size*2 {
			return nil, fmt.Errorf("%s:%d: want \"path  sha256\"", name, i+1)
		}
		sums[p] = sum
	}
	return sums, nil
}

// TestCompareHashes pins the failure report of TestOutputUnchanged, which
// only shows when a build changes: each kind of difference named with its
// count and its first paths in order.
func TestCompareHashes(t *testing.T) {
	want := map[string]string{"a.html": "1", "b.html": "2", "gone.html": "3"}
	got := map[string]string{"a.html": "1", "b.html": "changed", "new.html": "4"}
	for i := range 10 {
		p := fmt.Sprintf("x/%02d.html", i)
		want[p], got[p] = "old", "new"
	}
	report := compareHashes(want, got)
	for _, s := range []string{
		"11 files differ:\n\tb.html\n\tx/00.html\n",
		"\t… and 3 more\n",
		"1 files missing (in the manifest, not built):\n\tgone.html\n",
		"1 files extra (built, not in the manifest):\n\tnew.html\n",
	} {
		if !strings.Contains(report, s) {
			t.Errorf("report lacks %q:\n%s", s, report)
		}
	}
	if r := compareHashes(want, want); r != "" {
		t.Errorf("equal manifests: got report %q", r)
	}
}
