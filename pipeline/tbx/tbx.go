// Package tbx reads and writes TBX-Basic termbases (TermBase eXchange,
// ISO 30042), the format terminology tools and CAT tools exchange
// glossaries in, and maps them to and from l10n's glossary.
//
// A termbase is a list of concept entries (<termEntry>), each with one
// language set (<langSet xml:lang="…">) per language, each holding terms
// (<tig><term>…</term></tig>) with their data categories; TBX-Basic's
// administrativeStatus says whether a term is preferred, admitted,
// deprecated or superseded.
//
// Decode reads TBX 2008 (<martif>, with <tig> or <ntig><termGrp>) and
// TBX v3 (<tbx>, <conceptEntry>, <langSec>, <termSec>), keeping terms,
// their status, notes and the other data categories as fields; it reads
// as package safexml does (UTF-8 or UTF-16, no DTD internal subsets).
// Encode writes TBX-Basic in the 2008 form that Translate Toolkit and
// most tools read.
package tbx

import (
	"bytes"
	"fmt"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/safexml"
)

// Document is a termbase.
type Document struct {
	// Type is martif's type attribute: TBX-Basic when l10n writes it.
	Type string
	// Lang is the document's default language (xml:lang of the root).
	Lang string
	// Source is the text of the header's source description.
	Source  []string
	Entries []*Entry
}

// Entry is a concept entry: <termEntry> (TBX v3: <conceptEntry>).
type Entry struct {
	ID     string
	Notes  []string
	Fields []Field
	Langs  []*LangSet
	Line   int // the element's line in the decoded input
}

// LangSet is a language set: <langSet> (TBX v3: <langSec>).
type LangSet struct {
	Lang   string
	Notes  []string
	Fields []Field
	Terms  []*Term
	Line   int
}

// Term is a term with its data categories: <tig>, <ntig> (TBX v3:
// <termSec>).
type Term struct {
	Text   string
	Status Status
	Notes  []string
	// Fields are the term's data categories other than
	// administrativeStatus: partOfSpeech, termType, context …
	Fields []Field
	Line   int
}

// Field is a data category: a <descrip>, <termNote> or <admin> element
// with its type attribute and text.
type Field struct {
	Element string // descrip, termNote or admin
	Type    string // such as definition, partOfSpeech, source
	Text    string
}

// Status is a term's administrativeStatus.
type Status int

// Statuses of TBX-Basic.
const (
	NoStatus   Status = iota // no administrativeStatus
	Preferred                // preferredTerm-admn-sts
	Admitted                 // admittedTerm-admn-sts
	Deprecated               // deprecatedTerm-admn-sts
	Superseded               // supersededTerm-admn-sts
)

var statusValues = [...]string{"", "preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}

// String returns the status's TBX value, such as preferredTerm-admn-sts
// ("" for NoStatus).
func (s Status) String() string {
	if s < 0 || int(s) >= len(statusValues) {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusValues[s]
}

// parseStatus reads an administrativeStatus value; TBX v3 and some tools
// leave off the -admn-sts suffix.
func parseStatus(v string) (Status, bool) {
	for i, s := range statusValues[1:] {
		if v == s || v+"-admn-sts" == s {
			return Status(i + 1), true
		}
	}
	return NoStatus, false
}

// Forbidden reports whether the status says the term must not be used:
// deprecated or superseded.
func (s Status) Forbidden() bool { return s == Deprecated || s == Superseded }

// Error is bad input at a line of a TBX document: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Encode writes a document as TBX-Basic (the 2008 form, <martif
// type="TBX-Basic">) in UTF-8, in the order TBX's core structure wants:
// a term's <termNote>s right after it, then its other data categories
// and its notes; an entry's and a language set's data categories and
// notes before their language sets and terms.
func Encode(doc *Document) []byte {
	var b bytes.Buffer
	typ := doc.Type
	if typ == "" {
		typ = "TBX-Basic"
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">` + "\n")
	fmt.Fprintf(&b, `<martif type="%s"`, safexml.EscapeAttr(typ))
	if doc.Lang != "" {
		fmt.Fprintf(&b, ` xml:lang="%s"`, safexml.EscapeAttr(doc.Lang))
	}
	b.WriteString(">\n")
	b.WriteString("  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n")
	for _, p := range doc.Source {
		b.WriteString("        <p>" + safexml.EscapeText(p) + "</p>\n")
	}
	if len(doc.Source) == 0 {
		b.WriteString("        <p>l10n</p>\n")
	}
	b.WriteString("      </sourceDesc>\n    </fileDesc>\n")
	b.WriteString(`    <encodingDesc>` + "\n" + `      <p type="XCSURI">TBXBasicXCSV02.xcs</p>` + "\n    </encodingDesc>\n")
	b.WriteString("  </martifHeader>\n  <text>\n    <body>\n")
	for _, e := range doc.Entries {
		b.WriteString("      <termEntry")
		if e.ID != "" {
			fmt.Fprintf(&b, ` id="%s"`, safexml.EscapeAttr(e.ID))
		}
		b.WriteString(">\n")
		writeNotesFields(&b, "        ", e.Notes, e.Fields)
		for _, l := range e.Langs {
			fmt.Fprintf(&b, `        <langSet xml:lang="%s">`+"\n", safexml.EscapeAttr(l.Lang))
			writeNotesFields(&b, "          ", l.Notes, l.Fields)
			for _, t := range l.Terms {
				b.WriteString("          <tig>\n")
				b.WriteString("            <term>" + safexml.EscapeText(t.Text) + "</term>\n")
				if t.Status != NoStatus {
					b.WriteString(`            <termNote type="administrativeStatus">` + t.Status.String() + "</termNote>\n")
				}
				writeNotesFields(&b, "            ", t.Notes, t.Fields)
				b.WriteString("          </tig>\n")
			}
			b.WriteString("        </langSet>\n")
		}
		b.WriteString("      </termEntry>\n")
	}
	b.WriteString("    </body>\n  </text>\n</martif>\n")
	return b.Bytes()
}

// writeNotesFields writes the data categories, <termNote>s first, then
// the notes, one per line. A field without an element is a <descrip>.
func writeNotesFields(b *bytes.Buffer, indent string, notes []string, fields []Field) {
	for _, first := range []bool{true, false} {
		for _, f := range fields {
			el := f.Element
			if el == "" {
				el = "descrip"
			}
			if (el == "termNote") != first {
				continue
			}
			fmt.Fprintf(b, `%s<%s type="%s">%s</%s>`+"\n", indent, el, safexml.EscapeAttr(f.Type), safexml.EscapeText(f.Text), el)
		}
	}
	for _, n := range notes {
		b.WriteString(indent + "<note>" + safexml.EscapeText(n) + "</note>\n")
	}
}
