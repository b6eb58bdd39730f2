package project

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/internal/textpos"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// GlossaryFile is the project's termbase, at the root. Without it, check
// runs every check but the glossary's.
const GlossaryFile = "glossary.yaml"

// SpellingFile is the project's word list, at the root: words the
// spelling check accepts besides hunspell's dictionary and the glossary,
// one a line ("*" ending a word for any ending), "#" starting a comment.
const SpellingFile = "spelling.txt"

// ReadGlossary reads the project's glossary, or returns nil when there
// is none.
func (p *Project) ReadGlossary() (*glossary.Glossary, error) {
	path := p.Abs(GlossaryFile)
	if err := p.Inside(path); err != nil {
		return nil, err
	}
	data, ok, err := p.ReadOptional(GlossaryFile)
	if err != nil || !ok {
		return nil, err
	}
	g, err := glossary.Parse(data)
	if err != nil {
		return nil, fileerr.In(GlossaryFile, err)
	}
	return g, nil
}

// ReadOptional reads a file inside the project that may be absent: its
// bytes and true, or nil and false when there is no such file. One that is
// not a regular file (a named pipe would block the read, a folder) is an
// *InputError naming it.
func (p *Project) ReadOptional(rel string) ([]byte, bool, error) {
	snap, err := p.ReadCatalogData(rel)
	if err != nil {
		return nil, false, err
	}
	return snap.Data, snap.Exists, nil
}

// ReadWordList reads the project's spelling.txt, if there is one: a word
// a line, "#" comments. A line that is not a word (a misplaced "*") is an
// input error naming it.
func (p *Project) ReadWordList() ([]string, error) {
	data, ok, err := p.ReadOptional(SpellingFile)
	if err != nil || !ok {
		return nil, err
	}
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, &InputError{File: SpellingFile, Line: line, Err: errors.New("invalid UTF-8")}
	}
	var words []string
	for i, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if _, err := glossary.Compile(line, ""); err != nil || len(strings.Fields(line)) != 1 {
			return nil, &InputError{File: SpellingFile, Line: i + 1, Err: fmt.Errorf("%q is not a word (one word a line; \"*\" may end it)", line)}
		}
		words = append(words, line)
	}
	return words, nil
}

// ReadInput reads a file inside the project; one that is not a regular
// file (a named pipe would block the read) is an *InputError.
func (p *Project) ReadInput(rel string) ([]byte, error) {
	path := p.Abs(rel)
	if err := p.Inside(path); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil {
		if err := stage.Regular(fi.Mode()); err != nil {
			return nil, &InputError{File: rel, Err: err}
		}
	}
	return stage.ReadFile(path)
}

// Exists reports whether a file is there.
func (p *Project) Exists(rel string) bool {
	fi, err := os.Stat(p.Abs(rel))
	return err == nil && fi.Mode().IsRegular()
}

// Digest returns the hex SHA-256 of its parts, each preceded by its
// length.
func Digest(parts ...[]byte) string {
	var d Digester
	// The small parts' room, as it is: a build digests a few short parts
	// per edition, and Digester's first room (some 9 KB) cost it tens of
	// MB of allocation.
	n := 0
	for _, part := range parts {
		if n += 8; len(part) < 1<<10 {
			n += len(part)
		}
	}
	if n < 8<<10 {
		d.buf = make([]byte, 0, n)
	}
	for _, part := range parts {
		d.Part(part)
	}
	return d.Sum()
}

// Digester is Digest fed one part at a time, for a caller with many
// small parts given as strings (without a copy of each as a []byte): the
// zero value is ready, and Sum is Digest of the parts given.
type Digester struct {
	h   hash.Hash
	buf []byte // the small parts the hash has not had yet
}

// Part adds a part: a small one is kept with the small parts before it,
// which reach the hash in one write of some kilobytes; a large one is
// written to the hash as it is.
func (d *Digester) Part(part []byte) {
	d.room()
	d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(len(part)))
	if len(part) >= 1<<10 {
		d.flush()
		d.h.Write(part)
		return
	}
	d.buf = append(d.buf, part...)
	d.spill()
}

// Text adds a part given as a string, as Part does.
func (d *Digester) Text(part string) {
	d.room()
	d.buf = binary.LittleEndian.AppendUint64(d.buf, uint64(len(part)))
	if len(part) >= 1<<10 {
		d.flush()
		io.WriteString(d.h, part)
		return
	}
	d.buf = append(d.buf, part...)
	d.spill()
}

// room gives the small parts, on the first, the room they take before
// spill writes them: one allocation rather than a slice grown from
// nothing (a digest of a catalog folder's entries has thousands of parts).
func (d *Digester) room() {
	if d.buf == nil {
		d.buf = make([]byte, 0, 8<<10+1<<10+8)
	}
}

// spill writes the small parts kept to the hash once they are some
// kilobytes.
func (d *Digester) spill() {
	if len(d.buf) >= 8<<10 {
		d.flush()
	}
}

// flush writes the small parts kept to the hash.
func (d *Digester) flush() {
	if d.h == nil {
		d.h = sha256.New()
	}
	if len(d.buf) > 0 {
		d.h.Write(d.buf)
		d.buf = d.buf[:0]
	}
}

// Sum returns the hex SHA-256 of the parts.
func (d *Digester) Sum() string {
	d.flush()
	return hex.EncodeToString(d.h.Sum(nil))
}
