package serve

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// diffPart is a run of words of a word-level diff: kept, deleted (in the
// old text only) or inserted (in the new text only).
type diffPart struct {
	Text string
	Op   string // "", "del" or "ins"
}

// maxDiffTokens bounds the texts wordDiff compares word by word; longer
// texts come out as one deletion and one insertion.
const maxDiffTokens = 4000

// wordDiff returns the changes from old to new, word by word: the
// longest common subsequence of their words and the spaces between them.
func wordDiff(old, new string) []diffPart {
	a, b := tokens(old), tokens(new)
	if len(a)*len(b) > maxDiffTokens*maxDiffTokens/16 {
		return []diffPart{{Text: old, Op: "del"}, {Text: new, Op: "ins"}}
	}
	// lcs[i][j] is the length of the longest common subsequence of
	// a[i:] and b[j:].
	lcs := make([][]int32, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []diffPart
	add := func(text, op string) {
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += text
			return
		}
		out = append(out, diffPart{Text: text, Op: op})
	}
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			add(a[i], "")
			i, j = i+1, j+1
		case lcs[i+1][j] >= lcs[i][j+1]:
			add(a[i], "del")
			i++
		default:
			add(b[j], "ins")
			j++
		}
	}
	for ; i < len(a); i++ {
		add(a[i], "del")
	}
	for ; j < len(b); j++ {
		add(b[j], "ins")
	}
	return out
}

// tokens cuts a text into words, runs of spaces and the punctuation
// around words, which together give the text back. A word keeps the
// punctuation inside it: 3,767, don't, U.S.
func tokens(s string) []string {
	var out []string
	for len(s) > 0 {
		// A run of spaces, or of anything else.
		first, _ := utf8.DecodeRuneInString(s)
		space := unicode.IsSpace(first)
		n := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) != space })
		if n < 0 {
			n = len(s)
		}
		run := s[:n]
		s = s[n:]
		if space {
			out = append(out, run)
			continue
		}
		// Punctuation before and after the word is a token of its own.
		lead := strings.IndexFunc(run, isWordRune)
		if lead < 0 {
			out = append(out, splitRunes(run)...)
			continue
		}
		trail := strings.LastIndexFunc(run, isWordRune)
		_, size := utf8.DecodeRuneInString(run[trail:])
		out = append(out, splitRunes(run[:lead])...)
		out = append(out, run[lead:trail+size])
		out = append(out, splitRunes(run[trail+size:])...)
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// splitRunes cuts punctuation into one token per character.
func splitRunes(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}
