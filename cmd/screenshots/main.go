// Command screenshots photographs pages of a built site in headless
// Chromium, as readers see them: at a phone's 360 px and a desktop's
// 1280 px, in light and dark mode. It is for people to look at (make
// screenshots), not a test: the gates that judge every page are tests.
//
//	screenshots -site public -out .blueprints/screenshots
//
// For each page and each width and colour scheme it writes NAME-W-SCHEME.png,
// the first screen a reader sees, and NAME-W-SCHEME-full.jpg, the whole
// page; and it prints what it measured (page width against the window,
// height of the header), so a sideways scroll shows up in the log too.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

// shot is one page to photograph.
type shot struct {
	name string // file name prefix
	path string // site path, with query
}

// shots lists the pages: a blueprint in a left-to-right script, in Arabic
// and in Chinese, the list, the search page with a query, and a home page
// with its map.
func shots() []shot {
	return []shot{
		{"blueprint-en", "en/blueprints/flat6labs/"},
		{"blueprint-ar", "ar/blueprints/flat6labs/"},
		{"blueprint-zh", "zh/blueprints/flat6labs/"},
		{"list-en", "en/blueprints/"},
		{"list-fr", "fr/blueprints/"},
		{"search-en", "en/search/?q=incubator"},
		{"home-en", "en/"},
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("screenshots", flag.ContinueOnError)
	site := flags.String("site", "public", "the built site to photograph")
	out := flags.String("out", ".blueprints/screenshots", "where to write the images")
	chromium := flags.String("chromium", "/usr/bin/chromium", "the Chromium binary")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(*site, "index.html")); err != nil {
		return fmt.Errorf("%s is not a built site (build it first): %w", *site, err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	// Over http, as a reader online would see it; file:// would turn off
	// the search page's fetches in some browsers.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(*site)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	base := "http://" + ln.Addr().String() + "/"

	profile, err := os.MkdirTemp("", "screenshots-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(*chromium), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(profile))...)
	defer cancelAlloc()
	browser, cancel := chromedp.NewContext(alloc)
	defer cancel()
	// The first action starts the browser; it must not carry the per-page
	// timeout, or that timeout would end the browser.
	if _, err := chromedp.Run(browser, chromedp.Title()); err != nil {
		return fmt.Errorf("start %s: %w", *chromium, err)
	}

	var errs []error
	for _, s := range shots() {
		for _, width := range []int64{360, 1280} {
			for _, scheme := range []string{"light", "dark"} {
				if err := photograph(browser, base, *out, s, width, scheme, stdout); err != nil {
					errs = append(errs, fmt.Errorf("%s at %d px, %s: %w", s.path, width, scheme, err))
				}
			}
		}
	}
	return errors.Join(errs...)
}

// photograph loads one page at one width and colour scheme and saves it.
func photograph(ctx context.Context, base, out string, s shot, width int64, scheme string, stdout io.Writer) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	height := int64(800)
	if width > 800 {
		height = 900
	}
	dark := func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return chromedp.Void{}, err
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(width, height),
		dark,
		chromedp.Navigate(base+s.path),
		chromedp.WaitReady(chromedp.CSS("main")),
		// The search page fills its results from script; give it a moment.
		chromedp.Sleep(700*time.Millisecond),
	); err != nil {
		return err
	}
	type metrics struct {
		ScrollWidth, InnerWidth, Header float64
	}
	m, err := chromedp.Run(ctx, chromedp.Evaluate[metrics](`({
		scrollWidth: document.documentElement.scrollWidth,
		innerWidth: window.innerWidth,
		header: (document.querySelector('.site-header') || {offsetHeight: 0}).offsetHeight
	})`))
	if err != nil {
		return err
	}
	note := ""
	if m.ScrollWidth > m.InnerWidth {
		note = "  SCROLLS SIDEWAYS"
	}
	fmt.Fprintf(stdout, "%-13s %4d px %-5s page width %4.0f, header %3.0f px%s\n", s.name, width, scheme, m.ScrollWidth, m.Header, note)
	name := filepath.Join(out, fmt.Sprintf("%s-%d-%s", s.name, width, scheme))
	first, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return err
	}
	full, err := chromedp.Run(ctx, chromedp.FullScreenshot(70))
	if err != nil {
		return err
	}
	return errors.Join(os.WriteFile(name+".png", first, 0o644), os.WriteFile(name+"-full.jpg", full, 0o644))
}
