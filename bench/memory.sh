#!/usr/bin/env bash
# bench/memory.sh [--rounds R] [--keep] [N]
#
# Times `l10n extract` on a generated corpus of N news articles (default
# 1000) with the translation memory on and off (l10n.yaml's `memory:
# off`), the two runs alternating R times (default 5), and prints the
# median wall and CPU seconds of each and their ratio, for three cases:
#
#   new      every unit translated, one new article added (its catalogs
#            are removed before each run, so each run writes them and
#            looks its units up)
#   missing  the corpus as generated: 900-odd units missing across the
#            catalogs, which every run with the memory looks up again
#   nothing  every unit translated, nothing new: the memory is not built
#
# The corpus's pseudo-translations stand for translations (the line that
# marks a catalog as pseudo's is removed). Writes only under a temporary
# folder, which --keep leaves in place.
set -euo pipefail

N=1000
ROUNDS=5
KEEP=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    --keep) KEEP=1 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
  /usr/bin/time -f '%e %U %S' -o "$work/t" "$l10n" -q -C "$dir" extract
  awk '{printf "%s %.2f\n", $1, $2 + $3}' "$work/t"
}

printf '| case | memory on: wall s | CPU s | memory off: wall s | CPU s | ratio wall | ratio CPU |\n|---|---|---|---|---|---|---|\n'
for c in new missing nothing; do
  setup "$c" on
  setup "$c" off
  : > "$work/on"; : > "$work/off"
  for _ in $(seq "$ROUNDS"); do
    run "$c" on >> "$work/on"
    run "$c" off >> "$work/off"
  done
  onw=$(cut -d' ' -f1 "$work/on" | median); onc=$(cut -d' ' -f2 "$work/on" | median)
  offw=$(cut -d' ' -f1 "$work/off" | median); offc=$(cut -d' ' -f2 "$work/off" | median)
  awk -v c="$c" -v a="$onw" -v b="$onc" -v d="$offw" -v e="$offc" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f× | %.2f× |\n", c, a, b, d, e, a / d, b / e}'
  rm -rf "$work/$c-on" "$work/$c-off"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
if [ "$KEEP" = 1 ]; then echo "work folder: $work" >&2; fi
