#!/usr/bin/env bash
# make identical BASE=<rev>: does this working tree build the same bytes as
# BASE? Builds the blueprints binary of BASE (checked out with git worktree
# in a temporary directory) and of the working tree (HEAD and any
# uncommitted change), then with each builds
#   - the bundled site, each from its own checkout (content/ and themes/:
#     the theme is part of the program), and
#   - one generated corpus (IDENTICAL_N blueprints, default 1000, 15 %
#     translated, made once by this tree's cmd/corpus, so both read the
#     same input),
# and compares the outputs with diff -r. Prints OK or the differing paths;
# exits 1 when they differ. Unlike TestOutputUnchanged, which compares
# with recorded hashes, it needs no manifest and takes any BASE.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${BASE:?usage: make identical BASE=<rev>}
N=${IDENTICAL_N:-1000}
rev=$(git rev-parse --verify "$BASE^{commit}")

work=$(mktemp -d)
trap 'git worktree remove --force "$work/base-src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --quiet --detach "$work/base-src" "$rev"
echo "building blueprints at $BASE ($(git rev-parse --short "$rev")) and at the working tree" >&2
(cd "$work/base-src" && go build -o "$work/base" ./cmd/blueprints)
go build -o "$work/head" ./cmd/blueprints
# The working tree's site is copied, so the build's .blueprints/index lands
# in the copy, not beside a server the developer may be running.
mkdir "$work/head-src"
cp -R content themes "$work/head-src/"
go run ./cmd/corpus -n "$N" -translated 0.15 -out "$work/corpus"

# build BINARY SOURCE OUT: a quiet build; its warnings are not the point.
build() {
  "$1" build -q -source "$2" -out "$3" 2>"$3.log" || { cat "$3.log" >&2; echo "build with $1 of $2 failed" >&2; exit 2; }
}
status=0
# compare NAME A B: prints OK or the paths diff -r finds (the first 40).
compare() {
  local diffs
  diffs=$(diff -rq "$2" "$3" | sed -e "s|$work/||g") || true
  if [ -z "$diffs" ]; then
    echo "OK   $1: identical ($(find "$2" -type f | wc -l) files)"
    return
  fi
  status=1
  echo "DIFF $1: $(echo "$diffs" | wc -l) paths differ"
  echo "$diffs" | head -n 40 | sed 's/^/     /'
}
build "$work/base" "$work/base-src" "$work/base-bundled"
build "$work/head" "$work/head-src" "$work/head-bundled"
compare "bundled site" "$work/base-bundled" "$work/head-bundled"
if ! git diff --quiet "$rev" -- content; then
  echo "     (content/ differs between $BASE and the working tree: some differences may come from it)"
fi
build "$work/base" "$work/corpus/blueprints" "$work/base-corpus"
build "$work/head" "$work/corpus/blueprints" "$work/head-corpus"
compare "corpus of $N" "$work/base-corpus" "$work/head-corpus"
exit $status
