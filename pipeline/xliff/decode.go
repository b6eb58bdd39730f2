package xliff

import (
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/safexml"
)

// Error is bad input at a line of an XLIFF document: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Decode reads an XLIFF 1.2 document, in UTF-8 or UTF-16, through package
// safexml: a document type declaration with an internal subset (entity
// declarations, which could expand without bound or name files) is
// refused. It keeps what l10n needs (files, units, sources, targets with
// their state, notes) and skips elements it does not know, such as
// <alt-trans>, <seg-source> and other namespaces' extensions. <mrk>
// markers are unwrapped. Malformed XML, an XLIFF 2 document and units
// without an id are *Error values with a line.
func Decode(data []byte) (*Document, error) {
	sr, err := safexml.NewReader(data, "XLIFF")
	if err != nil {
		return nil, err
	}
	r := &reader{sr}
	var doc *Document
	err = sr.Root("xliff", func(start xml.StartElement, line int) error {
		if start.Name.Local != "xliff" {
			return fileerr.Errorf(line, "the root element is <%s>, not <xliff>", start.Name.Local)
		}
		if v := attrValue(start, "version"); v != "" && !strings.HasPrefix(v, "1.") {
			return fileerr.Errorf(line, "XLIFF version %s: l10n reads XLIFF 1.2 (export again with l10n export --format xliff)", v)
		}
		if !isXLIFF(start.Name) {
			return fileerr.Errorf(line, "namespace %q is not XLIFF 1.2's (%s)", start.Name.Space, Namespace)
		}
		doc = &Document{}
		return r.xliff(doc)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// reader reads the elements of an XLIFF document.
type reader struct {
	*safexml.Reader
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
	return r.Children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) || start.Name.Local != "file" {
			return r.Skip()
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
		return r.Children(func(start xml.StartElement, line int) error {
			switch {
			case isXLIFF(start.Name) && start.Name.Local == "body":
				return r.body(f)
			case isXLIFF(start.Name) && start.Name.Local == "header":
				return r.Children(func(start xml.StartElement, line int) error {
					if isXLIFF(start.Name) && start.Name.Local == "note" {
						s, err := r.Text()
						f.Notes = append(f.Notes, s)
						return err
					}
					return r.Skip()
				})
			}
			return r.Skip()
		})
	})
}

// body reads a <body> or <group>: trans-units and nested groups.
func (r *reader) body(f *File) error {
	return r.Children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) {
			return r.Skip()
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
		return r.Skip()
	})
}

func (r *reader) unit(start xml.StartElement, line int) (*Unit, error) {
	u := &Unit{ID: attrValue(start, "id"), Datatype: attrValue(start, "datatype"), Approved: attrValue(start, "approved"), Line: line}
	if u.ID == "" {
		return nil, fileerr.New(line, "<trans-unit> without an id attribute")
	}
	hasSource := false
	err := r.Children(func(start xml.StartElement, line int) error {
		if !isXLIFF(start.Name) {
			return r.Skip()
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
			n.Text, err = r.Text()
			u.Notes = append(u.Notes, n)
		case "alt-trans":
			var a AltTrans
			a, err = r.altTrans(start)
			u.AltTrans = append(u.AltTrans, a)
		default:
			err = r.Skip()
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

// altTrans reads an <alt-trans> just started: its match quality (a
// number, "87" or "87%"; 0 otherwise), origin, source and target.
func (r *reader) altTrans(start xml.StartElement) (AltTrans, error) {
	a := AltTrans{Origin: attrValue(start, "origin")}
	if q, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(attrValue(start, "match-quality")), "%")); err == nil && q > 0 && q <= 100 {
		a.MatchQuality = q
	}
	err := r.Children(func(start xml.StartElement, _ int) error {
		if !isXLIFF(start.Name) {
			return r.Skip()
		}
		var err error
		switch start.Name.Local {
		case "source":
			a.Source, err = r.content("source")
		case "target":
			for _, at := range start.Attr {
				if at.Name.Local == "lang" {
					a.TargetLang = at.Value
				}
			}
			a.Target, err = r.content("target")
		default:
			err = r.Skip()
		}
		return err
	})
	return a, err
}

var codeKinds = map[string]Kind{"bpt": BPT, "ept": EPT, "ph": PH, "it": IT, "x": X, "bx": BX, "ex": EX}

// content reads the inline content of a <source> or <target> just
// started.
func (r *reader) content(in string) (Content, error) {
	var c contentBuilder
	if err := r.inline(in, &c); err != nil {
		return nil, err
	}
	return c.done(), nil
}

// contentBuilder builds a Content, adjacent texts as one piece.
type contentBuilder struct {
	c    Content
	text strings.Builder
}

func (b *contentBuilder) add(p Piece) {
	if p.Kind == Text {
		b.text.WriteString(p.Text)
		return
	}
	b.flush()
	b.c = append(b.c, p)
}

func (b *contentBuilder) flush() {
	if b.text.Len() > 0 {
		b.c = append(b.c, Piece{Kind: Text, Text: b.text.String()})
		b.text.Reset()
	}
}

func (b *contentBuilder) done() Content {
	b.flush()
	return b.c
}

// inline adds the inline content of the element just started (a
// <source>, <target>, <g> or <mrk>, named in) to c, up to its end.
func (r *reader) inline(in string, c *contentBuilder) error {
	for {
		tok, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			return fileerr.New(line, "unexpected end of the document")
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.CharData:
			c.add(Piece{Kind: Text, Text: string(t)})
		case xml.EndElement:
			return nil
		case xml.StartElement:
			if !isXLIFF(t.Name) {
				if err := r.Skip(); err != nil {
					return err
				}
				continue
			}
			name := t.Name.Local
			switch k, ok := codeKinds[name]; {
			case ok:
				p := Piece{Kind: k, ID: attrValue(t, "id"), Ctype: attrValue(t, "ctype"), Pos: attrValue(t, "pos")}
				if p.ID == "" && k != EPT && k != EX {
					return fileerr.Errorf(line, "<%s> without an id attribute", name)
				}
				if p.ID == "" {
					// XLIFF 1.2 lets an end code name its start by rid.
					p.ID = attrValue(t, "rid")
				}
				if p.Text, err = r.Text(); err != nil {
					return err
				}
				c.add(p)
			case name == "g":
				c.add(Piece{Kind: GStart, ID: attrValue(t, "id"), Ctype: attrValue(t, "ctype")})
				if err := r.inline(name, c); err != nil {
					return err
				}
				c.add(Piece{Kind: GEnd, ID: attrValue(t, "id")})
			case name == "mrk":
				if err := r.inline(name, c); err != nil {
					return err
				}
			default:
				return fileerr.Errorf(line, "unexpected <%s> in <%s>", name, in)
			}
		}
	}
}
