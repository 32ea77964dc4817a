package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/publish"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/internal/serve"
	"github.com/openblueprints/blueprints/internal/site"
)

const usage = `blueprints builds and checks a knowledge base of ICT innovation blueprints.

Usage:
  blueprints serve [--source DIR] [--bind ADDR] [--port N] [--poll DURATION]
  blueprints build [--source DIR] [--out DIR] [--offline [--zip FILE]] [-q]
  blueprints check [--source DIR] [--format text|json|github] [--warnings=false]
                   [--changed-since REV]
  blueprints search [--source DIR] [--lang L] [--type T] [--region R] [--country CC]
                    [--sdg N] [--stage S] [--tag T] [--limit N] [--json] WORDS...
  blueprints new [--source DIR] [--type T] [--country CC] [--lang L] "TITLE"
  blueprints new [--source DIR] --translate LANG FILE
  blueprints i18n status [--source DIR] [--lang L] [--format text|json|markdown]
  blueprints i18n stamp [--source DIR] FILE...
  blueprints stats [--source DIR] [--format text|json]
  blueprints help

A site is a directory with content/ (site.yaml, schema/, one directory per
language) and optionally themes/. Output goes to public/ unless --out says
otherwise; a failed build leaves the previous output untouched. build also
writes the search index that "blueprints search" reads, to .blueprints/index
in the site root.

Exit status: 0 success, 1 content errors, 2 usage errors.
`

// usageError is a mistake in the command line (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// contentError means the content has errors, already printed (exit 1).
type contentError struct{ n int }

func (e contentError) Error() string {
	if e.n == 1 {
		return "1 error"
	}
	return fmt.Sprintf("%d errors", e.n)
}

func exitCode(err error) int {
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue), errors.Is(err, flag.ErrHelp):
		return 2
	}
	return 1
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	err := dispatch(ctx, args, stdout, stderr)
	var ue usageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "blueprints: %v\nRun 'blueprints help' for usage.\n", err)
	default:
		fmt.Fprintf(stderr, "blueprints: %v\n", err)
	}
	return err
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return usageError{"no command given"}
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return cmdBuild(ctx, rest, stdout, stderr)
	case "serve":
		return cmdServe(ctx, rest, stdout, stderr)
	case "check":
		return cmdCheck(ctx, rest, stdout, stderr)
	case "search":
		return cmdSearch(ctx, rest, stdout, stderr)
	case "i18n":
		return cmdI18n(ctx, rest, stdout, stderr)
	case "new":
		return cmdNew(ctx, rest, stdout, stderr)
	case "stats":
		return cmdStats(ctx, rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		return usageError{fmt.Sprintf("unknown command %q", cmd)}
	}
}

// siteFlags are the flags every command that reads a site shares.
type siteFlags struct {
	source string
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.source, "source", ".", "site root `DIR`, holding content/ and themes/")
}

// indexDir is where build writes the bleve index and search reads it.
func (f *siteFlags) indexDir() string { return filepath.Join(f.source, ".blueprints", "index") }

func (f *siteFlags) config() site.Config {
	cfg := site.Config{Content: os.DirFS(filepath.Join(f.source, "content"))}
	if themes := filepath.Join(f.source, "themes"); isDir(themes) {
		cfg.Themes = os.DirFS(themes)
	}
	return cfg
}

// displayPath turns a diagnostic's content-relative path into one relative
// to the working directory, so editors and terminals can open it.
func (f *siteFlags) displayPath(list diag.List) diag.List {
	out := make(diag.List, len(list))
	for i, d := range list {
		if d.Pos.File != "" {
			d.Pos.File = filepath.ToSlash(filepath.Join(f.source, "content", filepath.FromSlash(d.Pos.File)))
		}
		out[i] = d
	}
	return out
}

func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses flags, leaving any arguments after them in fs.Args().
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	return nil
}

// parse parses flags for a command that takes no other arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("%s: unexpected argument %q", fs.Name(), fs.Arg(0))}
	}
	return nil
}

func cmdBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("build", stderr)
	var sf siteFlags
	sf.register(fs)
	out := fs.String("out", "", "output `DIR` (default: public/ in the site root)")
	offline := fs.Bool("offline", false, "write links that name index.html, for reading from disk (file://), and a zip of the site")
	zipName := fs.String("zip", "", "with --offline, the zip `FILE` to write (default: the output directory's name + .zip)")
	quiet := fs.Bool("q", false, "print nothing but problems")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE` (for go tool pprof)")
	memProfile := fs.String("memprofile", "", "write a heap profile, taken at the end of the build, to `FILE`, and one taken when the live heap was largest to FILE.peak")
	if err := parse(fs, args); err != nil {
		return err
	}
	stop, err := startProfiles(*cpuProfile, *memProfile)
	if err != nil {
		return err
	}
	defer stop()
	if *out == "" {
		*out = filepath.Join(sf.source, "public")
	}
	start := time.Now()
	// The bleve index is written beside the old one during the build (the
	// build analyzes each page once for both search indexes) and swapped in
	// with the site.
	if err := os.MkdirAll(filepath.Dir(sf.indexDir()), 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(sf.indexDir()), ".index-new-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	index, err := search.Create(filepath.Join(tmp, "i"))
	if err != nil {
		return err
	}
	cfg := sf.config()
	cfg.Offline = *offline
	cfg.Index = index
	files, err := buildInto(ctx, cfg, *out, sf, index.Close, stderr)
	if err != nil {
		return err
	}
	if err := publish.Replace(sf.indexDir(), filepath.Join(tmp, "i")); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if *offline {
		if *zipName == "" {
			*zipName = filepath.Clean(*out) + ".zip"
		}
		// From the files just written: nothing is minified twice.
		if err := publish.ZipDir(*zipName, filepath.Base(filepath.Clean(*out)), *out); err != nil {
			return fmt.Errorf("write %s: %w", *zipName, err)
		}
	}
	if !*quiet && isTerminal(stdout) {
		fmt.Fprintf(stdout, "Built %d files into %s in %s.\n", files, *out, time.Since(start).Round(time.Millisecond))
		if *offline {
			fmt.Fprintf(stdout, "Open %s in a browser, or share %s.\n", filepath.Join(*out, "index.html"), *zipName)
		}
	}
	return nil
}

// buildInto builds the site into the directory out, writing each file as
// it is made (nothing holds the whole site) into a directory beside out
// that replaces it only if the build had no errors; after any error out is
// left as it was and nothing half-written is in sight. closeIndex closes
// the search index cfg.Index writes to, once the build is done; the site
// is not published if that fails. buildInto prints the diagnostics and
// returns how many files were written.
func buildInto(ctx context.Context, cfg site.Config, out string, sf siteFlags, closeIndex func() error, stderr io.Writer) (int, error) {
	stream, err := publish.Create(out)
	if err != nil {
		closeIndex()
		return 0, fmt.Errorf("write %s: %w", out, err)
	}
	defer stream.Abort() // does nothing after Commit
	_, diags := site.BuildTo(ctx, cfg, stream.Send)
	indexErr := closeIndex()
	printText(stderr, sf.displayPath(diags))
	if n := diags.Errors(); n > 0 {
		return 0, fmt.Errorf("build failed: %w; %s was left as it was", contentError{n}, out)
	}
	if indexErr != nil {
		return 0, fmt.Errorf("search index: %w", indexErr)
	}
	if err := stream.Commit(); err != nil {
		return 0, fmt.Errorf("write %s: %w", out, err)
	}
	return stream.Files(), nil
}

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", stderr)
	var sf siteFlags
	sf.register(fs)
	bind := fs.String("bind", "127.0.0.1", "`address` to listen on; other machines can reach anything but loopback")
	port := fs.Int("port", 8090, "`port` to listen on; 0 picks a free one")
	poll := fs.Duration("poll", 0, "poll for changes every `DURATION` instead of using inotify (network drives, containers)")
	if err := parse(fs, args); err != nil {
		return err
	}
	watch := []string{filepath.Join(sf.source, "content")}
	if themes := filepath.Join(sf.source, "themes"); isDir(themes) {
		watch = append(watch, themes)
	}
	dev := newDevBuild(sf)
	defer dev.index.Close()
	srv, err := serve.Listen(ctx, serve.Config{
		Addr:  net.JoinHostPort(*bind, strconv.Itoa(*port)),
		Watch: watch,
		Poll:  *poll,
		Build: dev.build,
		Log:   stderr,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl+C to stop)\n", sf.source, srv.URL())
	return srv.Serve(ctx)
}

// startProfiles starts a CPU profile and arranges a heap profile; stop
// writes both. Builds are where the time goes, so that is what they cover.
func startProfiles(cpuFile, memFile string) (stop func(), err error) {
	var cpu *os.File
	if cpuFile != "" {
		if cpu, err = os.Create(cpuFile); err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(cpu); err != nil {
			cpu.Close()
			return nil, err
		}
	}
	stopPeak := func() {}
	if memFile != "" {
		stopPeak = watchPeak(memFile+".peak", 50*time.Millisecond)
	}
	return func() {
		stopPeak()
		if cpu != nil {
			pprof.StopCPUProfile()
			cpu.Close()
		}
		if memFile != "" {
			if f, err := os.Create(memFile); err == nil {
				pprof.Lookup("allocs").WriteTo(f, 0)
				f.Close()
			}
		}
	}, nil
}

func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", stderr)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "output `format`: text, json or github (workflow annotations, and the full list in $GITHUB_STEP_SUMMARY)")
	warnings := fs.Bool("warnings", true, "list warnings; with --warnings=false only errors are listed (the summary still counts warnings)")
	since := fs.String("changed-since", "", "report only problems of the content files changed since the Git `REV`, and of files whose links they break")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" && *format != "github" {
		return usageError{fmt.Sprintf("check: unknown format %q; use text, json or github", *format)}
	}
	var changed map[string]bool
	if *since != "" {
		// Before the build: a mistyped revision is a usage error, found
		// at once.
		var err error
		if changed, err = changedFiles(sf.source, *since); err != nil {
			return err
		}
	}
	_, diags := site.Build(ctx, sf.config())
	var echoes diag.List
	if changed != nil {
		diags = onlyChanged(diags, changed)
		echoes = echoOnChanged(diags, changed, sf.contentPath)
	}
	diags = sf.displayPath(diags)
	listed := diags
	if !*warnings {
		listed = onlyErrors(diags)
	}
	switch *format {
	case "json":
		if err := printJSON(stdout, listed); err != nil {
			return err
		}
		// stdout is JSON for a program; the summary is for the person.
		printSummary(stderr, diags, len(diags)-len(listed))
	case "github":
		if err := printGitHub(stdout, append(slices.Clone(listed), sf.displayPath(echoes)...).Sort(), os.Getenv("GITHUB_STEP_SUMMARY")); err != nil {
			return err
		}
		printSummary(stdout, diags, len(diags)-len(listed))
	default:
		printText(stdout, listed)
		printSummary(stdout, diags, len(diags)-len(listed))
	}
	if n := diags.Errors(); n > 0 {
		return contentError{n}
	}
	return nil
}

// changedFiles lists the content files (content-relative paths) that
// differ from REV in Git: committed, staged, unstaged or new. A REV that
// names no commit, or a site outside a Git repository, is a usage error.
func changedFiles(source, rev string) (map[string]bool, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, usageError{fmt.Sprintf("check: --changed-since %q: a revision cannot start with -", rev)}
	}
	verify := exec.Command("git", "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	verify.Dir = source
	if err := verify.Run(); err != nil {
		inside := exec.Command("git", "rev-parse", "--is-inside-work-tree")
		inside.Dir = source
		if o, err := inside.Output(); err != nil || strings.TrimSpace(string(o)) != "true" {
			return nil, usageError{fmt.Sprintf("check: --changed-since needs a Git repository, and %s is not in one", source)}
		}
		return nil, usageError{fmt.Sprintf("check: --changed-since %q: no such commit, branch or tag in this repository; give one such as main, origin/main or HEAD~1 (in a shallow clone, fetch it first)", rev)}
	}
	git := func(args ...string) ([]string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = source
		var stderr strings.Builder
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
		}
		return strings.Split(strings.TrimSpace(string(out)), "\n"), nil
	}
	changed, err := git("diff", "--name-only", "--relative", rev, "--", "content")
	if err != nil {
		return nil, err
	}
	added, err := git("ls-files", "--others", "--exclude-standard", "--", "content")
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for _, f := range append(changed, added...) {
		if rel, ok := strings.CutPrefix(f, "content/"); ok {
			files[rel] = true
		}
	}
	return files, nil
}

// onlyChanged keeps the problems of changed files, and of other files when
// the message names a changed file: a link into a page whose heading was
// renamed, or to a page that was moved.
func onlyChanged(diags diag.List, changed map[string]bool) diag.List {
	var out diag.List
	for _, d := range diags {
		keep := changed[d.Pos.File]
		for f := range changed {
			keep = keep || strings.Contains(d.Message, f)
		}
		if keep {
			out = append(out, d)
		}
	}
	return out
}

// echoOnChanged repeats, on a changed file, each problem its change caused
// in a file the change did not touch. GitHub shows an annotation on the
// pull request's diff only for files the pull request changed; the others
// appear in the run's summary alone, where contributors miss them.
// show turns a content-relative path into the one the user sees.
func echoOnChanged(diags diag.List, changed map[string]bool, show func(string) string) diag.List {
	var out diag.List
	for _, d := range diags {
		if changed[d.Pos.File] {
			continue
		}
		for _, f := range slices.Sorted(maps.Keys(changed)) {
			if strings.Contains(d.Message, f) {
				where := d.Pos
				where.File = show(where.File)
				out = append(out, diag.Diagnostic{
					Pos:      diag.Pos{File: f, Line: 1},
					Severity: d.Severity,
					Message:  fmt.Sprintf("this change affects %s: %s", where, d.Message),
				})
				break
			}
		}
	}
	return out
}

type jsonDiagnostic struct {
	File     string `json:"file,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func printJSON(w io.Writer, diags diag.List) error {
	out := make([]jsonDiagnostic, 0, len(diags))
	for _, d := range diags {
		out = append(out, jsonDiagnostic{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Severity: d.Severity.String(), Message: d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func isDir(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && fi.IsDir()
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
