package main

import (
	"os"
	"os/exec"
	"testing"
)

// mainEnv makes the test binary run as l10n: the tests that need l10n in
// a process of its own (to kill it, or to run several at once) start
// the test binary again with it set.
const mainEnv = "L10N_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// l10nProcess returns l10n with the arguments given, as a process to
// start.
func l10nProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}
