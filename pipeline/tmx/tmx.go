// Package tmx reads and writes TMX 1.4b (Translation Memory eXchange),
// the format in which CAT tools (OmegaT, Trados, memoQ, Weblate,
// Translate Toolkit's po2tmx) exchange translation memories.
//
// A TMX document is a header and a body of translation units (<tu>),
// each with one variant (<tuv xml:lang="…">) per language, each holding
// one segment (<seg>) of text and inline codes. Segments are
// xliff.Content values: the inline codes of TMX (<bpt>, <ept>, <ph>, <it>)
// are those of XLIFF 1.2, and l10n writes a unit's inline Markdown into
// them as its XLIFF export does, each code holding the exact Markdown it
// stands for (see xliff.FromMarkdown and Seg).
//
// Reading gives every segment back as l10n's inline Markdown (see
// Document.Markdown). Where the segment's data type says its codes hold
// Markdown (l10n writes datatype="markdown") or HTML or XML (whose
// markup is Markdown's inline HTML), a code stands for its content; in
// any other data type (plaintext, rtf, …) codes are the native markup
// of a format l10n does not write, and are left out, so that only their
// text remains. <hi> is read as its content: the text it highlights.
// Text is taken as written: a TMX that another tool made from l10n's
// catalogs, such as po2tmx run on an l10n PO export, holds Markdown as
// plain text, and reads as that Markdown.
//
// Decode accepts TMX in UTF-8 or UTF-16 (with a byte order mark, or
// recognised from its first character), as TMX allows, and nothing
// else. It refuses a document type declaration with an internal subset:
// TMX needs no entity declarations, and entities that expand into
// entities (the "billion laughs") are a known way to exhaust a reader.
// A DOCTYPE that only names the TMX DTD is accepted and never fetched.
package tmx

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/l10n-dev/l10n/internal/chunk"
	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/safexml"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// DataTypeMarkdown is the data type l10n writes: the segments' codes
// hold inline Markdown.
const DataTypeMarkdown = "markdown"

// Document is a TMX document.
type Document struct {
	Header Header
	Units  []*Unit
}

// Header is the <header> element. Encode writes each required attribute
// that is empty with a default (see Encode).
type Header struct {
	CreationTool        string
	CreationToolVersion string
	// SegType is the segmentation: block, paragraph, sentence or phrase.
	SegType string
	// OTMF is the format of the memory the document was made from.
	OTMF      string
	AdminLang string
	// SrcLang is the source language of every unit (a BCP 47 tag), or
	// "*all*" where any variant may serve as the source.
	SrcLang string
	// DataType is the default data type of the segments.
	DataType     string
	CreationDate string // YYYYMMDDThhmmssZ
	Props        []Prop
	Notes        []string
	Line         int // the element's line in the decoded input
}

// Prop is a <prop>: a tool-defined property.
type Prop struct {
	Type  string
	Lang  string // xml:lang, when set
	Value string
}

// Unit is a <tu>.
type Unit struct {
	ID string // tuid
	// SrcLang overrides the header's source language when set.
	SrcLang      string
	DataType     string
	SegType      string
	CreationDate string
	ChangeDate   string
	Props        []Prop
	Notes        []string
	Variants     []*Variant
	Line         int
}

// Variant is a <tuv>: a unit's text in one language.
type Variant struct {
	// Lang is the variant's language: xml:lang, or lang in TMX 1.1.
	Lang     string
	DataType string
	Props    []Prop
	Notes    []string
	// Seg is the segment's content: text and inline codes. A code's ID
	// is its i attribute for <bpt> and <ept>, else its x attribute; its
	// Ctype is the type attribute; an <it>'s Pos is "open" or "close"
	// for TMX's begin and end.
	Seg  xliff.Content
	Line int
}

// Error is bad input at a line of a TMX document: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Seg returns a unit's inline Markdown as segment content, its markup
// in codes: what Encode writes for l10n's units. It parses the text as a
// unit of an empty article, with a parser of its own (about 50 µs a
// call); an export, which has the article at hand, calls
// xliff.FromMarkdown with the article's segment.Doc instead, which is
// faster and makes reference links ([ICRC] where the article defines
// ICRC) codes too.
func Seg(markdown string) xliff.Content {
	d, err := segment.Parse(nil)
	if err != nil {
		// An empty article always parses.
		return xliff.FromPlain(markdown)
	}
	return xliff.FromMarkdown(d, markdown)
}

// SourceLang returns a unit's source language: its own srclang, else
// the header's.
func (d *Document) SourceLang(u *Unit) string {
	if u.SrcLang != "" {
		return u.SrcLang
	}
	return d.Header.SrcLang
}

// dataType returns the data type that applies to a variant.
func (d *Document) dataType(u *Unit, v *Variant) string {
	for _, t := range []string{v.DataType, u.DataType, d.Header.DataType} {
		if t != "" {
			return strings.ToLower(t)
		}
	}
	return ""
}

// codesAreMarkup reports whether the codes of a data type stand for
// markup that is valid inline Markdown.
func codesAreMarkup(dataType string) bool {
	switch dataType {
	case DataTypeMarkdown, "x-markdown", "html", "xhtml", "xml", "sgml":
		return true
	}
	return false
}

// Markdown returns a variant's segment as inline Markdown (see the
// package comment): its text, with each code's content where its data
// type makes codes Markdown, without the codes otherwise.
func (d *Document) Markdown(u *Unit, v *Variant) string {
	if codesAreMarkup(d.dataType(u, v)) {
		return v.Seg.Markdown()
	}
	return v.Seg.Plain()
}

// Variant returns a unit's variant in a language, or nil. Languages
// match case-insensitively, "_" reads as "-", and a tag matches a longer
// one that starts with it (en matches en-US, en-US matches en); an exact
// match wins.
func (u *Unit) Variant(lang string) *Variant {
	var found *Variant
	for _, v := range u.Variants {
		switch {
		case normLang(v.Lang) == normLang(lang):
			return v
		case found == nil && SameLanguage(v.Lang, lang):
			found = v
		}
	}
	return found
}

// SameLanguage reports whether two language tags name the same
// language for a memory: equal ignoring case and "_" against "-", or one
// a prefix of the other at a subtag boundary (en, en-US).
func SameLanguage(a, b string) bool {
	a, b = normLang(a), normLang(b)
	if a == "" || b == "" {
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	return a == b || strings.HasPrefix(b, a+"-")
}

func normLang(s string) string { return strings.ToLower(strings.ReplaceAll(s, "_", "-")) }

// Pair is the source and target variants of one unit.
type Pair struct {
	Unit           *Unit
	Source, Target *Variant
}

// Pairs returns, in document order, the units that have a variant in
// the source language and one in the target language, with those
// variants. source "" means each unit's source language (SourceLang);
// where that is "*all*" or unset, a unit has no source. A unit whose
// source and target variants are the same element is left out.
func (d *Document) Pairs(source, target string) []Pair {
	var out []Pair
	for _, u := range d.Units {
		src := source
		if src == "" {
			src = d.SourceLang(u)
		}
		if src == "" || src == "*all*" {
			continue
		}
		s, t := u.Variant(src), u.Variant(target)
		if s == nil || t == nil || s == t {
			continue
		}
		out = append(out, Pair{u, s, t})
	}
	return out
}

// Encode writes a document as TMX 1.4b in UTF-8. Required header
// attributes left empty are written as creationtool "l10n",
// creationtoolversion "unknown", segtype "paragraph", o-tmf "l10n",
// adminlang "en", srclang "en" and datatype "markdown". Characters XML
// cannot hold are written as U+FFFD.
func Encode(doc *Document) []byte {
	var b bytes.Buffer
	w := NewWriter(&b, doc.Header)
	for _, u := range doc.Units {
		w.Unit(u)
	}
	w.Close()
	return b.Bytes()
}

// Writer writes a TMX document a unit at a time, as Encode writes one
// whole, for a document too large to hold (l10n tm export of a large
// project). The first error of the underlying writer is kept: the
// writes after it do nothing, and Close returns it.
type Writer struct{ b *chunk.Buffer }

// NewWriter returns a Writer to w that has written the document's start
// and header h (see Encode for the attributes left empty).
func NewWriter(w io.Writer, h Header) *Writer {
	x := &Writer{b: chunk.New(w)}
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	def(&h.CreationTool, "l10n")
	def(&h.CreationToolVersion, "unknown")
	def(&h.SegType, "paragraph")
	def(&h.OTMF, "l10n")
	def(&h.AdminLang, "en")
	def(&h.SrcLang, "en")
	def(&h.DataType, DataTypeMarkdown)
	b := &x.b.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<!DOCTYPE tmx SYSTEM "tmx14.dtd">` + "\n")
	b.WriteString(`<tmx version="1.4">` + "\n")
	b.WriteString("  <header")
	attrs(b, "creationtool", h.CreationTool, "creationtoolversion", h.CreationToolVersion,
		"segtype", h.SegType, "o-tmf", h.OTMF, "adminlang", h.AdminLang, "srclang", h.SrcLang,
		"datatype", h.DataType, "creationdate", h.CreationDate)
	if len(h.Props) == 0 && len(h.Notes) == 0 {
		b.WriteString("/>\n")
	} else {
		b.WriteString(">\n")
		notesProps(b, "    ", h.Notes, h.Props)
		b.WriteString("  </header>\n")
	}
	b.WriteString("  <body>\n")
	return x
}

// Unit writes a translation unit.
func (x *Writer) Unit(u *Unit) {
	b := &x.b.Buffer
	b.WriteString("    <tu")
	attrs(b, "tuid", u.ID, "srclang", u.SrcLang, "datatype", u.DataType, "segtype", u.SegType,
		"creationdate", u.CreationDate, "changedate", u.ChangeDate)
	b.WriteString(">\n")
	notesProps(b, "      ", u.Notes, u.Props)
	for _, v := range u.Variants {
		b.WriteString("      <tuv")
		attrs(b, "xml:lang", v.Lang, "datatype", v.DataType)
		b.WriteString(">\n")
		notesProps(b, "        ", v.Notes, v.Props)
		b.WriteString("        <seg>")
		encodeSeg(b, v.Seg)
		b.WriteString("</seg>\n")
		b.WriteString("      </tuv>\n")
	}
	b.WriteString("    </tu>\n")
	x.b.Part()
}

// Close writes the document's end and returns the first error of the
// underlying writer.
func (x *Writer) Close() error {
	x.b.WriteString("  </body>\n")
	x.b.WriteString("</tmx>\n")
	return x.b.Flush()
}

// attrs writes name="value" pairs, leaving out empty values.
func attrs(b *bytes.Buffer, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			fmt.Fprintf(b, ` %s="%s"`, kv[i], safexml.EscapeAttr(kv[i+1]))
		}
	}
}

// notesProps writes notes and props, notes first as TMX orders them.
func notesProps(b *bytes.Buffer, indent string, notes []string, props []Prop) {
	for _, n := range notes {
		b.WriteString(indent + "<note>" + safexml.EscapeText(n) + "</note>\n")
	}
	for _, p := range props {
		b.WriteString(indent + "<prop")
		attrs(b, "type", p.Type, "xml:lang", p.Lang)
		b.WriteString(">" + safexml.EscapeText(p.Value) + "</prop>\n")
	}
}

// encodeSeg writes a segment's content: text, and each code as the TMX
// element for its kind (XLIFF's empty placeholders and groups become
// empty codes of the same role).
func encodeSeg(b *bytes.Buffer, c xliff.Content) {
	for _, p := range c {
		switch p.Kind {
		case xliff.Text:
			b.WriteString(safexml.EscapeText(p.Text))
		case xliff.BPT, xliff.BX, xliff.GStart:
			b.WriteString("<bpt")
			attrs(b, "i", p.ID, "x", p.ID, "type", p.Ctype)
			b.WriteString(">" + safexml.EscapeText(p.Text) + "</bpt>")
		case xliff.EPT, xliff.EX, xliff.GEnd:
			b.WriteString("<ept")
			attrs(b, "i", p.ID)
			b.WriteString(">" + safexml.EscapeText(p.Text) + "</ept>")
		case xliff.IT:
			pos := "begin"
			if p.Pos == "close" {
				pos = "end"
			}
			b.WriteString("<it")
			attrs(b, "pos", pos, "x", p.ID, "type", p.Ctype)
			b.WriteString(">" + safexml.EscapeText(p.Text) + "</it>")
		default: // PH, X
			b.WriteString("<ph")
			attrs(b, "x", p.ID, "type", p.Ctype)
			b.WriteString(">" + safexml.EscapeText(p.Text) + "</ph>")
		}
	}
}
