package main

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium (Debian's chromium package). Without it
// the test is skipped on a developer's machine but fails in CI, where
// .ci/run installs it.
func browser(t *testing.T) context.Context {
	t.Helper()
	return browserFor(t, 60*time.Second)
}

// browserFor is browser with a longer budget, for tests of many pages.
func browserFor(t *testing.T, budget time.Duration) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run should install it")
		}
		t.Skip("chromium not installed")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first Run starts the browser and must not carry a timeout, or the
	// timeout would end the browser; later steps get one.
	if _, err := chromedp.Run(ctx, chromedp.Title()); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, budget)
	t.Cleanup(cancelTimeout)
	return ctx
}

func buildBundled(t *testing.T, args ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var stderr bytes.Buffer
	args = append([]string{"build", "--source", "../..", "--out", out, "-q"}, args...)
	if err := run(context.Background(), args, &bytes.Buffer{}, &stderr); err != nil {
		t.Fatalf("build: %v\n%s", err, stderr.String())
	}
	return out
}

// readerWalk is what a reader does: pick English on the language page, open
// the list of blueprints, open a blueprint, follow a taxonomy link.
func readerWalk(t *testing.T, ctx context.Context, start string) {
	t.Helper()
	step := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, actions...); err != nil {
			t.Fatalf("reader walk from %s: %s: %v", start, what, err)
		}
	}
	value := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(ctx, a)
		if err != nil {
			t.Fatalf("reader walk from %s: %s: %v", start, what, err)
		}
		return v
	}
	step("open the language page", chromedp.Navigate(start))
	step("choose English", chromedp.Click(chromedp.CSS(`a[hreflang="en"]`)), chromedp.WaitVisible(chromedp.CSS(`.site-header`)))
	step("open the list", chromedp.Click(chromedp.CSS(`.site-header nav li:first-child a`)), chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	first := value("read the first card", chromedp.Text(chromedp.CSS(`.cards li:first-child .card-title a`)))
	step("open the first blueprint", chromedp.Click(chromedp.CSS(`.cards li:first-child .card-title a`)), chromedp.WaitVisible(chromedp.CSS(`.facts`)))
	if h1 := value("read the title", chromedp.Text(chromedp.CSS(`h1`))); h1 != first {
		t.Errorf("the card %q led to a page titled %q", first, h1)
	}
	country := value("read the first country", chromedp.Text(chromedp.CSS(`.facts dd a`)))
	// The stylesheet loaded: the facts panel has its border.
	border, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('.facts')).borderTopStyle`))
	if err != nil || border != "solid" {
		t.Errorf("stylesheet not applied: .facts border-top-style = %q, %v", border, err)
	}
	step("follow the country link", chromedp.Click(chromedp.CSS(`.facts dd a`)), chromedp.WaitVisible(chromedp.CSS(`.cards`)))
	if h1 := value("read the country page's title", chromedp.Text(chromedp.CSS(`h1`))); h1 != country {
		t.Errorf("the country link %q led to a page titled %q", country, h1)
	}
	if url := value("read the location", chromedp.Location()); !strings.Contains(url, "/en/countries/") {
		t.Errorf("country link led to %s", url)
	}
}

// TestBrowserOfflineZip unpacks the offline bundle as a reader would and
// browses, switches language and searches in it through file://.
func TestBrowserOfflineZip(t *testing.T) {
	out := buildBundled(t, "--offline") // first: the browser's budget is for browsing
	ctx := browser(t)
	dir := t.TempDir()
	unzip(t, out+".zip", dir)
	root := filepath.Join(dir, "public")
	if _, err := os.Stat(filepath.Join(root, "README.txt")); err != nil {
		t.Errorf("no README.txt note in the bundle: %v", err)
	}
	readerWalk(t, ctx, "file://"+filepath.Join(root, "index.html"))

	// Switch language from a blueprint page.
	err := chromedp.Do(ctx,
		chromedp.Navigate("file://"+filepath.Join(root, "en/blueprints/konza-technopolis/index.html")),
		chromedp.Click(chromedp.CSS(`.languages a[hreflang="ar"]`)),
		chromedp.WaitVisible(chromedp.CSS(`html[dir="rtl"] .facts`)),
	)
	if err != nil {
		t.Fatalf("switching to Arabic: %v", err)
	}
	if got := searchFor(t, ctx, "file://"+filepath.Join(root, "en/search/index.html"), "konza "); len(got) == 0 || got[0] != "en/blueprints/konza-technopolis/" {
		t.Errorf("search in the unpacked bundle: %v", got)
	}
}

func unzip(t *testing.T, name, dir string) {
	t.Helper()
	r, err := zip.OpenReader(name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for _, f := range r.File {
		if !filepath.IsLocal(f.Name) {
			t.Fatalf("zip entry %q is not local", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, f.Name), string(data))
	}
}

func TestBrowserServedUnderSubPath(t *testing.T) {
	base := serveUnderSubPath(t, buildBundled(t)) // before the browser's budget starts
	ctx := browser(t)
	readerWalk(t, ctx, base)
}

// TestBrowserMap: the home page's world map links a shaded country to its
// page, and names it for screen readers.
func TestBrowserMap(t *testing.T) {
	out := buildBundled(t, "--offline") // built before the browser's budget starts
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+filepath.Join(out, "en/index.html"))); err != nil {
		t.Fatal(err)
	}
	// Brazil: a country with blueprints and a shape large enough to click.
	label, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.map a[href*="countries/br/"] title').textContent`))
	if err != nil || !strings.HasPrefix(label, "Brazil: ") {
		t.Fatalf("map link label %q, %v", label, err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.map a[href*="countries/br/"] path`))); err != nil {
		t.Fatal(err)
	}
	// The click navigates; ask the new page once it is there.
	h1 := ""
	for deadline := time.Now().Add(10 * time.Second); h1 != "Brazil" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		h1, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.href.includes("countries/br/") ? document.querySelector('h1').textContent : ""`))
	}
	if h1 != "Brazil" {
		t.Errorf("the map's Brazil did not lead to Brazil's page (h1 %q)", h1)
	}
}
