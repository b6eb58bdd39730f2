package memory

import (
	"fmt"

	"github.com/l10n-dev/l10n/internal/spill"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// A parted memory's lookups keep their matches between the parts, and
// their answers once every part was asked, in a file of the run's own
// (internal/spill) rather than on the heap: the untranslated units of
// 10,000 articles held some 20,000 matches, 16 MB live at the end of the
// parts and through extract's second pass, which the collector's
// doubling made twice that of the run's peak memory. Each part reads
// every lookup's record (its unit's text, the keys of its tokens,
// tm.Query.Keys, and its matches) from the spill of the part before and
// writes it, with what the part added, to a spill of its own; the first
// part reads the spill of the lookups taken, which Gather's lookups
// write as they come, with no match. So a lookup holds its text only
// while a part asks it. The last part's spill holds the answers, which
// Lookup reads one at a time.

// matchSpill is one part's spill of the lookups' records, in lookup order.
type matchSpill struct {
	f *spill.File
	// at[j] is where lookup j's record begins; at[len] is the end.
	at []int64
}

// newMatchSpill creates the spill of n lookups, in the project's cache
// folder or else the system's (the cache's records are a shortcut,
// which a run without them only leaves out; its lookups need their
// spill).
func newMatchSpill(p *project.Project, n int) (*matchSpill, error) {
	f, err := spill.New(p.Abs(project.CacheDir))
	if err != nil {
		return nil, fmt.Errorf("memory: the lookups' matches: %w", err)
	}
	return &matchSpill{f: f, at: make([]int64, 0, n+1)}, nil
}

// put writes the next lookup's record.
func (s *matchSpill) put(b []byte) error {
	s.at = append(s.at, s.f.Offset())
	_, err := s.f.Write(b)
	return err
}

// done writes out what was put, once every lookup's record was.
func (s *matchSpill) done() error {
	s.at = append(s.at, s.f.Offset())
	return s.f.Flush()
}

// get returns the record of lookup j, once done.
func (s *matchSpill) get(j int) (*project.RecordDecoder, error) {
	b := make([]byte, s.at[j+1]-s.at[j])
	if err := s.f.ReadAt(b, s.at[j]); err != nil {
		return nil, fmt.Errorf("memory: %w", err)
	}
	return project.NewRecordDecoder(b), nil
}

// close closes and removes the spill.
func (s *matchSpill) close() {
	if s != nil {
		s.f.Close()
	}
}

// dropAnswers closes the spill of a parted memory's answers: Lookup
// answers nothing from then on.
func (l *Lazy) dropAnswers() {
	l.spill.close()
	l.spill, l.answers = nil, nil
}

// spilled returns the record of lookup p after a part: its unit's text,
// the keys of its query's tokens (tm.Query.Keys; "" before the
// first part) and p's matches, which p lets go (tm.Partial.Spill). The
// spill of the lookups taken holds each before any part, with no match;
// the last part's holds the answers.
func spilled(p *tm.Partial, text, keys string) []byte {
	e := &project.RecordEncoder{}
	e.Text(text)
	e.Text(keys)
	p.Spill(e)
	return e.B
}

// restore reads lookup j's record from the spill s of the part before
// (or of the lookups taken) into p: its matches, its text as p's query's
// (SetSource) and the keys of its tokens into keys. It returns the
// unit's text, a part of the record, which the matches hold too.
func restore(s *matchSpill, j int, p *tm.Partial, keys *string) (string, error) {
	d, err := s.get(j)
	if err != nil {
		return "", err
	}
	text := d.Text()
	*keys = d.Text()
	p.SetSource(text)
	if !p.Restore(d) || !d.End() {
		return "", fmt.Errorf("memory: a lookup's matches did not read back from %s", s.f.Name())
	}
	return text, nil
}
