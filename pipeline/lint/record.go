package lint

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// checkFormat names the layout of check's records and what goes into
// their recipe; change it when either changes.
const checkFormat = "l10n check record 1"

// RecordPath returns the path of check's record of an article's catalog
// in a locale, relative to the root.
func RecordPath(slug, locale string) string {
	return filepath.Join(project.CacheDir, "check", locale, slug+".json")
}

// checkRecord is what check remembers of an article's catalog in a
// locale: what it found (the catalog's findings and what the
// consistency check across articles needs of its units), and from what.
type checkRecord struct {
	// Recipe is the digest of what is not the article or its catalogs:
	// l10n's version, the locales, l10n.yaml, the glossary, the word list
	// and the spelling dictionary (see records.recipe).
	Recipe string `json:"recipe"`
	// Key is the digest of the recipe and the content of the article,
	// its source catalog and its catalog in the locale.
	Key string `json:"key"`
	// Inputs are the stamps of those three files when they had the
	// content of Key.
	Inputs []project.Stamp `json:"inputs"`
	catalogCheck
}

// records are check's records of a run: the recipe of each locale, and
// the records to write, staged as the articles come out.
type records struct {
	recipes map[string]string
	set     *stage.Set
	failed  bool // a record could not be written: write none
}

// newRecords returns the records of a run over slugs in locales; words
// is the project's word list, spell says whether spelling is checked.
func newRecords(p *project.Project, slugs, locales []string, checkers map[string]*check.Checker, spell bool) *records {
	rs := &records{recipes: map[string]string{}}
	settings := p.Settings()
	words, _ := os.ReadFile(p.Abs(project.SpellingFile))
	for _, loc := range locales {
		speller := "off"
		if spell {
			speller = checkers[loc].SpellerName()
			if speller != "" {
				speller = dictionaryStamp(speller)
			}
		}
		rs.recipes[loc] = project.Digest([]byte(checkFormat), []byte(project.ToolVersion()), []byte(p.Source), []byte(loc),
			settings[0], settings[1], words, []byte(speller))
	}
	set, err := stage.New(p.Root, false, len(locales), func(i, slot int) string {
		return RecordPath(slugs[i], locales[slot])
	})
	if err != nil {
		rs.failed = true
	}
	rs.set = set
	return rs
}

// catalogInputs are the inputs of one catalog's check: their stamps,
// taken before they are read, and the digest of their content (Key),
// read before the check reads them, so that a file changed in between
// does not match the record at the next run.
type catalogInputs struct {
	slug, loc string
	stamps    []project.Stamp
	key       string
	old       []byte // the record as it was
}

// inputs returns the inputs of an article's catalog in loc, stamped now.
func (rs *records) inputs(p *project.Project, slug, loc string) *catalogInputs {
	return &catalogInputs{slug: slug, loc: loc,
		stamps: p.Stamps(project.ArticlePath(slug), project.CatalogPath(slug, p.Source), project.CatalogPath(slug, loc))}
}

// reuse returns what the record of a catalog says, if its recipe is the
// run's and its inputs are as recorded: the same stamps (see
// project.Record.Fresh), or else the same content, when the record is
// renewed with the new stamps. It returns nil when the catalog is to be
// checked; in.key is then the content's digest, for its new record.
func (rs *records) reuse(p *project.Project, in *catalogInputs) *catalogCheck {
	recipe := rs.recipes[in.loc]
	var r checkRecord
	rec, ok := p.ReadRecord(RecordPath(in.slug, in.loc), &r)
	in.old = rec.Data
	if ok && r.Recipe == recipe && rec.Fresh(in.stamps, r.Inputs) {
		r.loc = in.loc
		return &r.catalogCheck
	}
	in.key = rs.key(p, in)
	if !ok || r.Recipe != recipe || in.key == "" || in.key != r.Key {
		return nil
	}
	r.loc = in.loc
	r.Inputs = in.stamps
	if in.stamps != nil {
		r.record, _ = project.RecordWrite(RecordPath(in.slug, in.loc), r, rec.Data)
	}
	return &r.catalogCheck
}

// key returns the digest of a catalog's recipe and inputs, or "" when
// one cannot be read (the check reports it) or the catalog is missing.
func (rs *records) key(p *project.Project, in *catalogInputs) string {
	parts := [][]byte{[]byte(rs.recipes[in.loc])}
	for _, rel := range []string{project.ArticlePath(in.slug), project.CatalogPath(in.slug, p.Source), project.CatalogPath(in.slug, in.loc)} {
		data, err := p.ReadInput(rel)
		if err != nil {
			return ""
		}
		parts = append(parts, data)
	}
	return project.Digest(parts...)
}

// write returns the write of a catalog's new record, or nil when its
// inputs had no key.
func (rs *records) write(p *project.Project, in *catalogInputs, c *catalogCheck) (*stage.File, error) {
	if in.key == "" || in.stamps == nil {
		return nil, nil
	}
	return project.RecordWrite(RecordPath(in.slug, in.loc), checkRecord{Recipe: rs.recipes[in.loc], Key: in.key, Inputs: in.stamps, catalogCheck: *c}, in.old)
}

// put stages the records of an article's catalogs, one slot per locale.
// A record that cannot be written makes the run write none: they are a
// shortcut, and check only reads the project.
func (rs *records) put(locales []string, ac *articleCheck) {
	if rs.failed {
		return
	}
	for _, loc := range locales {
		var w *stage.File
		for _, c := range ac.parts {
			if c.loc == loc {
				w = c.record
			}
		}
		if _, err := rs.set.Put(w); err != nil {
			rs.failed = true
			rs.set.Abort()
			return
		}
	}
}

// commit writes the records staged, unless keep is false (a spelling
// dictionary failed during the run, so findings lack spelling) or a
// record failed.
func (rs *records) commit(keep bool) {
	if rs.failed || !keep {
		if rs.set != nil {
			rs.set.Abort()
		}
		return
	}
	if _, err := rs.set.Commit(); err != nil {
		rs.set.Abort()
	}
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

// segmentHashes are a unit's segment hashes, in JSON as base64 of 12
// bytes each (little-endian source hash, then target hash).
type segmentHashes []check.SegmentHash

// MarshalText encodes the hashes.
func (h segmentHashes) MarshalText() ([]byte, error) {
	b := make([]byte, 0, 12*len(h))
	for _, s := range h {
		b = binary.LittleEndian.AppendUint64(b, s.Source)
		b = binary.LittleEndian.AppendUint32(b, s.Target)
	}
	return []byte(base64.RawStdEncoding.EncodeToString(b)), nil
}

// UnmarshalText decodes the hashes.
func (h *segmentHashes) UnmarshalText(text []byte) error {
	b, err := base64.RawStdEncoding.DecodeString(string(text))
	if err != nil {
		return err
	}
	if len(b)%12 != 0 {
		return errors.New("segment hashes: not a multiple of 12 bytes")
	}
	out := make(segmentHashes, 0, len(b)/12)
	for ; len(b) > 0; b = b[12:] {
		out = append(out, check.SegmentHash{Source: binary.LittleEndian.Uint64(b), Target: binary.LittleEndian.Uint32(b[8:])})
	}
	*h = out
	return nil
}
