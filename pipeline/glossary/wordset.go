package glossary

import "unicode/utf8"

// WordSet is a set of patterns that tells whether a word matches one of
// them (as Pattern.MatchesWord does) with one index over all of them: the
// word is split once, and only the patterns whose word starts it are
// matched, rather than every pattern in turn. A spelling check asks it
// about every word of every translation.
type WordSet struct {
	langs map[Lang]*wordIndex
	// rest are the patterns of several words, matched one by one.
	rest []*Pattern
}

// wordIndex holds the one-word patterns of one language by their word:
// case-insensitive patterns by the folded word, case-sensitive ones by
// the word as written. A prefix pattern (Оленівк*) is also found under
// its Ukrainian alternation (Оленівц), and a conjunction under every
// conjunction of the language.
type wordIndex struct {
	fold, exact map[string][]*Pattern
	maxKey      int // the longest key, in bytes
}

// NewWordSet indexes patterns for WordSet.Has.
func NewWordSet(patterns []*Pattern) *WordSet {
	s := &WordSet{langs: map[Lang]*wordIndex{}}
	for _, p := range patterns {
		if len(p.words) != 1 {
			s.rest = append(s.rest, p)
			continue
		}
		ix := s.langs[p.lang]
		if ix == nil {
			ix = &wordIndex{fold: map[string][]*Pattern{}, exact: map[string][]*Pattern{}}
			s.langs[p.lang] = ix
		}
		m := ix.fold
		if p.CaseSensitive {
			m = ix.exact
		}
		pw := p.words[0]
		keys := []string{pw.s}
		if pw.prefix {
			if stem, alt, ok := p.lang.alternation(pw.s); ok {
				keys = append(keys, stem+alt)
			}
		}
		if pw.conj {
			for c := range conjunctions()[p.lang] {
				keys = append(keys, c)
			}
		}
		for _, k := range keys {
			if len(m[k]) == 0 || m[k][len(m[k])-1] != p {
				m[k] = append(m[k], p)
			}
			ix.maxKey = max(ix.maxKey, len(k))
		}
	}
	return s
}

// Has reports whether one of the set's patterns matches the word s, as
// Pattern.MatchesWord does: s must be one word.
func (s *WordSet) Has(word string) bool {
	if s == nil {
		return false
	}
	for lang, ix := range s.langs {
		w := Split(word, lang)
		if w.Len() != 1 {
			return false
		}
		if ix.find(ix.fold, w, w.foldAt(0)) || ix.find(ix.exact, w, w.normAt(0)) {
			return true
		}
	}
	for _, p := range s.rest {
		if p.MatchesWord(word) {
			return true
		}
	}
	return false
}

// find matches the patterns of m filed under a prefix of tw (the word of
// w as those patterns see it) against w.
func (ix *wordIndex) find(m map[string][]*Pattern, w *Words, tw string) bool {
	if len(m) == 0 {
		return false
	}
	for end := 1; end <= len(tw) && end <= ix.maxKey; end++ {
		if end < len(tw) && !utf8.RuneStart(tw[end]) {
			continue
		}
		for _, p := range m[tw[:end]] {
			if p.matchLen(w, 0, false) == 1 {
				return true
			}
		}
	}
	return false
}
