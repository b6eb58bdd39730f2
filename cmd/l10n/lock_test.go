package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/lock"
)

// TestLockTimeout checks the values L10N_LOCK_TIMEOUT takes.
func TestLockTimeout(t *testing.T) {
	for _, c := range []struct {
		in   string
		want time.Duration
		err  string
	}{
		{"", lock.DefaultTimeout, ""},
		{"0", 0, ""},
		{"90", 90 * time.Second, ""},
		{"2.5", 2500 * time.Millisecond, ""},
		{"2m", 2 * time.Minute, ""},
		{"soon", 0, "L10N_LOCK_TIMEOUT=soon: not a duration"},
		{"-1s", 0, "cannot be negative"},
	} {
		got, err := lockTimeout(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: %v, want an error with %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q: %v, %v; want %v", c.in, got, err, c.want)
		}
	}
}

// TestProjectLock checks which commands take the project lock: while
// another process holds it, each command that writes gives up after the
// timeout with one line naming the holder, exit 2 and nothing written,
// and each that reads runs as usual.
func TestProjectLock(t *testing.T) {
	root := seedProject(t)
	po := filepath.Join(t.TempDir(), "uk.po")
	if code, _, stderr := l10n("-C", root, "export", "--locale", "uk", "-o", po); code != 0 {
		t.Fatal(stderr)
	}
	held, err := lock.Acquire(root, lock.Options{Command: "l10n test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(lockEnv, "0")
	holder := fmt.Sprintf("locked by pid %d (l10n test) since ", os.Getpid())
	for _, args := range [][]string{
		{"extract"}, {"build"}, {"pseudo"}, {"prune"}, {"locale", "add", "de"},
		{"mv", seed, "renamed"}, {"export", "--locale", "uk", "-o", filepath.Join(root, "uk.po")}, {"import", po},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			refused(t, root, args, holder)
		})
	}
	_, _, stderr := l10n("-C", root, "build")
	if !strings.Contains(stderr, lockEnv+"=") {
		t.Errorf("%q does not say how to wait longer", stderr)
	}
	for _, args := range [][]string{
		{"status"}, {"check"}, {"export", "--locale", "uk", "--format", "po"}, {"import", "--dry-run", po}, {"init"}, {"version"},
	} {
		code, _, stderr := l10n(append([]string{"-C", root}, args...)...)
		if code == exitInput || strings.Contains(stderr, "locked") {
			t.Errorf("%s while the project is locked: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	// A writer that waits gets the lock when it is released.
	t.Setenv(lockEnv, "1m")
	go func() {
		time.Sleep(200 * time.Millisecond)
		held.Release()
	}()
	if code, _, stderr := l10n("-C", root, "pseudo"); code != 0 {
		t.Errorf("pseudo, waiting for the lock: exit %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, lock.Name)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left: %v", err)
	}
	t.Setenv(lockEnv, "soon")
	refused(t, root, []string{"extract"}, lockEnv+"=soon: not a duration")
}

// TestLockTakeOver checks that a lock file left by a process that ended
// without releasing it is taken over, with one warning.
func TestLockTakeOver(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to get the id of an ended process:", err)
	}
	root := seedProject(t)
	pid := cmd.Process.Pid
	write(t, filepath.Join(root, lock.Name), "pid: "+strconv.Itoa(pid)+"\ncommand: l10n extract\nhost: elsewhere\nsince: 2026-11-30T08:16:34Z\n")
	code, _, stderr := l10n("-C", root, "extract")
	want := fmt.Sprintf("l10n: warning: took over the project lock of pid %d on elsewhere (l10n extract) since ", pid)
	if code != 0 || strings.Count(stderr, want) != 1 {
		t.Errorf("exit %d, stderr %q; want one warning %q", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(root, lock.Name)); !os.IsNotExist(err) {
		t.Errorf("the lock file is left: %v", err)
	}
}
