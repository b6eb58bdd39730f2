package pipeline

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// GlossaryFile is the project's termbase, at the root. Without it, check
// runs every check but the glossary's.
const GlossaryFile = "glossary.yaml"

// CheckOptions selects what check works on.
type CheckOptions struct {
	Articles []string // slugs; all when empty
	Locales  []string // target locales; the project's when empty
	// Emit, if set, receives each finding in order as its article is
	// done, and the report keeps only the counts: memory then stays
	// flat however many articles there are.
	Emit func(CheckFinding) error
}

// CheckFinding is one problem check found in a catalog.
type CheckFinding struct {
	// File is the catalog, relative to the project root, with slashes.
	File string `json:"file"`
	// Line is the entry's line in the catalog; 0 when the catalog has no
	// entry for the unit.
	Line    int    `json:"line"`
	Article string `json:"article"`
	Locale  string `json:"locale"`
	// Unit is the unit's id.
	Unit string `json:"unit"`
	// Check is the check family: missing, stale, obsolete, glossary,
	// markup, numbers, unchanged, length, typography, suppression.
	Check    string         `json:"check"`
	Severity check.Severity `json:"severity"`
	Message  string         `json:"message"`
}

// String formats a finding as one line: file:line: severity: [check]
// unit-id: message.
func (f CheckFinding) String() string {
	at := f.File
	if f.Line > 0 {
		at += ":" + strconv.Itoa(f.Line)
	}
	return fmt.Sprintf("%s: %s: [%s] %s: %s", at, f.Severity, f.Check, f.Unit, f.Message)
}

// CheckReport is what check found.
type CheckReport struct {
	// Findings are in article, locale and catalog order; suppressed
	// findings are left out.
	Findings []CheckFinding
	// Suppressed counts the findings that translators' l10n:ignore
	// comments silenced.
	Suppressed int

	counts map[check.Severity]int // findings by severity, emitted or kept
}

// add counts a finding and keeps it, or hands it to emit.
func (r *CheckReport) add(f CheckFinding, emit func(CheckFinding) error) error {
	if r.counts == nil {
		r.counts = map[check.Severity]int{}
	}
	r.counts[f.Severity]++
	if emit != nil {
		return emit(f)
	}
	r.Findings = append(r.Findings, f)
	return nil
}

// Count returns the number of findings of a severity.
func (r *CheckReport) Count(s check.Severity) int {
	if r.counts != nil {
		return r.counts[s]
	}
	n := 0
	for _, f := range r.Findings {
		if f.Severity == s {
			n++
		}
	}
	return n
}

// Fails reports whether a finding reaches the severity.
func (r *CheckReport) Fails(at check.Severity) bool {
	for _, s := range []check.Severity{check.Info, check.Warning, check.Error} {
		if s >= at && r.Count(s) > 0 {
			return true
		}
	}
	return false
}

// Summary returns a one-line count such as "2 errors, 1 warning (3
// suppressed)", or "" when there is nothing to report.
func (r *CheckReport) Summary() string {
	e, w, i := r.Count(check.Error), r.Count(check.Warning), r.Count(check.Info)
	if e+w+i == 0 && r.Suppressed == 0 {
		return ""
	}
	s := plural(e, "error") + ", " + plural(w, "warning")
	if i > 0 {
		s += fmt.Sprintf(", %d info", i)
	}
	if r.Suppressed > 0 {
		s += fmt.Sprintf(" (%d suppressed)", r.Suppressed)
	}
	return s
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Check checks the catalogs of the selected articles and locales: each
// unit missing (error), stale (warning) or obsolete (info), and each
// translated unit's markup, numbers, glossary terms, typography, length,
// and whether it was translated at all. A translator's comment
// "# l10n:ignore <check>[:<key>] — <reason>" above an entry silences that
// check on that unit; malformed and unused suppressions are findings of
// their own. Bad input (a malformed glossary or catalog) is an
// *InputError.
func (p *Project) Check(opts CheckOptions) (*CheckReport, error) {
	slugs, locales, err := p.selection(opts.Articles, opts.Locales)
	if err != nil {
		return nil, err
	}
	g, err := p.readGlossary()
	if err != nil {
		return nil, err
	}
	checkers := map[string]*check.Checker{}
	for _, loc := range locales {
		checkers[loc] = check.New(p.Source, loc, g, nil)
	}
	// Articles are checked in parallel; their findings come out in
	// article order.
	rep := &CheckReport{Findings: []CheckFinding{}}
	err = ordered(len(slugs), func(i int) (*CheckReport, error) {
		return p.checkArticle(slugs[i], locales, checkers)
	}, func(i int, r *CheckReport) error {
		for _, f := range r.Findings {
			if err := rep.add(f, opts.Emit); err != nil {
				return err
			}
		}
		rep.Suppressed += r.Suppressed
		if p.Progress != nil {
			p.Progress(i+1, len(slugs))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

// checkArticle checks an article's catalogs. The checkers are shared
// with other goroutines and only read.
func (p *Project) checkArticle(slug string, locales []string, checkers map[string]*check.Checker) (*CheckReport, error) {
	a, err := p.loadArticle(slug)
	if err != nil {
		return nil, err
	}
	rep := &CheckReport{}
	var sources []*check.Text // parsed once, for every locale
	for _, loc := range locales {
		if loc == p.Source {
			continue
		}
		c := checkers[loc].WithInline(a.doc.Inline)
		if sources == nil {
			sources = make([]*check.Text, len(a.doc.Units))
			for i := range a.doc.Units {
				sources[i] = parseUnit(c, a.doc, i, a.doc.Units[i].Text, true)
			}
		}
		if err := p.checkCatalog(rep, a, loc, c, sources); err != nil {
			return nil, err
		}
	}
	return rep, nil
}

// parseUnit parses a text of unit i (its source, or a translation) for
// the checks: a front-matter field is plain text, everything else inline
// Markdown in its place, framed as its block reads it.
func parseUnit(c *check.Checker, d *segment.Doc, i int, raw string, source bool) *check.Text {
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

// readGlossary reads the project's glossary, or returns nil when there
// is none.
func (p *Project) readGlossary() (*glossary.Glossary, error) {
	path := p.abs(GlossaryFile)
	if err := p.inside(path); err != nil {
		return nil, err
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &InputError{File: GlossaryFile, Err: err}
	}
	g, err := glossary.Parse(data)
	if err != nil {
		return nil, inputError(GlossaryFile, err)
	}
	return g, nil
}

// checkCatalog checks an article's catalog for one locale.
func (p *Project) checkCatalog(rep *CheckReport, a *article, loc string, c *check.Checker, sources []*check.Text) error {
	rel := CatalogPath(a.slug, loc)
	f, snap, err := p.readCatalog(rel)
	if err != nil {
		return err
	}
	file := filepath.ToSlash(rel)
	add := func(line int, unit string, found []check.Finding) {
		for _, x := range found {
			rep.Findings = append(rep.Findings, CheckFinding{File: file, Line: line, Article: a.slug, Locale: loc,
				Unit: unit, Check: x.Check, Severity: x.Severity, Message: x.Message})
		}
	}
	live, _ := targetEntries(f)
	current := map[string]bool{}
	for i := range a.doc.Units {
		u := &a.doc.Units[i]
		id := a.id(i)
		current[id] = true
		e := live[id]
		var found []check.Finding
		state := stateOf(e, a.hash(i))
		switch state {
		case Missing:
			msg := "not translated"
			switch {
			case !snap.Exists:
				msg = "no catalog for " + loc + ": run l10n extract"
			case e == nil:
				msg = "not in the catalog: run l10n extract"
			}
			found = append(found, check.Finding{Check: check.Missing, Severity: check.Error, Message: msg})
		case Stale:
			msg := "the source changed since this translation: revise it, then delete its hash: line"
			if e.Previous != "" {
				msg = "the source changed since this translation (see the #| lines): revise it, then delete its hash: line"
			}
			found = append(found, check.Finding{Check: check.Stale, Severity: check.Warning, Message: msg})
		default:
			found = c.Check(sources[i], parseUnit(c, a.doc, i, e.Other, false), u.SingleLine)
		}
		line := 0
		if e != nil {
			line = e.Line
			var n int
			found, n = suppress(found, e, state == Translated)
			rep.Suppressed += n
		}
		add(line, id, found)
	}
	obsolete := func(e *catalog.Entry) {
		add(e.Line, e.ID, []check.Finding{{Check: check.Obsolete, Severity: check.Info,
			Message: "no longer in the source: kept until l10n prune"}})
	}
	for _, e := range f.Entries {
		if !current[e.ID] {
			obsolete(e)
		}
	}
	for _, e := range f.Obsolete {
		obsolete(e)
	}
	return nil
}

// suppress applies the l10n:ignore comments of an entry to its findings.
// It returns the findings left, with malformed suppressions and (when the
// unit was fully checked) unused ones added, and how many it silenced.
func suppress(found []check.Finding, e *catalog.Entry, checked bool) ([]check.Finding, int) {
	sups, bad := check.ParseSuppressions(e.Comments)
	if len(sups) == 0 && len(bad) == 0 {
		return found, 0
	}
	kept, n, unused := check.Suppress(found, sups)
	kept = append(kept, bad...)
	if checked {
		for _, s := range unused {
			kept = append(kept, check.Finding{Check: check.SuppressionCheck, Severity: check.Warning,
				Message: fmt.Sprintf("%s %s silences nothing: remove it", check.Directive, s)})
		}
	}
	return kept, n
}

// WriteText writes the findings, one a line (see CheckFinding.String).
func (r *CheckReport) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
