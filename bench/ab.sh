#!/usr/bin/env bash
# bench/ab.sh [-n ROUNDS] [-bench REGEXP] OLD [NEW]
#
# Compares the Go benchmarks of two commits on a shared machine: builds
# the test binaries of the pipelinetest, catalog, glossary and check packages
# at OLD and at NEW (default: the working tree), runs them in turn ROUNDS
# times (default 5; old, new, old, new, ... so that a change of load hits
# both alike), and prints benchstat's comparison. Read the ratios, not the
# seconds.
#
#   -n ROUNDS      rounds of old-then-new runs (default 5)
#   -bench REGEXP  the benchmarks to run (default: all)
#   -keep          keep the work folder (printed at the end)
set -euo pipefail

ROUNDS=5
BENCH=.
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    -n) ROUNDS=$2; shift ;;
    -bench) BENCH=$2; shift ;;
    -keep) KEEP=1 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "ab.sh: unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -ge 1 ] || { echo "usage: bench/ab.sh [-n ROUNDS] [-bench REGEXP] OLD [NEW]" >&2; exit 2; }
case "$ROUNDS" in '' | *[!0-9]*) echo "ab.sh: -n must be a number" >&2; exit 2 ;; esac

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PKGS=(pipeline/pipelinetest pipeline/catalog pipeline/glossary pipeline/check)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l10n-ab.XXXXXX")
cleanup() {
  for side in old new; do
    if [ -d "$WORK/$side/src" ] && [ ! -L "$WORK/$side/src" ]; then
      git -C "$ROOT" worktree remove --force "$WORK/$side/src" || true
    fi
  done
  [ "$KEEP" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

# checkout SIDE REV: the source tree of REV (the working tree when REV is empty).
checkout() {
  local side=$1 rev=$2
  mkdir -p "$WORK/$side"
  if [ -z "$rev" ]; then
    ln -s "$ROOT" "$WORK/$side/src"
  else
    git -C "$ROOT" worktree add --quiet --detach "$WORK/$side/src" "$rev"
  fi
  for p in "${PKGS[@]}"; do
    (cd "$WORK/$side/src" && go test -c -o "$WORK/$side/${p//\//-}.test" "./$p")
  done
}
checkout old "$1"
checkout new "${2:-}"

for ((i = 1; i <= ROUNDS; i++)); do
  echo "round $i of $ROUNDS ..." >&2
  for side in old new; do
    for p in "${PKGS[@]}"; do
      # Each binary runs in its package's folder: the benchmarks read
      # the repository's files by relative paths.
      (cd "$WORK/$side/src/$p" && "$WORK/$side/${p//\//-}.test" -test.run '^$' -test.bench "$BENCH" \
        -test.benchmem -test.count 1) | grep -E '^(Benchmark|pkg:|goos|goarch|cpu)' >>"$WORK/$side.txt" || true
    done
  done
done
(cd "$ROOT" && go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da "$WORK/old.txt" "$WORK/new.txt")
[ "$KEEP" = 1 ] && echo "kept $WORK" >&2
exit 0
