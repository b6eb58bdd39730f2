package project

import (
	"slices"
	"testing"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
)

// TestMergeTarget merges a target catalog into an article's current
// units as extract does, in the cases where a translation must come
// back from, or go to, another entry than the one with its unit's id:
// a translation made from exactly a unit's English comes back from the
// obsolete entries whatever id it had there (and leaves them, once);
// an emptied entry takes it too and keeps the translator's comments;
// a confirmation (an entry whose hash the translator deleted) that
// leaves the article keeps the hash of the English it was confirmed
// against, so that it can come back; a stale entry shows the English it
// was made from when the source catalog still knows it, and none when
// it does not.
func TestMergeTarget(t *testing.T) {
	hashP := func(text string) string { return catalog.Hash("Paragraph", text) }
	hashH := func(text string) string { return catalog.Hash("Heading", text) }
	type entry struct{ id, other, hash, previous string }
	tests := []struct {
		name         string
		markdown     string
		en           []*catalog.Entry // the source catalog as the last extract left it
		target       *catalog.File
		live         []entry
		obsolete     []entry
		liveComments [][]string // each live entry's comments and blocks above it, when set
	}{
		{
			// The heading came back one level lower after the source
			// catalog was pruned: a new id, the same English (a heading's
			// hash has no level).
			name:     "heading back at another level",
			markdown: "### Background\n\nText.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{
				Entries:  []*catalog.Entry{{ID: "p-text", Hash: hashP("Text."), Other: "Текст."}},
				Obsolete: []*catalog.Entry{{ID: "h2-background", Hash: hashH("Background"), Other: "Передумови"}},
			},
			live: []entry{
				{"h3-background", "Передумови", hashH("Background"), ""},
				{"p-text", "Текст.", hashP("Text."), ""},
			},
		},
		{
			// Of two obsolete entries made from the English, the first
			// that holds a translation comes back; the emptied one stays
			// obsolete.
			name:     "first obsolete translation back, an empty one left",
			markdown: "### Background\n",
			target: &catalog.File{Obsolete: []*catalog.Entry{
				{ID: "h2-background", Hash: hashH("Background"), Other: " "},
				{ID: "h4-background", Hash: hashH("Background"), Other: "Передумови"},
				{ID: "h5-background", Hash: hashH("Background"), Other: "Контекст"},
			}},
			live: []entry{{"h3-background", "Передумови", hashH("Background"), ""}},
			obsolete: []entry{
				{"h2-background", " ", hashH("Background"), ""},
				{"h5-background", "Контекст", hashH("Background"), ""},
			},
		},
		{
			// The unit's own entry was emptied and commented on; the
			// translation made from its English comes back to it under
			// the unit's id, with the comments of both.
			name:     "emptied entry takes the translation and keeps its comments",
			markdown: "### Background\n",
			en:       []*catalog.Entry{{ID: "h3-background", Description: "Heading", Other: "Background"}},
			target: &catalog.File{
				Entries: []*catalog.Entry{{ID: "h3-background", Hash: hashH("Background"), Other: "",
					Comments: []string{"# ask the desk"}, Above: []string{"# Section: top"}}},
				Obsolete: []*catalog.Entry{{ID: "h2-background", Hash: hashH("Background"), Other: "Передумови",
					Comments: []string{"# checked"}, Above: []string{"# old section"}}},
			},
			live:         []entry{{"h3-background", "Передумови", hashH("Background"), ""}},
			liveComments: [][]string{{"# ask the desk", "# checked", "# Section: top", "# old section"}},
		},
		{
			// A confirmation whose paragraph was deleted: obsolete with
			// the hash of the English the catalog showed.
			name:     "confirmation leaves with the English it was confirmed against",
			markdown: "## Title\n\nText.\n",
			en: []*catalog.Entry{
				{ID: "h2-title", Description: "Heading", Other: "Title"},
				{ID: "p-text", Description: "Paragraph", Other: "Text."},
				{ID: "p-gone", Description: "Paragraph", Other: "Gone now."},
			},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
				{ID: "p-gone", Other: "Вже немає.", Notes: []string{"en: Gone before."}},
			}},
			live:     []entry{{"h2-title", "", hashH("Title"), ""}, {"p-text", "Текст.", hashP("Text."), ""}},
			obsolete: []entry{{"p-gone", "Вже немає.", hashP("Gone before."), ""}},
		},
		{
			// Without a "#. en:" line there is no English to bind it to:
			// it leaves as it is.
			name:     "confirmation without the English leaves as it is",
			markdown: "Text.\n",
			en: []*catalog.Entry{
				{ID: "p-text", Description: "Paragraph", Other: "Text."},
				{ID: "p-gone", Description: "Paragraph", Other: "Gone now."},
			},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
				{ID: "p-gone", Other: "Вже немає."},
			}},
			live:     []entry{{"p-text", "Текст.", hashP("Text."), ""}},
			obsolete: []entry{{"p-gone", "Вже немає.", "", ""}},
		},
		{
			// A stale entry whose paragraph was deleted keeps the hash of
			// the English it was made from, not of the one it showed.
			name:     "stale entry leaves with its own hash",
			markdown: "Text.\n",
			en: []*catalog.Entry{
				{ID: "p-text", Description: "Paragraph", Other: "Text."},
				{ID: "p-gone", Description: "Paragraph", Other: "Gone now."},
			},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
				{ID: "p-gone", Hash: hashP("Gone before."), Other: "Вже немає.", Notes: []string{"en: Gone now."}},
			}},
			live:     []entry{{"p-text", "Текст.", hashP("Text."), ""}},
			obsolete: []entry{{"p-gone", "Вже немає.", hashP("Gone before."), ""}},
		},
		{
			// The paragraph is back with its id: its obsolete entry is
			// live again, and obsolete no more.
			name:     "obsolete entry back under its id",
			markdown: "Text.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{Obsolete: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
			}},
			live: []entry{{"p-text", "Текст.", hashP("Text."), ""}},
		},
		{
			// A confirmation of a paragraph with a hard line break (two
			// spaces, which the catalog's "#. en:" lines do not keep),
			// made after the English changed: bound to the English the
			// source catalog held, spaces and all.
			name:     "confirmation of a hard break after an edit",
			markdown: "Line one  \nLine two, edited.\n",
			en:       []*catalog.Entry{{ID: "p-line", Description: "Paragraph", Other: "Line one  \nLine two."}},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-line", Other: "Рядок один  \nрядок два.", Notes: []string{"en: Line one", "Line two."}},
			}},
			live: []entry{{"p-line", "Рядок один  \nрядок два.", hashP("Line one  \nLine two."), "Line one  \nLine two."}},
		},
		{
			// The same confirmation leaving the article.
			name:     "confirmation of a hard break leaves",
			markdown: "Text.\n",
			en: []*catalog.Entry{
				{ID: "p-text", Description: "Paragraph", Other: "Text."},
				{ID: "p-line", Description: "Paragraph", Other: "Line one  \nLine two."},
			},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
				{ID: "p-line", Other: "Рядок один  \nрядок два.", Notes: []string{"en: Line one", "Line two."}},
			}},
			live:     []entry{{"p-text", "Текст.", hashP("Text."), ""}},
			obsolete: []entry{{"p-line", "Рядок один  \nрядок два.", hashP("Line one  \nLine two."), ""}},
		},
		{
			// A confirmation without the English it was confirmed against
			// (a catalog written by hand): against the current English.
			name:     "confirmation without the English after an edit",
			markdown: "Text, edited.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Other: "Текст."},
			}},
			live: []entry{{"p-text", "Текст.", hashP("Text, edited."), ""}},
		},
		{
			// A stale entry keeps the hash it has, whatever English its
			// notes showed.
			name:     "stale entry keeps its hash",
			markdown: "Text, edited twice.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text, edited."}},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст.", Notes: []string{"en: Text, edited."}},
			}},
			live: []entry{{"p-text", "Текст.", hashP("Text."), ""}},
		},
		{
			// The paragraph was edited: the stale entry shows the
			// English it was made from, which the source catalog holds.
			name:     "stale entry shows its English",
			markdown: "Text, edited.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
			}},
			live: []entry{{"p-text", "Текст.", hashP("Text."), "Text."}},
		},
		{
			// Made from an English older than the source catalog's: it
			// is stale, and no other English is shown as its own.
			name:     "stale entry older than the source catalog shows none",
			markdown: "Text, edited twice.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text, edited."}},
			target: &catalog.File{Entries: []*catalog.Entry{
				{ID: "p-text", Hash: hashP("Text."), Other: "Текст."},
			}},
			live: []entry{{"p-text", "Текст.", hashP("Text."), ""}},
		},
		{
			// A catalog merged by hand with an obsolete entry under a live
			// entry's id: the obsolete translation stays obsolete.
			name:     "obsolete twin of a live entry stays",
			markdown: "Text.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{
				Entries:  []*catalog.Entry{{ID: "p-text", Hash: hashP("Text."), Other: "Текст."}},
				Obsolete: []*catalog.Entry{{ID: "p-text", Hash: hashP("Old text."), Other: "Старий текст."}},
			},
			live:     []entry{{"p-text", "Текст.", hashP("Text."), ""}},
			obsolete: []entry{{"p-text", "Старий текст.", hashP("Old text."), ""}},
		},
		{
			// The twin holds the live entry's translation: nothing to keep.
			name:     "obsolete twin with the live translation goes",
			markdown: "Text.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{
				Entries:  []*catalog.Entry{{ID: "p-text", Hash: hashP("Text."), Other: "Текст."}},
				Obsolete: []*catalog.Entry{{ID: "p-text", Hash: hashP("Old text."), Other: "Текст."}},
			},
			live: []entry{{"p-text", "Текст.", hashP("Text."), ""}},
		},
		{
			// The live entry leaves beside its obsolete twin: both stay,
			// the twin under an id no unit has (an id twice in the section
			// would be a file no reader accepts).
			name:     "live entry leaves beside its obsolete twin",
			markdown: "Other.\n",
			en:       []*catalog.Entry{{ID: "p-text", Description: "Paragraph", Other: "Text."}},
			target: &catalog.File{
				Entries:  []*catalog.Entry{{ID: "p-text", Hash: hashP("Text."), Other: "Текст."}},
				Obsolete: []*catalog.Entry{{ID: "p-text", Hash: hashP("Old text."), Other: "Старий текст."}},
			},
			live: []entry{{"p-other", "", hashP("Other."), ""}},
			obsolete: []entry{
				{"p-text", "Текст.", hashP("Text."), ""},
				{"p-text~2", "Старий текст.", hashP("Old text."), ""},
			},
		},
	}
	p := &Project{Root: t.TempDir(), Source: "en", Locales: []string{"uk"}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := p.SegmentArticle("a", []byte(tt.markdown))
			if err != nil {
				t.Fatal(err)
			}
			a := p.article("a", "a", doc, &catalog.File{Entries: tt.en}, stage.Snapshot{})
			f := a.MergeTarget(tt.target)
			got := func(es []*catalog.Entry) []entry {
				var out []entry
				for _, e := range es {
					out = append(out, entry{e.ID, e.Other, e.Hash, e.Previous})
				}
				return out
			}
			if g := got(f.Entries); !slices.Equal(g, tt.live) {
				t.Errorf("live entries:\n got %q\nwant %q", g, tt.live)
			}
			if g := got(f.Obsolete); !slices.Equal(g, tt.obsolete) {
				t.Errorf("obsolete entries:\n got %q\nwant %q", g, tt.obsolete)
			}
			for i, want := range tt.liveComments {
				if i >= len(f.Entries) {
					break
				}
				e := f.Entries[i]
				if g := append(append([]string{}, e.Comments...), e.Above...); !slices.Equal(g, want) {
					t.Errorf("%s's comments: got %q, want %q", e.ID, g, want)
				}
			}
		})
	}
}

// TestShownSource reads the English of a target entry's "#. en:" lines
// from a catalog encoded and parsed again: the unit's own text when they
// show it (a line's end spaces, which the lines drop, included), the
// source catalog's when they show that instead, else the lines' text up
// to the glossary's and the memory's notes; nothing without the lines.
func TestShownSource(t *testing.T) {
	tests := []struct {
		name     string
		shown    string   // the English extract wrote the notes for
		texts    []string // ShownSource's candidates
		want     string
		withNote bool // a glossary note and a memory note follow the English
	}{
		{"the current text", "Text.", []string{"Text."}, "Text.", true},
		{"a hard break", "Line one  \nLine two.", []string{"Line one  \nLine two."}, "Line one  \nLine two.", true},
		{"a hard break, another text", "Line one  \nLine two.", []string{"Line one"}, "Line one\nLine two.", true},
		{"the source catalog's text", "Line one  \nLine two.", []string{"Line one.", "Line one  \nLine two."}, "Line one  \nLine two.", false},
		{"a line that starts as the notes do", "One\nen: two", []string{"One"}, "One\nen: two", true},
		{"a longer text", "One\nTwo", []string{"One"}, "One\nTwo", false},
		{"a shorter text", "One", []string{"One\nTwo"}, "One", true},
		{"a shorter text, alone", "One", []string{"One\nTwo"}, "One", false},
		{"no candidate", "Text.", nil, "Text.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			notes := []string{"en: " + tt.shown}
			if tt.withNote {
				notes = append(notes, "glossary: ICRC → МКЧХ", "tm: 100% a1 (uk)")
			}
			f := &catalog.File{Entries: []*catalog.Entry{{ID: "p-1", Other: "Текст."}}}
			data := EncodeTarget(f, "a", "uk", func(*catalog.Entry) []string { return notes })
			back, err := catalog.Parse(data)
			if err != nil {
				t.Fatal(err)
			}
			got, ok := ShownSource(back.Entries[0].Notes, tt.texts...)
			if got != tt.want || !ok {
				t.Errorf("ShownSource(%q, %q) = %q, %v; want %q", back.Entries[0].Notes, tt.texts, got, ok, tt.want)
			}
		})
	}
	for _, notes := range [][]string{nil, {"glossary: ICRC → МКЧХ"}, {"tm: 100% a1 (uk)", "glossary: ICRC → МКЧХ"}} {
		if got, ok := ShownSource(notes, "Text."); ok || got != "" {
			t.Errorf("ShownSource(%q) = %q, %v; want no English", notes, got, ok)
		}
	}
	if got, ok := ShownSource([]string{"glossary: x", "en: Text."}, "Other."); got != "Text." || !ok {
		t.Errorf("the English after another note: %q, %v", got, ok)
	}
	if got, ok := ShownSource([]string{"en:"}, "Text."); got != "" || !ok {
		t.Errorf("an empty English: %q, %v", got, ok)
	}
}
