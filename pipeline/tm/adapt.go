package tm

import (
	"strings"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// Adapt carries a translation over to a new source that differs from the
// old one only in placeables: numbers written with digits, URLs (link and
// image destinations, autolinks) and code spans. It returns the old
// translation with each changed placeable replaced, and true; or "" and
// false when the sources differ in anything else (a word, punctuation,
// markup, the order or number of placeables), when an old placeable
// changes into two different new ones, or when the translation does not
// hold a changed placeable (a number written out in words).
//
// Numbers are matched by value in the translation, in the target
// locale's form (3,767 in English is 3 767 or 3767 in Ukrainian), and the
// new number is written in the target locale's form through x/text's
// CLDR data: grouped with the locale's separator (a no-break space in uk
// and ru) if the new source groups it, ungrouped if it does not (so
// years such as 2025 are never grouped), with the locale's decimal
// separator. What surrounds a number in the translation (a percent sign,
// an ordinal ending) stays as the translator wrote it. A URL or code span
// is replaced wherever the translation has it exactly as the old source
// does. Sources that differ only in spacing give back the old
// translation.
func Adapt(sourceLocale, targetLocale, oldSource, oldTarget, newSource string) (string, bool) {
	t := newTokenizer()
	sf := numfmt.Of(sourceLocale)
	return adapt(t, sf, numfmt.Of(targetLocale), oldSource, oldTarget, newSource, t.tokens(newSource, sf))
}

// adaptTokens is Adapt for a match of Lookup, whose new source is
// already cut into tokens.
func (m *Memory) adaptTokens(oldSource, oldTarget, newSource string, newToks []token, locale string) string {
	t := tokenizers.Get().(*tokenizer)
	defer tokenizers.Put(t)
	tf := m.srcFmt
	if f, ok := m.locales[locale]; ok {
		tf = f
	}
	s, _ := adapt(t, m.srcFmt, tf, oldSource, oldTarget, newSource, newToks)
	return s
}

// adapt implements Adapt.
func adapt(t *tokenizer, sf, tf numfmt.Format, oldSrc, oldTgt, newSrc string, newToks []token) (string, bool) {
	oldToks := t.tokens(oldSrc, sf)
	var oldP, newP []token
	var oldW, newW []string
	for _, tk := range oldToks {
		if tk.kind.placeable() {
			oldP = append(oldP, tk)
		} else {
			oldW = append(oldW, oldSrc[tk.start:tk.end])
		}
	}
	for _, tk := range newToks {
		if tk.kind.placeable() {
			newP = append(newP, tk)
		} else {
			newW = append(newW, newSrc[tk.start:tk.end])
		}
	}
	if len(oldP) != len(newP) || len(oldW) != len(newW) {
		return "", false
	}
	for i := range oldW {
		if oldW[i] != newW[i] {
			return "", false
		}
	}
	// What each old placeable becomes; an old placeable that stays and
	// also changes elsewhere cannot be adapted.
	to := map[string]token{}
	changed := map[string]bool{}
	for i, o := range oldP {
		n := newP[i]
		if o.kind != n.kind {
			return "", false
		}
		k := string(rune(o.kind)) + o.key
		if prev, ok := to[k]; ok && prev.key != n.key {
			return "", false
		}
		to[k] = n
		if n.key != o.key {
			changed[k] = true
		}
	}
	if len(changed) == 0 {
		return oldTgt, true
	}
	var b strings.Builder
	pos := int32(0)
	found := map[string]bool{}
	for _, tk := range t.tokens(oldTgt, tf) {
		k := string(rune(tk.kind)) + tk.key
		if !tk.kind.placeable() || !changed[k] {
			continue
		}
		n := to[k]
		repl := newSrc[n.start:n.end]
		if n.kind == kNumber {
			num := sf.Scan(repl) // as the token was read
			s, ok := tf.Write(num)
			if !ok || num.Len != len(repl) {
				return "", false
			}
			repl = s
		}
		b.WriteString(oldTgt[pos:tk.start])
		b.WriteString(repl)
		pos = tk.end
		found[k] = true
	}
	if len(found) != len(changed) {
		return "", false
	}
	b.WriteString(oldTgt[pos:])
	return b.String(), true
}
