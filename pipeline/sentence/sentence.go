// Package sentence cuts prose into sentences and aligns the sentences of
// a text with those of its translation, for English, Ukrainian and
// Russian news text.
//
// Split knows the abbreviations of the three languages after which a
// full stop ends nothing (Dr. Smith, ім. Шевченка, ул. Ленина) or may end
// a sentence (etc., т. д., 2024 р.). Align pairs sentences by their
// lengths in characters, as Gale and Church (1993) did: one to one, two
// to one, one to two, one to none and none to one. Package check uses
// both to find a sentence a translation left out; package tm uses them to
// pair the sentences of translated units.
package sentence

import (
	"math"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
)

// noBreakAfter are abbreviations after which a full stop never ends a
// sentence, by base language: titles and words that stand before a name
// or a number (Dr. Smith, Nov. 8, ім. Шевченка, вул. Хрещатик, им.
// Пушкина). The sets are made on first use (as are maybeEnd's), not when
// the program starts.
var noBreakAfter = sync.OnceValue(func() map[string]map[string]bool {
	return map[string]map[string]bool{
		"en": set("mr mrs ms dr prof gen col lt sgt capt cpt maj adm rep sen gov st mt no nos vs fig jan feb mar apr jun jul aug sep sept oct nov dec approx est"),
		"uk": set("ім вул просп пл бул м с смт обл р-н див пор проф акад д-р св о тов п пп ст т"),
		"ru": set("им ул просп пл бул г с пос обл р-н см ср проф акад д-р св о тов п пп ст т"),
	}
})

// maybeEnd are abbreviations that may end a sentence or not (т. д., etc.,
// 2024 р., U.S.): a full stop after one ends a sentence when the next word
// is capitalised, unless strict.
var maybeEnd = sync.OnceValue(func() map[string]map[string]bool {
	return map[string]map[string]bool{
		"en": set("etc al inc ltd co corp jr sr"),
		"uk": set("д ін р рр тис млн млрд трлн грн коп дол"),
		"ru": set("д др е р гг тыс млн млрд трлн руб коп долл"),
	}
})

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// Span is a sentence: the byte range of a text it takes, without the
// spaces around it.
type Span struct{ Start, End int }

// Split cuts a text written in lang (a base language: en, uk, ru; others
// are read as English) into sentences and returns their byte ranges. A
// boundary is a run of . ! ? … (and closing quotes or brackets) followed
// by a space and a capital letter, a digit or an opening quote, bracket
// or dash. A full stop after an initial (J. Smith, Т. Шевченко), after
// an abbreviation that stands before a name or number (Dr., Nov., ім.,
// вул., им.) or inside a number (3.5) ends nothing. After an abbreviation
// that may end a sentence (т. д., etc., U.S.) it ends one unless strict:
// split a source strictly and a translation generously, so that a doubt
// never makes a translation look shorter than it is.
func Split(s, lang string, strict bool) []Span {
	var out []Span
	add := func(a, b int) {
		for a < b {
			r, w := utf8.DecodeRuneInString(s[a:])
			if !unicode.IsSpace(r) {
				break
			}
			a += w
		}
		for b > a {
			r, w := utf8.DecodeLastRuneInString(s[:b])
			if !unicode.IsSpace(r) {
				break
			}
			b -= w
		}
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	start := 0
	for i := 0; i < len(s); {
		// A sentence ends at . ! ? or … (each byte of s is looked at:
		// no other rune of valid or invalid UTF-8 has these bytes).
		if c := s[i]; c != '.' && c != '!' && c != '?' && (c != 0xE2 || !strings.HasPrefix(s[i:], "…")) {
			i++
			continue
		}
		end := i
		for end < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[end:])
			switch r2 {
			case '.', '!', '?', '…', '»', '"', '”', '’', ')', ']':
				end += w2
				continue
			}
			break
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
			add(start, end)
			start = j
		}
		i = end
	}
	add(start, len(s))
	return out
}

// Strings returns the sentences of a text (see Split).
func Strings(s, lang string, strict bool) []string {
	var out []string
	for _, sp := range Split(s, lang, strict) {
		out = append(out, s[sp.Start:sp.End])
	}
	return out
}

// sentenceEnd reports whether a full stop after text ends a sentence,
// judging by the word before it.
func sentenceEnd(text, lang string, strict bool) bool {
	k := len(text)
	for k > 0 {
		r, w := utf8.DecodeLastRuneInString(text[:k])
		if !letter.Is(r) && r != '.' && r != '-' {
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
	lower := letter.LowerString(word)
	noBreak := noBreakAfter()
	if noBreak[lang] == nil {
		lang = "en"
	}
	if noBreak[lang][lower] {
		return false
	}
	if maybeEnd()[lang][lower] || strings.Contains(word, ".") || utf8.RuneCountInString(word) == 1 {
		return !strict
	}
	return true
}

// LengthRatio returns the typical ratio of the length of a translation
// into lang (a base language) to its English source's: 1 for a language
// it has not been measured for. The ratios were measured on the seed's
// paragraphs (median 0.93 for uk, 0.94 for ru).
func LengthRatio(lang string) float64 {
	switch lang {
	case "uk":
		return 0.93
	case "ru":
		return 0.94
	}
	return 1
}

// Lengths returns the lengths of texts in characters (runes), what Align
// compares.
func Lengths(texts []string) []int {
	out := make([]int, len(texts))
	for i, s := range texts {
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

// Bead is one step of an alignment: Src source sentences from Source
// paired with Tgt target sentences from Target (1–1, 2–1, 1–2, 1–0 or
// 0–1).
type Bead struct {
	Source, Src int
	Target, Tgt int
	// Z is how far the target's length is from the length the source's
	// predicts, in standard deviations (0 for a bead without one side):
	// about 95% of the translations of a sentence are within 2.
	Z float64
}

// z returns the standard score of a translation of lt characters of a
// source of ls characters.
func z(ls, lt int, ratio float64) float64 {
	return (float64(lt) - ratio*float64(ls)) / math.Sqrt(math.Max(float64(ls), 1)*lengthVar)
}

// Align aligns source and target sentences by their lengths in
// characters (see Lengths), the target expected to be ratio times as long
// as the source (see LengthRatio), and returns the most probable
// alignment, in order.
func Align(src, tgt []int, ratio float64) []Bead {
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
		p := math.Erfc(math.Abs(z(ls, lt, ratio)) / math.Sqrt2) // two-sided tail of the normal
		return -math.Log(math.Max(p, 1e-300)) - math.Log(prior)
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
				try(2, 1, match(src[i-2]+src[i-1], tgt[j-1], priorMerge))
			}
			if i >= 1 && j >= 2 {
				try(1, 2, match(src[i-1], tgt[j-2]+tgt[j-1], priorMerge))
			}
			try(1, 0, -math.Log(priorDelete))
			try(0, 1, -math.Log(priorDelete))
			cost[i][j], back[i][j] = best, from
		}
	}
	var out []Bead
	for i, j := n, m; i > 0 || j > 0; {
		f := back[i][j]
		b := Bead{Source: i - f[0], Src: f[0], Target: j - f[1], Tgt: f[1]}
		if b.Src > 0 && b.Tgt > 0 {
			b.Z = z(sum(src[b.Source:i]), sum(tgt[b.Target:j]), ratio)
		}
		out = append(out, b)
		i, j = b.Source, b.Target
	}
	for a, b := 0, len(out)-1; a < b; a, b = a+1, b-1 {
		out[a], out[b] = out[b], out[a]
	}
	return out
}

func sum(l []int) int {
	t := 0
	for _, v := range l {
		t += v
	}
	return t
}
