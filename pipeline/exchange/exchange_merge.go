package exchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// An export records, for each unit, what the catalog held when the file
// was made: its base. Import compares the file's unit and the catalog's
// entry with it to tell who changed what since (a three-way merge).
//
// The base is one line among the unit's generated comments (a PO "#."
// line, an XLIFF <note from="l10n">):
//
//	l10n:base 5e0c2b8d41aa 3f29d0c1e7b4
//
// The first digest is of the translation and its state (missing, to
// review, translated), the second of the translator comments.

// baseDirective opens the line that holds a unit's base.
const baseDirective = "l10n:base"

// digestLen is the length in hex digits of the digests in a base line.
const digestLen = 12

// exchangeBase is what the catalog held for a unit when the file was
// exported: digests of the translation with its state, and of the
// translator comments.
type exchangeBase struct {
	unit, comments string
}

// String returns the base line, as exchange files hold it.
func (b exchangeBase) String() string {
	return baseDirective + " " + b.unit + " " + b.comments
}

// shortDigest returns the first digestLen hex digits of digest(parts).
func shortDigest(parts ...string) string {
	b := make([][]byte, len(parts))
	for i, s := range parts {
		b[i] = []byte(s)
	}
	return project.Digest(b...)[:digestLen]
}

// unitDigest digests a translation as an exchange file holds it (see
// exchangeText) with its state; a missing unit has no text.
func unitDigest(s project.State, text string) string {
	if s == project.Missing {
		text = ""
	}
	return shortDigest(s.String(), text)
}

// commentsDigest digests translator comments as exchange files hold them
// (see commentText).
func commentsDigest(texts []string) string {
	return shortDigest(append([]string{strconv.Itoa(len(texts))}, texts...)...)
}

// commentTexts returns a catalog entry's comments as exchange files hold
// them.
func commentTexts(comments []string) []string {
	out := make([]string, len(comments))
	for i, c := range comments {
		out[i] = commentText(c)
	}
	return out
}

// baseOf returns the base of an exported unit: its catalog entry, in the
// state it was exported in.
func baseOf(u exportUnit) exchangeBase {
	text := exchangeText(&u.a.Doc.Units[u.i], u.e.Other)
	return exchangeBase{unit: unitDigest(u.state, text), comments: commentsDigest(commentTexts(u.e.Comments))}
}

// parseBase reads the base line of a unit from its generated comments or
// notes, each of which may hold several lines (Translate Toolkit's
// po2xliff joins a PO entry's "#." lines into one note). ok is false when
// there is none; a malformed one is an error.
func parseBase(notes []string) (b *exchangeBase, err error) {
	for _, n := range notes {
		for _, l := range strings.Split(n, "\n") {
			l = strings.TrimSpace(l)
			rest, ok := strings.CutPrefix(l, baseDirective)
			if !ok || rest != "" && rest[0] != ' ' && rest[0] != '\t' {
				continue
			}
			f := strings.Fields(rest)
			if len(f) != 2 || !isDigest(f[0]) || !isDigest(f[1]) {
				return nil, fmt.Errorf("malformed %s line %q: export the file again (l10n export), or delete the line to import the unit without it", baseDirective, l)
			}
			if b == nil {
				b = &exchangeBase{unit: f[0], comments: f[1]}
			} else if b.unit != f[0] || b.comments != f[1] {
				return nil, fmt.Errorf("two different %s lines in one unit", baseDirective)
			}
		}
	}
	return b, nil
}

func isDigest(s string) bool {
	if len(s) != digestLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// Outcomes of an imported unit, as import --dry-run and --json word them.
const (
	// OutcomeTaken: the file's translation goes into the catalog (only
	// the translator changed it since the export, or the file has no
	// base and differs from the catalog).
	OutcomeTaken = "taken"
	// OutcomeKept: the file has what the catalog held at the export and
	// the catalog changed since: the catalog keeps its text.
	OutcomeKept = "kept"
	// OutcomeSame: both changed the unit since the export, to the same
	// text: nothing to do.
	OutcomeSame = "same"
	// OutcomeConflict: both changed the unit since the export, to
	// different texts: the catalog keeps its text, the file's is kept
	// beside it in a "# l10n:conflict" comment.
	OutcomeConflict = "conflict"
	// OutcomeUnchanged: the file and the catalog agree.
	OutcomeUnchanged = "unchanged"
	// OutcomeEmpty: the file's translation is empty (or a CAT tool's
	// copy of the source): the catalog keeps its text.
	OutcomeEmpty = "empty"
	// OutcomeFailed: the file's translation has an error l10n check
	// reports (markup, numbers, glossary, inline codes): not imported.
	OutcomeFailed = "failed"
	// OutcomeMerged is a comments outcome: both sides changed the
	// translator comments; the entry gets the catalog's, then the
	// file's lines the catalog lacks.
	OutcomeMerged = "merged"
)

// ImportOutcome says what import did, or would do, with one unit of a
// file.
type ImportOutcome struct {
	File    string `json:"file"`    // the exchange file, as named in ImportFile
	Line    int    `json:"line"`    // the unit's line in it
	Article string `json:"article"` // the article's slug
	Locale  string `json:"locale"`  // the catalog's locale
	Unit    string `json:"unit"`    // the unit id
	// Outcome is what happens to the translation: taken, kept, same,
	// conflict, unchanged, empty or failed.
	Outcome string `json:"outcome"`
	// Comments is what happens to the translator comments: taken, kept,
	// merged or unchanged.
	Comments string `json:"comments"`
	// Base says whether the file recorded the unit's base; without it,
	// import takes the file's translation as it did before three-way
	// merges.
	Base    bool   `json:"base"`
	Message string `json:"message,omitempty"`
}

// String formats an outcome as one line: file:line: outcome:
// article/unit (locale): message.
func (o ImportOutcome) String() string {
	s := fmt.Sprintf("%s:%d: %s: %s/%s (%s)", o.File, o.Line, o.Outcome, o.Article, o.Unit, o.Locale)
	msg := o.Message
	if o.Comments != OutcomeUnchanged && o.Comments != "" {
		if msg != "" {
			msg += "; "
		}
		msg += "comments " + o.Comments
	}
	if msg != "" {
		s += ": " + msg
	}
	return s
}

// mergeComments applies a file's translator comments to a catalog entry
// and returns the comments outcome. Without base information the file's
// comments replace the catalog's (an XLIFF unit without translator notes
// says nothing about them, since CAT tools drop notes). With it: comments
// only the file changed replace the catalog's; comments only the catalog
// changed stay; when both changed, the entry keeps the catalog's lines
// and gets the file's lines it lacks after them, so that neither side's
// comment is lost. An entry with neither a translation nor comments (new,
// or its catalog gone) takes the file's.
func mergeComments(e *catalog.Entry, in *incoming) string {
	if !in.hasComments {
		return OutcomeUnchanged
	}
	cat := commentTexts(e.Comments)
	if sameComments(e.Comments, in.comments) {
		return OutcomeUnchanged
	}
	blank := len(e.Comments) == 0 && strings.TrimSpace(e.Other) == ""
	if in.base == nil || blank || commentsDigest(cat) == in.base.comments {
		e.Comments = catalogComments(in.comments)
		return OutcomeTaken
	}
	if commentsDigest(in.comments) == in.base.comments {
		return OutcomeKept
	}
	have := map[string]bool{}
	for _, c := range cat {
		have[c] = true
	}
	merged := append([]string{}, e.Comments...)
	for _, c := range in.comments {
		if !have[c] {
			merged = append(merged, catalogComments([]string{c})...)
			have[c] = true
		}
	}
	if len(merged) == len(e.Comments) {
		return OutcomeKept // the file only deleted lines: they stay
	}
	e.Comments = merged
	return OutcomeMerged
}
