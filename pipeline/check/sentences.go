package check

import (
	"fmt"

	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/sentence"
)

// sentences returns the sentences of a reader's text in lang (see
// sentence.Split).
func sentences(s string, lang glossary.Lang, strict bool) []string {
	return sentence.Strings(s, string(lang), strict)
}

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
	lost := -1
	for _, b := range sentence.Align(sentence.Lengths(ss), sentence.Lengths(ts), sentence.LengthRatio(string(c.lang))) {
		if b.Tgt == 0 {
			lost = b.Source
			break
		}
	}
	if lost < 0 {
		return nil
	}
	return []Finding{{Check: Sentences, Severity: Warning,
		Message: fmt.Sprintf("the translation has %d sentences, the source %d: nothing seems to translate %s", len(ts), len(ss), quote(ss[lost]))}}
}
