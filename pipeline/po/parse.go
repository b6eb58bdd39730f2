package po

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
)

// Parse reads a PO file. It accepts what gettext writes (any wrapping,
// "#|" previous strings, "#~" obsolete entries, CRLF line endings, a
// UTF-8 byte order mark) and returns an *Error with the line of the
// first malformed line. Only UTF-8 files are read: a header that declares
// another charset is an error.
func Parse(data []byte) (*File, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, fileerr.New(line, "invalid UTF-8 (l10n reads UTF-8 PO files only: convert with msgconv -t UTF-8)")
	}
	p := &parser{}
	lines := strings.Split(string(data), "\n")
	for i, l := range lines {
		if err := p.line(i+1, strings.TrimSuffix(l, "\r")); err != nil {
			return nil, err
		}
	}
	if err := p.flush(len(lines)); err != nil {
		return nil, err
	}
	return p.file()
}

// parser is the state of Parse: the entry being read and the string
// that a continuation line ("...") extends.
type parser struct {
	msgs []*Message
	cur  *Message
	// has* say which keywords the current entry has.
	hasID, hasStr bool
	// cont is the string a continuation line appends to; contObs says
	// whether it was in "#~" lines. more holds the continuation lines
	// read since, appended to cont at once by settle: appending each
	// line to the string would copy it once a line.
	cont    *string
	contObs bool
	more    strings.Builder
	// plural is the msgstr[n] being read, or -1.
	plural int
}

func (p *parser) entry(line int) *Message {
	if p.cur == nil {
		p.cur = &Message{Line: line}
		p.plural = -1
	}
	return p.cur
}

// settle appends the continuation lines read to their string.
func (p *parser) settle() {
	if p.cont != nil && p.more.Len() > 0 {
		*p.cont += p.more.String()
	}
	p.more.Reset()
}

// flush ends the current entry.
func (p *parser) flush(line int) error {
	p.settle()
	if p.cur == nil {
		return nil
	}
	if p.hasID && !p.hasStr {
		return fileerr.New(p.cur.Line, "msgid without msgstr")
	}
	if p.hasID {
		p.msgs = append(p.msgs, p.cur)
	}
	// Comments that no entry follows are dropped, as gettext does.
	p.cur, p.hasID, p.hasStr, p.cont = nil, false, false, nil
	return nil
}

func (p *parser) line(n int, l string) error {
	t := strings.TrimLeft(l, " \t")
	switch {
	case t == "":
		p.settle()
		p.cont = nil
		return nil
	case strings.HasPrefix(t, "#~"):
		rest := strings.TrimLeft(t[2:], " \t")
		if strings.HasPrefix(rest, "|") {
			// The previous strings of an obsolete entry.
			return p.previous(n, strings.TrimLeft(rest[1:], " \t"), true)
		}
		if rest == "" {
			return nil
		}
		return p.keyword(n, rest, true)
	case strings.HasPrefix(t, "#"):
		p.settle()
		if p.hasStr {
			if err := p.flush(n); err != nil {
				return err
			}
		}
		if p.hasID {
			return fileerr.New(n, "comment between msgid and msgstr")
		}
		m := p.entry(n)
		body := t[1:]
		kind := byte(' ')
		if body != "" {
			kind = body[0]
		}
		if kind != '|' {
			p.cont = nil
		}
		switch kind {
		case '.':
			m.Extracted = append(m.Extracted, trimOneSpace(body[1:]))
		case ':':
			m.References = append(m.References, trimOneSpace(body[1:]))
		case ',':
			for _, f := range strings.Split(body[1:], ",") {
				if f = strings.TrimSpace(f); f != "" {
					m.Flags = append(m.Flags, f)
				}
			}
		case '|':
			return p.previous(n, strings.TrimLeft(body[1:], " \t"), false)
		default:
			m.Comments = append(m.Comments, trimOneSpace(body))
		}
		return nil
	case strings.HasPrefix(t, `"`):
		return p.continuation(n, t, false)
	}
	return p.keyword(n, t, false)
}

func trimOneSpace(s string) string { return strings.TrimPrefix(s, " ") }

// previous reads a "#|" line: msgctxt, msgid, msgid_plural or a
// continuation string.
func (p *parser) previous(n int, rest string, obsolete bool) error {
	if p.hasStr {
		if err := p.flush(n); err != nil {
			return err
		}
	}
	if p.hasID {
		return fileerr.New(n, "#| line between msgid and msgstr")
	}
	m := p.entry(n)
	if strings.HasPrefix(rest, `"`) {
		return p.continuation(n, rest, obsolete)
	}
	p.settle()
	kw, val, _ := strings.Cut(rest, " ")
	s, err := unquote(n, strings.TrimSpace(val))
	if err != nil {
		return err
	}
	switch kw {
	case "msgctxt":
		m.PrevMsgctxt, m.HasPrevMsgctxt = s, true
		p.cont = &m.PrevMsgctxt
	case "msgid":
		m.PrevMsgid, m.HasPrevMsgid = s, true
		p.cont = &m.PrevMsgid
	case "msgid_plural":
		// Kept by gettext for plural entries; l10n has no use for it.
		p.cont = new(string)
	default:
		return fileerr.Errorf(n, "unknown keyword %q in a #| line", kw)
	}
	p.contObs = obsolete
	return nil
}

func (p *parser) continuation(n int, t string, obsolete bool) error {
	if p.cont == nil {
		return fileerr.New(n, "string without a keyword before it")
	}
	if obsolete != p.contObs {
		return fileerr.New(n, "string continues an entry it does not belong to (mixed #~ and live lines)")
	}
	s, err := unquote(n, t)
	if err != nil {
		return err
	}
	p.more.WriteString(s)
	return nil
}

func (p *parser) keyword(n int, t string, obsolete bool) error {
	if strings.HasPrefix(t, `"`) {
		return p.continuation(n, t, obsolete)
	}
	p.settle()
	kw, val, ok := strings.Cut(t, " ")
	if !ok {
		kw, val, _ = strings.Cut(t, "\t")
	}
	val = strings.TrimSpace(val)
	switch {
	case kw == "msgctxt":
		if p.hasStr {
			if err := p.flush(n); err != nil {
				return err
			}
		}
		m := p.entry(n)
		if p.hasID || m.HasMsgctxt {
			return fileerr.New(n, "msgctxt after msgid (missing msgstr?)")
		}
		s, err := unquote(n, val)
		if err != nil {
			return err
		}
		m.Msgctxt, m.HasMsgctxt, m.Obsolete = s, true, obsolete
		p.cont, p.contObs = &m.Msgctxt, obsolete
	case kw == "msgid":
		if p.hasStr {
			if err := p.flush(n); err != nil {
				return err
			}
		}
		if p.hasID {
			return fileerr.New(n, "msgid after msgid (missing msgstr?)")
		}
		m := p.entry(n)
		if m.HasMsgctxt && m.Obsolete != obsolete {
			return fileerr.New(n, "msgid does not belong to the msgctxt before it (mixed #~ and live lines)")
		}
		s, err := unquote(n, val)
		if err != nil {
			return err
		}
		m.Msgid, m.Obsolete = s, obsolete
		p.hasID = true
		p.cont, p.contObs = &m.Msgid, obsolete
	case kw == "msgid_plural":
		if !p.hasID || p.hasStr || p.cur.HasPlural {
			return fileerr.New(n, "msgid_plural must follow msgid")
		}
		s, err := unquote(n, val)
		if err != nil {
			return err
		}
		p.cur.MsgidPlural, p.cur.HasPlural = s, true
		p.cont, p.contObs = &p.cur.MsgidPlural, obsolete
	case kw == "msgstr":
		if !p.hasID {
			return fileerr.New(n, "msgstr without msgid")
		}
		if p.hasStr || p.cur.HasPlural {
			return fileerr.New(n, "msgstr after msgstr (or in a plural entry: use msgstr[n])")
		}
		s, err := unquote(n, val)
		if err != nil {
			return err
		}
		p.cur.Msgstr = s
		p.hasStr = true
		p.cont, p.contObs = &p.cur.Msgstr, obsolete
	case strings.HasPrefix(kw, "msgstr["):
		if !p.hasID || p.cur == nil || !p.cur.HasPlural {
			return fileerr.New(n, kw+" without msgid_plural")
		}
		idx, err := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(kw, "msgstr["), "]"))
		if err != nil || !strings.HasSuffix(kw, "]") || idx != len(p.cur.MsgstrPlural) {
			return fileerr.Errorf(n, "%s out of order (want msgstr[%d])", kw, len(p.cur.MsgstrPlural))
		}
		s, err := unquote(n, val)
		if err != nil {
			return err
		}
		p.cur.MsgstrPlural = append(p.cur.MsgstrPlural, s)
		p.hasStr = true
		p.cont, p.contObs = &p.cur.MsgstrPlural[idx], obsolete
	default:
		return fileerr.Errorf(n, "unknown keyword %q", kw)
	}
	return nil
}

// unquote decodes one PO string: "..." with C escapes.
func unquote(n int, s string) (string, error) {
	if !strings.HasPrefix(s, `"`) {
		if s == "" {
			return "", fileerr.New(n, "missing string after the keyword")
		}
		return "", fileerr.New(n, "a string must be in double quotes")
	}
	var b strings.Builder
	i := 1
	for {
		if i >= len(s) {
			return "", fileerr.New(n, "unterminated string (no closing double quote)")
		}
		c := s[i]
		if c == '"' {
			i++
			break
		}
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		i++
		if i >= len(s) {
			return "", fileerr.New(n, "unterminated string (a backslash ends the line)")
		}
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case '\\', '"', '\'', '?':
			b.WriteByte(e)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v, k := 0, 0
			for k < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7' {
				v = v*8 + int(s[i]-'0')
				i++
				k++
			}
			b.WriteByte(byte(v))
			continue
		case 'x':
			v, k := 0, 0
			i++
			for i < len(s) && isHex(s[i]) {
				v = v*16 + hexVal(s[i])
				i++
				k++
			}
			if k == 0 || v > 0xff {
				return "", fileerr.New(n, `invalid \x escape`)
			}
			b.WriteByte(byte(v))
			continue
		default:
			return "", fileerr.Errorf(n, `invalid escape sequence "\%c"`, e)
		}
		i++
	}
	if rest := strings.TrimSpace(s[i:]); rest != "" {
		return "", fileerr.Errorf(n, "unexpected %q after the closing double quote", rest)
	}
	out := b.String()
	if !utf8.ValidString(out) {
		return "", fileerr.New(n, "escape sequences make invalid UTF-8")
	}
	return out, nil
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func hexVal(c byte) int {
	switch {
	case c <= '9':
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}

// file splits off the header entry and checks the charset.
func (p *parser) file() (*File, error) {
	f := &File{}
	msgs := p.msgs
	if len(msgs) > 0 && msgs[0].Msgid == "" && !msgs[0].HasMsgctxt && !msgs[0].Obsolete {
		h := msgs[0]
		msgs = msgs[1:]
		f.HeaderLine = h.Line
		f.Comments = h.Comments
		f.HeaderFlags = h.Flags
		for _, l := range strings.Split(h.Msgstr, "\n") {
			if strings.TrimSpace(l) == "" {
				continue
			}
			name, value, ok := strings.Cut(l, ":")
			if !ok {
				return nil, fileerr.Errorf(h.Line, "header line %q is not \"Name: value\"", l)
			}
			f.Header = append(f.Header, Field{Name: strings.TrimSpace(name), Value: strings.TrimSpace(value)})
		}
		if ct, ok := f.Get("Content-Type"); ok {
			if _, cs, found := strings.Cut(strings.ToLower(ct), "charset="); found {
				cs = strings.TrimSpace(strings.SplitN(cs, ";", 2)[0])
				if cs != "utf-8" && cs != "utf8" && cs != "charset" {
					return nil, fileerr.Errorf(h.Line, "charset %q: l10n reads UTF-8 PO files only (convert with msgconv -t UTF-8)", cs)
				}
			}
		}
	}
	f.Messages = msgs
	return f, nil
}
