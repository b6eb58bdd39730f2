// Package xliff reads and writes XLIFF 1.2 documents
// (urn:oasis:names:tc:xliff:document:1.2), the exchange format of CAT
// tools such as OmegaT, memoQ, Trados and Weblate, and turns a unit's
// inline Markdown into XLIFF inline codes and back.
//
// A unit's content is a sequence of pieces: prose, which the translator
// translates, and inline codes, which the CAT tool protects and the
// translator only moves. The markup of a link, emphasis or
// strikethrough becomes a <bpt>/<ept> pair around its text; code spans,
// raw HTML, autolinks, hard line breaks and markup that cannot be paired
// become <ph>. Each code holds the exact Markdown it stands for, so the
// Markdown of a target is its prose with each code replaced by the
// source's Markdown for it (see Resolve).
package xliff

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/chunk"
)

// Namespace is the XLIFF 1.2 namespace.
const Namespace = "urn:oasis:names:tc:xliff:document:1.2"

// Target states of XLIFF 1.2 that l10n writes.
const (
	StateNeedsTranslation = "needs-translation"
	StateNeedsReview      = "needs-review-translation"
	StateTranslated       = "translated"
)

// Document is an XLIFF document: one <file> per article.
type Document struct {
	Files []*File
}

// File is a <file> element.
type File struct {
	Original       string
	SourceLanguage string
	TargetLanguage string
	Datatype       string
	// Notes are <note> elements of the file's <header>.
	Notes []string
	Units []*Unit
	// Line is the element's line in the decoded input.
	Line int
}

// Unit is a <trans-unit>.
type Unit struct {
	ID string
	// Datatype overrides the file's datatype when set.
	Datatype string
	Source   Content
	// Target is the translation; HasTarget says whether the unit has a
	// <target> element at all.
	Target    Content
	HasTarget bool
	// State is the target's state attribute ("" when absent).
	State string
	// Approved is the approved attribute ("yes", "no" or "").
	Approved string
	// Location is the unit's place in the source file, written as a
	// <context-group purpose="location">; empty when unknown.
	SourceFile string
	SourceLine int
	Notes      []Note
	// AltTrans are the translations a memory offers for the unit, best
	// first.
	AltTrans []AltTrans
	// Line is the element's line in the decoded input.
	Line int
}

// AltTrans is an <alt-trans>: a translation of a similar source that a
// translation memory offers, with the source it was made from.
type AltTrans struct {
	// MatchQuality is the match percentage (the match-quality
	// attribute); 0 when absent.
	MatchQuality int
	// Origin names where the match comes from (the origin attribute).
	Origin string
	Source Content
	Target Content
	// TargetLang is the target's xml:lang.
	TargetLang string
}

// Note is a <note>.
type Note struct {
	From      string
	Annotates string // "source", "target", "general" or ""
	Text      string
}

// Kind is the kind of a piece of content.
type Kind int

// Piece kinds: text and the XLIFF 1.2 inline elements.
const (
	Text   Kind = iota
	BPT         // <bpt>: the opening code of a pair
	EPT         // <ept>: the closing code of a pair
	PH          // <ph>: a standalone code
	IT          // <it>: an isolated opening or closing code
	X           // <x/>: a placeholder without content
	BX          // <bx/>: an opening placeholder without content
	EX          // <ex/>: a closing placeholder without content
	GStart      // <g>: start of a group (not written by l10n)
	GEnd        // </g>
)

var kindNames = [...]string{"text", "bpt", "ept", "ph", "it", "x", "bx", "ex", "g", "/g"}

// String returns the element name of a kind, such as "bpt".
func (k Kind) String() string { return kindNames[k] }

// Piece is text or an inline code.
type Piece struct {
	// Kind says whether the piece is text or which inline element.
	Kind Kind
	// Text is the prose of a Text piece, or the native code (the exact
	// Markdown) of a code.
	Text string
	// ID is a code's id attribute: a <bpt> and its <ept> share one.
	ID string
	// Ctype is a code's ctype attribute, such as "link" or "x-code".
	Ctype string
	// Pos is an <it> code's pos attribute ("open" or "close").
	Pos string
}

// Content is the content of a <source> or <target>.
type Content []Piece

// Markdown returns the content's text with every code's native code: the
// Markdown it was made from.
func (c Content) Markdown() string {
	var b strings.Builder
	for _, p := range c {
		b.WriteString(p.Text)
	}
	return b.String()
}

// Plain returns the content's prose alone, without its codes.
func (c Content) Plain() string {
	var b strings.Builder
	for _, p := range c {
		if p.Kind == Text {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// Codes counts the content's inline codes.
func (c Content) Codes() int {
	n := 0
	for _, p := range c {
		if p.Kind != Text {
			n++
		}
	}
	return n
}

// Encode writes a document as XLIFF 1.2, indented, with whitespace in
// units preserved (xml:space="preserve").
func Encode(doc *Document) []byte {
	var b bytes.Buffer
	w := NewWriter(&b)
	for _, f := range doc.Files {
		w.File(f)
	}
	_ = w.Close() // a bytes.Buffer does not fail
	return b.Bytes()
}

// Writer writes an XLIFF 1.2 document a file at a time, for a document
// that need not be held whole (an export of every article of a large
// project): what Encode writes of a Document with the same files. The
// first error of the underlying writer is kept: the writes after it do
// nothing, and Close returns it.
type Writer struct{ b *chunk.Buffer }

// NewWriter returns a Writer to w that has begun the document.
func NewWriter(w io.Writer) *Writer {
	x := &Writer{b: chunk.New(w)}
	x.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	x.b.WriteString(`<xliff version="1.2" xmlns="` + Namespace + `">` + "\n")
	return x
}

// File writes a <file> with its units.
func (x *Writer) File(f *File) {
	b := &x.b.Buffer
	fmt.Fprintf(b, `  <file original="%s" source-language="%s"`, attr(f.Original), attr(f.SourceLanguage))
	if f.TargetLanguage != "" {
		fmt.Fprintf(b, ` target-language="%s"`, attr(f.TargetLanguage))
	}
	fmt.Fprintf(b, ` datatype="%s">`+"\n", attr(f.Datatype))
	b.WriteString("    <header>\n")
	b.WriteString(`      <tool tool-id="l10n" tool-name="l10n"/>` + "\n")
	for _, n := range f.Notes {
		b.WriteString("      <note>" + text(n) + "</note>\n")
	}
	b.WriteString("    </header>\n")
	b.WriteString("    <body>\n")
	for _, u := range f.Units {
		encodeUnit(b, u)
	}
	b.WriteString("    </body>\n")
	b.WriteString("  </file>\n")
	x.b.Part()
}

// Err returns the first error of the underlying writer.
func (x *Writer) Err() error { return x.b.Err() }

// Close ends the document, writes what is left and returns the first
// error of the underlying writer.
func (x *Writer) Close() error {
	x.b.WriteString("</xliff>\n")
	return x.b.Flush()
}

func encodeUnit(b *bytes.Buffer, u *Unit) {
	fmt.Fprintf(b, `      <trans-unit id="%s"`, attr(u.ID))
	if u.Datatype != "" {
		fmt.Fprintf(b, ` datatype="%s"`, attr(u.Datatype))
	}
	if u.Approved != "" {
		fmt.Fprintf(b, ` approved="%s"`, attr(u.Approved))
	}
	b.WriteString(` xml:space="preserve">` + "\n")
	b.WriteString("        <source>")
	encodeContent(b, u.Source)
	b.WriteString("</source>\n")
	if u.HasTarget {
		b.WriteString("        <target")
		if u.State != "" {
			fmt.Fprintf(b, ` state="%s"`, attr(u.State))
		}
		b.WriteString(">")
		encodeContent(b, u.Target)
		b.WriteString("</target>\n")
	}
	if u.SourceFile != "" {
		b.WriteString(`        <context-group purpose="location">` + "\n")
		fmt.Fprintf(b, `          <context context-type="sourcefile">%s</context>`+"\n", text(u.SourceFile))
		if u.SourceLine > 0 {
			fmt.Fprintf(b, `          <context context-type="linenumber">%d</context>`+"\n", u.SourceLine)
		}
		b.WriteString("        </context-group>\n")
	}
	for _, n := range u.Notes {
		b.WriteString("        <note")
		if n.From != "" {
			fmt.Fprintf(b, ` from="%s"`, attr(n.From))
		}
		if n.Annotates != "" {
			fmt.Fprintf(b, ` annotates="%s"`, attr(n.Annotates))
		}
		b.WriteString(">" + text(n.Text) + "</note>\n")
	}
	for _, a := range u.AltTrans {
		b.WriteString("        <alt-trans")
		if a.MatchQuality > 0 {
			fmt.Fprintf(b, ` match-quality="%d"`, a.MatchQuality)
		}
		if a.Origin != "" {
			fmt.Fprintf(b, ` origin="%s"`, attr(a.Origin))
		}
		b.WriteString(">\n          <source>")
		encodeContent(b, a.Source)
		b.WriteString("</source>\n          <target")
		if a.TargetLang != "" {
			fmt.Fprintf(b, ` xml:lang="%s"`, attr(a.TargetLang))
		}
		b.WriteString(">")
		encodeContent(b, a.Target)
		b.WriteString("</target>\n        </alt-trans>\n")
	}
	b.WriteString("      </trans-unit>\n")
}

func encodeContent(b *bytes.Buffer, c Content) {
	for _, p := range c {
		switch p.Kind {
		case Text:
			b.WriteString(text(p.Text))
		case X, BX, EX:
			fmt.Fprintf(b, `<%s id="%s"%s/>`, p.Kind, attr(p.ID), ctype(p.Ctype))
		case GStart:
			fmt.Fprintf(b, `<g id="%s"%s>`, attr(p.ID), ctype(p.Ctype))
		case GEnd:
			b.WriteString("</g>")
		case IT:
			fmt.Fprintf(b, `<it id="%s" pos="%s"%s>%s</it>`, attr(p.ID), attr(p.Pos), ctype(p.Ctype), text(p.Text))
		case EPT:
			fmt.Fprintf(b, `<ept id="%s">%s</ept>`, attr(p.ID), text(p.Text))
		default:
			fmt.Fprintf(b, `<%s id="%s"%s>%s</%s>`, p.Kind, attr(p.ID), ctype(p.Ctype), text(p.Text), p.Kind)
		}
	}
}

func ctype(c string) string {
	if c == "" {
		return ""
	}
	return ` ctype="` + attr(c) + `"`
}

// ValidChar reports whether XML 1.0 can hold r at all, even as a
// character reference.
func ValidChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// Display returns s as XML can hold it: characters XML 1.0 cannot
// represent become U+FFFD. Units keep such characters in codes of their
// own (see FromMarkdown), so prose never loses them.
func Display(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return !ValidChar(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if !ValidChar(r) {
			return utf8.RuneError
		}
		return r
	}, s)
}

// text escapes character data: markup characters, and a carriage return
// as a reference, since XML readers turn a literal one into a line feed.
func text(s string) string {
	var b strings.Builder
	for _, r := range Display(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\r':
			b.WriteString("&#xD;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// attr escapes an attribute value, whitespace included, which XML readers
// would otherwise normalise to spaces.
func attr(s string) string {
	var b strings.Builder
	for _, r := range Display(s) {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\t', '\n', '\r':
			b.WriteString("&#x" + strconv.FormatInt(int64(r), 16) + ";")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
