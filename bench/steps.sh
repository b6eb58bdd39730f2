#!/usr/bin/env bash
# bench/steps.sh [-n ROUNDS] [-a ARTICLES] OLD NEW
#
# Compares two l10n binaries (`CGO_ENABLED=0 go build -o old ./cmd/l10n` at each commit)
# on compare.sh's sequence of l10n runs, timed to the millisecond: cold
# extract, check and build; the same with nothing changed; build after one
# unit of a catalog changed; extract, check and build after a paragraph was
# added to one article (a translation having changed elsewhere); extract
# after a paragraph was added to another. Each round gives each binary a
# fresh copy of one generated corpus (records name the binary that wrote
# them) and runs the sequence, old then new, so that a change of load hits
# both alike. It prints the median of each step and the ratio new/old,
# each step's share of its cold run (compare.sh's "one article changed"),
# and each binary's least and most time for the step: a ratio inside the
# spread of the runs is noise (extract after one article changed moves by
# a third between runs of one binary, with the file system's writeback).
# GNU time's 10 ms and perf stat's own 12 ms are too coarse for runs of
# 30-80 ms; the shell's clock is not.
#
#   -n ROUNDS    rounds (default 5)
#   -a ARTICLES  articles in the corpus (default 1000)
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

ROUNDS=5
N=1000
while [ $# -gt 0 ]; do
  case "$1" in
    -n) ROUNDS=$2; shift ;;
    -a) N=$2; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "steps.sh: unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -eq 2 ] || { echo "usage: bench/steps.sh [-n ROUNDS] [-a ARTICLES] OLD NEW" >&2; exit 2; }
case "$ROUNDS$N" in '' | *[!0-9]*) echo "steps.sh: -n and -a must be numbers" >&2; exit 2 ;; esac
OLD=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
NEW=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l10n-steps.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
(cd "$ROOT" && go build -o "$WORK/l10n-corpus" ./cmd/l10n-corpus)
"$WORK/l10n-corpus" -n "$N" -o "$WORK/pristine" >/dev/null
ls "$WORK/pristine/articles" | sed 's/\.md$//' >"$WORK/slugs"
mid=$(sed -n "$(((N + 1) / 2))p" "$WORK/slugs")
mid2=$(sed -n "$(((N + 3) / 4))p" "$WORK/slugs")

STEPS=(extract check build "extract, nothing changed" "check, nothing changed" "build, nothing changed"
  "build after 1 unit changed" "extract, 1 article changed" "check, 1 article changed"
  "build, 1 article changed" "extract, 1 more article changed")

# ms CMD...: runs CMD (exit codes 0 and 1, findings, pass) and prints its
# wall time in milliseconds, by the shell's clock ($EPOCHREALTIME, bash 5:
# no process to read it, where a `date` before and after added the time to
# start one).
ms() {
  local s e code=0
  s=$EPOCHREALTIME
  "$@" >/dev/null 2>"$WORK/err" || code=$?
  e=$EPOCHREALTIME
  if [ "$code" -gt 1 ]; then
    echo "steps.sh: $* failed (exit $code):" >&2
    tail -3 "$WORK/err" >&2
    exit 1
  fi
  awk -v s="${s/,/.}" -v e="${e/,/.}" 'BEGIN { printf "%d\n", (e - s) * 1000 }'
}

# sequence BIN: compare.sh's runs on a fresh copy; one line of times.
sequence() {
  local b=$1 c=$WORK/c
  rm -rf "$c"
  cp -r "$WORK/pristine" "$c"
  local t=()
  t+=("$(ms "$b" -C "$c" extract)" "$(ms "$b" -C "$c" check)" "$(ms "$b" -C "$c" build --locale uk --locale ru)")
  t+=("$(ms "$b" -C "$c" extract)" "$(ms "$b" -C "$c" check)" "$(ms "$b" -C "$c" build --locale uk --locale ru)")
  awk '/^  other: [^'\''"|>]/ && ++n == 2 { $0 = $0 " (ред.)" } { print }' "$c/locales/$mid/uk.yaml" >"$WORK/uk.yaml"
  cat "$WORK/uk.yaml" >"$c/locales/$mid/uk.yaml"
  sleep 1
  t+=("$(ms "$b" -C "$c" build --locale uk --locale ru)")
  printf '\nA paragraph an editor added to this article after it was translated.\n' >>"$c/articles/$mid.md"
  t+=("$(ms "$b" -C "$c" extract)" "$(ms "$b" -C "$c" check)" "$(ms "$b" -C "$c" build --locale uk --locale ru)")
  printf '\nAnother paragraph an editor added after translation.\n' >>"$c/articles/$mid2.md"
  t+=("$(ms "$b" -C "$c" extract)")
  echo "${t[*]}"
}

for ((i = 1; i <= ROUNDS; i++)); do
  echo "round $i of $ROUNDS ..." >&2
  sequence "$OLD" >>"$WORK/old"
  sequence "$NEW" >>"$WORK/new"
done

echo "$N articles, $ROUNDS rounds; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-34s %10s %10s %8s %12s %12s %12s\n' "step (median ms)" old new new/old "new % cold" "old range" "new range"
# range FILE COL: the least and the most of a step's times, which say
# whether the medians' difference is more than the runs' spread.
range() { cut -d' ' -f"$2" "$1" | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
for k in "${!STEPS[@]}"; do
  col=$((k + 1))
  o=$(cut -d' ' -f"$col" "$WORK/old" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  n=$(cut -d' ' -f"$col" "$WORK/new" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  case "${STEPS[$k]}" in
    extract*) cold=1 ;;
    check*) cold=2 ;;
    *) cold=3 ;;
  esac
  c=$(cut -d' ' -f"$cold" "$WORK/new" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  share="-"
  [ "$k" -ge 3 ] && share=$(awk -v a="$n" -v b="$c" 'BEGIN { printf "%.1f%%", 100 * a / b }')
  printf '%-34s %10s %10s %8s %12s %12s %12s\n' "${STEPS[$k]}" "$o" "$n" "$(awk -v a="$n" -v b="$o" 'BEGIN { printf "%.2f", a / b }')" "$share" \
    "$(range "$WORK/old" "$col")" "$(range "$WORK/new" "$col")"
done
