#!/usr/bin/env bash
# bench/rss.sh [--corpora DIR] [--rounds R] [--prose] [--warm] [N...]
#
# Peak RSS (GNU time's %M) of cold `l10n extract`, `l10n check`,
# `l10n build --locale uk --locale ru` and `l10n status`, and of
# `l10n export` of one article with units to translate (its memory's
# matches read from the memory extract keeps), on generated corpora of N
# articles each (default: 1000 10000), the median of R runs (default 3),
# and each N's ratio to the first N: whether memory stays flat as a
# corpus grows. Each run starts without out/ (no records, no editions),
# as a first run does; export's after an extract.
#
#   --corpora DIR  generate the corpora into DIR/N (kept), or reuse those
#                  that are there: 10,000 articles take minutes to make.
#                  Without it, a temporary folder, removed at the end.
#   --prose        corpora of real prose: N copies of this repository's
#                  articles with their translations (l10n-corpus
#                  -copies-of), instead of generated news.
#   --warm         a second table: the same commands with nothing changed
#                  since a run of each (their records read, not made).
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

ROUNDS=3
CORPORA=
PROSE=
WARM=
SIZES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --corpora) CORPORA=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --prose) PROSE=1 ;;
    --warm) WARM=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "rss.sh: unknown flag $1" >&2; exit 2 ;;
    *) SIZES+=("$1") ;;
  esac
  shift
done
[ ${#SIZES[@]} -gt 0 ] || SIZES=(1000 10000)
command -v /usr/bin/time >/dev/null || { echo "rss.sh: needs GNU time (apt-get install time)" >&2; exit 2; }

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$CORPORA" ]; then CORPORA=$work/corpora; fi
mkdir -p "$CORPORA"
(cd "$root" && go build -o "$work/l10n" ./cmd/l10n && go build -o "$work/l10n-corpus" ./cmd/l10n-corpus)

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }

# peak KB: the median peak RSS of R runs of one command: cold (each
# without out/), or warm (nothing changed since a run of every command).
peak() { # cold|warm, dir, command...
  local mode=$1 dir=$2; shift 2
  for _ in $(seq "$ROUNDS"); do
    if [ "$mode" = cold ]; then rm -rf "$dir/out"; fi
    # check exits 1 on findings, which a generated corpus has.
    /usr/bin/time -f '%M' -o "$work/t" "$work/l10n" -q -C "$dir" "$@" >/dev/null 2>&1 || [ $? = 1 ]
    tail -1 "$work/t"
  done | median
}

# exported KB: the median peak RSS of R exports of one article, each
# after a cold extract.
exported() { # dir
  local dir=$1 slug
  for _ in $(seq "$ROUNDS"); do
    rm -rf "$dir/out"
    "$work/l10n" -q -C "$dir" extract >/dev/null
    slug=$(grep -l 'other: ""' "$dir"/locales/*/uk.yaml | head -1 | xargs dirname | xargs basename)
    /usr/bin/time -f '%M' -o "$work/t" "$work/l10n" -q -C "$dir" export --article "$slug" --locale uk -o "$work/x.po" >/dev/null 2>&1
    tail -1 "$work/t"
  done | median
}

# args C: the arguments that run command C (build: both target locales).
args() { printf '%s\n' "$1"; if [ "$1" = build ]; then printf '%s\n' --locale uk --locale ru; fi; }

# ratio KB FIRST: KB in MB, and its ratio to FIRST.
ratio() { awk -v k="$1" -v f="$2" 'BEGIN {printf "%.1f (%.2f×)", k / 1024, k / f}'; }

printf '| articles | extract MB | check MB | build MB | status MB | export MB |\n|---|---|---|---|---|---|\n'
declare -A first warmfirst
warmrows=()
for n in "${SIZES[@]}"; do
  dir=$CORPORA/$n
  if [ ! -f "$dir/l10n.yaml" ]; then
    echo "generating $n articles into $dir…" >&2
    if [ -n "$PROSE" ]; then
      "$work/l10n-corpus" -n "$n" -o "$dir" -copies-of "$root" >&2
    else
      "$work/l10n-corpus" -n "$n" -o "$dir" >&2
    fi
  fi
  row="| $n"
  for c in extract check build status export; do
    mapfile -t cmd < <(args "$c")
    if [ "$c" = export ]; then
      kb=$(exported "$dir")
    else
      kb=$(peak cold "$dir" "${cmd[@]}")
    fi
    : "${first[$c]:=$kb}"
    row="$row | $(ratio "$kb" "${first[$c]}")"
  done
  echo "$row |"
  if [ -n "$WARM" ]; then
    rm -rf "$dir/out"
    for c in extract check build status; do
      mapfile -t cmd < <(args "$c")
      "$work/l10n" -q -C "$dir" "${cmd[@]}" >/dev/null 2>&1 || [ $? = 1 ]
    done
    row="| $n"
    for c in extract check build status; do
      mapfile -t cmd < <(args "$c")
      kb=$(peak warm "$dir" "${cmd[@]}")
      : "${warmfirst[$c]:=$kb}"
      row="$row | $(ratio "$kb" "${warmfirst[$c]}")"
    done
    warmrows+=("$row |")
  fi
done
if [ -n "$WARM" ]; then
  printf '\nNothing changed:\n\n| articles | extract MB | check MB | build MB | status MB |\n|---|---|---|---|---|\n'
  printf '%s\n' "${warmrows[@]}"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
