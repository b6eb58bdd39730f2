package check

import (
	"fmt"
	"hash/maphash"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/inline"
)

// Segment is a piece of a unit's source with its translation, compared
// across the units of a project by a ConsistencyIndex.
type Segment struct {
	Source, Target string
}

// minSegmentWords is the fewest words a sentence needs to be compared
// across units: a short one ("Yes.") may well be translated by context.
const minSegmentWords = 3

// Segments returns what of a translated unit a ConsistencyIndex compares: its
// leading label (a bold or italic run ending in ":" — **Related
// article:**) when the source and the target both have one; its
// sentences, paired in order, when the source and the target have as
// many; and the whole unit. Texts are the reader's text, spaces
// collapsed.
func (c *Checker) Segments(src, tgt *Text) []Segment {
	if tgt.pseudo() {
		return nil
	}
	var out []Segment
	if s, t := label(src), label(tgt); s != "" && t != "" {
		out = append(out, Segment{s, t})
	}
	ss := sentences(src.Plain, c.srcLang, true)
	ts := sentences(tgt.Plain, c.lang, false)
	if len(ss) > 1 && len(ss) == len(ts) {
		for i := range ss {
			if len(strings.Fields(ss[i])) >= minSegmentWords {
				out = append(out, Segment{norm(ss[i]), norm(ts[i])})
			}
		}
	}
	return append(out, Segment{norm(src.Plain), norm(tgt.Plain)})
}

// label returns the text of a unit's leading bold or italic run when it
// ends with a colon, or "".
func label(t *Text) string {
	p := t.Root.FirstChild()
	if p == nil {
		return ""
	}
	e, ok := p.FirstChild().(*ast.Emphasis)
	if !ok {
		return ""
	}
	s := norm(inline.Plain(e, t.src, plainText))
	if !strings.HasSuffix(s, ":") {
		return ""
	}
	return s
}

// norm collapses the spaces of s.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// ConsistencyIndex remembers how each source text of a project was
// first translated, per locale, and reports a later unit that translates
// the same source text differently. Per text it keeps a 64-bit hash of the
// locale and the source, a 32-bit hash of the translation and the first
// unit's reference: 16 bytes, not the texts. Not safe for concurrent use.
type ConsistencyIndex struct {
	seed  maphash.Seed
	first map[uint64]firstSeen
}

type firstSeen struct {
	target uint32
	ref    uint32
}

// NewConsistencyIndex returns an empty ConsistencyIndex.
func NewConsistencyIndex() *ConsistencyIndex {
	return &ConsistencyIndex{seed: maphash.MakeSeed(), first: map[uint64]firstSeen{}}
}

// Inconsistency is a segment of a unit that an earlier unit translated
// differently.
type Inconsistency struct {
	// Source is the segment's source text.
	Source string
	// Other is the reference the earlier unit was added with.
	Other uint32
}

// Add records a unit's segments (see Checker.Segments) in a locale under
// a reference of the caller's (a unit of the project), and returns the
// first segment that an earlier unit translated differently, if any.
func (k *ConsistencyIndex) Add(locale string, ref uint32, segs []Segment) (Inconsistency, bool) {
	var out Inconsistency
	found := false
	for _, s := range segs {
		if s.Source == "" || s.Target == "" {
			continue
		}
		key := maphash.String(k.seed, locale+"\x00"+s.Source)
		tgt := uint32(maphash.String(k.seed, s.Target))
		f, ok := k.first[key]
		switch {
		case !ok:
			k.first[key] = firstSeen{target: tgt, ref: ref}
		case f.target != tgt && f.ref != ref && !found:
			out, found = Inconsistency{Source: s.Source, Other: f.ref}, true
		}
	}
	return out, found
}

// Finding returns the warning for an inconsistency, naming the other unit
// ("locales/x/uk.yaml:58 (p-original-url)").
func (x Inconsistency) Finding(other string) Finding {
	return Finding{Check: Consistency, Severity: Warning,
		Message: fmt.Sprintf("%s is translated differently in %s", quote(x.Source), other)}
}
