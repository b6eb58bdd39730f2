package main

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/pipeline/project"
)

// TestRecordsToolVersion: another l10n (here the same program at another
// path: a rebuilt or upgraded binary is another file) does all the work
// of extract and check again, rewriting every record, while the same
// l10n run again rewrites none.
func TestRecordsToolVersion(t *testing.T) {
	root := seedProject(t)
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(t.TempDir(), "l10n-other")
	copyFile(t, exe, other)
	run := func(bin string, args ...string) {
		t.Helper()
		cmd := l10nProcess(t, append([]string{"-C", root}, args...)...)
		cmd.Path = bin
		if out, err := cmd.CombinedOutput(); err != nil && cmd.ProcessState.ExitCode() > 1 {
			t.Fatalf("%s: %v: %s", args, err, out)
		}
	}
	proj, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	stamps := func() map[string]time.Time {
		out := map[string]time.Time{}
		for _, command := range []string{"extract", "check"} {
			for name, when := range proj.RecordsWritten(command) {
				out[command+"/"+name] = when
			}
		}
		return out
	}
	for _, bin := range []string{exe, exe} {
		run(bin, "extract")
		run(bin, "check")
	}
	// Older than the records, so that their stamps are trusted.
	time.Sleep(50 * time.Millisecond)
	before := stamps()
	if len(before) < 3 {
		t.Fatalf("%d records", len(before))
	}
	run(exe, "extract")
	run(exe, "check")
	for path, was := range stamps() {
		if !before[path].Equal(was) {
			t.Errorf("the same l10n rewrote %s", path)
		}
	}
	run(other, "extract")
	run(other, "check")
	after := stamps()
	for path, was := range before {
		if after[path].Equal(was) {
			t.Errorf("another l10n kept %s", path)
		}
	}
}

// copyFile copies a file with its permissions.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
