package tmx

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/safexml"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// Decode reads a TMX document (any 1.x version: TMX 1.1's lang attribute
// is read as xml:lang). It keeps the header, the units with their ids,
// languages, notes, props and dates, and the segments; it skips elements
// TMX allows that l10n does not use (<ude>, <map>). Malformed XML, a
// document type declaration with an internal subset, an encoding other
// than UTF-8 or UTF-16, and TMX that breaks the structure l10n reads
// (a <tuv> without a language or a <seg>, a <bpt> or <ept> without i, an
// element <seg> may not hold) are *Error values with the line.
func Decode(data []byte) (*Document, error) {
	sr, err := safexml.NewReader(data, "TMX")
	if err != nil {
		return nil, err
	}
	r := &reader{sr}
	var doc *Document
	err = sr.Root("tmx", func(start xml.StartElement, line int) error {
		if start.Name.Local != "tmx" {
			return fileerr.Errorf(line, "the root element is <%s>, not <tmx>", start.Name.Local)
		}
		if v := attr(start, "version"); v != "" && !strings.HasPrefix(v, "1.") {
			return fileerr.Errorf(line, "TMX version %s: l10n reads TMX 1.x", v)
		}
		doc = &Document{}
		return r.tmx(doc)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// reader reads TMX elements.
type reader struct {
	*safexml.Reader
}

func attr(start xml.StartElement, name string) string { return safexml.Attr(start, name) }

func lang(start xml.StartElement) string { return safexml.Lang(start) }

func (r *reader) tmx(doc *Document) error {
	return r.Children(func(start xml.StartElement, line int) error {
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
			return r.Children(func(start xml.StartElement, line int) error {
				return r.noteOrProp(start, &h.Notes, &h.Props)
			})
		case "body":
			return r.Children(func(start xml.StartElement, line int) error {
				if start.Name.Local != "tu" {
					return r.Skip()
				}
				u, err := r.unit(start, line)
				if err != nil {
					return err
				}
				doc.Units = append(doc.Units, u)
				return nil
			})
		}
		return r.Skip()
	})
}

// noteOrProp reads a <note> or <prop> just started, and skips anything
// else.
func (r *reader) noteOrProp(start xml.StartElement, notes *[]string, props *[]Prop) error {
	switch start.Name.Local {
	case "note":
		s, err := r.Text()
		*notes = append(*notes, s)
		return err
	case "prop":
		p := Prop{Type: attr(start, "type"), Lang: lang(start)}
		var err error
		p.Value, err = r.Text()
		*props = append(*props, p)
		return err
	}
	return r.Skip()
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
	err := r.Children(func(start xml.StartElement, line int) error {
		if start.Name.Local != "tuv" {
			return r.noteOrProp(start, &u.Notes, &u.Props)
		}
		v := &Variant{Lang: lang(start), DataType: attr(start, "datatype"), Line: line}
		if v.Lang == "" {
			return fileerr.New(line, "<tuv> without xml:lang")
		}
		seen := false
		err := r.Children(func(start xml.StartElement, line int) error {
			if start.Name.Local != "seg" {
				return r.noteOrProp(start, &v.Notes, &v.Props)
			}
			if seen {
				return fileerr.New(line, "a second <seg> in one <tuv>")
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
			return fileerr.Errorf(line, "<tuv xml:lang=%q> without a <seg>", v.Lang)
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
	// Adjacent text (split by comments, <hi> boundaries, CDATA) joins
	// into one piece; it is gathered in text and flushed before the next
	// code, so that many small pieces cost linear time.
	var text strings.Builder
	flush := func() {
		if text.Len() > 0 {
			c = append(c, xliff.Piece{Kind: xliff.Text, Text: text.String()})
			text.Reset()
		}
	}
	add := func(p xliff.Piece) {
		if p.Kind == xliff.Text {
			text.WriteString(p.Text)
			return
		}
		flush()
		c = append(c, p)
	}
	for {
		tok, line, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil, fileerr.New(line, "unexpected end of the document")
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if len(t) > 0 {
				add(xliff.Piece{Kind: xliff.Text, Text: string(t)})
			}
		case xml.EndElement:
			flush()
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
					return nil, fileerr.Errorf(line, "<%s> without an i attribute", name)
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
					return nil, fileerr.New(line, `<it> needs pos="begin" or pos="end"`)
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
				return nil, fileerr.Errorf(line, "unexpected <%s> in <%s>", name, in)
			}
			if p.Text, err = r.Text(); err != nil {
				return nil, err
			}
			add(p)
		}
	}
}
