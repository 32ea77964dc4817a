package site

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// FuzzBuild sends arbitrary frontmatter and Markdown through the whole
// pipeline (load, validate, render, assemble, templates) and checks what
// comes out: no script but ours, no event handlers, no dangerous URLs,
// valid UTF-8, every output path inside the site, and a bounded time.
func FuzzBuild(f *testing.F) {
	seeds := []string{
		"---\ntitle: T\n---\nHello *world*.\n",
		"---\ntitle: '<script>alert(1)</script>'\nsummary: '\"><img src=x onerror=alert(1)>'\n---\n[x](javascript:alert(1))\n",
		"---\ntitle: T\n---\n<img src=x onerror=alert(1)>\n\n<a href=\"javascript:x\">y</a>\n",
		"---\ntitle: T\n---\n![a](data:text/html;base64,PHNjcmlwdD4=) <vbscript:msgbox(1)> [b](&#106;avascript:1)\n",
		"+++\ntitle = \"T\"\n+++\n# Heading {#id onclick=alert(1)}\n\n| a | b |\n|---|---|\n| <b onclick=x>c</b> | d |\n",
		"---\ntitle: T\n---\n[^1]\n\n[^1]: [x](javascript:alert(1))\n\nTerm\n: <script>x</script>\n",
		"---\ntitle: T\ntags: &a [x]\n---\n- - - - - - x\n> > > > y\n",
		"---\ntitle: \"\\u202e\"\n---\n## \u0627\u0644\u0633\u064a\u0627\u0642\n\n## 背景\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	// The public corpora (testdata/), a few pages of many vectors each:
	// a build per vector would make every go test run slow.
	for _, name := range []string{"xss/owasp.txt", "xss/markdown.txt"} {
		data, err := os.ReadFile(corpusDir + name)
		if err != nil {
			f.Fatal(err)
		}
		vectors := strings.Split(strings.TrimSpace(string(data)), "\n")
		f.Add("---\ntitle: " + yamlString(vectors[0]) + "\nsummary: " + yamlString(vectors[1]) + "\n---\n" + strings.Join(vectors, "\n\n") + "\n")
	}
	var spec []struct{ Markdown string }
	data, err := os.ReadFile(corpusDir + "commonmark/spec.json")
	if err != nil {
		f.Fatal(err)
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		f.Fatal(err)
	}
	var sample strings.Builder
	for i := 0; i < len(spec); i += 10 {
		sample.WriteString(strings.ReplaceAll(spec[i].Markdown, "→", "\t") + "\n")
	}
	f.Add("---\ntitle: Spec\n---\n" + sample.String())
	schemas := siteFS(f, "-- content/site.yaml --\ntitle: T\nlanguages: [{code: en, name: English}, {code: ar, name: ع, direction: rtl}]\n")
	f.Fuzz(func(t *testing.T, page string) {
		fsys := fstest.MapFS{}
		for k, v := range schemas {
			fsys[k] = v
		}
		fsys["en/x.md"] = &fstest.MapFile{Data: []byte(page)}
		// In Arabic as a page of its own: a translation with its source's
		// text is refused before anything is rendered.
		fsys["ar/y.md"] = &fstest.MapFile{Data: []byte(page)}
		start := time.Now()
		out, _ := Build(context.Background(), Config{Content: fsys, RenderTimeout: 2 * time.Second, Workers: 1})
		if d := time.Since(start); d > 10*time.Second {
			t.Fatalf("build took %s", d)
		}
		if out == nil {
			return // rejected with diagnostics: fine
		}
		checkOutputSafe(t, out)
	})
}
