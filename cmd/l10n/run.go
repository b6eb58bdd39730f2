package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/build"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// catalogLocale returns the locale of a catalog path (locales/x/uk.yaml).
func catalogLocale(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

func cmdExtract(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	p.Progress = e.screen.progress()
	res, err := extract.Run(p, extract.Options{Articles: o.articles, Locales: o.locales})
	if err != nil {
		return e.fail(err)
	}
	var renamed []string
	for n, old := range res.Renamed {
		renamed = append(renamed, fmt.Sprintf("l10n: %s is %s renamed: its catalogs moved to %s",
			project.ArticlePath(n), project.ArticlePath(old), filepath.Join("locales", n)))
	}
	sort.Strings(renamed)
	e.list(renamed, "articles renamed")
	if e.verbose {
		e.details(res.Written, "catalogs")
	}
	if len(res.Written) == 0 {
		e.summary("nothing to do: the catalogs of %s are up to date", count(res.Articles, "article"))
		return exitOK
	}
	var locs []string
	for _, w := range res.Written {
		locs = append(locs, catalogLocale(w))
	}
	e.summary("updated %s%s of %s in %s", count(len(res.Written), "catalog"), localesOf(locs), count(res.Articles, "article"), e.took())
	return exitOK
}

func cmdBuild(e *env, o *options, _ []string) int {
	pol, err := build.ParsePolicy(o.policy)
	if err != nil {
		return e.usage("build", err)
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	e.screen.machine(o.json)
	p.Progress = e.screen.progress()
	// Editions are counted, and printed with --json, as build makes
	// them: memory stays flat however many articles there are.
	out := bufio.NewWriter(e.stdout)
	js := &jsonArray{out: out}
	var all, built, incomplete int
	var sums, failed [3]int // missing, stale, to review
	var warnings, lines, failLines firstLines
	warnings.all, lines.all, failLines.all = e.verbose, e.verbose, e.verbose
	var locs []string
	emit := func(ed build.Edition) error {
		all++
		if ed.Incomplete() {
			incomplete++
			failed[0], failed[1], failed[2] = failed[0]+ed.Missing, failed[1]+ed.Stale, failed[2]+ed.Review
			failLines.add(project.CatalogPath(ed.Article, ed.Locale) + ": " + ed.Counts())
		}
		// Warnings and lines about the editions built now; those about
		// editions up to date were said when they were built.
		if !ed.Reused || e.verbose {
			for _, w := range ed.Warnings {
				warnings.add("l10n: warning: " + w)
			}
		}
		if !ed.Reused {
			built++
			sums[0], sums[1], sums[2] = sums[0]+ed.Missing, sums[1]+ed.Stale, sums[2]+ed.Review
			if !slices.Contains(locs, ed.Locale) {
				locs = append(locs, ed.Locale)
			}
			if e.verbose || ed.Locale != p.Source && ed.Incomplete() {
				lines.add(editionSummary(ed, p.Source))
			}
		}
		if o.json {
			return js.add(ed)
		}
		return nil
	}
	res, err := build.Run(p, build.Options{Articles: o.articles, Locales: o.locales, Policy: pol, Force: o.force, Emit: emit})
	if o.json {
		if cerr := js.close(); err == nil {
			err = cerr
		}
	}
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if errors.Is(err, build.ErrIncomplete) && res != nil {
		// One line for each edition is in the error; the first few
		// are enough, and the count.
		e.listN(failLines, "incomplete editions", !e.quiet)
		toReview := ""
		if failed[2] > 0 {
			toReview = fmt.Sprintf(", %d to review", failed[2])
		}
		fmt.Fprintf(e.stderr, "l10n: %v (policy fail), nothing written: %d of %s; %d units missing, %d stale%s\n",
			build.ErrIncomplete, incomplete, count(all, "edition"), failed[0], failed[1], toReview)
		return exitFindings
	}
	if err != nil {
		return e.fail(err)
	}
	e.listN(warnings, "warnings", true)
	e.listN(lines, "editions with units not translated", !e.quiet)
	if built == 0 {
		e.summary("nothing to do: %s up to date", count(all, "edition"))
		return exitOK
	}
	s := fmt.Sprintf("built %s%s in %s; %s", count(built, "edition"), localesOf(locs), e.took(), build.CountsLine(sums[0], sums[1], sums[2]))
	if res.Reused > 0 {
		s += fmt.Sprintf("; %d up to date", res.Reused)
	}
	e.summary("%s", s)
	return exitOK
}

// usage reports a bad flag value that the pipeline found, as the flag
// parser reports the others.
func (e *env) usage(cmd string, err error) int {
	fmt.Fprintf(e.stderr, "l10n %s: %v\n", cmd, err)
	return exitInput
}

// editionSummary is build's line about an edition it built: how much of
// it is not in its language, such as
// "out/uk/x.md: 3 of 22 units in English, 1 out of date, 2 reused from the memory, not reviewed".
func editionSummary(ed build.Edition, source string) string {
	path := project.EditionPath(ed.Article, ed.Locale, ".md")
	units := func(n int) string { return count(n, "unit") }
	lang := source
	if t, err := language.Parse(source); err == nil {
		if name := display.English.Tags().Name(t); name != "" {
			lang = name
		}
	}
	if ed.Locale == source {
		return fmt.Sprintf("%s: the source, %s", path, units(ed.Units))
	}
	var parts []string
	for _, c := range []struct {
		n    int
		what string
	}{{ed.Missing, "in " + lang}, {ed.Stale, "out of date"}, {ed.Review, "reused from the memory, not reviewed"}} {
		switch {
		case c.n == 0:
		case len(parts) == 0:
			parts = append(parts, fmt.Sprintf("%d of %s %s", c.n, units(ed.Units), c.what))
		default:
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%s: all %s translated", path, units(ed.Units))
	}
	return path + ": " + strings.Join(parts, ", ")
}

func cmdStatus(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	rows, err := status.Run(p, project.Selection{Articles: o.articles, Locales: o.locales})
	if err != nil {
		return e.fail(err)
	}
	code := exitOK
	for _, r := range rows {
		if o.strict && r.Missing+r.Stale+r.Review+r.Conflicts > 0 {
			code = exitFindings
		}
	}
	if o.json {
		if c := writeJSONList(e, rows); c != exitOK {
			return c
		}
		return code
	}
	printStatus(e.stdout, rows, e.width)
	return code
}

func cmdPseudo(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	written, err := extract.Pseudo(p, project.Selection{Articles: o.articles, Locales: o.locales})
	if err != nil {
		return e.fail(err)
	}
	if e.verbose {
		e.details(written, "catalogs")
	}
	if len(written) == 0 {
		e.summary("nothing to do: the pseudo-translated catalogs are up to date")
		return exitOK
	}
	var locs []string
	for _, w := range written {
		locs = append(locs, catalogLocale(w))
	}
	e.summary("wrote %s%s in %s", count(len(written), "pseudo-translated catalog"), localesOf(locs), e.took())
	return exitOK
}

func cmdPrune(e *env, o *options, _ []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	written, err := extract.Prune(p, project.Selection{Articles: o.articles, Locales: o.locales})
	if err != nil {
		return e.fail(err)
	}
	sort.Strings(written)
	if len(written) == 0 {
		e.summary("nothing to do: no obsolete entries")
		return exitOK
	}
	var lines, locs []string
	for _, w := range written {
		lines = append(lines, "pruned "+w)
		locs = append(locs, catalogLocale(w))
	}
	e.details(lines, "catalogs")
	e.summary("pruned %s%s in %s", count(len(written), "catalog"), localesOf(locs), e.took())
	return exitOK
}

// writeJSONList writes list to stdout as writeJSON does, the same bytes,
// one element encoded at a time: status's rows of ten thousand articles
// were some 15 MB of JSON, and twice that to indent it, on top of the rows.
func writeJSONList[T any](e *env, list []T) int {
	if list == nil {
		return writeJSON(e, list)
	}
	w := bufio.NewWriter(e.stdout)
	w.WriteString("[")
	for i := range list {
		data, err := json.MarshalIndent(&list[i], "  ", "  ")
		if err != nil {
			return e.fail(err)
		}
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n  ")
		w.Write(data)
	}
	if len(list) > 0 {
		w.WriteString("\n")
	}
	w.WriteString("]\n")
	if err := w.Flush(); err != nil {
		return e.fail(err)
	}
	return exitOK
}

// writeJSON writes v to stdout as indented JSON and a newline.
func writeJSON(e *env, v any) int {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return e.fail(err)
	}
	if _, err := e.stdout.Write(append(data, '\n')); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func cmdMove(e *env, _ *options, args []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	moved, err := extract.Move(p, args[0], args[1])
	if err != nil {
		return e.fail(err)
	}
	e.summary("moved %s to %s: %s", args[0], args[1], strings.Join(moved, ", "))
	return exitOK
}
