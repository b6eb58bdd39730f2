package check

import (
	"fmt"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// Glossary checks the target against every glossary term whose English
// forms occur in the source: one of the locale's approved (or derived)
// forms must occur — an error for a strict term, a warning otherwise —, no
// forbidden form may (an error), and a keep-as-is name must be there
// unchanged (an error). Each term is matched on its own, so a name and a
// shorter term inside it (International Committee of the Red Cross, Red
// Cross) both apply. Findings are keyed by term id.
func (c *Checker) Glossary(src, tgt *Text) []Finding {
	hits := c.terms(src)
	if len(hits) == 0 {
		return nil
	}
	w := glossary.Split(tgt.Plain, c.lang)
	defer w.Release() // the words matched are the target's own, or copies
	var out []Finding
	for _, h := range hits {
		t := h.Term
		sev := Error
		add := func(msg string, args ...any) {
			out = append(out, Finding{Check: Glossary, Key: t.ID, Severity: sev,
				Message: fmt.Sprintf("%q (%s) ", h.Text, t.ID) + fmt.Sprintf(msg, args...)})
		}
		if t.Keep && !t.Kept(tgt.Plain) {
			add("must stay as is: %s", strings.Join(t.EN, " or "))
		}
		f := t.Forms(c.Locale)
		if f == nil {
			continue
		}
		approved := len(f.Approved) == 0 || f.Approves(w)
		if p, text, ok := f.Forbids(w); ok {
			if approved {
				add("must not be %q (forbidden: %s)", text, p.Text)
			} else {
				add("must not be %q (forbidden: %s): use %s", text, p.Text, forms(f.Approved))
			}
			continue
		}
		if !approved {
			if !t.Strict {
				sev = Warning
			}
			add("needs one of %s", forms(f.Approved))
		}
	}
	return out
}

func forms(ps []*glossary.Pattern) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.Text
	}
	return strings.Join(s, ", ")
}
