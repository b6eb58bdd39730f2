package project

import (
	"cmp"
	"crypto/rand"
	"encoding"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/l10n-dev/l10n/internal/gcpace"
	"github.com/l10n-dev/l10n/internal/stage"
)

// The records of what a command made from which inputs, so that a run
// where nothing changed does nothing: build keeps one per edition, check
// one per article and locale (its findings), extract one per article (the
// catalogs as it left them). A command's records are entries of one file
// (Records), each in the command's own encoding with the digest of what is
// not a file (the recipe: l10n's version, the settings) and the stamps of
// its input files. A record is only ever a shortcut: a missing or
// unreadable one makes the command do the work.

// CacheDir is the folder of the records, relative to the root: each
// command's in one file, CacheDir/<command>.rec (see RecordsPath).
var CacheDir = filepath.Join("out", ".cache")

// Stamp is what a file's metadata says of its content: its size,
// modification and change times (Unix nanoseconds) and inode. A file
// rewritten in place keeps its inode but gets a new change time, which
// nobody can set back; one replaced by a rename gets a new inode.
type Stamp struct {
	Size  int64  `json:"size"`
	MTime int64  `json:"mtime"`
	CTime int64  `json:"ctime,omitempty"`
	Ino   uint64 `json:"ino,omitempty"`
}

// Stamps returns the stamps of files relative to the root, or nil if one
// is missing or not a regular file. A symbolic link has no stamp: what
// depends on it is redone after its content was read, which checks that it
// stays inside the project. Take the stamps before reading the files: a
// file changed after its stamp then has another stamp at the next run.
func (p *Project) Stamps(rels ...string) []Stamp {
	out := make([]Stamp, 0, len(rels))
	for _, rel := range rels {
		s, ok := p.stamp(rel, false)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// Record is a record as read: its content, and when it was written.
type Record struct {
	Data    []byte
	Written time.Time
}

// Fresh reports whether inputs with stamps now are those a record written
// at r.Written saw (then): the same stamps, each older than the record,
// so that a file changed again within the file system's timestamp
// granularity (racily clean, as git says) is not taken for the one
// recorded but compared by content.
func (r Record) Fresh(now, then []Stamp) bool {
	if now == nil || !slices.Equal(now, then) {
		return false
	}
	w := r.Written.UnixNano()
	for _, s := range now {
		if s.MTime >= w || s.CTime >= w {
			return false
		}
	}
	return true
}

// Decode decodes a record's data into v: JSON, or v's own encoding if it
// is an encoding.BinaryUnmarshaler.
func (r Record) Decode(v any) error {
	if u, ok := v.(encoding.BinaryUnmarshaler); ok {
		return u.UnmarshalBinary(r.Data)
	}
	return json.Unmarshal(r.Data, v)
}

// EncodeRecord encodes a record v: JSON, or v's own encoding if it is an
// encoding.BinaryMarshaler.
func EncodeRecord(v any) ([]byte, error) {
	if m, ok := v.(encoding.BinaryMarshaler); ok {
		return m.MarshalBinary()
	}
	return json.Marshal(v)
}

// RecordsPath returns the file of a command's records, relative to the
// root: CacheDir/<command>.rec, or CacheDir/<command>.<i>of<n>.rec for
// a run on shard i/n, so that the shards' out/ folders join without
// overwriting one another's records.
func RecordsPath(command string, shard Shard) string {
	name := command
	if shard.Sharded() {
		name += "." + strconv.Itoa(shard.Index) + "of" + strconv.Itoa(shard.Count)
	}
	return filepath.Join(CacheDir, name+".rec")
}

// Records are a command's records, in one file read with a few reads
// however many there are (a footer, a directory, the index, then each
// record where it is, when it is asked for), so that memory holds the
// index only.
//
// The file is the header line, the records' data one after the other
// with the index in parts among them (per record: its name, where its data
// is, when it was written), a directory (when the file was written, where
// each part of the index is) and a footer (where the directory is). A run
// puts the records of what it did in order; while every record it puts is
// one the file holds, it writes nothing; from the first new one on it
// writes a new file beside the old, copying the old records it keeps, and
// Commit renames it into place. The index is written a part at a time as
// the run goes (indexPart), so that a run over ten thousand articles holds
// no more of it than a run over ten.
type Records struct {
	root string
	rel  string // the run's file
	// own is the run's file as it was; others are the files of other
	// shards (of the same command), read only when a record is not in
	// own: a run over the shards' joined out/ folders takes their
	// records.
	own    *recordsFile
	others []*recordsFile
	glob   string
	once   sync.Once

	// putOwn says which of own's records were put in this run, and how
	// (by their place in own's index: a byte per record, where a set of
	// names would hold each name again; ownKept marks those put
	// unchanged before out started, which start copies, where a list of
	// their names was 16 bytes a record live in a run with nothing to
	// do); putNew holds the hashes of the names put that own does not
	// have (nameHash: 8 bytes a name, where a run over every article
	// puts a new name for each).
	putOwn []ownPut
	putNew map[uint64]struct{}
	out    *stage.Stream
	// idx is the part of the new file's index not written yet, encoded
	// as the file holds it (appendIndex): bytes without a pointer, where
	// an entry with a string of its own for each record made the index
	// most of a cold run's memory; parts are where the parts written
	// are (offset and length).
	idx   []byte
	parts [][2]int64
	dead  bool // a write failed: write nothing
	// buf is copy's buffer, one for the run rather than one per record.
	buf []byte
	// copies says that ReadDecoder reads records rather than map them
	// (ReadCopies).
	copies bool
}

// ReadCopies makes ReadDecoder read each record into memory of the heap
// rather than map it: for a process that runs long (the workbench),
// where mappings, which last, would hold every version of the file it
// read, and their pages.
func (rs *Records) ReadCopies() { rs.copies = true }

// recordsFile is one records file, opened, and its index.
type recordsFile struct {
	f     *os.File
	index *recordIndex
	// window is a part of the file read ahead, at offset at: a run asks
	// for records roughly in the order the file holds them, so one read
	// serves many, while memory holds no more than the window.
	mu     sync.Mutex
	window []byte
	at     int64
	// size is the file's size: a small file's window is no larger.
	size int64
}

// windowSize is how much a records file is read ahead.
const windowSize = 256 << 10

// indexEntry is where a record's data is, and when it was written; ord
// is its place in the index of the file it was read from.
type indexEntry struct {
	name     string
	written  int64
	off, len int64
	ord      int
}

// recordsMagic begins and ends a records file; recordsFooter is the
// footer's size: the directory's offset and length, then the magic.
// indexPart is the most of the index a run holds before it writes it
// into the file; tailSize is how much of a file's end readIndex reads at
// once, which holds the footer, the directory and the index's last part
// (all of the index, for a file of a few thousand records).
const (
	recordsMagic  = "l10nrec2"
	recordsFooter = 8 + 8 + len(recordsMagic)
	indexPart     = 256 << 10
	tailSize      = 64 << 10
)

// busy tells the collector's pacing that the run has work to do
// (gcpace.Busy): a variable, for tests.
var busy = gcpace.Busy

// OpenRecords opens the records of a command for a run on the project's
// shard. A missing or malformed file is no records.
func (p *Project) OpenRecords(command string) *Records {
	rel := RecordsPath(command, p.Shard)
	rs := &Records{root: p.Root, rel: rel, putNew: map[uint64]struct{}{},
		glob: p.Abs(filepath.Join(CacheDir, command+".*of*.rec"))}
	rs.own = openRecordsFile(p.Abs(rel))
	if rs.own == nil {
		// No records: the run has everything to do.
		busy()
	} else {
		rs.putOwn = make([]ownPut, rs.own.index.ords())
	}
	return rs
}

// openRecordsFile reads a records file's index, or returns nil.
func openRecordsFile(path string) *recordsFile {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	rf, err := readIndex(f)
	if err != nil {
		f.Close()
		return nil
	}
	return rf
}

var errRecords = errors.New("malformed records file")

// readIndex reads the index of the records file f: its footer, its
// directory and the index's parts, the last of them (and all of a small
// file's) in one read of the file's tail.
func readIndex(f *os.File) (*recordsFile, error) {
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() || fi.Size() < int64(len(recordsMagic)+recordsFooter) {
		return nil, errRecords
	}
	size := fi.Size()
	tailAt := max(0, size-tailSize)
	tail := make([]byte, size-tailAt)
	if _, err := f.ReadAt(tail, tailAt); err != nil {
		return nil, errRecords
	}
	foot := tail[len(tail)-recordsFooter:]
	if string(foot[16:]) != recordsMagic {
		return nil, errRecords
	}
	// at reads the file's bytes [off, off+n), from the tail where it
	// holds them.
	at := func(off, n int64) ([]byte, bool) {
		if off >= tailAt {
			return tail[off-tailAt : off-tailAt+n], true
		}
		b := make([]byte, n)
		_, err := f.ReadAt(b, off)
		return b, err == nil
	}
	dirAt, n := int64(binary.LittleEndian.Uint64(foot[:8])), int64(binary.LittleEndian.Uint64(foot[8:16]))
	end := size - int64(recordsFooter)
	if dirAt < int64(len(recordsMagic)) || n < 0 || dirAt > end || n != end-dirAt {
		return nil, errRecords
	}
	dir, ok := at(dirAt, n)
	if !ok {
		return nil, errRecords
	}
	written, k := binary.Varint(dir)
	if k <= 0 {
		return nil, errRecords
	}
	dir = dir[k:]
	var parts [][]byte
	for len(dir) > 0 {
		var part [2]int64
		for i := range part {
			v, k := binary.Varint(dir)
			if k <= 0 {
				return nil, errRecords
			}
			part[i], dir = v, dir[k:]
		}
		if part[0] < int64(len(recordsMagic)) || part[1] < 0 || part[0]+part[1] > dirAt {
			return nil, errRecords
		}
		data, ok := at(part[0], part[1])
		if !ok {
			return nil, errRecords
		}
		parts = append(parts, data)
	}
	index, ok := newRecordIndex(parts, written, dirAt)
	if !ok {
		return nil, errRecords
	}
	return &recordsFile{f: f, index: index, size: size}, nil
}

// parseEntry reads the index entry at the front of data (appendIndex's
// encoding), of a file written at written: its name, a part of data, and
// where its record is (e, without its name).
func parseEntry(data []byte, written int64) (name []byte, e indexEntry, rest []byte, ok bool) {
	if name, data, ok = cutBytes(data); !ok {
		return nil, e, nil, false
	}
	var k int
	if e.off, k = binary.Varint(data); k <= 0 {
		return nil, e, nil, false
	}
	data = data[k:]
	if e.len, k = binary.Varint(data); k <= 0 {
		return nil, e, nil, false
	}
	data = data[k:]
	switch {
	case len(data) > 0 && data[0] == 1:
		e.written, data = written, data[1:]
	case len(data) > 0 && data[0] == 0:
		if e.written, k = binary.Varint(data[1:]); k <= 0 {
			return nil, e, nil, false
		}
		data = data[1+k:]
	default:
		return nil, e, nil, false
	}
	return name, e, data, true
}

// cutBytes reads a length-prefixed byte string from the front of b.
func cutBytes(b []byte) (s, rest []byte, ok bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n {
		return nil, b, false
	}
	return b[k : k+int(n)], b[k+int(n):], true
}

// read reads the record of the file that its index's entry e places.
func (rf *recordsFile) read(e indexEntry) (Record, bool) {
	data := make([]byte, e.len)
	if !rf.readAt(data, e.off) {
		return Record{}, false
	}
	return Record{Data: data, Written: time.Unix(0, e.written)}, true
}

// readAt fills data from the file at off, through the window.
func (rf *recordsFile) readAt(data []byte, off int64) bool {
	if len(data) > windowSize/4 {
		_, err := rf.f.ReadAt(data, off)
		return err == nil
	}
	rf.mu.Lock()
	defer rf.mu.Unlock()
	end := off + int64(len(data))
	if off < rf.at || end > rf.at+int64(len(rf.window)) {
		if rf.window == nil {
			rf.window = make([]byte, min(windowSize, rf.size))
		}
		n, err := rf.f.ReadAt(rf.window[:cap(rf.window)], off)
		if err != nil && err != io.EOF {
			rf.window = rf.window[:0]
			return false
		}
		rf.window, rf.at = rf.window[:n], off
		if end > rf.at+int64(n) {
			return false
		}
	}
	copy(data, rf.window[off-rf.at:])
	return true
}

// Read returns the record named name, if there is one: the run's own, or
// else another shard's. It is safe to call from several goroutines.
func (rs *Records) Read(name string) (Record, bool) {
	if rf, e := rs.find(name); rf != nil {
		return rf.read(e)
	}
	return Record{}, false
}

// ReadDecoder returns a decoder of the record named name, if there is
// one (see Read), for a large record, which Read and NewRecordDecoder
// would hold twice: where the system allows, the decoder's data is a
// read-only mapping of the file (see mapRecord), so that what it decodes
// are parts of the file's pages in the page cache rather than a copy the
// run makes; else (or after ReadCopies) the data is read straight into
// the decoder's copy.
func (rs *Records) ReadDecoder(name string) (*RecordDecoder, bool) {
	rf, e := rs.find(name)
	if rf == nil {
		return nil, false
	}
	if !rs.copies {
		if s, ok := mapRecord(rf.f, e.off, e.len); ok {
			return &RecordDecoder{s: s, mapped: s}, true
		}
	}
	var b strings.Builder
	b.Grow(int(e.len))
	buf := make([]byte, min(e.len, windowSize))
	for off := e.off; off < e.off+e.len; {
		n, err := rf.f.ReadAt(buf[:min(int64(len(buf)), e.off+e.len-off)], off)
		if n == 0 && err != nil {
			return nil, false
		}
		b.Write(buf[:n])
		off += int64(n)
	}
	return &RecordDecoder{s: b.String()}, true
}

// Has reports whether there is a record named name, without reading it.
func (rs *Records) Has(name string) bool {
	rf, _ := rs.find(name)
	return rf != nil
}

// find returns the file that holds the record named name, and its entry
// in that file's index; nil when none does: the run's own, or else
// another shard's.
func (rs *Records) find(name string) (*recordsFile, indexEntry) {
	if rs.own != nil {
		if e, ok := rs.own.index.get(name); ok {
			return rs.own, e
		}
	}
	rs.once.Do(func() {
		paths, _ := filepath.Glob(rs.glob)
		for _, path := range paths {
			if path != filepath.Join(rs.root, rs.rel) {
				if rf := openRecordsFile(path); rf != nil {
					rs.others = append(rs.others, rf)
				}
			}
		}
	})
	for _, rf := range rs.others {
		if e, ok := rf.index.get(name); ok {
			return rf, e
		}
	}
	return nil, indexEntry{}
}

// Put puts the record named name, in the run's order: data, or nil to
// keep it as the run's file holds it (and drop it if it holds none). The
// records kept before the run's first new one keep the old file's order.
func (rs *Records) Put(name string, data []byte) {
	if rs.dead {
		return
	}
	name, ord, held, ok := rs.mark(name)
	if !ok {
		return
	}
	if data == nil {
		if !held {
			return
		}
		if rs.out == nil {
			rs.putOwn[ord] = ownKept
			return
		}
		e, _ := rs.own.index.entry(ord)
		rs.copy(e)
		return
	}
	rs.write(name, func(write func([]byte)) { write(data) }, false)
}

// PutFunc puts the record named name, as Put does, with the data that
// fill writes in as many parts as it likes: a large record need not be
// in memory whole.
func (rs *Records) PutFunc(name string, fill func(write func([]byte))) {
	if rs.dead {
		return
	}
	if name, _, _, ok := rs.mark(name); ok {
		rs.write(name, fill, true)
	}
}

// mark notes that the record named name is put in this run, and reports
// whether it was not put before (ok), whether the run's file holds it
// (held, at ord in its index) and the name to keep: the index's copy
// when the file holds it, which the file's index holds anyway.
func (rs *Records) mark(name string) (kept string, ord int, held, ok bool) {
	var e indexEntry
	if rs.own != nil {
		e, held = rs.own.index.get(name)
	}
	if held {
		if rs.putOwn[e.ord] != ownNotPut {
			return name, e.ord, true, false
		}
		rs.putOwn[e.ord] = ownWritten
		return e.name, e.ord, true, true
	}
	h := nameHash(name)
	if _, ok := rs.putNew[h]; ok {
		return name, 0, false, false
	}
	rs.putNew[h] = struct{}{}
	return name, 0, false, true
}

// write writes a new record's data, which fill writes; aligned, from an
// offset in the file that is a multiple of 8.
func (rs *Records) write(name string, fill func(write func([]byte)), aligned bool) {
	if rs.out == nil && !rs.start() {
		return
	}
	if aligned && !rs.align() {
		return
	}
	off := rs.out.Offset()
	fill(func(b []byte) {
		if rs.dead {
			return
		}
		if _, err := rs.out.Write(b); err != nil {
			rs.fail()
		}
	})
	if rs.dead {
		return
	}
	rs.idx = appendIndex(rs.idx, indexEntry{name: name, off: off, len: rs.out.Offset() - off}, true)
	rs.writeIndex(false)
}

// writeIndex writes the index's entries held so far into the new file as
// a part of its index, once they are indexPart or more, or all of them.
func (rs *Records) writeIndex(all bool) {
	if rs.dead || len(rs.idx) == 0 || len(rs.idx) < indexPart && !all {
		return
	}
	off := rs.out.Offset()
	if _, err := rs.out.Write(rs.idx); err != nil {
		rs.fail()
		return
	}
	rs.parts = append(rs.parts, [2]int64{off, int64(len(rs.idx))})
	rs.idx = rs.idx[:0]
}

// start begins the new file, with the records kept so far: the run has
// found work (a record it did not hold), which the collector's pacing is
// told (gcpace.Busy).
func (rs *Records) start() bool {
	busy()
	out, err := stage.NewStream(rs.root, rs.rel)
	if err != nil {
		rs.dead = true
		return false
	}
	rs.out = out
	if _, err := out.Write([]byte(recordsMagic)); err != nil {
		rs.fail()
		return false
	}
	// The records kept so far, in the old file's order: the read window
	// serves many of them at once.
	type kept struct {
		off int64
		ord int
	}
	var ks []kept
	for ord, put := range rs.putOwn {
		if put == ownKept {
			e, _ := rs.own.index.entry(ord)
			ks = append(ks, kept{e.off, ord})
		}
	}
	slices.SortFunc(ks, func(a, b kept) int { return cmp.Compare(a.off, b.off) })
	for _, k := range ks {
		e, _ := rs.own.index.entry(k.ord)
		rs.copy(e)
		rs.putOwn[k.ord] = ownWritten
	}
	return !rs.dead
}

// ownPut is whether and how a record of a run's own file was put.
type ownPut uint8

const (
	ownNotPut  ownPut = iota
	ownKept           // put unchanged, not copied into the new file yet
	ownWritten        // in the new file, or to be written there
)

// align pads the new file to an offset that is a multiple of 8, so that
// a record that begins there, mapped (mapRecord: a mapping begins at a
// page), holds arrays of numbers that a decoder reads in place where
// its encoder aligned them within the record (tm.Encode).
func (rs *Records) align() bool {
	if pad := -rs.out.Offset() & 7; pad > 0 {
		if _, err := rs.out.Write(make([]byte, pad)); err != nil {
			rs.fail()
			return false
		}
	}
	return true
}

// copy copies the record of the run's old file at e into the new one;
// one that was aligned (see write) stays so.
func (rs *Records) copy(e indexEntry) {
	if e.off%8 == 0 && !rs.align() {
		return
	}
	off := rs.out.Offset()
	if rs.buf == nil {
		rs.buf = make([]byte, 32<<10)
	}
	var err error
	if e.len <= int64(len(rs.buf)) {
		// Through the read window: a run copies records in the file's
		// order, so one read serves many, where one read each was a
		// system call per record.
		if !rs.own.readAt(rs.buf[:e.len], e.off) {
			rs.fail()
			return
		}
		_, err = rs.out.Write(rs.buf[:e.len])
	} else {
		_, err = io.CopyBuffer(rs.out, io.NewSectionReader(rs.own.f, e.off, e.len), rs.buf)
	}
	if err != nil {
		rs.fail()
		return
	}
	e.off = off
	rs.idx = appendIndex(rs.idx, e, false)
	rs.writeIndex(false)
}

// appendIndex appends an entry of the new file's index to idx: its name,
// where it is, and whether it was written in this run (now: the file's
// time, in its directory, is the record's) or else its time. parseEntry
// reads it back.
func appendIndex(idx []byte, e indexEntry, now bool) []byte {
	idx = binary.AppendUvarint(idx, uint64(len(e.name)))
	idx = append(idx, e.name...)
	idx = binary.AppendVarint(idx, e.off)
	idx = binary.AppendVarint(idx, e.len)
	if now {
		return append(idx, 1)
	}
	return binary.AppendVarint(append(idx, 0), e.written)
}

// nameHash is the 64-bit FNV-1a hash of a record's name, by which a run
// remembers the names it put that its old file does not hold. Two names
// with one hash would leave the second record out of the file: its work
// is done again on the next run, as for any record that is missing.
func nameHash(name string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// fail gives up writing records.
func (rs *Records) fail() {
	rs.dead = true
	if rs.out != nil {
		rs.out.Abort()
		rs.out = nil
	}
}

// Commit writes the records put in this run, if any changed, and closes
// the files. The records of the run's old file that were not put are kept
// unless all is set (the run went over every article and locale: they are
// of what is gone), when the file is rewritten without them.
func (rs *Records) Commit(all bool) {
	defer rs.close()
	if rs.dead {
		return
	}
	var rest []string
	if rs.own != nil {
		for e := range rs.own.index.all() {
			if rs.putOwn[e.ord] == ownNotPut {
				rest = append(rest, e.name)
			}
		}
	}
	if rs.out == nil && (len(rest) == 0 || !all) {
		return
	}
	if rs.out == nil && !rs.start() {
		return
	}
	if !all {
		slices.Sort(rest)
		for _, name := range rest {
			e, _ := rs.own.index.get(name)
			rs.copy(e)
		}
	}
	if rs.dead {
		return
	}
	rs.writeIndex(true)
	if rs.dead {
		return
	}
	written, err := rs.out.Written()
	if err != nil {
		rs.fail()
		return
	}
	start := rs.out.Offset()
	b := binary.AppendVarint(nil, written.UnixNano())
	for _, part := range rs.parts {
		b = binary.AppendVarint(binary.AppendVarint(b, part[0]), part[1])
	}
	n := len(b)
	b = binary.LittleEndian.AppendUint64(b, uint64(start))
	b = binary.LittleEndian.AppendUint64(b, uint64(n))
	b = append(b, recordsMagic...)
	if _, err := rs.out.Write(b); err != nil {
		rs.fail()
		return
	}
	if err := rs.out.Commit(); err != nil {
		rs.dead = true
	}
	rs.out = nil
}

// Abort writes nothing, and closes the files.
func (rs *Records) Abort() {
	rs.fail()
	rs.close()
}

func (rs *Records) close() {
	for _, rf := range append([]*recordsFile{rs.own}, rs.others...) {
		if rf != nil {
			rf.f.Close()
		}
	}
	rs.own, rs.others = nil, nil
	rs.dead = true
}

var (
	toolOnce sync.Once
	tool     string
)

// ToolVersion identifies the l10n that runs, for the records' recipes, so
// that a new version does every piece of work again: the module version
// or clean VCS revision it was built from, else the path, size and
// modification time of the executable (a rebuilt binary is a new file).
func ToolVersion() string {
	toolOnce.Do(func() { tool = toolVersion() })
	return tool
}

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
	// Unknown: a key no later run matches, so everything is done again.
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "unknown-" + hex.EncodeToString(b[:])
}

// Settings returns the content of the files a command's result may
// depend on besides articles and catalogs, for the records' recipes:
// l10n.yaml, glossary.yaml and spelling.txt (empty when absent or not
// readable; the command reports such a file itself).
func (p *Project) Settings() (config, glossary, words []byte) {
	var out [3][]byte
	for i, rel := range []string{ConfigFile, GlossaryFile, SpellingFile} {
		out[i], _, _ = p.ReadOptional(rel)
	}
	return out[0], out[1], out[2]
}

// RecordsWritten returns when each record of a command's records file (of
// the project's shard) was written, by name: which records a run wrote.
func (p *Project) RecordsWritten(command string) map[string]time.Time {
	out := map[string]time.Time{}
	rf := openRecordsFile(p.Abs(RecordsPath(command, p.Shard)))
	if rf == nil {
		return out
	}
	defer rf.f.Close()
	for e := range rf.index.all() {
		out[e.name] = time.Unix(0, e.written)
	}
	return out
}

// RecordEncoder writes a record's fields in the one compact encoding that
// the commands' records share: numbers as varints, strings with their
// length first, so that a reader takes each string as a part of one copy
// of the record (RecordDecoder) without unquoting it.
type RecordEncoder struct {
	B []byte
}

// Int writes a number.
func (e *RecordEncoder) Int(n int64) { e.B = binary.AppendVarint(e.B, n) }

// Bool writes a flag, as the number 1 or 0.
func (e *RecordEncoder) Bool(b bool) {
	n := int64(0)
	if b {
		n = 1
	}
	e.Int(n)
}

// Text writes a string.
func (e *RecordEncoder) Text(s string) {
	e.B = binary.AppendUvarint(e.B, uint64(len(s)))
	e.B = append(e.B, s...)
}

// TextParts writes a string of n bytes, as Text does, that fill writes
// in parts (write does not keep them); they must add up to n bytes, or
// the record is not what the decoder reads.
func (e *RecordEncoder) TextParts(n int, fill func(write func([]byte))) {
	e.B = binary.AppendUvarint(e.B, uint64(n))
	fill(func(b []byte) { e.B = append(e.B, b...) })
}

// Len returns how many bytes were written.
func (e *RecordEncoder) Len() int { return len(e.B) }

// Stamps writes stamps.
func (e *RecordEncoder) Stamps(ss []Stamp) {
	e.Int(int64(len(ss)))
	for _, s := range ss {
		e.Int(s.Size)
		e.Int(s.MTime)
		e.Int(s.CTime)
		e.B = binary.AppendUvarint(e.B, s.Ino)
	}
}

// RecordDecoder reads what a RecordEncoder wrote, in the same order; a
// read past the end or of a malformed field sets Bad and reads zero
// values from then on.
type RecordDecoder struct {
	s   string
	Bad bool
	// mapped is the whole data when it is a mapping of the records file
	// (ReadDecoder, mapRecord), which lasts as long as the process.
	mapped string
}

// Mapped returns the decoder's data and true when it is a read-only
// mapping of the records file that is never unmapped (see ReadDecoder):
// every string the decoder returns is a part of it and lasts as long as
// the process.
func (d *RecordDecoder) Mapped() (string, bool) { return d.mapped, d.mapped != "" }

// NewRecordDecoder returns a decoder of data, which it copies once.
func NewRecordDecoder(data []byte) *RecordDecoder {
	return &RecordDecoder{s: string(data)}
}

// Int reads a number.
func (d *RecordDecoder) Int() int64 {
	// Zigzag, as binary.AppendVarint wrote it.
	u := d.uint()
	if u&1 != 0 {
		return ^int64(u >> 1)
	}
	return int64(u >> 1)
}

// Bool reads a flag that Bool wrote: true for the number 1.
func (d *RecordDecoder) Bool() bool { return d.Int() == 1 }

// uint reads an unsigned number (as binary.Uvarint does, from the
// string itself).
func (d *RecordDecoder) uint() uint64 {
	if d.Bad {
		return 0
	}
	var v uint64
	for i := 0; i < len(d.s) && i < binary.MaxVarintLen64; i++ {
		b := d.s[i]
		if i == binary.MaxVarintLen64-1 && b > 1 {
			break // overflows 64 bits
		}
		v |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			d.s = d.s[i+1:]
			return v
		}
	}
	d.Bad = true
	return 0
}

// OK reports whether what was read so far was well formed.
func (d *RecordDecoder) OK() bool { return !d.Bad }

// Len returns how many bytes of the record are left to read.
func (d *RecordDecoder) Len() int { return len(d.s) }

// Text reads a string: a part of the decoder's copy of the data.
func (d *RecordDecoder) Text() string {
	n := d.uint()
	if d.Bad || n > uint64(len(d.s)) {
		d.Bad = true
		return ""
	}
	s := d.s[:n]
	d.s = d.s[n:]
	return s
}

// Count reads a count of items that take at least min bytes each: a
// count the rest of the data cannot hold sets Bad.
func (d *RecordDecoder) Count(min int) int {
	n := d.Int()
	if n < 0 || n > int64(len(d.s)/max(min, 1)) {
		d.Bad = true
		return 0
	}
	return int(n)
}

// Stamps reads stamps.
func (d *RecordDecoder) Stamps() []Stamp {
	n := d.Count(4)
	out := make([]Stamp, 0, n)
	for range n {
		out = append(out, Stamp{Size: d.Int(), MTime: d.Int(), CTime: d.Int(), Ino: d.uint()})
	}
	return out
}

// End reports whether the data was read whole and well.
func (d *RecordDecoder) End() bool { return !d.Bad && d.s == "" }
