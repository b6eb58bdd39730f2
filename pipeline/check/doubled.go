package check

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/letter"
)

// reduplicated returns the words a language doubles on purpose (ха-ха
// written apart, ну ну, так так), made on the first call.
var reduplicated = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields("ха хи ну так ой ай ага бла тук кап ля да ні нет") {
		m[w] = true
	}
	return m
})

// Doubled warns about a word written twice in a row with only spaces
// between (що що, в в): a slip of editing. Words in Latin script are left
// alone in a translation from English (Bora Bora, Baden Baden), as are
// interjections that are doubled on purpose. The key is the word.
func (c *Checker) Doubled(tgt *Text) []Finding {
	if c.lang == c.srcLang {
		return nil
	}
	s := tgt.Plain
	var out []Finding
	seen := map[string]bool{}
	prev, prevEnd := "", -1
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !letter.Is(r) {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !letter.Is(r2) && !(isApostropheRune(r2) && j > i) && r2 != '-' {
				break
			}
			j += w2
		}
		word := normalizeWord(s[i:j])
		between := ""
		if prevEnd >= 0 {
			between = s[prevEnd:i]
		}
		if word == prev && onlySpaces(between) && !reduplicated()[word] && !isLatinWord(word) && !seen[word] {
			seen[word] = true
			out = append(out, Finding{Check: Doubled, Key: word, Severity: Warning,
				Message: fmt.Sprintf("doubled word %s (near %s)", quote(s[i:j]), context(s, i))})
		}
		prev, prevEnd = word, j
		i = j
	}
	return out
}

func onlySpaces(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if letter.Is(r) && !letter.IsLatin(r) {
			return false
		}
	}
	return true
}
