#!/usr/bin/env bash
# bench/warm.sh [--rounds R] CORPUS OLD NEW
#
# The nothing-changed path of two l10n binaries on one corpus, at the
# same load: each binary gets its own copy of CORPUS (records name the
# binary that wrote them), runs extract, check and build there until its
# records are written, then the two take turns (old, new, old, new …; R
# rounds, default 7), each running the three commands on its unchanged
# copy. Prints, per binary and command, the median wall seconds and CPU
# seconds (user + system, GNU time) and the system calls of one run
# (strace -c -f, when strace is installed), then the ratios new/old.
# Build is `build` as the project configures it (every locale).
set -euo pipefail

ROUNDS=7
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "warm.sh: unknown flag $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -eq 3 ] || { echo "usage: bench/warm.sh [--rounds R] CORPUS OLD NEW" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "warm.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
CORPUS=$1
declare -A BIN=([old]=$(realpath "$2") [new]=$(realpath "$3"))
work=$(mktemp -d "${TMPDIR:-/tmp}/l10n-warm.XXXXXX")
trap 'rm -rf "$work"' EXIT
COMMANDS=(extract check build)

# run SIDE COMMAND: one run on the side's copy (check exits 1 on findings).
run() {
  "${BIN[$1]}" -q -C "$work/$1" "$2" >/dev/null 2>&1 || [ $? = 1 ]
}

for side in old new; do
  cp -a "$CORPUS" "$work/$side"
  for _ in 1 2; do
    for c in "${COMMANDS[@]}"; do run "$side" "$c"; done
  done
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for r in $(seq "$ROUNDS"); do
  for side in old new; do
    for c in "${COMMANDS[@]}"; do
      /usr/bin/time -f "%e %U %S" -o "$work/t" "${BIN[$side]}" -q -C "$work/$side" "$c" >/dev/null 2>&1 || [ $? = 1 ]
      echo "$side $c $(tail -1 "$work/t")" >>"$work/times"
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A WALL CPU CALLS
for side in old new; do
  for c in "${COMMANDS[@]}"; do
    WALL[$side.$c]=$(awk -v s="$side" -v c="$c" '$1 == s && $2 == c {print $3}' "$work/times" | median)
    CPU[$side.$c]=$(awk -v s="$side" -v c="$c" '$1 == s && $2 == c {print $4 + $5}' "$work/times" | median)
    CALLS[$side.$c]=-
    if command -v strace >/dev/null; then
      strace -c -f -o "$work/strace" "${BIN[$side]}" -q -C "$work/$side" "$c" >/dev/null 2>&1 || true
      CALLS[$side.$c]=$(awk '$NF == "total" {print $(NF-2)}' "$work/strace")
    fi
  done
done

printf '| command | wall s old | wall s new | CPU s old | CPU s new | syscalls old | syscalls new |\n|---|---:|---:|---:|---:|---:|---:|\n'
for c in "${COMMANDS[@]}" sum; do
  if [ "$c" = sum ]; then
    for side in old new; do
      WALL[$side.sum]=$(awk -v a="${WALL[$side.extract]}" -v b="${WALL[$side.check]}" -v d="${WALL[$side.build]}" 'BEGIN {print a + b + d}')
      CPU[$side.sum]=$(awk -v a="${CPU[$side.extract]}" -v b="${CPU[$side.check]}" -v d="${CPU[$side.build]}" 'BEGIN {print a + b + d}')
      CALLS[$side.sum]=$(awk -v a="${CALLS[$side.extract]}" -v b="${CALLS[$side.check]}" -v d="${CALLS[$side.build]}" 'BEGIN {print a + b + d}')
    done
  fi
  echo "| $c | ${WALL[old.$c]} | ${WALL[new.$c]} | ${CPU[old.$c]} | ${CPU[new.$c]} | ${CALLS[old.$c]} | ${CALLS[new.$c]} |"
done
awk -v wo="${WALL[old.sum]}" -v wn="${WALL[new.sum]}" -v co="${CPU[old.sum]}" -v cn="${CPU[new.sum]}" -v so="${CALLS[old.sum]}" -v sn="${CALLS[new.sum]}" \
  'BEGIN {printf "\nnew/old (medians of %s rounds, summed over the three commands): wall %.2f, CPU %.2f, syscalls %.2f\n", "'"$ROUNDS"'", wn / wo, cn / co, (so > 0 ? sn / so : 0)}'
