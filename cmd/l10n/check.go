package main

import (
	"bufio"
	"encoding/json"
	"fmt"

	"github.com/l10n-dev/l10n/pipeline"
	"github.com/l10n-dev/l10n/pipeline/check"
)

// cmdCheck runs `l10n check`: findings on stdout (text or a JSON array),
// the summary on stderr, exit 1 when a finding reaches --fail-on.
func cmdCheck(e *env, args []string) int {
	c := lookup("check")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	jsonOut := fs.Bool("json", false, "print the findings as a JSON array of {file, line, article, locale, unit, check, severity, message}")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding reaches this `severity`: error or warning")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	sev, err := check.ParseSeverity(*failOn)
	if err != nil || sev == check.Info {
		fmt.Fprintf(e.stderr, "l10n check: --fail-on %q: use error or warning\n", *failOn)
		return exitInput
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	// Findings are printed as each article is done, so memory stays
	// flat over any number of articles.
	out := bufio.NewWriter(e.stdout)
	n := 0
	emit := func(f pipeline.CheckFinding) error {
		n++
		if !*jsonOut {
			_, err := fmt.Fprintln(out, f.String())
			return err
		}
		b, err := json.MarshalIndent(f, "  ", "  ")
		if err != nil {
			return err
		}
		sep := ",\n  "
		if n == 1 {
			sep = "[\n  "
		}
		_, err = fmt.Fprintf(out, "%s%s", sep, b)
		return err
	}
	rep, err := p.Check(pipeline.CheckOptions{Articles: *articles, Locales: *locales, Emit: emit})
	if err != nil {
		out.Flush()
		return e.fail(err)
	}
	if *jsonOut {
		if n == 0 {
			fmt.Fprint(out, "[]\n")
		} else {
			fmt.Fprint(out, "\n]\n")
		}
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
