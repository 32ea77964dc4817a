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
	var states []site.TranslationState
	for _, st := range out.Translations {
		if *lang == "" || st.Lang == *lang {
			st.File, st.Source = sf.contentPath(st.File), sf.contentPath(st.Source)
			states = append(states, st)
		}
	}
	switch *format {
	case "json":
		if states == nil {
			states = []site.TranslationState{}
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

// contentPath is a content-relative path as the user sees it.
func (f *siteFlags) contentPath(p string) string {
	if p == "" {
		return ""
	}
	return filepath.ToSlash(filepath.Join(f.source, "content", filepath.FromSlash(p)))
}

func printStatusText(w io.Writer, states []site.TranslationState, source string) {
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
				fmt.Fprintf(w, "  missing    %s  (translate %s)\n", targetPath(st, source), st.Source)
			case site.StateOrphaned:
				fmt.Fprintf(w, "  orphaned   %s  (no source; remove it or add the source)\n", st.File)
			default:
				fmt.Fprintf(w, "  %-10s %s  (source %s; update it, then: blueprints i18n stamp %s)\n", st.State, st.File, st.Source, st.File)
				for _, c := range sourceCommits(source, st) {
					fmt.Fprintf(w, "             %s\n", c)
				}
			}
		}
	}
}

// targetPath is where a missing translation would go.
func targetPath(st site.TranslationState, source string) string {
	return filepath.ToSlash(filepath.Join(source, "content", st.Lang, filepath.FromSlash(st.Key)))
}

// sourceCommits lists the commits that changed a translation's source
// since the translation's date, when Git history is at hand.
func sourceCommits(dir string, st site.TranslationState) []string {
	if st.State != site.StateOutdated || st.Translated == "" {
		return nil
	}
	rel, err := filepath.Rel(dir, st.Source)
	if err != nil {
		return nil
	}
	cmd := exec.Command("git", "log", "--format=%h %ad %s", "--date=short", "--since="+st.Translated, "--", rel)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		return nil
	}
	if text := strings.TrimSpace(string(out)); text != "" {
		return strings.Split(text, "\n")
	}
	return nil
}

func printStatusMarkdown(w io.Writer, states []site.TranslationState) {
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

func groupByLang(states []site.TranslationState) map[string][]site.TranslationState {
	m := map[string][]site.TranslationState{}
	for _, st := range states {
		m[st.Lang] = append(m[st.Lang], st)
	}
	return m
}

func langOrder(states []site.TranslationState) []string {
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
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		stamped, err := content.Stamp(data, src.Digest())
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
