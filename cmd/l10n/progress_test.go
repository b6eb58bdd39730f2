package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/creack/pty"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// copies makes a project of n copies of the seed article (a-00 … a-NN)
// whose catalogs extract made: every unit missing, so check finds two
// errors for each unit of each article.
func copies(t *testing.T, n int) string {
	t.Helper()
	root := t.TempDir()
	src := read(t, filepath.Join("..", "..", "articles", seed+".md"))
	for i := range n {
		write(t, filepath.Join(root, "articles", fmt.Sprintf("a-%02d.md", i)), src)
	}
	if code, _, stderr := l10n("-C", root, "extract", "-q"); code != 0 {
		t.Fatalf("extract: %s", stderr)
	}
	return root
}

// runOnTerminal runs l10n with its standard error, and its standard output
// unless stdout is given, on a pseudo-terminal of 80 columns, and returns
// the exit code and the bytes the terminal received.
func runOnTerminal(t *testing.T, stdout io.Writer, args ...string) (int, string) {
	t.Helper()
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Cols: 80, Rows: 24}); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	done := make(chan struct{})
	go func() {
		_, _ = io.Copy(&got, ptmx) // ends with EIO when tty is closed
		close(done)
	}()
	if stdout == nil {
		stdout = tty
	}
	code := run(args, stdout, tty)
	tty.Close()
	<-done
	return code, got.String()
}

// TestProgressNeverInALine runs check on a terminal over 30 articles with
// a redraw after every article, and checks that each finding line arrives
// whole — the bar cleared before it, never drawn inside it — and that the
// screen ends showing the findings and the summary, no bar.
func TestProgressNeverInALine(t *testing.T) {
	root := copies(t, 30)
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	_ = rep.WriteText(&text)
	for _, n := range rep.Notes {
		text.WriteString("l10n check: " + n + "\n")
	}
	want := strings.Split(text.String()+rep.Summary()+"\n", "\n")
	want = want[:len(want)-1]
	if len(want) < 1000 {
		t.Fatalf("only %d findings", len(want))
	}

	was := redraw
	defer func() { redraw = was }()
	redraw = 0
	code, raw := runOnTerminal(t, nil, "-C", root, "check")
	if code != exitFindings {
		t.Fatalf("exit %d\n%s", code, raw)
	}
	if bars := strings.Count(raw, " articles"); bars < 10 {
		t.Fatalf("the bar was drawn %d times, want one after most articles", bars)
	}
	// The terminal turns \n into \r\n. Each line must be a line of
	// output, at most after bars each erased.
	lines := strings.Split(strings.TrimSuffix(raw, "\r\n"), "\r\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d", len(lines), len(want))
	}
	const clear = "\r\x1b[2K"
	for i, l := range lines {
		before, ok := strings.CutSuffix(l, want[i])
		if !ok || before != "" && !strings.HasSuffix(before, clear) {
			t.Fatalf("line %d arrived as %q, want %q whole", i+1, l, want[i])
		}
	}
	if screen := emulate(raw); screen != strings.Join(want, "\n")+"\n" {
		t.Errorf("the screen shows\n%s", screen)
	}
}

// emulate returns the text a terminal shows after receiving s: \r goes to
// the start of the line, ESC [2K erases it, \n starts the next.
func emulate(s string) string {
	var out strings.Builder
	var line []rune
	col := 0
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "\x1b[2K"):
			line, i = line[:0], i+4
		case s[i] == '\r':
			col, i = 0, i+1
		case s[i] == '\n':
			out.WriteString(strings.TrimRight(string(line), " ") + "\n")
			line, col, i = line[:0], 0, i+1
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			for len(line) <= col {
				line = append(line, ' ')
			}
			line[col] = r
			col++
			i += n
		}
	}
	return out.String() + string(line)
}

// TestNoProgressBesideAPipe checks that no bar is drawn when standard
// output goes to a pipe (a pager owns the terminal), nor with NO_COLOR,
// nor with --json.
func TestNoProgressBesideAPipe(t *testing.T) {
	root := copies(t, 25)
	was := redraw
	defer func() { redraw = was }()
	redraw = 0
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = io.Copy(io.Discard, r) }()
	defer r.Close()
	if _, raw := runOnTerminal(t, w, "-C", root, "check"); strings.Contains(raw, "articles") {
		t.Errorf("a bar beside a pipe: %q", raw)
	}
	w.Close()
	if _, raw := runOnTerminal(t, nil, "-C", root, "check", "--json"); strings.Contains(raw, " articles\r") || strings.Contains(raw, "█") {
		t.Errorf("a bar with --json")
	}
	t.Setenv("NO_COLOR", "1")
	if newScreen(os.Stdout, os.Stderr) != nil {
		t.Error("a screen with NO_COLOR")
	}
}

func TestProgressOnlyOnTerminal(t *testing.T) {
	var b bytes.Buffer
	if newScreen(&b, &b) != nil {
		t.Error("progress on a buffer")
	}
	if got := bar(15, 30); !strings.Contains(got, " 50% [") || !strings.Contains(got, "15/30 articles") {
		t.Errorf("bar(15, 30) = %q", got)
	}
}
