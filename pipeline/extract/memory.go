package extract

import (
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// suggestions is how many matches a missing unit is offered as comments.
const suggestions = 2

// fromMemory fills the missing units of an article's merged catalog for
// loc from the memory: an exact match (the same English, markup
// included) is pre-filled, as needing review unless the project says
// exact matches are translated; a match adapted to the unit's numbers,
// URLs and code is pre-filled as needing review when the project says
// so; the best other matches at or above the threshold become
// suggestions. Only a unit with no translation at all is filled: nothing
// a translator wrote is touched. It returns the memory's notes of the
// units it looked up, nil when none was missing (the memory was not
// needed).
func fromMemory(p *project.Project, a *project.Article, f *catalog.File, loc string, mem *memory.Lazy) (project.MemoryNotes, error) {
	var notes project.MemoryNotes
	s := p.Memory
	for i := range a.Doc.Units {
		e := f.Entries[i]
		if strings.TrimSpace(e.Other) != "" || len(e.Plural) > 0 {
			continue
		}
		id := a.ID(i)
		matches, err := mem.Lookup(a.Slug, id, a.Doc.Units[i].Text, loc, suggestions+1)
		if err != nil {
			return nil, err
		}
		if notes == nil {
			notes = project.MemoryNotes{}
		}
		if len(matches) == 0 {
			continue
		}
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
		notes[id] = lines
	}
	return notes, nil
}
