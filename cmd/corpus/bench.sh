#!/usr/bin/env bash
# make bench: blueprints against Hugo and Pagefind on the same generated
# corpus, in the same run, reported as ratios. Finds or installs its peers
# itself: Hugo from $BENCH_HUGO, else the hugo on PATH (Debian's package),
# else go install; Pagefind from npm.
#
#   BENCH_N=1000 BENCH_TRANSLATED=0.15 BENCH_RUNS=3 BENCH_EDITS=20 make bench
#   BENCH_GROWTH=1 make bench     (also 1k, 5k, 10k and 20k pages)
#   BENCH_N=100000 BENCH_RUNS=1 make bench   (nothing here grows faster than
#                                             the corpus; waits scale with N)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${BENCH_N:-1000}
T=${BENCH_TRANSLATED:-0.15}
RUNS=${BENCH_RUNS:-3}
TOOLS=${TOOLS:-$HOME/.cache/blueprints-tools}
HUGO_VERSION=v0.165.0
PAGEFIND_VERSION=1.6.0

hugo=${BENCH_HUGO:-$(command -v hugo || echo "$(go env GOPATH)/bin/hugo")}
if ! "$hugo" version >/dev/null 2>&1; then
  echo "installing Hugo ${HUGO_VERSION} (a few minutes, once)" >&2
  GOFLAGS= go install "github.com/gohugoio/hugo@${HUGO_VERSION}"
  hugo=$(go env GOPATH)/bin/hugo
fi
pagefind=$TOOLS/node_modules/.bin/pagefind
if [ ! -x "$pagefind" ]; then
  npm install --prefix "$TOOLS" --no-save --no-audit --no-fund "pagefind@${PAGEFIND_VERSION}" >&2
fi

work=$(mktemp -d)
servers=()
trap 'for p in "${servers[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT
go build -o "$work/blueprints" ./cmd/blueprints
go build -o "$work/corpus-tool" ./cmd/corpus
go run ./cmd/corpus -n "$N" -translated "$T" -out "$work/corpus"
pages=$(find "$work/corpus/blueprints/content" -name '*.md' | wc -l)

# median wall seconds and peak KB over RUNS runs of a command (GNU time),
# with no GOMEMLIMIT (peak memory is what the program needs, not a cap);
# the function named by $before, when set, runs before each (untimed).
measure() {
  local secs=() kbs=() line
  for _ in $(seq "$RUNS"); do
    [ -z "${before:-}" ] || "$before"
    # -o: time's figures in a file of their own. (Read from stderr, they
    # were lost in the first try, and every command ran twice, the timed
    # run after an untimed one; a warm build then measured no change.)
    env -u GOMEMLIMIT /usr/bin/time -o "$work/time.txt" -f "TIME %e %M" "$@" >/dev/null 2>&1 || echo "bench: failed: $*" >&2
    line=$(grep '^TIME' "$work/time.txt")
    secs+=("$(echo "$line" | cut -d' ' -f2)"); kbs+=("$(echo "$line" | cut -d' ' -f3)")
  done
  echo "$(printf '%s\n' "${secs[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p") $(printf '%s\n' "${kbs[@]}" | sort -n | tail -n 1)"
}

# Warm build: the site built before, one blueprint's body changed (a
# sentence appended, as by a person), built again. The ratio to the cold
# build is what a cache of unchanged work saves.
warm_edit() {
  printf '\nA warm build probe adds sentence %s.\n' "$RANDOM" >>"$work/corpus/blueprints/content/en/blueprints/$(printf 'bp-%05d' $(( N / 3 ))).md"
}
warm_build() {
  read -r warm warm_kb < <(before=warm_edit measure "$work/blueprints" build --source "$work/corpus/blueprints" -q)
}

# vm_kb PID FIELD: a field of a process's /proc status in KB (VmHWM is
# its peak resident memory so far, VmRSS its present).
vm_kb() { awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status"; }

# The serve rows: peak resident memory once the first build and the
# search index are done, and again after the edits; the frontmatter-edit
# latency.
serve_rows() {
  printf '%-44s %10sMB %10sMB %8s\n' "serve peak memory after first build vs Hugo" "$((ours_serve_kb / 1024))" "$((hugo_serve_kb / 1024))" "$(ratio "$ours_serve_kb" "$hugo_serve_kb")"
  printf '%-44s %10sMB %12s %8s\n' "serve peak memory after $(( 4 * (EDITS + 2) )) edits" "$((ours_serve_edits_kb / 1024))" "-" ""
  printf '%-44s %10sms %10sms %8s\n' "frontmatter edit to new text served, median" "$ours_fmlat" "$hugo_fm" "$(ratio "$ours_fmlat" "$hugo_fm")"
  printf '%-44s %10sms %12s %8s\n' "frontmatter edit to reload event, median" "$ours_fm" "-" ""
  printf '%-44s %10sms %12s %8s\n' "frontmatter edit to reload event, p95" "$ours_fm95" "-" ""
}

# A cold build starts from nothing: no public/, no .blueprints/ (the
# search index and any cache).
cold() { rm -rf "$work/corpus/blueprints/public" "$work/corpus/blueprints/.blueprints"; }
read -r ours ours_kb < <(before=cold measure "$work/blueprints" build --source "$work/corpus/blueprints" -q)
warm_build
read -r hugo_s hugo_kb < <(measure "$hugo" --quiet --source "$work/corpus/hugo" -d "$work/hugo-public")
read -r pf_s pf_kb < <(measure "$pagefind" --site "$work/hugo-public" --output-subdir pagefind)

ours_index=$(du -sk "$work/corpus/blueprints/public/search" | cut -f1)
pf_index=$(du -sk "$work/hugo-public/pagefind" | cut -f1)
gz() { gzip -9c "$1" | wc -c; }
# Bytes for a one-word query: our client script, meta file, the largest shard (worst
# case: a word's shard holds its heaviest documents, total and facet
# counts) and the row files of the 20 results the page shows (about one
# small file per result on a large site); Pagefind's entry, script, wasm,
# the largest index chunk and ten result fragments (what its client loads
# for ten results).
en="$work/corpus/blueprints/public/search/en"
# find, not a glob: at 100k pages a folder holds more names than a
# command line.
largest() { find "$1" -maxdepth 1 -name "$2" -printf '%s %p\n' | sort -n | tail -n 1 | cut -d' ' -f2-; }
first() { find "$1" -maxdepth 1 -name "$2" -printf '%f\n' | sort | head -n "$3"; }
rows=0
for f in $(first "$en" 'docs-*.min.js' 20); do rows=$(( rows + $(gz "$en/$f") )); done
ours_q=$(( $(gz "$work/corpus/blueprints/public/static/search.js") + $(gz "$en/meta.min.js") + $(gz "$(largest "$en" 'shard-*.min.js')") + rows ))
pfd="$work/hugo-public/pagefind"
pf_frag=0
for f in $(first "$pfd/fragment" '*' 10); do pf_frag=$(( pf_frag + $(wc -c < "$pfd/fragment/$f") )); done
pf_q=$(( $(wc -c < "$pfd/pagefind-entry.json") + $(gz "$pfd/pagefind.js") + $(wc -c < "$(largest "$pfd" 'wasm.*.pagefind')") + $(wc -c < "$(largest "$pfd/index" '*.pf_index')") + pf_frag ))

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '\nbenchmark: %s source pages (%s blueprints, %s translated into each other language), median of %s runs; %s\n\n' "$pages" "$N" "$T" "$RUNS" "$("$hugo" version | cut -d' ' -f1-2)"
printf '%-44s %12s %12s %8s\n' "measure" "blueprints" "peer" "ratio"
printf '%-44s %11ss %11ss %8s\n' "full build vs Hugo alone" "$ours" "$hugo_s" "$(ratio "$ours" "$hugo_s")"
both=$(awk -v a="$hugo_s" -v b="$pf_s" 'BEGIN { print a + b }')
printf '%-44s %11ss %11ss %8s\n' "full build vs Hugo + Pagefind" "$ours" "$both" "$(ratio "$ours" "$both")"
printf '%-44s %11ss %11ss %8s\n' "warm build after one edit vs cold build" "$warm" "$ours" "$(ratio "$warm" "$ours")"
printf '%-44s %10sMB %10sMB %8s\n' "peak memory vs Hugo (no GOMEMLIMIT)" "$((ours_kb / 1024))" "$((hugo_kb / 1024))" "$(ratio "$ours_kb" "$hugo_kb")"
printf '%-44s %10sMB %10sMB %8s\n' "peak memory vs Pagefind" "$((ours_kb / 1024))" "$((pf_kb / 1024))" "$(ratio "$ours_kb" "$pf_kb")"
printf '%-44s %10sKB %10sKB %8s\n' "static search index vs Pagefind" "$ours_index" "$pf_index" "$(ratio "$ours_index" "$pf_index")"
printf '%-44s %10sKB %10sKB %8s\n' "bytes for a one-word query vs Pagefind" "$((ours_q / 1024))" "$((pf_q / 1024))" "$(ratio "$ours_q" "$pf_q")"

# Edit-to-reload latency: each server on its copy of the corpus, the same
# blueprint edited EDITS times (a sentence appended, a pause between
# edits), measured by cmd/corpus -latency. Hugo is measured from the write
# to its page serving the new sentence; blueprints both that way and to
# the reload event its pages listen for.
EDITS=${BENCH_EDITS:-20}
PAUSE=${BENCH_PAUSE:-2s}
port=${BENCH_PORT:-18090}
hugo_port=${BENCH_HUGO_PORT:-11313}
slug=$(printf 'bp-%05d' $(( N / 2 )))
# How long a server may take to start, or an edit to show: generous, and
# growing with the site, so that a large BENCH_N is slow rather than failed.
WAIT=$(( 360 + N / 20 ))
# wait_for PATTERN FILE: until a server prints that it is ready
wait_for() {
  for _ in $(seq $(( WAIT * 5 ))); do grep -q "$1" "$2" && return 0; sleep 0.2; done
  echo "bench: server did not start; its output:" >&2; cat "$2" >&2; exit 1
}
"$work/blueprints" serve --source "$work/corpus/blueprints" --port "$port" >"$work/serve.log" 2>&1 &
servers+=($!)
wait_for "Serving" "$work/serve.log"
# and for the search index, which it builds after it starts serving
for _ in $(seq $(( WAIT * 10 ))); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/search?q=x&lang=en")" = 200 ] && break
  sleep 0.5
done
file="$work/corpus/blueprints/content/en/blueprints/$slug.md"
page="http://127.0.0.1:$port/en/blueprints/$slug/"
ours_serve_kb=$(vm_kb "${servers[0]}" VmHWM)
latency() { "$work/corpus-tool" -latency -edits "$EDITS" -pause "$PAUSE" -timeout "${WAIT}s" "$@" 2>/dev/null; }
events="http://127.0.0.1:$port/_blueprints/events"
read -r ours_ev ours_ev95 < <(latency -file "$file" -page "$page" -events "$events")
read -r ours_lat ours_lat95 < <(latency -file "$file" -page "$page")
read -r ours_fm ours_fm95 < <(latency -edit frontmatter -file "$file" -page "$page" -events "$events")
read -r ours_fmlat _ < <(latency -edit frontmatter -file "$file" -page "$page")
ours_serve_edits_kb=$(vm_kb "${servers[0]}" VmHWM)
kill "${servers[0]}"
"$hugo" server --source "$work/corpus/hugo" --port "$hugo_port" --bind 127.0.0.1 >"$work/hugo.log" 2>&1 &
servers+=($!)
wait_for "Web Server is available" "$work/hugo.log"
hugo_serve_kb=$(vm_kb "${servers[1]}" VmHWM)
hugo_file="$work/corpus/hugo/content/en/blueprints/$slug.md"
hugo_page="http://127.0.0.1:$hugo_port/en/blueprints/$slug/"
read -r hugo_lat hugo_lat95 < <(latency -file "$hugo_file" -page "$hugo_page")
read -r hugo_fm hugo_fm95 < <(latency -edit frontmatter -file "$hugo_file" -page "$hugo_page")
kill "${servers[1]}"

printf '%-44s %10sms %10sms %8s\n' "edit to new text served, median, vs Hugo" "$ours_lat" "$hugo_lat" "$(ratio "$ours_lat" "$hugo_lat")"
printf '%-44s %10sms %10sms %8s\n' "edit to new text served, p95, vs Hugo" "$ours_lat95" "$hugo_lat95" "$(ratio "$ours_lat95" "$hugo_lat95")"
printf '%-44s %10sms %12s %8s\n' "edit to reload event, median" "$ours_ev" "-" ""
printf '%-44s %10sms %12s %8s\n' "edit to reload event, p95" "$ours_ev95" "-" ""
serve_rows
echo
echo "latency: $EDITS edits of en/blueprints/$slug.md, $PAUSE apart; blueprints exports the edited language's static search files after the reload"
echo "frontmatter edits rewrite its summary, which lists, feeds and search show too"

# Search agreement: for 30 queries per language, the overlap of the
# browser's top ten (headless Chromium, from disk) with bleve's.
if command -v chromium >/dev/null; then
  BLUEPRINTS_AGREEMENT_SITE="$work/corpus/blueprints" go test -count=1 -run '^TestBrowserSearchAgreesOnCorpus$' -v ./cmd/blueprints 2>&1 |
    sed -n 's/.*agreement \(.*\)/search agreement with bleve, \1/p'
else
  echo "search agreement: not measured (no chromium)"
fi

# Search bytes as a browser fetches them: for ten one-word queries per
# language, each on a fresh page, the gzip size of the client and every
# search file the page loaded (median and worst), then of what "more
# results" loaded for the second page (budgets: 100 KB and 30 KB more).
if command -v chromium >/dev/null; then
  BLUEPRINTS_AGREEMENT_SITE="$work/corpus/blueprints" go test -count=1 -run '^TestBrowserSearchBytesOnCorpus$' -v ./cmd/blueprints 2>&1 |
    sed -n 's/.*bytes \([a-z-]*\): \(.*\)/search bytes, \1: \2/p'
else
  echo "search bytes: not measured (no chromium)"
fi

# Growth, with BENCH_GROWTH set (about 15 minutes more on 2 cores): build
# time and peak memory at 1k, 5k, 10k and 20k pages without translations,
# and per page, beside Hugo's; linear growth keeps the per-page figures flat.
if [ -n "${BENCH_GROWTH:-}" ]; then
  printf '\ngrowth, untranslated corpus, one run each\n\n'
  printf '%-8s %10s %10s %10s %10s %10s %10s\n' pages ours ms/page MB hugo ms/page MB
  for n in 1000 5000 10000 20000; do
    g="$work/growth-$n"
    go run ./cmd/corpus -n "$n" -translated 0 -out "$g"
    read -r s kb < <(RUNS=1 measure "$work/blueprints" build --source "$g/blueprints" -q)
    read -r hs hkb < <(RUNS=1 measure "$hugo" --quiet --source "$g/hugo" -d "$g/hugo-public")
    per() { awk -v a="$1" -v n="$n" 'BEGIN { printf "%.2f", 1000 * a / n }'; }
    printf '%-8s %9ss %10s %10s %9ss %10s %10s\n' "$n" "$s" "$(per "$s")" "$((kb / 1024))" "$hs" "$(per "$hs")" "$((hkb / 1024))"
    rm -rf "$g"
  done
fi
