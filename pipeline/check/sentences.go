package check

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// noBreakAfter are abbreviations after which a full stop never ends a
// sentence: titles and words that stand before a name or a number (Dr.
// Smith, Nov. 8, ім. Шевченка, вул. Хрещатик, им. Пушкина).
var noBreakAfter = map[glossary.Lang]map[string]bool{
	"en": set("mr mrs ms dr prof gen col lt sgt capt cpt maj adm rep sen gov st mt no nos vs fig jan feb mar apr jun jul aug sep sept oct nov dec approx est"),
	"uk": set("ім вул просп пл бул м с смт обл р-н див пор проф акад д-р св о тов п пп ст т"),
	"ru": set("им ул просп пл бул г с пос обл р-н см ср проф акад д-р св о тов п пп ст т"),
}

// maybeEnd are abbreviations that may end a sentence or not (т. д., etc.,
// 2024 р., U.S.): a full stop after one ends a sentence when the next word
// is capitalised, unless strict.
var maybeEnd = map[glossary.Lang]map[string]bool{
	"en": set("etc al inc ltd co corp jr sr"),
	"uk": set("д ін р рр тис млн млрд трлн грн коп дол"),
	"ru": set("д др е р гг тыс млн млрд трлн руб коп долл"),
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// sentences splits a reader's text into sentences: a boundary is a run
// of . ! ? … (and closing quotes or brackets) followed by a space and a
// capital letter, a digit or an opening quote, bracket or dash. A full stop
// after an initial (J. Smith, Т. Шевченко), after an abbreviation that
// stands before a name or number (Dr., Nov., ім., вул., им.) or inside a
// number (3.5) ends nothing. After an abbreviation that may end a sentence
// (т. д., etc., U.S.) it ends one unless strict: the source is split
// strictly, the translation generously, so that a doubt never makes a
// translation look shorter than it is.
func sentences(s string, lang glossary.Lang, strict bool) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(".!?…", r) {
			i += w
			continue
		}
		end := i
		for end < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[end:])
			if !strings.ContainsRune(".!?…»\"”’)]", r2) {
				break
			}
			end += w2
		}
		j := end
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += w2
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case j == end && j < len(s), j >= len(s):
			// No space after it, or the end of the text.
		case !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("«\"“„([—–-", next)):
		case s[i:end] == "." && !sentenceEnd(s[start:i], lang, strict):
		default:
			if t := strings.TrimSpace(s[start:end]); t != "" {
				out = append(out, t)
			}
			start = j
		}
		i = end
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// sentenceEnd reports whether a full stop after text ends a sentence,
// judging by the word before it.
func sentenceEnd(text string, lang glossary.Lang, strict bool) bool {
	k := len(text)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:k])
		if !unicode.IsLetter(r) && r != '.' && r != '-' {
			break
		}
		k -= w
	}
	word := strings.Trim(text[k:], ".-")
	if word == "" {
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
		return false // an initial
	}
	lower := strings.ToLower(word)
	base := lang
	if noBreakAfter[base] == nil {
		base = "en"
	}
	if noBreakAfter[base][lower] {
		return false
	}
	if maybeEnd[base][lower] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
		return !strict
	}
	return true
}

// lengthRatios are the typical ratios of a translation's length in
// characters to its English source's, measured on the seed's paragraphs
// (median 0.93 for uk, 0.94 for ru); other languages are taken as 1.
var lengthRatios = map[glossary.Lang]float64{"uk": 0.93, "ru": 0.94}

// Sentences warns when a translation has fewer sentences than its source
// and a sentence of the source seems to have no counterpart: the
// sentences of both are aligned by their lengths (Gale and Church's
// method, 1993: one to one, two to one, one to two, one to none), and a
// source sentence aligned to nothing is reported by its start. A
// translation that merges two sentences into one aligns them two to one
// and is not reported.
func (c *Checker) Sentences(src, tgt *Text) []Finding {
	ss := sentences(src.Plain, c.srcLang, true)
	if len(ss) < 2 {
		return nil
	}
	ts := sentences(tgt.Plain, c.lang, false)
	if len(ts) >= len(ss) {
		return nil
	}
	r := lengthRatios[c.lang]
	if r == 0 {
		r = 1
	}
	lost := alignSentences(runeLens(ss), runeLens(ts), r)
	if len(lost) == 0 {
		return nil
	}
	return []Finding{{Check: Sentences, Severity: Warning,
		Message: fmt.Sprintf("the translation has %d sentences, the source %d: nothing seems to translate %s", len(ts), len(ss), quote(ss[lost[0]]))}}
}

func runeLens(ss []string) []int {
	out := make([]int, len(ss))
	for i, s := range ss {
		out[i] = utf8.RuneCountInString(s)
	}
	return out
}

// The priors of the kinds of alignment and the variance of a
// translation's length per source character. The variance and the
// priors of one-to-one and one-to-none are Gale and Church's; the prior
// of two-to-one is a fifth of theirs (measured on parliamentary
// proceedings): news translators seldom merge sentences, and with their
// value a left-out short sentence reads as merged into its neighbour.
const (
	priorOne    = 0.89
	priorMerge  = 0.02
	priorDelete = 0.0099
	lengthVar   = 6.8
)

// alignSentences aligns sentences by their lengths in characters and
// returns the source sentences aligned to no target sentence.
func alignSentences(src, tgt []int, ratio float64) []int {
	n, m := len(src), len(tgt)
	inf := math.Inf(1)
	cost := make([][]float64, n+1)
	back := make([][][2]int, n+1)
	for i := range cost {
		cost[i] = make([]float64, m+1)
		back[i] = make([][2]int, m+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	match := func(ls, lt int, prior float64) float64 {
		d := (float64(lt) - ratio*float64(ls)) / math.Sqrt(math.Max(float64(ls), 1)*lengthVar)
		p := math.Erfc(math.Abs(d) / math.Sqrt2) // two-sided tail of the normal
		return -math.Log(math.Max(p, 1e-300)) - math.Log(prior)
	}
	sum := func(l []int, a, b int) int {
		t := 0
		for _, v := range l[a:b] {
			t += v
		}
		return t
	}
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, from := inf, [2]int{}
			try := func(di, dj int, c float64) {
				if i-di < 0 || j-dj < 0 || math.IsInf(cost[i-di][j-dj], 1) {
					return
				}
				if v := cost[i-di][j-dj] + c; v < best {
					best, from = v, [2]int{di, dj}
				}
			}
			if i >= 1 && j >= 1 {
				try(1, 1, match(src[i-1], tgt[j-1], priorOne))
			}
			if i >= 2 && j >= 1 {
				try(2, 1, match(sum(src, i-2, i), tgt[j-1], priorMerge))
			}
			if i >= 1 && j >= 2 {
				try(1, 2, match(src[i-1], sum(tgt, j-2, j), priorMerge))
			}
			try(1, 0, -math.Log(priorDelete))
			try(0, 1, -math.Log(priorDelete))
			cost[i][j], back[i][j] = best, from
		}
	}
	var lost []int
	for i, j := n, m; i > 0 || j > 0; {
		f := back[i][j]
		if f == [2]int{1, 0} {
			lost = append(lost, i-1)
		}
		i, j = i-f[0], j-f[1]
	}
	for a, b := 0, len(lost)-1; a < b; a, b = a+1, b-1 {
		lost[a], lost[b] = lost[b], lost[a]
	}
	return lost
}
