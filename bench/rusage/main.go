//go:build linux

// Command rusage runs a command and writes what it used to a file, for
// compare.sh, on one line: its peak resident set in KB, its CPU use as a
// percentage of its wall time, its user and system CPU in seconds, and
// its wall time in seconds, from starting it to its exit.
//
//	rusage -o FILE COMMAND [ARG...]
//
// GNU time prints the same (%M %P %U %S %e), but in steps of 10 ms, as
// much as a fifth of the runs of 40-80 ms that compare.sh weighs; and a
// clock read around GNU time (or rusage) counts its own start and exit
// too, which varies with the command it waits for. rusage's clock starts
// as it starts the command and stops as it reaps it: what a shell's clock
// around the bare command reads (the medians of 40 alternating runs of a
// check with nothing changed: 43.7 ms here, 43.3 ms bare).
//
// It exits as the command did (128 plus the signal for one that a signal
// ended), and with 125 when the command cannot be run.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

func main() {
	args := os.Args[1:]
	if len(args) < 3 || args[0] != "-o" {
		fmt.Fprintln(os.Stderr, "usage: rusage -o FILE COMMAND [ARG...]")
		os.Exit(2)
	}
	out, argv := args[1], args[2:]
	path, err := exec.LookPath(argv[0])
	if err != nil {
		fail(err)
	}
	start := time.Now()
	pid, err := syscall.ForkExec(path, argv, &syscall.ProcAttr{Env: os.Environ(), Files: []uintptr{0, 1, 2}})
	if err != nil {
		fail(err)
	}
	// Interrupts from the terminal go to the command too; rusage waits for
	// it and reports, as GNU time does.
	signal.Ignore(os.Interrupt, syscall.SIGQUIT)
	var ws syscall.WaitStatus
	var ru syscall.Rusage
	for {
		if _, err = syscall.Wait4(pid, &ws, 0, &ru); err != syscall.EINTR {
			break
		}
	}
	wall := time.Since(start)
	if err != nil {
		fail(err)
	}
	user, sys := time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
	line := fmt.Sprintf("%d %d%% %.6f %.6f %.6f\n", ru.Maxrss, // KB on Linux
		int64(100*(user+sys).Seconds()/max(wall.Seconds(), 1e-9)), user.Seconds(), sys.Seconds(), wall.Seconds())
	if err := os.WriteFile(out, []byte(line), 0o644); err != nil {
		fail(err)
	}
	if ws.Signaled() {
		os.Exit(128 + int(ws.Signal()))
	}
	os.Exit(ws.ExitStatus())
}

// fail reports an error of rusage's own and exits with 125.
func fail(err error) {
	fmt.Fprintf(os.Stderr, "rusage: %v\n", err)
	os.Exit(125)
}
