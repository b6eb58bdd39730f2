//go:build unix

package lock

import (
	"bufio"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// holdEnv makes the test binary a process that takes the lock of the
// folder it names, says so and waits to be killed.
const holdEnv = "L10N_LOCK_TEST_HOLD"

func TestMain(m *testing.M) {
	if root := os.Getenv(holdEnv); root != "" {
		if _, err := Acquire(root, Options{Command: "l10n extract"}); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(2)
		}
		os.Stdout.WriteString("held\n")
		time.Sleep(time.Hour)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// TestTakeOverKilled kills a process holding the lock with SIGKILL: the
// next Acquire takes the lock at once and reports the one it took over.
func TestTakeOverKilled(t *testing.T) {
	root := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), holdEnv+"="+root)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "held\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the holder said %q, %v", line, err)
	}
	pid := cmd.Process.Pid
	if _, err := Acquire(root, Options{}); err == nil {
		t.Fatal("took the lock of a live holder")
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	var from []Holder
	l, err := Acquire(root, Options{Command: "l10n build", TookOver: func(h Holder) { from = append(from, h) }})
	if err != nil {
		t.Fatalf("the lock of a killed process: %v", err)
	}
	defer l.Release()
	if len(from) != 1 || from[0].PID != pid || from[0].Command != "l10n extract" {
		t.Errorf("took over from %+v, want once from pid %d (l10n extract)", from, pid)
	}
}
