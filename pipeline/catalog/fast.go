package catalog

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The fast reader and writer. A catalog as Encode writes it is a small
// subset of YAML, and reading that subset line by line is several times
// faster than building yaml.v3's node tree. fastDoc reads exactly that
// subset and declines (ok false) anything else, which yaml.v3 then reads;
// a differential fuzz test (FuzzFastParse) checks that on every input the
// fast reader accepts, it yields what the yaml.v3 reader yields, comments
// and lines included. Likewise fastScalar writes a value as yaml.v3's
// encoder would, without making an encoder per value (FuzzFastEncode).
//
// The subset, line by line:
//
//   - blank lines and comment lines starting with "#" in column 0;
//   - an entry's key in column 0, a plain scalar followed by ":" and
//     nothing else;
//   - right below it, one or more fields indented by two spaces,
//     "name: value", where name is one of go-i18n's keys but id, each at
//     most once, and value is a plain scalar on one line, a single- or
//     double-quoted scalar on one line, or a literal block scalar ("|"
//     or "|-", no indentation indicator) whose lines are indented by
//     three or more spaces.
//
// Nothing else: no tabs, carriage returns or characters YAML does not
// allow, no comments after a value or inside an entry, no blank line
// between fields, no flow collections, anchors, tags or document markers.
// A plain scalar must read as a string (not 2024, true or null) without
// any doubt, or the whole file goes to yaml.v3.

// fastDoc reads the entries of a catalog's lines, with the lines inside
// literal blocks (text, whatever they start with), or reports that the
// lines are not in the subset it reads; the caller has checked their
// characters (scanLines). With share, its values are
// parts of the lines where they can be (see ParseShared), else copies.
func fastDoc(lines []string, share bool) ([]parsed, map[int]bool, bool) {
	// Every line in column 0 but blank and comment lines is a key (a
	// literal block's lines are indented): the entries are made at once.
	n := 0
	for _, l := range lines {
		if l != "" && l[0] != '#' && l[0] != ' ' {
			n++
		}
	}
	out := make([]parsed, 0, n)
	entries := make([]Entry, 0, n)
	seen := make(map[string]struct{}, n)
	var text map[int]bool
	for i := 0; i < len(lines); {
		l := lines[i]
		if l == "" || l[0] == '#' {
			i++
			continue
		}
		id, ok := fastKey(l)
		if !ok {
			return nil, nil, false
		}
		if _, dup := seen[id]; dup {
			return nil, nil, false
		}
		seen[id] = struct{}{}
		entries = append(entries, Entry{ID: id, Line: i + 1})
		e := &entries[len(entries)-1]
		next, ok := e.fastFields(lines, i+1, &text)
		if !ok {
			return nil, nil, false
		}
		if !share {
			e.own()
		}
		if next < len(lines) && strings.HasPrefix(lines[next], " ") {
			// Anything indented after the fields: a blank line or a
			// comment inside the entry, a continued plain scalar, a
			// field at another indentation.
			return nil, nil, false
		}
		// The last line of the value is line next (1-based).
		out = append(out, parsed{e: e, keyLine: i + 1, valueEnd: next})
		i = next
	}
	return out, text, true
}

// scanLines splits a catalog's text into lines at "\n" and reads it
// once for what Parse and the fast reader must know of its characters:
// valid says that it is valid UTF-8, fast that every character is one
// that YAML allows and the fast reader handles: printable, no tab,
// carriage return, byte order mark or Unicode line break (NEL, LS, PS),
// which YAML reads as line breaks. The lines are parts of s; they are
// nil when s is not valid UTF-8.
func scanLines(s string) (lines []string, valid, fast bool) {
	lines = make([]string, 0, strings.Count(s, "\n")+1)
	fast = true
	start := 0
	for i := 0; i < len(s); {
		// Eight characters of ASCII at a time while none is a control
		// character (the line break included): no byte with its high
		// bit set, and none below 0x20 or at 0x7f, which with 0x01
		// added sets its high bit.
		for i+8 <= len(s) && s[i] < 0x80 && plainASCII(word(s[i:i+8])) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		// One character, as utf8.Valid reads it.
		switch c := s[i]; {
		case c == '\n':
			lines = append(lines, s[start:i])
			i++
			start = i
		case c < 0x80:
			if c < 0x20 || c == 0x7f {
				fast = false
			}
			i++
		case c < 0xc2: // a continuation byte, or a two-byte form of ASCII
			return nil, false, false
		case c < 0xe0:
			// Two bytes (Cyrillic, Greek, accented Latin), often
			// several in a row.
			for {
				if i+1 >= len(s) || s[i+1]&0xc0 != 0x80 {
					return nil, false, false
				}
				if c == 0xc2 && s[i+1] < 0xa0 { // U+0080–U+009F: C1 controls, NEL
					fast = false
				}
				i += 2
				if i >= len(s) {
					break
				}
				if c = s[i]; c < 0xc2 || c >= 0xe0 {
					break
				}
			}
		case c < 0xf0:
			if i+2 >= len(s) {
				return nil, false, false
			}
			c1, c2 := s[i+1], s[i+2]
			lo, hi := byte(0x80), byte(0xbf)
			if c == 0xe0 {
				lo = 0xa0 // no three-byte form of what two bytes hold
			} else if c == 0xed {
				hi = 0x9f // no surrogates
			}
			if c1 < lo || c1 > hi || c2&0xc0 != 0x80 {
				return nil, false, false
			}
			// U+2028, U+2029; U+FEFF, U+FFFE, U+FFFF.
			if c == 0xe2 && c1 == 0x80 && (c2 == 0xa8 || c2 == 0xa9) || c == 0xef && (c1 == 0xbb && c2 == 0xbf || c1 == 0xbf && c2 >= 0xbe) {
				fast = false
			}
			i += 3
		case c < 0xf5:
			if i+3 >= len(s) {
				return nil, false, false
			}
			lo, hi := byte(0x80), byte(0xbf)
			if c == 0xf0 {
				lo = 0x90 // no four-byte form of what three bytes hold
			} else if c == 0xf4 {
				hi = 0x8f // nothing above U+10FFFF
			}
			if c1 := s[i+1]; c1 < lo || c1 > hi || s[i+2]&0xc0 != 0x80 || s[i+3]&0xc0 != 0x80 {
				return nil, false, false
			}
			i += 4
		default:
			return nil, false, false
		}
	}
	return append(lines, s[start:]), true, fast
}

// word returns eight bytes as one number, the first in the low byte.
func word(b string) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// Bytes repeated through a word.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plainASCII reports whether the eight bytes of w are all ASCII and none
// is a control character: no high bit set, none below 0x20 (subtracting
// 0x20 sets its high bit) and none 0x7f (adding 0x01 sets its high bit).
func plainASCII(w uint64) bool {
	return (w|(w-0x20*ones)|(w+ones))&highs == 0
}

// hasByte reports whether one of the eight bytes of w, all ASCII, is c.
func hasByte(w uint64, c byte) bool {
	x := w ^ uint64(c)*ones
	return (x-ones)&^x&highs != 0
}

// fastKey reads an entry's key line: a plain scalar and ":".
func fastKey(l string) (string, bool) {
	key, ok := strings.CutSuffix(l, ":")
	if !ok || len(key) > 200 || !fastPlain(key) {
		return "", false
	}
	return key, true
}

// goi18nKey reports whether an entry may have the field name in the
// fast reader: go-i18n's reserved keys but id, which Encode never writes.
func goi18nKey(name string) bool {
	switch name {
	case "other", "hash", "description", "zero", "one", "two", "few", "many":
		return true
	}
	return false
}

// fastFields reads an entry's fields from line i on (0-based) and returns
// the line after them; it marks the lines of literal blocks as text
// (1-based; the map made on the first). The values are parts of the
// lines where they can be (see own).
func (e *Entry) fastFields(lines []string, i int, text *map[int]bool) (int, bool) {
	var seen [8]string
	n := 0
	for i < len(lines) {
		l := lines[i]
		if len(l) < 3 || l[0] != ' ' || l[1] != ' ' || l[2] == ' ' {
			break
		}
		name, value, ok := strings.Cut(l[2:], ":")
		if !ok || !goi18nKey(name) {
			return i, false
		}
		for _, s := range seen[:n] {
			if s == name {
				return i, false
			}
		}
		seen[n] = name
		n++
		value, ok = strings.CutPrefix(value, " ")
		if !ok {
			return i, false
		}
		var v string
		var style yaml.Style
		i++
		switch {
		case value == "|" || value == "|-":
			first := i
			v, i, ok = fastLiteral(lines, i, value == "|")
			for ln := first; ln < i; ln++ {
				if *text == nil {
					*text = map[int]bool{}
				}
				(*text)[ln+1] = true
			}
			style = yaml.LiteralStyle
		case strings.HasPrefix(value, "'"):
			v, ok = fastSingle(value)
			style = yaml.SingleQuotedStyle
		case strings.HasPrefix(value, `"`):
			v, ok = fastDouble(value)
			style = yaml.DoubleQuotedStyle
		default:
			v, ok = value, fastPlain(value)
		}
		if !ok {
			return i, false
		}
		switch name {
		case "description":
			e.Description = v
		case "hash":
			e.Hash = v
		case "other":
			e.Other, e.Style = v, style
		default:
			if e.Plural == nil {
				e.Plural = map[string]string{}
			}
			e.Plural[name] = v
		}
	}
	return i, n > 0
}

// own copies the values of an entry the fast reader read into one string
// of the entry's own, unless the caller shares the file (see
// ParseShared): a caller that keeps a value (a title for an index page)
// then keeps that entry's text, not the whole file.
func (e *Entry) own() {
	var b strings.Builder
	b.Grow(len(e.ID) + len(e.Description) + len(e.Hash) + len(e.Other))
	fields := [...]*string{&e.ID, &e.Description, &e.Hash, &e.Other}
	for _, f := range fields {
		b.WriteString(*f)
	}
	all := b.String()
	for _, f := range fields {
		n := len(*f)
		if n > 0 {
			*f, all = all[:n], all[n:]
		}
	}
	for k, v := range e.Plural {
		e.Plural[k] = strings.Clone(v)
	}
}

// fastPlain reports whether s, on a line of its own after "key: " (or
// before ":"), is a plain scalar that YAML reads as the string s.
func fastPlain(s string) bool {
	if s == "" || s[len(s)-1] == ' ' || s[len(s)-1] == ':' {
		return false
	}
	switch s[0] {
	case ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '<':
		return false
	}
	// No ": " nor " #" (s does not start with either): looked for from
	// the two rare bytes.
	for i := strings.IndexByte(s, ':'); i >= 0; {
		if i+1 < len(s) && s[i+1] == ' ' {
			return false
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	for i := strings.IndexByte(s, '#'); i >= 0; {
		if s[i-1] == ' ' {
			return false
		}
		j := strings.IndexByte(s[i+1:], '#')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return plainString(s)
}

// plainString reports whether yaml.v3 resolves the plain scalar s to a
// string for certain: false when it may be a null, a boolean, a number or
// a timestamp (2024, 1e3, true, ~, 2024-11-26), or when telling would take
// yaml.v3's own rules.
func plainString(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		switch s {
		case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
			return false
		}
		return true
	case c == '~' || c == '.' || c == '+' || c == '-' || '0' <= c && c <= '9':
		// Numbers, timestamps and ".inf" have no space and no letter
		// beyond ASCII; timestamps start with four digits and "-".
		if len(s) >= 5 && s[4] == '-' && isDigits(s[:4]) {
			return false
		}
		return strings.ContainsFunc(s, func(r rune) bool { return r == ' ' || r >= utf8.RuneSelf })
	}
	return true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// fastSingle reads a single-quoted scalar that is all of v.
func fastSingle(v string) (string, bool) {
	if len(v) < 2 || v[len(v)-1] != '\'' {
		return "", false
	}
	body := v[1 : len(v)-1]
	if !strings.Contains(body, "'") {
		return body, true
	}
	var b strings.Builder
	for i := 0; i < len(body); i++ {
		if body[i] == '\'' {
			if i+1 >= len(body) || body[i+1] != '\'' {
				return "", false
			}
			i++
		}
		b.WriteByte(body[i])
	}
	return b.String(), true
}

// fastDouble reads a double-quoted scalar that is all of v.
func fastDouble(v string) (string, bool) {
	if len(v) < 2 || v[len(v)-1] != '"' {
		return "", false
	}
	body := v[1 : len(v)-1]
	if !strings.ContainsAny(body, `"\`) {
		return body, true
	}
	b := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '"' {
			return "", false
		}
		if c != '\\' {
			b = append(b, c)
			continue
		}
		i++
		if i >= len(body) {
			return "", false
		}
		if r, ok := escapes[body[i]]; ok {
			b = utf8.AppendRune(b, r)
			continue
		}
		size := hexEscapes[body[i]]
		if size == 0 {
			return "", false
		}
		if i+size >= len(body) {
			return "", false
		}
		r := 0
		for _, h := range []byte(body[i+1 : i+1+size]) {
			d, ok := hexDigit(h)
			if !ok {
				return "", false
			}
			r = r<<4 | d
		}
		if r >= 0xd800 && r <= 0xdfff || r > 0x10ffff {
			return "", false
		}
		b = utf8.AppendRune(b, rune(r))
		i += size
	}
	return string(b), true
}

// escapes are YAML's escapes of one character in a double-quoted scalar,
// and hexEscapes those followed by a code point in hex, by their length.
var (
	escapes = map[byte]rune{'0': 0, 'a': '\a', 'b': '\b', 't': '\t', 'n': '\n', 'v': '\v', 'f': '\f',
		'r': '\r', 'e': 0x1b, ' ': ' ', '"': '"', '\'': '\'', '\\': '\\', 'N': 0x85, '_': 0xa0,
		'L': 0x2028, 'P': 0x2029}
	hexEscapes = map[byte]int{'x': 2, 'u': 4, 'U': 8}
)

func hexDigit(c byte) (int, bool) {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0'), true
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10, true
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10, true
	}
	return 0, false
}

// fastLiteral reads the lines of a literal block scalar from line i on:
// indented by three spaces or more (the first line decides), blank lines
// between them kept. clip keeps one line break at the end (the header
// "|"); otherwise ("|-") none. It returns the line after the last line of
// text.
func fastLiteral(lines []string, i int, clip bool) (string, int, bool) {
	if i >= len(lines) {
		return "", i, false
	}
	indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
	if indent < 3 || indent == len(lines[i]) {
		return "", i, false
	}
	pad := lines[i][:indent]
	last := i // the last line of text
	for j := i + 1; j < len(lines); j++ {
		l := lines[j]
		if l == "" {
			continue
		}
		if !strings.HasPrefix(l, pad) {
			if strings.TrimLeft(l, " ") == "" {
				return "", i, false // spaces only: YAML's rules on those are subtle
			}
			break
		}
		if strings.TrimLeft(l[indent:], " ") == "" {
			return "", i, false
		}
		last = j
	}
	var b strings.Builder
	for j := i; j <= last; j++ {
		if j > i {
			b.WriteByte('\n')
		}
		if lines[j] != "" {
			b.WriteString(lines[j][indent:])
		}
	}
	if clip && last+1 < len(lines) {
		b.WriteByte('\n')
	}
	return b.String(), last + 1, true
}

// fastScalar writes "key: value" (with a final line break) as yaml.v3's
// encoder writes the mapping, without an encoder: plain where YAML reads
// the value back as the same string, else single-quoted, a literal block
// for several lines, double quotes with escapes where neither will do, and
// each style a catalog kept where the value allows it. ok is false for
// what it leaves to yaml.v3: a plain value whose type yaml.v3 would have
// to tell (2024, 1e3), several lines in single quotes, literal blocks that
// need an indentation or keep indicator, Unicode line separators, a
// leading byte order mark, invalid UTF-8. FuzzFastEncode checks it against
// yaml.v3.
func fastScalar(key, value string, style yaml.Style) (string, bool) {
	b, ok := appendScalar(make([]byte, 0, len(key)+len(value)+16), key, value, style)
	return string(b), ok
}

// appendScalar appends what fastScalar writes to b; when it leaves the
// value to yaml.v3, it returns b as it was and false.
func appendScalar(b []byte, key, value string, style yaml.Style) ([]byte, bool) {
	style &^= yaml.FlowStyle | yaml.TaggedStyle
	switch style {
	case 0, yaml.SingleQuotedStyle, yaml.DoubleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle:
	default:
		return b, false
	}
	if !plainSafe(key) {
		return b, false
	}
	if style == yaml.LiteralStyle || style == yaml.FoldedStyle {
		style = 0
		if strings.Contains(value, "\n") {
			style = yaml.LiteralStyle // folding would rewrap the text
		}
	}
	a, ok := analyze(value)
	if !ok {
		return b, false
	}
	switch {
	case style != 0:
	case value == "":
		// yaml.v3 reads an empty plain scalar as null, so it quotes.
		style = yaml.DoubleQuotedStyle
	case strings.Contains(value, "\n"):
		style = yaml.LiteralStyle
	case !plainString(value):
		return b, false
	case a.plain:
		return append(append(append(append(b, key...), ": "...), value...), '\n'), true
	default:
		style = yaml.SingleQuotedStyle
	}
	if style == yaml.SingleQuotedStyle && !a.single || style == yaml.LiteralStyle && !a.block {
		style = yaml.DoubleQuotedStyle
	}
	if style == yaml.SingleQuotedStyle && a.breaks {
		return b, false
	}
	if style == yaml.LiteralStyle && (value[0] == ' ' || value[0] == '\n' || strings.HasSuffix(value, "\n\n")) {
		return b, false // an indentation or keep indicator
	}
	b = append(append(b, key...), ": "...)
	switch style {
	case yaml.SingleQuotedStyle:
		b = append(b, '\'')
		for {
			i := strings.IndexByte(value, '\'')
			if i < 0 {
				break
			}
			b = append(append(b, value[:i+1]...), '\'')
			value = value[i+1:]
		}
		b = append(append(b, value...), '\'')
	case yaml.LiteralStyle:
		b = append(b, '|')
		body, clip := strings.CutSuffix(value, "\n")
		if !clip {
			b = append(b, '-')
		}
		for l := range strings.SplitSeq(body, "\n") {
			b = append(b, '\n')
			if l != "" {
				b = append(append(b, "  "...), l...)
			}
		}
	case yaml.DoubleQuotedStyle:
		b = appendDouble(b, value)
	}
	return append(b, '\n'), true
}

// appendDouble appends v double-quoted as yaml.v3 writes it: printable
// characters as they are, others escaped.
func appendDouble(b []byte, v string) []byte {
	b = append(b, '"')
	for _, r := range v {
		if printable(r) && r != '\n' && r != '"' && r != '\\' {
			b = utf8.AppendRune(b, r)
			continue
		}
		b = append(b, '\\')
		if c, ok := escapeOf[r]; ok {
			b = append(b, c)
			continue
		}
		switch {
		case r <= 0xff:
			b = fmt.Appendf(b, "x%02X", r)
		case r <= 0xffff:
			b = fmt.Appendf(b, "u%04X", r)
		default:
			b = fmt.Appendf(b, "U%08X", r)
		}
	}
	return append(b, '"')
}

// escapeOf is the letter yaml.v3 escapes a character with, where it has one.
var escapeOf = map[rune]byte{}

func init() {
	for c, r := range escapes {
		if c != ' ' && c != '\'' && c != '_' {
			escapeOf[r] = c
		}
	}
}

// printable reports whether yaml.v3's emitter writes r as it is in a
// quoted scalar: "\n" (which it still escapes, as a line break), ASCII
// but control characters, and the Basic Multilingual Plane from U+00A0 but
// surrogates, the byte order mark and the two non-characters at its end.
func printable(r rune) bool {
	return r == '\n' || r >= 0x20 && r <= 0x7e || r >= 0xa0 && r <= 0xd7ff || r >= 0xe000 && r <= 0xfffd && r != 0xfeff
}

// scalarStyles is what yaml.v3's emitter allows for a value (its
// analysis of a scalar).
type scalarStyles struct {
	breaks bool // the value has line breaks
	plain  bool // it may be written plain
	single bool // it may be single-quoted
	block  bool // it may be a literal block
}

// analyze tells how yaml.v3's emitter may write a value, as its analysis
// of a scalar does, or ok false for values whose writing fastScalar
// leaves to yaml.v3 (invalid UTF-8, a leading byte order mark, the
// Unicode line and paragraph separators).
func analyze(v string) (a scalarStyles, ok bool) {
	if quiet(v) {
		return scalarStyles{plain: true, single: true, block: true}, true
	}
	return analyzeRunes(v)
}

// quiet reports whether v is a value that every style may write, as most
// of a catalog's values are (analyzeRunes would find nothing of note), by
// its bytes: valid UTF-8 of printable characters, no tab, line break or
// control character; not starting with an indicator, a space, "---" or
// "..."; not ending with a space; no ": ", " #" or ":" at the end.
// FuzzQuiet checks it against analyzeRunes.
func quiet(v string) bool {
	if v == "" || v[len(v)-1] == ' ' || v[len(v)-1] == ':' {
		return false
	}
	switch v[0] {
	case ' ', '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '?', '-', '.', ':':
		return false
	}
	for i := 0; i < len(v); {
		for i+8 <= len(v) && v[i] < 0x80 {
			w := word(v[i : i+8])
			if !plainASCII(w) || hasByte(w, ':') || hasByte(w, '#') {
				break
			}
			i += 8
		}
		if i >= len(v) {
			break
		}
		switch c := v[i]; {
		case c == ':':
			if v[i+1] == ' ' { // not the last byte (see above)
				return false
			}
			i++
		case c == '#':
			if v[i-1] == ' ' { // not the first byte (see above)
				return false
			}
			i++
		case c < 0x20 || c == 0x7f:
			return false
		case c < 0x80:
			i++
		case c < 0xc2:
			return false
		case c < 0xe0:
			// Two bytes, often several in a row; U+0080–U+009F (NEL
			// among them) are not printable.
			for {
				if i+1 >= len(v) || v[i+1]&0xc0 != 0x80 || c == 0xc2 && v[i+1] < 0xa0 {
					return false
				}
				i += 2
				if i >= len(v) {
					break
				}
				if c = v[i]; c < 0xc2 || c >= 0xe0 {
					break
				}
			}
		case c < 0xf0:
			if i+2 >= len(v) {
				return false
			}
			c1, c2 := v[i+1], v[i+2]
			if c1&0xc0 != 0x80 || c2&0xc0 != 0x80 || c == 0xe0 && c1 < 0xa0 || c == 0xed && c1 > 0x9f {
				return false
			}
			// U+2028, U+2029; U+FEFF, U+FFFE, U+FFFF.
			if c == 0xe2 && c1 == 0x80 && (c2 == 0xa8 || c2 == 0xa9) || c == 0xef && (c1 == 0xbb && c2 == 0xbf || c1 == 0xbf && c2 >= 0xbe) {
				return false
			}
			i += 3
		default:
			return false // beyond the Basic Multilingual Plane: not printable
		}
	}
	return true
}

// analyzeRunes is analyze, rune by rune.
func analyzeRunes(v string) (a scalarStyles, ok bool) {
	if v == "" {
		return scalarStyles{plain: true, single: true}, true
	}
	if strings.HasPrefix(v, "\ufeff") {
		return a, false
	}
	indicators := strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...")
	var special, tabs, leadSpace, trailSpace, leadBreak, trailBreak, breakSpace, spaceBreak bool
	prev := rune(-1)
	for i := 0; i < len(v); {
		r, w := rune(v[i]), 1
		if c := v[i]; c >= 0xc2 && c <= 0xdf && i+1 < len(v) && v[i+1]&0xc0 == 0x80 {
			// Two bytes (Cyrillic, Greek, Latin accents): always valid.
			r, w = rune(c&0x1f)<<6|rune(v[i+1]&0x3f), 2
		} else if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(v[i:])
			if r == utf8.RuneError && w == 1 || r == 0x2028 || r == 0x2029 {
				return a, false
			}
		}
		if r == '\t' {
			tabs = true
		} else if !printable(r) {
			special = true
		}
		switch r {
		case '#':
			if i == 0 || prev == ' ' || prev == '\t' || prev == '\n' || prev == '\r' || prev == 0x85 || prev == 0 {
				indicators = true
			}
		case ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			if i == 0 {
				indicators = true
			}
		case '?', '-':
			if i == 0 && whiteAt(v, i+w) {
				indicators = true
			}
		case ':':
			if whiteAt(v, i+w) {
				indicators = true
			}
		case ' ':
			leadSpace = leadSpace || i == 0
			trailSpace = i+w == len(v)
			breakSpace = breakSpace || prev == '\n' || prev == '\r' || prev == 0x85
		case '\n', '\r', 0x85:
			a.breaks = true
			leadBreak = leadBreak || i == 0
			trailBreak = i+w == len(v)
			spaceBreak = spaceBreak || prev == ' '
		}
		prev = r
		i += w
	}
	a.plain = !(leadSpace || leadBreak || trailSpace || trailBreak || breakSpace || spaceBreak || a.breaks || indicators || tabs || special)
	a.single = !(breakSpace || spaceBreak || tabs || special)
	a.block = !(trailSpace || spaceBreak || special)
	return a, true
}

// whiteAt reports whether v has a space or a tab at byte i, or ends there:
// what YAML counts as white space after an indicator.
func whiteAt(v string, i int) bool {
	return i >= len(v) || v[i] == ' ' || v[i] == '\t'
}
