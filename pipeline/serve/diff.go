package serve

import "unicode"

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

// tokens cuts a text into words, runs of spaces and single punctuation
// marks, which together give the text back.
func tokens(s string) []string {
	var out []string
	start := -1
	kind := 0
	classOf := func(r rune) int {
		switch {
		case unicode.IsSpace(r):
			return 1
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’':
			return 2
		}
		return 3
	}
	for i, r := range s {
		k := classOf(r)
		if start >= 0 && (k != kind || k == 3) {
			out = append(out, s[start:i])
			start = -1
		}
		if start < 0 {
			start, kind = i, k
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
