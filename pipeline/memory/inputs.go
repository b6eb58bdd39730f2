package memory

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/l10n-dev/l10n/internal/gcpace"
	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// folderFormat names the layout of a catalog folder's record (see
// ReadInputs) and what goes into its recipe; change it when either
// changes.
const folderFormat = "l10n memory folder 1"

// digestsCommand names the records that keep the catalog folders'
// digests: extract's, the command that takes them most.
const digestsCommand = "extract"

// ReadInputs returns the inputs of the memory of a project for targets
// (l is the project's layout): what each catalog folder gives it
// (ReadFolder) and the names and stamps of the TMX files
// (project.MemoryDir). A folder's digest is taken from its record in rs
// (named "memory/<slug>") while the stamps of its catalogs are as
// recorded, and computed again otherwise, so that a change to a catalog
// that the memory does not see (a new unit without a translation) leaves
// the memory's key as it was; with put, the records are put in rs (each
// folder's, read again or kept as it is). A folder read again keeps its
// entries for the memory (in store), unless the memory is parted. The
// inputs' stamps are every article, catalog and file of
// project.MemoryDir, each taken before it is read. The folders are read
// on every core.
func ReadInputs(p *project.Project, l *project.Layout, targets []string, rs *project.Records, put bool, store *offheap.Store) Inputs {
	in := Inputs{Store: store, locs: append([]string{p.Source}, targets...), files: map[string]project.Stamp{}}
	var b []byte
	slugs := append(slices.Clone(l.Articles()), l.Deleted...)
	slices.Sort(slugs)
	// Four stamps a folder, some 1.2 MB on 10,000 articles: in the store,
	// outside the heap, where the command keeps its memory there.
	in.stamps = offheap.Make[project.Stamp](store, in.slot(len(slugs), 0))
	in.stamped = make([]bool, len(in.stamps))
	// A parted memory is built a part at a time (Lazy.Gather): the
	// folders read now are read for their digests alone.
	for _, slug := range slugs {
		if len(l.Catalogs(slug)) > 0 {
			in.Catalogued++
		}
	}
	parted := Parted(p, in.Catalogued)
	recipe := folderRecipe(p, targets)
	// Each folder as a worker read it (its stamps go into in.stamps):
	// what it gives the memory, and its record (keep[i]: data[i], or nil
	// to keep it as the file holds it).
	in.Folders = make([]Folder, len(slugs))
	keep, data := make([]bool, len(slugs)), make([][]byte, len(slugs))
	pool.Each(len(slugs), func(i int) {
		slug := slugs[i]
		if s := p.Stamps(project.ArticlePath(slug)); s != nil {
			in.stamps[in.slot(i, 0)], in.stamped[in.slot(i, 0)] = s[0], true
		}
		names := l.Catalogs(slug)
		var rels []string
		var of []int // where each of rels's stamps goes
		for k, loc := range in.locs {
			if slices.Contains(names, loc) {
				rels = append(rels, project.CatalogPath(slug, loc))
				of = append(of, in.slot(i, 1+k))
			}
		}
		now := p.Stamps(rels...)
		for k, s := range now {
			in.stamps[of[k]], in.stamped[of[k]] = s, true
		}
		in.Folders[i], keep[i], data[i] = folderDigest(p, rs, recipe, slug, targets, rels, now, parted, store)
	})
	for i := range slugs {
		if put && keep[i] {
			rs.Put(folderRecordName(slugs[i]), data[i])
		}
	}
	entries, _ := os.ReadDir(p.Abs(project.MemoryDir))
	for _, e := range entries {
		rel := filepath.Join(project.MemoryDir, e.Name())
		if s := p.Stamps(rel); !e.IsDir() && s != nil {
			in.files[rel] = s[0]
			b = fmt.Appendf(b, "%s %d %d %d %d\n", rel, s[0].Size, s[0].MTime, s[0].CTime, s[0].Ino)
		}
	}
	in.Files = string(b)
	return in
}

// folder returns the index of the folder of slug in Folders, and
// whether it is there. It reads the folders' slugs alone: extract's
// workers ask it (Stamped) while the memory's prefetch takes the
// entries out of the folders (read), and a search that copied each
// Folder it compared read those too.
func (in *Inputs) folder(slug string) (int, bool) {
	i := sort.Search(len(in.Folders), func(i int) bool { return in.Folders[i].Slug >= slug })
	return i, i < len(in.Folders) && in.Folders[i].Slug == slug
}

// slot returns where the stamp of file k of folder i is in stamps: k 0
// is its article, 1 on its catalog in each of locs.
func (in *Inputs) slot(i, k int) int { return i*(1+len(in.locs)) + k }

// paths returns the paths of the files of the folder of slug that the
// inputs stamp, as the stamps hold them: its article, then its catalog
// in each locale.
func (in *Inputs) paths(slug string) []string {
	paths := make([]string, 0, 1+len(in.locs))
	paths = append(paths, project.ArticlePath(slug))
	for _, loc := range in.locs {
		paths = append(paths, project.CatalogPath(slug, loc))
	}
	return paths
}

// Stamped returns the stamps the inputs took of the article of slug and
// of its catalogs in locs, in that order, as project.Project.Stamps took
// them: nil if they took none of one of them (it was missing, or is not
// one of the memory's inputs). The caller must not change them: they may
// be the inputs' own.
func (in *Inputs) Stamped(slug string, locs []string) []project.Stamp {
	i, found := in.folder(slug)
	if !found {
		return nil
	}
	if !in.stamped[in.slot(i, 0)] {
		return nil
	}
	if from, to := in.slot(i, 0), in.slot(i+1, 0); slices.Equal(locs, in.locs) && !slices.Contains(in.stamped[from:to], false) {
		// The folder's stamps as the inputs hold them, in this order
		// (extract's ask): a part of them, which the caller must not
		// change, rather than a copy per article (2.5 MB live at the
		// end of a cold extract of 20,000 articles).
		return in.stamps[from:to:to]
	}
	stamps := make([]project.Stamp, 0, 1+len(locs))
	stamps = append(stamps, in.stamps[in.slot(i, 0)])
	for _, loc := range locs {
		k := slices.Index(in.locs, loc)
		if k < 0 || !in.stamped[in.slot(i, 1+k)] {
			return nil
		}
		stamps = append(stamps, in.stamps[in.slot(i, 1+k)])
	}
	return stamps
}

// folderRecordName returns the name of a catalog folder's record.
func folderRecordName(slug string) string { return "memory/" + slug }

// folderRecipe returns the recipe of the folders' records: what a
// folder's digest depends on besides its catalogs.
func folderRecipe(p *project.Project, targets []string) string {
	parts := [][]byte{[]byte(folderFormat), []byte(project.ToolVersion()), []byte(p.Source)}
	for _, loc := range targets {
		parts = append(parts, []byte(loc))
	}
	return project.Digest(parts...)
}

// folderDigest returns what a catalog folder gives the memory (see
// ReadInputs): from its record in rs if the catalogs' stamps (now) are
// as recorded, else from the catalogs (with their entries, in store,
// unless the memory is parted), recorded anew; and its record to keep
// (keep: data, or nil to keep it as rs holds it). It is safe to call
// from several goroutines.
func folderDigest(p *project.Project, rs *project.Records, recipe, slug string, targets, rels []string, now []project.Stamp, parted bool, store *offheap.Store) (f Folder, keep bool, data []byte) {
	if rec, ok := rs.Read(folderRecordName(slug)); ok && now != nil {
		d := project.NewRecordDecoder(rec.Data)
		was, then, digest := d.Text(), d.Stamps(), d.Text()
		if d.End() && was == recipe && rec.Fresh(now, then) {
			// A copy of its own, not a part of the record's, which the
			// run would hold for every folder.
			return Folder{Slug: slug, Digest: strings.Clone(digest)}, true, nil
		}
	}
	if parted {
		store = nil // on the heap, and dropped
	}
	f, err := ReadFolder(p, slug, targets, store)
	if err != nil {
		// The command reports it when it reads the catalog.
		return Folder{Slug: slug, Digest: "error " + err.Error()}, false, nil
	}
	if parted {
		f = f.Digested()
	}
	if now != nil || len(rels) == 0 {
		e := &project.RecordEncoder{}
		e.Text(recipe)
		e.Stamps(now)
		e.Text(f.Digest)
		return f, true, e.B
	}
	return f, false, nil
}

// storeFrom is how much of the memory's texts and arrays stay on the
// heap before the rest goes outside it (offheap): the memory of some
// sixty articles makes no file, nor does a test's. A project of
// storeAll articles or more, whose memory would outgrow it, keeps none
// of it on the heap: there it was live heap for the whole run, which
// the collector's goal doubles (some 10 MB of peak RSS on 1,000
// articles).
const (
	storeFrom = 4 << 20
	storeAll  = 250
)

// NewStore returns a store for a memory's texts and arrays (see
// Inputs.Store) of a project of the given number of articles: outside
// the heap past the first few megabytes, or from the first byte for a
// large project; the command closes it when it is done with the memory.
func NewStore(p *project.Project, articles int) *offheap.Store {
	from := int64(storeFrom)
	if articles >= storeAll {
		from = 0
	}
	s := offheap.New(p.Abs("."), from)
	if gcpace.Limited() {
		s.Limit() // the decoded memory's entries in the file, which the kernel can write out
	}
	return s
}

// Open returns the project's memory for the lookups of a command that
// does not extract (the workbench, export) in locales: with its inputs
// as they are now, read with the folders' digests extract recorded, so
// that it is read from the cache as extract kept it (NewCached) — with
// the folders that changed since read again and replaced — rather than
// built.
func Open(p *project.Project, locales []string) (*Lazy, error) {
	l, err := p.ReadLayout()
	if err != nil {
		return nil, err
	}
	targets := targetsOf(p, locales)
	rs := p.OpenRecords(digestsCommand)
	defer rs.Abort()
	return NewCached(p, targets, ReadInputs(p, l, targets, rs, false, nil)), nil
}

// ReadCopies makes the memory read the cache's records onto the heap
// rather than map them (project.Records.ReadCopies), before it reads
// any: for a process that runs long and opens the memory again as its
// inputs change (the workbench), which would otherwise hold a mapping
// of every version of the cache it read, and the file with it. The
// memory is then on the heap, the collector's.
func (l *Lazy) ReadCopies() { l.copies = true }

// Ask is one lookup of LookupAll: unit ID of article Slug, whose English
// is Text, in each of Locales, at most N matches (see Lookup).
type Ask struct {
	Slug, ID, Text string
	Locales        []string
	N              int
}

// LookupAll answers lookups as Lookup does, each in its locales, without
// keeping them among the articles' (Asked): a parted memory gathers them
// and answers them all a part at a time (Gather, Answer), and reads its
// parts again on a later call (a caller that asks again as its inputs
// change opens the memory anew: Open).
func (l *Lazy) LookupAll(asks []Ask) ([][][]tm.Match, error) {
	out := make([][][]tm.Match, len(asks))
	if len(asks) == 0 {
		return out, nil
	}
	if l.nparts > 1 {
		l.Gather()
		for _, a := range asks {
			l.take(a.Slug, a.ID, a.Text, a.Locales, a.N)
		}
		err := l.Answer(func() {})
		defer l.dropAnswers() // read whole
		if err != nil {
			return nil, err
		}
		for i, a := range asks {
			ms, _, err := l.lookupParted(a.Slug, a.ID, a.Text, a.Locales, a.N)
			if err != nil {
				return nil, err
			}
			out[i] = ms
		}
		return out, nil
	}
	m, err := l.Get()
	if err != nil {
		return nil, err
	}
	for i, a := range asks {
		out[i] = m.LookupLocales(query(l.p, a.Slug, a.ID, a.Text, a.N, nil), a.Locales)
	}
	return out, nil
}
