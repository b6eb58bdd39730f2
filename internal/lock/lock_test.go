package lock

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestHolderFile(t *testing.T) {
	since := time.Date(2026, 11, 30, 8, 16, 34, 0, time.UTC)
	for _, h := range []Holder{
		{PID: 123, Command: "l10n extract", Host: "desk", Since: since},
		{PID: 7, Command: "l10n -C a\nb import x.po", Host: "", Since: since},
		{PID: 1},
	} {
		got := parseHolder(h.encode())
		want := h
		want.Command = oneLine(h.Command)
		if h.Since.IsZero() {
			want.Since = time.Time{}
		}
		if got.PID != want.PID || got.Command != want.Command || got.Host != want.Host || !got.Since.Equal(want.Since) {
			t.Errorf("%+v: read back as %+v", h, got)
		}
	}
	for _, bad := range []string{"", "garbage", "pid: x\n", "pid 12\n"} {
		if h := parseHolder([]byte(bad)); h.PID != 0 {
			t.Errorf("%q: read a holder %+v", bad, h)
		}
	}
	// A line it does not understand, before the ones it does.
	if h := parseHolder([]byte("written by a newer l10n\npid: 12\ncommand: l10n build\n")); h.PID != 12 || h.Command != "l10n build" {
		t.Errorf("after a line not understood: %+v", h)
	}
}

// TestBusyMessage: the message of a lock that stayed held says who holds
// it, and how long the command waited when it waited at all.
func TestBusyMessage(t *testing.T) {
	h := Holder{PID: 123, Command: "l10n extract", Host: hostname()}
	for _, c := range []struct {
		waited time.Duration
		want   string
	}{
		{0, ".l10n.lock: locked by pid 123 (l10n extract)"},
		{time.Second/10 - 1, ".l10n.lock: locked by pid 123 (l10n extract)"},
		{time.Second / 10, ".l10n.lock: locked by pid 123 (l10n extract); gave up after 100ms"},
		{10*time.Second + 37*time.Millisecond, ".l10n.lock: locked by pid 123 (l10n extract); gave up after 10s"},
	} {
		if got := (&BusyError{Holder: h, Waited: c.waited}).Error(); got != c.want {
			t.Errorf("waited %s: %q, want %q", c.waited, got, c.want)
		}
	}
}

func TestHolderString(t *testing.T) {
	since := time.Date(2026, 11, 30, 8, 16, 34, 0, time.Local)
	for _, c := range []struct {
		h    Holder
		want string
	}{
		{Holder{PID: 123, Command: "l10n extract", Host: hostname(), Since: since}, "pid 123 (l10n extract) since 2026-11-30 08:16:34"},
		{Holder{PID: 123, Command: "l10n build", Host: "elsewhere.example", Since: since}, "pid 123 on elsewhere.example (l10n build) since 2026-11-30 08:16:34"},
		{Holder{}, "another process"},
	} {
		if got := c.h.String(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.h, got, c.want)
		}
	}
}

func TestAcquireRelease(t *testing.T) {
	root := t.TempDir()
	l, err := Acquire(root, Options{Command: "l10n extract"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(root, Name))
	if err != nil {
		t.Fatal(err)
	}
	h := parseHolder(data)
	if h.PID != os.Getpid() || h.Command != "l10n extract" || h.Host != hostname() || time.Since(h.Since) > time.Hour {
		t.Errorf("the lock file names %+v:\n%s", h, data)
	}
	if err := l.Release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, Name)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the lock file is left after Release: %v", err)
	}
	if err := l.Release(); err != nil {
		t.Errorf("a second Release: %v", err)
	}
	// Released, it is free: no takeover to report.
	l, err = Acquire(root, Options{TookOver: func(h Holder) { t.Errorf("took over from %v", h) }})
	if err != nil {
		t.Fatal(err)
	}
	l.Release()
}

func TestBusy(t *testing.T) {
	for _, timeout := range []time.Duration{0, 150 * time.Millisecond} {
		root := t.TempDir()
		held, err := Acquire(root, Options{Command: "l10n build"})
		if err != nil {
			t.Fatal(err)
		}
		waits := 0
		var waitedFor Holder
		l, err := Acquire(root, Options{Command: "l10n import", Timeout: timeout, Waiting: func(h Holder) { waits++; waitedFor = h }})
		var busy *BusyError
		if !errors.As(err, &busy) {
			l.Release()
			t.Fatalf("timeout %v: a second Acquire: %v, want a BusyError", timeout, err)
		}
		if busy.Holder.PID != os.Getpid() || busy.Holder.Command != "l10n build" {
			t.Errorf("timeout %v: the error names %+v", timeout, busy.Holder)
		}
		msg := "locked by pid " + strconv.Itoa(os.Getpid()) + " (l10n build) since "
		if !strings.Contains(err.Error(), msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("timeout %v: %q, want one line with %q", timeout, err, msg)
		}
		if busy.Waited < timeout {
			t.Errorf("gave up after %v, before the timeout %v", busy.Waited, timeout)
		}
		if want := min(1, int(timeout)); waits != want || timeout > 0 && waitedFor.Command != "l10n build" {
			t.Errorf("timeout %v: Waiting called %d times (for %+v), want %d", timeout, waits, waitedFor, want)
		}
		// The holder's file is untouched by the one that gave up.
		data, _ := os.ReadFile(filepath.Join(root, Name))
		if h := parseHolder(data); h.Command != "l10n build" {
			t.Errorf("the lock file names %+v after a busy Acquire", h)
		}
		held.Release()
	}
}

func TestWaitThenTake(t *testing.T) {
	root := t.TempDir()
	held, err := Acquire(root, Options{Command: "first"})
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan Holder, 1)
	got := make(chan error, 1)
	go func() {
		l, err := Acquire(root, Options{Command: "second", Timeout: time.Minute, Waiting: func(h Holder) { waiting <- h }})
		if err == nil {
			l.Release()
		}
		got <- err
	}()
	if h := <-waiting; h.Command != "first" {
		t.Errorf("waiting for %+v", h)
	}
	select {
	case err := <-got:
		t.Fatalf("the second Acquire returned while the first held the lock: %v", err)
	default:
	}
	held.Release()
	if err := <-got; err != nil {
		t.Fatal(err)
	}
}

// TestExclusive has goroutines take and release the lock in a loop (each
// Acquire opens the file anew: the system sees separate holders) and
// checks that no two are ever inside at once, including around the
// removal of the file on Release.
func TestExclusive(t *testing.T) {
	root := t.TempDir()
	var inside atomic.Int32
	var overlap atomic.Bool
	var wg sync.WaitGroup
	rounds := 40
	if testing.Short() {
		rounds = 10
	}
	for g := 0; g < 6; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				l, err := Acquire(root, Options{Command: "g" + strconv.Itoa(g), Timeout: time.Minute})
				if err != nil {
					t.Error(err)
					return
				}
				if inside.Add(1) > 1 {
					overlap.Store(true)
				}
				time.Sleep(100 * time.Microsecond)
				inside.Add(-1)
				if err := l.Release(); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	if overlap.Load() {
		t.Error("two holders at once")
	}
}
