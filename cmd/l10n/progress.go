package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"
)

// Progress bar settings: runs over fewer than minArticles articles end
// before a bar could help; redraws are at least redraw apart.
const minArticles = 20

// redraw is the shortest time between two drawings of the bar (a
// variable so that a test can draw at every article).
var redraw = 100 * time.Millisecond

// screen is the terminal that standard error is, on which l10n draws its
// progress bar. Every line l10n writes to standard output or standard
// error goes through it: it clears the bar first, and draws the bar again
// only between whole lines, so no line of output is ever broken by it.
type screen struct {
	mu    sync.Mutex
	tty   io.Writer // standard error
	drawn bool
	// open is set while a line written to standard output or error has
	// not ended: the bar waits for its end.
	open [2]bool
	last time.Time
	// off is set for a command whose output is for programs (--json).
	off bool
}

// newScreen returns the screen for a run, or nil when there is no bar to
// draw: standard error is not a terminal, NO_COLOR is set, TERM is dumb,
// or standard output is a pipe — a pager such as less owns the terminal
// then, and a bar drawn beside it would land in its page.
func newScreen(stdout, stderr io.Writer) *screen {
	f, ok := stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return nil
	}
	if out, ok := stdout.(*os.File); ok && !term.IsTerminal(int(out.Fd())) {
		if fi, err := out.Stat(); err != nil || fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) != 0 {
			return nil
		}
	}
	return &screen{tty: stderr}
}

// writers returns standard output and standard error as the commands
// write to them: through the screen, when there is one.
func (s *screen) writers(stdout, stderr io.Writer) (io.Writer, io.Writer) {
	if s == nil {
		return stdout, stderr
	}
	return &lineWriter{s, 0, stdout}, &lineWriter{s, 1, stderr}
}

// lineWriter is standard output or error on a screen.
type lineWriter struct {
	s *screen
	i int
	w io.Writer
}

func (lw *lineWriter) Write(p []byte) (int, error) {
	s := lw.s
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
	n, err := lw.w.Write(p)
	if n > 0 {
		s.open[lw.i] = p[n-1] != '\n'
	}
	return n, err
}

// clear erases the bar.
func (s *screen) clear() {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clearLocked()
}

func (s *screen) clearLocked() {
	if s.drawn {
		fmt.Fprint(s.tty, "\r\x1b[2K")
		s.drawn = false
	}
}

// progress returns the function a long command calls after each article,
// or nil when no bar is drawn.
func (s *screen) progress() func(done, total int) {
	if s == nil || s.off {
		return nil
	}
	return s.update
}

// update draws the bar for done of total articles, at most every redraw,
// never in the middle of a line, and erases it when all are done.
func (s *screen) update(done, total int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if total < minArticles {
		return
	}
	if done >= total {
		s.clearLocked()
		return
	}
	if s.open[0] || s.open[1] {
		return
	}
	if now := time.Now(); now.Sub(s.last) >= redraw {
		s.last = now
		fmt.Fprint(s.tty, bar(done, total))
		s.drawn = true
	}
}

// bar returns the line that shows done of total articles, drawn over the
// current line.
func bar(done, total int) string {
	const width = 30
	fill := width * done / total
	return fmt.Sprintf("\r\x1b[2K%3d%% [%s%s] %d/%d articles", 100*done/total,
		strings.Repeat("█", fill), strings.Repeat("·", width-fill), done, total)
}

// terminalWidth returns the width of w when it is a terminal, else 0.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok {
		return 0
	}
	n, _, err := term.GetSize(int(f.Fd()))
	if err != nil {
		return 0
	}
	return n
}

// machine turns the bar off for a command whose output is for programs.
func (s *screen) machine(off bool) {
	if s != nil {
		s.off = off
	}
}
