#!/usr/bin/env bash
# bench/samecheck.sh [--corpora DIR] [-n N] OLD [NEW]
#
# Checks that a change to check's speed changes none of its findings:
# builds l10n at commit OLD and at NEW (default: the working tree) and
# compares, byte for byte, the `l10n check --json` of each on
#   - the newsroom's corpus (cmd/l10n-corpus -n N, default 1000),
#   - the pseudo corpus (the same with -pseudo),
#   - the seed project (this repository's articles, catalogs, glossary
#     and word list), and the catalogs that break every check family
#     (pipeline/pipelinetest/testdata/check-broken),
#   - the Hugo documentation (../shared/corpora/hugo-docs/articles beside
#     the repository, when it is there): extract and pseudo into a new
#     project, then check its uk and ru catalogs (every unit missing) and
#     its en-XA catalog,
# each run cold (no records), and the second binary's warm run (from its
# records) against its cold one. Prints one line per comparison; exits 1
# on a difference.
#
#   --corpora DIR  generate the corpora into DIR (kept), or reuse those
#                  that are there. Without it, a temporary folder.
#   -n N           articles in the generated corpora (default 1000)
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

N=1000
CORPORA=
while [ $# -gt 0 ]; do
  case "$1" in
    --corpora) CORPORA=$2; shift ;;
    -n) N=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "samecheck.sh: unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -ge 1 ] || { echo "usage: bench/samecheck.sh [--corpora DIR] [-n N] OLD [NEW]" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l10n-samecheck.XXXXXX")
cleanup() {
  local side
  for side in old new; do
    if [ -d "$WORK/$side-src" ]; then git -C "$ROOT" worktree remove --force "$WORK/$side-src" || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "$CORPORA" ] || CORPORA=$WORK/corpora
mkdir -p "$CORPORA"

# build SIDE REV: the l10n binary of REV (the working tree when REV is empty).
build() {
  local side=$1 rev=$2 src=$ROOT
  if [ -n "$rev" ]; then
    src=$WORK/$side-src
    git -C "$ROOT" worktree add --quiet --detach "$src" "$rev"
  fi
  (cd "$src" && go build -o "$WORK/$side" ./cmd/l10n)
}
build old "$1"
build new "${2:-}"
(cd "$ROOT" && go build -o "$WORK/l10n-corpus" ./cmd/l10n-corpus)

# The corpora, made with the new binary where l10n makes them.
real=$CORPORA/news-$N pseudo=$CORPORA/pseudo-$N seed=$CORPORA/seed broken=$CORPORA/check-broken hugo=$CORPORA/hugo
[ -d "$real" ] || "$WORK/l10n-corpus" -n "$N" -o "$real" >&2
[ -d "$pseudo" ] || "$WORK/l10n-corpus" -n "$N" -pseudo -o "$pseudo" >&2
if [ ! -d "$seed" ]; then
  mkdir -p "$seed"
  cp -r "$ROOT/articles" "$ROOT/locales" "$ROOT/glossary.yaml" "$ROOT/spelling.txt" "$seed/"
  rm -f "$seed"/locales/*/en-XA.yaml
fi
if [ ! -d "$broken" ]; then
  cp -r "$ROOT/pipeline/pipelinetest/testdata/check-broken" "$broken"
  rm -rf "$broken/out"
fi
HUGO=$ROOT/../shared/corpora/hugo-docs/articles
if [ ! -d "$hugo" ] && [ -d "$HUGO" ]; then
  mkdir -p "$hugo"
  "$WORK/new" -q -C "$hugo" init --locale uk,ru >/dev/null
  cp "$HUGO"/*.md "$hugo/articles/"
  "$WORK/new" -q -C "$hugo" extract >/dev/null
  "$WORK/new" -q -C "$hugo" pseudo >/dev/null
fi

# check BIN DIR OUT [ARGS...]: check --json, cold unless OUT ends in .warm.
check() {
  local bin=$1 dir=$2 out=$3; shift 3
  case "$out" in *.warm) ;; *) rm -rf "$dir/out/.cache" ;; esac
  "$WORK/$bin" -q -C "$dir" check --json "$@" >"$out" 2>/dev/null || [ $? = 1 ]
}

fail=0
same() { # what, file, file
  if cmp -s "$2" "$3"; then
    echo "same: $1 ($(wc -c <"$2") bytes)"
  else
    echo "DIFFERENT: $1"; diff <(head -c 2000000 "$2") <(head -c 2000000 "$3") | head -20; fail=1
  fi
}
for c in "$real" "$pseudo" "$seed" "$broken" "$hugo"; do
  [ -d "$c" ] || { echo "skipped: $c (no Hugo documentation beside the repository)"; continue; }
  sets=("")
  [ "$c" = "$hugo" ] && sets=("" "--locale=en-XA")
  for s in "${sets[@]}"; do
    name=$(basename "$c")${s:+ $s}
    check old "$c" "$WORK/old.json" $s
    check new "$c" "$WORK/new.json" $s
    check new "$c" "$WORK/new.json.warm" $s
    same "$name, cold, old and new" "$WORK/old.json" "$WORK/new.json"
    same "$name, new, warm and cold" "$WORK/new.json" "$WORK/new.json.warm"
  done
done
exit $fail
