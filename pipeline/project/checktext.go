package project

import (
	"fmt"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// ParseUnit parses a text of unit i (its source, or a translation) for
// the checks: a front-matter field is plain text, everything else inline
// Markdown in its place, framed as its block reads it.
func ParseUnit(c *check.Checker, d *segment.Doc, i int, raw string, source bool) *check.Text {
	u := &d.Units[i]
	switch {
	case u.FrontMatter() && source:
		return c.ParseSourcePlain(raw)
	case u.FrontMatter():
		return c.ParsePlain(raw)
	}
	var t *check.Text
	if source {
		t = c.ParseSource(raw)
	} else {
		t = c.Parse(raw)
	}
	t.Block = d.Frame(i, raw)
	return t
}

// Suppress applies the l10n:ignore comments of an entry to its findings.
// It returns the findings left, with malformed suppressions and (when the
// unit was fully checked) unused ones added, and how many it silenced.
func Suppress(found []check.Finding, e *catalog.Entry, checked bool) ([]check.Finding, int) {
	kept, _, n := SuppressUnit(found, e, checked)
	return kept, n
}

// SuppressUnit is suppress that leaves the consistency suppressions out,
// to be applied across units later, and returns them.
func SuppressUnit(found []check.Finding, e *catalog.Entry, checked bool) ([]check.Finding, []check.Suppression, int) {
	all, bad := check.ParseSuppressions(e.Comments)
	if len(all) == 0 && len(bad) == 0 {
		return found, nil, 0
	}
	var sups, later []check.Suppression
	for _, s := range all {
		if s.Check == check.Consistency {
			later = append(later, s)
		} else {
			sups = append(sups, s)
		}
	}
	kept, n, unused := check.Suppress(found, sups)
	kept = append(kept, bad...)
	if checked {
		for _, s := range unused {
			kept = append(kept, check.Finding{Check: check.SuppressionCheck, Severity: check.Warning,
				Message: fmt.Sprintf("%s %s silences nothing: remove it", check.Directive, s)})
		}
	}
	return kept, later, n
}
