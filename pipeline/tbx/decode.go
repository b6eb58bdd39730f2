package tbx

import (
	"encoding/xml"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/safexml"
)

// Decode reads a termbase: TBX 2008 (<martif>) or TBX v3 (<tbx>), in
// any dialect that keeps to the core structure (TBX-Basic, TBX-Default,
// Translate Toolkit's). Elements of the structure l10n does not use
// (transactions, cross-references, graphics) are skipped. Malformed XML,
// a DTD internal subset, a language set without xml:lang, a <tig> or
// <termSec> without a <term>, and an administrativeStatus TBX-Basic does
// not define are *Error values with the line.
func Decode(data []byte) (*Document, error) {
	sr, err := safexml.NewReader(data, "TBX")
	if err != nil {
		return nil, err
	}
	r := &reader{sr}
	var doc *Document
	err = sr.Root("martif", func(start xml.StartElement, line int) error {
		if n := start.Name.Local; n != "martif" && n != "tbx" {
			return fileerr.Errorf(line, "the root element is <%s>, not <martif> or <tbx>", n)
		}
		doc = &Document{Type: safexml.Attr(start, "type"), Lang: safexml.LangAttr(start)}
		return r.root(doc)
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// reader reads TBX elements.
type reader struct {
	*safexml.Reader
}

func (r *reader) root(doc *Document) error {
	return r.Children(func(start xml.StartElement, line int) error {
		switch start.Name.Local {
		case "martifHeader", "tbxHeader":
			return r.header(doc)
		case "text":
			return r.Children(func(start xml.StartElement, line int) error {
				if start.Name.Local != "body" {
					return r.Skip()
				}
				return r.Children(func(start xml.StartElement, line int) error {
					switch start.Name.Local {
					case "termEntry", "conceptEntry":
						e, err := r.entry(start, line)
						if err == nil {
							doc.Entries = append(doc.Entries, e)
						}
						return err
					}
					return r.Skip()
				})
			})
		}
		return r.Skip()
	})
}

// header reads the paragraphs of the header's source description.
func (r *reader) header(doc *Document) error {
	return r.Children(func(start xml.StartElement, line int) error {
		if start.Name.Local != "fileDesc" {
			return r.Skip()
		}
		return r.Children(func(start xml.StartElement, line int) error {
			if start.Name.Local != "sourceDesc" {
				return r.Skip()
			}
			return r.Children(func(start xml.StartElement, line int) error {
				if start.Name.Local != "p" {
					return r.Skip()
				}
				s, err := r.Text()
				doc.Source = append(doc.Source, s)
				return err
			})
		})
	})
}

// aux reads an element of auxiliary information (a note, or a data
// category with its type) into notes and fields; ok is false for any
// other element, which the caller reads or skips.
func (r *reader) aux(start xml.StartElement, notes *[]string, fields *[]Field) (ok bool, err error) {
	switch n := start.Name.Local; n {
	case "note":
		s, err := r.Text()
		*notes = append(*notes, s)
		return true, err
	case "descrip", "termNote", "admin":
		s, err := r.Text()
		*fields = append(*fields, Field{Element: n, Type: safexml.Attr(start, "type"), Text: s})
		return true, err
	case "descripGrp", "adminGrp", "termNoteGrp":
		// A data category with its source or note: keep the category
		// and the notes.
		return true, r.Children(func(start xml.StartElement, line int) error {
			if ok, err := r.aux(start, notes, fields); ok || err != nil {
				return err
			}
			return r.Skip()
		})
	}
	return false, nil
}

func (r *reader) entry(start xml.StartElement, line int) (*Entry, error) {
	e := &Entry{ID: safexml.Attr(start, "id"), Line: line}
	err := r.Children(func(start xml.StartElement, line int) error {
		switch start.Name.Local {
		case "langSet", "langSec":
			l, err := r.langSet(start, line)
			if err == nil {
				e.Langs = append(e.Langs, l)
			}
			return err
		}
		if ok, err := r.aux(start, &e.Notes, &e.Fields); ok || err != nil {
			return err
		}
		return r.Skip()
	})
	return e, err
}

func (r *reader) langSet(start xml.StartElement, line int) (*LangSet, error) {
	l := &LangSet{Lang: safexml.Lang(start), Line: line}
	if l.Lang == "" {
		return nil, fileerr.Errorf(line, "<%s> without xml:lang", start.Name.Local)
	}
	err := r.Children(func(start xml.StartElement, line int) error {
		switch start.Name.Local {
		case "tig", "ntig", "termSec":
			t := &Term{Line: line}
			if err := r.term(start, t); err != nil {
				return err
			}
			if strings.TrimSpace(t.Text) == "" {
				return fileerr.Errorf(line, "<%s> without a <term>", start.Name.Local)
			}
			l.Terms = append(l.Terms, t)
			return nil
		}
		if ok, err := r.aux(start, &l.Notes, &l.Fields); ok || err != nil {
			return err
		}
		return r.Skip()
	})
	return l, err
}

// term reads a <tig>, <ntig> or <termSec> just started, or the
// <termGrp> of an <ntig>, into t.
func (r *reader) term(start xml.StartElement, t *Term) error {
	return r.Children(func(start xml.StartElement, line int) error {
		switch start.Name.Local {
		case "term":
			s, err := r.Text()
			t.Text = s
			return err
		case "termGrp":
			return r.term(start, t)
		case "termNote":
			if safexml.Attr(start, "type") != "administrativeStatus" {
				break
			}
			s, err := r.Text()
			if err != nil {
				return err
			}
			st, ok := parseStatus(strings.TrimSpace(s))
			if !ok {
				return fileerr.Errorf(line, "administrativeStatus %q: TBX-Basic has preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts and supersededTerm-admn-sts", s)
			}
			t.Status = st
			return nil
		}
		if ok, err := r.aux(start, &t.Notes, &t.Fields); ok || err != nil {
			return err
		}
		return r.Skip()
	})
}
