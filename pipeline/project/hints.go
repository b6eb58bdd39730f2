package project

import (
	"strings"
	"sync"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// GlossaryHints returns, for each unit of an article, the glossary's
// advice for translating it into loc: one line per term its English
// uses, such as `glossary: "ICRC" → МКЧХ | Міжнародн* комітет* Червоного
// Хреста`. Catalog comments and exported files show them to the
// translator; l10n check enforces them.
func GlossaryHints(g *glossary.Glossary, a *Article, loc string) [][]string {
	out := make([][]string, len(a.Doc.Units))
	if g == nil {
		return out
	}
	for i, hits := range a.terms(g) {
		for _, h := range hits {
			out[i] = append(out[i], hintLine(h, loc))
		}
	}
	return out
}

// terms returns the glossary terms of each unit's source, found once per
// article whatever the number of locales.
func (a *Article) terms(g *glossary.Glossary) [][]glossary.Hit {
	if a.hits != nil && a.hitsOf == g {
		return a.hits
	}
	c := termsChecker(g, a.source)
	a.hits = make([][]glossary.Hit, len(a.Doc.Units))
	for i := range a.Doc.Units {
		// The terms alone: ParseSource would find the numbers too,
		// which only check's rules read.
		text := a.Doc.Units[i].Text
		a.hits[i] = c.Terms(c.ParseTree(text, a.Doc.Tree(text)))
	}
	a.hitsOf = g
	return a.hits
}

// sourceTerms holds the Checker that finds the terms of a source
// (termsChecker), made for the last glossary and source locale asked:
// check.New compiles the glossary's keep-as-is names, which made a tenth
// of extract's glossary hints when it ran for every article.
var sourceTerms struct {
	sync.Mutex
	g      *glossary.Glossary
	source string
	c      *check.Checker
}

// termsChecker returns a Checker that finds the terms of texts in source
// with g, safe for concurrent use (Terms and ParseTree read it alone).
func termsChecker(g *glossary.Glossary, source string) *check.Checker {
	sourceTerms.Lock()
	defer sourceTerms.Unlock()
	if sourceTerms.c == nil || sourceTerms.g != g || sourceTerms.source != source {
		sourceTerms.g, sourceTerms.source, sourceTerms.c = g, source, check.New(source, source, g, nil)
	}
	return sourceTerms.c
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
