// Package build is the stage that writes editions: out/<locale>/<slug>.md
// and .html for each article and locale, and an index page per locale,
// from the article's skeleton and its catalog. It keeps a record of each
// edition in out/.cache (record.go) and builds again only what changed.
package build

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Policy says what build does with units that are missing, stale or to
// review: pre-filled from the translation memory and not confirmed by a
// translator (# l10n:review), which a newsroom does not publish as if
// someone had translated them.
type Policy string

// Build policies.
const (
	// PolicyMark builds with the English source for missing units, the
	// stale translation for stale ones and the memory's for those to
	// review, and marks them visibly in the HTML edition and with a note
	// in the Markdown.
	PolicyMark Policy = "mark"
	// PolicyFail builds nothing for an edition with a missing, stale or
	// to-review unit and returns ErrIncomplete.
	PolicyFail Policy = "fail"
	// PolicyShip builds like PolicyMark, without marks.
	PolicyShip Policy = "ship"
)

// ParsePolicy checks a policy name.
func ParsePolicy(s string) (Policy, error) {
	switch p := Policy(s); p {
	case PolicyMark, PolicyFail, PolicyShip:
		return p, nil
	}
	return "", fmt.Errorf("unknown policy %q (want mark, fail or ship)", s)
}

// ErrIncomplete is returned by Build under PolicyFail when an edition has
// missing, stale or to-review units.
var ErrIncomplete = errors.New("editions incomplete")

// Options selects what build makes.
type Options struct {
	Articles []string
	// Locales are the editions' locales; when empty, the source locale
	// and the project's target locales, so that every edition's links to
	// the others (hreflang) find them.
	Locales []string
	Policy  Policy // PolicyMark when empty
	// Force rebuilds every edition, even one whose inputs did not change
	// since it was built.
	Force bool
	// Emit, if set, receives each edition in article order as its
	// article is done, and Result.Editions stays empty: memory then
	// stays flat however many articles there are.
	Emit func(Edition) error
}

// Edition describes one built edition.
type Edition struct {
	Article string `json:"article"`
	Locale  string `json:"locale"`
	Title   string `json:"title"`
	Date    string `json:"date,omitempty"` // YYYY-MM-DD
	Units   int    `json:"units"`
	Missing int    `json:"missing"`
	Stale   int    `json:"stale"`
	// Review counts the units pre-filled from the translation memory
	// that no translator confirmed (# l10n:review): built like stale
	// ones, under the same policy.
	Review int `json:"review"`
	// Reused is set when the edition on disk was up to date and not
	// built again.
	Reused bool `json:"reused"`
	// Warnings name each unit whose HTML build changed, and how
	// (`locales/<slug>/<locale>.yaml: <unit>: <what>`): a URL with a
	// scheme outside the allowed ones that became "#", an image dropped,
	// markup the HTML sanitizer removed.
	Warnings []string `json:"warnings,omitempty"`
}

// Result says what build did.
type Result struct {
	// Editions are the editions in article order (none with
	// Options.Emit, which receives them instead).
	Editions []Edition
	// Written are the files written, relative to the root, in the order
	// they were staged (none with Options.Emit: Files counts them).
	Written []string
	// Files is how many files were written.
	Files int
	// Reused counts the editions that were not built again:
	// their article, catalogs, policy and l10n itself were as when they
	// were last built, and their files were as build left them.
	Reused int
	// Removed are the editions of articles that are gone, which build
	// removed.
	Removed []string
}

// Run builds the editions out/<locale>/<slug>.md and .html. Building the
// source locale reproduces each article byte for byte.
//
// Articles are built in parallel and their files staged as they come; the
// editions replace the old ones only when every article has been built.
// An edition is built again only when its inputs changed since the last
// build (see Options.Force): build records each edition's inputs in
// out/.cache/<locale>/<slug>.json.
func Run(p *project.Project, opts Options) (*Result, error) {
	want := opts.Locales
	if len(want) == 0 {
		want = append([]string{p.Source}, p.Locales...)
	}
	pk, err := p.Pick(opts.Articles, want, 0)
	if err != nil {
		return nil, err
	}
	slugs, locales := pk.Slugs, pk.Locales
	policy := opts.Policy
	if policy == "" {
		policy = PolicyMark
	}
	locales = project.Unique(locales)
	s, err := newSite(p, pk.Layout, locales)
	if err != nil {
		return nil, err
	}
	s.records = p.OpenRecords("build")
	defer s.records.Abort()
	// Each edition writes its Markdown and its HTML; after the articles,
	// each locale its index page (and an empty slot). Its record goes to
	// the records file, not through the Set.
	st, err := stage.New(p.Root, false, 2*len(locales), func(i, slot int) string {
		loc := locales[slot/2]
		switch {
		case i == len(slugs):
			return IndexPath(loc)
		case slot%2 == 0:
			return project.EditionPath(slugs[i], loc, ".md")
		}
		return project.EditionPath(slugs[i], loc, ".html")
	})
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	clean := sweptFolders(p, pk.Layout, s.records, st, locales)
	// Each locale's recipe, the same for every article.
	recipes := make([]string, len(locales))
	for k, loc := range locales {
		recipes[k] = recipe(project.ToolVersion(), policy, p.Source, loc, s.key)
	}
	res := &Result{}
	var incomplete []string
	// What the index pages list of each edition; under a shard, the
	// index pages are left to a build over every shard's editions (see
	// README, Performance): one shard knows only its own.
	var ix *indexes
	if !p.Shard.Sharded() {
		ix = newIndexes(s, locales, p.Abs(project.CacheDir))
		ix.force = opts.Force
		defer ix.close()
	}
	err = pool.Ordered(len(slugs), func(i int) ([]builtEdition, error) {
		return buildArticle(p, slugs[i], locales, recipes, policy, s, opts.Force)
	}, func(i int, eds []builtEdition) error {
		for _, b := range eds {
			ed := b.ed
			ed.Reused = b.reused
			if opts.Emit != nil {
				if err := opts.Emit(ed); err != nil {
					return err
				}
			} else {
				res.Editions = append(res.Editions, ed)
			}
			ix.add(&ed)
			if b.reused {
				res.Reused++
			}
			if policy == PolicyFail && ed.Incomplete() {
				incomplete = append(incomplete, project.CatalogPath(ed.Article, ed.Locale)+": "+ed.Counts())
			}
			if len(incomplete) > 0 {
				// Nothing will be written: stage nothing more.
				continue
			}
			changed := false
			for _, w := range []*stage.File{b.md, b.html} {
				c, err := st.Put(w)
				if err != nil {
					return err
				}
				changed = changed || c
			}
			if !changed && b.record != nil && bytes.Equal(b.record, b.old) {
				b.record = nil
			}
			// A new record is written after the files it describes, so
			// that a file changed after the build is newer than it.
			s.records.Put(RecordName(ed.Article, ed.Locale), b.record)
		}
		if p.Progress != nil {
			p.Progress(i+1, len(slugs))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(incomplete) > 0 {
		return res, fmt.Errorf("%w (policy fail): %s", ErrIncomplete, strings.Join(incomplete, "; "))
	}
	if ix != nil {
		if err := ix.stage(p, st); err != nil {
			return nil, err
		}
	}
	// The files written are counted, and listed only for a caller that
	// takes the editions at the end too (no Options.Emit); removeRetracted
	// needs the index pages among them.
	var pages []string
	err = st.CommitEach(func(rel string) {
		res.Files++
		if opts.Emit == nil {
			res.Written = append(res.Written, rel)
		}
		if filepath.Base(rel) == "index.html" {
			pages = append(pages, rel)
		}
	})
	if err != nil {
		return res, err
	}
	res.Removed, err = removeRetracted(p, pk.Layout, pages, s.records, clean)
	s.records.Commit(len(opts.Articles) == 0 && len(opts.Locales) == 0 && !p.Shard.Sharded())
	return res, err
}

// Incomplete reports whether an edition has units missing, stale or to
// review: what PolicyFail refuses.
func (ed *Edition) Incomplete() bool { return ed.Missing+ed.Stale+ed.Review > 0 }

// Counts says how many units are missing and stale, and to review when
// there are any: "3 missing, 1 stale, 2 to review".
func (ed *Edition) Counts() string {
	return CountsLine(ed.Missing, ed.Stale, ed.Review)
}

// CountsLine is Counts of any sums of editions.
func CountsLine(missing, stale, review int) string {
	s := fmt.Sprintf("%d missing, %d stale", missing, stale)
	if review > 0 {
		s += fmt.Sprintf(", %d to review", review)
	}
	return s
}

// builtEdition is an edition as build made it: its files to write, or
// none where the edition on disk is up to date.
type builtEdition struct {
	ed       Edition
	reused   bool
	md, html *stage.File
	// record is the edition's new record, or nil when build's records
	// hold it already; old is its record as it was.
	record, old []byte
}

// buildArticle builds an article's editions in the given locales (whose
// recipes are given), or reuses those whose inputs did not change.
func buildArticle(p *project.Project, slug string, locales, recipes []string, policy Policy, s *site, force bool) ([]builtEdition, error) {
	out := make([]builtEdition, len(locales))
	keys := make([]string, len(locales))
	stamps := make([][]project.Stamp, len(locales))
	in := &inputs{p: p, s: s, slug: slug}
	todo := false
	for k, loc := range locales {
		stamps[k] = in.stamps(loc)
		if !force {
			if b, ok := reuse(p, s.records, in, loc, recipes[k], stamps[k]); ok {
				out[k] = b
				continue
			}
		}
		keys[k] = in.key(recipes[k], loc)
		todo = true
	}
	if !todo {
		return out, nil
	}
	a, err := in.loadArticle()
	if err != nil {
		return nil, err
	}
	// The source's URLs, which the URL policy lets through, are the same
	// for every edition: segment read them with the article.
	sh := &shared{urls: edition.SourceURLs(a.Doc), dt: articleDate(a.Doc), hashes: make([]string, len(a.Doc.Units))}
	for k, loc := range locales {
		if out[k].reused {
			continue
		}
		ed, md, page, err := buildEdition(p, a, in, loc, policy, s, sh)
		if err != nil {
			return nil, err
		}
		b := builtEdition{ed: ed}
		for _, f := range []struct {
			ext  string
			data []byte
			to   **stage.File
		}{{".md", md, &b.md}, {".html", page, &b.html}} {
			rel := project.EditionPath(slug, loc, f.ext)
			snap, err := stage.Read(p.Abs(rel))
			if err != nil {
				return nil, err
			}
			*f.to = &stage.File{Rel: rel, Data: f.data, Snap: snap}
		}
		if keys[k] != "" {
			old, _ := s.records.Read(RecordName(slug, loc))
			w, err := project.EncodeRecord(buildRecord{Recipe: recipes[k], Key: keys[k], Inputs: stamps[k],
				Title: ed.Title, Date: ed.Date, Units: ed.Units,
				Missing: ed.Missing, Stale: ed.Stale, Review: ed.Review, Warnings: ed.Warnings, MD: int64(len(md)), HTML: int64(len(page))})
			if err != nil {
				return nil, err
			}
			b.record, b.old = w, old.Data
		}
		out[k] = b
	}
	return out, nil
}

// buildEdition makes one edition's Markdown and HTML from the article a
// and its catalog in loc, read from in, with what its editions share
// (sh).
func buildEdition(p *project.Project, a *project.Article, in *inputs, loc string, policy Policy, s *site, sh *shared) (Edition, []byte, []byte, error) {
	d := a.Doc
	ed := Edition{Article: a.Slug, Locale: loc, Units: len(d.Units)}
	texts := make([]string, len(d.Units))
	states := make([]project.State, len(d.Units))
	// review marks the translated units pre-filled from the memory that
	// nobody confirmed.
	review := make([]bool, len(d.Units))
	source := loc == p.Source
	if source {
		for i := range d.Units {
			texts[i], states[i] = d.Units[i].Text, project.Translated
		}
	} else {
		rel := project.CatalogPath(a.Slug, loc)
		snap, err := in.target(loc)
		if err != nil {
			return ed, nil, nil, err
		}
		if !snap.Exists {
			if err := p.VariantOf(p.CatalogNames(a.Slug), a.Slug, loc); err != nil {
				return ed, nil, nil, err
			}
			return ed, nil, nil, &project.InputError{File: rel, Err: fmt.Errorf("no catalog for locale %s: run `l10n extract --locale %s` (or `l10n pseudo --locale %s`)", loc, loc, loc)}
		}
		// Nothing of the catalog outlives the edition: the title
		// is a copy.
		f, err := project.ParseCatalogShared(rel, snap)
		if err != nil {
			return ed, nil, nil, err
		}
		live := a.LiveEntries(f)
		for i := range d.Units {
			e := live[a.ID(i)]
			states[i] = project.StateOf(e, sh.hash(a, i))
			switch states[i] {
			case project.Missing:
				ed.Missing++
				texts[i] = d.Units[i].Text
			case project.Stale:
				ed.Stale++
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
			default:
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
				if review[i] = project.NeedsReview(e); review[i] {
					ed.Review++
				}
			}
		}
	}
	md, spans := d.RenderSpans(texts, source)
	// The HTML page holds the body only: front matter is metadata.
	body := d.Body
	for i := range d.Units {
		if d.Units[i].FrontMatter() {
			body = d.Body + spans[i].End - d.Units[i].Span().End
		}
	}
	var marks []edition.Mark
	if policy == PolicyMark {
		for i, st := range states {
			var m edition.Mark
			switch st {
			case project.Missing:
				m = edition.Mark{Class: "l10n-missing", Lang: p.Source}
			case project.Stale:
				m = edition.Mark{Class: "l10n-stale"}
			default:
				if !review[i] {
					continue
				}
				m = edition.Mark{Class: "l10n-review"}
			}
			m.Span = segment.Span{Start: spans[i].Start - body, End: spans[i].End - body}
			marks = append(marks, m)
		}
	}
	ed.Title = a.Slug
	if i, ok := d.Title(); ok {
		if t := strings.TrimSpace(inlineText(d, texts[i], d.Units[i].FrontMatter())); t != "" {
			// A copy of its own: the text it is cut from is larger, and
			// a caller without Options.Emit keeps the edition till the
			// end of the run (Result.Editions).
			ed.Title = strings.Clone(t)
		}
	}
	meta := pageMeta(d, texts, spans, body, sh.dt)
	if !meta.Date.IsZero() {
		ed.Date = meta.Date.Format(time.DateOnly)
	}
	var units []edition.Unit
	for i, st := range states {
		if !source && !d.Units[i].FrontMatter() {
			units = append(units, edition.Unit{Span: segment.Span{Start: spans[i].Start - body, End: spans[i].End - body},
				ID: a.ID(i), Translated: st != project.Missing})
		}
	}
	page, err := edition.HTML(edition.Page{
		Lang: loc, Title: ed.Title, Markdown: md[body:], Marks: marks,
		SourceURLs: sh.urls, Units: units,
		Warn: func(unit, msg string) {
			if unit == "" {
				// A link outside the units, resolved through a
				// definition a translation added.
				unit = "text outside the units"
			}
			ed.Warnings = append(ed.Warnings, fmt.Sprintf("%s: %s: %s", project.CatalogPath(a.Slug, loc), unit, msg))
		},
		Description: meta.Description, Date: meta.Date, Dateline: meta.Dateline,
		Alternates: s.alternates(a.Slug, loc),
		URL:        s.pageURL(a.Slug, loc),
		Link:       func(dest string) string { return s.link(dest, loc, ".html") },
	})
	if err != nil {
		return ed, nil, nil, fmt.Errorf("%s: rendering HTML: %w", project.EditionPath(a.Slug, loc, ".html"), err)
	}
	if !source {
		md = markdownEdition(p, a, loc, texts, states, review, policy, s, md, spans)
	}
	return ed, md, page, nil
}

// shared is what the editions of an article have in common, found once
// for all of them.
type shared struct {
	urls map[string]bool // the source's URLs (edition.SourceURLs)
	dt   dating          // its date (articleDate)
	// hashes are its units' hashes (project.Article.Hash), each made
	// when an edition first needs it: one sha1 per unit, not one per
	// unit and translated edition.
	hashes []string
}

// hash returns the hash of unit i of a (project.Article.Hash).
func (sh *shared) hash(a *project.Article, i int) string {
	if sh.hashes[i] == "" {
		sh.hashes[i] = a.Hash(i)
	}
	return sh.hashes[i]
}

// markdownEdition renders a translated edition's Markdown: its links to
// the project's articles go to their editions in loc, and under
// PolicyMark each missing, stale or to-review unit has a note (an HTML
// comment) before its block, naming the unit and its state. md and spans
// are the article rendered with texts (segment.Doc.RenderSpans), which
// the edition is where no link changes.
func markdownEdition(p *project.Project, a *project.Article, loc string, texts []string, states []project.State, review []bool, policy Policy, s *site, md []byte, spans []segment.Span) []byte {
	d := a.Doc
	var linked []string // texts with their links rewritten, if one is
	for i, t := range texts {
		if !strings.Contains(t, "](") {
			continue // no inline link: nothing to parse
		}
		if !s.mayLink(t) {
			continue
		}
		if r := d.Tree(t).RewriteLinks(func(dest string) string { return s.link(dest, loc, ".md") }); r != t {
			if linked == nil {
				linked = slices.Clone(texts)
			}
			linked[i] = r
		}
	}
	if linked != nil {
		md, spans = d.RenderSpans(linked, false)
	}
	if policy != PolicyMark {
		return md
	}
	var notes []edition.Note
	for i, st := range states {
		var what string
		name := st.String()
		switch {
		case st == project.Missing:
			what = fmt.Sprintf("not translated, the source text (%s) is shown", p.Source)
		case st == project.Stale:
			what = "translated from an earlier version of the source text"
		case review[i]:
			name, what = "review", "pre-filled from the translation memory, not reviewed by a translator"
		default:
			continue
		}
		u := &d.Units[i]
		at := spans[i].Start
		if u.FrontMatter() {
			at = d.FrontMatter.Start
		}
		notes = append(notes, edition.Note{At: at, End: spans[i].End, Kind: u.Kind, Text: fmt.Sprintf("l10n %s %s: %s", name, a.ID(i), what)})
	}
	return edition.Annotate(md, notes)
}

// meta is what an edition's page says of its article besides the text.
type meta struct {
	Description string
	Date        time.Time
	Dateline    segment.Span // in the body
}

// dating is an article's date and the unit that states it (see
// articleDate), the same for each of its editions.
type dating struct {
	date time.Time
	unit int // the dateline's unit, -1 for none
}

// articleDate finds an article's date: the front matter's date, or a
// dateline, a paragraph near the top whose source text is a date
// (November 26, 2024), which the page marks up as a <time>.
func articleDate(d *segment.Doc) dating {
	dt := dating{unit: -1}
	if d.FrontMatter.End > d.FrontMatter.Start {
		dt.date = frontMatterDate(d.Src[d.FrontMatter.Start:d.FrontMatter.End])
	}
	seen := 0
	for i := range d.Units {
		u := &d.Units[i]
		if u.FrontMatter() {
			continue
		}
		if seen++; seen > datelineUnits {
			break
		}
		if u.Kind != segment.Paragraph || !mayStateDate(u.Text) {
			continue
		}
		if t, ok := edition.ParseDate(edition.PlainText(d, u.Text)); ok {
			if dt.date.IsZero() || t.Format(time.DateOnly) == dt.date.Format(time.DateOnly) {
				dt.date, dt.unit = t, i
			}
			break
		}
	}
	return dt
}

// frontMatterDate returns the date of an article's front matter (its
// YAML), or the zero time. A front matter without "date" in it, as
// written or through a double-quoted scalar's escape, has none: it is
// not parsed (parsedFrontMatterDate).
func frontMatterDate(fm []byte) time.Time {
	if !bytes.Contains(fm, []byte("date")) && bytes.IndexByte(fm, '\\') < 0 {
		return time.Time{}
	}
	return parsedFrontMatterDate(fm)
}

// parsedFrontMatterDate returns the date of a front matter, parsed: its
// field date, a YAML timestamp or a string ParseDate reads.
func parsedFrontMatterDate(fm []byte) time.Time {
	var m map[string]any
	if yaml.Unmarshal(fm, &m) != nil {
		return time.Time{}
	}
	switch v := m["date"].(type) {
	case time.Time:
		return v
	case string:
		t, _ := edition.ParseDate(v)
		return t
	}
	return time.Time{}
}

// mayStateDate reports whether a unit's Markdown text may be a dateline:
// every date edition.ParseDate reads has an ASCII digit, and the plain
// text (edition.PlainText) has one only where the Markdown has one (a
// character reference to a digit is written with digits, &#50; or
// &#x32;, and no named one stands for a digit). Where it says no, the
// text need not be parsed.
func mayStateDate(text string) bool {
	return strings.ContainsAny(text, "0123456789")
}

// pageMeta finds an edition's description (the front matter's
// description or summary, translated) and takes its date and dateline
// from the article's (dt) and the edition's spans.
func pageMeta(d *segment.Doc, texts []string, spans []segment.Span, body int, dt dating) meta {
	m := meta{Date: dt.date}
	for _, kind := range []segment.Kind{segment.Description, segment.Summary} {
		for i := range d.Units {
			if m.Description == "" && d.Units[i].Kind == kind {
				m.Description = strings.TrimSpace(texts[i])
			}
		}
	}
	if dt.unit >= 0 {
		m.Dateline = segment.Span{Start: spans[dt.unit].Start - body, End: spans[dt.unit].End - body}
	}
	return m
}

// datelineUnits is how far from the top of an article a dateline may be,
// in units.
const datelineUnits = 6

// inlineText returns the plain text of a unit's Markdown.
func inlineText(d *segment.Doc, s string, plain bool) string {
	if plain {
		return s
	}
	return edition.PlainText(d, s)
}
