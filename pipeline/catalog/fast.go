package catalog

import (
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// The fast reader: a catalog as Encode writes it is a small subset of
// YAML, and reading that subset line by line is several times faster than
// building yaml.v3's node tree. fastEntries reads exactly that subset and
// declines (ok false) anything else, which yaml.v3 then reads; a
// differential fuzz test (FuzzFastParse) checks that on every input the
// fast reader accepts, it yields what the yaml.v3 reader yields, comments
// and lines included.
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
// between fields, no flow collections, anchors, tags or documents markers.
// A plain scalar must read as a string (not 2024, true or null) without
// any doubt, or the whole file goes to yaml.v3.

// fastEntries reads the entries of a catalog's lines, or reports that they
// are not in the subset it reads.
func fastEntries(lines []string) ([]*Entry, bool) {
	if !fastChars(lines) {
		return nil, false
	}
	var out []*Entry
	var seen map[string]bool
	keyLines := []int{}
	for i := 0; i < len(lines); {
		l := lines[i]
		if l == "" || l[0] == '#' {
			i++
			continue
		}
		id, ok := fastKey(l)
		if !ok || seen[id] {
			return nil, false
		}
		if seen == nil {
			seen = map[string]bool{}
		}
		seen[id] = true
		e := &Entry{ID: id, Line: i + 1}
		next, ok := e.fastFields(lines, i+1)
		if !ok {
			return nil, false
		}
		if next < len(lines) && strings.HasPrefix(lines[next], " ") {
			// Anything indented after the fields: a blank line or a
			// comment inside the entry, a continued plain scalar, a
			// field at another indentation.
			return nil, false
		}
		out = append(out, e)
		keyLines = append(keyLines, i+1)
		i = next
	}
	for k, e := range out {
		end := len(lines)
		if k+1 < len(keyLines) {
			end = keyLines[k+1] - 1
		}
		e.comments(lines, keyLines[k], end)
	}
	return out, true
}

// fastChars reports whether every character of lines is one that YAML
// allows and the fast reader handles: printable, no tab, carriage return,
// byte order mark or Unicode line break (NEL, LS, PS), which YAML reads
// as line breaks.
func fastChars(lines []string) bool {
	for _, l := range lines {
		for i := 0; i < len(l); {
			c := l[i]
			if c < utf8.RuneSelf {
				if c < 0x20 || c == 0x7f {
					return false
				}
				i++
				continue
			}
			r, n := utf8.DecodeRuneInString(l[i:])
			switch {
			case r == utf8.RuneError && n == 1,
				r <= 0x9f, // C1 controls and NEL
				r == 0x2028 || r == 0x2029,
				r == 0xfeff || r == 0xfffe || r == 0xffff:
				return false
			}
			i += n
		}
	}
	return true
}

// fastKey reads an entry's key line: a plain scalar and ":".
func fastKey(l string) (string, bool) {
	key, ok := strings.CutSuffix(l, ":")
	if !ok || len(key) > 200 || !fastPlain(key) {
		return "", false
	}
	return key, true
}

// goi18nKeys are the fields an entry may have in the fast reader: go-i18n's
// reserved keys but id, which Encode never writes.
var goi18nKeys = map[string]bool{"description": true, "hash": true, "other": true,
	"zero": true, "one": true, "two": true, "few": true, "many": true}

// fastFields reads an entry's fields from line i on and returns the line
// after them.
func (e *Entry) fastFields(lines []string, i int) (int, bool) {
	var seen [8]string
	n := 0
	for i < len(lines) {
		l := lines[i]
		if len(l) < 3 || l[0] != ' ' || l[1] != ' ' || l[2] == ' ' {
			break
		}
		name, value, ok := strings.Cut(l[2:], ":")
		if !ok || !goi18nKeys[name] {
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
			v, i, ok = fastLiteral(lines, i, value == "|")
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
	if strings.Contains(s, ": ") || strings.Contains(s, " #") {
		return false
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
// the value back as the same string, single-quoted where it does not, a
// literal block for several lines. ok is false for what it leaves to
// yaml.v3: double quotes (control characters, tabs, line breaks other
// than "\n", characters beyond the Basic Multilingual Plane), values
// whose type yaml.v3 would have to tell, literal blocks that need an
// indentation or keep indicator. FuzzFastEncode checks it against
// yaml.v3.
func fastScalar(key, value string, style yaml.Style) (string, bool) {
	style &^= yaml.FlowStyle | yaml.TaggedStyle
	switch style {
	case 0, yaml.SingleQuotedStyle, yaml.LiteralStyle, yaml.FoldedStyle:
	default:
		return "", false
	}
	if !plainSafe(key) {
		return "", false
	}
	if style == yaml.LiteralStyle || style == yaml.FoldedStyle {
		style = 0
		if strings.Contains(value, "\n") {
			style = yaml.LiteralStyle // folding would rewrap the text
		}
	}
	if value == "" {
		if style == yaml.SingleQuotedStyle {
			return key + ": ''\n", true
		}
		// yaml.v3 reads an empty plain scalar as null, so it quotes.
		return key + ": \"\"\n", true
	}
	a, ok := analyze(value)
	if !ok {
		return "", false
	}
	if style == 0 {
		if !plainString(value) {
			return "", false
		}
		if a.breaks {
			style = yaml.LiteralStyle
		} else if a.plain {
			return key + ": " + value + "\n", true
		} else {
			style = yaml.SingleQuotedStyle
		}
	}
	switch {
	case style == yaml.SingleQuotedStyle && a.single && !a.breaks:
		return key + ": '" + strings.ReplaceAll(value, "'", "''") + "'\n", true
	case style == yaml.LiteralStyle && a.block:
		if value[0] == ' ' || value[0] == '\n' || value == "\n" || strings.HasSuffix(value, "\n\n") {
			return "", false // an indentation or keep indicator
		}
		var b strings.Builder
		b.Grow(len(key) + len(value) + 16)
		b.WriteString(key)
		b.WriteString(": |")
		body, clip := strings.CutSuffix(value, "\n")
		if !clip {
			b.WriteByte('-')
		}
		b.WriteByte('\n')
		for l := range strings.SplitSeq(body, "\n") {
			if l != "" {
				b.WriteString("  ")
				b.WriteString(l)
			}
			b.WriteByte('\n')
		}
		return b.String(), true
	}
	return "", false
}

// scalarStyles is what yaml.v3's emitter allows for a value (its
// analysis of a scalar, for values of printable characters and "\n").
type scalarStyles struct {
	breaks bool // the value has line breaks
	plain  bool // it may be written plain
	single bool // it may be single-quoted
	block  bool // it may be a literal block
}

// analyze tells how yaml.v3's emitter may write a non-empty value, as its
// analysis of a scalar does, or ok false when the value holds a character
// it would escape (anything but printable characters of the Basic
// Multilingual Plane and "\n").
func analyze(v string) (a scalarStyles, ok bool) {
	if !utf8.ValidString(v) {
		return a, false // yaml.v3 writes it as base64 (!!binary)
	}
	var indicators, leadSpace, trailSpace, leadBreak, trailBreak, breakSpace, spaceBreak bool
	if strings.HasPrefix(v, "---") || strings.HasPrefix(v, "...") {
		indicators = true
	}
	prev := rune(-1)
	for i, r := range v {
		switch {
		case r == '\n' || r >= 0x20 && r <= 0x7e:
		case r >= 0xa0 && r <= 0xd7ff, r >= 0xe000 && r <= 0xfffd && r != 0xfeff && r != 0x2028 && r != 0x2029:
		default:
			return a, false
		}
		if r == 0x2028 || r == 0x2029 {
			return a, false
		}
		next := byte(' ') // the end counts as white space
		if i+1 < len(v) {
			next = v[i+1]
		}
		switch r {
		case '#':
			if i == 0 || prev == ' ' || prev == '\n' {
				indicators = true
			}
		case ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
			if i == 0 {
				indicators = true
			}
		case '?', '-':
			if i == 0 && next == ' ' {
				indicators = true
			}
		case ':':
			if next == ' ' {
				indicators = true
			}
		case ' ':
			if i == 0 {
				leadSpace = true
			}
			if i == len(v)-1 {
				trailSpace = true
			}
			if prev == '\n' {
				breakSpace = true
			}
		case '\n':
			a.breaks = true
			if i == 0 {
				leadBreak = true
			}
			if i == len(v)-1 {
				trailBreak = true
			}
			if prev == ' ' {
				spaceBreak = true
			}
		}
		prev = r
	}
	a.plain = !(leadSpace || leadBreak || trailSpace || trailBreak || breakSpace || spaceBreak || a.breaks || indicators)
	a.single = !(breakSpace || spaceBreak)
	a.block = !(trailSpace || spaceBreak)
	return a, true
}
