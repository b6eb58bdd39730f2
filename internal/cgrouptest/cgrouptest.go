// Package cgrouptest runs a test's child process under a memory limit:
// in a control group of its own (version 1's memory controller), which
// it makes where the machine lets it (as root, with that controller
// mounted at /sys/fs/cgroup/memory) and removes when the test ends.
package cgrouptest

import (
	"os"
	"os/exec"
	"strconv"
	"testing"
)

// Limited makes a control group whose memory is limited to bytes, for
// the rest of the test, and returns its folder; an error where the
// machine does not let the test make one.
func Limited(t *testing.T, bytes int64) (string, error) {
	t.Helper()
	dir := "/sys/fs/cgroup/memory/l10n-test-" + strconv.Itoa(os.Getpid())
	if err := os.Mkdir(dir, 0o755); err != nil {
		return "", err
	}
	// Removed once the test's children have left it (they have ended).
	t.Cleanup(func() { os.Remove(dir) })
	if err := os.WriteFile(dir+"/memory.limit_in_bytes", []byte(strconv.FormatInt(bytes, 10)), 0o644); err != nil {
		return "", err
	}
	return dir, nil
}

// Command returns the command that runs name with args in the control
// group at dir from its start: a shell writes its own process id into
// the group, then becomes the program.
func Command(dir, name string, args ...string) *exec.Cmd {
	return exec.Command("sh", append([]string{"-c", `echo $$ > "$1/cgroup.procs" && shift && exec "$@"`, "sh", dir, name}, args...)...)
}
