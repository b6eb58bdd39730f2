#!/usr/bin/env bash
# bench/memory.sh [--rounds R] [--cases "new missing nothing"] [--keep] [N]
#
# Times `l10n extract` on a generated corpus of N news articles (default
# 1000) with the translation memory on (with sentence pairs, `memory:
# {sentences: true}`, and without) and off (`memory: off`), the three
# runs alternating R times (default 5), and prints the median CPU and
# wall seconds of each and their ratios to the run without the memory,
# for three cases:
#
#   new      every unit translated, one new article added (its catalogs
#            are removed before each run, so each run writes them and
#            looks its units up)
#   missing  the corpus as generated: 900-odd units missing across the
#            catalogs, which every run with the memory looks up again
#   nothing  every unit translated, nothing new: the memory is not built
#
# The corpus's catalogs are a newsroom's translations (bench/README.md); a
# line that marks a catalog as pseudo's (l10n-corpus -pseudo) is removed.
# Writes only under a temporary folder, which --keep leaves in place.
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

N=1000
ROUNDS=5
KEEP=0
CASES="new missing nothing"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --cases) CASES=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "memory.sh: unknown flag $1" >&2; exit 2 ;;
    *) N=$1 ;;
  esac
  shift
done

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$work"' EXIT; fi
cd "$root"
go build -o "$work/l10n" ./cmd/l10n
go build -o "$work/l10n-corpus" ./cmd/l10n-corpus
l10n=$work/l10n

echo "generating $N articles…" >&2
"$work/l10n-corpus" -n "$N" -o "$work/base" >&2
"$work/l10n-corpus" -n 1 -seed 2 -o "$work/extra" >&2
find "$work/base/locales" -name '*.yaml' ! -name en.yaml -exec sed -i '/^# Pseudo-translation/d' {} +

# Each case has a project with the memory on and one with it off, made
# the same: l10n.yaml differs in the memory line only.
setup() { # case, on|off
  local dir=$work/$1-$2
  cp -r "$work/base" "$dir"
  if [ "$2" = off ]; then printf 'memory: off\n' >> "$dir/l10n.yaml"; fi
  if [ "$2" = on ]; then printf 'memory:\n  sentences: true\n' >> "$dir/l10n.yaml"; fi
  if [ "$2" = units ]; then printf 'memory:\n  sentences: false\n' >> "$dir/l10n.yaml"; fi
  if [ "$1" != missing ]; then
    find "$dir/locales" -name '*.yaml' ! -name en.yaml -exec sed -i 's/^  other: ""$/  other: "переклад"/' {} +
  fi
  "$l10n" -q -C "$dir" extract
  if [ "$1" = new ]; then
    cp "$work"/extra/articles/*.md "$dir/articles/znew-$(basename "$work"/extra/articles/*.md)"
  fi
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

run() { # case, on|off: one timed extract; prints wall and CPU seconds
  local dir=$work/$1-$2
  if [ "$1" = new ]; then rm -rf "$dir"/locales/znew-*; fi
  # Cold: without extract's records (out/.cache/extract.rec) and the
  # memory's cache (memory.rec) every run reads every article and
  # catalog, as the issue's "extract on 1,000 articles" does.
  rm -rf "$dir/out/.cache"
  /usr/bin/time -f '%e %U %S' -o "$work/t" "$l10n" -q -C "$dir" extract
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}

printf '| case | off: CPU s | wall s | on, units: CPU s | wall s | ratio CPU | wall | on, + sentences: CPU s | wall s | ratio CPU | wall |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
for c in $CASES; do
  for m in off units on; do setup "$c" "$m"; : > "$work/$m"; done
  for _ in $(seq "$ROUNDS"); do
    for m in off units on; do run "$c" "$m" >> "$work/$m"; done
  done
  row="| $c"
  for m in off units on; do
    w=$(cut -d' ' -f1 "$work/$m" | median); u=$(cut -d' ' -f2 "$work/$m" | median)
    if [ "$m" = off ]; then offw=$w; offc=$u; row="$row | $u | $w"; continue; fi
    row="$row | $u | $w | $(awk -v a="$u" -v b="$offc" 'BEGIN {printf "%.2f×", a / b}') | $(awk -v a="$w" -v b="$offw" 'BEGIN {printf "%.2f×", a / b}')"
  done
  echo "$row |"
  for m in off units on; do rm -rf "$work/$c-$m"; done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ "$KEEP" = 1 ]; then echo "work folder: $work" >&2; fi
