package newsgen

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/pseudo"
)

// A newsroom gates its translations on l10n check, so they follow its
// conventions. The corpus's translations are l10n pseudo's text (accented
// English, so that no dictionary is needed) revised as such a newsroom's
// translator would revise it: the glossary's terms in their approved target
// forms, numbers in the locale's form (79 246 with a no-break space, 4,5;
// 85% in uk, 85 % in ru), «» for straight double quotes and the locale's apostrophe for the
// straight one. A small share of units keeps a real mistake (see Mistake).

// termForms are the target forms a translator writes for the English forms
// of the corpus glossary's terms, per locale: each is one of the
// glossary's approved forms, inflected.
var termForms = map[string]map[string]string{
	"uk": {
		"International Committee of the Red Cross": "Міжнародний комітет Червоного Хреста",
		"ICRC":             "МКЧХ",
		"prisoners of war": "військовополонені",
		"prisoner of war":  "військовополонений",
		"POW":              "військовополонений",
		"Kyiv":             "Київ",
		"Kremlin":          "Кремль",
		"Geneva":           "Женева",
	},
	"ru": {
		"International Committee of the Red Cross": "Международный комитет Красного Креста",
		"ICRC":             "МККК",
		"prisoners of war": "военнопленные",
		"prisoner of war":  "военнопленный",
		"POW":              "военнопленный",
		"Kyiv":             "Киев",
		"Kremlin":          "Кремль",
		"Geneva":           "Женева",
	},
}

// apostrophes are the letters a locale writes for a straight apostrophe:
// Ukrainian's modifier letter apostrophe, Russian's typographic one.
var apostrophes = map[string]string{"uk": "\u02bc", "ru": "\u2019"}

// A Mistake is a real error a translator left in a unit, which l10n check
// finds: the corpus has about mistakeRate in a thousand of them among its
// translated units, besides its missing and stale units.
type Mistake struct {
	Slug   string // the article
	Locale string
	ID     string // the unit
	// Check is the family of l10n check that finds it: numbers (a figure
	// mistyped), glossary (a term left in English) or typography
	// (straight quotes or apostrophes left).
	Check string
}

// mistakeRate is how many units in a thousand get a Mistake (among those
// that have something to get wrong).
const mistakeRate = 15

// term is one English form of a glossary term in the text pseudo wrote,
// and what a translator writes instead.
type term struct{ pseudo, target string }

// translator revises the pseudo-translations of one locale.
type translator struct {
	locale string
	src    numfmt.Format // English, as the source writes numbers
	dst    numfmt.Format
	terms  []term // longest first
}

func newTranslator(locale string) (*translator, error) {
	forms, ok := termForms[locale]
	if !ok {
		return nil, fmt.Errorf("newsgen: no translations for locale %q (the corpus translates uk and ru; -pseudo keeps pseudo-translations for any locale)", locale)
	}
	t := &translator{locale: locale, src: numfmt.Of("en"), dst: numfmt.Of(locale)}
	for en, tgt := range forms {
		// The article's text writes a term as the glossary does, in
		// title case in a title and in capitals in a dateline.
		for _, v := range [][2]string{{en, tgt}, {headline(en), upperFirst(tgt)}, {strings.ToUpper(en), strings.ToUpper(tgt)}} {
			p := strings.TrimSuffix(strings.TrimPrefix(pseudo.Plain(v[0]), pseudo.Open), pseudo.Close)
			if !slices.ContainsFunc(t.terms, func(x term) bool { return x.pseudo == p }) {
				t.terms = append(t.terms, term{p, v[1]})
			}
		}
	}
	slices.SortFunc(t.terms, func(a, b term) int {
		return cmp.Or(cmp.Compare(len(b.pseudo), len(a.pseudo)), strings.Compare(a.pseudo, b.pseudo))
	})
	return t, nil
}

// revise revises the translations of a pseudo-translated catalog, plants
// mistakes in a few of them (drawn from g) and returns those.
func (t *translator) revise(f *catalog.File, slug string, g gen) []Mistake {
	var out []Mistake
	for _, e := range f.Entries {
		if e.Other == "" {
			continue
		}
		var skip kinds
		if g.r.IntN(1000) < mistakeRate {
			if k := t.applicable(e.Other); len(k) > 0 {
				skip = k[g.r.IntN(len(k))]
			}
		}
		e.Other = t.text(e.Other, skip)
		if skip != 0 {
			out = append(out, Mistake{Slug: slug, Locale: t.locale, ID: e.ID, Check: skip.check()})
		}
	}
	return out
}

// kinds are the kinds of mistake a unit can get.
type kinds int

const (
	wrongNumber kinds = 1 + iota // one figure mistyped
	englishTerm                  // the glossary's terms left as pseudo wrote them
	straight                     // straight quotes and apostrophes left
)

func (k kinds) check() string {
	switch k {
	case wrongNumber:
		return "numbers"
	case englishTerm:
		return "glossary"
	}
	return "typography"
}

// applicable returns the mistakes a pseudo-translated text can get.
func (t *translator) applicable(s string) []kinds {
	var k []kinds
	prose := outsideLinks(s)
	if t.mistypable(prose) != "" {
		k = append(k, wrongNumber)
	}
	if slices.ContainsFunc(t.terms, func(x term) bool { return strings.Contains(prose, x.pseudo) }) {
		k = append(k, englishTerm)
	}
	if strings.ContainsAny(prose, `"'`) {
		k = append(k, straight)
	}
	return k
}

// text revises one pseudo-translated text, but for the mistake it keeps.
func (t *translator) text(s string, mistake kinds) string {
	wrong := ""
	if mistake == wrongNumber {
		wrong = t.mistypable(outsideLinks(s))
	}
	return mapText(s, func(p string) string {
		if mistake != englishTerm {
			for _, x := range t.terms {
				p = strings.ReplaceAll(p, x.pseudo, x.target)
			}
		}
		p = t.numbers(p, &wrong)
		if mistake != straight {
			p = t.quotes(p)
		}
		return p
	})
}

// mistypable returns the first number of s (as written) whose value s
// has once, so that a typo in it leaves its value missing; "" if none.
func (t *translator) mistypable(s string) string {
	var nums []numfmt.Number
	var raw []string
	for i := 0; i < len(s); {
		if !numfmt.IsDigit(rune(s[i])) {
			i++
			continue
		}
		n := t.src.Scan(s[i:])
		nums, raw = append(nums, n), append(raw, s[i:i+n.Len])
		i += n.Len
	}
	for i, n := range nums {
		if !slices.ContainsFunc(nums[i+1:], func(m numfmt.Number) bool { return m.Value == n.Value }) &&
			!slices.ContainsFunc(nums[:i], func(m numfmt.Number) bool { return m.Value == n.Value }) {
			return raw[i]
		}
	}
	return ""
}

// numbers writes the numbers of s in the target locale's form: a grouped
// number with the locale's separator, a fraction with its decimal
// separator, in ru a no-break space before a percent sign. The number *wrong
// names (as the source writes it) gets its last digit mistyped, once.
func (t *translator) numbers(s string, wrong *string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !numfmt.IsDigit(r) {
			b.WriteString(s[i : i+w])
			i += w
			continue
		}
		n := t.src.Scan(s[i:])
		out := s[i : i+n.Len]
		if n.Grouped || n.Frac > 0 {
			if l, ok := t.dst.Write(n); ok {
				out = l
			}
		}
		if *wrong != "" && s[i:i+n.Len] == *wrong {
			last := out[len(out)-1]
			out = out[:len(out)-1] + string(rune('0'+(last-'0'+1)%10))
			*wrong = ""
		}
		b.WriteString(out)
		i += n.Len
		if strings.HasPrefix(s[i:], "%") && t.locale == "ru" {
			b.WriteString("\u00a0") // uk writes 85%, ru 85 %
		}
	}
	return b.String()
}

// quotes writes «» for pairs of straight double quotes and the locale's
// apostrophe for a straight one.
func (t *translator) quotes(s string) string {
	open := true
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			if open {
				b.WriteRune('«')
			} else {
				b.WriteRune('»')
			}
			open = !open
		case '\'':
			b.WriteString(apostrophes[t.locale])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mapText applies f to the parts of a unit's Markdown a reader reads:
// everything but link and image destinations, which the generated articles
// write as "](url)".
func mapText(s string, f func(string) string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "](")
		if i < 0 {
			b.WriteString(f(s))
			return b.String()
		}
		j := strings.IndexByte(s[i:], ')')
		if j < 0 {
			j = len(s) - i - 1
		}
		b.WriteString(f(s[:i]))
		b.WriteString(s[i : i+j+1])
		s = s[i+j+1:]
	}
}

// outsideLinks returns the text mapText hands to its function, joined.
func outsideLinks(s string) string {
	var b strings.Builder
	mapText(s, func(p string) string { b.WriteString(p); b.WriteByte('\n'); return p })
	return b.String()
}

// headline writes an English term as a headline or a name does: each word
// capitalized but for "of" and "the".
func headline(s string) string {
	w := strings.Fields(s)
	for i := range w {
		if i == 0 || w[i] != "of" && w[i] != "the" {
			w[i] = capital(w[i])
		}
	}
	return strings.Join(w, " ")
}

// upperFirst capitalizes the first letter of s.
func upperFirst(s string) string {
	r, w := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[w:]
}
