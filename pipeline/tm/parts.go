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
	outs    [][]Match
	keyed   bool // q.Keys is set
}

// NewPartial returns the lookup of q in each of locales (q.Locale is
// not read), as LookupLocales, with no part looked up yet.
func NewPartial(q Query, locales []string) *Partial {
	limit := q.Limit
	if limit == 0 {
		limit = DefaultLimit
	}
	return &Partial{q: q, locales: locales, limit: limit, outs: make([][]Match, len(locales))}
}

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
func (p *Partial) merge(acc, more []Match) []Match {
	for _, x := range more {
		i := slices.IndexFunc(acc, func(a Match) bool { return a.Source == x.Source && a.Target == x.Target })
		if i < 0 {
			acc = append(acc, x.owned())
			continue
		}
		n := acc[i].Count + x.Count
		if preferEntry(&x.Entry, &acc[i].Entry) {
			acc[i] = x.owned()
		}
		acc[i].Count = n
	}
	if p.limit <= 0 || len(acc) <= p.limit {
		return acc
	}
	slices.SortFunc(acc, func(a, b Match) int { return cmp.Or(cmp.Compare(b.Percent, a.Percent), cmp.Compare(a.dist, b.dist)) })
	last := acc[p.limit-1]
	k := p.limit
	for k < len(acc) && acc[k].Percent == last.Percent && acc[k].dist == last.dist {
		k++
	}
	clear(acc[k:])
	return acc[:k]
}

// owned returns m with strings of its own: a part's strings may be in
// memory that its caller gives back once the part is done (see
// offheap.Store.Drop).
func (m Match) owned() Match {
	for _, s := range []*string{&m.Source, &m.Target, &m.Locale, &m.Origin.Slug, &m.Origin.Unit, &m.Origin.File, &m.Adapted, &m.loc} {
		*s = strings.Clone(*s)
	}
	return m
}

// Matches returns, for each locale, what LookupLocales returns for the
// query in one memory of the entries of every part added.
func (p *Partial) Matches() [][]Match {
	out := make([][]Match, len(p.outs))
	for i, ms := range p.outs {
		ms = slices.Clone(ms)
		slices.SortFunc(ms, compareMatches)
		if p.limit > 0 && len(ms) > p.limit {
			ms = ms[:p.limit]
		}
		out[i] = ms
	}
	return out
}
