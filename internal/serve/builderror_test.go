package serve

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestBuildErrorPageEscapes: the page lists contributors' text (file names
// and quoted content), which must show as written and never become markup.
func TestBuildErrorPageEscapes(t *testing.T) {
	problems := []string{
		`content/en/<script>alert(1)</script>.md:1:1: bad`,
		`content/en/a.md:2:3: raw HTML "<img src=x onerror=alert(1)>" is shown as text & 'quoted' — a+b`,
		"content/en/b.md:4:1: </code></li></ul><h1>forged</h1>",
	}
	page, err := buildErrorPage(problems)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	var inCode bool
	var h1s int
	z := html.NewTokenizer(bytes.NewReader(page))
	for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
		tok := z.Token()
		switch {
		case tt == html.StartTagToken && tok.Data == "code":
			inCode = true
			codes = append(codes, "")
		case tt == html.EndTagToken && tok.Data == "code":
			inCode = false
		case tt == html.TextToken && inCode:
			codes[len(codes)-1] += tok.Data
		case tt == html.StartTagToken && tok.Data == "h1":
			h1s++
		case tt == html.StartTagToken && (tok.Data == "script" || tok.Data == "img"):
			t.Errorf("the page holds a <%s> element:\n%s", tok.Data, page)
		}
	}
	if strings.Join(codes, "\n") != strings.Join(problems, "\n") {
		t.Errorf("the listed problems read\n%q\nwant\n%q", codes, problems)
	}
	if h1s != 1 {
		t.Errorf("%d <h1> elements, want the page's one:\n%s", h1s, page)
	}
}

// TestBuildErrorPageLayout pins the page as the string-built one wrote it.
func TestBuildErrorPageLayout(t *testing.T) {
	page, err := buildErrorPage([]string{"en/a.md:2:1: broken"})
	if err != nil {
		t.Fatal(err)
	}
	want := `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>Build failed: blueprints serve</title></head><body><main><h1>The site could not be built</h1>` +
		`<p>No build has succeeded since the server started. Fix the errors below; this page reloads by itself when the site builds.</p>` +
		`<ul><li><code>en/a.md:2:1: broken</code></li></ul></main></body></html>`
	if string(page) != want {
		t.Errorf("page =\n%s\nwant\n%s", page, want)
	}
}
