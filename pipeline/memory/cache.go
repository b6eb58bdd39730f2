package memory

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"

	"github.com/l10n-dev/l10n/internal/gcpace"
	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// Lazy is the project's translation memory for the lookups of a run,
// built the first time it is asked for — a run that meets no unit to
// look up does not pay for it — and then shared by every article and
// locale. It holds what Load reads less the Reused entries, which no
// lookup offers. With inputs (NewCached), it is read from the project's
// cache rather than built: as a run before kept it (Save), when its
// inputs are as they were then, or with the catalog folders that changed
// since read again (tm.Memory.Replace). It is safe for concurrent use.
type Lazy struct {
	p       *project.Project
	locales []string
	once    sync.Once
	m       *tm.Memory
	err     error
	// name is the memory's record in the cache, "" for none; in are
	// its inputs when the run began.
	name string
	in   Inputs
	// base is the key of the memory the cache held, when this run's
	// memory is that one (delta nil) or that one with the folders that
	// changed since replaced (delta: the entries that went and came).
	base  string
	delta *tm.Memory
	// built says that this run made the memory that Save keeps: built it,
	// or replaced enough folders of the cache's.
	built bool
	// asked are the lookups of each article (asked.go).
	mu    sync.Mutex
	asked *askedLog

	// A parted memory (parted.go): nparts parts (1: one memory, m);
	// gathering while Lookup takes its lookups (pending, their keys in
	// taken) for Answer, which answers them (answers: where each
	// answer is in spill, see spill.go) from the parts
	// built or from the cache's (opened, once: partsOnce), the folders
	// that changed replaced (changedParts and their entries, units, by
	// part; deltas, the entries that went and came).
	nparts       int
	gathering    bool
	pending      []pending
	taken        map[string]bool
	takenSpill   *matchSpill // the taken lookups' texts (take)
	takeErr      error       // the first error of writing it
	answers      map[string]int
	spill        *matchSpill
	partsOnce    sync.Once
	opened       bool
	changedParts [][]string
	units        [][]tm.Entry
	deltas       []*tm.Memory
	// tick tells Answer's caller that a part is done (ticked counts).
	tick   func()
	ticked int
	// copies says that the cache's records are read onto the heap
	// rather than mapped (ReadCopies).
	copies bool
	// ahead says that Get starts keeping a memory it builds at once
	// (SaveAhead): saving is closed once the record is written into
	// saved, which Save commits and Abort drops.
	ahead  bool
	saving chan struct{}
	saved  *project.Records
	// fetching is closed once the Get that Prefetch began returned.
	fetching chan struct{}
}

// records opens the cache's records of memories.
func (l *Lazy) records() *project.Records {
	rs := l.p.OpenRecords("memory")
	if l.copies {
		rs.ReadCopies()
	}
	return rs
}

// Inputs are what a project's memory is made of, as they were before a
// run read any: what each catalog folder gives it (ReadFolder) and
// the TMX files.
type Inputs struct {
	// Folders are the catalog folders' digests, in slug order.
	Folders []Folder
	// Catalogued is how many of the folders hold a catalog: the number
	// of the memory's parts follows it (see Parted).
	Catalogued int
	// Files names and stamps the files of project.MemoryDir, a line each.
	Files string
	// stamps are the stamps of the memory's inputs, taken before the
	// digests: for each folder (in the order of Folders) its article's,
	// then its catalog's in each of locs, stamped says which it took.
	// Kept by folder rather than by path: a map of the paths of 10,000
	// articles' files held 8 MB for a run.
	stamps  []project.Stamp
	stamped []bool
	locs    []string
	// files are the stamps of the files of project.MemoryDir, by path.
	files map[string]project.Stamp
	// Store is where the memory keeps its entries' texts and its arrays
	// of numbers, outside the heap (see offheap; nil: on the heap), and
	// where ReadFolder was told to keep the folders' texts.
	Store *offheap.Store
	key   string
}

// Folder is what a catalog folder gives the memory: its slug and
// ReadFolder, and its entries when ReadFolder read it.
type Folder struct {
	Slug, Digest string
	// entries are the folder's entries when ReadFolder read it, until
	// they are taken (read): nil for a folder known by its record, most
	// of a run's, which a pointer makes 48 bytes rather than 72.
	entries *[]tm.Entry
	// missing says that ReadFolder found a unit without a translation
	// in a target locale, or no catalog: a lookup to come (Prefetch).
	missing bool
}

// read returns the entries of the folders of in that ReadFolder read, by
// slug, and lets in forget them.
func (in *Inputs) read() map[string][]tm.Entry {
	out := map[string][]tm.Entry{}
	for i := range in.Folders {
		if f := &in.Folders[i]; f.entries != nil {
			out[f.Slug] = *f.entries
			f.entries = nil
		}
	}
	return out
}

// Key returns the key of the memory: a digest of the folders' digests
// and the files' line, which changes when what the memory holds does.
func (in *Inputs) Key() string {
	if in.key == "" {
		var b []byte
		for _, f := range in.Folders {
			b = append(append(append(append(b, f.Slug...), ' '), f.Digest...), '\n')
		}
		in.key = project.Digest(append(b, in.Files...))
	}
	return in.key
}

// Query is a lookup of a run: the English of a unit, in a locale, and
// what the memory answered: the lowest score of its matches when they
// were as many as asked for and none was assembled, else 0 (Floor), and
// whether the best was exact; and the keys of the text's tokens
// (tm.Query.Keys), by which a later run tells most lookups that a
// change to the memory cannot touch without cutting the text into
// tokens again ("" when unknown).
type Query struct {
	Locale, Text string
	Floor        int
	Exact        bool
	Keys         string
}

// Encode writes q as extract's records and the run's spill of its
// lookups (asked.go) keep it; DecodeQuery reads it back.
func (q Query) Encode(e *project.RecordEncoder) {
	e.Text(q.Locale)
	e.Text(q.Text)
	e.Int(int64(q.Floor))
	e.Bool(q.Exact)
	e.Text(q.Keys)
}

// DecodeQuery reads a lookup that Query.Encode wrote.
func DecodeQuery(d *project.RecordDecoder) Query {
	return Query{Locale: d.Text(), Text: d.Text(), Floor: int(d.Int()), Exact: d.Bool(), Keys: d.Text()}
}

// cacheFormat names the cache's records: change it when their layout or
// what goes into their names changes.
const cacheFormat = "l10n memory cache 2"

// NewCached returns the memory Load(p, locales) builds, less its Reused
// entries (which no lookup offers), whose inputs are in
// (taken by extract before it read any): Get reads it from the cache
// (out/.cache/memory.rec) if a run before kept a memory of the same
// l10n, source and target locales and memory settings — as it is, if
// its inputs were these, or with the catalog folders whose digests
// changed read again and replaced — and builds it otherwise; Save keeps
// it for the next run.
func NewCached(p *project.Project, locales []string, in Inputs) *Lazy {
	parts := [][]byte{[]byte(cacheFormat), []byte(project.ToolVersion()), []byte(p.Source),
		[]byte(strconv.Itoa(p.Memory.Threshold)), []byte(strconv.FormatBool(p.Memory.Sentences))}
	for _, l := range targetsOf(p, locales) {
		parts = append(parts, []byte(l))
	}
	n := partsFor(p, in.Catalogued)
	parts = append(parts, []byte(strconv.Itoa(n)))
	in.Key()
	return &Lazy{p: p, locales: locales, name: "memory " + project.Digest(parts...), in: in, nparts: n}
}

// maxReplaced is how many of the cache's catalog folders may have
// changed for Get to replace them rather than build the memory: past
// it, reading them costs as much as a build; resaveAt is how many make
// Save keep the memory anew (below, the next run replaces them again
// from the same cache, which costs less than writing it).
const (
	maxReplaced = 200
	resaveAt    = 32
)

// Get returns the memory, reading or building it on the first call.
func (l *Lazy) Get() (*tm.Memory, error) {
	l.once.Do(func() {
		read := l.in.read()
		if l.name != "" && l.cached(read) {
			return
		}
		l.m, l.err = load(l.p, l.locales, true, read, l.in.Store)
		// Kept only if its inputs are still as the key says: read
		// after the key was taken, they may have changed since.
		l.built = l.err == nil && l.name != "" && l.unchanged()
		if l.built && l.ahead && l.nparts <= 1 {
			l.saving = make(chan struct{})
			go func() {
				defer close(l.saving)
				l.saved = l.records()
				l.put(l.saved)
			}()
		}
	})
	return l.m, l.err
}

// cached reads the memory from the cache, replacing the catalog folders
// that changed since it was kept; false when the cache cannot give this
// run's memory.
func (l *Lazy) cached(read map[string][]tm.Entry) bool {
	rs := l.records()
	d, ok := rs.ReadDecoder(l.name)
	rs.Abort()
	if !ok {
		return false
	}
	key, changed, ok := l.changedSince(d)
	if !ok || !d.OK() {
		return false
	}
	// The decoded memory is about as large as its record, and kept.
	gcpace.Reserve(int64(d.Len()))
	if data, ok := d.Mapped(); ok {
		l.in.Store.Keep(data) // the mapping lasts: the store may hold its strings
	}
	m, err := tm.DecodeIn(d, l.in.Store)
	if err != nil {
		return false
	}
	if key != l.in.Key() {
		targets := targetsOf(l.p, l.locales)
		var units []tm.Entry
		for _, slug := range changed {
			if es, ok := read[slug]; ok {
				units = append(units, es...)
				continue
			}
			es, _, err := entriesOf(l.p, slug, targets, l.in.Store)
			if err != nil {
				return false // building reports it
			}
			for _, e := range es {
				if !e.Reused {
					units = append(units, e)
				}
			}
		}
		delta, ok := m.Replace(changed, units, options(l.p))
		if !ok {
			return false
		}
		l.delta = delta
		l.built = len(changed) >= resaveAt && l.unchanged()
	}
	l.m, l.base = m, key
	return true
}

// Save keeps the memory in the cache with its inputs, if this run made
// it (a cached Lazy whose Get was called, that built the memory or
// replaced enough of the cache's folders) and its inputs were, once it
// was made, still as when they were taken, so that the memory is what
// they say. The records of other memories go. Like every record, it is
// a shortcut: when it cannot be written, it is left out.
func (l *Lazy) Save() {
	if l == nil {
		return
	}
	l.fetched()
	if !l.built {
		return
	}
	if l.nparts > 1 {
		if l.opened && l.base != "" {
			l.saveParts() // a memory built is kept as its parts are built
		}
		return
	}
	if l.saving != nil {
		<-l.saving
		l.saving = nil
		l.saved.Commit(true)
		return
	}
	rs := l.records()
	l.put(rs)
	rs.Commit(true)
}

// put writes the memory's record, its inputs and its memory, into rs.
func (l *Lazy) put(rs *project.Records) {
	rs.PutFunc(l.name, func(write func([]byte)) {
		e := &partEncoder{write: write}
		l.writeInputs(e)
		l.m.Encode(e)
		e.flush()
	})
}

// SaveAhead makes Get keep a memory of one piece that it builds (see
// Save) as soon as it has built it, in the background, while the run
// looks units up in it: an extract of 1,000 articles writes 60 MB of
// cache, which took a core alone once the articles were done. Save
// then finishes it, and Abort drops it when the run fails.
func (l *Lazy) SaveAhead() {
	if l != nil {
		l.ahead = true
	}
}

// Prefetch begins to build the memory of one piece (Get) in the
// background when a run will look units up in it (a folder read for
// the inputs misses a translation) and the cache does not hold it:
// the articles go on while it is built, where the first lookup waited
// for it and every lookup after it did too (the build takes a core
// alone for a good part: some tenth of a cold extract of 1,000
// articles). Save and Abort wait for it.
func (l *Lazy) Prefetch() {
	if l == nil || l.nparts > 1 || l.fetching != nil || !l.in.missing() || l.kept() {
		return
	}
	l.fetching = make(chan struct{})
	go func() {
		defer close(l.fetching)
		_, _ = l.Get() // its error is the lookups'
	}()
}

// missing reports whether a folder that ReadFolder read misses a
// translation (Folder.missing): a run that extracts its article looks
// it up. A folder known by its record was not read: the cache holds the
// memory of its catalogs, read in some milliseconds.
func (in *Inputs) missing() bool {
	for _, f := range in.Folders {
		if f.missing {
			return true
		}
	}
	return false
}

// kept reports whether the cache holds a memory of this name, which Get
// reads (replacing the folders that changed) rather than builds.
func (l *Lazy) kept() bool {
	rs := l.records()
	defer rs.Abort()
	return rs.Has(l.name)
}

// fetched waits for the Get that Prefetch began.
func (l *Lazy) fetched() {
	if l.fetching != nil {
		<-l.fetching
	}
}

// Abort drops the record that SaveAhead began, when Save has not kept
// it, once the memory that Prefetch gets is made, and the answers of a
// parted memory (Lookup answers nothing after it): a run that looks units
// up calls it once it is done, whether it failed or not.
func (l *Lazy) Abort() {
	if l == nil {
		return
	}
	l.dropAnswers()
	l.takenSpill.close() // a run whose parts were not all asked
	l.takenSpill = nil
	l.dropAsked()
	l.fetched()
	if l.saving != nil {
		<-l.saving
		l.saving = nil
		l.saved.Abort()
	}
}

// writeInputs writes what the memory kept in the cache is made of: its
// key, each folder's digest and the files' line (see changedSince).
func (l *Lazy) writeInputs(e interface {
	Text(string)
	Int(int64)
}) {
	e.Text(l.in.Key())
	e.Int(int64(len(l.in.Folders)))
	for _, f := range l.in.Folders {
		e.Text(f.Slug)
		e.Text(f.Digest)
	}
	e.Text(l.in.Files)
}

// changedSince reads what writeInputs wrote and returns the key of the
// memory kept and the folders whose digest changed since, that came or
// went, in slug order; false when the files changed or more folders than
// maxReplaced (the memory is then built again).
func (l *Lazy) changedSince(d *project.RecordDecoder) (key string, changed []string, ok bool) {
	key = d.Text()
	was := map[string]string{}
	for range d.Count(2) {
		slug := d.Text()
		was[slug] = d.Text()
	}
	if files := d.Text(); !d.OK() || files != l.in.Files {
		return "", nil, false
	}
	for _, f := range l.in.Folders {
		if d, ok := was[f.Slug]; !ok || d != f.Digest {
			changed = append(changed, f.Slug)
		}
		delete(was, f.Slug)
	}
	for slug := range was {
		changed = append(changed, slug)
	}
	slices.Sort(changed)
	return key, changed, len(changed) <= maxReplaced
}

// Lookup returns the memory's best matches (at most n) for unit id of
// article slug, whose English is text, in each of locs, at or above the
// project's threshold, the unit's own entry left out,
// and keeps the queries among the article's (Asked). One lookup in
// several locales costs about what one in one does
// (tm.Memory.LookupLocales).
func (l *Lazy) Lookup(slug, id, text string, locs []string, n int) ([][]tm.Match, error) {
	var all [][]tm.Match
	var keys string
	switch {
	case l.nparts > 1 && l.gathering:
		l.take(slug, id, text, locs, n)
		return make([][]tm.Match, len(locs)), nil
	case l.nparts > 1:
		var err error
		if all, keys, err = l.lookupParted(slug, id, text, locs, n); err != nil {
			return nil, err
		}
	default:
		m, err := l.Get()
		if err != nil {
			return nil, err
		}
		all = m.LookupLocales(query(l.p, slug, id, text, n, &keys), locs)
	}
	// The article's lookups are kept for the run (its record).
	qs := make([]Query, len(all))
	for i, ms := range all {
		qs[i] = Query{Locale: locs[i], Text: text, Exact: len(ms) > 0 && ms[0].Percent == 100, Keys: keys}
		if len(ms) == n && !slices.ContainsFunc(ms, func(m tm.Match) bool { return m.Kind == tm.Assembled }) {
			qs[i].Floor = ms[n-1].Percent
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.keepAsked(slug, qs); err != nil {
		return nil, err
	}
	return all, nil
}

// Key returns the key of the memory of this run's inputs.
func (l *Lazy) Key() string { return l.in.Key() }

// KeyFor returns the key of a memory that answers the lookups qs as
// this run's does and that a later run can tell from its own (Answers):
// the cache's, if this run's memory is the cache's with folders replaced
// that qs do not touch and Save does not replace it; else this run's.
func (l *Lazy) KeyFor(qs []Query) string {
	if l.delta == nil && len(l.deltas) == 0 || l.built {
		return l.in.Key()
	}
	if l.touches(qs) {
		return l.in.Key()
	}
	return l.base
}

// touches reports whether the entries of the folders replaced may
// answer one of the lookups qs otherwise (tm.Memory.Touches): a lookup
// whose keys say that none of them may (tm.Memory.MayTouch) does not.
func (l *Lazy) touches(qs []Query) bool {
	deltas, assembles := l.deltas, false // a parted memory has no sentence pairs
	if l.delta != nil {
		deltas, assembles = []*tm.Memory{l.delta}, l.m.Assembles()
	}
	for _, q := range qs {
		for _, d := range deltas {
			if q.Keys != "" && !d.MayTouch(q.Keys, l.p.Memory.Threshold) {
				continue
			}
			if d.Touches(q.Locale, q.Text, l.p.Memory.Threshold, q.Floor, !q.Exact && assembles) {
				return true
			}
		}
	}
	return false
}

// Answers reports whether this run's memory answers the lookups qs as
// the memory of key did: key is this run's, or the cache's when this
// run's memory is the cache's with folders replaced that qs do not
// touch. It reads the memory to tell.
func (l *Lazy) Answers(key string, qs []Query) bool {
	if key == l.in.Key() || len(qs) == 0 {
		return true
	}
	if l.nparts > 1 {
		return l.openParts() && l.base == key && len(l.deltas) > 0 && !l.touches(qs)
	}
	if _, err := l.Get(); err != nil || l.base != key || l.delta == nil {
		return false
	}
	return !l.touches(qs)
}

// Rebased reports whether Save keeps this run's memory in place of the
// cache's (see Get).
func (l *Lazy) Rebased() bool { return l.built }

// partEncoder is a project.RecordEncoder that hands what it encoded on
// a part at a time, so that the memory's record is never in memory
// whole.
type partEncoder struct {
	project.RecordEncoder
	write   func([]byte)
	flushed int // bytes handed on
}

// partSize is how much a partEncoder holds before it hands it on.
const partSize = 1 << 20

// Int writes a number.
func (e *partEncoder) Int(n int64) {
	e.RecordEncoder.Int(n)
	if len(e.B) >= partSize {
		e.flush()
	}
}

// Text writes a string.
func (e *partEncoder) Text(s string) {
	e.RecordEncoder.Text(s)
	if len(e.B) >= partSize {
		e.flush()
	}
}

// TextParts writes a string of n bytes that fill writes in parts.
func (e *partEncoder) TextParts(n int, fill func(write func([]byte))) {
	e.RecordEncoder.TextParts(n, func(write func([]byte)) {
		fill(func(b []byte) {
			write(b)
			if len(e.B) >= partSize {
				e.flush()
			}
		})
	})
}

// Len returns how many bytes were written.
func (e *partEncoder) Len() int { return e.flushed + len(e.B) }

func (e *partEncoder) flush() {
	e.write(e.B)
	e.flushed += len(e.B)
	e.B = e.B[:0]
}

// unchanged reports whether the memory's inputs are as their stamps
// were when its key was taken: each stamped file as it was, and no
// catalog of a target locale or source, nor file of project.MemoryDir,
// that was not there.
func (l *Lazy) unchanged() bool {
	in := &l.in
	for i, f := range in.Folders {
		for k, rel := range in.paths(f.Slug) {
			if j := in.slot(i, k); in.stamped[j] {
				if now := l.p.Stamps(rel); now == nil || now[0] != in.stamps[j] {
					return false
				}
			}
		}
	}
	for rel, s := range in.files {
		if now := l.p.Stamps(rel); now == nil || now[0] != s {
			return false
		}
	}
	locs := append([]string{l.p.Source}, targetsOf(l.p, l.locales)...)
	dirs, _ := os.ReadDir(l.p.Abs("locales"))
	for _, d := range dirs {
		i, found := in.folder(d.Name())
		for _, loc := range locs {
			k := slices.Index(in.locs, loc)
			if (!found || k < 0 || !in.stamped[in.slot(i, 1+k)]) && l.p.Stamps(project.CatalogPath(d.Name(), loc)) != nil {
				return false
			}
		}
	}
	files, _ := os.ReadDir(l.p.Abs(project.MemoryDir))
	for _, f := range files {
		if _, ok := in.files[filepath.Join(project.MemoryDir, f.Name())]; !ok && !f.IsDir() {
			return false
		}
	}
	return true
}
