package tm

import (
	"slices"

	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/tmx"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// Suggest returns the best n matches (n ≤ 0: DefaultLimit) at or above
// threshold percent (0: DefaultThreshold) for a text to translate into
// locale: Lookup's matches, exact first, in Lookup's order. It is what
// a unit nobody has translated yet is offered.
func (m *Memory) Suggest(locale, source string, threshold, n int) []Match {
	if n <= 0 {
		n = DefaultLimit
	}
	return m.Lookup(Query{Source: source, Locale: locale, Threshold: threshold, Limit: n})
}

// Translation returns the translation a match offers: Adapted when the
// match was adapted to the query, Target otherwise.
func (m Match) Translation() string {
	if m.Adapted != "" {
		return m.Adapted
	}
	return m.Target
}

// FromTMX returns the translation units of a TMX document as entries of
// kind Imported: for each unit with a variant in the source locale, one
// entry per variant in another language, its texts as inline Markdown
// (see tmx.Document.Markdown), its locale the variant's xml:lang, its
// origin file (as the project names it) and the unit's line, its state
// NeedsReview where the variant says so (see StateProp). Variants in
// the source's language and empty segments are left out.
func FromTMX(doc *tmx.Document, file, source string) []Entry {
	var out []Entry
	for _, u := range doc.Units {
		sv := u.Variant(source)
		if sv == nil {
			continue
		}
		src := doc.Markdown(u, sv)
		for _, v := range u.Variants {
			if v == sv || tmx.SameLanguage(v.Lang, source) {
				continue
			}
			tgt := doc.Markdown(u, v)
			if src == "" || tgt == "" {
				continue
			}
			e := Entry{Kind: Imported, Source: src, Target: tgt, Locale: v.Lang, Origin: Origin{File: file, Line: u.Line}}
			if slices.Contains(v.Props, tmx.Prop{Type: StateProp, Value: NeedsReview.String()}) {
				e.State = NeedsReview
			}
			out = append(out, e)
		}
	}
	return out
}

// StateProp is the type of the TMX property, on a target variant, that
// marks a translation nobody has confirmed: its value is NeedsReview's
// name, "needs-review".
const StateProp = "x-l10n-state"

// TMX returns the memory's units as a TMX document (write it with
// tmx.Encode): one translation unit per unit of a catalog, its tuid the
// unit's origin (slug/unit), with a variant in the source locale and one
// per target locale among locales (all of the memory's when none is
// given), a translation that needs review marked with StateProp. Units
// come in the order their first entry was given to Build. Sentence pairs
// and imported entries are left out: the first are in their units, the
// second in the project's own TMX files.
func (m *Memory) TMX(locales ...string) *tmx.Document {
	x := NewTMXUnits(m.source, locales...)
	return &tmx.Document{Header: x.Header(), Units: x.Units(m.entries)}
}

// TMXUnits makes the TMX units of entries as Memory.TMX does, a batch of
// entries at a time, for a caller that reads them in parts (package
// memory: a catalog folder each) and writes them without a memory (see
// tmx.Writer). The entries of one unit must come in one batch. It is for
// one goroutine at a time.
type TMXUnits struct {
	header  tmx.Header
	locales []string
	// wanted says, for each locale an entry was of, whether its
	// canonical form is among locales: a few locales for every entry.
	wanted map[string]bool
	t      *tokenizer
}

// NewTMXUnits returns the units of a memory whose entries' sources are in
// source ("en" when empty), of the target locales among locales (all
// when none is given).
func NewTMXUnits(source string, locales ...string) *TMXUnits {
	if source == "" {
		source = "en"
	}
	return &TMXUnits{
		header:  tmx.Header{SrcLang: numfmt.Of(source).Tag.String(), SegType: "paragraph", DataType: tmx.DataTypeMarkdown},
		locales: locales,
		wanted:  map[string]bool{},
		t:       newTokenizer(),
	}
}

// want reports whether entries of locale are exported.
func (x *TMXUnits) want(locale string) bool {
	w, ok := x.wanted[locale]
	if !ok {
		loc := canonical(locale)
		w = len(x.locales) == 0 || slices.ContainsFunc(x.locales, func(l string) bool { return sameLocale(canonical(l), loc) })
		x.wanted[locale] = w
	}
	return w
}

// Header returns the document's header.
func (x *TMXUnits) Header() tmx.Header { return x.header }

// Units returns the units of entries, in the order of their first entry.
func (x *TMXUnits) Units(entries []Entry) []*tmx.Unit {
	seg := func(s string) xliff.Content { return xliff.FromMarkdown(x.t.doc, s) }
	var out []*tmx.Unit
	units := map[string]*tmx.Unit{}
	for i := range entries {
		e := &entries[i]
		if e.Kind != Unit || !x.want(e.Locale) {
			continue
		}
		key := e.Origin.String() + "\x00" + e.Source
		u := units[key]
		if u == nil {
			u = &tmx.Unit{ID: e.Origin.String(), Variants: []*tmx.Variant{{Lang: x.header.SrcLang, Seg: seg(e.Source)}}}
			units[key] = u
			out = append(out, u)
		}
		v := &tmx.Variant{Lang: e.Locale, Seg: seg(e.Target)}
		if e.State == NeedsReview {
			v.Props = []tmx.Prop{{Type: StateProp, Value: NeedsReview.String()}}
		}
		u.Variants = append(u.Variants, v)
	}
	return out
}
