package tbx

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// GlossaryTerm is a term of l10n's glossary as plain data, the shape of
// one item of glossary.yaml's terms list: what ToGlossary makes of a
// TBX entry and MergeGlossary adds to a glossary file.
type GlossaryTerm struct {
	ID   string
	EN   []string // the source-language forms
	Note string
	Keep bool
	// Strict marks a term whose approved forms a translation must use.
	Strict bool
	// Locales maps a locale to its approved and forbidden forms.
	Locales map[string]GlossaryForms
	// Line is the line of the TBX entry the term comes from.
	Line int
}

// GlossaryForms are a term's forms in one locale.
type GlossaryForms struct {
	Approved []string
	// Derived are forms that satisfy the term without being its
	// rendering (an adjective, a paraphrase).
	Derived   []string
	Forbidden []string
}

// Notes by which l10n marks, in TBX, what TBX-Basic has no data
// category for: a strict term (on the entry) and a derived form (on the
// term). Other tools show them as notes; ToGlossary reads them back.
const (
	NoteStrict  = "l10n: strict"
	NoteDerived = "l10n: derived"
)

// ExportOptions configure FromGlossary.
type ExportOptions struct {
	// Source is the glossary's source locale; "en" when empty.
	Source string
	// Locales are the project's target locales: a keep-as-is term gets
	// a language set in each, its source forms its preferred terms.
	Locales []string
}

// FromGlossary returns a glossary as a TBX-Basic document: one entry per
// term, its id the term's id and its note a <note>; a language set for
// the source language with the term's forms (the first preferred, the
// others admitted); one per locale with approved forms (the first
// preferred, the others admitted), derived forms (admitted, with the
// note NoteDerived) and forbidden ones (deprecated). A strict term's
// entry has the note NoteStrict. A keep-as-is term, which every
// translation writes as the source does, has its source forms as the
// preferred terms of every locale of opts. Forms are written as the
// glossary writes them, its pattern syntax ("*" for any case ending, "+"
// for an inflection ending, a word in parentheses optional) included.
func FromGlossary(g *glossary.Glossary, opts ExportOptions) *Document {
	src := opts.Source
	if src == "" {
		src = "en"
	}
	doc := &Document{Type: "TBX-Basic", Lang: src, Source: []string{"l10n glossary"}}
	for _, t := range g.Terms {
		e := &Entry{ID: t.ID}
		if t.Note != "" {
			e.Notes = []string{t.Note}
		}
		if t.Strict {
			e.Notes = append(e.Notes, NoteStrict)
		}
		e.Langs = append(e.Langs, langSet(src, GlossaryForms{Approved: t.EN}))
		if t.Keep {
			for _, loc := range opts.Locales {
				e.Langs = append(e.Langs, langSet(loc, GlossaryForms{Approved: t.EN}))
			}
		} else {
			locs := slices.Sorted(maps.Keys(t.Locales))
			for _, loc := range locs {
				e.Langs = append(e.Langs, langSet(loc, formsData(t.Locales[loc])))
			}
		}
		doc.Entries = append(doc.Entries, e)
	}
	return doc
}

func patternTexts(ps []*glossary.Pattern) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Text
	}
	return out
}

// formsData returns a locale's forms as their texts.
func formsData(f *glossary.Forms) GlossaryForms {
	return GlossaryForms{Approved: patternTexts(f.Approved), Derived: patternTexts(f.Derived), Forbidden: patternTexts(f.Forbidden)}
}

// langSet returns a language set: approved forms, the first preferred,
// then derived forms, admitted with NoteDerived, then forbidden ones,
// deprecated.
func langSet(lang string, f GlossaryForms) *LangSet {
	l := &LangSet{Lang: lang}
	for i, s := range f.Approved {
		st := Admitted
		if i == 0 {
			st = Preferred
		}
		l.Terms = append(l.Terms, &Term{Text: s, Status: st})
	}
	for _, s := range f.Derived {
		l.Terms = append(l.Terms, &Term{Text: s, Status: Admitted, Notes: []string{NoteDerived}})
	}
	for _, s := range f.Forbidden {
		l.Terms = append(l.Terms, &Term{Text: s, Status: Deprecated})
	}
	return l
}

// ImportOptions configure ToGlossary.
type ImportOptions struct {
	// Source is the glossary's source locale; "en" when empty.
	Source string
	// Locales are the project's target locales. A language set is read
	// into the locale it names, or into a locale of the same language
	// (uk-UA into uk, uk into uk-UA); one of another language is left
	// out.
	Locales []string
	// Rename maps languages of the TBX file to locales before that,
	// such as {"xx": "uk"} for Translate Toolkit's csv2tbx, which
	// writes "xx" for the target language.
	Rename map[string]string
}

// Problem is something ToGlossary left out of an entry, or an entry it
// left out.
type Problem struct {
	Line  int    // the TBX line
	Entry string // the entry's id, or its first term
	Msg   string
}

// String returns "line N: entry: message".
func (p Problem) String() string { return fmt.Sprintf("line %d: %s: %s", p.Line, p.Entry, p.Msg) }

// ToGlossary reads a document's entries as glossary terms.
//
//   - The source forms are the terms of the source-language sets that
//     are not deprecated or superseded (the glossary has no forbidden
//     source forms; those are reported), preferred ones first.
//   - In each locale, preferred and admitted terms, and terms without a
//     status, are approved (preferred first); deprecated and superseded
//     terms are forbidden; a term with the note NoteDerived is derived.
//   - An entry with the note NoteStrict is strict.
//   - The note joins the entry's other notes and its definitions, and
//     the terms' notes, each after its term.
//   - An entry whose every language set repeats the source forms exactly,
//     with nothing forbidden, is keep-as-is (a name such as The Moscow
//     Times).
//   - The id is the entry's, where it is a glossary id (lowercase
//     letters, digits and hyphens), else made from the first source
//     form; MergeGlossary makes ids unique.
//
// A form the glossary cannot compile (a "*" that does not end a word) is
// left out and reported, as is an entry without source forms.
func ToGlossary(doc *Document, opts ImportOptions) ([]GlossaryTerm, []Problem) {
	src := opts.Source
	if src == "" {
		src = "en"
	}
	var out []GlossaryTerm
	var problems []Problem
	for _, e := range doc.Entries {
		name := e.ID
		if name == "" && len(e.Langs) > 0 && len(e.Langs[0].Terms) > 0 {
			name = e.Langs[0].Terms[0].Text
		}
		report := func(line int, format string, args ...any) {
			problems = append(problems, Problem{Line: line, Entry: name, Msg: fmt.Sprintf(format, args...)})
		}
		t := GlossaryTerm{Locales: map[string]GlossaryForms{}, Line: e.Line}
		var notes []string
		for _, n := range e.Notes {
			if n = strings.TrimSpace(n); n == NoteStrict {
				t.Strict = true
			} else {
				notes = append(notes, n)
			}
		}
		for _, f := range e.Fields {
			if f.Type == "definition" {
				notes = append(notes, strings.TrimSpace(f.Text))
			}
		}
		for _, l := range e.Langs {
			lang := l.Lang
			if r, ok := opts.Rename[lang]; ok {
				lang = r
			}
			loc, isSrc := "", sameLanguage(lang, src)
			if !isSrc {
				if loc = projectLocale(lang, opts.Locales); loc == "" {
					continue
				}
			}
			glang := glossary.LangOf(src)
			if !isSrc {
				glang = glossary.LangOf(loc)
			}
			forms := t.Locales[loc]
			for _, pass := range []Status{Preferred, NoStatus} {
				for _, term := range l.Terms {
					if (term.Status == Preferred) != (pass == Preferred) {
						continue
					}
					text := strings.TrimSpace(term.Text)
					if _, err := glossary.Compile(text, glang); err != nil {
						report(term.Line, "%s %q left out: %v", lang, text, err)
						continue
					}
					derived := false
					for _, n := range term.Notes {
						if n = strings.TrimSpace(n); n == NoteDerived {
							derived = true
						} else {
							notes = append(notes, text+": "+n)
						}
					}
					switch {
					case isSrc && term.Status.Forbidden():
						report(term.Line, "the source form %q is %s: the glossary has no forbidden source forms, left out", text, term.Status)
					case isSrc:
						t.EN = appendNew(t.EN, text)
					case term.Status.Forbidden():
						forms.Forbidden = appendNew(forms.Forbidden, text)
					case derived:
						forms.Derived = appendNew(forms.Derived, text)
					default:
						forms.Approved = appendNew(forms.Approved, text)
					}
				}
			}
			if !isSrc && (len(forms.Approved) > 0 || len(forms.Derived) > 0 || len(forms.Forbidden) > 0) {
				t.Locales[loc] = forms
			}
		}
		if len(t.EN) == 0 {
			report(e.Line, "no term in the source language (%s): entry left out", src)
			continue
		}
		t.EN = uniqueForms(t.EN)
		t.Note = strings.Join(notes, " ")
		t.ID = e.ID
		if !validID(t.ID) {
			t.ID = slug(t.EN[0])
		}
		if len(t.Locales) > 0 && keepAsIs(t) {
			t.Keep, t.Locales = true, map[string]GlossaryForms{}
		}
		out = append(out, t)
	}
	return out, problems
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// keepAsIs reports whether every locale of t approves exactly its source
// forms, with nothing derived or forbidden.
func keepAsIs(t GlossaryTerm) bool {
	for _, f := range t.Locales {
		if len(f.Forbidden) > 0 || len(f.Derived) > 0 || !sameSet(f.Approved, t.EN) {
			return false
		}
	}
	return true
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// sameLanguage reports whether two tags name the same language for a
// termbase: equal, or the same base language where one of them names
// the language alone (en and en-US).
func sameLanguage(a, b string) bool {
	at, err1 := language.Parse(a)
	bt, err2 := language.Parse(b)
	if err1 != nil || err2 != nil {
		return strings.EqualFold(a, b)
	}
	if at == bt {
		return true
	}
	ab, _ := at.Base()
	bb, _ := bt.Base()
	return ab == bb && (at == language.Make(ab.String()) || bt == language.Make(bb.String()))
}

// projectLocale returns the project locale a TBX language belongs to:
// the same tag, else the first of the same language (see sameLanguage);
// "" when none.
func projectLocale(lang string, locales []string) string {
	for _, l := range locales {
		if strings.EqualFold(l, lang) {
			return l
		}
	}
	for _, l := range locales {
		if sameLanguage(l, lang) {
			return l
		}
	}
	return ""
}

// validID reports whether s is a glossary id: lowercase letters and
// digits in hyphen-separated groups (as package glossary checks them).
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

// slug makes a glossary id from a form: its ASCII letters and digits,
// lower-cased, words joined by hyphens; "term" when none is left.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "term"
	}
	return b.String()
}
