package xliff

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
)

// Error is bad input at a line of an XLIFF document: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Decode reads an XLIFF 1.2 document. It keeps what l10n needs (files,
// units, sources, targets with their state, notes) and skips elements it
// does not know, such as <alt-trans>, <seg-source> and other namespaces'
// extensions. <mrk> markers are unwrapped. Malformed XML, an XLIFF 2
// document and units without an id are *Error values with a line.
func Decode(data []byte) (*Document, error) {
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, fileerr.New(line, "invalid UTF-8")
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	r := &reader{d: d}
	var doc *Document
	for {
		tok, line, err := r.next()
		if errors.Is(err, io.EOF) {
			if doc == nil {
				return nil, fileerr.New(line, "no <xliff> element")
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
			return nil, fileerr.Errorf(line, "<%s> after the root element", start.Name.Local)
		}
		if start.Name.Local != "xliff" {
			return nil, fileerr.Errorf(line, "the root element is <%s>, not <xliff>", start.Name.Local)
		}
		if v := attrValue(start, "version"); v != "" && !strings.HasPrefix(v, "1.") {
			return nil, fileerr.Errorf(line, "XLIFF version %s: l10n reads XLIFF 1.2 (export again with l10n export --format xliff)", v)
		}
		if !isXLIFF(start.Name) {
			return nil, fileerr.Errorf(line, "namespace %q is not XLIFF 1.2's (%s)", start.Name.Space, Namespace)
		}
		doc = &Document{}
		if err := r.xliff(doc); err != nil {
			return nil, err
		}
	}
}

// reader wraps the XML decoder, keeping the line each token starts on.
type reader struct {
	d *xml.Decoder
}

// next returns the next token and the line it starts on.
func (r *reader) next() (xml.Token, int, error) {
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
	return tok, line, nil
}

// eof turns an unexpected end of input into an error.
func eof(err error, line int) error {
	if errors.Is(err, io.EOF) {
		return fileerr.New(line, "unexpected end of the document")
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

func isXLIFF(n xml.Name) bool {
	return n.Space == Namespace || n.Space == "" || n.Space == "urn:oasis:names:tc:xliff:document:1.1"
}

func attrValue(start xml.StartElement, name string) string {
	for _, a := range start.Attr {
		if a.Name.Local == name && (a.Name.Space == "" || a.Name.Space == Namespace) {
			return a.Value
		}
	}
	return ""
}

func (r *reader) xliff(doc *Document) error {
	return r.children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) || start.Name.Local != "file" {
			return r.skip()
		}
		f := &File{
			Original:       attrValue(start, "original"),
			SourceLanguage: attrValue(start, "source-language"),
			TargetLanguage: attrValue(start, "target-language"),
			Datatype:       attrValue(start, "datatype"),
			Line:           line,
		}
		if f.Original == "" {
			return fileerr.New(line, "<file> without an original attribute")
		}
		doc.Files = append(doc.Files, f)
		return r.children(func(start xml.StartElement, line int) error {
			switch {
			case isXLIFF(start.Name) && start.Name.Local == "body":
				return r.body(f)
			case isXLIFF(start.Name) && start.Name.Local == "header":
				return r.children(func(start xml.StartElement, line int) error {
					if isXLIFF(start.Name) && start.Name.Local == "note" {
						s, err := r.text()
						f.Notes = append(f.Notes, s)
						return err
					}
					return r.skip()
				})
			}
			return r.skip()
		})
	})
}

// body reads a <body> or <group>: trans-units and nested groups.
func (r *reader) body(f *File) error {
	return r.children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) {
			return r.skip()
		}
		switch start.Name.Local {
		case "group":
			return r.body(f)
		case "trans-unit":
			u, err := r.unit(start, line)
			if err != nil {
				return err
			}
			f.Units = append(f.Units, u)
			return nil
		}
		return r.skip()
	})
}

func (r *reader) unit(start xml.StartElement, line int) (*Unit, error) {
	u := &Unit{ID: attrValue(start, "id"), Datatype: attrValue(start, "datatype"), Approved: attrValue(start, "approved"), Line: line}
	if u.ID == "" {
		return nil, fileerr.New(line, "<trans-unit> without an id attribute")
	}
	hasSource := false
	err := r.children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) {
			return r.skip()
		}
		var err error
		switch start.Name.Local {
		case "source":
			hasSource = true
			u.Source, err = r.content("source")
		case "target":
			u.HasTarget = true
			u.State = attrValue(start, "state")
			u.Target, err = r.content("target")
		case "note":
			n := Note{From: attrValue(start, "from"), Annotates: attrValue(start, "annotates")}
			n.Text, err = r.text()
			u.Notes = append(u.Notes, n)
		default:
			err = r.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !hasSource {
		return nil, fileerr.Errorf(line, "<trans-unit id=%q> without a <source>", u.ID)
	}
	return u, nil
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

var codeKinds = map[string]Kind{"bpt": BPT, "ept": EPT, "ph": PH, "it": IT, "x": X, "bx": BX, "ex": EX}

// content reads the inline content of a <source>, <target>, <g> or
// <mrk> just started.
func (r *reader) content(in string) (Content, error) {
	var c Content
	add := func(p Piece) {
		if p.Kind == Text && len(c) > 0 && c[len(c)-1].Kind == Text {
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
			add(Piece{Kind: Text, Text: string(t)})
		case xml.EndElement:
			return c, nil
		case xml.StartElement:
			if !isXLIFF(t.Name) {
				if err := r.skip(); err != nil {
					return nil, err
				}
				continue
			}
			name := t.Name.Local
			switch k, ok := codeKinds[name]; {
			case ok:
				p := Piece{Kind: k, ID: attrValue(t, "id"), Ctype: attrValue(t, "ctype"), Pos: attrValue(t, "pos")}
				if p.ID == "" && k != EPT && k != EX {
					return nil, fileerr.Errorf(line, "<%s> without an id attribute", name)
				}
				if p.ID == "" {
					// XLIFF 1.2 lets an end code name its start by rid.
					p.ID = attrValue(t, "rid")
				}
				if p.Text, err = r.text(); err != nil {
					return nil, err
				}
				add(p)
			case name == "g":
				inner, err := r.content(name)
				if err != nil {
					return nil, err
				}
				add(Piece{Kind: GStart, ID: attrValue(t, "id"), Ctype: attrValue(t, "ctype")})
				for _, p := range inner {
					add(p)
				}
				add(Piece{Kind: GEnd, ID: attrValue(t, "id")})
			case name == "mrk":
				inner, err := r.content(name)
				if err != nil {
					return nil, err
				}
				for _, p := range inner {
					add(p)
				}
			default:
				return nil, fileerr.Errorf(line, "unexpected <%s> in <%s>", name, in)
			}
		}
	}
}
