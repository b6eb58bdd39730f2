package memory

import (
	"fmt"

	"github.com/l10n-dev/l10n/internal/spill"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// askedLog keeps the lookups of each article of a run (Lookup) for its
// record (Asked), which extract writes only once every catalog is in
// place: in a spill (internal/spill), each article's at the places
// where its lookups' records are, rather than on the heap. Held there,
// the texts and token keys of the untranslated units of 20,000 articles
// were some 7 MB live through the end of a cold extract, the run's
// highest.
type askedLog struct {
	f       *spill.File
	at      map[string][]askedAt // by slug
	flushed bool
}

// askedAt is where a lookup's record is in the spill.
type askedAt struct{ off, n int64 }

// keepAsked writes the lookups qs of the article of slug. The caller holds
// l.mu.
func (l *Lazy) keepAsked(slug string, qs []Query) error {
	if l.asked == nil {
		f, err := spill.New(l.p.Abs(project.CacheDir))
		if err != nil {
			return fmt.Errorf("memory: the run's lookups: %w", err)
		}
		l.asked = &askedLog{f: f, at: map[string][]askedAt{}}
	}
	a := l.asked
	for _, q := range qs {
		e := &project.RecordEncoder{}
		q.Encode(e)
		off := a.f.Offset()
		if _, err := a.f.Write(e.B); err != nil {
			return fmt.Errorf("memory: the run's lookups: %w", err)
		}
		a.at[slug] = append(a.at[slug], askedAt{off, int64(len(e.B))})
	}
	a.flushed = false
	return nil
}

// Asked returns the lookups of an article in this run, in the order
// Lookup was asked them; ok is false when they could not be read back.
func (l *Lazy) Asked(slug string) (qs []Query, ok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	a := l.asked
	if a == nil || len(a.at[slug]) == 0 {
		return nil, true
	}
	if !a.flushed {
		if a.f.Flush() != nil {
			return nil, false
		}
		a.flushed = true
	}
	for _, at := range a.at[slug] {
		b := make([]byte, at.n)
		if a.f.ReadAt(b, at.off) != nil {
			return nil, false
		}
		d := project.NewRecordDecoder(b)
		q := DecodeQuery(d)
		if !d.End() {
			return nil, false
		}
		qs = append(qs, q)
	}
	return qs, true
}

// dropAsked closes the spill of the run's lookups.
func (l *Lazy) dropAsked() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.asked != nil {
		l.asked.f.Close()
		l.asked = nil
	}
}
