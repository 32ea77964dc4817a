// Command corpus writes a synthetic knowledge base for benchmarks (package
// internal/corpus makes it): N schema-valid blueprints, a fraction of them
// translated into the site's other languages, and the same pages as a Hugo
// site, so both generators build the same content. The output depends only
// on the flags: same seed, same bytes.
//
//	go run ./cmd/corpus -n 10000 -translated 0.15 -out /tmp/corpus
//
// writes /tmp/corpus/blueprints (a site for blueprints build) and
// /tmp/corpus/hugo (a site for hugo).
//
// With -latency it measures instead how long a running development server
// takes from an edit of one file to the reload (see latency.go).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/openblueprints/blueprints/internal/corpus"
)

func main() {
	var opt corpus.Options
	flag.IntVar(&opt.N, "n", 1000, "number of blueprints")
	flag.Float64Var(&opt.Translated, "translated", 0, "fraction of blueprints translated into each other language")
	flag.Uint64Var(&opt.Seed, "seed", 1, "random seed")
	flag.StringVar(&opt.Schemas, "schemas", "content/schema", "`directory` of the JSON Schemas to copy")
	out := flag.String("out", "corpus", "output `directory`")
	latency := flag.Bool("latency", false, "measure edit-to-reload latency of a running server instead (see latency.go)")
	var lf latencyFlags
	lf.register()
	flag.Parse()
	if *latency {
		if err := measureLatency(lf); err != nil {
			fmt.Fprintln(os.Stderr, "corpus -latency:", err)
			os.Exit(1)
		}
		return
	}
	if err := corpus.Write(*out, opt); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
