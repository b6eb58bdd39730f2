package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/lint"
)

// cmdCheck runs `l10n check`: findings on stdout (text, a JSON array,
// SARIF 2.1.0 or GitHub workflow commands), notes and the summary on
// stderr, exit 1 when a finding reaches --fail-on.
func cmdCheck(e *env, o *options, _ []string) int {
	format := o.format
	if o.json {
		format = "json"
	}
	sev, err := check.ParseSeverity(o.failOn)
	if err != nil || sev == check.Info {
		return e.usage("check", fmt.Errorf("--fail-on %q: use error or warning", o.failOn))
	}
	// Findings are many: they go out in large writes.
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	var w findingWriter
	switch format {
	case "text":
		w = &textWriter{out: out}
	case "json":
		w = &jsonWriter{jsonArray{out: out}}
	case "sarif":
		w = &sarifWriter{out: out}
	case "github":
		w = &githubWriter{out: out}
	default:
		return e.usage("check", fmt.Errorf("--format %q: use text, json, sarif or github", format))
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	e.screen.machine(format != "text")
	if bar := e.screen.progress(); bar != nil {
		// The findings of the articles done are written out whole
		// before the bar is drawn again.
		p.Progress = func(done, total int) {
			_ = out.Flush()
			bar(done, total)
		}
	}
	// Findings are printed as each article is done, so memory stays
	// flat over any number of articles.
	rep, err := lint.Run(p, lint.Options{Articles: o.articles, Locales: o.locales, Emit: w.write})
	if err != nil {
		out.Flush()
		return e.fail(err)
	}
	if err := w.close(); err != nil {
		return e.fail(err)
	}
	if err := out.Flush(); err != nil {
		return e.fail(err)
	}
	for _, n := range rep.Notes {
		fmt.Fprintln(e.stderr, "l10n check: "+n)
	}
	if s := rep.Summary(); s != "" {
		fmt.Fprintln(e.stderr, s)
	}
	if rep.Fails(sev) {
		return exitFindings
	}
	return exitOK
}

// findingWriter prints findings one by one as check emits them, and what
// closes the output.
type findingWriter interface {
	write(check.Finding) error
	close() error
}

// textWriter prints a finding a line (check.Finding.String).
type textWriter struct {
	out io.Writer
	buf []byte
}

func (w *textWriter) write(f check.Finding) error {
	w.buf = append(f.AppendText(w.buf[:0]), '\n')
	_, err := w.out.Write(w.buf)
	return err
}

func (w *textWriter) close() error { return nil }

// jsonWriter prints one JSON array of findings.
type jsonWriter struct{ jsonArray }

func (w *jsonWriter) write(f check.Finding) error { return w.add(f) }

// jsonArray prints a JSON array an element at a time, as
// json.MarshalIndent(array, "", "  ") prints it whole.
type jsonArray struct {
	out io.Writer
	n   int
}

// add prints an element.
func (w *jsonArray) add(v any) error {
	b, err := json.MarshalIndent(v, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if w.n == 0 {
		sep = "[\n  "
	}
	w.n++
	_, err = fmt.Fprintf(w.out, "%s%s", sep, b)
	return err
}

// close ends the array.
func (w *jsonArray) close() error {
	if w.n == 0 {
		_, err := fmt.Fprint(w.out, "[]\n")
		return err
	}
	_, err := fmt.Fprint(w.out, "\n]\n")
	return err
}

// githubWriter prints GitHub Actions workflow commands
// (::error file=…,line=…,title=…::message), which annotate the catalog
// line in a pull request; info findings become notices.
type githubWriter struct{ out io.Writer }

func (w *githubWriter) write(f check.Finding) error {
	cmd := "notice"
	switch f.Severity {
	case check.Error:
		cmd = "error"
	case check.Warning:
		cmd = "warning"
	}
	props := "file=" + ghProperty(f.File)
	if f.Line > 0 {
		props += fmt.Sprintf(",line=%d", f.Line)
	}
	props += ",title=" + ghProperty("l10n "+f.Check)
	_, err := fmt.Fprintf(w.out, "::%s %s::%s\n", cmd, props, ghData(f.Unit+": "+f.Message))
	return err
}

func (w *githubWriter) close() error { return nil }

// ghData escapes a workflow command's message.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
