package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// latencyFlags say what to edit and where to see the result.
type latencyFlags struct {
	file   string        // the Markdown file to edit
	page   string        // URL of its page
	events string        // URL of a server-sent event stream announcing reloads; "" polls the page
	edits  int           // measured edits
	pause  time.Duration // between edits, as a person saving now and then
	// what each edit changes: "body" appends a sentence, "frontmatter"
	// rewrites the summary, which lists, feeds and search also show.
	edit    string
	timeout time.Duration // per edit, for the result to show
}

func (f *latencyFlags) register() {
	flag.StringVar(&f.file, "file", "", "with -latency: the Markdown `file` to append sentences to")
	flag.StringVar(&f.page, "page", "", "with -latency: the `URL` of that file's page")
	flag.StringVar(&f.events, "events", "", "with -latency: the server-sent events `URL` (blueprints serve's /_blueprints/events); without it the page is polled until it shows the sentence")
	flag.IntVar(&f.edits, "edits", 20, "with -latency: how many edits to measure")
	flag.DurationVar(&f.pause, "pause", 2*time.Second, "with -latency: pause between edits")
	flag.StringVar(&f.edit, "edit", "body", "with -latency: `what` each edit changes: body (a sentence appended) or frontmatter (the summary rewritten)")
	flag.DurationVar(&f.timeout, "timeout", time.Minute, "with -latency: how long to wait for an edit to show before giving up")
}

// measureLatency puts a new word into the file, edits times (a sentence
// appended to the body, or the summary in the frontmatter rewritten), and
// measures from the write to the reload event (with -events) or to the
// page first serving the word (without). It prints "median_ms p95_ms" on
// stdout and each measurement on stderr.
func measureLatency(f latencyFlags) error {
	if f.file == "" || f.page == "" {
		return errors.New("-file and -page are required")
	}
	edit := appendSentence
	switch f.edit {
	case "body":
	case "frontmatter":
		edit = rewriteSummary
	default:
		return fmt.Errorf("-edit %q: want body or frontmatter", f.edit)
	}
	var reloads <-chan time.Time
	if f.events != "" {
		var err error
		if reloads, err = listen(f.events); err != nil {
			return err
		}
	}
	const warmup = 2 // the first edits also warm caches; they do not count
	var ms []float64
	for i := range f.edits + warmup {
		time.Sleep(f.pause)
		word := fmt.Sprintf("latencyprobe%d%d", time.Now().UnixNano()%1e6, i)
		drain(reloads)
		start := time.Now()
		if err := edit(f.file, "The probe adds "+word+" to the text."); err != nil {
			return err
		}
		var end time.Time
		var err error
		if reloads != nil {
			end, err = nextReload(reloads, start, f.timeout)
		} else {
			end, err = pollFor(f.page, word, start, f.timeout)
		}
		if err != nil {
			return err
		}
		d := float64(end.Sub(start).Microseconds()) / 1000
		fmt.Fprintf(os.Stderr, "edit %d: %.1f ms\n", i, d)
		if i >= warmup {
			ms = append(ms, d)
		}
	}
	slices.Sort(ms)
	fmt.Printf("%.1f %.1f\n", percentile(ms, 0.5), percentile(ms, 0.95))
	return nil
}

// percentile is the nearest-rank percentile of sorted values.
func percentile(sorted []float64, p float64) float64 {
	i := int(p*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func appendSentence(file, sentence string) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(f, "\n%s\n", sentence); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// rewriteSummary replaces the value of the file's first "summary:" line,
// which the corpus writes in the frontmatter, by sentence (quoted), and
// writes the file in place as an editor would.
func rewriteSummary(file, sentence string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	const key = "\nsummary: "
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		return fmt.Errorf("%s: no summary line in the frontmatter", file)
	}
	start := i + len(key)
	end := start + bytes.IndexByte(data[start:], '\n')
	if end < start {
		return fmt.Errorf("%s: the summary line does not end", file)
	}
	out := slices.Concat(data[:start], strconv.AppendQuote(nil, sentence), data[end:])
	return os.WriteFile(file, out, 0)
}

// listen reads an event stream and sends the arrival time of each
// "reload" event.
func listen(url string) (<-chan time.Time, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, fmt.Errorf("%s: %s", url, resp.Status)
	}
	ch := make(chan time.Time, 64)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				ch <- time.Now()
			}
		}
		close(ch)
	}()
	return ch, nil
}

func drain(ch <-chan time.Time) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func nextReload(ch <-chan time.Time, start time.Time, timeout time.Duration) (time.Time, error) {
	select {
	case t, ok := <-ch:
		if !ok {
			return time.Time{}, errors.New("the event stream ended")
		}
		return t, nil
	case <-time.After(timeout):
		return time.Time{}, fmt.Errorf("no reload within %s of the edit at %s", timeout, start.Format(time.TimeOnly))
	}
}

// pollFor fetches the page until it contains word.
func pollFor(url, word string, start time.Time, timeout time.Duration) (time.Time, error) {
	for time.Since(start) < timeout {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if bytes.Contains(body, []byte(word)) {
				return time.Now(), nil
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
	return time.Time{}, fmt.Errorf("%s did not show %q within %s", url, strings.TrimSpace(word), timeout)
}
