package lint

import (
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// checkFormat names the layout of check's records and what goes into
// their recipe; change it when either changes.
const checkFormat = "l10n check record 3"

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
	// Key is the digest of the recipe and the content of the article,
	// its source catalog and its catalog in the locale.
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
// taken before they are read, and the digest of their content (Key),
// read before the check reads them, so that a file changed in between
// does not match the record at the next run.
type catalogInputs struct {
	slug, loc string
	stamps    []project.Stamp
	key       string
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

// MarshalBinary encodes a record: four lines of text (the format, the
// recipe, the key, the inputs' stamps), then the counts line ("s
// suppressed findings units"), then one line a finding ("f line severity
// check unit", "-" for an empty field, then the message's length in bytes,
// a space and the message) and one a unit ("u at unit line id hashes",
// then the length of the suppressions in JSON, a space and them). Records
// are read on every run, and their findings printed: a length rather than
// quoting lets a reader take each string as a part of the record's text,
// without copying or unquoting it. The file, article and locale of the
// findings are the record's own.
func (r checkRecord) MarshalBinary() ([]byte, error) {
	var b []byte
	b = append(b, checkFormat+"\n"+r.Recipe+"\n"+r.Key+"\n"...)
	for i, s := range r.Inputs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = strconv.AppendInt(b, s.Size, 10)
		b = strconv.AppendInt(append(b, ' '), s.MTime, 10)
		b = strconv.AppendInt(append(b, ' '), s.CTime, 10)
		b = strconv.AppendUint(append(b, ' '), s.Ino, 10)
	}
	b = append(b, '\n')
	b = strconv.AppendInt(append(b, "s "...), int64(r.Suppressed), 10)
	b = strconv.AppendInt(append(b, ' '), int64(len(r.Findings)), 10)
	b = strconv.AppendInt(append(b, ' '), int64(len(r.Units)), 10)
	b = append(b, '\n')
	for _, f := range r.Findings {
		b = strconv.AppendInt(append(b, "f "...), int64(f.Line), 10)
		b = append(append(b, ' '), f.Severity.String()...)
		b = append(append(b, ' '), word(f.Check)...)
		b = append(append(b, ' '), word(f.Unit)...)
		b = appendLong(b, f.Message)
	}
	for _, u := range r.Units {
		b = strconv.AppendInt(append(b, "u "...), int64(u.At), 10)
		b = strconv.AppendInt(append(b, ' '), int64(u.Unit), 10)
		b = strconv.AppendInt(append(b, ' '), int64(u.Line), 10)
		b = append(append(b, ' '), word(u.ID)...)
		h, _ := u.Hashes.MarshalText()
		b = append(append(b, ' '), word(string(h))...)
		var sups []byte
		if len(u.Sups) > 0 {
			var err error
			if sups, err = json.Marshal(u.Sups); err != nil {
				return nil, err
			}
		}
		b = appendLong(b, string(sups))
	}
	return b, nil
}

// appendLong appends the last field of a record line: " ", the length of
// s, " ", s and the end of the line.
func appendLong(b []byte, s string) []byte {
	b = strconv.AppendInt(append(b, ' '), int64(len(s)), 10)
	b = append(append(b, ' '), s...)
	return append(b, '\n')
}

// word returns s for a field of a record line, "-" for "".
func word(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// unword undoes word.
func unword(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// errRecord reports a record that does not decode.
var errRecord = errors.New("malformed check record")

// recordText reads the fields of a record's text in order.
type recordText struct {
	text string
	bad  bool
}

// line returns the rest of the current line, and moves to the next.
func (t *recordText) line() string {
	line, rest, ok := strings.Cut(t.text, "\n")
	if !ok {
		t.bad = true
	}
	t.text = rest
	return line
}

// field returns the next field, up to a space.
func (t *recordText) field() string {
	i := strings.IndexByte(t.text, ' ')
	if i < 0 {
		t.bad = true
		return ""
	}
	f := t.text[:i]
	t.text = t.text[i+1:]
	return f
}

// int returns the next field as a number.
func (t *recordText) int() int {
	n, err := strconv.Atoi(t.field())
	if err != nil {
		t.bad = true
	}
	return n
}

// long returns the last field of a line (see appendLong).
func (t *recordText) long() string {
	n := t.int()
	if t.bad || n < 0 || n >= len(t.text) || t.text[n] != '\n' {
		t.bad = true
		return ""
	}
	s := t.text[:n]
	t.text = t.text[n+1:]
	return s
}

// UnmarshalBinary decodes a record that MarshalBinary wrote. Its strings
// are parts of one copy of data. The findings' file, article and locale
// are left for the caller to set.
func (r *checkRecord) UnmarshalBinary(data []byte) error {
	t := &recordText{text: string(data)}
	if t.line() != checkFormat {
		return errRecord
	}
	r.Recipe, r.Key = t.line(), t.line()
	nums := strings.Fields(t.line())
	if len(nums)%4 != 0 {
		return errRecord
	}
	r.Inputs = make([]project.Stamp, 0, len(nums)/4)
	for i := 0; i < len(nums); i += 4 {
		size, err1 := strconv.ParseInt(nums[i], 10, 64)
		mtime, err2 := strconv.ParseInt(nums[i+1], 10, 64)
		ctime, err3 := strconv.ParseInt(nums[i+2], 10, 64)
		ino, err4 := strconv.ParseUint(nums[i+3], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || err4 != nil {
			return errRecord
		}
		r.Inputs = append(r.Inputs, project.Stamp{Size: size, MTime: mtime, CTime: ctime, Ino: ino})
	}
	if t.field() != "s" {
		return errRecord
	}
	r.Suppressed = t.int()
	nf := t.int()
	nu, err := strconv.Atoi(t.line())
	if t.bad || err != nil || nf < 0 || nu < 0 || nf+nu > len(t.text) {
		return errRecord
	}
	r.Findings = make([]check.Finding, nf)
	for i := range r.Findings {
		f := &r.Findings[i]
		if t.field() != "f" {
			return errRecord
		}
		f.Line = t.int()
		var err error
		if f.Severity, err = check.ParseSeverity(t.field()); err != nil {
			return errRecord
		}
		f.Check, f.Unit = unword(t.field()), unword(t.field())
		f.Message = t.long()
		if t.bad {
			return errRecord
		}
	}
	r.Units = make([]unitSegments, nu)
	for i := range r.Units {
		u := &r.Units[i]
		if t.field() != "u" {
			return errRecord
		}
		u.At, u.Unit, u.Line = t.int(), t.int(), t.int()
		u.ID = unword(t.field())
		if u.Hashes.UnmarshalText([]byte(unword(t.field()))) != nil {
			return errRecord
		}
		if sups := t.long(); sups != "" && json.Unmarshal([]byte(sups), &u.Sups) != nil {
			return errRecord
		}
		if t.bad || u.At > len(r.Findings) {
			return errRecord
		}
	}
	if t.text != "" {
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
