package check

import (
	"fmt"
	"hash/fnv"
	"strings"
	"unicode"
	"unicode/utf8"

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
	if collapsed(s) {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// collapsed reports whether norm would give s back as it is: its only
// spaces are single ASCII spaces between words. Most sentences are.
func collapsed(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch b := s[i]; {
		case b == ' ':
			if s[i+1] == ' ' {
				return false
			}
		case '\t' <= b && b <= '\r':
			return false
		case b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3:
			// The first bytes of the spaces beyond ASCII: U+0085, U+00A0,
			// U+1680, U+2000–U+205F, U+3000.
			if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsSpace(r) {
				return false
			}
		}
	}
	return true
}

// SegmentHash is a segment as a ConsistencyIndex compares it: a 64-bit
// hash of its locale and source text and a 32-bit hash of its
// translation. The hashes are the same in every run (FNV-1a), so that a
// run can keep them in a record and compare them with a later run's.
type SegmentHash struct {
	Source uint64
	Target uint32
}

// HashSegments returns the hashes of the segments a ConsistencyIndex
// compares: those with a source and a target text, in order (see
// Compared).
func HashSegments(locale string, segs []Segment) []SegmentHash {
	var out []SegmentHash
	for _, s := range Compared(segs) {
		h := fnv.New64a()
		h.Write([]byte(locale))
		h.Write([]byte{0})
		h.Write([]byte(s.Source))
		t := fnv.New32a()
		t.Write([]byte(s.Target))
		out = append(out, SegmentHash{Source: h.Sum64(), Target: t.Sum32()})
	}
	return out
}

// Compared returns the segments that a ConsistencyIndex compares: those
// with both a source and a target text.
func Compared(segs []Segment) []Segment {
	out := segs[:0:0]
	for _, s := range segs {
		if s.Source != "" && s.Target != "" {
			out = append(out, s)
		}
	}
	return out
}

// ConsistencyIndex remembers how each source text of a project was
// first translated, per locale, and reports a later unit that translates
// the same source text differently. Per text it keeps the SegmentHash and
// the first unit's reference: 16 bytes, not the texts. Not safe for
// concurrent use.
type ConsistencyIndex struct {
	first map[uint64]firstSeen
}

type firstSeen struct {
	target uint32
	ref    uint32
}

// NewConsistencyIndex returns an empty ConsistencyIndex.
func NewConsistencyIndex() *ConsistencyIndex {
	return &ConsistencyIndex{first: map[uint64]firstSeen{}}
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
	i, other, ok := k.AddHashes(ref, HashSegments(locale, segs))
	if !ok {
		return Inconsistency{}, false
	}
	return Inconsistency{Source: Compared(segs)[i].Source, Other: other}, true
}

// AddHashes is Add on a unit's hashed segments (see HashSegments): it
// returns the index of the first segment that an earlier unit translated
// differently, and that unit's reference.
func (k *ConsistencyIndex) AddHashes(ref uint32, hs []SegmentHash) (int, uint32, bool) {
	at, other, found := 0, uint32(0), false
	for i, s := range hs {
		f, ok := k.first[s.Source]
		switch {
		case !ok:
			k.first[s.Source] = firstSeen{target: s.Target, ref: ref}
		case f.target != s.Target && f.ref != ref && !found:
			at, other, found = i, f.ref, true
		}
	}
	return at, other, found
}

// Finding returns the warning for an inconsistency, naming the other unit
// ("locales/x/uk.yaml:58 (p-original-url)").
func (x Inconsistency) Finding(other string) Finding {
	return Finding{Check: Consistency, Severity: Warning,
		Message: fmt.Sprintf("%s is translated differently in %s", quote(x.Source), other)}
}
