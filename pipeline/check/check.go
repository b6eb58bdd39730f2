// Package check finds what is wrong with a translated unit: broken
// markup, changed numbers and dates, terminology that breaks the glossary,
// an untranslated text or English left in it, a lost sentence, a doubled
// word, a misspelt word, a suspicious length, and Ukrainian or Russian
// typography. Each check family is a method of a Checker, a pure function
// of the source text, the target text, the locale and the glossary (and,
// for spelling, a Speller).
//
// Catalog-level states (missing, stale, obsolete) are decided by the
// pipeline, which also applies the translators' suppressions (see
// ParseSuppressions) and runs the checks across units: ConsistencyIndex and
// MixedApostrophes.
package check

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	goldtext "github.com/yuin/goldmark/text"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/inline"
)

// Severity ranks findings.
type Severity int

// Severities, from the mildest.
const (
	Info Severity = iota
	Warning
	Error
)

// String returns the severity's name: info, warning or error.
func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// MarshalText writes the severity's name, for JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a severity's name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity reads "error", "warning" or "info".
func ParseSeverity(s string) (Severity, error) {
	switch s {
	case "error":
		return Error, nil
	case "warning":
		return Warning, nil
	case "info":
		return Info, nil
	}
	return 0, fmt.Errorf("unknown severity %q (error, warning or info)", s)
}

// Check ids, as findings and suppressions name them.
const (
	Missing          = "missing"
	Stale            = "stale"
	Obsolete         = "obsolete"
	Glossary         = "glossary"
	Markup           = "markup"
	Numbers          = "numbers"
	Unchanged        = "unchanged"
	Length           = "length"
	Typography       = "typography"
	Untranslated     = "untranslated" // English left in part of a translation
	Dates            = "dates"
	Sentences        = "sentences"
	Consistency      = "consistency"
	Spelling         = "spelling"
	Doubled          = "doubled"
	SuppressionCheck = "suppression" // a malformed or unused suppression
	Conflict         = "conflict"    // an import conflict left to resolve (see ConflictDirective)
	Review           = "review"      // a translation pre-filled from the memory, not confirmed yet (see ReviewDirective)
)

// Known reports whether id names a check a translator may suppress.
func Known(id string) bool {
	switch id {
	case Missing, Stale, Obsolete, Glossary, Markup, Numbers, Unchanged, Length, Typography,
		Untranslated, Dates, Sentences, Consistency, Spelling, Doubled:
		return true
	}
	return false
}

// Finding is one problem found in a unit. The checks of a Checker say
// what and how bad; a run over a project (l10n check, l10n import) also
// says where: the file, line, article, locale and unit. It is the one
// finding type of l10n: check and import report it, in text (String) and
// in JSON alike.
type Finding struct {
	// File is the file the unit is in, relative to the project root, with
	// slashes: a catalog, or the exchange file import read.
	File string `json:"file"`
	// Line is the unit's line in File; 0 when a catalog has no entry for
	// the unit.
	Line    int    `json:"line"`
	Article string `json:"article"`
	Locale  string `json:"locale"`
	// Unit is the unit's id.
	Unit string `json:"unit"`
	// Check is the check family's id (glossary, markup, …); empty for a
	// finding of import that no check made (a conflict, a unit not
	// imported, a source changed since the export).
	Check string `json:"check,omitempty"`
	// Key narrows the finding for suppressions ("glossary:pow"): a term
	// id, a markup kind (link, emphasis, …), a number as the source
	// writes it, a typography rule (quotes, apostrophe, spaces,
	// punctuation, dash); "" for checks without keys.
	Key      string   `json:"-"`
	Severity Severity `json:"severity"`
	// Message is short and specific, without the check id.
	Message string `json:"message"`
}

// String formats a finding as one line: "file:line: severity: [check]
// unit: message". The unit is named by its id when File is the unit's
// catalog (<article>/<locale>.yaml), which names the article and locale
// already, and as "article/unit (locale)" in any other file; "[check] "
// is left out when no check made the finding.
func (f Finding) String() string {
	return string(f.AppendText(nil))
}

// AppendText appends the finding as String writes it to b, so that a
// report of many findings is written without a string for each.
func (f Finding) AppendText(b []byte) []byte {
	b = append(b, f.File...)
	if f.Line > 0 {
		b = strconv.AppendInt(append(b, ':'), int64(f.Line), 10)
	}
	b = append(append(append(b, ": "...), f.Severity.String()...), ": "...)
	if f.Check != "" {
		b = append(append(append(b, '['), f.Check...), "] "...)
	}
	if path.Base(path.Dir(f.File)) == f.Article && path.Base(f.File) == f.Locale+".yaml" {
		b = append(b, f.Unit...)
	} else {
		b = append(append(append(append(append(append(b, f.Article...), '/'), f.Unit...), " ("...), f.Locale...), ')')
	}
	return append(append(b, ": "...), f.Message...)
}

// Text is a unit's text parsed once for every check.
type Text struct {
	// Raw is the text as the catalog has it: inline Markdown.
	Raw string
	// Root is the Markdown AST of Raw.
	Root ast.Node
	// Plain is what a reader reads: text with escapes and entities
	// resolved, link and image text included, destinations left out;
	// each code span, raw HTML tag, autolink and placeable is one U+FFFC;
	// line breaks and block boundaries are "\n".
	Plain string
	src   []byte
	// markdown is false for a text that is not Markdown (a front-matter
	// field): it has no markup to check.
	markdown bool
	// Block is Raw as its unit's block reads it on its own (see
	// segment.Doc.Frame), for the check of the blocks a translation's
	// lines start. Parse sets it to Raw; the caller may set the frame.
	Block string
	// blocks caches the kinds of the frame's blocks (see blockKinds).
	blocks     []string
	blocksDone bool
	// terms are the glossary terms of a source text, when ParseSource
	// found them; nums its numbers (see sourceNumbers).
	terms *[]glossary.Hit
	nums  *[]num
	// cal and spelled are a source text's dates and weekdays, once the
	// dates check looked for them (a pseudo-translation is not checked
	// for dates), and the numbers it spells out (see sourceCalendar,
	// sourceSpelled).
	cal     *calendarWords
	spelled *[]spelled
	// inv is a source text's markup, once Markup took it.
	inv *inventory
	// isPseudo is whether Raw is a pseudo-translation, once pseudo
	// looked (pseudoKnown): the checks ask it several times a unit.
	isPseudo, pseudoKnown bool
	// runes is the length of Plain without its outer spaces, in runes,
	// plus one, once Length counted it (a source's for every locale).
	runes int
}

// Checker checks units of one target locale.
type Checker struct {
	// Source and Locale are the source and target locales.
	Source, Locale string
	gloss          *glossary.Glossary // nil: no glossary checks
	inline         func(string) *inline.Tree
	blocks         parser.Parser // reads a text as an article of its own
	lang, srcLang  glossary.Lang
	srcNum, tgtNum numberFormat
	// srcMult and tgtMult read a multiplier word after a number of the
	// source and of a target (see multiplierAfter), made once.
	srcMult, tgtMult func(string) int
	names            []string // keep-as-is names and Latin approved forms
	// otherScript is set when the source is written in Latin script
	// and the target locale in another (CLDR's likely script).
	otherScript bool
	speller     *Speller // nil: no spelling check
	// words are the words of the glossary's approved and derived forms
	// and keep-as-is names, which spelling accepts.
	words    []*glossary.Pattern
	known    *glossary.WordSet // words, indexed
	knownMem *wordMemo         // known's answers so far
	calendar *calendarIndex    // nil: dates are not checked
	// percentSpace is set when the target's CLDR percent pattern has a
	// space before the sign.
	percentSpace bool
	numWords     *numberWords // nil: no number words in the target language
}

// New returns a Checker from the source locale to a target locale, with
// a glossary (nil for no glossary checks). parse parses a unit's text as
// Markdown in its article's context (see segment.Doc.Tree); nil parses
// it with l10n's Markdown dialect, no link references and no project
// placeables.
func New(source, locale string, g *glossary.Glossary, parse func(string) *inline.Tree) *Checker {
	if parse == nil {
		parse = parseDefault
	}
	c := &Checker{
		Source: source, Locale: locale, gloss: g, inline: parse, blocks: blockParser(),
		lang: glossary.LangOf(locale), srcLang: glossary.LangOf(source),
		srcNum: numberFormatOf(source), tgtNum: numberFormatOf(locale),
		otherScript:  isLatin(source) && !isLatin(locale),
		numWords:     numberWordTables()[glossary.LangOf(locale)],
		percentSpace: percentSpaced(locale),
	}
	c.srcMult = multiplierAfter(nil, c.srcLang == "en")
	c.tgtMult = multiplierAfter(c.numWords, false)
	if n := calendars()[c.lang]; n != nil {
		c.calendar = indexCalendar(n)
	}
	if g != nil {
		for _, t := range g.Terms {
			if t.Keep {
				c.names = append(c.names, t.EN...)
			}
			if f := t.Forms(locale); f != nil {
				for _, p := range f.Approved {
					if isLatinName(p.Text) {
						c.names = append(c.names, p.Text)
					}
				}
			}
		}
		c.words = glossaryWords(g, locale)
		c.known, c.knownMem = glossary.NewWordSet(c.words), &wordMemo{}
	}
	return c
}

// parseDefault parses a text with l10n's inline Markdown, no link
// references and no project placeables.
func parseDefault(text string) *inline.Tree { return inline.Default().Parse(text, nil) }

// isLatinName reports whether a form is a literal name in Latin script
// (no "*"): one that stays in English in a translation.
func isLatinName(s string) bool {
	if strings.Contains(s, "*") {
		return false
	}
	for _, r := range s {
		if letter.Is(r) && !letter.IsLatin(r) {
			return false
		}
	}
	return true
}

// WithInline returns a copy of c that parses texts with parse: the same
// locales and glossary for another article.
func (c *Checker) WithInline(parse func(string) *inline.Tree) *Checker {
	d := *c
	if parse != nil {
		d.inline = parse
	}
	return &d
}

// Parse parses a unit's text.
func (c *Checker) Parse(raw string) *Text { return c.ParseTree(raw, c.inline(raw)) }

// ParseTree is Parse of a unit's text that its article already parsed
// into tree (segment.Doc.Tree), for a Checker that several articles
// share.
func (c *Checker) ParseTree(raw string, tree *inline.Tree) *Text {
	t := &Text{Raw: raw, Root: tree.Root, src: tree.Src, markdown: true, Block: raw}
	t.Plain = tree.Plain(plainText)
	return t
}

// ParsePlain parses a unit's text that is not Markdown (a front-matter
// field): what a reader reads is the text itself, and it has no markup.
func (c *Checker) ParsePlain(raw string) *Text {
	root := ast.NewDocument()
	para := ast.NewParagraph()
	para.AppendChild(para, ast.NewTextSegment(goldtext.NewSegment(0, len(raw))))
	root.AppendChild(root, para)
	return &Text{Raw: raw, Root: root, Plain: raw, src: []byte(raw)}
}

// ParseSource parses a source text and finds its glossary terms and
// numbers, once for the checkers of every locale (they share the
// glossary and the source locale).
func (c *Checker) ParseSource(raw string) *Text { return c.withTerms(c.Parse(raw)) }

// ParseSourcePlain is ParseSource for a text that is not Markdown.
func (c *Checker) ParseSourcePlain(raw string) *Text { return c.withTerms(c.ParsePlain(raw)) }

func (c *Checker) withTerms(t *Text) *Text {
	hits := c.terms(t)
	t.terms = &hits
	nums := c.sourceNumbers(t)
	t.nums = &nums
	sp := sourceNumberWords(t.Plain)
	t.spelled = &sp
	return t
}

// Terms returns the glossary terms a source text uses.
func (c *Checker) Terms(src *Text) []glossary.Hit { return c.terms(src) }

// terms returns the glossary terms of a source text.
func (c *Checker) terms(src *Text) []glossary.Hit {
	if c.gloss == nil {
		return nil
	}
	if src.terms != nil {
		return *src.terms
	}
	w := glossary.Split(src.Plain, c.srcLang)
	defer w.Release() // the hits' texts are the source's own
	return c.gloss.Find(w)
}

// Check runs every content check on a translated unit: markup, numbers,
// dates, glossary, typography, unchanged, untranslated, sentences, doubled
// words, length and (with a Speller) spelling. singleLine says the unit
// may not hold a line break (a heading or a table cell). A
// pseudo-translation (⟦…⟧) gets the structural checks only: its words are
// not words of any language. A translation that is the source unchanged
// gets that finding alone.
func (c *Checker) Check(src, tgt *Text, singleLine bool) []Finding {
	// A unit left in English is one problem, not one per check.
	if u := c.Unchanged(src, tgt); u != nil {
		return u
	}
	var out []Finding
	out = append(out, c.Markup(src, tgt, singleLine)...)
	out = append(out, c.Numbers(src, tgt)...)
	if !tgt.pseudo() {
		out = append(out, c.Dates(src, tgt)...)
	}
	out = append(out, c.Glossary(src, tgt)...)
	out = append(out, c.Typography(tgt)...)
	out = append(out, c.Percent(tgt)...)
	if !tgt.pseudo() {
		out = append(out, c.Untranslated(tgt)...)
		out = append(out, c.Sentences(src, tgt)...)
		out = append(out, c.Doubled(tgt)...)
		out = append(out, c.Spelling(tgt)...)
	}
	out = append(out, c.Length(src, tgt)...)
	return out
}

// CheckStrings parses and checks a source and a target text.
func (c *Checker) CheckStrings(source, target string) []Finding {
	return c.Check(c.ParseSource(source), c.Parse(target), false)
}

// objectMark stands for a code span, raw HTML, an autolink or a placeable
// in Text.Plain.
const objectMark = inline.ObjectMark

// plainText is how Text.Plain reads a unit: atoms marked, line breaks
// and block boundaries kept.
var plainText = inline.PlainOptions{Atoms: inline.MarkAtoms, Lines: true}

// quote shortens s for a message.
func quote(s string) string {
	const max = 40
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
