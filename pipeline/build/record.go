package build

import (
	"errors"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// buildRecord is what build remembers of an edition it built, in build's
// records file (project.RecordsPath): what the edition was made from, the
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
	Inputs   []project.Stamp `json:"inputs"`
	Title    string          `json:"title"`
	Date     string          `json:"date,omitempty"`
	Units    int             `json:"units"`
	Missing  int             `json:"missing"`
	Stale    int             `json:"stale"`
	Review   int             `json:"review"`
	Warnings []string        `json:"warnings,omitempty"`
	MD       int64           `json:"md"`
	HTML     int64           `json:"html"`
}

// MarshalBinary encodes a record (project.RecordEncoder).
func (r buildRecord) MarshalBinary() ([]byte, error) {
	e := &project.RecordEncoder{}
	e.Text(buildFormat)
	e.Text(r.Recipe)
	e.Text(r.Key)
	e.Stamps(r.Inputs)
	e.Text(r.Title)
	e.Text(r.Date)
	e.Int(int64(r.Units))
	e.Int(int64(r.Missing))
	e.Int(int64(r.Stale))
	e.Int(int64(r.Review))
	e.Int(int64(len(r.Warnings)))
	for _, w := range r.Warnings {
		e.Text(w)
	}
	e.Int(r.MD)
	e.Int(r.HTML)
	return e.B, nil
}

// errRecord reports a record that does not decode.
var errRecord = errors.New("malformed build record")

// UnmarshalBinary decodes a record that MarshalBinary wrote.
func (r *buildRecord) UnmarshalBinary(data []byte) error {
	d := project.NewRecordDecoder(data)
	if d.Text() != buildFormat {
		return errRecord
	}
	r.Recipe, r.Key = d.Text(), d.Text()
	r.Inputs = d.Stamps()
	r.Title, r.Date = d.Text(), d.Text()
	r.Units, r.Missing, r.Stale, r.Review = int(d.Int()), int(d.Int()), int(d.Int()), int(d.Int())
	if n := d.Count(1); n > 0 {
		r.Warnings = make([]string, n)
		for i := range r.Warnings {
			r.Warnings[i] = d.Text()
		}
	}
	r.MD, r.HTML = d.Int(), d.Int()
	if !d.End() {
		return errRecord
	}
	return nil
}

// edition returns the edition a record describes. Its title is a copy of
// its own: the record's decoder cuts its strings from one copy of the
// whole record, which a caller without Options.Emit would otherwise keep,
// by its title, till the end of the run (a few hundred bytes per edition).
func (r *buildRecord) edition(slug, loc string) Edition {
	return Edition{Article: slug, Locale: loc, Title: strings.Clone(r.Title), Date: r.Date, Units: r.Units, Missing: r.Missing, Stale: r.Stale, Review: r.Review, Warnings: r.Warnings}
}

// RecordName returns the name of an edition's record in the records file
// of build (project.RecordsPath).
func RecordName(slug, locale string) string {
	return locale + "/" + slug
}

// reuse returns the edition of an article in loc as last built, if its
// record has the current recipe and inputs, and its files are as build
// wrote them: present, of the recorded sizes and not modified after the
// record. The inputs are the same if their sizes and modification times
// are, and were older than the record (so not changed again within the
// file system's timestamp granularity); otherwise their content is
// compared, and the record renewed with their new stamps.
func reuse(p *project.Project, rs *project.Records, in *inputs, loc, recipe string, now []project.Stamp) (builtEdition, bool) {
	var r buildRecord
	rec, ok := rs.Read(RecordName(in.slug, loc))
	if !ok || rec.Decode(&r) != nil || r.Recipe != recipe {
		return builtEdition{}, false
	}
	for _, out := range []struct {
		ext  string
		size int64
	}{{".md", r.MD}, {".html", r.HTML}} {
		// Not modified after the record, nor replaced or modified with
		// its modification time set back (a new change time).
		of := p.Stamps(project.EditionPath(in.slug, loc, out.ext))
		if of == nil || of[0].Size != out.size || of[0].MTime > rec.Written.UnixNano() || of[0].CTime > rec.Written.UnixNano() {
			return builtEdition{}, false
		}
	}
	b := builtEdition{ed: r.edition(in.slug, loc), reused: true}
	if rec.Fresh(now, r.Inputs) {
		return b, true
	}
	if key := in.key(recipe, loc); key == "" || key != r.Key {
		return builtEdition{}, false
	}
	if now != nil {
		r.Inputs = now
		w, err := project.EncodeRecord(r)
		if err != nil {
			return builtEdition{}, false
		}
		b.record = w
	}
	return b, true
}

// inputs are the files an article's editions are made from: the article,
// its source catalog (which holds the units' ids) and its catalog for the
// edition's locale. Each is read when first needed, once: the bytes whose
// digest is an edition's key are those it is built from.
type inputs struct {
	p    *project.Project
	s    *site
	slug string
	read bool
	// article and source are the article's Markdown and its source
	// catalog, or the errors reading them; targets its catalogs in the
	// editions' locales.
	article    []byte
	articleErr error
	source     stage.Snapshot
	sourceErr  error
	targets    map[string]catalogRead
	common     []project.Stamp
	// sources is the digest of the article and its source catalog,
	// which every edition's key holds (see key), once made.
	sources string
}

// catalogRead is a catalog as read, or the error reading it.
type catalogRead struct {
	snap stage.Snapshot
	err  error
}

// load reads the article and its source catalog.
func (in *inputs) load() {
	if in.read {
		return
	}
	in.read = true
	in.article, in.articleErr = in.p.ReadArticleText(in.slug)
	in.source, in.sourceErr = in.p.ReadCatalogData(project.CatalogPath(in.slug, in.p.Source))
}

// target returns the article's catalog in loc (not the source); a
// missing one is an empty snapshot.
func (in *inputs) target(loc string) (stage.Snapshot, error) {
	if c, ok := in.targets[loc]; ok {
		return c.snap, c.err
	}
	snap, err := in.p.ReadCatalogData(project.CatalogPath(in.slug, loc))
	if in.targets == nil {
		in.targets = map[string]catalogRead{}
	}
	in.targets[loc] = catalogRead{snap, err}
	return snap, err
}

// loadArticle returns the article as its editions are built from it.
func (in *inputs) loadArticle() (*project.Article, error) {
	in.load()
	return in.p.ArticleOf(in.slug, in.slug, in.article, in.articleErr, in.source, in.sourceErr)
}

// paths returns the inputs of the edition in loc, relative to the root.
func (in *inputs) paths(loc string) []string {
	paths := []string{project.ArticlePath(in.slug), project.CatalogPath(in.slug, in.p.Source)}
	if loc != in.p.Source {
		paths = append(paths, project.CatalogPath(in.slug, loc))
	}
	return paths
}

// stamps returns the stamps of the edition's inputs (see
// project.Project.Stamps).
func (in *inputs) stamps(loc string) []project.Stamp {
	if in.common == nil {
		// The article and its source catalog, stamped once for every
		// locale.
		in.common = in.p.Stamps(in.paths(in.p.Source)...)
		if in.common == nil {
			return nil
		}
	}
	if loc == in.p.Source {
		return in.common
	}
	// Stamped with the site, before anything was read.
	target := in.s.stamp(in.slug, loc)
	if target == nil {
		return nil
	}
	return append(slices.Clip(in.common), target...)
}

// buildFormat names the layout of build records; change it when the
// recipe or the key changes.
const buildFormat = "l10n build record 7"

// recipe returns the digest of what an edition is made from besides
// files: l10n itself (tool), the policy, the locales and the site (which
// other editions there are, and where; see site.digest).
func recipe(tool string, policy Policy, source, loc, site string) string {
	return project.Digest([]byte(buildFormat), []byte(tool), []byte(policy), []byte(source), []byte(loc), []byte(site))
}

// key returns the digest of the recipe and the content of the inputs of
// the edition in loc, or "" when one cannot be read, so that the edition
// is built (and the error reported). The article and its source catalog,
// the same for each of its editions, are digested once (sources), and
// their digest goes into each edition's.
func (in *inputs) key(recipe, loc string) string {
	in.load()
	if in.articleErr != nil || in.sourceErr != nil {
		return ""
	}
	var target []byte
	if loc != in.p.Source {
		snap, err := in.target(loc)
		if err != nil || !snap.Exists {
			return ""
		}
		target = snap.Data
	}
	if in.sources == "" {
		in.sources = project.Digest(in.article, in.source.Data)
	}
	return project.Digest([]byte(recipe), []byte(in.sources), target)
}
