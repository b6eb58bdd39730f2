package tmx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/textpos"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// xmlNS is the namespace encoding/xml gives the xml: prefix.
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// Decode reads a TMX document (any 1.x version: TMX 1.1's lang attribute
// is read as xml:lang). It keeps the header, the units with their ids,
// languages, notes, props and dates, and the segments; it skips elements
// TMX allows that l10n does not use (<ude>, <map>). Malformed XML, a
// document type declaration with an internal subset, an encoding other
// than UTF-8 or UTF-16, and TMX that breaks the structure l10n reads
// (a <tuv> without a language or a <seg>, a <bpt> or <ept> without i, an
// element <seg> may not hold) are *Error values with the line.
func Decode(data []byte) (*Document, error) {
	data, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, &Error{line, "invalid UTF-8"}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-16", "utf-16le", "utf-16be", "ucs-2", "iso-10646-ucs-2":
			// Decoded to UTF-8 already.
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q: TMX is UTF-8 or UTF-16", label)
	}
	r := &reader{d: d}
	var doc *Document
	for {
		tok, line, err := r.next()
		if errors.Is(err, io.EOF) {
			if doc == nil {
				return nil, &Error{line, "no <tmx> element"}
			}
			return doc, nil
		}
		if err != nil {
			return nil, err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if doc != nil {
			return nil, &Error{line, fmt.Sprintf("<%s> after the root element", start.Name.Local)}
		}
		if start.Name.Local != "tmx" {
			return nil, &Error{line, fmt.Sprintf("the root element is <%s>, not <tmx>", start.Name.Local)}
		}
		if v := attr(start, "version"); v != "" && !strings.HasPrefix(v, "1.") {
			return nil, &Error{line, fmt.Sprintf("TMX version %s: l10n reads TMX 1.x", v)}
		}
		doc = &Document{}
		if err := r.tmx(doc); err != nil {
			return nil, err
		}
	}
}

// toUTF8 returns data as UTF-8: without a UTF-8 byte order mark, and
// decoded from UTF-16 where a byte order mark or the first character
// ("<" as two bytes, one of them zero) says it is UTF-16.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return utf16ToUTF8(data[2:], false)
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return utf16ToUTF8(data[2:], true)
	case bytes.HasPrefix(data, []byte{'<', 0}):
		return utf16ToUTF8(data, false)
	case bytes.HasPrefix(data, []byte{0, '<'}):
		return utf16ToUTF8(data, true)
	}
	return data, nil
}

// utf16ToUTF8 decodes UTF-16 without a byte order mark. An odd number of
// bytes or an unpaired surrogate is an *Error at its line.
func utf16ToUTF8(data []byte, bigEndian bool) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, &Error{1 + bytes.Count(data, []byte{'\n'}), "UTF-16 with an odd number of bytes"}
	}
	out := make([]byte, 0, len(data)/2)
	line := 1
	unit := func(i int) rune {
		if bigEndian {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	for i := 0; i < len(data); i += 2 {
		r := unit(i)
		switch {
		case utf16.IsSurrogate(r):
			if r >= 0xDC00 || i+3 >= len(data) {
				return nil, &Error{line, "invalid UTF-16: unpaired surrogate"}
			}
			r = utf16.DecodeRune(r, unit(i+2))
			if r == utf8.RuneError {
				return nil, &Error{line, "invalid UTF-16: unpaired surrogate"}
			}
			i += 2
		case r == '\n':
			line++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// reader wraps the XML decoder, keeping the line each token starts on.
//
// Its helpers (next, skip, children, text) are those of package xliff's
// unexported reader; the two should be one when the codecs share an XML
// reader in the planned restructuring.
type reader struct {
	d *xml.Decoder
}

// next returns the next token and the line it starts on. A document
// type declaration with an internal subset, or any other declaration, is
// an error.
func (r *reader) next() (xml.Token, int, error) {
	line, _ := r.d.InputPos()
	tok, err := r.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, line, err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, se.Line, &Error{se.Line, se.Msg}
		}
		l, _ := r.d.InputPos()
		return nil, l, &Error{l, err.Error()}
	}
	if dir, ok := tok.(xml.Directive); ok {
		s := strings.TrimSpace(string(dir))
		if !strings.HasPrefix(s, "DOCTYPE") || strings.ContainsRune(s, '[') {
			return nil, line, &Error{line, "a document type declaration with an internal subset (<!ENTITY …>) is not allowed: TMX needs no entity declarations"}
		}
	}
	return tok, line, nil
}

// eof turns an unexpected end of input into an error.
func eof(err error, line int) error {
	if errors.Is(err, io.EOF) {
		return &Error{line, "unexpected end of the document"}
	}
	return err
}

// skip skips the element just started.
func (r *reader) skip() error {
	for depth := 1; depth > 0; {
		tok, line, err := r.next()
		if err != nil {
			return eof(err, line)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// children calls fn for each child element of the element just started,
// until its end.
func (r *reader) children(fn func(start xml.StartElement, line int) error) error {
	for {
		tok, line, err := r.next()
		if err != nil {
			return eof(err, line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if err := fn(t, line); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text returns the character data of the element just started, its
// children's included.
func (r *reader) text() (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, line, err := r.next()
		if err != nil {
			return "", eof(err, line)
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return b.String(), nil
}

// attr returns an attribute's value; xml:lang is asked for as "lang".
func attr(start xml.StartElement, name string) string {
	for _, a := range start.Attr {
		if a.Name.Local != name {
			continue
		}
		if a.Name.Space == "" || name == "lang" && (a.Name.Space == xmlNS || a.Name.Space == "xml") {
			return a.Value
		}
	}
	return ""
}

// lang returns an element's xml:lang, or its TMX 1.1 lang attribute.
func lang(start xml.StartElement) string {
	var plain string
	for _, a := range start.Attr {
		if a.Name.Local != "lang" {
			continue
		}
		if a.Name.Space == xmlNS || a.Name.Space == "xml" {
			return a.Value
		}
		if a.Name.Space == "" {
			plain = a.Value
		}
	}
	return plain
}

func (r *reader) tmx(doc *Document) error {
	return r.children(func(start xml.StartElement, line int) error {
		switch start.Name.Local {
		case "header":
			h := &doc.Header
			*h = Header{
				CreationTool:        attr(start, "creationtool"),
				CreationToolVersion: attr(start, "creationtoolversion"),
				SegType:             attr(start, "segtype"),
				OTMF:                attr(start, "o-tmf"),
				AdminLang:           attr(start, "adminlang"),
				SrcLang:             attr(start, "srclang"),
				DataType:            attr(start, "datatype"),
				CreationDate:        attr(start, "creationdate"),
				Line:                line,
			}
			return r.children(func(start xml.StartElement, line int) error {
				return r.noteOrProp(start, &h.Notes, &h.Props)
			})
		case "body":
			return r.children(func(start xml.StartElement, line int) error {
				if start.Name.Local != "tu" {
					return r.skip()
				}
				u, err := r.unit(start, line)
				if err != nil {
					return err
				}
				doc.Units = append(doc.Units, u)
				return nil
			})
		}
		return r.skip()
	})
}

// noteOrProp reads a <note> or <prop> just started, and skips anything
// else.
func (r *reader) noteOrProp(start xml.StartElement, notes *[]string, props *[]Prop) error {
	switch start.Name.Local {
	case "note":
		s, err := r.text()
		*notes = append(*notes, s)
		return err
	case "prop":
		p := Prop{Type: attr(start, "type"), Lang: lang(start)}
		var err error
		p.Value, err = r.text()
		*props = append(*props, p)
		return err
	}
	return r.skip()
}

func (r *reader) unit(start xml.StartElement, line int) (*Unit, error) {
	u := &Unit{
		ID:           attr(start, "tuid"),
		SrcLang:      attr(start, "srclang"),
		DataType:     attr(start, "datatype"),
		SegType:      attr(start, "segtype"),
		CreationDate: attr(start, "creationdate"),
		ChangeDate:   attr(start, "changedate"),
		Line:         line,
	}
	err := r.children(func(start xml.StartElement, line int) error {
		if start.Name.Local != "tuv" {
			return r.noteOrProp(start, &u.Notes, &u.Props)
		}
		v := &Variant{Lang: lang(start), DataType: attr(start, "datatype"), Line: line}
		if v.Lang == "" {
			return &Error{line, "<tuv> without xml:lang"}
		}
		seen := false
		err := r.children(func(start xml.StartElement, line int) error {
			if start.Name.Local != "seg" {
				return r.noteOrProp(start, &v.Notes, &v.Props)
			}
			if seen {
				return &Error{line, "a second <seg> in one <tuv>"}
			}
			seen = true
			var err error
			v.Seg, err = r.seg("seg")
			return err
		})
		if err != nil {
			return err
		}
		if !seen {
			return &Error{line, fmt.Sprintf("<tuv xml:lang=%q> without a <seg>", v.Lang)}
		}
		u.Variants = append(u.Variants, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// seg reads the content of a <seg> or <hi> just started: text, codes,
// and the content of <hi> elements.
func (r *reader) seg(in string) (xliff.Content, error) {
	var c xliff.Content
	add := func(p xliff.Piece) {
		if p.Kind == xliff.Text && len(c) > 0 && c[len(c)-1].Kind == xliff.Text {
			c[len(c)-1].Text += p.Text
			return
		}
		c = append(c, p)
	}
	for {
		tok, line, err := r.next()
		if err != nil {
			return nil, eof(err, line)
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(t) > 0 {
				add(xliff.Piece{Kind: xliff.Text, Text: string(t)})
			}
		case xml.EndElement:
			return c, nil
		case xml.StartElement:
			name := t.Name.Local
			var p xliff.Piece
			switch name {
			case "bpt", "ept":
				p = xliff.Piece{Kind: xliff.BPT, ID: attr(t, "i"), Ctype: attr(t, "type")}
				if name == "ept" {
					p = xliff.Piece{Kind: xliff.EPT, ID: attr(t, "i")}
				}
				if p.ID == "" {
					return nil, &Error{line, fmt.Sprintf("<%s> without an i attribute", name)}
				}
			case "ph", "ut":
				p = xliff.Piece{Kind: xliff.PH, ID: attr(t, "x"), Ctype: attr(t, "type")}
			case "it":
				p = xliff.Piece{Kind: xliff.IT, ID: attr(t, "x"), Ctype: attr(t, "type"), Pos: "open"}
				switch attr(t, "pos") {
				case "end":
					p.Pos = "close"
				case "begin":
				default:
					return nil, &Error{line, `<it> needs pos="begin" or pos="end"`}
				}
			case "hi":
				inner, err := r.seg(name)
				if err != nil {
					return nil, err
				}
				for _, p := range inner {
					add(p)
				}
				continue
			default:
				return nil, &Error{line, fmt.Sprintf("unexpected <%s> in <%s>", name, in)}
			}
			if p.Text, err = r.text(); err != nil {
				return nil, err
			}
			add(p)
		}
	}
}
