package main

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/l10n-dev/l10n/internal/lock"
)

// lockEnv is the environment variable that says how long a command that
// writes waits for another to release the project lock: a duration such
// as 2m or 90s, or a number of seconds; 0 gives up at once.
const lockEnv = "L10N_LOCK_TIMEOUT"

// lockTimeout returns the wait that lockEnv sets, or lock.DefaultTimeout.
func lockTimeout(v string) (time.Duration, error) {
	if v == "" {
		return lock.DefaultTimeout, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		n, nerr := strconv.ParseFloat(v, 64)
		if nerr != nil {
			return 0, fmt.Errorf("%s=%s: not a duration (such as 90s or 2m) or a number of seconds", lockEnv, v)
		}
		d = time.Duration(n * float64(time.Second))
	}
	if d < 0 {
		return 0, fmt.Errorf("%s=%s: a wait cannot be negative", lockEnv, v)
	}
	return d, nil
}

// lockProject takes the project lock of root when the command that runs
// writes into the project (e.lockAs says what it runs), and once: every
// command that writes opens its project through env.project.
func (e *env) lockProject(root string) error {
	if e.lockAs == "" || e.lock != nil {
		return nil
	}
	timeout, err := lockTimeout(os.Getenv(lockEnv))
	if err != nil {
		return err
	}
	l, err := lock.Acquire(root, lock.Options{
		Command: e.lockAs,
		Timeout: timeout,
		Waiting: func(h lock.Holder) {
			if e.screen != nil && !e.quiet {
				fmt.Fprintf(e.stderr, "l10n: waiting for %s, which holds the project lock\n", h)
			}
		},
		TookOver: func(h lock.Holder) {
			fmt.Fprintf(e.stderr, "l10n: warning: took over the project lock of %s, which ended without releasing it\n", h)
		},
	})
	var busy *lock.BusyError
	switch {
	case errors.Is(err, lock.ErrUnsupported):
		fmt.Fprintf(e.stderr, "l10n: warning: running without the project lock: %v\n", err)
		return nil
	case errors.As(err, &busy):
		return fmt.Errorf("%w (%s=2m waits longer)", err, lockEnv)
	case err != nil:
		return err
	}
	e.lock = l
	return nil
}

// unlock releases the project lock, if the command took it.
func (e *env) unlock() {
	if e.lock != nil {
		e.lock.Release()
		e.lock = nil
	}
}

// lockName says what a run is, for the lock file and the messages of
// those that wait for it: l10n and its arguments, shortened.
func lockName(args []string) string {
	s := strings.Join(append([]string{"l10n"}, args...), " ")
	if r := []rune(s); len(r) > 60 {
		s = string(r[:59]) + "…"
	}
	return s
}
