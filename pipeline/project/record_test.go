package project

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// recordsRoot returns an empty folder to keep records in.
func recordsRoot(t *testing.T, shard Shard) *Project {
	t.Helper()
	return &Project{Root: t.TempDir(), Shard: shard}
}

// readAll returns every record a Records has for names, as text.
func readAll(rs *Records, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		if r, ok := rs.Read(n); ok {
			out[n] = string(r.Data)
		}
	}
	return out
}

// TestRecords: records put are read back by name by the next run; a run
// that puts only what the file holds writes nothing; a new record
// rewrites the file with the others kept, keeping their times; a run
// over everything drops what it did not put, a run over a part keeps it;
// a records file cut anywhere reads as none.
func TestRecords(t *testing.T) {
	p := recordsRoot(t, Shard{})
	rs := p.OpenRecords("check")
	rs.Put("uk/a", []byte("one"))
	rs.Put("uk/b", []byte(""))
	rs.Put("uk/c", []byte("three\nlines\x00"))
	rs.Commit(true)
	path := p.Abs(RecordsPath("check", Shard{}))
	first, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"uk/a": "one", "uk/b": "", "uk/c": "three\nlines\x00"}
	rs = p.OpenRecords("check")
	if got := readAll(rs, "uk/a", "uk/b", "uk/c", "uk/d"); !maps.Equal(got, want) {
		t.Errorf("read %q, want %q", got, want)
	}
	written := p.RecordsWritten("check")
	// Everything as the file holds it: nothing is written.
	for _, n := range []string{"uk/a", "uk/b", "uk/c"} {
		rs.Put(n, nil)
	}
	rs.Commit(true)
	if now, err := os.Stat(path); err != nil || !now.ModTime().Equal(first.ModTime()) || now.Size() != first.Size() {
		t.Errorf("a run that changed no record rewrote the file (%v)", err)
	}
	// One new record: the others are kept, with their times; a run over
	// a part keeps what it did not put.
	time.Sleep(10 * time.Millisecond)
	rs = p.OpenRecords("check")
	rs.Put("uk/a", nil)
	rs.Put("uk/b", []byte("two"))
	rs.Commit(false)
	want["uk/b"] = "two"
	rs = p.OpenRecords("check")
	if got := readAll(rs, "uk/a", "uk/b", "uk/c"); !maps.Equal(got, want) {
		t.Errorf("after one new record: read %q, want %q", got, want)
	}
	rs.Abort()
	now := p.RecordsWritten("check")
	if !now["uk/a"].Equal(written["uk/a"]) || !now["uk/c"].Equal(written["uk/c"]) || !now["uk/b"].After(written["uk/b"]) {
		t.Errorf("times before %v, after %v: want uk/b's alone later", written, now)
	}
	// A run over everything drops what it did not put.
	rs = p.OpenRecords("check")
	rs.Put("uk/a", nil)
	rs.Put("uk/b", nil)
	rs.Commit(true)
	rs = p.OpenRecords("check")
	if got := readAll(rs, "uk/a", "uk/b", "uk/c"); len(got) != 2 || got["uk/a"] != "one" || got["uk/b"] != "two" {
		t.Errorf("a run over everything kept %q", got)
	}
	rs.Abort()
	// Cut anywhere, a file is no records, and a run writes it anew.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(data) {
		if err := os.WriteFile(path, data[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		rs := p.OpenRecords("check")
		if got := readAll(rs, "uk/a", "uk/b"); len(got) > 0 {
			t.Errorf("the first %d bytes of a records file read %q", n, got)
		}
		rs.Abort()
	}
	// No staged file is left behind.
	ents, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range ents {
		if strings.Contains(e.Name(), ".l10n-tmp-") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestRecordsTellWork: a run tells the collector's pacing that it has
// work (busy) when it has no records file and when it puts its first
// record the file does not hold, and not while every record it puts is
// one the file holds.
func TestRecordsTellWork(t *testing.T) {
	calls := 0
	defer func(f func()) { busy = f }(busy)
	busy = func() { calls++ }
	p := recordsRoot(t, Shard{})
	rs := p.OpenRecords("check")
	if calls != 1 {
		t.Fatalf("a run without records told %d times, want once", calls)
	}
	rs.Put("uk/a", []byte("one"))
	rs.Put("uk/b", []byte("two"))
	rs.Commit(true)
	if calls != 2 {
		t.Fatalf("a run that wrote its records told %d times in all, want twice", calls)
	}
	calls = 0
	rs = p.OpenRecords("check")
	rs.Put("uk/a", nil)
	rs.Put("uk/b", nil)
	rs.Put("uk/z", nil) // none held: nothing to keep
	rs.Commit(true)
	if calls != 0 {
		t.Errorf("a run that found every record as it was told %d times", calls)
	}
	rs = p.OpenRecords("check")
	rs.Put("uk/a", nil)
	if calls != 0 {
		t.Fatalf("told before the first new record")
	}
	rs.Put("uk/b", []byte("new"))
	rs.Put("uk/c", []byte("three"))
	rs.Commit(true)
	if calls != 1 {
		t.Errorf("a run with new records told %d times, want once", calls)
	}
}

// TestRecordsShards: a shard's run keeps its records in a file of its
// own, and a run over the shards' joined folders reads theirs and keeps
// them in its own file.
func TestRecordsShards(t *testing.T) {
	root := t.TempDir()
	for i, name := range []string{"uk/a", "uk/b"} {
		p := &Project{Root: root, Shard: Shard{Index: i + 1, Count: 2}}
		rs := p.OpenRecords("build")
		rs.Put(name, []byte(name))
		rs.Commit(false)
	}
	p := &Project{Root: root}
	rs := p.OpenRecords("build")
	got := readAll(rs, "uk/a", "uk/b")
	if got["uk/a"] != "uk/a" || got["uk/b"] != "uk/b" {
		t.Fatalf("the join read %q", got)
	}
	rs.Put("uk/a", []byte("uk/a"))
	rs.Put("uk/b", []byte("uk/b"))
	rs.Commit(true)
	own := openRecordsFile(p.Abs(RecordsPath("build", Shard{})))
	if own == nil || own.index.len() != 2 {
		t.Fatalf("the join's own file: %v", own)
	}
	own.f.Close()
}

// TestRecordFresh: a record is trusted when the stamps are the same and
// older than the record; a file modified or changed (its inode's change
// time) at or after the record's time is compared by content, however
// equal its stamp, since a second write within the file system's
// timestamp granularity would leave the stamp as it was.
func TestRecordFresh(t *testing.T) {
	written := time.Unix(100, 0)
	old := Stamp{Size: 10, MTime: time.Unix(90, 0).UnixNano(), CTime: time.Unix(91, 0).UnixNano(), Ino: 7}
	for _, c := range []struct {
		name      string
		now, then []Stamp
		want      bool
	}{
		{"same", []Stamp{old}, []Stamp{old}, true},
		{"missing", nil, []Stamp{old}, false},
		{"size", []Stamp{{Size: 11, MTime: old.MTime, CTime: old.CTime, Ino: 7}}, []Stamp{old}, false},
		{"inode", []Stamp{{Size: 10, MTime: old.MTime, CTime: old.CTime, Ino: 8}}, []Stamp{old}, false},
		{"change time", []Stamp{{Size: 10, MTime: old.MTime, CTime: old.CTime + 1, Ino: 7}}, []Stamp{old}, false},
		{"modified at the record's time", []Stamp{{Size: 10, MTime: written.UnixNano(), CTime: old.CTime, Ino: 7}},
			[]Stamp{{Size: 10, MTime: written.UnixNano(), CTime: old.CTime, Ino: 7}}, false},
		{"changed after the record", []Stamp{{Size: 10, MTime: old.MTime, CTime: written.UnixNano() + 1, Ino: 7}},
			[]Stamp{{Size: 10, MTime: old.MTime, CTime: written.UnixNano() + 1, Ino: 7}}, false},
	} {
		if got := (Record{Written: written}).Fresh(c.now, c.then); got != c.want {
			t.Errorf("%s: fresh %v, want %v", c.name, got, c.want)
		}
	}
}

// TestRecordCodec: what a RecordEncoder writes, a RecordDecoder reads
// back, and a cut or an extra byte is refused.
func TestRecordCodec(t *testing.T) {
	e := &RecordEncoder{}
	e.Text("format")
	e.Int(-5)
	e.Stamps([]Stamp{{Size: 1, MTime: -2, CTime: 3, Ino: 1 << 63}})
	e.Text("")
	e.Text("ü\n")
	d := NewRecordDecoder(e.B)
	if f, n, s, a, b := d.Text(), d.Int(), d.Stamps(), d.Text(), d.Text(); f != "format" || n != -5 || len(s) != 1 || s[0] != (Stamp{Size: 1, MTime: -2, CTime: 3, Ino: 1 << 63}) || a != "" || b != "ü\n" || !d.End() {
		t.Errorf("read %q %d %v %q %q (end %v)", f, n, s, a, b, d.End())
	}
	for n := range len(e.B) {
		d := NewRecordDecoder(e.B[:n])
		d.Text()
		d.Int()
		d.Stamps()
		d.Text()
		d.Text()
		if d.End() {
			t.Errorf("the first %d bytes read whole", n)
		}
	}
	d = NewRecordDecoder(append(e.B, 0))
	d.Text()
	d.Int()
	d.Stamps()
	d.Text()
	d.Text()
	if d.End() {
		t.Error("an extra byte read as the end")
	}
}

// TestRecordsLarge: a record written in parts (PutFunc), larger than the
// read window, reads back whole through Read and ReadDecoder, and one
// the file lacks through neither.
func TestRecordsLarge(t *testing.T) {
	p := recordsRoot(t, Shard{})
	rs := p.OpenRecords("memory")
	rs.Put("small", []byte("one"))
	var want []byte
	rs.PutFunc("large", func(write func([]byte)) {
		for i := range 3 * windowSize / 1000 {
			e := &RecordEncoder{}
			e.Text(strings.Repeat(string(rune('a'+i%26)), 990))
			want = append(want, e.B...)
			write(e.B)
		}
	})
	rs.Commit(true)
	rs = p.OpenRecords("memory")
	defer rs.Abort()
	if r, ok := rs.Read("large"); !ok || string(r.Data) != string(want) {
		t.Fatalf("Read: %d bytes (%v), want %d", len(r.Data), ok, len(want))
	}
	d, ok := rs.ReadDecoder("large")
	if !ok {
		t.Fatal("ReadDecoder found no record")
	}
	for i := range 3 * windowSize / 1000 {
		if s := d.Text(); s != strings.Repeat(string(rune('a'+i%26)), 990) {
			t.Fatalf("text %d: %.20q…", i, s)
		}
	}
	if !d.End() {
		t.Error("the decoder did not read the record whole")
	}
	if _, ok := rs.ReadDecoder("small"); !ok {
		t.Error("ReadDecoder found no small record")
	}
	if _, ok := rs.ReadDecoder("missing"); ok {
		t.Error("ReadDecoder found a record the file lacks")
	}
}

// TestRecordsReplacedOrCut: a decoder's record stays as it was read when
// the file is replaced by a rename afterwards (a later run's Commit),
// even where the record is a mapping of the file; a file cut short after
// its index was read gives no decoder for a record past its end (no
// fault), and the records before the cut still read.
func TestRecordsReplacedOrCut(t *testing.T) {
	p := recordsRoot(t, Shard{})
	big := func(c byte) []byte { return []byte(strings.Repeat(string(c), 3*windowSize)) }
	write := func(c byte) {
		rs := p.OpenRecords("memory")
		rs.Put("first", []byte("one"))
		rs.Put("large", big(c))
		rs.Commit(true)
	}
	write('a')
	rs := p.OpenRecords("memory")
	d, ok := rs.ReadDecoder("large")
	if !ok {
		t.Fatal("ReadDecoder found no record")
	}
	rs.Abort()
	write('b')
	if got := d.s; got != string(big('a')) {
		t.Fatalf("the record read before the file was replaced changed: %.10q…", got)
	}
	rs = p.OpenRecords("memory")
	defer rs.Abort()
	path := p.Abs(RecordsPath("memory", Shard{}))
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, fi.Size()/2); err != nil {
		t.Fatal(err)
	}
	if _, ok := rs.ReadDecoder("large"); ok {
		t.Error("ReadDecoder gave a record past the end of a file cut short")
	}
	if d, ok := rs.ReadDecoder("first"); !ok || d.s != "one" {
		t.Error("ReadDecoder found no record before the cut")
	}
}

// digestOf is Digest as it is defined: the hex SHA-256 of the parts,
// each after its length in eight bytes, little-endian.
func digestOf(parts [][]byte) string {
	var all []byte
	for _, p := range parts {
		all = binary.LittleEndian.AppendUint64(all, uint64(len(p)))
		all = append(all, p...)
	}
	sum := sha256.Sum256(all)
	return hex.EncodeToString(sum[:])
}

// TestDigester checks that Digest, and a Digester fed parts as bytes or
// strings, sum as Digest is defined (digestOf): no part, empty ones,
// and enough to be hashed in several writes.
func TestDigester(t *testing.T) {
	long := strings.Repeat("Загалом близько 3 767 ", 1000)
	tests := [][]string{
		nil,
		{""},
		{"", ""},
		{"a", "bc"},
		{"ab", "c"},
		{long, "x", long, "", long},
		{strings.Repeat("z", 1023), strings.Repeat("z", 1024), "q"},
		strings.Split(strings.Repeat(strings.Repeat("w", 1000)+"|", 9), "|"), // past the small parts' room
	}
	var many []string
	for i := range 3000 {
		many = append(many, strings.Repeat("y", i%40))
	}
	tests = append(tests, many)
	for _, parts := range tests {
		var bs [][]byte
		var d Digester
		for i, p := range parts {
			bs = append(bs, []byte(p))
			if i%2 == 0 {
				d.Text(p)
			} else {
				d.Part([]byte(p))
			}
		}
		want := digestOf(bs)
		if got := d.Sum(); got != want {
			t.Errorf("%d parts: Digester %s, want %s", len(parts), got, want)
		}
		if got := Digest(bs...); got != want {
			t.Errorf("%d parts: Digest %s, want %s", len(parts), got, want)
		}
	}
	if a, b := Digest([]byte("ab"), []byte("c")), Digest([]byte("a"), []byte("bc")); a == b {
		t.Error("parts cut elsewhere have the same digest")
	}
}

// TestRecordsIndexInParts: a run of many records writes its index into
// the file a part at a time, holding no more than a part of it, and the
// next run reads every record back, with its time, from the parts; a run
// that keeps some records and writes others mixes parts of both; a part
// spoilt makes the file no records.
func TestRecordsIndexInParts(t *testing.T) {
	p := recordsRoot(t, Shard{})
	const n = 12000
	name := func(i int) string { return fmt.Sprintf("uk/a-rather-long-slug-of-an-article-number-%05d", i) }
	rs := p.OpenRecords("status")
	for i := range n {
		rs.Put(name(i), []byte(strconv.Itoa(i)))
		if cap(rs.idx) > 2*indexPart {
			t.Fatalf("after %d records the run holds %d bytes of index", i+1, cap(rs.idx))
		}
	}
	if len(rs.parts) < 2 {
		t.Fatalf("%d records: %d parts of index written as the run went, want 2 or more", n, len(rs.parts))
	}
	rs.Commit(true)
	first := p.RecordsWritten("status")
	if len(first) != n {
		t.Fatalf("the file's index has %d records, want %d", len(first), n)
	}
	// Every other record new: the rest are copied with their times.
	time.Sleep(10 * time.Millisecond)
	rs = p.OpenRecords("status")
	for i := range n {
		if i%2 == 0 {
			rs.Put(name(i), nil)
		} else {
			rs.Put(name(i), []byte("new "+strconv.Itoa(i)))
		}
	}
	rs.Commit(true)
	then := p.RecordsWritten("status")
	rs = p.OpenRecords("status")
	defer rs.Abort()
	for i := range n {
		want := strconv.Itoa(i)
		if i%2 == 1 {
			want = "new " + want
		}
		r, ok := rs.Read(name(i))
		if !ok || string(r.Data) != want {
			t.Fatalf("record %s: %q (%v), want %q", name(i), r.Data, ok, want)
		}
		kept := then[name(i)].Equal(first[name(i)])
		if kept != (i%2 == 0) || !r.Written.Equal(then[name(i)]) {
			t.Fatalf("record %s: written %v, first %v: kept %v", name(i), then[name(i)], first[name(i)], kept)
		}
	}
	// A part of the index spoilt (a name's length beyond the part): no
	// records.
	path := p.Abs(RecordsPath("status", Shard{}))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dirAt := binary.LittleEndian.Uint64(data[len(data)-recordsFooter:])
	_, k := binary.Varint(data[dirAt:])
	partAt, _ := binary.Varint(data[int(dirAt)+k:])
	data[partAt] = 0x7f
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if rf := openRecordsFile(path); rf != nil {
		rf.f.Close()
		t.Error("a records file with a part of its index spoilt read as records")
	}
}

// FuzzRecordsFile: any bytes as a records file are no records (an
// error) or an index whose every record lies inside the file, before its
// directory, and reads.
func FuzzRecordsFile(f *testing.F) {
	dir := f.TempDir()
	for _, n := range []int{0, 1, 3, 200} {
		p := &Project{Root: filepath.Join(dir, strconv.Itoa(n))}
		rs := p.OpenRecords("check")
		for i := range n {
			rs.Put(fmt.Sprintf("uk/%d", i), []byte(strings.Repeat("x", i)))
		}
		rs.Put("uk/last", []byte("last"))
		rs.Commit(true)
		data, err := os.ReadFile(p.Abs(RecordsPath("check", Shard{})))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	path := filepath.Join(dir, "fuzz.rec")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rf := openRecordsFile(path)
		if rf == nil {
			return
		}
		defer rf.f.Close()
		n := 0
		for e := range rf.index.all() {
			name := e.name
			n++
			got, ok := rf.index.get(name)
			if !ok || got != e {
				t.Fatalf("record %q: the index finds %+v (%v), its entry is %+v", name, got, ok, e)
			}
			if e.off < int64(len(recordsMagic)) || e.len < 0 || e.off+e.len > int64(len(data)) {
				t.Fatalf("record %q at %d+%d of a file of %d bytes", name, e.off, e.len, len(data))
			}
			if r, ok := rf.read(got); !ok || string(r.Data) != string(data[e.off:e.off+e.len]) {
				t.Fatalf("record %q reads %q (%v)", name, r.Data, ok)
			}
		}
		if n != rf.index.len() {
			t.Fatalf("the index holds %d entries and says %d", n, rf.index.len())
		}
	})
}
