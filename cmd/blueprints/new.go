package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/site"
)

func cmdNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := newFlagSet("new", stderr)
	var sf siteFlags
	sf.register(flags)
	kind := flags.String("type", "other", "blueprint `type`: "+strings.Join(site.BlueprintTypes(), ", "))
	country := flags.String("country", "", "ISO 3166-1 alpha-2 `code` of the country, such as KE (default: global)")
	lang := flags.String("lang", "", "`language` to write the blueprint in (default: the site's default language)")
	slugFlag := flags.String("slug", "", "file `name` without .md, such as lagos-tech-hub (default: from the title, in Latin letters)")
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
	if err := checkBlueprintType(*kind); err != nil {
		return err
	}
	countries := []string{"global"}
	if *country != "" {
		if err := site.CheckCountry(*country); err != nil {
			return usageError{"new: --country " + err.Error()}
		}
		countries = []string{strings.ToUpper(*country)}
	}
	c, diags := content.Load(os.DirFS(filepath.Join(sf.source, "content")), content.Options{})
	if len(c.Site.Languages) == 0 {
		printText(stderr, sf.displayPath(diags))
		return contentError{diags.Errors()}
	}
	if *lang == "" {
		*lang = c.Site.DefaultLanguage
	}
	if _, ok := c.Site.Language(*lang); !ok {
		return usageError{fmt.Sprintf("new: --lang %q is not a language of the site (%s)", *lang, siteLanguages(&c.Site))}
	}
	name, err := newFileName(title, *slugFlag)
	if err != nil {
		return err
	}
	data, err := site.Scaffold(sf.config(), &c.Site, site.NewBlueprint{Title: title, Type: *kind, Lang: *lang, Countries: countries, Today: time.Now()})
	if err != nil {
		return err
	}
	file := filepath.Join(sf.source, "content", *lang, "blueprints", name+".md")
	if err := createNew(file, data); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s\nFill in the TODOs, remove draft: true, and run blueprints check.\n", file)
	return nil
}

// checkBlueprintType says what to write instead of a --type that is not
// one of the vocabulary's.
func checkBlueprintType(kind string) error {
	if slices.Contains(site.BlueprintTypes(), kind) {
		return nil
	}
	msg := fmt.Sprintf("new: unknown type %q", kind)
	if best := diag.Suggest(kind, site.BlueprintTypes()); best != "" {
		msg += fmt.Sprintf("; did you mean %q?", best)
	}
	return usageError{msg + "; use one of " + strings.Join(site.BlueprintTypes(), ", ")}
}

// newFileName is the file name, without .md, of a new blueprint: the
// --slug given, or one made from the title in Latin letters.
func newFileName(title, slug string) (string, error) {
	switch {
	case title == "":
		return "", usageError{"new: the title is empty; give the blueprint's title in quotes"}
	case slug != "" && !content.IsSlug(slug):
		return "", usageError{fmt.Sprintf("new: --slug %q: use lowercase letters, digits and single hyphens, such as %q", slug, cmp.Or(content.Slug(slug), "lagos-tech-hub"))}
	case slug == "":
		slug = content.Slug(title)
	}
	if slug == "" {
		return "", usageError{fmt.Sprintf("new: cannot make a file name from %q; choose one with --slug, such as --slug lagos-tech-hub", title)}
	}
	return slug, nil
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

// siteLanguages lists the codes of the site's languages: "en, fr, ar".
func siteLanguages(site *content.Site) string {
	codes := make([]string, len(site.Languages))
	for i, l := range site.Languages {
		codes[i] = l.Code
	}
	return strings.Join(codes, ", ")
}
