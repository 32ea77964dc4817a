package devindex

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/search"
)

func doc(id, body string) search.Document {
	return search.Document{Lang: "en", ID: "en/" + id + "/", Kind: "page", Title: id, Body: body}
}

// ids answers query from x, as the server's search API would.
func ids(t *testing.T, x *Index, query string) []string {
	t.Helper()
	res, err := x.Search(context.Background(), func(ix *search.Index) (any, error) {
		return ix.Search(context.Background(), search.Query{Lang: "en", Text: query})
	})
	if err != nil {
		t.Fatalf("search %q: %v", query, err)
	}
	var out []string
	for _, h := range res.(*search.Result).Hits {
		out = append(out, h.ID)
	}
	slices.Sort(out)
	return out
}

// scratchDirs lists the indexes on disk under dir.
func scratchDirs(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".index-scratch-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// wait returns when every update given so far is done.
func (x *Index) wait() {
	x.mu.Lock()
	done := x.queued
	x.mu.Unlock()
	if done != nil {
		<-done
	}
}

func TestUpdatesApplyInOrder(t *testing.T) {
	dir := t.TempDir()
	x := New(dir)
	defer x.Close()
	ctx := context.Background()
	a, b := doc("a", "lighthouse"), doc("b", "harbour")
	if err := x.Update(ctx, []search.Document{a, b}, nil, nil); err != nil {
		t.Fatal(err)
	}
	// Searches wait for the first index rather than failing.
	if got := ids(t, x, "lighthouse"); !slices.Equal(got, []string{"en/a/"}) {
		t.Fatalf("first index: lighthouse finds %v", got)
	}
	first := scratchDirs(t, dir)
	if len(first) != 1 {
		t.Fatalf("scratch directories after the first build: %v", first)
	}
	// Two edits in a row: the second must land after the first.
	a2 := doc("a", "harbour")
	if err := x.Update(ctx, nil, []search.Document{a2}, nil); err != nil {
		t.Fatal(err)
	}
	if err := x.Update(ctx, nil, nil, []search.Document{b}); err != nil {
		t.Fatal(err)
	}
	x.wait()
	if got := ids(t, x, "harbour"); !slices.Equal(got, []string{"en/a/"}) {
		t.Errorf("after editing a and deleting b: harbour finds %v", got)
	}
	if got := ids(t, x, "lighthouse"); len(got) != 0 {
		t.Errorf("a's old text is still found: %v", got)
	}
	if got := scratchDirs(t, dir); !slices.Equal(got, first) {
		t.Errorf("a small edit should update the index in place, scratch directories %v → %v", first, got)
	}
}

func TestLargeChangeBuildsNewIndexAndRetiresOld(t *testing.T) {
	dir := t.TempDir()
	x := New(dir)
	defer x.Close()
	ctx := context.Background()
	if err := x.Update(ctx, []search.Document{doc("a", "lighthouse")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	x.wait()
	first := scratchDirs(t, dir)

	// A search under way holds the first index while it is replaced.
	searching, release := make(chan struct{}), make(chan struct{})
	result := make(chan []string)
	go func() {
		res, err := x.Search(ctx, func(ix *search.Index) (any, error) {
			close(searching)
			<-release
			return ix.Search(ctx, search.Query{Lang: "en", Text: "lighthouse"})
		})
		if err != nil {
			t.Error(err)
			result <- nil
			return
		}
		var got []string
		for _, h := range res.(*search.Result).Hits {
			got = append(got, h.ID)
		}
		result <- got
	}()
	<-searching

	var all []search.Document
	for i := range ReindexAbove + 1 {
		all = append(all, doc(fmt.Sprint("p", i), "harbour"))
	}
	if err := x.Update(ctx, all, all, nil); err != nil {
		t.Fatal(err)
	}
	x.wait()
	if got := ids(t, x, "lighthouse"); len(got) != 0 {
		t.Errorf("the new index should hold only the new documents, lighthouse finds %v", got)
	}
	res, err := x.Search(ctx, func(ix *search.Index) (any, error) {
		return ix.Search(ctx, search.Query{Lang: "en", Text: "harbour"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := res.(*search.Result).Total; got != ReindexAbove+1 {
		t.Errorf("harbour finds %d documents, want %d", got, ReindexAbove+1)
	}
	if got := scratchDirs(t, dir); len(got) != 2 || !slices.Contains(got, first[0]) {
		t.Errorf("while a search uses it, the old index must stay open: scratch directories %v", got)
	}
	close(release)
	if got := <-result; !slices.Equal(got, []string{"en/a/"}) {
		t.Errorf("the search under way should finish on the old index, got %v", got)
	}
	if got := scratchDirs(t, dir); len(got) != 1 || got[0] == first[0] {
		t.Errorf("once its last search ends, the old index is removed: scratch directories %v (old %s)", got, first[0])
	}
}

func TestFailedBuildIsReportedAndRetried(t *testing.T) {
	root := t.TempDir()
	blocker := filepath.Join(root, "site")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(blocker, ".blueprints") // under a file: cannot be made
	x := New(dir)
	defer x.Close()
	ctx := context.Background()
	docs := []search.Document{doc("a", "lighthouse")}
	if err := x.Update(ctx, docs, nil, nil); err != nil {
		t.Fatalf("Update reports earlier work only, got %v", err)
	}
	x.wait()
	_, err := x.Search(ctx, func(*search.Index) (any, error) { return nil, nil })
	if err == nil || !strings.Contains(err.Error(), "no search index") {
		t.Errorf("searching without an index: got %v", err)
	}
	if err := os.Remove(blocker); err != nil {
		t.Fatal(err)
	}
	// An edit after the failure: its Update reports the failure and
	// builds the whole index, not just the edit.
	err = x.Update(ctx, docs, []search.Document{doc("b", "harbour")}, nil)
	if err == nil {
		t.Fatal("the next Update should report the failed build")
	}
	x.wait()
	if got := ids(t, x, "lighthouse"); !slices.Equal(got, []string{"en/a/"}) {
		t.Errorf("after the retry: lighthouse finds %v", got)
	}
	if err := x.Update(ctx, docs, nil, nil); err != nil {
		t.Errorf("the failure is reported once, got %v again", err)
	}
}

func TestSearchBeforeFirstIndex(t *testing.T) {
	x := New(t.TempDir())
	defer x.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := x.Search(ctx, func(*search.Index) (any, error) {
		t.Error("no index yet, the search must not run")
		return nil, nil
	})
	if err == nil || !strings.Contains(err.Error(), "still being built") {
		t.Errorf("got %v", err)
	}
}

func TestCloseRemovesIndexesAndStopsUpdates(t *testing.T) {
	dir := t.TempDir()
	x := New(dir)
	ctx := context.Background()
	if err := x.Update(ctx, []search.Document{doc("a", "lighthouse")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	x.Close() // waits for the build under way
	if got := scratchDirs(t, dir); len(got) != 0 {
		t.Errorf("Close left scratch directories: %v", got)
	}
	if err := x.Update(ctx, []search.Document{doc("b", "harbour")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	x.wait()
	if got := scratchDirs(t, dir); len(got) != 0 {
		t.Errorf("an Update after Close built an index: %v", got)
	}
}

func TestStoppedServerDiscardsIndexUnderWay(t *testing.T) {
	dir := t.TempDir()
	x := New(dir)
	defer x.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := x.Update(ctx, []search.Document{doc("a", "lighthouse")}, nil, nil); err != nil {
		t.Fatal(err)
	}
	x.wait()
	if got := scratchDirs(t, dir); len(got) != 0 {
		t.Errorf("an index finished after the server stopped should be removed: %v", got)
	}
}
