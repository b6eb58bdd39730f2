// Package golden compares what a test makes with a file that holds what
// it should make (a golden file, or a generated source file checked in),
// and rewrites the file instead when the tests run with -update.
//
// A test package that imports it has the -update flag: go test -run
// '^TestName$' -update rewrites the files of that test.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// update is -update.
var update = flag.Bool("update", false, "rewrite the golden files (and generated sources) from what the tests make")

// Update reports whether the tests run with -update: a test that checks
// more than the file (the table a generated file compiles to, say) stops
// after Check, as what it would check is not compiled yet.
func Update() bool { return *update }

// T is what Check needs of a test (a *testing.T or *testing.B).
type T interface {
	Helper()
	Name() string
	Errorf(format string, args ...any)
	Fatal(args ...any)
}

// maxLines is how many lines that differ a report shows.
const maxLines = 20

// Check compares got with the file at path and reports a difference as
// an error of t: the file, how to rewrite it, the first line that
// differs and then the lines only in the file (-) and only in got (+).
// With -update it writes got to the file first (and makes its folder).
// It returns whether they are the same.
func Check(t T, path string, got []byte) bool {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(fmt.Errorf("%w (%s writes it)", err, rerun(t)))
	}
	if bytes.Equal(got, want) {
		return true
	}
	t.Errorf("%s differs from what the test makes (%s rewrites it):\n%s", path, rerun(t), Diff(string(want), string(got)))
	return false
}

// rerun returns the command that rewrites the files of t's test.
func rerun(t T) string {
	name, _, _ := strings.Cut(t.Name(), "/")
	return fmt.Sprintf("go test -run '^%s$' -update", name)
}

// Diff describes how got differs from want, line by line: the first line
// that differs, with its number, then the lines only in want (-) and
// only in got (+), at most maxLines of them.
func Diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	i := 0
	for i < len(w) && i < len(g) && w[i] == g[i] {
		i++
	}
	line := func(l []string) string {
		if i < len(l) {
			return fmt.Sprintf("%q", l[i])
		}
		return "(end of file)"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "line %d is %s, want %s\n", i+1, line(g), line(w))
	count := func(l []string) map[string]int {
		m := make(map[string]int, len(l))
		for _, s := range l {
			m[s]++
		}
		return m
	}
	inW, inG := count(w), count(g)
	n := 0
	show := func(mark string, l []string, other map[string]int) {
		for _, s := range l {
			if other[s] > 0 {
				other[s]--
				continue
			}
			if n++; n <= maxLines {
				b.WriteString(mark + " " + s + "\n")
			}
		}
	}
	show("-", w, inG)
	show("+", g, inW)
	if n == 0 {
		b.WriteString("(the same lines in another order)\n")
	} else if n > maxLines {
		fmt.Fprintf(&b, "(and %d more lines)\n", n-maxLines)
	}
	return b.String()
}
