package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/themes"
)

// blueprintTypes are the values the schema allows for "type"; the schema
// is the source of truth and the test of this command checks they agree.
func blueprintTypes() []string {
	return []string{"tech-park", "innovation-hub", "incubator", "accelerator", "mentoring-programme", "fund",
		"partnership", "policy", "strategy", "roadmap", "entrepreneurial-university", "vocational-school",
		"digital-transformation-centre", "other"}
}

func cmdNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("new", stderr)
	var sf siteFlags
	sf.register(flags)
	kind := flags.String("type", "other", "blueprint `type`: "+strings.Join(blueprintTypes(), ", "))
	country := flags.String("country", "", "ISO 3166-1 alpha-2 `code` of the country (default: global)")
	lang := flags.String("lang", "en", "`language` to write the blueprint in")
	translate := flags.String("translate", "", "instead of a new blueprint, start the translation into `LANG` of the blueprint FILE given as argument")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if *translate != "" {
		if flags.NArg() != 1 {
			return usageError{"new --translate LANG FILE: name one file to translate"}
		}
		return newTranslation(sf, *translate, flags.Arg(0), stdout)
	}
	if flags.NArg() != 1 {
		return usageError{`new: give the blueprint's title in quotes, e.g. blueprints new --type incubator "Lagos Tech Incubator"`}
	}
	title := strings.TrimSpace(flags.Arg(0))
	if !slices.Contains(blueprintTypes(), *kind) {
		return usageError{fmt.Sprintf("new: unknown type %q; use one of %s", *kind, strings.Join(blueprintTypes(), ", "))}
	}
	countries := "global"
	if *country != "" {
		c := strings.ToUpper(*country)
		if len(c) != 2 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return usageError{fmt.Sprintf("new: %q is not a two-letter country code such as KE", *country)}
		}
		countries = c
	}
	slug := content.Slug(title)
	if title == "" || slug == "" {
		return usageError{"new: the title needs at least one letter or digit"}
	}
	archetype, err := fs.ReadFile(themes.Default(), "archetypes/blueprint.md")
	if err != nil {
		return err
	}
	tmpl, err := template.New("blueprint").Parse(string(archetype))
	if err != nil {
		return fmt.Errorf("archetype: %w", err)
	}
	now := time.Now()
	var buf bytes.Buffer
	err = tmpl.Execute(&buf, map[string]any{
		"Title": yamlString(title), "Type": *kind, "Countries": countries,
		"Today": now.Format(time.DateOnly), "Year": now.Year(),
	})
	if err != nil {
		return fmt.Errorf("archetype: %w", err)
	}
	name := filepath.Join(sf.source, "content", *lang, "blueprints", slug+".md")
	if err := createNew(name, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s\nFill in the TODOs, remove draft: true, and run blueprints check.\n", name)
	return nil
}

// newTranslation copies a blueprint to the same path in another language,
// stamped with its source's digest and marked as a draft until translated.
func newTranslation(sf siteFlags, lang, file string, stdout io.Writer) error {
	contentDir := filepath.Join(sf.source, "content")
	rel, err := filepath.Rel(contentDir, file)
	if err != nil || !filepath.IsLocal(rel) {
		return fmt.Errorf("%s is not under %s", file, contentDir)
	}
	srcLang, path, ok := strings.Cut(filepath.ToSlash(rel), "/")
	if !ok || srcLang == lang {
		return fmt.Errorf("%s: translate a file of another language into %s", file, lang)
	}
	c, diags := content.Load(os.DirFS(contentDir), content.Options{})
	if n := diags.Errors(); n > 0 {
		return fmt.Errorf("fix the content first (blueprints check): %w", contentError{n})
	}
	if _, ok := c.Site.Language(lang); !ok {
		return fmt.Errorf("%s is not a language of the site; declare it in content/site.yaml", lang)
	}
	var src *content.Document
	for _, d := range c.Documents {
		if d.File == filepath.ToSlash(rel) {
			src = d
		}
	}
	if src == nil {
		return fmt.Errorf("%s is not a content page", file)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	stamped, err := content.Stamp(data, src.Digest())
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	// Until it is translated, the copy is a draft: never published.
	stamped = markDraft(stamped)
	name := filepath.Join(contentDir, lang, filepath.FromSlash(path))
	if err := createNew(name, stamped); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s from %s\nTranslate the title, summary and text, remove draft: true, and run blueprints check.\n", name, file)
	return nil
}

// markDraft sets "draft: true" in YAML frontmatter that Stamp has given a
// translation block: it replaces a draft line or adds one above the block.
func markDraft(src []byte) []byte {
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, l := range lines {
		if bytes.HasPrefix(l, []byte("draft:")) {
			lines[i] = []byte("draft: true\n")
			return bytes.Join(lines, nil)
		}
	}
	return bytes.Replace(src, []byte("\ntranslation:\n"), []byte("\ndraft: true\ntranslation:\n"), 1)
}

// createNew writes a file that must not exist yet.
func createNew(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists; edit it, or choose another title", name)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// yamlString quotes a title for YAML when it needs it.
func yamlString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
