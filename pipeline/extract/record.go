package extract

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// extractFormat names the layout of extract's records and what goes into
// their recipe; change it when either changes.
const extractFormat = "l10n extract record 3"

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
	// the key of what the memory held when the run began (see
	// keyOfMemory): such an article is skipped only while that key holds.
	Missing   bool   `json:"missing,omitempty"`
	MemoryKey string `json:"memory,omitempty"`
}

// MarshalBinary encodes a record (project.RecordEncoder).
func (r extractRecord) MarshalBinary() ([]byte, error) {
	e := &project.RecordEncoder{}
	e.Text(extractFormat)
	e.Text(r.Recipe)
	e.Stamps(r.Inputs)
	e.Bool(r.Missing)
	e.Text(r.MemoryKey)
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
	// translation memory, whose inputs (every catalog) have the key
	// memoryKey in this run.
	memory    bool
	memoryKey string
	// stamped are the stamps that memoryKey took, by path.
	stamped map[string]project.Stamp
	seen    []seenArticle
	file    *project.Records
}

// seenArticle is an article as this run read it.
type seenArticle struct {
	stamps  []project.Stamp // article, then catalogs; nil: no record
	sums    [][32]byte      // the catalogs as extract made them
	missing bool
	skipped bool
}

// newRecords returns the records of a run over n articles in targets;
// l is the project's layout.
func newRecords(p *project.Project, l *project.Layout, n int, targets []string, memory bool) *records {
	config, gloss, _ := p.Settings()
	parts := [][]byte{[]byte(extractFormat), []byte(project.ToolVersion()), []byte(p.Source), config, gloss}
	for _, loc := range targets {
		parts = append(parts, []byte(loc))
	}
	rs := &records{recipe: project.Digest(parts...), memory: memory, seen: make([]seenArticle, n), file: p.OpenRecords("extract")}
	if memory {
		rs.memoryKey, rs.stamped = rs.keyOfMemory(p, l, targets)
	}
	return rs
}

// keyOfMemory returns the key of what the translation memory holds: the
// digest of what each catalog folder gives it (memory.FolderDigest) and
// of the names and stamps of the TMX files (project.MemoryDir). A folder's
// digest is taken from its record (named "memory/<slug>") while the
// stamps of its catalogs are as recorded, and computed again otherwise,
// so that a change to a catalog that the memory does not see (a new unit
// without a translation) leaves the key, and the articles skipped, as
// they were. It returns the stamps it took too, by path: every article,
// catalog and file of project.MemoryDir, before any is read.
func (rs *records) keyOfMemory(p *project.Project, l *project.Layout, targets []string) (string, map[string]project.Stamp) {
	stamped := map[string]project.Stamp{}
	slugs := append(slices.Clone(l.Articles()), l.Deleted...)
	slices.Sort(slugs)
	// The records are read, and put, in slug order (the file's order);
	// the folders whose record does not hold are read in between, on every
	// core: a cold run reads every catalog here.
	folders := make([]memoryFolder, len(slugs))
	var todo []int
	for i, slug := range slugs {
		if s := p.Stamps(project.ArticlePath(slug)); s != nil {
			stamped[project.ArticlePath(slug)] = s[0]
		}
		names := l.Catalogs(slug)
		f := &folders[i]
		f.slug = slug
		for _, loc := range append([]string{p.Source}, targets...) {
			if slices.Contains(names, loc) {
				f.rels = append(f.rels, project.CatalogPath(slug, loc))
			}
		}
		f.now = p.Stamps(f.rels...)
		for j, rel := range f.rels {
			if f.now != nil {
				stamped[rel] = f.now[j]
			}
		}
		if f.recorded = rs.recordedDigest(f); !f.recorded {
			todo = append(todo, i)
		}
	}
	pool.Ordered(len(todo), func(k int) (struct{}, error) {
		f := &folders[todo[k]]
		digest, err := memory.FolderDigest(p, f.slug, targets)
		if err != nil {
			// Extract reports it when it reads the catalog.
			digest = "error " + err.Error()
		}
		f.digest = digest
		return struct{}{}, nil
	}, func(int, struct{}) error { return nil })
	var b []byte
	for i := range folders {
		f := &folders[i]
		if f.recorded {
			rs.file.Put("memory/"+f.slug, nil)
		} else if f.now != nil || len(f.rels) == 0 {
			e := &project.RecordEncoder{}
			e.Text(rs.recipe)
			e.Stamps(f.now)
			e.Text(f.digest)
			rs.file.Put("memory/"+f.slug, e.B)
		}
		b = append(b, f.slug...)
		b = append(b, ' ')
		b = append(b, f.digest...)
		b = append(b, '\n')
	}
	entries, _ := os.ReadDir(p.Abs(project.MemoryDir))
	for _, e := range entries {
		rel := filepath.Join(project.MemoryDir, e.Name())
		if s := p.Stamps(rel); !e.IsDir() && s != nil {
			stamped[rel] = s[0]
			b = fmt.Appendf(b, "%s %d %d %d %d\n", rel, s[0].Size, s[0].MTime, s[0].CTime, s[0].Ino)
		}
	}
	return project.Digest(b), stamped
}

// memoryFolder is a catalog folder of keyOfMemory: its article, the paths
// of its catalogs and their stamps, the digest of what it gives the
// memory, and whether that was taken from its record.
type memoryFolder struct {
	slug     string
	rels     []string
	now      []project.Stamp
	digest   string
	recorded bool
}

// recordedDigest takes a folder's digest from its record (named
// "memory/<slug>") if the stamps of its catalogs are as recorded, and
// reports whether it did.
func (rs *records) recordedDigest(f *memoryFolder) bool {
	rec, ok := rs.file.Read("memory/" + f.slug)
	if !ok || f.now == nil {
		return false
	}
	d := project.NewRecordDecoder(rec.Data)
	recipe, then, digest := d.Text(), d.Stamps(), d.Text()
	if !d.End() || recipe != rs.recipe || !rec.Fresh(f.now, then) {
		return false
	}
	f.digest = digest
	return true
}

// stamps returns the stamps of files, as project.Stamps does: from the
// run's stamps (see memoryKey) when it took them.
func (rs *records) stamps(p *project.Project, rels []string) []project.Stamp {
	if rs.stamped == nil {
		return p.Stamps(rels...)
	}
	out := make([]project.Stamp, 0, len(rels))
	for _, rel := range rels {
		s, ok := rs.stamped[rel]
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
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
	now := rs.stamps(p, files(p, slug, targets))
	rs.seen[i].stamps = now
	var r extractRecord
	rec, ok := rs.file.Read(RecordName(slug))
	if !ok || rec.Decode(&r) != nil || r.Recipe != rs.recipe || !rec.Fresh(now, r.Inputs) || r.Missing && rs.memory && r.MemoryKey != rs.memoryKey {
		return false
	}
	rs.seen[i].skipped = true
	return true
}

// made notes article i's catalogs as extract made them: writes are the
// source catalog, then each target's.
func (rs *records) made(i int, writes []stage.File) {
	s := &rs.seen[i]
	for k, w := range writes {
		s.sums = append(s.sums, sha256.Sum256(w.Data))
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
	for i, s := range rs.seen {
		name := RecordName(slugs[i])
		if s.skipped || s.stamps == nil || len(s.sums) != len(s.stamps)-1 {
			rs.file.Put(name, nil)
			continue
		}
		if _, ok := renamed[slugs[i]]; ok {
			continue
		}
		rels := files(p, slugs[i], targets)
		stamps := slices.Clone(s.stamps)
		ok := true
		for k, rel := range rels[1:] {
			if !slices.Contains(written, rel) {
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
		data, err := project.EncodeRecord(extractRecord{Recipe: rs.recipe, Inputs: stamps, Missing: s.missing, MemoryKey: rs.memoryKey})
		if err != nil {
			data = nil
		}
		rs.file.Put(name, data)
	}
	rs.file.Commit(all)
}

// memoryOn reports whether extract fills missing units from the
// translation memory in this run (l10n.yaml's memory, on by default).
func memoryOn(p *project.Project) bool { return !p.Memory.Off }
