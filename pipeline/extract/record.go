package extract

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// extractFormat names the layout of extract's records and what goes into
// their recipe; change it when either changes.
const extractFormat = "l10n extract record 2"

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
	// the stamps of every article and catalog of the project when the
	// run began (see memoryKey): such an article is skipped only while
	// no file of the project changed.
	Missing   bool   `json:"missing,omitempty"`
	MemoryKey string `json:"memory,omitempty"`
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
	seen      []seenArticle
	file      *project.Records
}

// seenArticle is an article as this run read it.
type seenArticle struct {
	stamps  []project.Stamp // article, then catalogs; nil: no record
	sums    [][32]byte      // the catalogs as extract made them
	missing bool
	skipped bool
}

// newRecords returns the records of a run over n articles in targets.
func newRecords(p *project.Project, n int, targets []string, memory bool) *records {
	config, gloss, _ := p.Settings()
	parts := [][]byte{[]byte(extractFormat), []byte(project.ToolVersion()), []byte(p.Source), config, gloss}
	for _, loc := range targets {
		parts = append(parts, []byte(loc))
	}
	rs := &records{recipe: project.Digest(parts...), memory: memory, seen: make([]seenArticle, n), file: p.OpenRecords("extract")}
	if memory {
		rs.memoryKey = memoryKey(p)
	}
	return rs
}

// memoryKey returns the digest of the stamps of every article, catalog
// and TMX file of the project (project.MemoryDir): what the translation
// memory reads. Any file added, removed or changed changes it.
func memoryKey(p *project.Project) string {
	var b []byte
	for _, dir := range []string{"articles", "locales", project.MemoryDir} {
		entries, _ := os.ReadDir(p.Abs(dir))
		for _, e := range entries {
			rel := filepath.Join(dir, e.Name())
			if !e.IsDir() {
				b = appendStamp(b, p, rel)
				continue
			}
			files, _ := os.ReadDir(p.Abs(rel))
			for _, f := range files {
				b = appendStamp(b, p, filepath.Join(rel, f.Name()))
			}
		}
	}
	return project.Digest(b)
}

// appendStamp appends a file's name and stamp to b.
func appendStamp(b []byte, p *project.Project, rel string) []byte {
	b = append(b, rel...)
	for _, s := range p.Stamps(rel) {
		b = fmt.Appendf(b, " %d %d", s.Size, s.MTime)
	}
	return append(b, '\n')
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
	now := p.Stamps(files(p, slug, targets)...)
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
