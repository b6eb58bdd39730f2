package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeT records what Check reports.
type fakeT struct {
	name   string
	errors []string
	fatal  bool
}

func (f *fakeT) Helper()      {}
func (f *fakeT) Name() string { return f.name }
func (f *fakeT) Errorf(format string, args ...any) {
	f.errors = append(f.errors, fmt.Sprintf(format, args...))
}
func (f *fakeT) Fatal(args ...any) { f.fatal = true; f.errors = append(f.errors, fmt.Sprint(args...)) }

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.golden")
	if err := os.WriteFile(path, []byte("one\ntwo\nthree\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		got    string
		same   bool
		report []string // what the report says, in order
	}{
		{"one\ntwo\nthree\n", true, nil},
		{"one\n2\nthree\n", false, []string{path, "go test -run '^TestThing$' -update", `line 2 is "2", want "two"`, "- two\n", "+ 2\n"}},
		{"one\ntwo\n", false, []string{`line 3 is "", want "three"`, "- three\n"}},
		{"two\none\nthree\n", false, []string{`line 1 is "two", want "one"`, "(the same lines in another order)"}},
		{"one\ntwo\nthree\nthree\n", false, []string{"+ three\n"}},
	}
	for _, tc := range tests {
		ft := &fakeT{name: "TestThing/sub"}
		if same := Check(ft, path, []byte(tc.got)); same != tc.same || same != (len(ft.errors) == 0) {
			t.Errorf("Check(%q) = %v with errors %q, want %v", tc.got, same, ft.errors, tc.same)
			continue
		}
		if tc.same {
			continue
		}
		report, at := ft.errors[0], 0
		for _, want := range tc.report {
			i := strings.Index(report[at:], want)
			if i < 0 {
				t.Errorf("Check(%q) reports %q: no %q in order", tc.got, report, want)
				break
			}
			at += i + len(want)
		}
	}
}

func TestCheckMissingFile(t *testing.T) {
	ft := &fakeT{name: "TestThing"}
	Check(ft, filepath.Join(t.TempDir(), "none.golden"), []byte("x"))
	if !ft.fatal || !strings.Contains(ft.errors[0], "-update writes it") {
		t.Errorf("a missing golden file: %q, fatal %v", ft.errors, ft.fatal)
	}
}

func TestCheckUpdate(t *testing.T) {
	defer func(was bool) { *update = was }(*update)
	*update = true
	path := filepath.Join(t.TempDir(), "new", "b.golden")
	ft := &fakeT{name: "TestThing"}
	if !Check(ft, path, []byte("made\n")) || len(ft.errors) > 0 {
		t.Fatalf("Check with -update: %q", ft.errors)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "made\n" {
		t.Errorf("with -update the file holds %q (%v)", b, err)
	}
}

func TestDiffLimit(t *testing.T) {
	var want, got strings.Builder
	for i := range 30 {
		fmt.Fprintf(&want, "w%d\n", i)
		fmt.Fprintf(&got, "g%d\n", i)
	}
	d := Diff(want.String(), got.String())
	if n := strings.Count(d, "\n- ") + strings.Count(d, "\n+ "); n != maxLines {
		t.Errorf("Diff shows %d lines, want %d:\n%s", n, maxLines, d)
	}
	if !strings.Contains(d, "(and 40 more lines)") {
		t.Errorf("Diff does not say how many more:\n%s", d)
	}
}
