// Package lint is the stage that runs the checks of package check over a
// project's catalogs: each unit missing, stale or obsolete, and each
// translated unit against its source, the glossary and the spelling
// dictionaries, with translators' suppressions applied. It reports
// check.Finding values with their file, line, article, locale and unit.
package lint

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// Options selects what check works on.
type Options struct {
	Articles []string // slugs; all when empty
	Locales  []string // target locales; the project's when empty
	// Emit, if set, receives each finding in order as its article is
	// done, and the report keeps only the counts: memory then stays
	// flat however many articles there are.
	Emit func(check.Finding) error
	// NoSpelling skips the spelling check (and hunspell).
	NoSpelling bool
}

// Report is what check found.
type Report struct {
	// Findings are in article, locale and catalog order; suppressed
	// findings are left out.
	Findings []check.Finding
	// Suppressed counts the findings that translators' l10n:ignore
	// comments silenced.
	Suppressed int
	// Notes are what the run could not do, for stderr: spelling without
	// hunspell or a dictionary.
	Notes []string

	counts map[check.Severity]int // findings by severity, emitted or kept
}

// add counts a finding and keeps it, or hands it to emit.
func (r *Report) add(f check.Finding, emit func(check.Finding) error) error {
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
func (r *Report) Count(s check.Severity) int {
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
func (r *Report) Fails(at check.Severity) bool {
	for _, s := range []check.Severity{check.Info, check.Warning, check.Error} {
		if s >= at && r.Count(s) > 0 {
			return true
		}
	}
	return false
}

// Summary returns a one-line count such as "2 errors, 1 warning (3
// suppressed)", or "" when there is nothing to report.
func (r *Report) Summary() string {
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

// Run checks the catalogs of the selected articles and locales: each
// unit missing (error), stale (warning) or obsolete (info), and each
// translated unit's markup, numbers, glossary terms, typography, length,
// and whether it was translated at all. A translator's comment
// "# l10n:ignore <check>[:<key>] — <reason>" above an entry silences that
// check on that unit; malformed and unused suppressions are findings of
// their own. Bad input (a malformed glossary or catalog) is an
// *InputError.
func Run(p *project.Project, opts Options) (*Report, error) {
	pk, err := p.Pick(opts.Articles, opts.Locales, project.PickSurvey)
	if err != nil {
		return nil, err
	}
	// Under a shard, the articles of the other shards are read too, for
	// the consistency of translations across articles (their segments
	// only, or their records), and report nothing.
	slugs, locales := pk.Unsharded, pk.Locales
	g, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	rep := &Report{Findings: []check.Finding{}}
	checkers := map[string]*check.Checker{}
	for _, loc := range locales {
		checkers[loc] = check.New(p.Source, loc, g, nil)
	}
	spellFailed := false
	var spellers []*check.Speller
	closeSpellers := func() {
		for _, s := range spellers {
			_ = s.Close()
			if err := s.Err(); err != nil {
				spellFailed = true
				rep.Notes = append(rep.Notes, "spelling not checked: "+err.Error())
			}
		}
		spellers = nil
	}
	defer closeSpellers()
	if !opts.NoSpelling {
		var notes []string
		spellers, notes, err = startSpellers(p, locales, checkers)
		if err != nil {
			return nil, err
		}
		rep.Notes = notes
	}
	recs := newRecords(p, slugs, locales, checkers, !opts.NoSpelling)
	// Articles are checked in parallel; their findings come out in
	// article order, with the findings across units (consistency) made
	// as each article comes out.
	across := &acrossUnits{p: p, slugs: slugs, locales: locales, checkers: checkers, seen: check.NewConsistencyIndex()}
	defer across.seen.Close()
	err = pool.Ordered(len(slugs), func(i int) (*articleCheck, error) {
		return checkArticle(p, slugs[i], locales, checkers, recs, !p.Shard.Has(slugs[i]))
	}, func(i int, r *articleCheck) error {
		if err := r.emit(rep, across, i, opts.Emit); err != nil {
			return err
		}
		recs.put(slugs[i], r)
		if p.Progress != nil {
			p.Progress(i+1, len(slugs))
		}
		return nil
	})
	if err != nil {
		recs.commit(false, false)
		return nil, err
	}
	closeSpellers()
	if err := across.seen.Close(); err != nil {
		rep.Notes = append(rep.Notes, "consistency across units not fully checked: "+err.Error())
	}
	recs.commit(!spellFailed, len(opts.Articles) == 0 && len(opts.Locales) == 0 && !p.Shard.Sharded())
	return rep, nil
}

// startSpellers starts one hunspell process for each locale with a
// dictionary and gives it, with the project's word list, to the locale's
// checker. It returns the spellers to close, or a note when hunspell is
// not installed.
// Pseudo-locales (regions XA, XB, XC) are not spell-checked.
func startSpellers(p *project.Project, locales []string, checkers map[string]*check.Checker) ([]*check.Speller, []string, error) {
	words, err := p.ReadWordList()
	if err != nil {
		return nil, nil, err
	}
	var spellers []*check.Speller
	for _, loc := range locales {
		if loc == p.Source || pseudoLocale(loc) {
			continue
		}
		s, err := check.StartHunspell(check.DictionaryFor(loc))
		if err != nil {
			return spellers, []string{err.Error()}, nil
		}
		spellers = append(spellers, s)
		checkers[loc] = checkers[loc].WithSpeller(s, words)
	}
	return spellers, nil, nil
}

// pseudoLocale reports whether a locale is a pseudo-locale: one of the
// private-use regions XA, XB, XC that pseudo-translations use.
func pseudoLocale(loc string) bool {
	t, err := project.ParseLocale(loc)
	if err != nil {
		return false
	}
	r, _ := t.Region()
	switch r.String() {
	case "XA", "XB", "XC":
		return true
	}
	return false
}

// articleCheck is what checking an article found, per catalog (locale).
type articleCheck struct {
	parts []*catalogCheck
	// outside is set for an article outside the run's shard: its units
	// go into the consistency index, and its findings are not reported.
	outside bool
}

// catalogCheck is what checking an article's catalog for a locale found:
// its findings in catalog order, and for each translated unit what the
// consistency check across units needs, with where its findings go. It
// is what check's record of the catalog keeps (record.go).
type catalogCheck struct {
	Findings   []check.Finding
	Suppressed int
	Units      []unitSegments

	// loc is the catalog's locale; record is its new record, or nil
	// when the records file holds it already.
	loc    string
	record []byte
}

// unitSegments is a translated unit's segments for the consistency check.
type unitSegments struct {
	At   int                 // index in Findings after the unit's own findings
	Unit int                 // the unit's index in its article
	Line int                 // the unit's line in its catalog
	ID   string              // the unit's id
	Sups []check.Suppression // the entry's consistency suppressions
	// Hashes are the segments' hashes (check.HashSegments).
	Hashes segmentHashes
	// segs are the segments, when the unit was checked in this run.
	segs []check.Segment
}

// acrossUnits is what the consistency check keeps across the articles of
// a run: the index of translations, each with the unit that first gave it
// as one number (ref), so that memory stays small however many articles
// there are (the index keeps what it holds beyond a limit on disk); a
// unit is named again from its article and catalog only when a later one
// disagrees with it.
type acrossUnits struct {
	p        *project.Project
	slugs    []string
	locales  []string
	checkers map[string]*check.Checker
	seen     *check.ConsistencyIndex
}

// A unit's reference packs its article's index in the run (32 bits), its
// locale's among the run's locales (11 bits) and its own in its article
// (21 bits: segment.MaxSize bounds an article to fewer units).
const (
	refUnitBits   = 21
	refLocaleBits = 11
)

// ref returns the reference of a unit of an article's catalog in loc.
func (x *acrossUnits) ref(article, unit int, loc string) uint64 {
	l := slices.Index(x.locales, loc)
	return uint64(article)<<(refUnitBits+refLocaleBits) | uint64(l)<<refUnitBits | uint64(unit)
}

// name returns a unit's catalog line and id: locales/x/uk.yaml:58
// (p-original-url).
func (x *acrossUnits) name(ref uint64) string {
	article := int(ref >> (refUnitBits + refLocaleBits))
	loc := x.locales[int(ref>>refUnitBits)&(1<<refLocaleBits-1)]
	unit := int(ref & (1<<refUnitBits - 1))
	slug := x.slugs[article]
	rel := filepath.ToSlash(project.CatalogPath(slug, loc))
	a, err := x.p.LoadArticle(slug)
	if err != nil {
		return rel
	}
	id := a.ID(unit)
	line := 0
	if f, _, err := x.p.ReadCatalog(project.CatalogPath(slug, loc)); err == nil {
		if live, _ := project.TargetEntries(f); live[id] != nil {
			line = live[id].Line
		}
	}
	return fmt.Sprintf("%s:%d (%s)", rel, line, id)
}

// segments returns the segments of a unit of an article's catalog in loc,
// parsed again: a record keeps only their hashes.
func (x *acrossUnits) segments(slug, loc string, unit int) []check.Segment {
	a, err := x.p.LoadArticle(slug)
	if err != nil || unit >= len(a.Doc.Units) {
		return nil
	}
	f, _, err := x.p.ReadCatalog(project.CatalogPath(slug, loc))
	if err != nil {
		return nil
	}
	e := a.LiveEntries(f)[a.ID(unit)]
	if e == nil {
		return nil
	}
	c := x.checkers[loc].WithInline(a.Doc.Tree)
	src := project.ParseUnit(c, a.Doc, unit, a.Doc.Units[unit].Text, true)
	return c.Segments(src, project.ParseUnit(c, a.Doc, unit, e.Other, false))
}

// emit adds an article's findings to the report in order, checking each
// unit's consistency with the units before it (of this and earlier
// articles) at its place.
func (r *articleCheck) emit(rep *Report, x *acrossUnits, article int, emit func(check.Finding) error) error {
	for _, c := range r.parts {
		if r.outside {
			c.index(x, article)
			continue
		}
		if err := c.emit(rep, x, article, emit); err != nil {
			return err
		}
	}
	return nil
}

// index adds the units of a catalog outside the run's shard to the
// consistency index, finding nothing.
func (r *catalogCheck) index(x *acrossUnits, article int) {
	for _, u := range r.Units {
		x.seen.AddHashes(x.ref(article, u.Unit, r.loc), u.Hashes)
	}
}

func (r *catalogCheck) emit(rep *Report, x *acrossUnits, article int, emit func(check.Finding) error) error {
	next := 0
	flush := func(to int) error {
		for ; next < to; next++ {
			if err := rep.add(r.Findings[next], emit); err != nil {
				return err
			}
		}
		return nil
	}
	slug := x.slugs[article]
	file := filepath.ToSlash(project.CatalogPath(slug, r.loc))
	for _, u := range r.Units {
		if err := flush(u.At); err != nil {
			return err
		}
		ref := x.ref(article, u.Unit, r.loc)
		var found []check.Finding
		if i, other, ok := x.seen.AddHashes(ref, u.Hashes); ok {
			segs := u.segs
			if segs == nil {
				segs = x.segments(slug, r.loc, u.Unit)
			}
			inc := check.Inconsistency{Other: other}
			if c := check.Compared(segs); i < len(c) {
				inc.Source = c[i].Source
			}
			found = append(found, inc.Finding(x.name(other)))
		}
		kept, n, unused := check.Suppress(found, u.Sups)
		rep.Suppressed += n
		for _, s := range unused {
			kept = append(kept, check.Finding{Check: check.SuppressionCheck, Severity: check.Warning,
				Message: fmt.Sprintf("%s %s silences nothing: remove it", check.Directive, s)})
		}
		for _, k := range kept {
			f := check.Finding{File: file, Line: u.Line, Article: slug, Locale: r.loc, Unit: u.ID}
			f.Check, f.Severity, f.Message = k.Check, k.Severity, k.Message
			if err := rep.add(f, emit); err != nil {
				return err
			}
		}
	}
	if err := flush(len(r.Findings)); err != nil {
		return err
	}
	rep.Suppressed += r.Suppressed
	return nil
}

// checkArticle checks an article's catalogs, or takes what their records
// say where their inputs did not change (see records). An article outside
// the run's shard only gives the segments of its units, for the
// consistency check, and no findings. The checkers are shared with other
// goroutines and only read.
func checkArticle(p *project.Project, slug string, locales []string, checkers map[string]*check.Checker, recs *records, outside bool) (*articleCheck, error) {
	ac := &articleCheck{outside: outside}
	var a *project.Article
	var sources []*check.Text  // parsed once, for every locale, when a locale has a translation
	var hashes []string        // of the units' source messages, for every locale
	var common []project.Stamp // the article's and source catalog's, stamped once
	files := &articleFiles{p: p, slug: slug}
	for _, loc := range locales {
		if loc == p.Source {
			continue
		}
		if common == nil {
			common = p.Stamps(project.ArticlePath(slug), project.CatalogPath(slug, p.Source))
		}
		in := recs.inputs(p, files, loc, common)
		if r := recs.reuse(p, in); r != nil {
			ac.parts = append(ac.parts, r)
			continue
		}
		if a == nil {
			var err error
			if a, err = files.article(); err != nil {
				return nil, err
			}
		}
		c := checkers[loc].WithInline(a.Doc.Tree)
		if sources == nil {
			sources = make([]*check.Text, len(a.Doc.Units))
			hashes = make([]string, len(a.Doc.Units))
			for i := range a.Doc.Units {
				hashes[i] = a.Hash(i)
			}
		}
		r, err := checkCatalog(a, in, c, sources, hashes, outside)
		if err != nil {
			return nil, err
		}
		if !outside {
			if r.record, err = recs.write(in, r); err != nil {
				return nil, err
			}
		}
		ac.parts = append(ac.parts, r)
	}
	return ac, nil
}

// checkCatalog checks an article's catalog for one locale (in, read by
// records.reuse): each unit's state and content, then the apostrophes
// across the catalog's units. sources are the units' source texts, parsed
// here when first needed and kept for the other locales; hashes their
// source messages' hashes. With segmentsOnly it only finds the translated
// units' segments, for the consistency check.
func checkCatalog(a *project.Article, in *catalogInputs, c *check.Checker, sources []*check.Text, hashes []string, segmentsOnly bool) (*catalogCheck, error) {
	loc := in.loc
	rep := &catalogCheck{Findings: []check.Finding{}, loc: loc}
	rel := project.CatalogPath(a.Slug, loc)
	if in.targetErr != nil {
		return nil, in.targetErr
	}
	snap := in.target
	// Nothing of the catalog outlives the check of it.
	f, err := project.ParseCatalogShared(rel, snap)
	if err != nil {
		return nil, err
	}
	file := filepath.ToSlash(rel)
	add := func(line int, unit string, found []check.Finding) {
		for _, x := range found {
			rep.Findings = append(rep.Findings, check.Finding{File: file, Line: line, Article: a.Slug, Locale: loc,
				Unit: unit, Check: x.Check, Severity: x.Severity, Message: x.Message})
		}
	}
	live := a.LiveEntries(f)
	current := map[string]bool{}
	type unitResult struct {
		e     *catalog.Entry
		state project.State
		found []check.Finding
		segs  []check.Segment
	}
	results := make([]unitResult, len(a.Doc.Units))
	apostrophes := make([][2]int, len(a.Doc.Units))
	for i := range a.Doc.Units {
		u := &a.Doc.Units[i]
		id := a.ID(i)
		current[id] = true
		e := live[id]
		var found []check.Finding
		var segs []check.Segment
		state := project.StateOf(e, hashes[i])
		switch state {
		case project.Missing:
			msg := "not translated"
			switch {
			case !snap.Exists:
				msg = "no catalog for " + loc + ": run l10n extract"
			case e == nil:
				msg = "not in the catalog: run l10n extract"
			}
			found = append(found, check.Finding{Check: check.Missing, Severity: check.Error, Message: msg})
		case project.Stale:
			msg := "the source changed since this translation: revise it, then delete its hash: line"
			if e.Previous != "" {
				msg = "the source changed since this translation (see the #| lines): revise it, then delete its hash: line"
			}
			found = append(found, check.Finding{Check: check.Stale, Severity: check.Warning, Message: msg})
		default:
			if sources[i] == nil {
				sources[i] = project.ParseUnit(c, a.Doc, i, u.Text, true)
			}
			tgt := project.ParseUnit(c, a.Doc, i, e.Other, false)
			if !segmentsOnly {
				found = c.Check(sources[i], tgt, u.SingleLine)
			}
			segs = c.Segments(sources[i], tgt)
			apostrophes[i][0], apostrophes[i][1] = check.ApostropheCount(tgt)
		}
		results[i] = unitResult{e: e, state: state, found: found, segs: segs}
	}
	for i, x := range check.MixedApostrophes(apostrophes) {
		results[i].found = append(results[i].found, x)
	}
	for i, r := range results {
		id := a.ID(i)
		found := r.found
		line := 0
		var sups []check.Suppression
		if r.e != nil {
			line = r.e.Line
			var n int
			found, sups, n = project.SuppressUnit(found, r.e, r.state == project.Translated)
			rep.Suppressed += n
			found = append(found, conflictFindings(r.e)...)
			if r.state == project.Translated && project.NeedsReview(r.e) {
				found = append(found, check.Finding{Check: check.Review, Severity: check.Warning,
					Message: "pre-filled from the translation memory: check it, then delete the # " + check.ReviewDirective + " line"})
			}
		}
		add(line, id, found)
		if r.segs != nil {
			rep.Units = append(rep.Units, unitSegments{At: len(rep.Findings), Unit: i, Line: line, ID: id, Sups: sups,
				Hashes: check.HashSegments(loc, r.segs), segs: r.segs})
		}
	}
	obsolete := func(e *catalog.Entry) {
		// A copy of the id: the catalog's values are parts of the file.
		add(e.Line, strings.Clone(e.ID), []check.Finding{{Check: check.Obsolete, Severity: check.Info,
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
	return rep, nil
}

// conflictFindings reports the import conflicts an entry's comments
// hold (see importUnit): errors, which no suppression silences, until the
// translator deletes the comment.
func conflictFindings(e *catalog.Entry) []check.Finding {
	var out []check.Finding
	for _, c := range project.Conflicts(e) {
		file, text, _ := project.ParseConflict(c)
		out = append(out, check.Finding{Check: check.Conflict, Severity: check.Error,
			Message: fmt.Sprintf("%s has another translation, %s: keep one in other:, then delete the # %s comment", file, strconv.QuoteToGraphic(text), check.ConflictDirective)})
	}
	return out
}

// WriteText writes the findings, one a line (see check.Finding.String).
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Findings {
		b.WriteString(f.String())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
