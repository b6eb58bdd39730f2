package extract

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"slices"

	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// extractFormat names the layout of extract's records and what goes into
// their recipe; change it when either changes.
const extractFormat = "l10n extract record 5"

// RecordName returns the name of extract's record of an article in the
// records file of extract (project.RecordsPath).
func RecordName(slug string) string { return slug }

// extractRecord is what extract remembers of an article: the stamps of
// the article and of its catalogs (source, then each target locale of the
// recipe) as extract left them, when extracting again would change no
// byte of them.
type extractRecord struct {
	// Recipe is the digest of l10n's version, l10n.yaml, the glossary
	// (whose hints the catalogs carry) and the locales.
	Recipe string          `json:"recipe"`
	Inputs []project.Stamp `json:"inputs"`
	// Missing is set when a target catalog has a unit without a
	// translation, which the translation memory may fill, or suggest
	// translations for, from other articles' catalogs; MemoryKey is then
	// the key of a memory that answers the article's lookups (Asked) as
	// the run's did (memory.Lazy.KeyFor): such an article is skipped
	// only while the memory answers them as that one did
	// (memory.Lazy.Answers).
	Missing   bool           `json:"missing,omitempty"`
	MemoryKey string         `json:"memory,omitempty"`
	Asked     []memory.Query `json:"asked,omitempty"`
}

// MarshalBinary encodes a record (project.RecordEncoder).
func (r extractRecord) MarshalBinary() ([]byte, error) {
	e := &project.RecordEncoder{}
	e.Text(extractFormat)
	e.Text(r.Recipe)
	e.Stamps(r.Inputs)
	e.Bool(r.Missing)
	e.Text(r.MemoryKey)
	e.Int(int64(len(r.Asked)))
	for _, q := range r.Asked {
		q.Encode(e)
	}
	return e.B, nil
}

// errRecord reports a record that does not decode.
var errRecord = errors.New("malformed extract record")

// UnmarshalBinary decodes a record that MarshalBinary wrote.
func (r *extractRecord) UnmarshalBinary(data []byte) error {
	d := project.NewRecordDecoder(data)
	if d.Text() != extractFormat {
		return errRecord
	}
	r.Recipe = d.Text()
	r.Inputs = d.Stamps()
	r.Missing = d.Bool()
	r.MemoryKey = d.Text()
	r.Asked = nil
	for range d.Count(3) {
		r.Asked = append(r.Asked, memory.DecodeQuery(d))
	}
	if !d.End() {
		return errRecord
	}
	return nil
}

// records are extract's records of a run: the recipe, and per article the
// stamps of its files before they were read and a digest of each catalog
// as extract made it, to record once the catalogs are written.
type records struct {
	recipe string
	// memory says whether extract fills missing units from the
	// translation memory mem, whose inputs (every catalog) this run took
	// first (memoryInputs).
	memory bool
	mem    *memory.Lazy
	// store keeps the memory's texts and arrays outside the heap
	// (offheap): the memory of 10,000 articles holds some 500 MB of
	// texts and 150 MB of arrays; the run closes it when it ends.
	store *offheap.Store
	// in are the memory's inputs, whose stamps the run takes (nil
	// without the memory).
	in *memory.Inputs
	// seen are the articles as this run read them, by place: nil for
	// one not read (yet), skippedArticle for one skipped as its record
	// said; eight bytes an article where a run skips most, rather than a
	// seenArticle's seventy-two.
	seen []*seenArticle
	file *project.Records
}

// seenArticle is an article as this run read it.
type seenArticle struct {
	stamps  []project.Stamp // article, then catalogs; nil: no record
	sums    [][32]byte      // the catalogs as extract made them
	missing bool
	// skipped says that the record was found fresh: the article is
	// left as it is (its stamps are not kept; commit reads its record
	// again if it must rewrite it, rather than hold every article's).
	skipped bool
	// checked says that this run's memory, which the record does not
	// name, was read to tell that it answers the article's lookups as
	// the record's does (see checkedName); digest is then the record's.
	checked bool
	digest  string
}

// skippedArticle is an article skipped as its record said, without its
// memory read to tell (seenArticle.checked); it is never changed.
var skippedArticle = &seenArticle{skipped: true}

// checkedName returns the name of an article's second record: the
// digest of its record (as the file holds it) and the key of a memory
// other than the one the record names that a run found to answer the
// article's lookups as that one does — when it read its memory to tell
// (memory.Lazy.Answers), or when its own memory answered them and the
// record names the one that memory was made from (memory.Lazy.KeyFor).
// A run with that key skips the article without reading its memory: after
// a translation changed, the memory is kept anew only once enough
// catalog folders changed, and until then every run would read it to
// tell the same thing again. It is written with the article's record,
// in the same commit, and is of no use once that record changes.
func checkedName(slug string) string { return "checked/" + slug }

// checkedFormat names the layout of a checked record.
const checkedFormat = "l10n extract checked 1"

// checkedRecord encodes a checked record: for the record of the digest
// (project.Digest of its data), the key.
func checkedRecord(digest, key string) []byte {
	e := &project.RecordEncoder{}
	e.Text(checkedFormat)
	e.Text(digest)
	e.Text(key)
	return e.B
}

// checkedKey returns the key an article's checked record holds for the
// record of the digest, "" for none.
func (rs *records) checkedKey(slug, digest string) string {
	rec, ok := rs.file.Read(checkedName(slug))
	if !ok {
		return ""
	}
	d := project.NewRecordDecoder(rec.Data)
	format, was, key := d.Text(), d.Text(), d.Text()
	if !d.End() || format != checkedFormat || was != digest {
		return ""
	}
	return key
}

// newRecords returns the records of a run over n articles in targets;
// l is the project's layout.
func newRecords(p *project.Project, l *project.Layout, n int, targets []string, withMemory bool) *records {
	config, gloss, _ := p.Settings()
	parts := [][]byte{[]byte(extractFormat), []byte(project.ToolVersion()), []byte(p.Source), config, gloss}
	for _, loc := range targets {
		parts = append(parts, []byte(loc))
	}
	rs := &records{recipe: project.Digest(parts...), memory: withMemory, seen: make([]*seenArticle, n), file: p.OpenRecords("extract")}
	if withMemory {
		rs.store = memory.NewStore(p, len(l.Articles()))
		in := memory.ReadInputs(p, l, targets, rs.file, true, rs.store)
		rs.mem, rs.in = memory.NewCached(p, targets, in), &in
	}
	return rs
}

// stamps returns the stamps of an article's files (see files), as
// project.Stamps does: from the memory's inputs when the run took them.
func (rs *records) stamps(p *project.Project, slug string, targets []string) []project.Stamp {
	if rs.in == nil {
		return p.Stamps(files(p, slug, targets)...)
	}
	return rs.in.Stamped(slug, append([]string{p.Source}, targets...))
}

// files returns the files of an article extract reads and writes, relative
// to the root: the article, its source catalog, its catalog in each target.
func files(p *project.Project, slug string, targets []string) []string {
	out := []string{project.ArticlePath(slug), project.CatalogPath(slug, p.Source)}
	for _, loc := range targets {
		out = append(out, project.CatalogPath(slug, loc))
	}
	return out
}

// skip stamps article i's files, before they are read, and reports
// whether its record says that extract would leave them as they are.
func (rs *records) skip(p *project.Project, i int, slug string, targets []string) bool {
	now := rs.stamps(p, slug, targets)
	var r extractRecord
	rec, ok := rs.file.Read(RecordName(slug))
	if !ok || rec.Decode(&r) != nil || r.Recipe != rs.recipe || !rec.Fresh(now, r.Inputs) {
		rs.seen[i] = &seenArticle{stamps: now}
		return false
	}
	if r.Missing && rs.memory {
		if key := rs.mem.Key(); r.MemoryKey != key {
			if digest := project.Digest(rec.Data); rs.checkedKey(slug, digest) != key {
				if !rs.mem.Answers(r.MemoryKey, r.Asked) {
					rs.seen[i] = &seenArticle{stamps: now}
					return false
				}
				rs.seen[i] = &seenArticle{skipped: true, checked: true, digest: digest}
				return true
			}
		}
	}
	rs.seen[i] = skippedArticle
	return true
}

// made notes article i's catalogs as extract made them: writes are the
// source catalog, then each target's.
func (rs *records) made(i int, writes []stage.File) {
	s := rs.seen[i]
	if s == nil {
		s = &seenArticle{}
		rs.seen[i] = s
	}
	for k, w := range writes {
		// commit needs the digest of a file this run writes, not of
		// one it leaves as it was (most of them).
		var sum [32]byte
		if w.Always || !w.Snap.Unchanged(w.Data) {
			sum = sha256.Sum256(w.Data)
		}
		s.sums = append(s.sums, sum)
		// A target catalog has an entry for every unit; an untranslated
		// one reads other: "" (or a quoted value starting with a space).
		if k > 0 && (bytes.Contains(w.Data, []byte("\n  other: \"\"\n")) || bytes.Contains(w.Data, []byte("\n  other: \" "))) {
			s.missing = true
		}
	}
}

// commit writes the records of the articles extract read, once their
// catalogs are written: each file's stamp as read, or for a catalog this
// run wrote, its stamp now if it holds what extract wrote. An article
// whose file changed meanwhile gets no new record, and is extracted again
// next time. Records are a shortcut: when they cannot be written, they are
// left out. all says that the run went over every article, so that the
// records of others are of articles that are gone.
func (rs *records) commit(p *project.Project, slugs, targets []string, written []string, renamed map[string]string, all bool) {
	wrote := make(map[string]bool, len(written))
	for _, rel := range written {
		wrote[rel] = true
	}
	var unread seenArticle // what commit reads of an article not read, for all of them
	for i, s := range rs.seen {
		if s == nil {
			s = &unread
		}
		name := RecordName(slugs[i])
		if s.skipped && rs.memory && rs.mem.Rebased() {
			// The memory its lookups were answered by goes: this
			// run's, which answers them alike, stays.
			var r extractRecord
			if rec, ok := rs.file.Read(name); ok && rec.Decode(&r) == nil && r.Missing && r.MemoryKey != rs.mem.Key() {
				r.MemoryKey = rs.mem.Key()
				if data, err := project.EncodeRecord(r); err == nil {
					rs.file.Put(name, data)
					rs.file.Put(checkedName(slugs[i]), nil)
					continue
				}
			}
		}
		if s.skipped || s.stamps == nil || len(s.sums) != len(s.stamps)-1 {
			rs.file.Put(name, nil)
			if s.skipped && s.checked {
				rs.file.Put(checkedName(slugs[i]), checkedRecord(s.digest, rs.mem.Key()))
			} else {
				rs.file.Put(checkedName(slugs[i]), nil)
			}
			continue
		}
		if _, ok := renamed[slugs[i]]; ok {
			continue
		}
		rels := files(p, slugs[i], targets)
		stamps := slices.Clone(s.stamps)
		ok := true
		for k, rel := range rels[1:] {
			if !wrote[rel] {
				continue
			}
			now := p.Stamps(rel)
			data, err := os.ReadFile(p.Abs(rel))
			if now == nil || err != nil || sha256.Sum256(data) != s.sums[k] {
				ok = false
				break
			}
			stamps[k+1] = now[0]
		}
		if !ok {
			rs.file.Put(name, nil)
			continue
		}
		r := extractRecord{Recipe: rs.recipe, Inputs: stamps, Missing: s.missing}
		if s.missing && rs.memory {
			if r.Asked, ok = rs.mem.Asked(slugs[i]); !ok {
				rs.file.Put(name, nil)
				continue
			}
			r.MemoryKey = rs.mem.KeyFor(r.Asked)
		}
		data, err := project.EncodeRecord(r)
		if err != nil {
			data = nil
		}
		rs.file.Put(name, data)
		if data != nil && rs.memory && r.MemoryKey != "" && r.MemoryKey != rs.mem.Key() {
			// This run's memory answered the lookups, as the one named.
			rs.file.Put(checkedName(slugs[i]), checkedRecord(project.Digest(data), rs.mem.Key()))
		} else {
			rs.file.Put(checkedName(slugs[i]), nil)
		}
	}
	rs.file.Commit(all)
}

// memoryOn reports whether extract fills missing units from the
// translation memory in this run (l10n.yaml's memory, on by default).
func memoryOn(p *project.Project) bool { return !p.Memory.Off }
