// Package safexml reads XML interchange files that come from outside
// (TMX, TBX): in UTF-8 or UTF-16, as those formats allow; refusing a
// document type declaration with an internal subset, whose entity
// declarations could expand without bound (the "billion laughs") or name
// external files, while accepting one that only names a DTD (never
// fetched); and giving every token with the line it starts on, so that
// each error names its line.
package safexml

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
)

// Error is bad input at a line of an XML document: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// xmlNS is the namespace encoding/xml gives the xml: prefix.
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// Reader reads the tokens of one document.
type Reader struct {
	d      *xml.Decoder
	format string
}

// NewReader returns a reader of data, a document in the named format
// ("TMX"), which messages name. Data in UTF-16 is decoded first; data
// that is not valid UTF-8 or UTF-16 is an *Error at its line.
func NewReader(data []byte, format string) (*Reader, error) {
	data, err := toUTF8(data)
	if err != nil {
		return nil, err
	}
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, fileerr.New(line, "invalid UTF-8")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-16", "utf-16le", "utf-16be", "ucs-2", "iso-10646-ucs-2":
			// Decoded to UTF-8 already.
			return in, nil
		}
		return nil, fmt.Errorf("encoding %q: %s is UTF-8 or UTF-16", label, format)
	}
	return &Reader{d: d, format: format}, nil
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
		return nil, fileerr.New(1+bytes.Count(data, []byte{'\n'}), "UTF-16 with an odd number of bytes")
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
				return nil, fileerr.New(line, "invalid UTF-16: unpaired surrogate")
			}
			r = utf16.DecodeRune(r, unit(i+2))
			if r == utf8.RuneError {
				return nil, fileerr.New(line, "invalid UTF-16: unpaired surrogate")
			}
			i += 2
		case r == '\n':
			line++
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// Next returns the next token and the line it starts on. At the end of
// the input it returns io.EOF. A document type declaration with an
// internal subset, or any other declaration, is an *Error, as is
// malformed XML.
func (r *Reader) Next() (xml.Token, int, error) {
	line, _ := r.d.InputPos()
	tok, err := r.d.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, line, err
		}
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			return nil, se.Line, fileerr.New(se.Line, se.Msg)
		}
		l, _ := r.d.InputPos()
		return nil, l, fileerr.New(l, err.Error())
	}
	if dir, ok := tok.(xml.Directive); ok {
		s := strings.TrimSpace(string(dir))
		if !strings.HasPrefix(s, "DOCTYPE") || strings.ContainsRune(s, '[') {
			return nil, line, fileerr.Errorf(line, "a document type declaration with an internal subset (<!ENTITY …>) is not allowed: %s needs no entity declarations", r.format)
		}
	}
	return tok, line, nil
}

// eof turns an unexpected end of input into an *Error.
func eof(err error, line int) error {
	if errors.Is(err, io.EOF) {
		return fileerr.New(line, "unexpected end of the document")
	}
	return err
}

// Root reads up to the document's root element and calls fn with it;
// anything but comments, processing instructions and whitespace after
// the root element is an error. A document without elements is an error
// that names the root element the format wants (want, such as "tmx").
func (r *Reader) Root(want string, fn func(start xml.StartElement, line int) error) error {
	seen := false
	for {
		tok, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			if !seen {
				return fileerr.Errorf(line, "no <%s> element", want)
			}
			return nil
		}
		if err != nil {
			return err
		}
		start, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if seen {
			return fileerr.Errorf(line, "<%s> after the root element", start.Name.Local)
		}
		seen = true
		if err := fn(start, line); err != nil {
			return err
		}
	}
}

// Skip skips the element just started.
func (r *Reader) Skip() error {
	for depth := 1; depth > 0; {
		tok, line, err := r.Next()
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

// Children calls fn for each child element of the element just started,
// until its end; fn must read or skip the child.
func (r *Reader) Children(fn func(start xml.StartElement, line int) error) error {
	for {
		tok, line, err := r.Next()
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

// Text returns the character data of the element just started, its
// children's included.
func (r *Reader) Text() (string, error) {
	var b strings.Builder
	for depth := 1; depth > 0; {
		tok, line, err := r.Next()
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

// Attr returns the value of an element's attribute without a namespace.
func Attr(start xml.StartElement, name string) string {
	for _, a := range start.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// Lang returns an element's xml:lang, else its lang attribute (which
// older formats, such as TMX 1.1, use).
func Lang(start xml.StartElement) string {
	if v := LangAttr(start); v != "" {
		return v
	}
	return Attr(start, "lang")
}

// LangAttr returns an element's xml:lang.
func LangAttr(start xml.StartElement) string {
	for _, a := range start.Attr {
		if a.Name.Local == "lang" && (a.Name.Space == xmlNS || a.Name.Space == "xml") {
			return a.Value
		}
	}
	return ""
}

// EscapeText escapes character data: markup characters, and a carriage
// return as a reference, since XML readers turn a literal one into a
// line feed. Characters XML cannot hold become U+FFFD.
func EscapeText(s string) string { return escape(s, false) }

// EscapeAttr escapes an attribute value for double quotes, whitespace
// included, which XML readers would otherwise normalise to spaces.
// Characters XML cannot hold become U+FFFD.
func EscapeAttr(s string) string { return escape(s, true) }

func escape(s string, attr bool) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case attr && r == '"':
			b.WriteString("&quot;")
		case attr && r == '\t':
			b.WriteString("&#x9;")
		case attr && r == '\n':
			b.WriteString("&#xA;")
		case !validChar(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// validChar reports whether XML 1.0 can hold r.
func validChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
