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

// newTranslation starts the translation of a page: a draft copy of its
// source, to translate in place. It is not stamped: the translator says
// when and how it was translated, and stamps it once it is, so a copy
// that nobody translated can never pass for a current translation.
func newTranslation(sf siteFlags, lang, file string, stdout io.Writer) error {
	contentDir := filepath.Join(sf.source, "content")
	rel, err := filepath.Rel(contentDir, file)
	if err != nil || !filepath.IsLocal(rel) {
		return usageError{fmt.Sprintf("new --translate: %s is not under %s", file, contentDir)}
	}
	c, diags := content.Load(os.DirFS(contentDir), content.Options{})
	if n := diags.Errors(); n > 0 {
		return fmt.Errorf("fix the content first (blueprints check): %w", contentError{n})
	}
	if _, ok := c.Site.Language(lang); !ok {
		return usageError{fmt.Sprintf("new --translate: %q is not a language of the site (%s); declare it in content/site.yaml", lang, siteLanguages(&c.Site))}
	}
	def := c.Site.DefaultLanguage
	srcLang, path, _ := strings.Cut(filepath.ToSlash(rel), "/")
	if srcLang != def {
		return usageError{fmt.Sprintf("new --translate: translations are made from %s, the default language; name the file under content/%s/", def, def)}
	}
	if lang == def {
		return usageError{fmt.Sprintf("new --translate: %s is already the language of %s", lang, file)}
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
	draft, err := translationDraft(data, time.Now().Format(time.DateOnly))
	if err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	name := filepath.Join(contentDir, lang, filepath.FromSlash(path))
	if err := createNew(name, draft); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s from %s, as a draft.\nTranslate the title, summary and text in place; then fill in the translation: block, remove draft: true,\nrun blueprints i18n stamp %s and blueprints check.\n", name, file, name)
	return nil
}

// translationDraft turns a source page's file into the start of its
// translation: a draft, without the source's minor_edits, with a
// commented translation: block to fill in.
func translationDraft(src []byte, today string) ([]byte, error) {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.SplitAfter(text, "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		return nil, errors.New("new --translate needs YAML frontmatter between --- lines")
	}
	end := slices.IndexFunc(lines[1:], func(l string) bool { return strings.TrimSpace(l) == "---" })
	if end < 0 {
		return nil, errors.New("frontmatter is never closed")
	}
	end++
	var front []string
	skip := false
	for _, l := range lines[1:end] {
		top := l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '#' && l[0] != '-'
		if top {
			key, _, _ := strings.Cut(l, ":")
			// The source's own: what its edits mean for translations,
			// whether it is a draft.
			skip = key == "minor_edits" || key == "draft" || key == "translation"
		}
		if !skip {
			front = append(front, l)
		}
	}
	front = append(front,
		"draft: true # remove this line once the page is translated\n",
		"# When it is translated, uncomment these lines and say how (method: human, machine or machine-post-edited):\n",
		"# translation:\n",
		"#   translated: "+today+"\n",
		"#   method: human\n",
	)
	out := append([]string{lines[0]}, front...)
	out = append(out, lines[end:]...)
	return []byte(strings.Join(out, "")), nil
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

// siteLanguages lists the codes of the site's languages: "en, fr, ar".
func siteLanguages(site *content.Site) string {
	codes := make([]string, len(site.Languages))
	for i, l := range site.Languages {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}
