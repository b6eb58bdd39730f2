package glossary

import (
	"strings"
	"sync"
)

// endings are the inflection endings of nouns, adjectives and names that
// a "+" in a form stands for, by language: the case endings of the
// declensions (words are normalised first, so Russian ё is е). A
// language without a list treats "+" as "*". The sets are made when a
// pattern first asks (as are conjunctions'), not when the program starts.
var endings = sync.OnceValue(func() map[Lang]map[string]bool {
	return map[Lang]map[string]bool{
		"uk": set("а я у ю і ї е є о и ь ам ям ах ях ами ями ом ем єм ою ею єю ів їв ей ові еві єві " +
			"ий ій ого ього ому ьому им ім их іх ими іми ої ього"),
		"ru": set("а я у ю е и ы о ь й ам ям ах ях ами ями ом ем ой ей ою ею ов ев ью ия ии ию ие " +
			"ий ый ая яя ое ее ого его ому ему ым им ую юю ых их ыми ими ые ие"),
	}
})

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

func (l Lang) hasEndings() bool { return endings()[l] != nil }

// isEnding reports whether s is one of lang's inflection endings.
func (l Lang) isEnding(s string) bool { return endings()[l][s] }

// conjunctions are the words for "and" that stand for one another inside
// a form: Ukrainian і, й (after a vowel) and та; Russian и.
var conjunctions = sync.OnceValue(func() map[Lang]map[string]bool {
	return map[Lang]map[string]bool{
		"uk": set("і й та"),
		"ru": set("и"),
	}
})

// conjunction reports whether a (case-folded) word is a conjunction of lang.
func (l Lang) conjunction(w string) bool { return conjunctions()[l][w] }

// alternation returns, for a Ukrainian stem ending in к, г or х, the stem
// without that consonant and the consonant it alternates with before і
// (к/ц, г/з, х/с): рука → руці, нога → нозі, Оленівка → в Оленівці.
func (l Lang) alternation(stem string) (string, string, bool) {
	if l != "uk" {
		return "", "", false
	}
	for _, a := range [...][2]string{{"к", "ц"}, {"г", "з"}, {"х", "с"}} {
		if s, ok := strings.CutSuffix(stem, a[0]); ok && s != "" {
			return s, a[1], true
		}
	}
	return "", "", false
}
