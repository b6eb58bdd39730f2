package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/project"
)

func cmdTMExport(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	return e.writeOutputFunc(o.output, func(w io.Writer) error { return exchange.ExportMemory(p, o.locales, w) }, "translation memory")
}

func cmdGlossaryExport(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	data, err := exchange.ExportGlossary(p)
	if err != nil {
		return e.fail(err)
	}
	return e.writeOutput(o.output, data, "glossary")
}

// writeOutput writes what a command exported to -o's file, or to
// standard output, and says so.
func (e *env) writeOutput(output string, data []byte, what string) int {
	return e.writeOutputFunc(output, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}, what)
}

// writeOutputFunc is writeOutput of what write writes, which it need not
// hold whole (see writeStream).
func (e *env) writeOutputFunc(output string, write func(io.Writer) error, what string) int {
	path := ""
	if output != "" {
		path = e.path(output)
	}
	if err := e.writeStream(path, write); err != nil {
		return e.fail(err)
	}
	if path == "" {
		e.summary("exported the %s to standard output in %s", what, e.took())
	} else {
		e.summary("exported the %s to %s in %s", what, path, e.took())
	}
	return exitOK
}

// writeStream writes what write writes to standard output (path "",
// buffered) or to the file at path (stage.WriteFileFunc: staged, synced
// and renamed; a failed write leaves the file as it was). It returns
// write's error as it is, and the file system's as "writing PATH: …".
func (e *env) writeStream(path string, write func(io.Writer) error) error {
	if path == "" {
		w := bufio.NewWriterSize(e.stdout, 1<<16)
		err := write(w)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		return err
	}
	var werr error // what write failed with, as against the file system
	err := stage.WriteFileFunc(path, func(w io.Writer) error {
		werr = write(w)
		return werr
	})
	if werr != nil {
		return werr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

func cmdGlossaryImport(e *env, o *options, args []string) int {
	rename := map[string]string{}
	for _, m := range o.langMap {
		from, to, ok := strings.Cut(m, "=")
		if !ok || from == "" || to == "" {
			return e.usage("glossary import", fmt.Errorf("--map %q: write FROM=TO, such as xx=uk", m))
		}
		rename[from] = to
	}
	name := args[0]
	data, err := os.ReadFile(e.path(name))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return e.fail(&project.InputError{File: name, Err: err})
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	res, err := exchange.ImportGlossary(p, name, data, rename, o.dryRun)
	if err != nil {
		return e.fail(err)
	}
	var lines []string
	for _, pr := range res.Problems {
		lines = append(lines, fmt.Sprintf("l10n: %s:%d: %s: left out: %s", name, pr.Line, pr.Entry, pr.Msg))
	}
	// A term the glossary has is named when the file has forms it lacks.
	for _, x := range res.Existing {
		if len(x.Missing) > 0 {
			lines = append(lines, fmt.Sprintf("l10n: %s:%d: %s is in the glossary already (%s:%d, %s), which lacks %s",
				name, x.Line, x.ID, project.GlossaryFile, x.At, x.Glossary, strings.Join(x.Missing, ", ")))
		}
	}
	e.list(lines, "terms")
	verb := "added"
	if o.dryRun {
		verb = "would add"
	}
	e.summary("%s %s to %s (%d already there) in %s", verb, count(len(res.Added), "term"), project.GlossaryFile, len(res.Existing), e.took())
	return exitOK
}
