# Targets: build and serve (the bundled site), test (every test, as CI runs
# them), check (formatting, vet, staticcheck), fuzz (longer fuzzing runs).
GO ?= go

FUZZTIME ?= 5m

.PHONY: build serve test check fuzz clean

build:
	$(GO) run ./cmd/blueprints build

serve:
	$(GO) run ./cmd/blueprints serve

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

# Each fuzz target in turn, FUZZTIME each (go test runs one target at a time).
fuzz:
	$(GO) test ./internal/content -run '^$$' -fuzz FuzzLoadDocument -fuzztime $(FUZZTIME)
	$(GO) test ./internal/markdown -run '^$$' -fuzz FuzzParseRender -fuzztime $(FUZZTIME)

clean:
	rm -rf public bin .blueprints
