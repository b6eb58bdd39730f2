//go:build linux

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRusage builds rusage and runs commands under it: what it writes
// (RSS, CPU %, user, system, wall) and how it exits.
func TestRusage(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "rusage")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	tests := []struct {
		name   string
		script string
		exit   int
		// least wall and CPU seconds the command takes
		wall, cpu float64
	}{
		{"exit code", "exit 3", 3, 0, 0},
		{"sleeps", "sleep 0.3", 0, 0.3, 0},
		{"works", "i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done", 0, 0, 0.05},
		{"killed", "kill -TERM $$", 128 + 15, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(dir, tc.name+".txt")
			err := exec.Command(bin, "-o", out, "sh", "-c", tc.script).Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tc.exit {
				t.Errorf("exit %d, want %d", code, tc.exit)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			f := strings.Fields(string(data))
			if len(f) != 5 || !strings.HasSuffix(f[1], "%") {
				t.Fatalf("wrote %q, want RSS, CPU %%, user, system and wall", data)
			}
			var v [5]float64
			for i, s := range f {
				if v[i], err = strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64); err != nil || v[i] < 0 {
					t.Fatalf("field %d of %q: %q", i+1, data, s)
				}
			}
			rss, user, sys, wall := v[0], v[2], v[3], v[4]
			if rss < 100 || rss > 1<<20 {
				t.Errorf("peak RSS %v KB for sh", rss)
			}
			if wall < tc.wall || wall > tc.wall+10 {
				t.Errorf("wall %v s, want at least %v", wall, tc.wall)
			}
			if user+sys < tc.cpu {
				t.Errorf("CPU %v s, want at least %v", user+sys, tc.cpu)
			}
			if tc.cpu > 0 && (user+sys) > 2.5*wall {
				t.Errorf("CPU %v s in a wall time of %v s, with one process", user+sys, wall)
			}
		})
	}
	t.Run("no such command", func(t *testing.T) {
		out := filepath.Join(dir, "none.txt")
		err := exec.Command(bin, "-o", out, filepath.Join(dir, "no-such-command")).Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 125 {
			t.Errorf("exit %v, want 125", err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("wrote a file for a command that did not run")
		}
	})
}
