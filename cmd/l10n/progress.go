package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// newProgress returns a progress reporter that draws a bar on w, or nil
// when w is not a terminal or NO_COLOR is set: progress is for people
// watching, never for logs or pipes.
func newProgress(w io.Writer) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return nil
	}
	return func(done, total int) {
		if total < 20 {
			// A handful of articles finish before a bar could help.
			return
		}
		const width = 30
		fill := width * done / total
		fmt.Fprintf(w, "\r\x1b[2K%3d%% [%s%s] %d/%d articles", 100*done/total,
			strings.Repeat("█", fill), strings.Repeat("·", width-fill), done, total)
		if done == total {
			fmt.Fprint(w, "\r\x1b[2K")
		}
	}
}
