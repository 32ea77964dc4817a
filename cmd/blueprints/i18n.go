package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/site"
)

func cmdI18n(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return usageError{"i18n: say status or stamp"}
	}
	switch args[0] {
	case "status":
		return cmdI18nStatus(ctx, args[1:], stdout, stderr)
	case "stamp":
		return cmdI18nStamp(args[1:], stdout, stderr)
	}
	return usageError{fmt.Sprintf("i18n: unknown command %q; say status or stamp", args[0])}
}

func cmdI18nStatus(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("i18n status", stderr)
	var sf siteFlags
	sf.register(fs)
	lang := fs.String("lang", "", "only this `language`")
	format := fs.String("format", "text", "output `format`: text, json or markdown")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" && *format != "markdown" {
		return usageError{fmt.Sprintf("i18n status: unknown format %q; use text, json or markdown", *format)}
	}
	out, diags := site.Build(ctx, sf.config())
	if n := diags.Errors(); n > 0 {
		printText(stderr, sf.displayPath(diags))
		return contentError{n}
	}
	if *lang != "" {
		if err := knownTranslationLanguage(*lang, out); err != nil {
			return err
		}
	}
	history := newSourceHistory(sf.source)
	var states []statusEntry
	for _, st := range out.Translations {
		if *lang != "" && st.Lang != *lang {
			continue
		}
		e := statusEntry{TranslationState: st}
		if st.State == site.StateOutdated {
			e.Commits = history.since(st.Source, st.StampedDigest)
		}
		e.File, e.Source = sf.contentPath(st.File), sf.contentPath(st.Source)
		states = append(states, e)
	}
	switch *format {
	case "json":
		if states == nil {
			states = []statusEntry{}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(states)
	case "markdown":
		printStatusMarkdown(stdout, states)
	default:
		printStatusText(stdout, states, sf.source)
	}
	return nil
}

// knownTranslationLanguage says, as a usage error, why lang has no
// translation status: it is the default language, or not the site's.
func knownTranslationLanguage(lang string, out *site.Output) error {
	if lang == out.DefaultLanguage {
		return usageError{fmt.Sprintf("i18n status: --lang %s is the default language, which the others are translated from; name one of the others", lang)}
	}
	var langs []string
	for _, st := range out.Translations {
		if st.Lang == lang {
			return nil
		}
		if len(langs) == 0 || langs[len(langs)-1] != st.Lang {
			langs = append(langs, st.Lang)
		}
	}
	return usageError{fmt.Sprintf("i18n status: --lang %q is not a language of this site; use one of: %s", lang, strings.Join(langs, ", "))}
}

// statusEntry is one line of i18n status: a translation's state and, for
// an outdated one, the commits that changed its source's text since the
// version it was made from.
type statusEntry struct {
	site.TranslationState
	Commits []sourceCommit `json:"commits,omitempty"`
}

// sourceCommit is a commit that changed a source's translatable text.
type sourceCommit struct {
	Commit  string `json:"commit"`
	Date    string `json:"date"`
	Subject string `json:"subject"`
	// Digest is the digest of the source's text after the commit: what a
	// translation made from that version records.
	Digest string `json:"digest"`
}

// contentPath is a content-relative path as the user sees it.
func (f *siteFlags) contentPath(p string) string {
	if p == "" {
		return ""
	}
	return filepath.ToSlash(filepath.Join(f.source, "content", filepath.FromSlash(p)))
}

func printStatusText(w io.Writer, states []statusEntry, source string) {
	byLang := groupByLang(states)
	for _, lang := range langOrder(states) {
		counts := map[string]int{}
		for _, st := range byLang[lang] {
			counts[st.State]++
		}
		fmt.Fprintf(w, "%s: %d current, %d outdated, %d unstamped, %d missing, %d orphaned\n", lang,
			counts[site.StateCurrent], counts[site.StateOutdated], counts[site.StateUnstamped], counts[site.StateMissing], counts[site.StateOrphaned])
		for _, st := range byLang[lang] {
			switch st.State {
			case site.StateCurrent:
				continue
			case site.StateMissing:
				fmt.Fprintf(w, "  missing    %s  (translate %s: blueprints new --translate %s %s)\n", targetPath(st.TranslationState, source), st.Source, st.Lang, st.Source)
			case site.StateOrphaned:
				fmt.Fprintf(w, "  orphaned   %s  (no source in the default language: published in %s only)\n", st.File, st.Lang)
			default:
				fmt.Fprintf(w, "  %-10s %s  (source %s)\n", st.State, st.File, st.Source)
				if st.State == site.StateOutdated {
					fmt.Fprintf(w, "             made from the text with digest %s; changed since:\n", st.StampedDigest)
					if len(st.Commits) == 0 {
						fmt.Fprintf(w, "             (no Git history of that version at hand: compare with the source)\n")
					}
					for _, c := range st.Commits {
						fmt.Fprintf(w, "             %s %s %s  (digest %s)\n", c.Commit[:min(len(c.Commit), 12)], c.Date, c.Subject, c.Digest)
					}
				}
				fmt.Fprintf(w, "             once the text matches, run: blueprints i18n stamp %s\n", st.File)
				fmt.Fprintf(w, "             or set by hand: source_digest: %s (and translated: the date)\n", st.SourceDigest)
			}
		}
	}
}

// targetPath is where a missing translation would go.
func targetPath(st site.TranslationState, source string) string {
	return filepath.ToSlash(filepath.Join(source, "content", st.Lang, filepath.FromSlash(st.Key)))
}

// sourceHistory reads the versions of source files from Git, to tell
// which commits changed a source's text since a translation was made.
// Versions are told apart by the digest of their text, not by dates: a
// commit made the same day as the translation, before it, is not news.
type sourceHistory struct {
	dir    string // the site root
	loader *content.Loader
	digest map[string]string // "commit:file" → digest of the file's text there
}

func newSourceHistory(dir string) *sourceHistory {
	l := content.NewLoader(os.DirFS(filepath.Join(dir, "content")), content.Options{})
	l.Load() // for the schemas Decode uses
	return &sourceHistory{dir: dir, loader: l, digest: map[string]string{}}
}

// since lists, newest first, the commits that changed the text of the
// source file (content-relative) after the version whose digest is
// stamped. Without Git, or without that version in the history, it
// lists every commit that changed the text, at most maxCommits.
func (h *sourceHistory) since(file, stamped string) []sourceCommit {
	const maxCommits = 20
	rel := filepath.ToSlash(filepath.Join("content", file))
	cmd := exec.Command("git", "log", "--format=%H%x00%ad%x00%s", "--date=short", "--", rel)
	cmd.Dir = h.dir
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	var commits []sourceCommit
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "\x00")
		if len(f) == 3 {
			commits = append(commits, sourceCommit{Commit: f[0], Date: f[1], Subject: f[2], Digest: h.digestAt(f[0], rel)})
		}
	}
	var changed []sourceCommit
	for i, c := range commits {
		if c.Digest == stamped {
			break
		}
		// A commit that left the text as it was (a date, a country) is
		// not work for a translator.
		if i+1 < len(commits) && commits[i+1].Digest == c.Digest && c.Digest != "" {
			continue
		}
		changed = append(changed, c)
		if len(changed) == maxCommits {
			break
		}
	}
	return changed
}

// digestAt is the digest of a file's text at a commit, or "" if that
// version does not decode.
func (h *sourceHistory) digestAt(commit, rel string) string {
	key := commit + ":" + rel
	if d, ok := h.digest[key]; ok {
		return d
	}
	cmd := exec.Command("git", "show", commit+":./"+rel)
	cmd.Dir = h.dir
	raw, err := cmd.Output()
	d := ""
	if err == nil {
		if doc := h.loader.Decode(strings.TrimPrefix(rel, "content/"), raw); doc != nil {
			d = doc.Digest()
		}
	}
	h.digest[key] = d
	return d
}

func printStatusMarkdown(w io.Writer, states []statusEntry) {
	byLang := groupByLang(states)
	for _, lang := range langOrder(states) {
		fmt.Fprintf(w, "## %s\n\n| page | state | file |\n|---|---|---|\n", lang)
		for _, st := range byLang[lang] {
			file := st.File
			if file == "" {
				file = "—"
			}
			fmt.Fprintf(w, "| %s | %s | `%s` |\n", strings.ReplaceAll(st.Title, "|", "\\|"), st.State, file)
		}
		fmt.Fprintln(w)
	}
}

func groupByLang(states []statusEntry) map[string][]statusEntry {
	m := map[string][]statusEntry{}
	for _, st := range states {
		m[st.Lang] = append(m[st.Lang], st)
	}
	return m
}

func langOrder(states []statusEntry) []string {
	var order []string
	for _, st := range states {
		if len(order) == 0 || order[len(order)-1] != st.Lang {
			order = append(order, st.Lang)
		}
	}
	return order
}

// cmdI18nStamp records in each translation the digest of its source's
// current text, after the translator has brought it up to date.
func cmdI18nStamp(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("i18n stamp", stderr)
	var sf siteFlags
	sf.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageError{"i18n stamp: name the translation files to stamp"}
	}
	contentDir := filepath.Join(sf.source, "content")
	c, diags := content.Load(os.DirFS(contentDir), content.Options{})
	if n := diags.Errors(); n > 0 {
		printText(stderr, sf.displayPath(diags))
		return contentError{n}
	}
	byFile := map[string]*content.Document{}
	for _, d := range c.Documents {
		byFile[d.File] = d
	}
	for _, name := range fs.Args() {
		rel, err := filepath.Rel(contentDir, name)
		if err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("%s is not under %s", name, contentDir)
		}
		doc := byFile[filepath.ToSlash(rel)]
		if doc == nil {
			return fmt.Errorf("%s is not a content page", name)
		}
		if doc.Lang == c.Site.DefaultLanguage {
			return fmt.Errorf("%s is in the default language; stamp its translations instead", name)
		}
		src := byFile[c.Site.DefaultLanguage+"/"+doc.Path]
		if src == nil {
			return fmt.Errorf("%s has no source %s", name, c.Site.DefaultLanguage+"/"+doc.Path)
		}
		if doc.Method() == "" {
			return fmt.Errorf("%s: say how it was translated first: add method: human, machine or machine-post-edited to its translation: block", name)
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		stamped, err := content.Stamp(data, src.Digest(), time.Now().Format(time.DateOnly))
		if err != nil {
			return fmt.Errorf("%s: %v", name, err)
		}
		tmp := name + ".stamp-tmp"
		if err := os.WriteFile(tmp, stamped, 0o644); err != nil {
			return err
		}
		if err := os.Rename(tmp, name); err != nil {
			os.Remove(tmp)
			return err
		}
		fmt.Fprintf(stdout, "stamped %s with %s (%s)\n", name, src.Digest(), filepath.ToSlash(filepath.Join(contentDir, src.File)))
	}
	return nil
}
