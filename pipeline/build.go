package pipeline

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Policy says what build does with units that are missing or stale.
type Policy string

// Build policies.
const (
	// PolicyMark builds with the English source for missing units and
	// the stale translation for stale ones, and marks both visibly in
	// the HTML edition.
	PolicyMark Policy = "mark"
	// PolicyFail builds nothing for an edition with a missing or stale
	// unit and returns ErrIncomplete.
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
// missing or stale units.
var ErrIncomplete = errors.New("editions incomplete")

// BuildOptions selects what build makes.
type BuildOptions struct {
	Articles []string
	// Locales are the editions' locales; when empty, the source locale
	// and the project's target locales, so that every edition's links to
	// the others (hreflang) find them.
	Locales []string
	Policy  Policy // PolicyMark when empty
	// Force rebuilds every edition, even one whose inputs did not change
	// since it was built.
	Force bool
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
	// Reused is set when the edition on disk was up to date and not
	// built again.
	Reused bool `json:"reused"`
	// Warnings name each unit whose HTML build changed, and how
	// (`locales/<slug>/<locale>.yaml: <unit>: <what>`): a URL with a
	// scheme outside the allowed ones that became "#", an image dropped,
	// markup the HTML sanitizer removed.
	Warnings []string `json:"warnings,omitempty"`
}

// BuildResult says what build did.
type BuildResult struct {
	Editions []Edition
	Written  []string
	// Reused counts the editions of Editions that were not built again:
	// their article, catalogs, policy and l10n itself were as when they
	// were last built, and their files were as build left them.
	Reused int
	// Removed are the editions of articles that are gone, which build
	// removed.
	Removed []string
}

// Build writes the editions out/<locale>/<slug>.md and .html. Building the
// source locale reproduces each article byte for byte.
//
// Articles are built in parallel and their files staged as they come; the
// editions replace the old ones only when every article has been built.
// An edition is built again only when its inputs changed since the last
// build (see BuildOptions.Force): build records each edition's inputs in
// out/.cache/<locale>/<slug>.json.
func (p *Project) Build(opts BuildOptions) (*BuildResult, error) {
	want := opts.Locales
	if len(want) == 0 {
		want = append([]string{p.Source}, p.Locales...)
	}
	pk, err := p.pick(opts.Articles, want, 0)
	if err != nil {
		return nil, err
	}
	slugs, locales := pk.slugs, pk.locales
	policy := opts.Policy
	if policy == "" {
		policy = PolicyMark
	}
	locales = unique(locales)
	s, err := p.site(locales)
	if err != nil {
		return nil, err
	}
	// Each edition writes its Markdown, its HTML and its build record;
	// after the articles, each locale its index page.
	st, err := stage.New(p.Root, false, 3*len(locales), func(i, slot int) string {
		loc := locales[slot/3]
		if i == len(slugs) {
			return IndexPath(loc)
		}
		switch slot % 3 {
		case 0:
			return EditionPath(slugs[i], loc, ".md")
		case 1:
			return EditionPath(slugs[i], loc, ".html")
		}
		return recordPath(slugs[i], loc)
	})
	if err != nil {
		return nil, err
	}
	defer st.Abort()
	tool := toolVersion()
	res := &BuildResult{}
	var incomplete []string
	err = pool.Ordered(len(slugs), func(i int) ([]builtEdition, error) {
		return p.buildArticle(slugs[i], locales, policy, tool, s, opts.Force)
	}, func(i int, eds []builtEdition) error {
		for _, b := range eds {
			ed := b.ed
			ed.Reused = b.reused
			res.Editions = append(res.Editions, ed)
			if b.reused {
				res.Reused++
			}
			if policy == PolicyFail && ed.Missing+ed.Stale > 0 {
				incomplete = append(incomplete, fmt.Sprintf("%s: %d missing, %d stale", CatalogPath(ed.Article, ed.Locale), ed.Missing, ed.Stale))
			}
			if len(incomplete) > 0 {
				// Nothing will be written: stage nothing more.
				continue
			}
			changed := false
			for _, w := range []*write{b.md, b.html} {
				c, err := st.Put(w)
				if err != nil {
					return err
				}
				changed = changed || c
			}
			if b.record != nil && changed {
				// The record must be newer than the files.
				b.record.Always = true
			}
			if _, err := st.Put(b.record); err != nil {
				return err
			}
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
	if err := p.stageIndexes(st, s, locales, res.Editions); err != nil {
		return nil, err
	}
	written, err := st.Commit()
	for _, w := range written {
		if !strings.HasPrefix(w, filepath.Join("out", ".cache")+string(filepath.Separator)) {
			res.Written = append(res.Written, w)
		}
	}
	if err != nil {
		return res, err
	}
	res.Removed, err = p.removeRetracted(pk.layout, written)
	return res, err
}

// builtEdition is an edition as build made it: its files to write, or
// none where the edition on disk is up to date.
type builtEdition struct {
	ed               Edition
	reused           bool
	md, html, record *write
}

// buildArticle builds an article's editions in the given locales, or
// reuses those whose inputs did not change.
func (p *Project) buildArticle(slug string, locales []string, policy Policy, tool string, s *site, force bool) ([]builtEdition, error) {
	out := make([]builtEdition, len(locales))
	recipes := make([]string, len(locales))
	keys := make([]string, len(locales))
	stamps := make([][]stamp, len(locales))
	in := &inputs{p: p, slug: slug}
	todo := false
	for k, loc := range locales {
		recipes[k] = recipe(tool, policy, p.Source, loc, s.key)
		stamps[k] = in.stamps(loc)
		if !force {
			if b, ok := p.reuse(in, loc, recipes[k], stamps[k]); ok {
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
	a, err := p.loadArticle(slug)
	if err != nil {
		return nil, err
	}
	for k, loc := range locales {
		if out[k].reused {
			continue
		}
		ed, md, page, err := p.buildEdition(a, loc, policy, s)
		if err != nil {
			return nil, err
		}
		b := builtEdition{ed: ed}
		for _, f := range []struct {
			ext  string
			data []byte
			to   **write
		}{{".md", md, &b.md}, {".html", page, &b.html}} {
			rel := EditionPath(slug, loc, f.ext)
			snap, err := stage.Read(p.abs(rel))
			if err != nil {
				return nil, err
			}
			*f.to = &write{Rel: rel, Data: f.data, Snap: snap}
		}
		if keys[k] != "" {
			old, _ := os.ReadFile(p.abs(recordPath(slug, loc)))
			w, err := p.recordWrite(slug, loc, buildRecord{Recipe: recipes[k], Key: keys[k], Inputs: stamps[k],
				Title: ed.Title, Date: ed.Date, Units: ed.Units,
				Missing: ed.Missing, Stale: ed.Stale, Warnings: ed.Warnings, MD: int64(len(md)), HTML: int64(len(page))}, old)
			if err != nil {
				return nil, err
			}
			b.record = w
		}
		out[k] = b
	}
	return out, nil
}

// buildEdition makes one edition's Markdown and HTML.
func (p *Project) buildEdition(a *article, loc string, policy Policy, s *site) (Edition, []byte, []byte, error) {
	d := a.doc
	ed := Edition{Article: a.slug, Locale: loc, Units: len(d.Units)}
	texts := make([]string, len(d.Units))
	states := make([]State, len(d.Units))
	source := loc == p.Source
	if source {
		for i := range d.Units {
			texts[i], states[i] = d.Units[i].Text, Translated
		}
	} else {
		rel := CatalogPath(a.slug, loc)
		if _, err := os.Stat(p.abs(rel)); err != nil {
			if err := p.variantOf(p.catalogNames(a.slug), a.slug, loc); err != nil {
				return ed, nil, nil, err
			}
			return ed, nil, nil, &InputError{File: rel, Err: fmt.Errorf("no catalog for locale %s: run `l10n extract --locale %s` (or `l10n pseudo --locale %s`)", loc, loc, loc)}
		}
		f, _, err := p.readCatalog(rel)
		if err != nil {
			return ed, nil, nil, err
		}
		live := a.liveEntries(f)
		for i := range d.Units {
			e := live[a.id(i)]
			states[i] = stateOf(e, a.hash(i))
			switch states[i] {
			case Missing:
				ed.Missing++
				texts[i] = d.Units[i].Text
			case Stale:
				ed.Stale++
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
			default:
				texts[i] = edition.Sanitize(d, d.Units[i].Text, e.Other)
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
			case Missing:
				m = edition.Mark{Class: "l10n-missing", Lang: p.Source}
			case Stale:
				m = edition.Mark{Class: "l10n-stale"}
			default:
				continue
			}
			m.Span = segment.Span{Start: spans[i].Start - body, End: spans[i].End - body}
			marks = append(marks, m)
		}
	}
	ed.Title = a.slug
	if i, ok := d.Title(); ok {
		if t := strings.TrimSpace(inlineText(d, texts[i], d.Units[i].FrontMatter())); t != "" {
			ed.Title = t
		}
	}
	meta := pageMeta(d, texts, spans, body)
	if !meta.Date.IsZero() {
		ed.Date = meta.Date.Format(time.DateOnly)
	}
	var units []edition.Unit
	for i, st := range states {
		if !source && !d.Units[i].FrontMatter() {
			units = append(units, edition.Unit{Span: segment.Span{Start: spans[i].Start - body, End: spans[i].End - body},
				ID: a.id(i), Translated: st != Missing})
		}
	}
	page, err := edition.HTML(edition.Page{
		Lang: loc, Title: ed.Title, Markdown: md[body:], Marks: marks,
		SourceURLs: edition.SourceURLs(d.Src[d.Body:]), Units: units,
		Warn: func(unit, msg string) {
			if unit == "" {
				// A link outside the units, resolved through a
				// definition a translation added.
				unit = "text outside the units"
			}
			ed.Warnings = append(ed.Warnings, fmt.Sprintf("%s: %s: %s", CatalogPath(a.slug, loc), unit, msg))
		},
		Description: meta.Description, Date: meta.Date, Dateline: meta.Dateline,
		Alternates: s.alternates(a.slug, loc),
		URL:        s.pageURL(a.slug, loc),
		Link:       func(dest string) string { return s.link(dest, loc, ".html") },
	})
	if err != nil {
		return ed, nil, nil, fmt.Errorf("%s: rendering HTML: %w", EditionPath(a.slug, loc, ".html"), err)
	}
	if !source {
		md = p.markdownEdition(a, loc, texts, states, policy, s)
	}
	return ed, md, page, nil
}

// markdownEdition renders a translated edition's Markdown: its links to
// the project's articles go to their editions in loc, and under
// PolicyMark each missing or stale unit has a note (an HTML comment)
// before its block, naming the unit and its state.
func (p *Project) markdownEdition(a *article, loc string, texts []string, states []State, policy Policy, s *site) []byte {
	d := a.doc
	linked := texts
	for i, t := range texts {
		if r := rewriteLinks(d, t, func(dest string) string { return s.link(dest, loc, ".md") }); r != t {
			if &linked[0] == &texts[0] {
				linked = slices.Clone(texts)
			}
			linked[i] = r
		}
	}
	md, spans := d.RenderSpans(linked, false)
	if policy != PolicyMark {
		return md
	}
	var notes []edition.Note
	for i, st := range states {
		var what string
		switch st {
		case Missing:
			what = fmt.Sprintf("not translated, the source text (%s) is shown", p.Source)
		case Stale:
			what = "translated from an earlier version of the source text"
		default:
			continue
		}
		u := &d.Units[i]
		at := spans[i].Start
		if u.FrontMatter() {
			at = d.FrontMatter.Start
		}
		notes = append(notes, edition.Note{At: at, End: spans[i].End, Kind: u.Kind, Text: fmt.Sprintf("l10n %s %s: %s", st, a.id(i), what)})
	}
	return edition.Annotate(md, notes)
}

// meta is what an edition's page says of its article besides the text.
type meta struct {
	Description string
	Date        time.Time
	Dateline    segment.Span // in the body
}

// pageMeta finds an edition's description (the front matter's
// description or summary, translated) and date: the front matter's date,
// or a dateline, a paragraph near the top whose source text is a date
// (November 26, 2024), which the page marks up as a <time>.
func pageMeta(d *segment.Doc, texts []string, spans []segment.Span, body int) meta {
	var m meta
	for _, kind := range []segment.Kind{segment.Description, segment.Summary} {
		for i := range d.Units {
			if m.Description == "" && d.Units[i].Kind == kind {
				m.Description = strings.TrimSpace(texts[i])
			}
		}
	}
	if d.FrontMatter.End > d.FrontMatter.Start {
		var fm map[string]any
		if yaml.Unmarshal(d.Src[d.FrontMatter.Start:d.FrontMatter.End], &fm) == nil {
			switch v := fm["date"].(type) {
			case time.Time:
				m.Date = v
			case string:
				m.Date, _ = edition.ParseDate(v)
			}
		}
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
		if u.Kind != segment.Paragraph {
			continue
		}
		if t, ok := edition.ParseDate(edition.PlainText(d, u.Text)); ok {
			if m.Date.IsZero() || t.Format(time.DateOnly) == m.Date.Format(time.DateOnly) {
				m.Date = t
				m.Dateline = segment.Span{Start: spans[i].Start - body, End: spans[i].End - body}
			}
			break
		}
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

// buildRecord is what build remembers of an edition it built, in
// out/.cache/<locale>/<slug>.json: what the edition was made from, the
// counts that Build reports and the sizes of its files.
type buildRecord struct {
	// Recipe is the digest of what is not a file: l10n's version, the
	// policy and the locales.
	Recipe string `json:"recipe"`
	// Key is the digest of the recipe and the inputs' content.
	Key string `json:"key"`
	// Inputs are the size and modification time of the article, its
	// source catalog and its catalog for the locale, when they had the
	// content of Key.
	Inputs   []stamp  `json:"inputs"`
	Title    string   `json:"title"`
	Date     string   `json:"date,omitempty"`
	Units    int      `json:"units"`
	Missing  int      `json:"missing"`
	Stale    int      `json:"stale"`
	Warnings []string `json:"warnings,omitempty"`
	MD       int64    `json:"md"`
	HTML     int64    `json:"html"`
}

// edition returns the edition a record describes.
func (r *buildRecord) edition(slug, loc string) Edition {
	return Edition{Article: slug, Locale: loc, Title: r.Title, Date: r.Date, Units: r.Units, Missing: r.Missing, Stale: r.Stale, Warnings: r.Warnings}
}

// stamp is a file's size and modification time (Unix nanoseconds).
type stamp struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"`
}

// recordPath returns the path of an edition's build record, relative to
// the root.
func recordPath(slug, locale string) string {
	return filepath.Join("out", ".cache", locale, slug+".json")
}

// recordWrite returns the write of an edition's build record, which was
// as old (nil if absent). Build stages it after the edition's files and
// writes it whenever it writes them, so that a file changed after the
// build is newer than the record.
func (p *Project) recordWrite(slug, loc string, r buildRecord, old []byte) (*write, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("build record of %s: %w", EditionPath(slug, loc, ""), err)
	}
	snap := stage.Snapshot{Data: old, Exists: old != nil}
	return &write{Rel: recordPath(slug, loc), Data: append(data, '\n'), Snap: snap, Unchecked: true}, nil
}

// reuse returns the edition of an article in loc as last built, if its
// record has the current recipe and inputs, and its files are as build
// wrote them: present, of the recorded sizes and not modified after the
// record. The inputs are the same if their sizes and modification times
// are, and were older than the record (so not changed again within the
// file system's timestamp granularity); otherwise their content is
// compared, and the record renewed with their new stamps.
func (p *Project) reuse(in *inputs, loc, recipe string, now []stamp) (builtEdition, bool) {
	f, err := os.Open(p.abs(recordPath(in.slug, loc)))
	if err != nil {
		return builtEdition{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return builtEdition{}, false
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return builtEdition{}, false
	}
	var r buildRecord
	if err := json.Unmarshal(data, &r); err != nil || r.Recipe != recipe {
		return builtEdition{}, false
	}
	written := fi.ModTime()
	for _, out := range []struct {
		ext  string
		size int64
	}{{".md", r.MD}, {".html", r.HTML}} {
		of, err := os.Stat(p.abs(EditionPath(in.slug, loc, out.ext)))
		if err != nil || !of.Mode().IsRegular() || of.Size() != out.size || of.ModTime().After(written) {
			return builtEdition{}, false
		}
	}
	b := builtEdition{ed: r.edition(in.slug, loc), reused: true}
	if now != nil && slices.Equal(now, r.Inputs) {
		racy := false
		for _, s := range now {
			racy = racy || s.MTime >= written.UnixNano()
		}
		if !racy {
			return b, true
		}
	}
	if key := in.key(recipe, loc); key == "" || key != r.Key {
		return builtEdition{}, false
	}
	if now != nil {
		r.Inputs = now
		w, err := p.recordWrite(in.slug, loc, r, data)
		if err != nil {
			return builtEdition{}, false
		}
		b.record = w
	}
	return b, true
}

// inputs are the files an article's editions are made from: the article,
// its source catalog (which holds the units' ids) and its catalog for the
// edition's locale. They are read when needed, once.
type inputs struct {
	p       *Project
	slug    string
	read    bool
	ok      bool
	article []byte
	source  []byte
}

// paths returns the inputs of the edition in loc, relative to the root.
func (in *inputs) paths(loc string) []string {
	paths := []string{ArticlePath(in.slug), CatalogPath(in.slug, in.p.Source)}
	if loc != in.p.Source {
		paths = append(paths, CatalogPath(in.slug, loc))
	}
	return paths
}

// stamps returns the stamps of the edition's inputs, or nil if one is
// missing or not a regular file. A symbolic link has no stamp: its
// edition is reused only after its content was read, which checks that it
// stays inside the project.
func (in *inputs) stamps(loc string) []stamp {
	var out []stamp
	for _, rel := range in.paths(loc) {
		fi, err := os.Lstat(in.p.abs(rel))
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		out = append(out, stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano()})
	}
	return out
}

// readInput reads a file inside the project; one that is not a regular
// file (a named pipe would block the read) is an *InputError.
func (p *Project) readInput(rel string) ([]byte, error) {
	path := p.abs(rel)
	if err := p.inside(path); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil {
		if err := stage.Regular(fi.Mode()); err != nil {
			return nil, &InputError{File: rel, Err: err}
		}
	}
	return os.ReadFile(path)
}

// buildFormat names the layout of build records; change it when the
// recipe or the key changes.
const buildFormat = "l10n build record 3"

// recipe returns the digest of what an edition is made from besides
// files: l10n itself (tool), the policy, the locales and the site (which
// other editions there are, and where; see site.digest).
func recipe(tool string, policy Policy, source, loc, site string) string {
	return digest([]byte(buildFormat), []byte(tool), []byte(policy), []byte(source), []byte(loc), []byte(site))
}

// key returns the digest of the recipe and the content of the inputs of
// the edition in loc, or "" when one cannot be read, so that the edition
// is built (and the error reported).
func (in *inputs) key(recipe, loc string) string {
	if !in.read {
		in.read = true
		var err1, err2 error
		in.article, err1 = in.p.readInput(ArticlePath(in.slug))
		in.source, err2 = in.p.readInput(CatalogPath(in.slug, in.p.Source))
		if errors.Is(err2, fs.ErrNotExist) {
			// Build reads a missing source catalog as an empty one.
			err2 = nil
		}
		in.ok = err1 == nil && err2 == nil
	}
	if !in.ok {
		return ""
	}
	var target []byte
	if loc != in.p.Source {
		data, err := in.p.readInput(CatalogPath(in.slug, loc))
		if err != nil {
			return ""
		}
		target = data
	}
	return digest([]byte(recipe), in.article, in.source, target)
}

// digest returns the hex SHA-256 of its parts, each preceded by its
// length.
func digest(parts ...[]byte) string {
	h := sha256.New()
	for _, part := range parts {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// toolVersion identifies the l10n that runs, so that a new version builds
// every edition again: the module version or clean VCS revision it was
// built from, else the path, size and modification time of the executable
// (a rebuilt binary is a new file).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return bi.Main.Path + "@" + v
		}
		var rev string
		clean := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				clean = s.Value == "false"
			}
		}
		if rev != "" && clean {
			return bi.Main.Path + "@" + rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("exe %s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	// Unknown: a key no later run matches, so every edition is built.
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "unknown-" + hex.EncodeToString(b[:])
}
