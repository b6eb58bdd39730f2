package tm

import (
	"math"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/sentence"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// maxZ is how far, in standard deviations of sentence.Align's model, a
// target sentence's length may be from the length its source sentence
// predicts for the two to be paired: about 87% of true translations are
// within 1.5, and a sentence paired with the wrong one seldom is.
const maxZ = 1.5

// sentences cuts a unit's inline Markdown, written in the language of
// format f, into sentences (sentence.Split on its prose, strict for a
// source, generous for a translation) and returns their byte ranges in
// the Markdown. Markup at a sentence's edge goes with it ("**Kyiv** said
// so." starts with its "**"); a boundary inside a link or an emphasis is
// no boundary: the sentences around it stay one.
func (t *tokenizer) sentences(text string, f numfmt.Format, strict bool) []sentence.Span {
	return sentencesOf(text, xliff.FromMarkdown(t.doc, text), f, strict)
}

// sentencesOf returns the sentences of a text whose pieces (see
// xliff.FromMarkdown) are given (see tokenizer.sentences).
func sentencesOf(text string, pieces xliff.Content, f numfmt.Format, strict bool) []sentence.Span {
	// The prose, and where each of its pieces starts in the prose and in
	// the Markdown; open is how many pairs of codes are open before
	// each piece.
	var plain strings.Builder
	type at struct{ plain, md, open int }
	var pos []at
	md, open := 0, 0
	for _, p := range pieces {
		pos = append(pos, at{plain.Len(), md, open})
		switch p.Kind {
		case xliff.Text:
			plain.WriteString(p.Text)
		case xliff.BPT:
			open++
		case xliff.EPT:
			open--
		}
		md += len(p.Text)
	}
	pos = append(pos, at{plain.Len(), md, open})
	spans := sentence.Split(plain.String(), baseOf(f), strict)
	if len(spans) < 2 {
		return nil
	}
	// toMD returns where prose offset x is in the Markdown: the first
	// Markdown offset (before codes at x) when first, the last (after
	// them) otherwise; and how many pairs are open there.
	toMD := func(x int, first bool) (int, int) {
		for i, p := range pieces {
			if p.Kind != xliff.Text {
				continue
			}
			a := pos[i]
			if x > a.plain+len(p.Text) || x == a.plain+len(p.Text) && first {
				continue
			}
			if x == a.plain && first {
				// Take the codes before the piece along.
				k := i
				for k > 0 && pieces[k-1].Kind != xliff.Text {
					k--
				}
				return pos[k].md, pos[k].open
			}
			if x == a.plain+len(p.Text) {
				// Take the codes after the piece along.
				k := i + 1
				for k < len(pieces) && pieces[k].Kind != xliff.Text {
					k++
				}
				return pos[k].md, pos[k].open
			}
			return a.md + x - a.plain, a.open
		}
		return len(text), 0
	}
	var out []sentence.Span
	start := 0
	for i, sp := range spans {
		end, depth := toMD(sp.End, false)
		if i == len(spans)-1 {
			end = len(text)
		} else if depth != 0 {
			continue // inside a link or an emphasis
		}
		out = append(out, sentence.Span{Start: start, End: end})
		if i+1 < len(spans) {
			start, _ = toMD(spans[i+1].Start, true)
		}
	}
	for i := range out {
		out[i] = trimSpan(text, out[i])
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// trimSpan leaves the spaces at either end of a span out.
func trimSpan(s string, sp sentence.Span) sentence.Span {
	t := strings.TrimSpace(s[sp.Start:sp.End])
	sp.Start += strings.Index(s[sp.Start:sp.End], t)
	sp.End = sp.Start + len(t)
	return sp
}

// baseOf returns the base language of a number format's locale.
func baseOf(f numfmt.Format) string {
	b, _ := f.Tag.Base()
	return b.String()
}

// minRatioUnits is how many translated units of a locale the memory
// needs to measure the locale's length ratio itself (see lengthRatio).
const minRatioUnits = 20

// lengthRatio returns the ratio of a translation's length to its
// source's that sentence alignment expects for a locale: the median of
// the ratios of its units when there are minRatioUnits or more (a
// pseudo-locale's 1.3, a language nobody measured), else
// sentence.LengthRatio of its base language. It sorts ratios.
func lengthRatio(ratios []float64, base string) float64 {
	if len(ratios) < minRatioUnits {
		return sentence.LengthRatio(base)
	}
	slices.Sort(ratios)
	return ratios[len(ratios)/2]
}

// pairSentences returns the sentence pairs of a translated unit, whose
// source's tokens and sentences are stoks and ss, that sentence.Align
// pairs one to one with confidence, the target (in format tf) expected
// to be ratio times as long as the source: a length within maxZ of what
// the source predicts and the same numbers on both sides; and the
// tokens of each pair's source. A unit of one sentence has none: the
// unit is its own pair.
func pairSentences(t *tokenizer, stoks []token, ss []sentence.Span, tf numfmt.Format, ratio float64, e *Entry) (pairs []Entry, ptoks [][]token) {
	if ss == nil {
		return nil, nil
	}
	ttoks, ts := t.cut(e.Target, tf, false, false)
	if ts == nil {
		return nil, nil
	}
	texts := func(s string, spans []sentence.Span) []string {
		out := make([]string, len(spans))
		for i, sp := range spans {
			out[i] = s[sp.Start:sp.End]
		}
		return out
	}
	src, tgt := texts(e.Source, ss), texts(e.Target, ts)
	for _, b := range sentence.Align(sentence.Lengths(src), sentence.Lengths(tgt), ratio) {
		if b.Src != 1 || b.Tgt != 1 || b.Z > maxZ || b.Z < -maxZ {
			continue
		}
		st := within(stoks, ss[b.Source])
		if !slices.Equal(numbers(st), numbers(within(ttoks, ts[b.Target]))) {
			continue
		}
		p := *e
		p.Kind, p.Source, p.Target = Sentence, src[b.Source], tgt[b.Target]
		p.Origin.Sentence = b.Source + 1
		pairs = append(pairs, p)
		ptoks = append(ptoks, st)
	}
	return pairs, ptoks
}

// numbers returns the values of the numbers among tokens, sorted.
func numbers(ts []token) []string {
	var out []string
	for _, t := range ts {
		if t.kind == kNumber {
			out = append(out, t.key)
		}
	}
	slices.Sort(out)
	return out
}

// assemble looks up each sentence of a query (see Lookup) and puts the
// paragraph their best matches make together; ok is false when the
// query has fewer than two sentences or one of them finds no match at
// threshold thr. qt are the query's tokens, spans its sentences.
func (m *Memory) assemble(q Query, thr int, qt []token, spans []sentence.Span) (a Match, ok bool) {
	if spans == nil {
		return Match{}, false
	}
	var src, tgt strings.Builder
	weight, sum := 0, 0
	adapted := true
	a.Kind, a.Locale, a.Count, a.dist = Assembled, q.Locale, 1, math.MaxInt32
	for i, sp := range spans {
		st := within(qt, sp)
		ms := m.lookupTokens(Query{Source: q.Source[sp.Start:sp.End], Locale: q.Locale, Threshold: thr, Limit: 1, Skip: q.Skip}, st)
		if len(ms) == 0 {
			return Match{}, false
		}
		p := ms[0]
		if i > 0 {
			sep := q.Source[spans[i-1].End:sp.Start]
			src.WriteString(sep)
			tgt.WriteString(sep)
		}
		src.WriteString(p.Source)
		switch {
		case p.Adapted != "":
			tgt.WriteString(p.Adapted)
		default:
			tgt.WriteString(p.Target)
			adapted = adapted && p.Percent == 100
		}
		w := max(len(st), 1)
		weight += w
		sum += w * p.Percent
		a.State = max(a.State, p.State)
		a.loc = p.loc
		a.Parts = append(a.Parts, p)
	}
	a.Source, a.Target = src.String(), tgt.String()
	a.Percent = min(sum/weight, 99)
	if adapted {
		a.Adapted = a.Target
	}
	return a, a.Percent >= thr
}

// From names where a match comes from, as a catalog comment says it:
// its entry's origin (see Origin.String), or for an assembled match its
// parts' origins joined with " + ".
func (m Match) From() string {
	if m.Kind != Assembled {
		return m.Origin.String()
	}
	var out []string
	for _, p := range m.Parts {
		out = append(out, p.Origin.String())
	}
	return strings.Join(out, " + ")
}
