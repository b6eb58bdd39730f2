package check

import (
	"fmt"
	"hash/fnv"
	"math"
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
// the first unit's reference, not the texts: up to a limit in memory, and
// beyond it in sorted runs in a temporary file (each run with a Bloom
// filter and every 64th key in memory), so that what it holds in memory
// stays small however large the project. Not safe for concurrent use;
// Close removes the file.
type ConsistencyIndex struct {
	first map[uint64]firstSeen
	limit int       // entries held in memory before they go to disk
	disk  *diskRuns // nil until the first run is written
	err   error     // the first error writing or reading the disk runs
}

type firstSeen struct {
	target uint32
	ref    uint64
}

// consistencyLimit is how many texts a ConsistencyIndex holds in memory
// (some 2 MB) before it writes them to disk: the texts of about a
// thousand articles of real prose in two locales.
const consistencyLimit = 1 << 16

// NewConsistencyIndex returns an empty ConsistencyIndex.
func NewConsistencyIndex() *ConsistencyIndex { return newConsistencyIndex(consistencyLimit) }

func newConsistencyIndex(limit int) *ConsistencyIndex {
	return &ConsistencyIndex{first: map[uint64]firstSeen{}, limit: limit}
}

// Inconsistency is a segment of a unit that an earlier unit translated
// differently.
type Inconsistency struct {
	// Source is the segment's source text.
	Source string
	// Other is the reference the earlier unit was added with.
	Other uint64
}

// Add records a unit's segments (see Checker.Segments) in a locale under
// a reference of the caller's (a unit of the project), and returns the
// first segment that an earlier unit translated differently, if any.
func (k *ConsistencyIndex) Add(locale string, ref uint64, segs []Segment) (Inconsistency, bool) {
	i, other, ok := k.AddHashes(ref, HashSegments(locale, segs))
	if !ok {
		return Inconsistency{}, false
	}
	return Inconsistency{Source: Compared(segs)[i].Source, Other: other}, true
}

// AddHashes is Add on a unit's hashed segments (see HashSegments): it
// returns the index of the first segment that an earlier unit translated
// differently, and that unit's reference.
func (k *ConsistencyIndex) AddHashes(ref uint64, hs []SegmentHash) (int, uint64, bool) {
	at, other, found := 0, uint64(0), false
	for i, s := range hs {
		f, ok := k.find(s.Source)
		switch {
		case !ok:
			k.first[s.Source] = firstSeen{target: s.Target, ref: ref}
			if len(k.first) >= k.limit {
				k.spill()
			}
		case f.target != s.Target && f.ref != ref && !found:
			at, other, found = i, f.ref, true
		}
	}
	return at, other, found
}

// find returns how a source text was first translated, from memory or
// from the runs on disk.
func (k *ConsistencyIndex) find(source uint64) (firstSeen, bool) {
	if f, ok := k.first[source]; ok {
		return f, true
	}
	if k.disk == nil {
		return firstSeen{}, false
	}
	f, ok, err := k.disk.find(source)
	if err != nil && k.err == nil {
		k.err = err
	}
	return f, ok
}

// spill writes the texts held in memory to disk as a run, or, when it
// cannot, keeps them and every later one in memory.
func (k *ConsistencyIndex) spill() {
	if k.disk == nil {
		d, err := newDiskRuns()
		if err != nil {
			k.limit = math.MaxInt
			return
		}
		k.disk = d
	}
	if err := k.disk.write(k.first); err != nil {
		k.limit = math.MaxInt
		return
	}
	clear(k.first)
}

// Close removes the index's temporary file and returns the first error
// reading it: a lookup that failed may have missed an inconsistency.
func (k *ConsistencyIndex) Close() error {
	if k.disk != nil {
		if err := k.disk.close(); err != nil && k.err == nil {
			k.err = err
		}
		k.disk = nil
	}
	return k.err
}

// Finding returns the warning for an inconsistency, naming the other unit
// ("locales/x/uk.yaml:58 (p-original-url)").
func (x Inconsistency) Finding(other string) Finding {
	return Finding{Check: Consistency, Severity: Warning,
		Message: fmt.Sprintf("%s is translated differently in %s", quote(x.Source), other)}
}
