// Package glossary reads l10n's termbase, glossary.yaml, and matches its
// terms in English sources and in their Ukrainian and Russian (or other)
// translations.
//
// A glossary is a list of terms:
//
//	terms:
//	  - id: icrc
//	    en: ["ICRC", "International Committee of the Red Cross"]
//	    note: "Full name at first mention, then the abbreviation."
//	    uk: {approved: ["МКЧХ", "Міжнародн* комітет* Червоного Хреста"], forbidden: ["МККЧ"]}
//	    ru: {approved: ["МККК", "Международн* комитет* Красного Креста"]}
//	  - id: the-moscow-times
//	    en: ["The Moscow Times"]
//	    keep: true
//
// Every form is a Pattern, compiled once when the glossary is parsed:
// words matched one by one, "*" closing a word for any case ending, "+"
// for one of the language's inflection endings, a word in parentheses
// optional, case-insensitive (cases.Fold) unless written entirely in
// capitals. English forms also match with plural and possessive endings
// (POWs, POW's). A locale's derived forms (adjectives, paraphrases)
// satisfy a term as its approved forms do; a strict term (a name) makes
// a missing approved form an error rather than a warning.
package glossary

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
	"github.com/l10n-dev/l10n/internal/yamlerr"
)

// Glossary is a parsed, compiled termbase.
type Glossary struct {
	// Terms are in file order.
	Terms []*Term
	// index maps the case-folded first word of each English form to the
	// forms that start with it; prefixed holds forms whose first word
	// ends in "*".
	index    map[string][]enForm
	prefixed []enForm
}

// enForm is one English form of a term.
type enForm struct {
	term int
	pat  *Pattern
}

// Term is one entry of the glossary.
type Term struct {
	// ID is the term's id: lowercase letters, digits and hyphens.
	ID string
	// EN are the English forms that trigger the term.
	EN []string
	// Note is guidance for translators.
	Note string
	// Keep marks a name that every translation must carry unchanged.
	Keep bool
	// Strict marks a term whose approved forms a translation must use
	// (names, ICRC, POW): without one it is an error, not a warning.
	Strict bool
	// Locales holds the approved and forbidden forms for each locale
	// named in the term (uk, ru, …).
	Locales map[string]*Forms
	// Line is the term's line in the glossary file.
	Line int

	en []*Pattern
}

// Forms are a term's renderings in one locale.
type Forms struct {
	// Approved are the forms a translation may use; one must occur
	// wherever the English term does.
	Approved []*Pattern
	// Forbidden are forms a translation of the term must not use.
	Forbidden []*Pattern
	// Derived are forms that also satisfy the term without being its
	// rendering: an adjective (російськ* for Russia's), a common
	// paraphrase (з полону for released prisoners).
	Derived []*Pattern
}

// Error is bad input at a line of a glossary: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Load reads and parses a glossary file.
func Load(path string) (*Glossary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading glossary: %w", err)
	}
	return Parse(data)
}

// Parse parses and compiles a glossary. Errors are *Error, naming the
// line of the offending key or value.
func Parse(data []byte) (*Glossary, error) {
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, fileerr.New(line, "invalid UTF-8")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		p := yamlerr.Locate(data, err)
		return nil, &Error{Line: p.Line, Column: p.Col, Err: errors.New(p.Msg)}
	}
	g := &Glossary{index: map[string][]enForm{}}
	if len(doc.Content) == 0 {
		return g, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fileerr.New(root.Line, "a glossary is a mapping with one key, terms")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Value != "terms" {
			return nil, fileerr.Errorf(k.Line, "unknown key %q (a glossary has one key, terms)", k.Value)
		}
		if v.Tag == "!!null" {
			continue
		}
		if v.Kind != yaml.SequenceNode {
			return nil, fileerr.New(v.Line, "terms must be a list of terms")
		}
		for _, n := range v.Content {
			t, err := parseTerm(n)
			if err != nil {
				return nil, commented(data, err)
			}
			g.Terms = append(g.Terms, t)
		}
	}
	if err := g.build(); err != nil {
		return nil, err
	}
	return g, nil
}

// build checks that ids and English forms are unique and indexes the
// English forms.
func (g *Glossary) build() error {
	ids := map[string]*Term{}
	forms := map[string]*Term{}
	c := cases.Fold()
	for ti, t := range g.Terms {
		if o := ids[t.ID]; o != nil {
			return fileerr.Errorf(t.Line, "duplicate term id %q (first at line %d)", t.ID, o.Line)
		}
		ids[t.ID] = t
		for _, p := range t.en {
			key := c.String(strings.Join(wordsOf(p), " "))
			if o := forms[key]; o != nil {
				return fileerr.Errorf(t.Line, "term %q: English form %q is also a form of term %q (line %d)", t.ID, p.Text, o.ID, o.Line)
			}
			forms[key] = t
			f := enForm{term: ti, pat: p}
			if p.words[0].prefix || p.words[0].optional {
				g.prefixed = append(g.prefixed, f)
				continue
			}
			first := c.String(p.words[0].s)
			g.index[first] = append(g.index[first], f)
		}
	}
	return nil
}

func wordsOf(p *Pattern) []string {
	out := make([]string, len(p.words))
	for i, w := range p.words {
		out[i] = w.s
		if w.prefix {
			out[i] += "*"
		}
	}
	return out
}

// Term returns the term with the given id, or nil.
func (g *Glossary) Term(id string) *Term {
	for _, t := range g.Terms {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Forms returns the term's forms for a locale (uk-UA falls back to uk),
// or nil when the glossary has none.
func (t *Term) Forms(locale string) *Forms {
	if f := t.Locales[locale]; f != nil {
		return f
	}
	return t.Locales[string(LangOf(locale))]
}

// Hit is a term found in an English text.
type Hit struct {
	Term *Term
	// Form is the English form that matched, as the glossary writes it.
	Form string
	// Text is the matching words as the text has them.
	Text string
}

// Find returns the terms whose English forms occur in w (split as
// English), once each, in glossary order.
func (g *Glossary) Find(w *Words) []Hit {
	if g == nil || len(g.Terms) == 0 {
		return nil
	}
	found := make([]*Hit, len(g.Terms))
	try := func(f enForm, i int) {
		if found[f.term] == nil && f.pat.matchAt(w, i, true) {
			found[f.term] = &Hit{Term: g.Terms[f.term], Form: f.pat.Text, Text: f.pat.matched(w, i)}
		}
	}
	// The forms tried at every word, less those the text cannot hold.
	var buf [8]enForm
	prefixed := buf[:0]
	for _, f := range g.prefixed {
		if f.pat.mayOccur(w) {
			prefixed = append(prefixed, f)
		}
	}
	for i := range w.Len() {
		fw := w.foldAt(i)
		for _, f := range g.index[fw] {
			try(f, i)
		}
		for _, suf := range [...]string{"s", "es", "'s"} {
			if stem, ok := strings.CutSuffix(fw, suf); ok && stem != "" {
				for _, f := range g.index[stem] {
					try(f, i)
				}
			}
		}
		for _, f := range prefixed {
			try(f, i)
		}
	}
	var out []Hit
	for _, h := range found {
		if h != nil {
			out = append(out, *h)
		}
	}
	return out
}

// Approves reports whether one of the approved or derived forms occurs
// in w.
func (f *Forms) Approves(w *Words) bool {
	for _, ps := range [...][]*Pattern{f.Approved, f.Derived} {
		for _, p := range ps {
			if p.Find(w) >= 0 {
				return true
			}
		}
	}
	return false
}

// Forbids returns the first forbidden form that occurs in w and the words
// it matched.
func (f *Forms) Forbids(w *Words) (form *Pattern, text string, ok bool) {
	for _, p := range f.Forbidden {
		if i := p.Find(w); i >= 0 {
			return p, p.matched(w, i), true
		}
	}
	return nil, "", false
}

// Kept reports whether one of the term's English forms occurs verbatim in
// text (case and spelling unchanged, as a whole word sequence).
func (t *Term) Kept(text string) bool {
	for _, f := range t.EN {
		if ContainsWords(text, f) {
			return true
		}
	}
	return false
}

// ContainsWords reports whether s occurs in text, neither preceded nor
// followed by a letter or digit.
func ContainsWords(text, s string) bool {
	if s == "" {
		return false
	}
	for off := 0; ; {
		i := strings.Index(text[off:], s)
		if i < 0 {
			return false
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(text[:i])
		after, _ := utf8.DecodeRuneInString(text[i+len(s):])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		off = i + 1
	}
}

// parseTerm parses one term.
func parseTerm(n *yaml.Node) (*Term, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fileerr.New(n.Line, "a term is a mapping with id, en and per-locale forms")
	}
	t := &Term{Line: n.Line, Locales: map[string]*Forms{}}
	var approvedAt int
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if seen[k.Value] {
			return nil, fileerr.Errorf(k.Line, "duplicate key %q", k.Value)
		}
		seen[k.Value] = true
		switch k.Value {
		case "id":
			if v.Kind != yaml.ScalarNode || !validID(v.Value) {
				return nil, fileerr.Errorf(v.Line, "id %q: use lowercase letters, digits and hyphens (red-cross)", v.Value)
			}
			t.ID = v.Value
		case "en":
			list, err := stringList(v, "en")
			if err != nil {
				return nil, err
			}
			if len(list) == 0 {
				return nil, fileerr.New(v.Line, "en needs at least one English form")
			}
			for j, s := range list {
				p, err := Compile(s, "en")
				if err != nil {
					return nil, fileerr.New(v.Content[j].Line, "en: "+err.Error())
				}
				t.EN = append(t.EN, s)
				t.en = append(t.en, p)
			}
		case "note":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
				return nil, fileerr.New(v.Line, "note must be a string")
			}
			t.Note = v.Value
		case "keep", "strict":
			if v.Kind != yaml.ScalarNode || v.Tag != "!!bool" {
				return nil, fileerr.New(v.Line, k.Value+" must be true or false")
			}
			if k.Value == "keep" {
				t.Keep = v.Value == "true"
			} else {
				t.Strict = v.Value == "true"
			}
		default:
			if !validLocale(k.Value) || v.Kind != yaml.MappingNode {
				return nil, fileerr.Errorf(k.Line, "unknown key %q (a term has id, en, note, keep, strict and locales such as uk: {approved: […], forbidden: […]})", k.Value)
			}
			f, err := parseForms(v, k.Value)
			if err != nil {
				return nil, err
			}
			if len(f.Approved) > 0 && approvedAt == 0 {
				approvedAt = k.Line
			}
			t.Locales[k.Value] = f
		}
	}
	switch {
	case t.ID == "":
		return nil, fileerr.New(n.Line, "term without an id")
	case len(t.en) == 0:
		return nil, fileerr.Errorf(n.Line, "term %q has no en forms", t.ID)
	case t.Keep && approvedAt > 0:
		return nil, fileerr.Errorf(approvedAt, "term %q is keep: true, so its English form is the only approved one: drop approved, or keep", t.ID)
	}
	return t, nil
}

// parseForms parses a locale's approved and forbidden forms.
func parseForms(m *yaml.Node, locale string) (*Forms, error) {
	f := &Forms{}
	lang := LangOf(locale)
	if len(m.Content) == 0 {
		return nil, fileerr.Errorf(m.Line, "%s: give approved and/or forbidden forms", locale)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		var dst *[]*Pattern
		switch k.Value {
		case "approved":
			dst = &f.Approved
		case "forbidden":
			dst = &f.Forbidden
		case "derived":
			dst = &f.Derived
		default:
			return nil, fileerr.Errorf(k.Line, "%s: unknown key %q (approved, derived or forbidden)", locale, k.Value)
		}
		if *dst != nil {
			return nil, fileerr.Errorf(k.Line, "%s: duplicate key %q", locale, k.Value)
		}
		list, err := stringList(v, locale+"."+k.Value)
		if err != nil {
			return nil, err
		}
		*dst = []*Pattern{}
		for j, s := range list {
			p, err := Compile(s, lang)
			if err != nil {
				return nil, fileerr.Errorf(v.Content[j].Line, "%s.%s: %v", locale, k.Value, err)
			}
			*dst = append(*dst, p)
		}
	}
	return f, nil
}

// stringList reads a YAML list of non-empty strings.
func stringList(v *yaml.Node, what string) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, fileerr.Errorf(v.Line, "%s must be a list of strings, e.g. [\"ICRC\"]", what)
	}
	out := make([]string, 0, len(v.Content))
	for _, s := range v.Content {
		if s.Kind != yaml.ScalarNode || s.Tag != "!!str" {
			return nil, fileerr.Errorf(s.Line, "%s: each form must be a string (quote it)", what)
		}
		if strings.TrimSpace(s.Value) == "" {
			return nil, fileerr.Errorf(s.Line, "%s: empty form", what)
		}
		out = append(out, s.Value)
	}
	return out, nil
}

// validID reports whether s is lowercase letters and digits in
// hyphen-separated groups.
func validID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// validLocale reports whether s looks like a locale key: a 2–3 letter
// lowercase language, optionally with subtags (uk, ru, pt-BR), that
// BCP 47 accepts.
func validLocale(s string) bool {
	base, rest, _ := strings.Cut(s, "-")
	if len(base) < 2 || len(base) > 3 {
		return false
	}
	for _, r := range base {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	if rest != "" && strings.ContainsAny(rest, " _/") {
		return false
	}
	_, err := language.Parse(s)
	return err == nil
}

// commented adds the hint for a value that a "#" turned into a comment to
// an error about the value on its line.
func commented(data []byte, err error) error {
	var ge *Error
	if !errors.As(err, &ge) || ge.Line < 1 {
		return err
	}
	lines := strings.SplitN(string(data), "\n", ge.Line+1)
	if ge.Line <= len(lines) {
		if col, hint, ok := yamlerr.CommentedValue(lines[ge.Line-1]); ok {
			ge.Column, ge.Err = col, fmt.Errorf("%w: %s", ge.Err, hint)
		}
	}
	return err
}
