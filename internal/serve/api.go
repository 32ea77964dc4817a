package serve

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/openblueprints/blueprints/internal/vocabulary"
)

// Limits of the search API. The query itself is bounded again by the
// search package (length, results, offset, term expansion).
const (
	maxQueryBytes    = 1024
	searchTimeout    = 2 * time.Second
	searchConcurrent = 4
)

// search answers GET /api/search?q=…&lang=…&type=…&size=…&from=… with
// JSON. The reader's words are never parsed as query syntax beyond the
// rules every search of the site follows ("phrases", -word; see
// internal/search/query.go). A facet may be given several times: a result
// has any of the values. Every result is reachable: the answer's "next"
// is the from of the next page, while there is one.
func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	s.mu.RLock()
	site := s.site
	s.mu.RUnlock()
	if site == nil || site.Search == nil {
		http.Error(w, "no search index", http.StatusServiceUnavailable)
		return
	}
	q := r.URL.Query()
	if len(r.URL.RawQuery) > 4*maxQueryBytes || len(q.Get("q")) > maxQueryBytes {
		http.Error(w, "query too long", http.StatusRequestEntityTooLarge)
		return
	}
	select {
	case s.searchSlots <- struct{}{}:
		defer func() { <-s.searchSlots }()
	default:
		http.Error(w, "too many searches at once; try again", http.StatusServiceUnavailable)
		return
	}
	req := SearchRequest{Lang: q.Get("lang"), Query: q.Get("q"), Filters: map[string][]string{}}
	req.Size, _ = strconv.Atoi(q.Get("size"))
	req.From, _ = strconv.Atoi(q.Get("from"))
	for _, name := range vocabulary.FacetNames() {
		for _, v := range q[name] {
			if v != "" {
				req.Filters[name] = append(req.Filters[name], v)
			}
		}
	}
	ctx, cancel := context.WithTimeout(r.Context(), searchTimeout)
	defer cancel()
	res, err := site.Search(ctx, req)
	if errors.Is(err, context.DeadlineExceeded) {
		http.Error(w, err.Error(), http.StatusServiceUnavailable)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(res)
}
