package check

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// isLatin reports whether a locale is written in Latin script, by CLDR's
// likely-subtags data (x/text): en, de, en-XA yes; uk, ru, el, ar, ja no.
// A locale that does not parse counts as Latin, so nothing is flagged in
// it.
func isLatin(locale string) bool {
	tag, err := language.Parse(locale)
	if err != nil {
		return true
	}
	s, _ := tag.Script()
	return s == language.MustParseScript("Latn")
}

// pseudo reports whether a target is a pseudo-translation (l10n pseudo
// brackets each unit in ⟦…⟧). It looks once: Check asks it of a unit
// several times.
func (t *Text) pseudo() bool {
	if !t.pseudoKnown {
		t.isPseudo = strings.HasPrefix(strings.TrimSpace(t.Raw), pseudo.Open) && strings.Contains(t.Raw, pseudo.Close)
		t.pseudoKnown = true
	}
	return t.isPseudo
}

// untranslatedMin is the number of Latin-script words in a row that makes
// an untranslated fragment.
const untranslatedMin = 3

// functionWord reports whether a word is one that may be lower-case
// inside a name written in title case (Institute for the Study of War,
// Stand with Ukraine). A switch rather than a map: no table to make
// when the program starts.
func functionWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "and", "or", "for", "to",
		"in", "on", "at", "by", "with", "from", "de", "la",
		"le", "du", "des", "von", "van", "der", "den", "da",
		"di", "del", "y", "e", "et", "al", "bin", "ibn":
		return true
	}
	return false
}

// Untranslated finds English (or any Latin-script text) left in a
// translation into a locale written in another script: a run of three or
// more Latin-script words outside code, URLs, link destinations and HTML,
// keep-as-is names and the glossary's Latin approved forms, in which at
// least one word is lower-case and not a function word. The last
// condition spares names written in title case that newsrooms keep in
// Latin script (Human Rights Watch, Institute for the Study of War); an
// English clause always has such a word. Each run is an error naming it.
func (c *Checker) Untranslated(tgt *Text) []Finding {
	if !c.otherScript {
		return nil
	}
	if !hasLatin(tgt.Plain) {
		return nil // as most of a Cyrillic translation's units: no run to look for
	}
	// Names are neither English nor a break in it: "The Kremlin Leaks
	// project published" is a run of three words. They are masked with
	// as many zeros, so that offsets stay those of the text.
	s := tgt.Plain
	for _, n := range c.names {
		s = strings.ReplaceAll(s, n, strings.Repeat("0", len(n)))
	}
	var out []Finding
	for _, run := range latinRuns(s) {
		out = append(out, Finding{Check: Untranslated, Severity: Error,
			Message: fmt.Sprintf("left in English: %s", quote(tgt.Plain[run[0]:run[1]]))})
	}
	return out
}

// latinRuns returns the byte ranges of the runs of untranslatedMin or
// more Latin-script words of s, each with at least one lower-case content word. Words are
// the whitespace-separated chunks of s stripped of punctuation; a chunk
// in another script, a line break, a code mark or a chunk that reads as
// a URL, an e-mail address or a file name (letters around . / @ _ =) ends
// a run; numbers and punctuation do not.
func latinRuns(s string) [][2]int {
	var out [][2]int
	start, end, words, content := -1, -1, 0, false
	flush := func() {
		if words >= untranslatedMin && content {
			out = append(out, [2]int{start, end})
		}
		start, end, words, content = -1, -1, 0, false
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if r == '\n' || r == objectMark {
			flush()
			i += w
			continue
		}
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if unicode.IsSpace(r2) || r2 == objectMark {
				break
			}
			j += w2
		}
		chunk := s[i:j]
		word := strings.TrimFunc(chunk, func(r rune) bool { return !letter.Is(r) && !unicode.IsDigit(r) })
		switch kind := chunkKind(word); kind {
		case chunkLatin:
			if start < 0 {
				start = i + strings.Index(chunk, word)
			}
			end = i + strings.Index(chunk, word) + len(word)
			words++
			first, _ := utf8.DecodeRuneInString(word)
			if unicode.IsLower(first) && !functionWord(word) {
				content = true
			}
		case chunkOther:
			// A paste glued to the translation ("oversightреальна")
			// ends the run with its Latin letters.
			if lead := latinPrefix(word); lead != "" && start >= 0 && letter.Is([]rune(word[len(lead):] + " ")[0]) {
				end = i + strings.Index(chunk, word) + len(lead)
				words++
			}
			flush()
		}
		i = j
	}
	flush()
	return out
}

const (
	chunkNeutral = iota // numbers, punctuation
	chunkLatin
	chunkOther // another script, or a URL-like chunk
)

// chunkKind classifies a whitespace-separated chunk without its outer
// punctuation.
func chunkKind(w string) int {
	latin, other := false, false
	prev := rune(0)
	for _, r := range w {
		switch {
		case letter.Is(r) && letter.IsLatin(r):
			latin = true
		case letter.Is(r):
			other = true
		case strings.ContainsRune("./@_=:\\", r) && letter.Is(prev):
			// report.pdf, example.org/x, a@b: not prose.
			return chunkOther
		}
		prev = r
	}
	switch {
	case other:
		return chunkOther
	case latin:
		return chunkLatin
	}
	return chunkNeutral
}

// hasLatin reports whether s has a letter of the Latin script, which
// every run that latinRuns finds has.
func hasLatin(s string) bool { return strings.IndexFunc(s, letter.IsLatin) >= 0 }

// latinPrefix returns the Latin letters w starts with.
func latinPrefix(w string) string {
	for i, r := range w {
		if !letter.IsLatin(r) {
			return w[:i]
		}
	}
	return w
}
