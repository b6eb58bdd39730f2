package lint

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// checkFormat names the layout of check's records and what goes into
// their recipe; change it when either changes.
const checkFormat = "l10n check record 5"

// RecordName returns the name of check's record of an article's catalog
// in a locale, in the records file of check (project.RecordsPath).
func RecordName(slug, locale string) string {
	return locale + "/" + slug
}

// checkRecord is what check remembers of an article's catalog in a
// locale: what it found (the catalog's findings and what the
// consistency check across articles needs of its units), and from what.
// It is written as lines of text (MarshalBinary), not JSON.
type checkRecord struct {
	// Recipe is the digest of what is not the article or its catalogs:
	// l10n's version, the locales, l10n.yaml, the glossary, the word list
	// and the spelling dictionary (see records.recipe).
	Recipe string `json:"recipe"`
	// Key is the digest of the recipe, the digest of the content of the
	// article and its source catalog (taken once for every locale), and
	// the content of its catalog in the locale.
	Key string `json:"key"`
	// Inputs are the stamps of those three files when they had the
	// content of Key.
	Inputs []project.Stamp `json:"inputs"`
	catalogCheck
}

// records are check's records of a run: the recipe of each locale, and
// the records file, which takes the new records as the articles come out.
type records struct {
	recipes map[string]string
	file    *project.Records
}

// newRecords returns the records of a run over slugs in locales; words
// is the project's word list, spell says whether spelling is checked.
func newRecords(p *project.Project, slugs, locales []string, checkers map[string]*check.Checker, spell bool) *records {
	rs := &records{recipes: map[string]string{}}
	config, gloss, words := p.Settings()
	for _, loc := range locales {
		speller := "off"
		if spell {
			speller = checkers[loc].SpellerName()
			if speller != "" {
				speller = dictionaryStamp(speller)
			}
		}
		rs.recipes[loc] = project.Digest([]byte(checkFormat), []byte(project.ToolVersion()), []byte(p.Source), []byte(loc),
			config, gloss, words, []byte(speller))
	}
	rs.file = p.OpenRecords("check")
	return rs
}

// catalogInputs are the inputs of one catalog's check: their stamps,
// taken before they are read, the digest of their content (Key), and
// their content, read once for the digest and the check alike.
type catalogInputs struct {
	slug, loc string
	stamps    []project.Stamp
	key       string
	files     *articleFiles
	// target is the catalog in loc, read with its error by read.
	target    stage.Snapshot
	targetErr error
	read      bool
}

// articleFiles are an article's Markdown and source catalog, read once
// (load) for the records' keys and the checks of every locale.
type articleFiles struct {
	p      *project.Project
	slug   string
	loaded bool
	src    []byte
	srcErr error
	en     stage.Snapshot
	enErr  error
	// digest is the digest of src and en's content, for the keys of
	// every locale, once taken.
	digest string
}

func (f *articleFiles) load() {
	if !f.loaded {
		f.loaded = true
		f.src, f.srcErr = f.p.ReadArticleText(f.slug)
		f.en, f.enErr = f.p.ReadCatalogData(project.CatalogPath(f.slug, f.p.Source))
	}
}

// article segments the article and aligns it with its source catalog,
// or returns the error of reading either, as p.LoadArticle would.
func (f *articleFiles) article() (*project.Article, error) {
	f.load()
	return f.p.ArticleOf(f.slug, f.slug, f.src, f.srcErr, f.en, f.enErr)
}

// readAll reads the inputs that are not read yet.
func (in *catalogInputs) readAll(p *project.Project) {
	in.files.load()
	if !in.read {
		in.read = true
		in.target, in.targetErr = p.ReadCatalogData(project.CatalogPath(in.slug, in.loc))
	}
}

// inputs returns the inputs of an article's catalog in loc, stamped now;
// common are the stamps of the article and its source catalog, which
// every locale shares (nil if one is missing), and files their content.
func (rs *records) inputs(p *project.Project, files *articleFiles, loc string, common []project.Stamp) *catalogInputs {
	in := &catalogInputs{slug: files.slug, loc: loc, files: files}
	if target := p.Stamps(project.CatalogPath(files.slug, loc)); common != nil && target != nil {
		in.stamps = append(slices.Clip(common), target...)
	}
	return in
}

// reuse returns what the record of a catalog says, if its recipe is the
// run's and its inputs are as recorded: the same stamps (see
// project.Record.Fresh), or else the same content, when the record is
// renewed with the new stamps. It returns nil when the catalog is to be
// checked; in.key is then the content's digest, for its new record, and
// the inputs are read.
func (rs *records) reuse(p *project.Project, in *catalogInputs) *catalogCheck {
	recipe := rs.recipes[in.loc]
	var r checkRecord
	rec, ok := rs.file.Read(RecordName(in.slug, in.loc))
	ok = ok && rec.Decode(&r) == nil
	if ok && r.Recipe == recipe && rec.Fresh(in.stamps, r.Inputs) {
		r.own(in.slug, in.loc)
		return &r.catalogCheck
	}
	in.key = rs.key(p, in)
	if !ok || r.Recipe != recipe || in.key == "" || in.key != r.Key {
		return nil
	}
	r.own(in.slug, in.loc)
	r.Inputs = in.stamps
	if in.stamps != nil {
		r.record, _ = project.EncodeRecord(r)
	}
	return &r.catalogCheck
}

// key reads a catalog's inputs and returns the digest of its recipe and
// their content, or "" when one cannot be read (the check reports it) or
// a catalog is missing.
func (rs *records) key(p *project.Project, in *catalogInputs) string {
	in.readAll(p)
	f := in.files
	if f.srcErr != nil || f.enErr != nil || in.targetErr != nil || !f.en.Exists || !in.target.Exists {
		return ""
	}
	if f.digest == "" {
		f.digest = project.Digest(f.src, f.en.Data)
	}
	return project.Digest([]byte(rs.recipes[in.loc]), []byte(f.digest), in.target.Data)
}

// write returns a catalog's new record, or nil when its inputs had no
// key.
func (rs *records) write(in *catalogInputs, c *catalogCheck) ([]byte, error) {
	if in.key == "" || in.stamps == nil {
		return nil, nil
	}
	return project.EncodeRecord(checkRecord{Recipe: rs.recipes[in.loc], Key: in.key, Inputs: in.stamps, catalogCheck: *c})
}

// put puts the records of an article's catalogs in the records file: the
// new ones, and the ones it holds that are still true.
func (rs *records) put(slug string, ac *articleCheck) {
	if ac.outside {
		return
	}
	for _, c := range ac.parts {
		rs.file.Put(RecordName(slug, c.loc), c.record)
	}
}

// commit writes the records file, unless keep is false (a spelling
// dictionary failed during the run, so findings lack spelling); all says
// that the run went over every article and locale, so that records of
// anything else are of what is gone.
func (rs *records) commit(keep, all bool) {
	if !keep {
		rs.file.Abort()
		return
	}
	rs.file.Commit(all)
}

// dictionaryStamp names a hunspell dictionary as found: the hunspell
// program and the dictionary's .dic and .aff files on hunspell's search
// path, with their sizes and modification times, so that a new
// dictionary or hunspell checks every catalog again.
func dictionaryStamp(name string) string {
	var b strings.Builder
	b.WriteString(name)
	if bin, err := exec.LookPath("hunspell"); err == nil {
		b.WriteString(" " + fileStamp(bin))
	}
	dirs := filepath.SplitList(os.Getenv("DICPATH"))
	dirs = append(dirs, "/usr/share/hunspell", "/usr/local/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		dic := filepath.Join(dir, name+".dic")
		if _, err := os.Stat(dic); err == nil {
			b.WriteString(" " + fileStamp(dic) + " " + fileStamp(filepath.Join(dir, name+".aff")))
			break
		}
	}
	return b.String()
}

// fileStamp is a file's path, size and modification time.
func fileStamp(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return path + " -"
	}
	return path + " " + strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10)
}

// MarshalBinary encodes a record (project.RecordEncoder): the format,
// the recipe, the key, the inputs' stamps, the suppressed count, the
// findings (line, severity, check, unit, message) and the units (where
// their findings end, index, line, id, segment hashes, suppressions in
// JSON). Records are read on every run and their findings printed: their
// strings are read as parts of one copy of the record. The file, article
// and locale of the findings are the record's own.
func (r checkRecord) MarshalBinary() ([]byte, error) {
	e := &project.RecordEncoder{}
	e.Text(checkFormat)
	e.Text(r.Recipe)
	e.Text(r.Key)
	e.Stamps(r.Inputs)
	e.Int(int64(r.Suppressed))
	e.Int(int64(len(r.Findings)))
	for _, f := range r.Findings {
		e.Int(int64(f.Line))
		e.Int(int64(f.Severity))
		e.Text(f.Check)
		e.Text(f.Unit)
		e.Text(f.Message)
	}
	e.Int(int64(len(r.Units)))
	for _, u := range r.Units {
		e.Int(int64(u.At))
		e.Int(int64(u.Unit))
		e.Int(int64(u.Line))
		e.Text(u.ID)
		b := make([]byte, 0, 12*len(u.Hashes))
		for _, h := range u.Hashes {
			b = binary.LittleEndian.AppendUint64(b, h.Source)
			b = binary.LittleEndian.AppendUint32(b, h.Target)
		}
		e.Text(string(b))
		var sups []byte
		if len(u.Sups) > 0 {
			var err error
			if sups, err = json.Marshal(u.Sups); err != nil {
				return nil, err
			}
		}
		e.Text(string(sups))
	}
	return e.B, nil
}

// errRecord reports a record that does not decode.
var errRecord = errors.New("malformed check record")

// UnmarshalBinary decodes a record that MarshalBinary wrote. The
// findings' file, article and locale are left for the caller to set.
func (r *checkRecord) UnmarshalBinary(data []byte) error {
	d := project.NewRecordDecoder(data)
	if d.Text() != checkFormat {
		return errRecord
	}
	r.Recipe, r.Key = d.Text(), d.Text()
	r.Inputs = d.Stamps()
	r.Suppressed = int(d.Int())
	r.Findings = make([]check.Finding, d.Count(5))
	for i := range r.Findings {
		f := &r.Findings[i]
		f.Line = int(d.Int())
		f.Severity = check.Severity(d.Int())
		f.Check, f.Unit, f.Message = d.Text(), d.Text(), d.Text()
		if f.Severity != check.Info && f.Severity != check.Warning && f.Severity != check.Error {
			return errRecord
		}
	}
	r.Units = make([]unitSegments, d.Count(6))
	for i := range r.Units {
		u := &r.Units[i]
		u.At, u.Unit, u.Line = int(d.Int()), int(d.Int()), int(d.Int())
		u.ID = d.Text()
		h := d.Text()
		if len(h)%12 != 0 {
			return errRecord
		}
		u.Hashes = make(segmentHashes, 0, len(h)/12)
		for ; len(h) > 0; h = h[12:] {
			u.Hashes = append(u.Hashes, check.SegmentHash{Source: binary.LittleEndian.Uint64([]byte(h[:8])), Target: binary.LittleEndian.Uint32([]byte(h[8:12]))})
		}
		if sups := d.Text(); sups != "" && json.Unmarshal([]byte(sups), &u.Sups) != nil {
			return errRecord
		}
		if u.At < 0 || u.At > len(r.Findings) {
			return errRecord
		}
	}
	if !d.End() {
		return errRecord
	}
	return nil
}

// own sets the file, article and locale of a record's findings.
func (c *catalogCheck) own(slug, loc string) {
	c.loc = loc
	file := filepath.ToSlash(project.CatalogPath(slug, loc))
	for i := range c.Findings {
		f := &c.Findings[i]
		f.File, f.Article, f.Locale = file, slug, loc
	}
}

// segmentHashes are a unit's segment hashes; a record keeps each as 12
// bytes (little-endian source hash, then target hash).
type segmentHashes []check.SegmentHash
