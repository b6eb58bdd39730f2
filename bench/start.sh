#!/usr/bin/env bash
# bench/start.sh [-r RUNS]
#
# What starting l10n costs, against what starting Go costs: builds l10n,
# a Go program that prints one line, and one that only imports the
# packages l10n imports (none of l10n's own), and times each with
# hyperfine (RUNS runs after five to warm up; `l10n --version`, which
# does no work). Then prints the packages whose initialisation takes the
# longest in `l10n --version`, as GODEBUG=inittrace=1 reports them (the
# mean of five runs; inittrace slows each a little), and the sum.
#
#   -r RUNS  hyperfine's runs per program (default 40)
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

RUNS=40
while [ $# -gt 0 ]; do
  case "$1" in
    -r) RUNS=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "start.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
case "$RUNS" in '' | *[!0-9]*) echo "start.sh: -r must be a number" >&2; exit 2 ;; esac
command -v hyperfine >/dev/null || { echo "start.sh: needs hyperfine (apt-get install hyperfine)" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/l10n-start.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

(cd "$ROOT" && go build -o "$WORK/l10n" ./cmd/l10n)
# The peers are built inside the module, so that they take its versions
# of the packages, from a folder that wildcards skip, removed at the end.
peers=$ROOT/cmd/_start-sh-$$
trap 'rm -rf "$WORK" "$peers"' EXIT
(cd "$ROOT" && go list -deps ./cmd/l10n) |
  grep -v -e '^github.com/l10n-dev/' -e '^internal/' -e '/internal/' -e '/internal$' -e '^vendor/' -e '^runtime/cgo$' -e '^C$' -e '^unsafe$' >"$WORK/deps.txt"
mkdir -p "$peers/hello" "$peers/deps"
printf 'package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString("hello\\n") }\n' >"$peers/hello/main.go"
{
  printf 'package main\n\nimport (\n'
  sed 's/.*/\t_ "&"/' "$WORK/deps.txt"
  printf ')\n\nfunc main() { println("hello") }\n'
} >"$peers/deps/main.go"
(cd "$ROOT" && go build -o "$WORK/hello" "./cmd/_start-sh-$$/hello" && go build -o "$WORK/deps" "./cmd/_start-sh-$$/deps")
rm -rf "$peers"

cd "$WORK"
echo "hello: a Go program that prints a line; deps: one that imports the $(wc -l <deps.txt) packages l10n imports and prints a line"
hyperfine -N -w 5 -r "$RUNS" ./hello ./deps './l10n --version' 2>&1 | grep -E '^Benchmark|Time \(mean'
echo
echo "the packages whose initialisation takes longest in l10n --version (GODEBUG=inittrace=1, mean of 5 runs, ms):"
for _ in 1 2 3 4 5; do GODEBUG=inittrace=1 ./l10n --version 2>&1 >/dev/null | grep '^init '; done |
  awk '{ clock[$2] += $5; bytes[$2] += $8 } END { for (p in clock) { printf "%7.2f %9d B  %s\n", clock[p] / 5, bytes[p] / 5, p; sum += clock[p] / 5 } printf "%7.2f ms in all, %d packages\n", sum, length(clock) > "/dev/stderr" }' 2>"$WORK/sum" |
  sort -rn | head -15
cat "$WORK/sum"
