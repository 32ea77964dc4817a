package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestServeSearchAPI queries the development server's search API over the
// bundled knowledge base, with ordinary and hostile queries.
func TestServeSearchAPI(t *testing.T) {
	base := startServe(t, "../..")
	type result struct {
		Total   uint64 `json:"total"`
		Words   int    `json:"words"`
		Matched int    `json:"matched"`
		Next    int    `json:"next"`
		Hits    []struct {
			ID      string `json:"id"`
			Title   string `json:"title"`
			Excerpt []struct {
				Text string `json:"text"`
				Mark bool   `json:"mark"`
			} `json:"excerpt"`
		} `json:"hits"`
		Facets map[string][]struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"facets"`
	}
	get := func(query string) (int, result) {
		t.Helper()
		resp, err := http.Get(base + "api/search?" + query)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r result
		if resp.StatusCode == http.StatusOK {
			if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
				t.Fatalf("%s: %v", query, err)
			}
		}
		return resp.StatusCode, r
	}
	// The index is built after the server starts serving pages.
	status, r := get("q=konza&lang=en")
	for deadline := time.Now().Add(time.Minute); status == http.StatusServiceUnavailable && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
		status, r = get("q=konza&lang=en")
	}
	if status != 200 || len(r.Hits) == 0 || r.Hits[0].ID != "en/blueprints/konza-technopolis/" {
		t.Fatalf("konza: %d %+v", status, r)
	}
	marked := false
	for _, s := range r.Hits[0].Excerpt {
		marked = marked || s.Mark && strings.EqualFold(s.Text, "konza")
	}
	if !marked {
		t.Errorf("excerpt does not mark the match: %+v", r.Hits[0].Excerpt)
	}
	if _, r := get("q=&type=fund&lang=en"); r.Total == 0 || r.Facets["type"][0].Value != "fund" {
		t.Errorf("facet filter: %+v", r)
	}
	// Several values of a facet: any of them.
	_, funds := get("q=&type=fund&lang=en")
	_, hubs := get("q=&type=innovation-hub&lang=en")
	if _, r := get("q=&type=fund&type=innovation-hub&lang=en"); r.Total != funds.Total+hubs.Total || hubs.Total == 0 {
		t.Errorf("two types: %d results, want %d + %d", r.Total, funds.Total, hubs.Total)
	}
	// Every result is reachable, page by page, following next.
	seen := map[string]bool{}
	_, first := get("q=incubator&lang=en&size=7")
	for r, from := first, 0; ; {
		for _, h := range r.Hits {
			seen[h.ID] = true
		}
		if r.Next == 0 {
			break
		}
		if r.Next != from+7 {
			t.Fatalf("next = %d after from=%d", r.Next, from)
		}
		from = r.Next
		_, r = get("q=incubator&lang=en&size=7&from=" + strconv.Itoa(from))
	}
	if first.Total < 8 || len(seen) != int(first.Total) {
		t.Errorf("incubator: %d results, %d reached", first.Total, len(seen))
	}
	// All words, and the pages with the most of them when none has all.
	if _, r := get("q=" + url.QueryEscape("seed fund xylophone") + "&lang=en"); r.Words != 3 || r.Matched != 2 || r.Total == 0 {
		t.Errorf("seed fund xylophone: %d results with %d of %d words", r.Total, r.Matched, r.Words)
	}
	if _, r := get("q=" + url.QueryEscape("بتونس") + "&lang=ar"); r.Total == 0 {
		t.Errorf("بتونس found nothing")
	}
	if _, r := get("q=" + url.QueryEscape("كونزا") + "&lang=ar"); len(r.Hits) == 0 {
		t.Errorf("Arabic search found nothing")
	}
	// Query syntax is text; caps hold; hostile input gets an answer, not a crash.
	for _, q := range []string{
		"q=" + url.QueryEscape(strings.Repeat("x* ", 200)),
		"q=" + url.QueryEscape("/re.*/ title:x ~2 +a -b ?"),
		"q=incubator&size=100000&from=-5",
		"q=incubator&from=99999999",
		"q=" + url.QueryEscape(`<img src=x onerror=alert(1)>`),
	} {
		if status, r := get(q); status != 200 || len(r.Hits) > 50 {
			t.Errorf("%.40s: status %d, %d hits", q, status, len(r.Hits))
		}
	}
	if status, _ := get("q=" + strings.Repeat("a", 10_000)); status != http.StatusRequestEntityTooLarge {
		t.Errorf("10 KB query: status %d, want 413", status)
	}
	if status, _ := get("q=x&lang=xx"); status != http.StatusBadRequest {
		t.Errorf("unknown language: status %d, want 400", status)
	}
	req, _ := http.NewRequest("GET", base+"api/search?q=konza", nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusMisdirectedRequest {
		t.Errorf("foreign Host: %v %v", resp.Status, err)
	}
}

// TestServeDidYouMeanFollowsEdits: "did you mean" under serve knows the
// words of an edit made while it runs, and forgets those edited out.
func TestServeDidYouMeanFollowsEdits(t *testing.T) {
	page := "---\ntitle: About\nsummary: The circle.\n---\n%s for founders.\n"
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: Edits\nlanguages: [{code: en, name: English}]\n",
		"content/en/about.md": fmt.Sprintf(page, "Coaching"),
	})
	base := startServe(t, dir)
	// waitFor polls the API until q's suggestion is want: the index
	// follows a build in the background.
	waitFor := func(q, want string) {
		t.Helper()
		var got string
		for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			resp, err := http.Get(base + "api/search?lang=en&q=" + url.QueryEscape(q))
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Suggestion string `json:"suggestion"`
			}
			ok := resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&r) == nil
			resp.Body.Close()
			if got = r.Suggestion; ok && got == want {
				return
			}
		}
		t.Fatalf("%q: suggestion %q, want %q", q, got, want)
	}
	waitFor("coachng", "coaching")
	waitFor("mentorshp", "")
	writeFile(t, filepath.Join(dir, "content/en/about.md"), fmt.Sprintf(page, "Mentorship"))
	waitFor("mentorshp", "mentorship")
	waitFor("coachng", "")
}
