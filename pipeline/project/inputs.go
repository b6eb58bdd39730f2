package project

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
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
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &InputError{File: GlossaryFile, Err: err}
	}
	g, err := glossary.Parse(data)
	if err != nil {
		return nil, fileerr.In(GlossaryFile, err)
	}
	return g, nil
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
	return os.ReadFile(path)
}

// Exists reports whether a file is there.
func (p *Project) Exists(rel string) bool {
	fi, err := os.Stat(p.Abs(rel))
	return err == nil && fi.Mode().IsRegular()
}

// Digest returns the hex SHA-256 of its parts, each preceded by its
// length.
func Digest(parts ...[]byte) string {
	h := sha256.New()
	for _, part := range parts {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(part)))
		h.Write(n[:])
		h.Write(part)
	}
	return hex.EncodeToString(h.Sum(nil))
}
