#!/usr/bin/env bash
# bench/compare.sh [--scale] [--sample K] [--pseudo] [--keep] [N]
#
# Times l10n against po4a and gettext on one generated corpus of N news
# articles (default 1000) with uk and ru catalogs, and prints one table:
# tool, step, wall seconds, peak RSS, CPU use and CPU seconds, and l10n's
# ratios to the peers, first to po4a in one process over the corpus (its
# fastest mode) and msgfmt on one catalog. See bench/README.md for what
# each row runs.
#
#   --sample K  run po4a once per article over K articles (default 50) and
#               scale its times to N linearly: about a second per article
#   --scale     also measure l10n's peak RSS on 10000 articles
#   --pseudo    catalogs as l10n pseudo writes them, which every check
#               family flags, instead of a newsroom's (l10n-corpus -pseudo)
#   --keep      keep the work folder (printed at the end)
#
# Installs po4a and gettext with apt-get when they are missing.
set -euo pipefail
# The binary as the README installs it: static (no cgo), which starts some 7 ms sooner.
export CGO_ENABLED=0

N=1000
SAMPLE=50
SCALE=0
KEEP=0
PSEUDO=
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) SCALE=1 ;;
    --keep) KEEP=1 ;;
    --pseudo) PSEUDO=-pseudo ;;
    --sample) SAMPLE=$2; shift ;;
    -h|--help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
    *) N=$1 ;;
  esac
  shift
done
case "$N$SAMPLE" in *[!0-9]*) echo "compare.sh: N and --sample must be numbers" >&2; exit 2 ;; esac
[ "$SAMPLE" -gt "$N" ] && SAMPLE=$N

ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORES=$(nproc)

# --- peers ---------------------------------------------------------------
need=()
for c in po4a-updatepo:po4a msgfmt:gettext; do
  command -v "${c%%:*}" >/dev/null 2>&1 || need+=("${c##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]} ..." >&2
  SUDO=; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/l10n-bench.XXXXXX")
if [ "$KEEP" = 0 ]; then trap 'rm -rf "$WORK"' EXIT; fi
BIN=$WORK/bin
mkdir -p "$BIN"
(cd "$ROOT" && go build -o "$BIN/l10n" ./cmd/l10n && go build -o "$BIN/l10n-corpus" ./cmd/l10n-corpus &&
  go build -o "$BIN/rusage" ./bench/rusage)
L10N=$BIN/l10n
HAVE_CHECK=0
case "$("$L10N" help)" in *$'\n  check '*) HAVE_CHECK=1 ;; esac

# --- measuring ------------------------------------------------------------
# Each row: tool|step|wall s|peak RSS KB|CPU %|CPU s|note, from bench/rusage,
# which prints what GNU time's %M %P %U %S %e do, to the microsecond where
# GNU time's come in steps of 10 ms (too coarse for the runs of 30-80 ms
# that the targets weigh). Wall time runs from starting the command to
# reaping it, as a shell's clock around the bare command reads; a clock
# around rusage or GNU time also counts their own start and exit, which
# varies with the command they wait for (GNU time's %e, and the shell's
# clock less GNU time's start, until the twenty-ninth round). CPU s is the
# user and system time of the step's processes: the work it did, however
# many cores it was spread over. Peak RSS is the maximum resident set of
# the largest single process (for the peers, which run one process per
# file, that of the largest one).
ROWS=$WORK/rows
: >"$ROWS"
RUSAGE=$BIN/rusage
# run TOOL STEP NOTE CMD...: times CMD; exit codes 0 and 1 (findings) pass.
# With FACTOR set, the wall and CPU times are multiplied by it (a sample
# scaled to N).
FACTOR=1
run() {
  local tool=$1 step=$2 note=$3; shift 3
  local t=$WORK/time.txt code=0 wall rss cpu user sys cpus
  "$RUSAGE" -o "$t" "$@" >"$WORK/out.log" 2>"$WORK/err.log" || code=$?
  if [ "$code" -gt 1 ]; then
    echo "compare.sh: $tool $step failed (exit $code):" >&2
    tail -5 "$WORK/err.log" >&2
    exit 1
  fi
  read -r rss cpu user sys wall <"$t"
  wall=$(awk -v w="$wall" -v f="$FACTOR" 'BEGIN { printf "%.3f", w * f }')
  cpus=$(awk -v u="$user" -v s="$sys" -v f="$FACTOR" 'BEGIN { printf "%.3f", (u + s) * f }')
  echo "$tool|$step|$wall|$rss|${cpu%\%}|$cpus|$note" >>"$ROWS"
  echo "  $tool $step: ${wall}s, CPU ${cpus}s" >&2
}

# --- corpus ---------------------------------------------------------------
echo "generating $N articles ..." >&2
"$BIN/l10n-corpus" $PSEUDO -n "$N" -o "$WORK/corpus" -po "$WORK/po" >&2
C=$WORK/corpus
UNITS=$(cat "$C"/locales/*/en.yaml | grep -c '^[a-z0-9"'\''].*:$' || true)
SLUGS=$WORK/slugs
ls "$C/articles" | sed 's/\.md$//' >"$SLUGS"
head -n "$SAMPLE" "$SLUGS" >"$WORK/sample"

# --- l10n -----------------------------------------------------------------
echo "l10n ..." >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
touch "$WORK/mark"; sleep 1
run l10n "extract" "catalogs up to date: read, merge, encode, compare" "$L10N" -C "$C" extract
WRITTEN=$(find "$C/articles" "$C/locales" -newer "$WORK/mark" -type f | wc -l)
if [ "$HAVE_CHECK" = 1 ]; then
  run l10n "check" "every check family" "$L10N" -C "$C" check
fi
run l10n "build uk+ru" "first build: .md and .html" "$L10N" -C "$C" build --locale uk --locale ru
# Nothing changed since: each command goes by its records (out/.cache).
run l10n "extract, nothing changed" "records" "$L10N" -C "$C" extract
if [ "$HAVE_CHECK" = 1 ]; then
  run l10n "check, nothing changed" "records" "$L10N" -C "$C" check
fi
run l10n "build uk+ru, nothing changed" "records" "$L10N" -C "$C" build --locale uk --locale ru
# One translator edit: one unit of one catalog, a paragraph (the second
# entry: the first is the title, which the index page lists too).
mid=$(sed -n "$(( (N + 1) / 2 ))p" "$SLUGS")
awk '/^  other: [^'\''"|>]/ && ++n == 2 { $0 = $0 " (ред.)" } { print }' "$C/locales/$mid/uk.yaml" >"$WORK/uk.yaml"
cat "$WORK/uk.yaml" >"$C/locales/$mid/uk.yaml"
touch "$WORK/mark2"; sleep 1
run l10n "build after 1 unit changed" "" "$L10N" -C "$C" build --locale uk --locale ru
REBUILT=$(find "$C/out" -path "$C/out/.cache" -prune -o -type f -newer "$WORK/mark2" -print | wc -l)
# One editor edit: a paragraph added to one article.
printf '\nA paragraph an editor added to this article after it was translated.\n' >>"$C/articles/$mid.md"
run l10n "extract, 1 article changed" "" "$L10N" -C "$C" extract
if [ "$HAVE_CHECK" = 1 ]; then
  run l10n "check, 1 article changed" "" "$L10N" -C "$C" check
fi
run l10n "build uk+ru, 1 article changed" "" "$L10N" -C "$C" build --locale uk --locale ru
# A second editor edit, with no translation changed since extract last ran:
# the translation memory's key holds, and extract reads it from its cache.
mid2=$(sed -n "$(( (N + 3) / 4 ))p" "$SLUGS")
printf '\nAnother paragraph an editor added after translation.\n' >>"$C/articles/$mid2.md"
run l10n "extract, 1 more article changed" "no translation changed since the last extract" "$L10N" -C "$C" extract

# --- po4a, one process over the corpus (its fastest mode) ------------------------
# One po4a.cfg lists every article; po4a keeps one POT for the corpus and one
# PO per locale, and runs once for the update and once for the translation.
echo "po4a over the corpus in one process ..." >&2
P1=$WORK/po4a-one
mkdir -p "$P1/po" "$P1/out"
{
  echo "[po4a_langs] uk ru"
  echo "[po4a_paths] $P1/po/corpus.pot \$lang:$P1/po/\$lang.po"
  echo "[options] --keep 0 --master-charset UTF-8 --localized-charset UTF-8 --option markdown"
  while read -r s; do
    echo "[type: text] $C/articles/$s.md \$lang:$P1/out/\$lang/$s.md"
  done <"$SLUGS"
} >"$P1/po4a.cfg"
# Setup, untimed: the POT and PO files, every unit "translated" (msgen
# copies the source), as translators would have them.
po4a --no-translations "$P1/po4a.cfg" >/dev/null 2>&1
for l in uk ru; do msgen -o "$P1/po/$l.po" "$P1/po/$l.po"; done
# --force: re-extract and merge although no article is newer than the POT,
# as l10n extract reads every article and catalog.
run po4a "po4a update uk+ru (one process)" "one po4a.cfg, one POT and one PO per locale for the corpus" \
  po4a --no-translations --force "$P1/po4a.cfg"
run po4a "po4a translate uk+ru (one process)" "the same config, --no-update" \
  po4a --no-update --force "$P1/po4a.cfg"

# --- po4a, one process per article (a sample) ---------------------------------------
echo "po4a per article over $SAMPLE articles ..." >&2
P=$WORK/po4a
mkdir -p "$P/uk" "$P/ru" "$P/out/uk" "$P/out/ru"
po4a_update() { # slug locale
  po4a-updatepo -f text -o markdown -M UTF-8 -m "$C/articles/$1.md" -p "$P/$2/$1.po" >/dev/null 2>&1
}
po4a_translate() { # slug locale
  po4a-translate -f text -o markdown -M UTF-8 -L UTF-8 -k 0 -m "$C/articles/$1.md" -p "$P/$2/$1.po" -l "$P/out/$2/$1.md" >/dev/null 2>&1
}
export -f po4a_update po4a_translate
export C P
# Setup, untimed: PO files with every unit "translated" (msgen copies the
# source), as translators would have them.
while read -r s; do for l in uk ru; do
  po4a_update "$s" "$l"; msgen -o "$P/$l/$s.po" "$P/$l/$s.po"
done; done <"$WORK/sample"
pairs() { while read -r s; do printf '%s uk\n%s ru\n' "$s" "$s"; done <"$1"; }
pairs "$WORK/sample" >"$WORK/sample.pairs"
FACTOR=$(awk -v n="$N" -v k="$SAMPLE" 'BEGIN { print n / k }')
NOTE="per article: $SAMPLE articles, time x $FACTOR; $CORES processes at a time"
run po4a "po4a-updatepo uk+ru (per article)" "$NOTE" xargs -P "$CORES" -L 1 bash -c 'po4a_update "$0" "$1"' <"$WORK/sample.pairs"
run po4a "po4a-translate uk+ru (per article)" "$NOTE" xargs -P "$CORES" -L 1 bash -c 'po4a_translate "$0" "$1"' <"$WORK/sample.pairs"
FACTOR=1

# --- gettext (every article) ---------------------------------------------------
echo "gettext ..." >&2
G=$WORK/po
mkdir -p "$G/merged/uk" "$G/merged/ru" "$G/one"
pairs "$SLUGS" >"$WORK/all.pairs"
export G
# One catalog per locale of every unit of the corpus (msgcat of the
# articles' PO files; msgctxt gets the article's name, since unit ids repeat
# across articles), for msgfmt to check in one process per locale.
for l in uk ru; do
  mkdir -p "$G/ctx/$l"
  awk -v dir="$G/ctx/$l" 'FNR == 1 { if (out) close(out); n = FILENAME; sub(/.*\//, "", n); sub(/\.po$/, "", n); out = dir "/" n ".po" }
    /^msgctxt "/ { sub(/^msgctxt "/, "msgctxt \"" n "/") } { print > out }' "$G/$l"/*.po
  ls "$G/ctx/$l"/*.po >"$G/ctx/$l.files"
  msgcat --use-first -o "$G/one/$l.po" -f "$G/ctx/$l.files"
  want=$(cat "$G/$l"/*.po | grep -c '^msgctxt ' || true)
  got=$(grep -c '^msgctxt ' "$G/one/$l.po" || true)
  if [ "$want" != "$got" ]; then
    echo "compare.sh: the one $l catalog has $got messages, the articles' PO files $want" >&2
    exit 1
  fi
done
run gettext "msgfmt --check --statistics, one catalog" "one catalog per locale of every unit, $CORES processes at a time" \
  xargs -P "$CORES" -I{} sh -c 'msgfmt --check --statistics -o /dev/null "$0" 2>/dev/null' "$G/one/{}.po" <<<$'uk\nru'
run gettext "msgmerge uk+ru" "one process per file, $CORES at a time" xargs -P "$CORES" -L 1 bash -c 'msgmerge --quiet -o "$G/merged/$1/$0.po" "$G/$1/$0.po" "$G/pot/$0.pot"' <"$WORK/all.pairs"
run gettext "msgfmt --check --statistics" "one process per file, $CORES at a time" xargs -P "$CORES" -L 1 bash -c 'msgfmt --check --statistics -o /dev/null "$G/$1/$0.po" 2>/dev/null' <"$WORK/all.pairs"

# --- scale ------------------------------------------------------------------------
if [ "$SCALE" = 1 ]; then
  for n in 1000 10000; do
    echo "l10n peak RSS at $n articles ..." >&2
    D=$WORK/scale$n
    "$BIN/l10n-corpus" $PSEUDO -n "$n" -o "$D" >&2
    run l10n "extract ($n articles)" "scale" "$L10N" -C "$D" extract
    if [ "$HAVE_CHECK" = 1 ]; then run l10n "check ($n articles)" "scale" "$L10N" -C "$D" check; fi
    run l10n "build uk+ru ($n articles)" "scale" "$L10N" -C "$D" build --locale uk --locale ru
    rm -rf "$D"
  done
fi

# --- table ------------------------------------------------------------------------
echo
CORPUS="a newsroom's catalogs"; [ -n "$PSEUDO" ] && CORPUS="pseudo-translated catalogs"
echo "l10n vs po4a and gettext: $N generated articles ($UNITS units, $CORPUS), uk and ru, $CORES cores, $(date -u +%Y-%m-%d)"
echo "load average (1, 5, 15 min) before: $LOAD_BEFORE, after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "wall and CPU time: bench/rusage, to the millisecond (wall from starting a command to reaping it)"
echo
awk -F'|' '
  { tool[NR]=$1; step[NR]=$2; wall[NR]=$3; rss[NR]=$4; cpu[NR]=$5; cpus[NR]=$6; note[NR]=$7; n=NR }
  END {
    printf "| %-7s | %-40s | %9s | %13s | %5s | %9s | %s |\n", "tool", "step", "wall s", "peak RSS MB", "CPU", "CPU s", "note"
    printf "|---------|------------------------------------------|----------:|--------------:|------:|----------:|------|\n"
    for (i = 1; i <= n; i++)
      printf "| %-7s | %-40s | %9.3f | %13.1f | %4s%% | %9.3f | %s |\n", tool[i], step[i], wall[i], rss[i]/1024, cpu[i], cpus[i], note[i]
  }' "$ROWS"
echo
awk -F'|' -v have_check="$HAVE_CHECK" -v written="$WRITTEN" -v rebuilt="$REBUILT" '
  { w[$1 "|" $2]=$3; c[$1 "|" $2]=$6 }
  END {
    l = w["l10n|extract"] + w["l10n|build uk+ru"] + (have_check ? w["l10n|check"] : 0)
    one = w["po4a|po4a update uk+ru (one process)"] + w["po4a|po4a translate uk+ru (one process)"]
    per = w["po4a|po4a-updatepo uk+ru (per article)"] + w["po4a|po4a-translate uk+ru (per article)"]
    what = have_check ? "extract+check+build" : "extract+build (no check command yet)"
    printf "- l10n %s: %.2f s; po4a in one process (update+translate): %.2f s -> l10n is %.1fx faster (target >= 20x)\n", what, l, one, one / l
    printf "  (po4a one process per article: %.1f s -> %.1fx)\n", per, per / l
    if (have_check)
      printf "- l10n check: %.2f s; msgfmt --check --statistics on one catalog per locale: %.2f s -> ratio %.2fx (target >= 1x; one process per file: %.2f s -> %.2fx)\n", w["l10n|check"], w["gettext|msgfmt --check --statistics, one catalog"], w["gettext|msgfmt --check --statistics, one catalog"] / w["l10n|check"], w["gettext|msgfmt --check --statistics"], w["gettext|msgfmt --check --statistics"] / w["l10n|check"]
    printf "- l10n extract: %.2f s; msgmerge per file: %.2f s -> ratio %.2fx\n", w["l10n|extract"], w["gettext|msgmerge uk+ru"], w["gettext|msgmerge uk+ru"] / w["l10n|extract"]
    u = w["l10n|extract, nothing changed"] + w["l10n|build uk+ru, nothing changed"] + (have_check ? w["l10n|check, nothing changed"] : 0)
    printf "- nothing changed: %s %.3f s (target <= 0.15 s) = %.1f%% of the cold run\n", what, u, 100 * u / l
    split("extract check build", cmds, " ")
    for (i = 1; i <= 3; i++) {
      k = cmds[i]; cold = "l10n|" k; one = "l10n|" k ", 1 article changed"
      if (k == "build") { cold = "l10n|build uk+ru"; one = "l10n|build uk+ru, 1 article changed" }
      if (k == "check" && !have_check) continue
      printf "- one article changed: %s %.3f s = %.1f%% of its cold run'"'"'s time; its work (CPU) %.3f s = %.1f%% of the cold run'"'"'s %.3f s (target <= 5%%)\n", k, w[one], 100 * w[one] / w[cold], c[one], 100 * c[one] / c[cold], c[cold]
    }
    one = "l10n|extract, 1 more article changed"
    printf "- one more article changed, no translation changed since the last extract: extract %.3f s = %.1f%% of its cold run'"'"'s time; CPU %.3f s = %.1f%% (target <= 5%%)\n", w[one], 100 * w[one] / w["l10n|extract"], c[one], 100 * c[one] / c["l10n|extract"]
    one = "l10n|build after 1 unit changed"
    printf "- build after one unit changed: %.3f s = %.1f%% of the first build'"'"'s time; CPU %.3f s = %.1f%% (target <= 5%%); files rewritten: %d (the edition'"'"'s .md and .html)\n", w[one], 100 * w[one] / w["l10n|build uk+ru"], c[one], 100 * c[one] / c["l10n|build uk+ru"], rebuilt
    printf "- extract on unchanged articles wrote %d files (target 0)\n", written
  }' "$ROWS"
if [ "$KEEP" = 1 ]; then echo; echo "work folder: $WORK"; fi
