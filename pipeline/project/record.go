package project

import (
	"crypto/rand"
	"encoding"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/l10n-dev/l10n/internal/stage"
)

// The records of what a command made from which inputs, so that a run
// where nothing changed does nothing: build keeps one per edition, check
// one per article and locale (its findings), extract one per article (the
// catalogs as it left them). A record is a file under out/.cache
// (CacheDir), JSON or the command's own encoding, with the digest of what is not a file (the recipe: l10n's
// version, the settings) and the stamps of its input files. A record is
// only ever a shortcut: a missing or unreadable one makes the command do
// the work.

// CacheDir is the folder of the records, relative to the root: build's
// under CacheDir/<locale>, check's under CacheDir/check, extract's under
// CacheDir/extract.
var CacheDir = filepath.Join("out", ".cache")

// Stamp is a file's size and modification time (Unix nanoseconds).
type Stamp struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"`
}

// Stamps returns the stamps of files relative to the root, or nil if one
// is missing or not a regular file. A symbolic link has no stamp: what
// depends on it is redone after its content was read, which checks that it
// stays inside the project. Take the stamps before reading the files: a
// file changed after its stamp then has another stamp at the next run.
func (p *Project) Stamps(rels ...string) []Stamp {
	out := make([]Stamp, 0, len(rels))
	for _, rel := range rels {
		fi, err := os.Lstat(p.Abs(rel))
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		out = append(out, Stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano()})
	}
	return out
}

// Record is a record as read: its content, and when it was written.
type Record struct {
	Data    []byte
	Written time.Time
}

// ReadRecord reads the record at rel, decoding it into v (JSON, or v's
// own encoding if it is an encoding.BinaryUnmarshaler); ok is false when
// there is none or it does not decode.
func (p *Project) ReadRecord(rel string, v any) (Record, bool) {
	f, err := os.Open(p.Abs(rel))
	if err != nil {
		return Record{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return Record{}, false
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return Record{}, false
	}
	if u, ok := v.(encoding.BinaryUnmarshaler); ok {
		err = u.UnmarshalBinary(data)
	} else {
		err = json.Unmarshal(data, v)
	}
	if err != nil {
		return Record{}, false
	}
	return Record{Data: data, Written: fi.ModTime()}, true
}

// Fresh reports whether inputs with stamps now are those a record written
// at r.Written saw (then): the same stamps, each older than the record,
// so that a file changed again within the file system's timestamp
// granularity is not taken for the one recorded.
func (r Record) Fresh(now, then []Stamp) bool {
	if now == nil || !slices.Equal(now, then) {
		return false
	}
	for _, s := range now {
		if s.MTime >= r.Written.UnixNano() {
			return false
		}
	}
	return true
}

// RecordWrite returns the write of a record v at rel (JSON, or v's own
// encoding if it is an encoding.BinaryMarshaler) whose old content was
// old (nil if absent): a file for a stage.Set, unchecked (records are
// l10n's own, and only a shortcut).
func RecordWrite(rel string, v any, old []byte) (*stage.File, error) {
	var data []byte
	var err error
	if m, ok := v.(encoding.BinaryMarshaler); ok {
		data, err = m.MarshalBinary()
	} else {
		data, err = json.Marshal(v)
		data = append(data, '\n')
	}
	if err != nil {
		return nil, fmt.Errorf("record %s: %w", rel, err)
	}
	snap := stage.Snapshot{Data: old, Exists: old != nil}
	return &stage.File{Rel: rel, Data: data, Snap: snap, Unchecked: true}, nil
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
