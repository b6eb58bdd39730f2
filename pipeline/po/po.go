// Package po reads and writes GNU gettext PO files, the format of Poedit,
// Weblate, Lokalize and the gettext tools.
//
// Encode writes what msgfmt accepts: C-style escapes, strings wrapped at
// spaces to 79 columns like gettext's own tools, and a message per
// context and msgid. Parse reads PO files as gettext and Translate
// Toolkit write them back (rewrapped, with "#|" previous strings, obsolete
// "#~" entries, CRLF line endings) and reports malformed input with its
// line number.
package po

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/chunk"
	"github.com/l10n-dev/l10n/internal/fileerr"
)

// Width is the column at which Encode wraps strings, as gettext does.
const Width = 79

// Field is one "Name: value" line of the header entry.
type Field struct {
	Name  string // such as "Language"
	Value string // without the line's "\n"
}

// Message is one PO entry.
type Message struct {
	// Line is the 1-based line of the entry's first line (a comment or
	// a keyword); set by Parse.
	Line int
	// Comments are the translator's comments ("# text"), without the
	// "#" and one space after it.
	Comments []string
	// Extracted are the "#." comments, without "#. ".
	Extracted []string
	// References are the "#:" lines, without "#: ".
	References []string
	// Flags are the "#," flags, such as "fuzzy".
	Flags []string
	// PrevMsgctxt and PrevMsgid are the "#|" previous context and
	// source of a fuzzy entry; HasPrev... say whether they are present.
	PrevMsgctxt    string
	HasPrevMsgctxt bool
	PrevMsgid      string
	HasPrevMsgid   bool

	// Msgctxt is the context; HasMsgctxt says whether the entry has
	// one (an empty msgctxt is a context too).
	Msgctxt    string
	HasMsgctxt bool
	// Msgid is the source text, Msgstr its translation ("" when
	// untranslated).
	Msgid string
	// MsgidPlural and MsgstrPlural hold a plural entry; HasPlural says
	// whether it is one.
	MsgidPlural  string
	HasPlural    bool
	Msgstr       string
	MsgstrPlural []string
	// Obsolete marks an entry kept in "#~" lines.
	Obsolete bool
}

// Fuzzy reports whether the message has the fuzzy flag.
func (m *Message) Fuzzy() bool { return m.HasFlag("fuzzy") }

// HasFlag reports whether the message has a flag.
func (m *Message) HasFlag(flag string) bool {
	for _, f := range m.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

// File is a PO file: the header entry and the messages.
type File struct {
	// Comments are the translator comments above the header entry.
	Comments []string
	// Header holds the header entry's fields, in order; HeaderLine is
	// its line (0 when the file has no header).
	Header []Field
	// HeaderLine is the header entry's line (0 when the file has no
	// header); Encode writes a header entry, empty if need be, where it
	// is set.
	HeaderLine int
	// HeaderFlags are the header entry's flags (a template's "fuzzy").
	HeaderFlags []string
	// Messages are the entries after the header, obsolete ones
	// included, in file order.
	Messages []*Message
}

// Get returns the value of a header field (names compare without case),
// and whether the header has it.
func (f *File) Get(name string) (string, bool) {
	for _, h := range f.Header {
		if strings.EqualFold(h.Name, name) {
			return h.Value, true
		}
	}
	return "", false
}

// Error is bad input at a line of a PO file: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Encode writes a PO file.
func Encode(f *File) []byte {
	var b bytes.Buffer
	w := NewWriter(&b, f)
	for _, m := range f.Messages {
		w.Message(m)
	}
	_ = w.Close() // a bytes.Buffer does not fail
	return b.Bytes()
}

// Writer writes a PO file a message at a time, for a file that need not
// be held whole (an export of every article of a large project): what
// Encode writes of a File with the same messages. The first error of the
// underlying writer is kept: the writes after it do nothing, and Close
// returns it.
type Writer struct {
	b *chunk.Buffer
	// wrote says that something is written: a message then begins with
	// a blank line.
	wrote bool
}

// NewWriter returns a Writer to w that has written f's comments and
// header entry (f's messages are left to Message).
func NewWriter(w io.Writer, f *File) *Writer {
	x := &Writer{b: chunk.New(w)}
	b := &x.b.Buffer
	for _, c := range f.Comments {
		writeComment(b, "#", c)
	}
	// The header entry holds the file's comments and flags: it is written
	// when there are any, or when the file read had one, empty or not.
	if len(f.Header) > 0 || len(f.Comments) > 0 || len(f.HeaderFlags) > 0 || f.HeaderLine > 0 {
		if len(f.HeaderFlags) > 0 {
			b.WriteString("#, " + strings.Join(f.HeaderFlags, ", ") + "\n")
		}
		var h strings.Builder
		for _, fl := range f.Header {
			h.WriteString(fl.Name + ": " + fl.Value + "\n")
		}
		writeString(b, "", "msgid", "")
		writeString(b, "", "msgstr", h.String())
	}
	x.wrote = b.Len() > 0
	return x
}

// Message writes a message.
func (x *Writer) Message(m *Message) {
	if x.wrote {
		x.b.WriteByte('\n')
	}
	writeMessage(&x.b.Buffer, m)
	x.wrote = true
	x.b.Part()
}

// Err returns the first error of the underlying writer.
func (x *Writer) Err() error { return x.b.Err() }

// Close writes what is left and returns the first error of the
// underlying writer.
func (x *Writer) Close() error { return x.b.Flush() }

func writeComment(b *bytes.Buffer, mark, text string) {
	if text == "" {
		b.WriteString(mark + "\n")
		return
	}
	b.WriteString(mark + " " + text + "\n")
}

func writeMessage(b *bytes.Buffer, m *Message) {
	for _, c := range m.Comments {
		writeComment(b, "#", c)
	}
	for _, c := range m.Extracted {
		writeComment(b, "#.", c)
	}
	for _, r := range m.References {
		writeComment(b, "#:", r)
	}
	if len(m.Flags) > 0 {
		b.WriteString("#, " + strings.Join(m.Flags, ", ") + "\n")
	}
	prefix := ""
	if m.Obsolete {
		prefix = "#~ "
	}
	if m.HasPrevMsgctxt {
		writeString(b, prefix+"#| ", "msgctxt", m.PrevMsgctxt)
	}
	if m.HasPrevMsgid {
		writeString(b, prefix+"#| ", "msgid", m.PrevMsgid)
	}
	if m.HasMsgctxt {
		writeString(b, prefix, "msgctxt", m.Msgctxt)
	}
	writeString(b, prefix, "msgid", m.Msgid)
	if m.HasPlural {
		writeString(b, prefix, "msgid_plural", m.MsgidPlural)
		for i, s := range m.MsgstrPlural {
			writeString(b, prefix, "msgstr["+strconv.Itoa(i)+"]", s)
		}
		return
	}
	writeString(b, prefix, "msgstr", m.Msgstr)
}

// writeString writes `keyword "value"`, wrapped the way gettext wraps:
// a value that holds a line break, or does not fit on the line, starts
// with "" and continues one string per line, broken after each "\n" and
// at spaces.
func writeString(b *bytes.Buffer, prefix, keyword, value string) {
	esc := Escape(value)
	nl := strings.Index(value, "\n")
	if (nl < 0 || nl == len(value)-1) && utf8.RuneCountInString(prefix+keyword+` "`+esc+`"`) <= Width {
		b.WriteString(prefix + keyword + ` "` + esc + "\"\n")
		return
	}
	b.WriteString(prefix + keyword + " \"\"\n")
	room := Width - utf8.RuneCountInString(prefix) - 2
	for _, line := range splitAfterNewlines(value) {
		for _, chunk := range wrap(Escape(line), room) {
			b.WriteString(prefix + `"` + chunk + "\"\n")
		}
	}
}

// splitAfterNewlines splits s after each "\n".
func splitAfterNewlines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// wrap breaks an escaped string after spaces into chunks of at most room
// runes where it can; a word longer than room stays whole. Escape
// sequences hold no spaces, so they are never split.
func wrap(esc string, room int) []string {
	var out []string
	for utf8.RuneCountInString(esc) > room {
		cut := -1
		n := 0
		for i, r := range esc {
			n++
			if n > room {
				break
			}
			if r == ' ' {
				cut = i + 1
			}
		}
		if cut <= 0 || cut >= len(esc) {
			// No space to break at within room: break at the first
			// space after it, if any.
			j := strings.IndexByte(esc, ' ')
			if j < 0 || j == len(esc)-1 {
				break
			}
			cut = j + 1
		}
		out = append(out, esc[:cut])
		esc = esc[cut:]
	}
	return append(out, esc)
}

// Escape returns s as the content of a PO string: backslash, double quote
// and control characters escaped the way C and gettext write them.
func Escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		case '\r':
			b.WriteString(`\r`)
		case '\a':
			b.WriteString(`\a`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\v':
			b.WriteString(`\v`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\%03o`, r)
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}
