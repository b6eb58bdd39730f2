package main

import (
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
	rep, err := p.Check(pipeline.CheckOptions{Articles: *articles, Locales: *locales})
	if err != nil {
		return e.fail(err)
	}
	if *jsonOut {
		if code := writeJSON(e, rep.Findings); code != exitOK {
			return code
		}
	} else if err := rep.WriteText(e.stdout); err != nil {
		return e.fail(err)
	}
	if s := rep.Summary(); s != "" {
		fmt.Fprintln(e.stderr, s)
	}
	if rep.Fails(sev) {
		return exitFindings
	}
	return exitOK
}
