package project

import (
	"slices"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
)

// MemoryDir is the folder of TMX files (*.tmx) that join the project's
// translation memory: memories of other tools, read with their srclang
// and xml:lang.
const MemoryDir = "tm"

// ReviewComment is the comment that marks an entry pre-filled from the
// memory as needing review (see check.ReviewDirective).
const ReviewComment = "# " + check.ReviewDirective + " — pre-filled from the memory: check it, then delete this line"

// NeedsReview reports whether an entry carries the review directive: a
// translation pre-filled from the memory that nobody has confirmed yet.
func NeedsReview(e *catalog.Entry) bool {
	if e == nil {
		return false
	}
	for _, c := range e.Comments {
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(c), "#"))
		if rest, ok := strings.CutPrefix(t, check.ReviewDirective); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return true
		}
	}
	return false
}

// WithoutReview returns an entry's comments without the review
// directive: what confirming the translation leaves.
func WithoutReview(comments []string) []string {
	var out []string
	for _, c := range comments {
		if !NeedsReview(&catalog.Entry{Comments: []string{c}}) {
			out = append(out, c)
		}
	}
	return out
}

// Confirm records a translator's word on an entry's translation (a save
// in the workbench, a translation imported from a CAT tool): a pre-fill
// from the memory is confirmed, so its review directive goes; the "#. tm:"
// line saying where it came from stays.
func Confirm(e *catalog.Entry) {
	if NeedsReview(e) {
		e.Comments = WithoutReview(e.Comments)
	}
}

// MemoryNotes are the memory's "#." lines of a target catalog's entries,
// by unit id: where a pre-filled translation came from and the
// suggestions for a unit still missing.
type MemoryNotes map[string][]string

// IsMemoryNote reports whether a "#." line (without "#. ") is one of the
// memory's: FromNote's or SuggestionNote's.
func IsMemoryNote(n string) bool {
	if strings.HasPrefix(n, "tm: ") {
		return true
	}
	rest, ok := strings.CutPrefix(n, "tm ")
	if !ok {
		return false
	}
	pct, _, ok := strings.Cut(rest, "%: ")
	if !ok || pct == "" || len(pct) > 3 {
		return false
	}
	_, err := strconv.Atoi(pct)
	return err == nil
}

// memoryNotes returns the memory's notes an entry keeps: with fresh
// notes (extract consulted the memory), its FromNote line if it holds a
// translation, and the fresh ones; without, the lines it has, FromNote's
// if it holds a translation, suggestions if it does not.
func memoryNotes(e *catalog.Entry, fresh MemoryNotes) []string {
	var out []string
	translated := strings.TrimSpace(e.Other) != ""
	for _, n := range e.Notes {
		from := strings.HasPrefix(n, "tm: ")
		if IsMemoryNote(n) && translated == from && (fresh == nil || from) && fresh[e.ID] == nil {
			out = append(out, n)
		}
	}
	return append(out, fresh[e.ID]...)
}

// Untranslated reports whether an entry has no translation at all: no
// other text and no plural form. Extract fills such a unit from the
// memory, and only such a one: nothing a translator wrote is touched.
func Untranslated(e *catalog.Entry) bool {
	return strings.TrimSpace(e.Other) == "" && len(e.Plural) == 0
}

// Prefilled reports whether an entry holds nothing but a translation the
// memory pre-filled and nobody has confirmed: a "#. tm:" line saying
// where it came from, the review directive as its only comment. It is no
// one's work: the memory still has it.
func Prefilled(e *catalog.Entry) bool {
	return NeedsReview(e) && len(WithoutReview(e.Comments)) == 0 && len(e.Above) == 0 &&
		slices.ContainsFunc(e.Notes, func(n string) bool { return strings.HasPrefix(n, "tm: ") })
}
