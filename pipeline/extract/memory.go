package extract

import (
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
)

// suggestions is how many matches a missing unit is offered as comments.
const suggestions = 2

// fromMemory fills the missing units of an article's merged catalogs fs
// for the locales locs from the memory: an exact match (the same
// English, markup included) is pre-filled, as needing review unless the
// project says exact matches are translated; a match adapted to the
// unit's numbers, URLs and code is pre-filled as needing review when the
// project says so; the best other matches at or above the threshold
// become suggestions. Only a unit with no translation at all is filled:
// nothing a translator wrote is touched; a pseudo-translated catalog is
// left alone. A unit is looked up once for all the locales that miss
// it. It returns the memory's notes of the units it looked up in each
// locale, nil for a locale where none was missing (the memory was not
// needed).
func fromMemory(p *project.Project, a *project.Article, fs []*catalog.File, locs []string, mem *memory.Lazy) ([]project.MemoryNotes, error) {
	notes := make([]project.MemoryNotes, len(fs))
	pseudo := make([]bool, len(fs)) // never looked up
	for k, f := range fs {
		pseudo[k] = project.IsPseudo(f)
	}
	var missing []int // the catalogs (of fs) that miss the unit
	var in []string   // their locales
	for i := range a.Doc.Units {
		missing, in = missing[:0], in[:0]
		for k, f := range fs {
			if project.Untranslated(f.Entries[i]) && !pseudo[k] {
				missing = append(missing, k)
				in = append(in, locs[k])
			}
		}
		if len(missing) == 0 {
			continue
		}
		id := a.ID(i)
		all, err := mem.Lookup(a.Slug, id, a.Doc.Units[i].Text, in, suggestions+1)
		if err != nil {
			return nil, err
		}
		for j, k := range missing {
			if notes[k] == nil {
				notes[k] = project.MemoryNotes{}
			}
			if lines := fill(p, a, i, fs[k].Entries[i], all[j]); lines != nil {
				notes[k][id] = lines
			}
		}
	}
	return notes, nil
}

// fill fills entry e of unit i from its matches (see fromMemory) and
// returns its memory notes, nil without matches.
func fill(p *project.Project, a *project.Article, i int, e *catalog.Entry, matches []tm.Match) []string {
	if len(matches) == 0 {
		return nil
	}
	s := p.Memory
	var lines []string
	if best := matches[0]; best.Percent == 100 || best.Adapted != "" && s.AdaptReview {
		e.Other, e.Style = best.Translation(), 0
		e.Hash = a.Hash(i)
		if best.Percent < 100 || s.ExactReview {
			e.Comments = append(slices.Clip(e.Comments), project.ReviewComment)
		}
		lines = append(lines, memory.FromNote(best))
		matches = matches[1:]
	} else if len(matches) > suggestions {
		matches = matches[:suggestions]
	}
	if strings.TrimSpace(e.Other) == "" {
		for _, x := range matches {
			lines = append(lines, memory.SuggestionNote(x))
		}
	}
	return lines
}
