package main

import (
	"fmt"
	"strings"
	"time"
)

// maxDetails is how many lines of a list of details a command prints
// without --verbose.
const maxDetails = 5

// summary prints a writing command's last line on standard error, the one
// line that says what it did, unless -q.
func (e *env) summary(format string, args ...any) {
	e.flushWarnings()
	if e.quiet {
		return
	}
	fmt.Fprintf(e.stderr, format+"\n", args...)
}

// details prints lines of detail on standard error: the first few, then
// how many more --verbose would print; with --verbose, all; with -q, none.
// what names the lines in the count ("editions with units left").
func (e *env) details(lines []string, what string) {
	if !e.quiet {
		e.list(lines, what)
	}
}

// list prints lines on standard error as details does, also with -q: for
// warnings.
func (e *env) list(lines []string, what string) {
	e.listN(firstLines{lines: lines, n: len(lines), all: true}, what, true)
}

// listN prints the lines of f as list does, if show.
func (e *env) listN(f firstLines, what string, show bool) {
	if !show {
		return
	}
	lines := f.lines
	if !e.verbose && f.n > maxDetails {
		lines = lines[:maxDetails-1]
	}
	for _, l := range lines {
		fmt.Fprintln(e.stderr, l)
	}
	if rest := f.n - len(lines); rest > 0 {
		fmt.Fprintf(e.stderr, "… and %d more %s (--verbose lists them all)\n", rest, what)
	}
}

// firstLines keeps the lines list prints of those added one by one (the
// first few, or all of them when all is set) and counts them all, so that
// a command over any number of articles holds no more.
type firstLines struct {
	lines []string
	n     int
	all   bool
}

// add counts a line and keeps it if it may be printed.
func (f *firstLines) add(l string) {
	f.n++
	if f.all || len(f.lines) < maxDetails {
		f.lines = append(f.lines, l)
	}
}

// took returns the time since the command started, as a person reads it:
// 37ms, 1.2s, 1m5s.
func (e *env) took() string {
	d := time.Since(e.start)
	switch {
	case d < time.Second:
		return fmt.Sprintf("%dms", max(1, d.Milliseconds()))
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}

// count returns "1 edition" or "3 editions".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// localesOf returns locales once each, in order, as " (uk, ru)", or "".
func localesOf(locs []string) string {
	var out []string
	seen := map[string]bool{}
	for _, l := range locs {
		if !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return ""
	}
	return " (" + strings.Join(out, ", ") + ")"
}
