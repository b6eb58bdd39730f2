package check

import (
	"fmt"
	"strings"
	"unicode"
)

// Directive opens a translator's suppression comment in a catalog:
//
//	# l10n:ignore glossary:pow — "полонених" covers civilians here
//	# l10n:ignore typography:quotes numbers:3,767 -- rounded, as Russian sources do
//
// It names one or more checks, each optionally narrowed to a key
// (Finding.Key), then a "—", "--" or "-" between spaces, and the reason.
const Directive = "l10n:ignore"

// ConflictDirective opens the comment that l10n import writes above an
// entry when a translator and the catalog changed the unit differently
// since an export: it holds the file's translation until the translator
// resolves the conflict by deleting the comment. It is not a suppression;
// the pipeline reports it as a finding of check Conflict.
const ConflictDirective = "l10n:conflict"

// ReviewDirective opens the comment that l10n extract writes above an
// entry it pre-filled from the translation memory as needing review:
//
//	# l10n:review — pre-filled from the memory: check it, then delete this line
//
// The translator confirms the translation by deleting the comment, as
// gettext's fuzzy flag is removed. It is not a suppression.
const ReviewDirective = "l10n:review"

// Suppression silences the findings of one check (of one key, if given)
// on the unit whose catalog entry carries it.
type Suppression struct {
	Check  string
	Key    string // "" for every finding of Check
	Reason string
	// Comment is the comment line it was read from.
	Comment string
}

// String returns the suppression as its comment names it: check or
// check:key.
func (s Suppression) String() string {
	if s.Key == "" {
		return s.Check
	}
	return s.Check + ":" + s.Key
}

// Covers reports whether s silences f. Suppression findings cannot be
// silenced.
func (s Suppression) Covers(f Finding) bool {
	return f.Check != SuppressionCheck && f.Check == s.Check && (s.Key == "" || s.Key == f.Key)
}

// ParseSuppressions reads the suppressions in a catalog entry's
// translator comments (lines starting with "#"). A malformed one (no
// reason, an unknown check, a misspelt directive) is returned as a
// finding of check "suppression", severity error.
func ParseSuppressions(comments []string) ([]Suppression, []Finding) {
	var sups []Suppression
	var bad []Finding
	fail := func(c, msg string, args ...any) {
		bad = append(bad, Finding{Check: SuppressionCheck, Severity: Error,
			Message: fmt.Sprintf(msg, args...) + ": " + strings.TrimSpace(c)})
	}
	for _, c := range comments {
		t := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(c), "#"))
		if !strings.HasPrefix(t, "l10n:") || strings.HasPrefix(t, ConflictDirective+" ") || isDirective(t, ReviewDirective) {
			continue
		}
		rest, ok := strings.CutPrefix(t, Directive)
		if !ok || rest != "" && !unicode.IsSpace(rune(rest[0])) {
			fail(c, "unknown directive (write # %s <check>[:<key>] — <reason>)", Directive)
			continue
		}
		// Checks up to a separator word, then the reason.
		words := strings.Fields(rest)
		var specs []string
		sep := -1
		for i, w := range words {
			if w == "—" || w == "–" || w == "--" || w == "-" {
				sep = i
				break
			}
			specs = append(specs, w)
		}
		switch {
		case len(specs) == 0:
			fail(c, "%s names no check (write # %s <check>[:<key>] — <reason>)", Directive, Directive)
			continue
		case sep < 0 && len(specs) > 1:
			fail(c, "separate the reason with — (or --)")
			continue
		case sep < 0 || sep == len(words)-1:
			fail(c, "suppression without a reason (add — <why>)")
			continue
		}
		reason := strings.Join(words[sep+1:], " ")
		for _, one := range specs {
			check, key, _ := strings.Cut(one, ":")
			if !Known(check) {
				fail(c, "cannot suppress unknown check %q", check)
				continue
			}
			sups = append(sups, Suppression{Check: check, Key: key, Reason: reason, Comment: strings.TrimSpace(c)})
		}
	}
	return sups, bad
}

// Suppress drops the findings that a suppression covers. It returns the
// findings kept, how many were dropped, and the suppressions that covered
// nothing.
func Suppress(findings []Finding, sups []Suppression) (kept []Finding, dropped int, unused []Suppression) {
	used := make([]bool, len(sups))
	for _, f := range findings {
		covered := false
		for i, s := range sups {
			if s.Covers(f) {
				used[i], covered = true, true
			}
		}
		if covered {
			dropped++
		} else {
			kept = append(kept, f)
		}
	}
	for i, s := range sups {
		if !used[i] {
			unused = append(unused, s)
		}
	}
	return kept, dropped, unused
}

// isDirective reports whether a comment's text (without "#") is the
// directive d, alone or followed by a space.
func isDirective(t, d string) bool {
	rest, ok := strings.CutPrefix(t, d)
	return ok && (rest == "" || unicode.IsSpace(rune(rest[0])))
}
