# Targets: build and serve (the bundled site), test (every test, as CI runs
# them, then each fuzz target briefly; cmd/blueprints opens every page of the
# site in Chromium, which under -race takes longer than go test's default
# 10 minutes per package on a busy machine; TestOutputUnchanged, which
# compares whole builds' bytes and tests no concurrency, runs without the
# race detector, which would make it the package's slowest test), check (formatting, vet, staticcheck),
# fuzz (longer fuzzing runs), bench (against Hugo and Pagefind), identical
# BASE=<rev> (whether this working tree builds the same bytes as the commit
# BASE does: the bundled site and a 1,000-blueprint corpus, built by each
# binary and compared with diff -r; see cmd/corpus/identical.sh).
GO ?= go

FUZZTIME ?= 5m
# How long test fuzzes each target: enough to try the seeds' neighbourhood on
# every CI run, short enough to keep CI quick (the targets run one by one).
CI_FUZZTIME ?= 10s
# FuzzBuild builds a whole site per input: go's fuzzer first runs every
# seed to measure coverage, and with 10 s that baseline alone can outlast
# the time ("context deadline exceeded", no failing input).
CI_BUILD_FUZZTIME ?= 60s
BUILD_FUZZTIME ?= $(FUZZTIME)

# The quality gates' tools, from the npm registry: the Nu HTML Checker (run
# on Java) and axe-core (run in Chromium). Pinned, installed once per machine.
TOOLS ?= $(HOME)/.cache/blueprints-tools
VNU = $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
AXE = $(TOOLS)/node_modules/axe-core/axe.min.js

.PHONY: build serve test check fuzz bench identical clean screenshots

build:
	$(GO) run ./cmd/blueprints build

serve:
	$(GO) run ./cmd/blueprints serve

test: $(VNU) $(AXE)
	$(GO) vet ./...
	BLUEPRINTS_VNU=$(VNU) BLUEPRINTS_AXE=$(AXE) $(GO) test -race -count=1 -timeout 50m -skip '^TestOutputUnchanged$$' ./...
	$(GO) test -count=1 -run '^TestOutputUnchanged$$' ./internal/site
	$(MAKE) --no-print-directory fuzz FUZZTIME=$(CI_FUZZTIME) BUILD_FUZZTIME=$(CI_BUILD_FUZZTIME)

$(VNU) $(AXE):
	npm install --prefix $(TOOLS) --no-save --no-audit --no-fund vnu-jar@26.9.27 axe-core@4.14.1

check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# Each fuzz target in turn, FUZZTIME each (go test runs one target at a time).
# An input that fails is saved under the package's testdata/fuzz/; commit it,
# and it runs as a regression test with every go test from then on.
fuzz:
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzLoadDocument$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzLoadTOML$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzLoadJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/markdown -run '^$$' -fuzz '^FuzzParseRender$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/site -run '^$$' -fuzz '^FuzzBuild$$' -fuzztime $(BUILD_FUZZTIME)
	$(GO) test ./internal/publish -run '^$$' -fuzz '^FuzzMinify$$' -fuzztime $(FUZZTIME)

# Build time, memory, search-index and edit-to-reload latency figures against
# Hugo and Pagefind on a generated corpus (BENCH_N pages, default 1000; see
# cmd/corpus/bench.sh).
bench:
	bash cmd/corpus/bench.sh

# The output of this working tree against that of BASE, byte for byte
# (IDENTICAL_N blueprints in the corpus, default 1000). A refactor should
# print OK twice.
identical:
	BASE=$(BASE) bash cmd/corpus/identical.sh

# Pictures of a blueprint (en, ar, zh), the list, the search page and a
# home page at 360 and 1280 px, light and dark, to look at after changing
# the theme. Written under .blueprints/ (git-ignored), never committed.
SCREENSHOTS ?= .blueprints/screenshots
screenshots:
	$(GO) run ./cmd/blueprints build -q --out $(SCREENSHOTS)/site
	$(GO) run ./cmd/screenshots -site $(SCREENSHOTS)/site -out $(SCREENSHOTS)

clean:
	rm -rf public bin .blueprints
