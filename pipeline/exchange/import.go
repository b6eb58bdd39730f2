package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/xliff"
	"golang.org/x/text/language"
)

// ImportFile is an exchange file to import: its name, for messages and
// to tell the format by its extension, and its content.
type ImportFile struct {
	Name string // as the user gave it; messages name the file so
	Data []byte
}

// ImportResult says what an import did, or would do.
type ImportResult struct {
	Units int `json:"units"` // units read from the files
	// Units by outcome (see ImportOutcome): taken, kept, same, conflict,
	// unchanged, empty and failed.
	Taken       int `json:"taken"`
	Kept        int `json:"kept"`
	Same        int `json:"same"`
	Conflicts   int `json:"conflict"`
	Unchanged   int `json:"unchanged"`
	Empty       int `json:"empty"`
	NotImported int `json:"failed"`
	// Updated counts the catalog entries changed (a translation taken,
	// comments taken or merged, a conflict comment added); Stale those
	// of them that are stale (fuzzy, or the source changed since the
	// export).
	Updated int `json:"updated"`
	Stale   int `json:"stale"`
	// Outcomes say what happens to each unit, in file order.
	Outcomes []ImportOutcome `json:"outcomes"`
	// Findings are the units not imported or in conflict (errors) and
	// those worth a look (warnings), in file order.
	Findings []check.Finding `json:"findings"`
	// Written are the catalogs written, relative to the root.
	Written []string `json:"written"`
}

// count adds an outcome to the result.
func (r *ImportResult) count(o ImportOutcome) {
	r.Outcomes = append(r.Outcomes, o)
	switch o.Outcome {
	case OutcomeTaken:
		r.Taken++
	case OutcomeKept:
		r.Kept++
	case OutcomeSame:
		r.Same++
	case OutcomeConflict:
		r.Conflicts++
	case OutcomeUnchanged:
		r.Unchanged++
	case OutcomeEmpty:
		r.Empty++
	case OutcomeFailed:
		r.NotImported++
	}
}

// Failed reports whether a unit was not imported.
func (r *ImportResult) Failed() bool {
	for _, f := range r.Findings {
		if f.Severity == check.Error {
			return true
		}
	}
	return false
}

// incoming is one unit of an exchange file, whatever its format.
type incoming struct {
	file string
	line int
	// articleLine is where the file names the article: the <file>
	// element of an XLIFF unit, the entry of a PO unit.
	articleLine int
	// localeLine is where the file names the target language: the
	// <file> element, or the PO header.
	localeLine int
	slug       string
	locale     string
	id         string
	// source is the English text the file was exported with; for XLIFF
	// the Markdown of xsource, whose codes may have lost characters XML
	// cannot hold.
	source string
	// target is a PO translation; XLIFF's is xtarget, resolved against
	// the article.
	target    string
	hasTarget bool
	isXLIFF   bool
	xsource   xliff.Content
	xtarget   xliff.Content
	// review marks a translation to review: fuzzy, needs-review-*, or a
	// target whose state says it is not translated yet (untranslated).
	review       bool
	untranslated bool
	// approved is an XLIFF unit's approved="yes": the translator
	// confirmed its target.
	approved bool
	// previous is the "#|" source of a fuzzy PO entry.
	previous string
	// comments are the translator's comments in the file; hasComments
	// says whether the file speaks for them (PO always does; XLIFF only
	// when it has translator notes, since CAT tools may drop notes).
	comments    []string
	hasComments bool
	// base is what the catalog held when the file was exported; nil
	// for a file without l10n:base lines (made by another tool, or
	// passed through one that drops them).
	base *exchangeBase
}

// Import reads exchange files (XLIFF 1.2 or PO, as Export writes them and
// CAT tools save them) and writes their translations into the catalogs.
// Every file is read and checked before anything is written: a malformed
// file, an unknown article, locale or unit id, or a unit given twice is
// an *InputError naming the file and line, and nothing is written. A
// translation whose markup (links, images, code spans, raw HTML) differs
// from its source is not imported and is reported as an error finding;
// the other units are imported. An empty translation leaves the catalog's
// as it is. A unit whose English source changed since the export keeps
// the imported translation as stale, with the source it was made from as
// its previous text. A catalog is written only if an entry in it changed.
//
// Units that carry their base (the l10n:base line Export writes) merge
// three ways: a unit the file did not change keeps the catalog's text
// even if the catalog changed since the export; one both changed
// differently is a conflict, an error finding, and the catalog keeps its
// text with the file's beside it in a "# l10n:conflict" comment.
// Translator comments merge likewise. ImportResult.Outcomes says what
// happened to each unit.
func Import(p *project.Project, files ...ImportFile) (*ImportResult, error) {
	return importFiles(p, files, true)
}

// ValidateImport is Import without writing: it reads and checks the
// files and says what Import would do.
func ValidateImport(p *project.Project, files ...ImportFile) (*ImportResult, error) {
	return importFiles(p, files, false)
}

func importFiles(p *project.Project, files []ImportFile, commit bool) (*ImportResult, error) {
	var all []*incoming
	for _, f := range files {
		ins, err := readExchange(p, f)
		if err != nil {
			return nil, err
		}
		all = append(all, ins...)
	}
	slugs, err := p.Articles()
	if err != nil {
		return nil, err
	}
	known := map[string]bool{}
	for _, s := range slugs {
		known[s] = true
	}
	type group struct {
		a   *project.Article
		loc string
		ins []*incoming
		idx []int
	}
	articles := map[string]*project.Article{}
	unitIndex := map[string]map[string]int{} // slug -> unit id -> index
	locales := map[[2]string]string{}        // slug and the file's locale -> catalog locale
	groups := map[string]*group{}
	var order []string
	seen := map[string]*incoming{}
	for _, in := range all {
		if !known[in.slug] {
			return nil, &project.InputError{File: in.file, Line: in.articleLine, Err: fmt.Errorf("unknown article %q: there is no %s", in.slug, articleFile(in.slug))}
		}
		a := articles[in.slug]
		if a == nil {
			if a, err = p.LoadArticle(in.slug); err != nil {
				return nil, err
			}
			articles[in.slug] = a
			unitIndex[in.slug] = map[string]int{}
			for i := range a.Doc.Units {
				unitIndex[in.slug][a.ID(i)] = i
			}
		}
		loc, ok := locales[[2]string{in.slug, in.locale}]
		if !ok {
			if loc, err = importLocale(p, in.slug, in.locale); err != nil {
				return nil, &project.InputError{File: in.file, Line: in.localeLine, Err: err}
			}
			locales[[2]string{in.slug, in.locale}] = loc
		}
		i, ok := unitIndex[in.slug][in.id]
		if !ok {
			return nil, &project.InputError{File: in.file, Line: in.line, Err: fmt.Errorf("unknown unit %q: %s has no such unit (was the file exported from another version of the article?)", in.id, articleFile(in.slug))}
		}
		key := in.slug + "\x00" + loc + "\x00" + in.id
		if first := seen[key]; first != nil {
			return nil, &project.InputError{File: in.file, Line: in.line, Err: fmt.Errorf("unit %s/%s (%s) is also at %s:%d", in.slug, in.id, loc, first.file, first.line)}
		}
		seen[key] = in
		gk := in.slug + "\x00" + loc
		g := groups[gk]
		if g == nil {
			g = &group{a: a, loc: loc}
			groups[gk] = g
			order = append(order, gk)
		}
		g.ins = append(g.ins, in)
		g.idx = append(g.idx, i)
	}
	res := &ImportResult{Units: len(all), Outcomes: []ImportOutcome{}, Findings: []check.Finding{}, Written: []string{}}
	gl, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	checkers := map[string]*check.Checker{}
	var writes []stage.File
	for _, gk := range order {
		g := groups[gk]
		f, snap, err := p.TargetFile(g.a, g.loc)
		if err != nil {
			return nil, err
		}
		if checkers[g.loc] == nil {
			checkers[g.loc] = check.New(p.Source, g.loc, gl, nil)
		}
		c := checkers[g.loc].WithInline(g.a.Doc.Tree)
		changed := false
		for k, in := range g.ins {
			if importUnit(p, g.a, g.idx[k], f.Entries[g.idx[k]], g.loc, in, c, res) {
				changed = true
			}
		}
		if changed {
			rel := project.CatalogPath(g.a.Slug, g.loc)
			writes = append(writes, stage.File{Rel: rel, Data: project.EncodeTarget(f, g.a.Slug, g.loc, g.a.SourceNotes(g.loc, gl)), Snap: snap})
		}
	}
	if !commit {
		for _, w := range writes {
			if !w.Snap.Unchanged(w.Data) {
				res.Written = append(res.Written, w.Rel)
			}
		}
		return res, nil
	}
	written, err := stage.Files(p.Root, writes)
	res.Written = append(res.Written, written...)
	return res, err
}

// importLocale maps the locale an exchange file names to a catalog's:
// one of the project's locales (uk_UA and uk-UA find uk when the project
// has one Ukrainian locale), or a locale the article has a catalog for.
func importLocale(p *project.Project, slug, loc string) (string, error) {
	if loc == "" {
		return "", errors.New("the file names no target language")
	}
	loc = strings.ReplaceAll(loc, "_", "-")
	t, err := project.ParseLocale(loc)
	if err != nil {
		return "", err
	}
	for _, l := range p.Locales {
		if strings.EqualFold(l, loc) {
			return l, nil
		}
	}
	if strings.EqualFold(loc, p.Source) {
		return "", fmt.Errorf("%s is the source locale: import translations into a target locale", loc)
	}
	if snap, err := stage.Read(p.Abs(project.CatalogPath(slug, loc))); err == nil && snap.Exists {
		return loc, nil
	}
	base, _ := t.Base()
	if src, _ := language.Make(p.Source).Base(); src == base {
		// en_US for a project whose source is en: the file is in the
		// source's language (a PO header a tool filled in with its own).
		return "", fmt.Errorf("%s is the source language (%s), not a target locale: import translations into one of %s",
			loc, p.Source, strings.Join(p.Locales, ", "))
	}
	var match []string
	for _, l := range p.Locales {
		if b, _ := language.Make(l).Base(); b == base {
			match = append(match, l)
		}
	}
	if len(match) == 1 {
		return match[0], nil
	}
	return "", fmt.Errorf("locale %s is not one of the project's (%s) and %s has no catalog for it (add it to %s, or run l10n extract --locale %s first)",
		loc, strings.Join(p.Locales, ", "), articleFile(slug), project.ConfigFile, loc)
}

// readExchange parses one exchange file into units.
func readExchange(p *project.Project, f ImportFile) ([]*incoming, error) {
	if exchangeFormat(f) == FormatPO {
		return readPO(f)
	}
	return readXLIFF(p, f)
}

// exchangeFormat tells a file's format by its extension, else by its
// first character.
func exchangeFormat(f ImportFile) Format {
	switch strings.ToLower(filepath.Ext(f.Name)) {
	case ".po", ".pot":
		return FormatPO
	case ".xlf", ".xliff", ".xml":
		return FormatXLIFF
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(f.Data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if bytes.HasPrefix(t, []byte("<")) {
		return FormatXLIFF
	}
	return FormatPO
}

func readPO(f ImportFile) ([]*incoming, error) {
	pf, err := po.Parse(f.Data)
	if err != nil {
		return nil, fileerr.In(f.Name, err)
	}
	loc, _ := pf.Get("Language")
	if loc == "" {
		return nil, &project.InputError{File: f.Name, Line: pf.HeaderLine, Err: errors.New("the header has no Language (export the file with l10n export --format po)")}
	}
	var out []*incoming
	for _, m := range pf.Messages {
		if m.Obsolete {
			continue
		}
		if !m.HasMsgctxt {
			return nil, &project.InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("entry without msgctxt: l10n needs <article>/<unit id> in msgctxt (msgid %q)", abbreviate(m.Msgid))}
		}
		slug, id, ok := strings.Cut(m.Msgctxt, "/")
		if !ok || slug == "" || id == "" {
			return nil, &project.InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("msgctxt %q is not <article>/<unit id>", m.Msgctxt)}
		}
		if m.HasPlural {
			return nil, &project.InputError{File: f.Name, Line: m.Line, Err: fmt.Errorf("%s: plural entries are not l10n's (msgid_plural)", m.Msgctxt)}
		}
		base, err := parseBase(m.Extracted)
		if err != nil {
			return nil, &project.InputError{File: f.Name, Line: m.Line, Err: err}
		}
		out = append(out, &incoming{
			file: f.Name, line: m.Line, articleLine: m.Line, localeLine: pf.HeaderLine, slug: slug, id: id, locale: loc,
			source: m.Msgid, target: m.Msgstr, hasTarget: m.Msgstr != "",
			review: m.Fuzzy(), previous: m.PrevMsgid,
			comments: m.Comments, hasComments: true, base: base,
		})
	}
	return out, nil
}

func readXLIFF(p *project.Project, f ImportFile) ([]*incoming, error) {
	doc, err := xliff.Decode(f.Data)
	if err != nil {
		return nil, fileerr.In(f.Name, err)
	}
	var out []*incoming
	for _, xf := range doc.Files {
		orig := strings.ReplaceAll(xf.Original, `\`, "/")
		slug := strings.TrimSuffix(strings.TrimPrefix(orig, "articles/"), ".md")
		if slug == orig || !strings.HasPrefix(orig, "articles/") || strings.Contains(slug, "/") || slug == "" {
			return nil, &project.InputError{File: f.Name, Line: xf.Line, Err: fmt.Errorf("<file original=%q> does not name an article (articles/<slug>.md)", xf.Original)}
		}
		if xf.SourceLanguage != "" && !strings.EqualFold(strings.ReplaceAll(xf.SourceLanguage, "_", "-"), p.Source) {
			return nil, &project.InputError{File: f.Name, Line: xf.Line, Err: fmt.Errorf("source-language %q is not the project's source locale %s", xf.SourceLanguage, p.Source)}
		}
		if xf.TargetLanguage == "" {
			return nil, &project.InputError{File: f.Name, Line: xf.Line, Err: errors.New("<file> without a target-language")}
		}
		for _, u := range xf.Units {
			in := &incoming{
				file: f.Name, line: u.Line, articleLine: xf.Line, localeLine: xf.Line, slug: slug, id: u.ID, locale: xf.TargetLanguage,
				isXLIFF: true, xsource: u.Source, xtarget: u.Target, source: u.Source.Markdown(),
				hasTarget: u.HasTarget && len(u.Target) > 0, approved: u.Approved == "yes",
			}
			switch u.State {
			case "", xliff.StateTranslated, "final", "signed-off":
			case "new", xliff.StateNeedsTranslation, "needs-l10n", "needs-adaptation":
				// A target in a unit not translated yet: kept, to
				// review, unless it is a copy of the source.
				in.review, in.untranslated = true, true
			default:
				in.review = true
			}
			var notes []string
			for _, n := range u.Notes {
				if n.From == "translator" {
					in.comments = append(in.comments, n.Text)
					in.hasComments = true
					continue
				}
				notes = append(notes, n.Text)
			}
			if in.base, err = parseBase(notes); err != nil {
				return nil, &project.InputError{File: f.Name, Line: u.Line, Err: err}
			}
			out = append(out, in)
		}
	}
	return out, nil
}

func abbreviate(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// importUnit applies one unit of an exchange file to its catalog entry
// (a copy targetFile made), records its outcome, and reports whether the
// entry changed.
//
// With the unit's base (what the catalog held at the export), it merges
// three ways: a unit the translator did not touch leaves the catalog as
// it is now; one only the translator changed is taken; one both changed
// to the same text needs nothing; one both changed differently is a
// conflict: the catalog keeps its translation and gets the file's in a
// "# l10n:conflict" comment. Without a base, a non-empty translation that
// differs from the catalog's is taken.
func importUnit(p *project.Project, a *project.Article, i int, e *catalog.Entry, loc string, in *incoming, c *check.Checker, res *ImportResult) bool {
	u := &a.Doc.Units[i]
	finding := func(sev check.Severity, msg string) {
		res.Findings = append(res.Findings, check.Finding{File: in.file, Line: in.line, Article: a.Slug, Locale: loc, Unit: in.id, Severity: sev, Message: msg})
	}
	before := *e
	out := ImportOutcome{File: in.file, Line: in.line, Article: a.Slug, Locale: loc, Unit: in.id, Base: in.base != nil}
	out.Comments = mergeComments(e, in)
	done := func(outcome, msg string) bool {
		out.Outcome, out.Message = outcome, msg
		res.count(out)
		if e.Other == before.Other && e.Hash == before.Hash && e.Previous == before.Previous && slices.Equal(e.Comments, before.Comments) {
			return false
		}
		res.Updated++
		return true
	}

	// The source the file was exported with, and the translation.
	current := exchangeText(u, u.Text)
	source, target := in.source, in.target
	if in.isXLIFF {
		cur := unitContent(a.Doc, u, current)
		var raw xliff.Content
		if cur.Same(in.xsource) {
			source, raw = current, cur
		}
		t, err := xliff.Resolve(in.xtarget, in.xsource, raw)
		if err != nil {
			finding(check.Error, "not imported: "+err.Error())
			return done(OutcomeFailed, "not imported: "+err.Error())
		}
		target = t
	}
	// The catalog's entry now, in the state it has against the source
	// the file was exported with, as a base would record it.
	catalogNow := unitDigest(exportedState(a, i, e, source, current), exchangeText(u, e.Other))
	if !in.hasTarget || strings.TrimSpace(target) == "" || in.untranslated && target == source {
		// An empty target, or a CAT tool's copy of the source into a
		// unit it says is not translated: no translation, and never
		// one that erases the catalog's.
		missing := unitDigest(project.Missing, "")
		switch {
		case catalogNow == missing:
			return done(OutcomeUnchanged, "")
		case in.base != nil && in.base.unit == missing:
			return done(OutcomeKept, "exported untranslated and left so; the catalog has a translation now, which stays")
		}
		return done(OutcomeEmpty, "the file has no translation: the catalog's stays")
	}
	if exchangeText(u, target) == exchangeText(u, e.Other) {
		// What the catalog has, as export wrote it.
		target = e.Other
	}
	if target == e.Other && in.approved && !in.review && project.NeedsReview(e) {
		// The translator approved the pre-fill from the memory export
		// sent unapproved: confirmed, as a save in the workbench
		// confirms it.
		project.Confirm(e)
		return done(OutcomeTaken, "the file approves the translation the memory pre-filled: confirmed (its review line goes)")
	}
	if in.base != nil && catalogNow != unitDigest(project.Missing, "") {
		// (An entry without a translation takes the file's whatever
		// the base says: filling it loses nothing.)
		fileState := project.Translated
		if in.review {
			fileState = project.Stale
		}
		text := exchangeText(u, target)
		inFile := unitDigest(fileState, text)
		// A file that changed only the unit's state (marked it for
		// review, or confirmed it) has the text it was exported with.
		sameText := unitDigest(project.Translated, text) == in.base.unit || unitDigest(project.Stale, text) == in.base.unit
		switch {
		case inFile == in.base.unit && catalogNow == in.base.unit:
			return done(OutcomeUnchanged, "")
		case inFile == in.base.unit:
			return done(OutcomeKept, "the file has the translation as exported; the catalog's changed since and stays")
		case catalogNow == in.base.unit:
			// Only the translator changed it: taken below.
		case sameText:
			return done(OutcomeKept, "the file changed only the state of the translation exported; the catalog's changed since and stays")
		case target == e.Other:
			return done(OutcomeSame, "changed in the file and in the catalog since the export, to the same text")
		default:
			if cc := project.ConflictComment(in.file, target); !slices.Contains(e.Comments, cc) {
				e.Comments = append(e.Comments, cc)
			}
			msg := "changed in the file and in the catalog since the export: the catalog keeps its translation, the file's is beside it in a # " +
				check.ConflictDirective + " comment; keep one, then delete the comment"
			finding(check.Error, "conflict: "+msg)
			return done(OutcomeConflict, msg)
		}
	}
	if target != e.Other {
		// A new translation gets l10n check's content checks (one the
		// catalog has already is check's to report): an error keeps
		// the unit out, a warning is reported. The entry's l10n:ignore
		// comments apply.
		found := c.Check(project.ParseUnit(c, a.Doc, i, source, true), project.ParseUnit(c, a.Doc, i, target, false), u.SingleLine)
		found, _ = project.Suppress(found, e, false)
		var errs []string
		for _, f := range found {
			switch f.Severity {
			case check.Error:
				errs = append(errs, "["+f.Check+"] "+f.Message)
			case check.Warning:
				finding(check.Warning, "["+f.Check+"] "+f.Message)
			}
		}
		if len(errs) > 0 {
			msg := "not imported: " + strings.Join(errs, "; ")
			finding(check.Error, msg)
			return done(OutcomeFailed, msg)
		}
	}
	sourceChanged := source != current
	if sourceChanged && target == e.Other {
		// The catalog has this translation already, and the article
		// has moved on since the export: nothing to learn.
		return done(OutcomeUnchanged, "")
	}
	desc := project.Description(u)
	hc := a.Hash(i)
	e.Other = target
	if !in.review && target != before.Other {
		// A translator's text over a pre-fill from the memory is
		// confirmed work, as a save in the workbench is.
		project.Confirm(e)
	}
	switch {
	case !in.review && !sourceChanged:
		e.Hash, e.Previous = hc, ""
	case !in.review:
		e.Hash, e.Previous = catalog.Hash(desc, source), source
	case project.StateOf(&before, hc) == project.Stale:
		// Still to review: keep what it was translated from.
	case in.previous != "" && in.previous != current:
		e.Hash, e.Previous = catalog.Hash(desc, in.previous), in.previous
	case sourceChanged:
		e.Hash, e.Previous = catalog.Hash(desc, source), source
	default:
		// A translator marked the unit for review: stale (with no
		// previous text) until someone confirms it.
		e.Hash, e.Previous = catalog.Hash(desc, ""), ""
	}
	if sourceChanged {
		finding(check.Warning, "the English source changed since the export: the translation is imported as stale, for review against the new source")
	}
	if e.Other == before.Other && e.Hash == before.Hash && e.Previous == before.Previous {
		return done(OutcomeUnchanged, "")
	}
	msg := "the file's translation replaces the catalog's"
	if project.StateOf(e, hc) == project.Stale {
		res.Stale++
		msg += ", to review (stale)"
	}
	if in.base == nil {
		msg += " (the file has no " + baseDirective + " line)"
	}
	return done(OutcomeTaken, msg)
}

// exportedState returns the state of a catalog entry against the source
// an exchange file was exported with (source, as the file holds it),
// rather than the article's current one: what a base recorded at that
// export would say for the entry as it is now.
func exportedState(a *project.Article, i int, e *catalog.Entry, source, current string) project.State {
	h := a.Hash(i)
	if source != current {
		u := &a.Doc.Units[i]
		h = catalog.Hash(project.Description(u), source)
		// A front-matter field travels without the line break a block
		// scalar ends with.
		if withBreak := catalog.Hash(project.Description(u), source+"\n"); u.FrontMatter() && e.Hash == withBreak {
			h = withBreak
		}
	}
	return project.StateOf(e, h)
}
