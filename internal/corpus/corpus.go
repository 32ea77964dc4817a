// Package corpus writes a synthetic knowledge base: N schema-valid
// blueprints with realistic bodies (the suggested headings, lists, tables,
// links between pages, a Zipf-distributed vocabulary), a fraction of them
// translated into the site's other languages in their own scripts, and the
// same pages as a Hugo site, so both generators build the same content.
// The output depends only on the Options: same seed, same bytes. The
// benchmarks (cmd/corpus) and the byte-identity test
// (internal/site/identical_test.go) build what it writes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Options say what to write. Two calls with equal Options write the same
// bytes.
type Options struct {
	N          int     // number of blueprints
	Translated float64 // fraction of blueprints translated into each other language
	Seed       uint64  // random seed
	// Schemas is the directory of the JSON Schemas to copy into the site
	// (a site's content/schema).
	Schemas string
}

// script is a language of the corpus and the letters its words are made of.
type script struct{ code, name, dir, letters string }

func scripts() []script {
	return []script{
		{"en", "English", "ltr", "abcdefghijklmnoprstuvwy"},
		{"fr", "Français", "ltr", "abcdeéèfgilmnoprstuàç"},
		{"es", "Español", "ltr", "abcdeéfgilmnñoprstuáó"},
		{"ar", "العربية", "rtl", "ابتثجحدرسشصطعفقلمنهوي"},
		{"ru", "Русский", "ltr", "абвгдеиклмнопрстуя"},
		{"zh", "中文", "ltr", "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"},
	}
}

// Write writes the corpus under dir: dir/blueprints is a site for
// blueprints build, dir/hugo the same pages as a site for hugo.
func Write(dir string, opt Options) error {
	// Every draw from r happens in the order it always has: a change of
	// order changes every page after it, and the benchmarks' and the
	// byte-identity test's figures with it.
	r := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	w := writer{
		site: filepath.Join(dir, "blueprints", "content"),
		hugo: filepath.Join(dir, "hugo"),
		r:    r,
		n:    opt.N,
	}
	if err := w.config(opt.Schemas); err != nil {
		return err
	}
	w.vocab = map[string][]string{}
	for _, s := range scripts() {
		w.vocab[s.code] = vocabulary(r, []rune(s.letters), 20000)
	}
	w.zipf = rand.NewZipf(r, 1.07, 2, 19999)
	for i := range opt.N {
		if err := w.blueprint(i, opt.Translated); err != nil {
			return err
		}
	}
	return nil
}

// writer holds what every page of a corpus draws on.
type writer struct {
	site, hugo string // the blueprints site's content/ and the Hugo site
	r          *rand.Rand
	zipf       *rand.Zipf
	vocab      map[string][]string // language → words, most frequent first
	n          int                 // blueprints in the corpus, for links between them
}

// config writes the schemas, site.yaml and the Hugo configuration and
// layouts; none of it is random.
func (w *writer) config(schemas string) error {
	for _, name := range []string{"blueprint.schema.json", "page.schema.json"} {
		data, err := os.ReadFile(filepath.Join(schemas, name))
		if err != nil {
			return err
		}
		if err := writeFile(filepath.Join(w.site, "schema", name), data); err != nil {
			return err
		}
	}
	var siteYAML, hugoTOML strings.Builder
	siteYAML.WriteString("title: Corpus\nbase_url: https://example.org/\ndefault_language: en\nreview_after_days: -1\nlanguages:\n")
	hugoTOML.WriteString("baseURL = 'https://example.org/'\ntitle = 'Corpus'\ndefaultContentLanguage = 'en'\ndefaultContentLanguageInSubdir = true\ndisableKinds = ['taxonomy', 'term']\n[markup.goldmark.renderer]\nunsafe = false\n[languages]\n")
	for i, s := range scripts() {
		fmt.Fprintf(&siteYAML, "  - {code: %s, name: %s, direction: %s}\n", s.code, s.name, s.dir)
		fmt.Fprintf(&hugoTOML, "[languages.%s]\nlanguageName = '%s'\ncontentDir = 'content/%s'\nweight = %d\n", s.code, s.name, s.code, i+1)
	}
	if err := writeFile(filepath.Join(w.site, "site.yaml"), []byte(siteYAML.String())); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(w.hugo, "hugo.toml"), []byte(hugoTOML.String())); err != nil {
		return err
	}
	for name, text := range hugoLayouts() {
		if err := writeFile(filepath.Join(w.hugo, "layouts", name), []byte(text)); err != nil {
			return err
		}
	}
	return nil
}

// blueprint writes blueprint i in English and, each with probability
// translated, in every other language, to both sites.
func (w *writer) blueprint(i int, translated float64) error {
	r := w.r
	slug := fmt.Sprintf("bp-%05d", i)
	types := []string{"tech-park", "innovation-hub", "incubator", "accelerator", "mentoring-programme", "fund", "partnership", "policy", "strategy", "roadmap", "entrepreneurial-university", "vocational-school", "digital-transformation-centre", "other"}
	stages := []string{"idea", "pilot", "operational", "scaling", "mature", "discontinued"}
	countries := []string{"KE", "NG", "GH", "RW", "EG", "TN", "MA", "JO", "IN", "ID", "BD", "BR", "CL", "MX", "CO", "KZ", "AM", "UZ", "EE", "FI", "FR"}
	fm := fmt.Sprintf("type: %s\ncountries: [%s]\nsdgs: [%d, 9]\nstage: %s\nlast_reviewed: 2026-%02d-%02d\ntags: [t%d, t%d]\nsources:\n  - {title: Source one, url: 'https://example.org/%d/a'}\n  - {title: Source two, url: 'https://example.org/%d/b'}\n",
		types[i%len(types)], countries[r.IntN(len(countries))], 1+r.IntN(8), stages[r.IntN(len(stages))], 1+r.IntN(10), 1+r.IntN(28), 2*r.IntN(20), 2*r.IntN(20)+1, i, i)
	for li, s := range scripts() {
		if li > 0 && r.Float64() >= translated {
			continue
		}
		words := func(k int) string {
			ws := make([]string, k)
			for j := range ws {
				ws[j] = w.vocab[s.code][w.zipf.Uint64()]
			}
			return strings.Join(ws, " ")
		}
		title := strings.ToUpper(words(1)[:1]) + words(3)[1:]
		if s.code != "en" {
			title = words(3)
		}
		body := bodyText(r, words, w.n)
		front := fmt.Sprintf("title: %q\nsummary: %q\n%s", title, words(20), fm)
		if s.code != "en" {
			front += "translation: {translated: 2026-01-01, method: machine}\n"
		}
		page := "---\n" + front + "---\n" + body
		if err := writeFile(filepath.Join(w.site, s.code, "blueprints", slug+".md"), []byte(page)); err != nil {
			return err
		}
		hugoPage := "---\n" + fmt.Sprintf("title: %q\nsummary: %q\n", title, words(20)) + "---\n" + strings.ReplaceAll(body, ".md)", "/)")
		if err := writeFile(filepath.Join(w.hugo, "content", s.code, "blueprints", slug+".md"), []byte(hugoPage)); err != nil {
			return err
		}
	}
	return nil
}

// vocabulary makes n distinct words of 2–11 letters.
func vocabulary(r *rand.Rand, letters []rune, n int) []string {
	seen := map[string]bool{}
	var words []string
	for len(words) < n {
		k := 2 + r.IntN(10)
		w := make([]rune, k)
		for i := range w {
			w[i] = letters[r.IntN(len(letters))]
		}
		if s := string(w); !seen[s] {
			seen[s] = true
			words = append(words, s)
		}
	}
	return words
}

// bodyText is about 1,250 words under the suggested headings, with a list,
// a table and links to other blueprints (in the same directory, so the
// link resolves in every language via fallback).
func bodyText(r *rand.Rand, words func(int) string, n int) string {
	var b strings.Builder
	for _, h := range []string{"Context", "Objectives", "Design", "Implementation", "Results and evidence", "Costs", "Risks", "Replication checklist", "Lessons", "References"} {
		fmt.Fprintf(&b, "\n## %s\n\n", h)
		switch h {
		case "Replication checklist":
			for range 5 {
				fmt.Fprintf(&b, "- [ ] %s\n", words(8))
			}
		case "Costs":
			b.WriteString("| Item | Amount |\n|---|---|\n")
			for range 4 {
				fmt.Fprintf(&b, "| %s | %d |\n", words(3), r.IntN(1_000_000))
			}
		case "References":
			fmt.Fprintf(&b, "- [%s](https://example.org/%d)\n", words(4), r.IntN(1000))
		default:
			for range 3 {
				fmt.Fprintf(&b, "%s [%s](bp-%05d.md) %s.\n\n", words(20), words(2), r.IntN(n), words(20))
			}
		}
	}
	return b.String()
}

func hugoLayouts() map[string]string {
	base := `<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>`
	return map[string]string{
		"_default/baseof.html": base,
		"_default/single.html": `{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Summary }}</p>{{ .TableOfContents }}{{ .Content }}{{ end }}`,
		"_default/list.html":   `{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}`,
	}
}

func writeFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, data, 0o644)
}
