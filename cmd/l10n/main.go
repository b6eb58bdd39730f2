// Command l10n is a translation pipeline for news articles: it cuts
// Markdown articles into translation units held in per-locale go-i18n YAML
// catalogs, reports their state, and builds the localized editions as
// Markdown and HTML.
//
// Usage:
//
//	l10n [-C dir] <command> [flags]
//
// Run "l10n --help" for the commands, "l10n <command> --help" for their
// flags and examples.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	// Initialised among the first packages, it advises the heap for
	// huge pages before the others allocate, after prefault (which it
	// imports) has mapped the binary's code (see their docs).
	_ "github.com/l10n-dev/l10n/internal/hugeheap"
	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // findings at or above the failing severity, --strict
	exitInput    = 2 // usage or input errors
)

func main() {
	paced = true
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// paced says that a command paces the collector (gcpace.Start) as it
// starts to run: main sets it, so that the tests, which call run many
// times in one process, keep the runtime's defaults. Only a command
// does: --version, --help and shell completion need no pacing.
var paced bool

// env is what a command runs with.
type env struct {
	// dir is the folder l10n runs in (-C), against which the paths a
	// user gives are resolved; the project's root is found from it.
	dir            string
	quiet, verbose bool
	// stdout and stderr clear the progress bar before they write.
	stdout, stderr io.Writer
	// screen is the terminal the progress bar is drawn on, or nil.
	screen *screen
	// width is the width of standard output in columns.
	width int
	start time.Time
	// code is the exit code of the command run.
	code int
	// args are the arguments l10n was run with.
	args []string
	// rootCmd is the command tree's root.
	rootCmd *cobra.Command
	// lockAs is set for a command that writes into the project: what it
	// runs, for the project lock it takes (lock.go); lock is the lock
	// once taken.
	lockAs string
	lock   *lock.Lock
	// warnings are the project's warnings (Project.Warn), printed before
	// the summary line, or when the command ends unless it fails on bad
	// input: then its one line is all it prints.
	warnings []string
	// shard is the --shard of the command that runs (see project.Shard).
	shard project.Shard
}

// run runs l10n with the arguments given (without the program name) and
// returns its exit code.
func run(args []string, stdout, stderr io.Writer) int {
	e := &env{dir: ".", width: columns(stdout), start: time.Now(), args: args}
	e.screen = newScreen(stdout, stderr)
	e.stdout, e.stderr = e.screen.writers(stdout, stderr)
	root := e.commandTree()
	root.SetArgs(append([]string{}, args...))
	cmd, err := root.ExecuteC()
	e.screen.clear()
	if err != nil {
		fmt.Fprintln(e.stderr, usageError(cmd, err))
		return exitInput
	}
	if e.code != exitInput {
		e.flushWarnings()
	}
	return e.code
}

// project opens the project that the folder l10n runs in is part of.
func (e *env) project() (*project.Project, error) {
	root, err := project.FindRoot(e.dir)
	if err != nil {
		return nil, err
	}
	if err := e.lockProject(root); err != nil {
		return nil, err
	}
	p, err := project.Open(root)
	if err != nil {
		return nil, err
	}
	p.Warn = func(msg string) { e.warnings = append(e.warnings, msg) }
	p.Shard = e.shard
	return p, nil
}

// flushWarnings prints the project's warnings said so far.
func (e *env) flushWarnings() {
	for _, w := range e.warnings {
		fmt.Fprintf(e.stderr, "l10n: warning: %s\n", w)
	}
	e.warnings = nil
}

// fail prints an error in one line and returns its exit code.
func (e *env) fail(err error) int {
	if errors.Is(err, build.ErrIncomplete) {
		fmt.Fprintf(e.stderr, "l10n: %v\n", err)
		return exitFindings
	}
	fmt.Fprintf(e.stderr, "l10n: %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
	return exitInput
}

// usageErr is a mistake on the command line, said in one line.
type usageErr struct {
	cmd string // the command's path, "l10n status"
	msg string
}

func (u *usageErr) Error() string { return u.cmd + ": " + u.msg }

// usageError returns the one line that reports a command-line mistake:
// the command, what is wrong, a suggestion where one is close, and where
// to read more.
func usageError(cmd *cobra.Command, err error) string {
	var u *usageErr
	if errors.As(err, &u) {
		return u.Error()
	}
	return fmt.Sprintf("%s: %v (run '%s --help' for usage)", cmd.CommandPath(), err, cmd.CommandPath())
}

// flagError turns a flag parsing error into a usageErr, with the flag
// meant when the one given is close to one of the command's.
func flagError(cmd *cobra.Command, err error) error {
	path := cmd.CommandPath()
	help := fmt.Sprintf(" (run '%s --help' for the flags)", path)
	var ne *pflag.NotExistError
	if errors.As(err, &ne) {
		given := "--" + ne.GetSpecifiedName()
		if s := ne.GetSpecifiedShortnames(); s != "" {
			given = "-" + s
			if len(s) > 1 {
				// -locale: a long flag with one dash, as Go's flag
				// package and old habits write it.
				if f := cmd.Flags().Lookup(s); f != nil {
					return &usageErr{path, fmt.Sprintf("unknown flag %s: did you mean --%s?", given, f.Name)}
				}
			}
		}
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		if s := suggest(strings.TrimLeft(given, "-"), names); s != "" {
			return &usageErr{path, fmt.Sprintf("unknown flag %s: did you mean --%s?", given, s)}
		}
		return &usageErr{path, "unknown flag " + given + help}
	}
	return &usageErr{path, err.Error() + help}
}

// unknownCommand is the Args check of a command with subcommands: an
// argument is a command it does not have.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			names = append(names, c.Name())
		}
	}
	msg := fmt.Sprintf("unknown command %q", args[0])
	if s := suggest(args[0], names); s != "" {
		return &usageErr{cmd.CommandPath(), fmt.Sprintf("%s: did you mean %q?", msg, s)}
	}
	return &usageErr{cmd.CommandPath(), fmt.Sprintf("%s (run '%s --help' for the commands)", msg, cmd.CommandPath())}
}

// columns returns the width of w in columns: the terminal's, else
// $COLUMNS, else 80.
func columns(w io.Writer) int {
	if n := terminalWidth(w); n > 0 {
		return n
	}
	var n int
	if _, err := fmt.Sscanf(os.Getenv("COLUMNS"), "%d", &n); err == nil && n > 0 {
		return n
	}
	return 80
}
