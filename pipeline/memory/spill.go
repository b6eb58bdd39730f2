package memory

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"

	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// A parted memory's lookups keep their matches between the parts, and
// their answers once every part was asked, in a file of the run's own
// (a spill) rather than on the heap: the untranslated units of 10,000
// articles held some 20,000 matches, 16 MB live at the end of the
// parts and through extract's second pass, which the collector's
// doubling made twice that of the run's peak memory. A file's pages are
// the kernel's cache, not the process's memory, and the kernel may
// write them out. Each part reads every lookup's matches from the spill
// of the part before and writes them, with what the part added, to a
// spill of its own; the last part's spill holds the answers, each with
// its unit's text and the keys of its tokens (tm.Query.Keys), which
// Lookup reads one at a time.

// spill is one part's file of the lookups' records, in lookup order.
type spill struct {
	f    *os.File
	name string // removed once created, where the system allows it
	w    *bufio.Writer
	n    int64
	// at[j] is where lookup j's record begins; at[len] is the end.
	at []int64
}

// newSpill creates a spill for n lookups in the project's cache folder,
// or where the system keeps temporary files when the cache cannot take
// it (the cache's records are a shortcut, which a run without them only
// leaves out; its lookups need their spill).
func newSpill(p *project.Project, n int) (*spill, error) {
	dir := p.Abs(project.CacheDir)
	f, err := createSpill(dir)
	if err != nil {
		if f, err = createSpill(os.TempDir()); err != nil {
			return nil, fmt.Errorf("memory: a file for the lookups' matches: %w", err)
		}
	}
	s := &spill{f: f, name: f.Name(), w: bufio.NewWriterSize(f, 1<<16), at: make([]int64, 0, n+1)}
	if runtime.GOOS != "windows" && os.Remove(s.name) == nil {
		s.name = "" // the open file lasts; a run that is killed leaves nothing
	}
	return s, nil
}

// createSpill creates a spill's file in dir.
func createSpill(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.CreateTemp(dir, ".spill-*")
}

// put writes the next lookup's record.
func (s *spill) put(b []byte) error {
	s.at = append(s.at, s.n)
	n, err := s.w.Write(b)
	s.n += int64(n)
	if err != nil {
		return fmt.Errorf("memory: %w", err)
	}
	return nil
}

// done writes out what was put, once every lookup's record was.
func (s *spill) done() error {
	s.at = append(s.at, s.n)
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("memory: %w", err)
	}
	return nil
}

// get returns the record of lookup j, once done.
func (s *spill) get(j int) (*project.RecordDecoder, error) {
	b := make([]byte, s.at[j+1]-s.at[j])
	if _, err := s.f.ReadAt(b, s.at[j]); err != nil && err != io.EOF {
		return nil, fmt.Errorf("memory: %w", err)
	}
	return project.NewRecordDecoder(b), nil
}

// close closes and removes the file.
func (s *spill) close() {
	if s == nil {
		return
	}
	s.f.Close()
	if s.name != "" {
		os.Remove(s.name)
	}
}

// dropAnswers closes the spill of a parted memory's answers: Lookup
// answers nothing from then on.
func (l *Lazy) dropAnswers() {
	l.spill.close()
	l.spill, l.answers = nil, nil
}

// spilled returns the record of lookup p after a part: with the unit's
// text and the keys of its tokens when it is the last part's (an
// answer), and p's matches, which p lets go (tm.Partial.Spill).
func spilled(p *tm.Partial, text, keys string, last bool) []byte {
	e := &project.RecordEncoder{}
	if last {
		e.Text(text)
		e.Text(keys)
	}
	p.Spill(e)
	return e.B
}

// restore reads lookup j's matches from the spill of the part before
// (nil before the first part) into p.
func restore(s *spill, j int, p *tm.Partial) error {
	if s == nil {
		return nil
	}
	d, err := s.get(j)
	if err != nil {
		return err
	}
	if !p.Restore(d) || !d.End() {
		return fmt.Errorf("memory: a lookup's matches did not read back from %s", s.f.Name())
	}
	return nil
}
