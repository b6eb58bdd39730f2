package pipeline

import (
	"strings"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// glossaryHints returns, for each unit of an article, the glossary's
// advice for translating it into loc: one line per term its English
// uses, such as `glossary: "ICRC" → МКЧХ | Міжнародн* комітет* Червоного
// Хреста`. Catalog comments and exported files show them to the
// translator; l10n check enforces them.
func glossaryHints(g *glossary.Glossary, a *article, loc string) [][]string {
	out := make([][]string, len(a.doc.Units))
	if g == nil {
		return out
	}
	c := check.New("en", loc, g, a.doc.Inline)
	for i := range a.doc.Units {
		for _, h := range c.Terms(c.ParseSource(a.doc.Units[i].Text)) {
			out[i] = append(out[i], hintLine(h, loc))
		}
	}
	return out
}

func hintLine(h glossary.Hit, loc string) string {
	var b strings.Builder
	b.WriteString("glossary: \"" + h.Text + "\" → ")
	f := h.Term.Forms(loc)
	switch {
	case h.Term.Keep:
		b.WriteString("keep as is")
	case f == nil || len(f.Approved) == 0:
		b.WriteString("(no " + loc + " form in the glossary)")
	default:
		for k, p := range f.Approved {
			if k > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(p.Text)
		}
	}
	if f != nil && len(f.Forbidden) > 0 {
		b.WriteString("; not ")
		for k, p := range f.Forbidden {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString(p.Text)
		}
	}
	return b.String()
}
