package tbx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/cases"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// MergeReport says what MergeGlossary did with each term.
type MergeReport struct {
	// Added are the ids of the terms added, in order (renamed where an
	// id was taken).
	Added []string
	// Existing are the terms left out because the glossary has a term
	// with one of their source forms.
	Existing []Existing
}

// Existing is an imported term that the glossary already has.
type Existing struct {
	ID       string // the imported term's id
	Line     int    // the TBX line it comes from
	Glossary string // the id of the glossary's term
	At       int    // that term's line in the glossary file
	// Missing lists the imported forms the glossary's term lacks, as
	// "uk: МКЧХ" or "uk forbidden: МККЧ", for a person to add by hand.
	Missing []string
}

// MergeGlossary adds terms to a glossary file (the bytes of
// glossary.yaml) without touching a byte of what is there: every entry,
// comment and the file's formatting stay as they are, and the new terms
// are appended to the end of the terms list, in the file's indentation,
// one term per item as the project writes them (forms as
// double-quoted flow lists). A term with a source form the glossary
// already has (compared as the glossary compares them: word by word,
// case-folded), or that one of its terms matches whole as it would in a
// text (POWs for the term POW), is not added: it is reported with the forms the
// glossary's term lacks, since changing an entry a person wrote is that
// person's call. An id the glossary (or an earlier added term) has is
// made unique with a number (icrc-2).
//
// The result is checked: it must parse as a glossary, with the old terms
// first and unchanged and the new ones after. A glossary whose terms are
// a non-empty flow list ([{…}]) cannot be appended to and is an error;
// errors in the glossary itself are *glossary.Error values.
func MergeGlossary(data []byte, terms []GlossaryTerm) ([]byte, MergeReport, error) {
	var rep MergeReport
	old, err := glossary.Parse(data)
	if err != nil {
		return nil, rep, err
	}
	ids := map[string]bool{}
	forms := map[string]*glossary.Term{}
	for _, t := range old.Terms {
		ids[t.ID] = true
		for _, f := range t.EN {
			forms[formKey(f)] = t
		}
	}
	var add []GlossaryTerm
	for _, t := range terms {
		t.EN = uniqueForms(t.EN)
		var have *glossary.Term
		for _, f := range t.EN {
			if have = forms[formKey(f)]; have != nil {
				break
			}
			if have = wholeHit(old, f); have != nil {
				break
			}
		}
		if have != nil {
			rep.Existing = append(rep.Existing, Existing{ID: t.ID, Line: t.Line, Glossary: have.ID, At: have.Line, Missing: missing(have, t)})
			continue
		}
		id := t.ID
		for n := 2; ids[id]; n++ {
			id = t.ID + "-" + strconv.Itoa(n)
		}
		t.ID = id
		ids[id] = true
		for _, f := range t.EN {
			forms[formKey(f)] = &glossary.Term{ID: id}
		}
		add = append(add, t)
		rep.Added = append(rep.Added, id)
	}
	if len(add) == 0 {
		return data, rep, nil
	}
	out, err := appendTerms(data, add)
	if err != nil {
		return nil, rep, err
	}
	merged, err := glossary.Parse(out)
	if err != nil {
		return nil, rep, fmt.Errorf("the merged glossary does not parse (a bug: please report it): %w", err)
	}
	if len(merged.Terms) != len(old.Terms)+len(add) {
		return nil, rep, fmt.Errorf("the merged glossary has %d terms, not %d (a bug: please report it)", len(merged.Terms), len(old.Terms)+len(add))
	}
	for i, t := range old.Terms {
		if merged.Terms[i].ID != t.ID || !slices.Equal(merged.Terms[i].EN, t.EN) {
			return nil, rep, fmt.Errorf("the merged glossary changed term %q (a bug: please report it)", t.ID)
		}
	}
	return out, rep, nil
}

// uniqueForms drops the source forms that repeat an earlier one word for
// word (the glossary allows a form once).
func uniqueForms(forms []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range forms {
		if k := formKey(f); !seen[k] {
			seen[k] = true
			out = append(out, f)
		}
	}
	return out
}

// wholeHit returns the term of g that matches the whole of a source
// form, as it would in a text (POWs is the term POW), or nil.
func wholeHit(g *glossary.Glossary, form string) *glossary.Term {
	key := formKey(form)
	for _, h := range g.Find(glossary.Split(form, "en")) {
		if formKey(h.Text) == key {
			return h.Term
		}
	}
	return nil
}

// formKey is how source forms are compared: their words, case-folded,
// as the glossary compares its forms for duplicates.
func formKey(f string) string {
	w := glossary.Split(f, "en")
	words := make([]string, w.Len())
	for i := range words {
		words[i] = w.Word(i)
	}
	return cases.Fold().String(strings.Join(words, " "))
}

// missing lists the forms of t that the glossary's term g does not
// cover: a source form it does not have; an approved or derived form
// that none of its approved or derived forms matches (so the glossary check would reject a
// translation that uses it), marked where the glossary forbids it; a
// forbidden form that none of its forbidden forms matches.
func missing(g *glossary.Term, t GlossaryTerm) []string {
	var out []string
	for _, f := range t.EN {
		if !slices.Contains(g.EN, f) {
			out = append(out, "en: "+f)
		}
	}
	locs := slices.Sorted(maps.Keys(t.Locales))
	for _, l := range locs {
		have := g.Forms(l)
		if have == nil {
			have = &glossary.Forms{}
		}
		lang := glossary.LangOf(l)
		for _, s := range slices.Concat(t.Locales[l].Approved, t.Locales[l].Derived) {
			w := glossary.Split(s, lang)
			_, _, forbidden := have.Forbids(w)
			switch {
			case forbidden:
				out = append(out, l+": "+s+" (the glossary forbids it)")
			case g.Keep && slices.Contains(g.EN, s), have.Approves(w):
			default:
				out = append(out, l+": "+s)
			}
		}
		for _, s := range t.Locales[l].Forbidden {
			if _, _, ok := have.Forbids(glossary.Split(s, lang)); !ok {
				out = append(out, l+" forbidden: "+s)
			}
		}
	}
	return out
}

// appendTerms appends terms to the terms list of a glossary file.
func appendTerms(data []byte, terms []GlossaryTerm) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, err // glossary.Parse has read it already
	}
	indent := "  "
	var list *yaml.Node
	if len(doc.Content) > 0 && len(doc.Content[0].Content) >= 2 {
		list = doc.Content[0].Content[1] // glossary.Parse allows one key: terms
	}
	out := bytes.Clone(data)
	switch {
	case list == nil:
		// No terms key: an empty file, or comments only.
		out = withNewline(out)
		out = append(out, "terms:\n"...)
	case list.Kind == yaml.SequenceNode && list.Style&yaml.FlowStyle == 0 && len(list.Content) > 0:
		// A block sequence's column is its first "-".
		indent = strings.Repeat(" ", max(list.Column-1, 0))
		out = withNewline(out)
	case list.Kind == yaml.SequenceNode && list.Style&yaml.FlowStyle != 0 && len(list.Content) > 0:
		return nil, fmt.Errorf("line %d: the terms are a flow list ([…]): glossary import appends to a block list (- id: …)", list.Line)
	default:
		// terms: with nothing, null, ~ or []: drop the value and append.
		var err error
		if out, err = dropValue(out, list); err != nil {
			return nil, err
		}
	}
	for _, t := range terms {
		out = append(out, renderTerm(t, indent)...)
	}
	return out, nil
}

// withNewline ends data with a line feed.
func withNewline(data []byte) []byte {
	if len(data) > 0 && data[len(data)-1] != '\n' {
		data = append(data, '\n')
	}
	return data
}

// dropValue removes an empty value (null, ~ or []) written after
// "terms:" from its line, and ends the file after that line if nothing
// but comments follows.
func dropValue(data []byte, v *yaml.Node) ([]byte, error) {
	lines := bytes.SplitAfter(data, []byte("\n"))
	if v.Line < 1 || v.Line > len(lines) {
		return nil, fmt.Errorf("line %d: cannot find the terms value", v.Line)
	}
	line := lines[v.Line-1]
	if v.Value != "" || v.Kind == yaml.SequenceNode {
		tok := v.Value
		if v.Kind == yaml.SequenceNode {
			tok = "[]"
		}
		start := runeOffset(line, v.Column-1)
		if start < 0 || !bytes.HasPrefix(line[start:], []byte(tok)) {
			return nil, fmt.Errorf("line %d: the terms value is written in a way glossary import cannot extend (write terms: on a line of its own)", v.Line)
		}
		line = slices.Concat(bytes.TrimRight(line[:start], " \t"), line[start+len(tok):])
	}
	out := slices.Concat(lines[:v.Line-1]...)
	out = append(out, line...)
	for _, l := range lines[v.Line:] {
		if t := bytes.TrimSpace(l); len(t) > 0 && t[0] != '#' {
			return nil, fmt.Errorf("line %d: unexpected content after an empty terms list", v.Line)
		}
		out = append(out, l...)
	}
	return withNewline(out), nil
}

// runeOffset returns the byte offset of the col-th rune (from 0) of a
// line, or -1.
func runeOffset(line []byte, col int) int {
	for i := range string(line) {
		if col == 0 {
			return i
		}
		col--
	}
	return -1
}

// renderTerm writes a term as an item of the terms list, each line
// indented by indent.
func renderTerm(t GlossaryTerm, indent string) string {
	var b strings.Builder
	line := func(depth int, s string) {
		b.WriteString(indent)
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(s)
		b.WriteByte('\n')
	}
	line(0, "- id: "+t.ID)
	line(1, "en: "+flowList(t.EN))
	if t.Note != "" {
		line(1, "note: "+quote(t.Note))
	}
	if t.Keep {
		line(1, "keep: true")
	}
	if t.Strict {
		line(1, "strict: true")
	}
	locs := slices.Sorted(maps.Keys(t.Locales))
	for _, l := range locs {
		f := t.Locales[l]
		line(1, l+":")
		if len(f.Approved) > 0 {
			line(2, "approved: "+flowList(f.Approved))
		}
		if len(f.Derived) > 0 {
			line(2, "derived: "+flowList(f.Derived))
		}
		if len(f.Forbidden) > 0 {
			line(2, "forbidden: "+flowList(f.Forbidden))
		}
	}
	return b.String()
}

// flowList writes strings as a YAML flow list of double-quoted scalars.
func flowList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = quote(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// quote writes s as a YAML double-quoted scalar: a JSON string, which
// YAML reads the same, with the characters YAML does not allow in a
// document, or reads as a line break (NEL), and JSON leaves as they are
// (DEL, the C1 controls, U+FFFE and U+FFFF) escaped too.
func quote(s string) string {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	_ = e.Encode(s) // a string always encodes
	q := strings.TrimSuffix(b.String(), "\n")
	if !strings.ContainsFunc(q, unprintable) {
		return q
	}
	var out strings.Builder
	for _, r := range q {
		if unprintable(r) {
			fmt.Fprintf(&out, `\u%04X`, r)
		} else {
			out.WriteRune(r)
		}
	}
	return out.String()
}

// unprintable reports whether YAML refuses r unescaped in a document,
// or reads it as a line break, where JSON writes it as it is (see quote).
func unprintable(r rune) bool {
	return r >= 0x7f && r <= 0x9f || r == 0xfffe || r == 0xffff
}
