package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/term"
)

// Progress bar settings: runs over fewer than minArticles articles end
// before a bar could help; redraws are at least redraw apart.
const (
	minArticles = 20
	redraw      = 100 * time.Millisecond
)

// newProgress returns a progress reporter that draws a bar on w, or nil
// when w is not a terminal, NO_COLOR is set, TERM is dumb or the command
// prints JSON: progress is for people watching, never for logs, pipes or
// programs.
func newProgress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" || jsonRequested(os.Args[1:]) {
		return nil
	}
	var last time.Time
	drawn := false
	return func(done, total int) {
		if total < minArticles {
			return
		}
		if done == total {
			if drawn {
				fmt.Fprint(w, "\r\x1b[2K")
			}
			return
		}
		if now := time.Now(); now.Sub(last) >= redraw {
			last, drawn = now, true
			fmt.Fprint(w, bar(done, total))
		}
	}
}

// bar returns the line that shows done of total articles.
func bar(done, total int) string {
	const width = 30
	fill := width * done / total
	return fmt.Sprintf("\r\x1b[2K%3d%% [%s%s] %d/%d articles", 100*done/total,
		strings.Repeat("█", fill), strings.Repeat("·", width-fill), done, total)
}

// jsonRequested reports whether command-line arguments ask for JSON
// output (--json, -json, --json=true); flag parsing stops at "--".
func jsonRequested(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "json" {
			continue
		}
		if !hasValue {
			return true
		}
		if b, err := strconv.ParseBool(value); err == nil && b {
			return true
		}
	}
	return false
}
