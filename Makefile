# Targets: build (the bundled site), test (every test, as CI runs them),
# check (formatting, vet, staticcheck), fuzz (longer fuzzing runs).
GO ?= go

.PHONY: build test check fuzz clean

build:
	$(GO) run ./cmd/blueprints build

test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

check:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

clean:
	rm -rf public bin
