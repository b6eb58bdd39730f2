package tm

import (
	"cmp"
	"slices"
	"strings"
)

// Partial is a lookup in a memory kept in parts — the memories Build
// makes of disjoint sets of entries, without sentence pairs — that is
// looked up one part at a time (Add), so that a caller holds one part
// at a time, and answers as one memory of all the parts' entries does
// (Matches).
//
// Each part's matches are group's before the cut: every match that
// fewer than Limit matches of the part beat in score and edit distance
// (which the same source has in every part). Only a match that fewer
// than Limit beat so in all the parts together can be among the best,
// and such a match is in the answer of every part that holds one of
// its entries, so that its Count is theirs summed and its entry the one
// preferEntry prefers of them all; the others are dropped as the parts
// come, and what a Partial holds stays small.
type Partial struct {
	q       Query
	locales []string
	limit   int
	outs    [][]held
	keyed   bool // q.Keys is set
}

// NewPartial returns the lookup of q in each of locales (q.Locale is
// not read), as LookupLocales, with no part looked up yet. Its matches
// may hold q.Source and the strings of locales (for the same text).
func NewPartial(q Query, locales []string) *Partial {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	return &Partial{q: q, locales: locales, limit: limit, outs: make([][]held, len(locales))}
}

// SetSource sets the text p looks up (its query's Source). A caller
// that keeps many lookups between the parts and their matches in a
// spill lets their texts go after each part and gives each back before
// Restore and Add: the matches Restore reads refer to it.
func (p *Partial) SetSource(s string) { p.q.Source = s }

// Add looks the query up in m, a part of the memory, which must hold no
// sentence pairs (Assembles false): a part assembles nothing. The
// matches p keeps hold strings of their own, none of m's.
func (p *Partial) Add(m *Memory) {
	if m.paired > 0 {
		panic("tm: a Partial over a memory with sentence pairs")
	}
	// The query is cut again for each part: keeping its tokens for the
	// next would hold those of every lookup of a run (some 70 MB of peak
	// RSS on 10,000 articles, to spare 5% of the run's CPU).
	t := tokenizers.Get().(*tokenizer)
	qt := t.tokens(p.q.Source, m.srcFmt)
	tokenizers.Put(t)
	if p.q.Keys != nil && !p.keyed {
		*p.q.Keys, p.keyed = tokenKeys(qt), true
	}
	for i, ms := range m.lookupEach(p.q, p.locales, qt, nil, true, false, false) {
		p.outs[i] = p.merge(p.outs[i], ms)
	}
}

// merge returns the matches of acc and more, one per source and
// translation (their counts summed, the entry preferEntry prefers), less
// those that Limit others beat in score and edit distance.
func (p *Partial) merge(acc []held, more []Match) []held {
	for k := range more {
		x := &more[k]
		i := slices.IndexFunc(acc, func(a held) bool { return a.source == x.Source && a.target == x.Target })
		if i < 0 {
			acc = append(acc, p.hold(x))
			continue
		}
		if e := acc[i].entry(); preferEntry(&x.Entry, &e) {
			n := acc[i].count + x.Count
			acc[i] = p.hold(x)
			acc[i].count = n
		} else {
			acc[i].count += x.Count
		}
	}
	if p.limit > 0 && len(acc) > p.limit {
		slices.SortFunc(acc, func(a, b held) int { return cmp.Or(cmp.Compare(b.percent, a.percent), cmp.Compare(a.dist, b.dist)) })
		last := acc[p.limit-1]
		k := p.limit
		for k < len(acc) && acc[k].percent == last.percent && acc[k].dist == last.dist {
			k++
		}
		clear(acc[k:])
		acc = acc[:k]
	}
	if cap(acc) > len(acc)+len(acc)/2+1 {
		// The room a part's many ties took, not kept for the lookup's
		// lifetime.
		acc = slices.Clip(slices.Clone(acc))
	}
	return acc
}

// held is a match a Partial keeps, in three quarters of a Match's room
// (a run keeps some 20,000 of them on 10,000 articles), with strings of
// its own: a part's strings may be in memory that its caller gives back
// once the part is done (see offheap.Store.Drop). Its locales are the
// Partial's own strings where they are the same text.
type held struct {
	source, target, locale, slug, unit, file, adapted, loc string
	count, sentence, line                                  int
	percent, dist                                          int32
	kind                                                   Kind
	state                                                  State
	reused                                                 bool
}

// hold returns the held form of m, a match of a part's memory with no
// Parts (a part assembles nothing).
func (p *Partial) hold(m *Match) held {
	if m.Parts != nil {
		panic("tm: a Partial's match with parts")
	}
	return held{
		source: p.source(m.Source), target: strings.Clone(m.Target), locale: p.own(m.Locale),
		slug: strings.Clone(m.Origin.Slug), unit: strings.Clone(m.Origin.Unit), file: strings.Clone(m.Origin.File),
		adapted: strings.Clone(m.Adapted), loc: p.own(m.loc),
		count: m.Count, sentence: m.Origin.Sentence, line: m.Origin.Line,
		percent: int32(m.Percent), dist: m.dist, kind: m.Kind, state: m.State, reused: m.Reused,
	}
}

// source returns a copy of s, a match's source: the query's text when
// it is the same (an exact match), else a copy of its own.
func (p *Partial) source(s string) string {
	if s == p.q.Source {
		return p.q.Source
	}
	return strings.Clone(s)
}

// own returns a copy of s: the Partial's locale of the same text, else
// a copy of its own.
func (p *Partial) own(s string) string {
	if i := slices.Index(p.locales, s); i >= 0 {
		return p.locales[i]
	}
	return strings.Clone(s)
}

// entry returns the entry of h.
func (h *held) entry() Entry {
	return Entry{Kind: h.kind, Source: h.source, Target: h.target, Locale: h.locale,
		Origin: Origin{Slug: h.slug, Unit: h.unit, Sentence: h.sentence, File: h.file, Line: h.line},
		State:  h.state, Reused: h.reused}
}

// match returns the match h holds.
func (h *held) match() Match {
	return Match{Entry: h.entry(), Percent: int(h.percent), Count: h.count, Adapted: h.adapted, dist: h.dist, loc: h.loc}
}

// Matches returns, for each locale, what LookupLocales returns for the
// query in one memory of the entries of every part added.
func (p *Partial) Matches() [][]Match {
	out := make([][]Match, len(p.outs))
	for i, hs := range p.outs {
		if hs == nil {
			continue
		}
		// Sorted in place (merge does not mind the order), so that only
		// the matches given are made: a tie's others would be held by
		// the answer's array, strings and all.
		slices.SortFunc(hs, func(a, b held) int { return compareMatches(a.match(), b.match()) })
		if p.limit > 0 && len(hs) > p.limit {
			hs = hs[:p.limit]
		}
		ms := make([]Match, len(hs))
		for k := range hs {
			ms[k] = hs[k].match()
		}
		out[i] = ms
	}
	return out
}

// Spill writes the matches p holds with w and lets them go, so that a
// run of many lookups over many parts need not hold every lookup's
// matches between the parts: Restore reads them back before the next
// Add (or Matches). Between the two p holds its query alone.
func (p *Partial) Spill(w Encoder) {
	w.Int(int64(len(p.outs)))
	for i, hs := range p.outs {
		w.Int(int64(len(hs)))
		for k := range hs {
			p.writeHeld(w, &hs[k])
		}
		p.outs[i] = nil
	}
}

// writeHeld writes h: the strings the Partial shares (the query's text,
// its locales) by reference, the others whole.
func (p *Partial) writeHeld(w Encoder, h *held) {
	if h.source == p.q.Source {
		w.Int(1)
	} else {
		w.Int(0)
		w.Text(h.source)
	}
	p.writeLocale(w, h.locale)
	p.writeLocale(w, h.loc)
	for _, s := range [...]string{h.target, h.slug, h.unit, h.file, h.adapted} {
		w.Text(s)
	}
	for _, n := range [...]int64{int64(h.count), int64(h.sentence), int64(h.line), int64(h.percent), int64(h.dist), int64(h.kind), int64(h.state)} {
		w.Int(n)
	}
	if h.reused {
		w.Int(1)
	} else {
		w.Int(0)
	}
}

// writeLocale writes s, a match's locale: the index of the Partial's
// locale of the same text, or the text.
func (p *Partial) writeLocale(w Encoder, s string) {
	if i := slices.Index(p.locales, s); i >= 0 {
		w.Int(int64(i) + 1)
		return
	}
	w.Int(0)
	w.Text(s)
}

// Restore reads back what Spill wrote of p; false, with p holding no
// match, when r does not hold it. The matches keep r's strings.
func (p *Partial) Restore(r Decoder) bool {
	if r.Int() != int64(len(p.outs)) || !r.OK() {
		clear(p.outs)
		return false
	}
	for i := range p.outs {
		n := r.Int()
		if n < 0 || !r.OK() {
			clear(p.outs)
			return false
		}
		// Grown as read, not made for a count the data cannot hold.
		var hs []held
		for ; n > 0; n-- {
			var h held
			if !p.readHeld(r, &h) {
				clear(p.outs)
				return false
			}
			hs = append(hs, h)
		}
		p.outs[i] = hs
	}
	if !r.OK() {
		clear(p.outs)
		return false
	}
	return true
}

// readHeld reads into h what writeHeld wrote; false if r does not
// hold it.
func (p *Partial) readHeld(r Decoder, h *held) bool {
	if r.Int() == 1 {
		h.source = p.q.Source
	} else {
		h.source = r.Text()
	}
	var ok1, ok2 bool
	h.locale, ok1 = p.readLocale(r)
	h.loc, ok2 = p.readLocale(r)
	for _, s := range [...]*string{&h.target, &h.slug, &h.unit, &h.file, &h.adapted} {
		*s = r.Text()
	}
	h.count, h.sentence, h.line = int(r.Int()), int(r.Int()), int(r.Int())
	h.percent, h.dist = int32(r.Int()), int32(r.Int())
	h.kind, h.state = Kind(r.Int()), State(r.Int())
	h.reused = r.Int() == 1
	return ok1 && ok2 && r.OK()
}

// readLocale reads what writeLocale wrote; false for an index out of
// the Partial's locales.
func (p *Partial) readLocale(r Decoder) (string, bool) {
	i := r.Int()
	if i == 0 {
		return r.Text(), true
	}
	if i < 0 || i > int64(len(p.locales)) {
		return "", false
	}
	return p.locales[i-1], true
}
