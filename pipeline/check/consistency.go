package check

import (
	"fmt"
	"hash/maphash"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
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
	s := norm(plain(e, t.src))
	if !strings.HasSuffix(s, ":") {
		return ""
	}
	return s
}

// norm collapses the spaces of s.
func norm(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) }), " ")
}

// ConsistencyIndex remembers how each source text of a project was first
// translated, per locale, and reports a later unit that translates the
// same source text differently. It keeps two hashes and the first unit's
// name per text, not the texts. Not safe for concurrent use.
type ConsistencyIndex struct {
	seed  maphash.Seed
	first map[uint64]firstSeen
	names []string
}

type firstSeen struct {
	target uint64
	name   int32 // index into names
}

// NewConsistencyIndex returns an empty ConsistencyIndex.
func NewConsistencyIndex() *ConsistencyIndex {
	return &ConsistencyIndex{seed: maphash.MakeSeed(), first: map[uint64]firstSeen{}}
}

// Add records a unit's segments (see Checker.Segments) in a locale under
// a name ("locales/x/uk.yaml:58 p-original-url") and returns a warning
// for the first segment that an earlier unit translated differently,
// naming that unit.
func (k *ConsistencyIndex) Add(locale, name string, segs []Segment) []Finding {
	var out []Finding
	nameIdx := int32(-1)
	for _, s := range segs {
		if s.Source == "" || s.Target == "" {
			continue
		}
		key := maphash.String(k.seed, locale+"\x00"+s.Source)
		tgt := maphash.String(k.seed, s.Target)
		f, ok := k.first[key]
		if !ok {
			if nameIdx < 0 {
				k.names = append(k.names, name)
				nameIdx = int32(len(k.names) - 1)
			}
			k.first[key] = firstSeen{target: tgt, name: nameIdx}
			continue
		}
		if f.target != tgt && k.names[f.name] != name && out == nil {
			out = append(out, Finding{Check: Consistency, Severity: Warning,
				Message: fmt.Sprintf("%s is translated differently in %s", quote(s.Source), k.names[f.name])})
		}
	}
	return out
}
