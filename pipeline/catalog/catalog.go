// Package catalog reads and writes l10n's per-locale catalogs: go-i18n v2
// YAML message files whose entries carry only go-i18n's reserved keys, with
// everything else a translator needs kept in YAML comments.
//
// An entry looks like this:
//
//	#. en: In total, about 3,767 Ukrainian prisoners of war …
//	#| en: In total, about 3,760 Ukrainian prisoners of war …
//	# a translator's own note
//	p-in-total-about:
//	  hash: sha1-5c0b…
//	  other: Загалом близько 3 767 українських військовополонених …
//
// Lines starting with "#." are regenerated on every write; "#|" lines hold
// the source text a stale translation was made from; other comments belong
// to the translator and are kept wherever they sit: in the header, above
// an entry (directly, or as a block of its own followed by a blank line),
// on the key line or a value line, between an entry's fields, at the end
// of the file. Entries that are no longer in the source are kept at the
// end of the file as "#~" comments, which go-i18n does not load, until
// they come back or are pruned.
package catalog

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/fileerr"
)

// Entry is one message of a catalog.
type Entry struct {
	ID          string
	Description string
	// Hash is go-i18n's hash of the source message the translation was
	// made from; "" when absent.
	Hash  string
	Other string
	// Style is the YAML style of the other value as the file had it.
	Style yaml.Style
	// Plural holds go-i18n's other plural forms (zero, one, two, few,
	// many), kept as they are.
	Plural map[string]string
	// Comments are the translator's comment lines of the entry, "#"
	// included: those right above its key, between its fields, and at
	// the end of its lines. They are written right above the key.
	Comments []string
	// Above are the translator's comment lines in blocks of their own
	// before the entry (a section comment): separated from it by a blank
	// line, with "" for each blank line between them. They travel with
	// the entry.
	Above []string
	// Notes are the generated "#." lines above the entry as read
	// (without "#. "): what the file showed the translator. Encode
	// writes the notes it is given instead.
	Notes []string
	// Previous is the source text a stale translation was made from
	// (the "#|" comment), or "".
	Previous string
	// Line is the entry's line in the file.
	Line int
}

// File is a parsed catalog.
type File struct {
	Entries  []*Entry
	Obsolete []*Entry
	// Header holds the comment lines before the first entry's own
	// comments, "" for a blank line between them: the generated header
	// and whatever a translator wrote there. Encode writes the lines that
	// are not part of the header it is given after it.
	Header []string
	// End holds the comment lines after the last entry ("" for blank
	// lines between them).
	End []string
	// ObsoleteEnd holds the comment lines after the last obsolete entry
	// (written with "#~ " like the entries).
	ObsoleteEnd []string
}

// Lookup returns the live entry with the given id.
func (f *File) Lookup(id string) *Entry {
	for _, e := range f.Entries {
		if e.ID == id {
			return e
		}
	}
	return nil
}

// Error is bad input at a line of a catalog: the file:line error every
// parser of l10n returns.
type Error = fileerr.Error

// Hash returns go-i18n's hash of a source message, as `goi18n merge`
// computes it: "sha1-" followed by the hex SHA-1 of description + other.
func Hash(description, other string) string {
	var small [512]byte
	sum := sha1.Sum(append(append(small[:0], description...), other...))
	var out [len("sha1-") + 2*sha1.Size]byte
	copy(out[:], "sha1-")
	hex.Encode(out[len("sha1-"):], sum[:])
	return string(out[:])
}

// Notes returns the generated comment lines (without "#. ") for an entry.
type Notes func(e *Entry) []string

// obsoleteHeader is the comment that opens the obsolete entries at the end
// of a catalog; Parse drops it and Encode writes it.
func obsoleteHeader() []string {
	return []string{
		"# Obsolete: no longer in the source article. l10n keeps these translations,",
		"# restores them if the text comes back, and drops them only on `l10n prune`.",
	}
}

// Encode writes a catalog. header lines (without "# ") open the file,
// followed by the lines of f.Header that are not among them; notes gives
// each entry's generated comment lines.
func (f *File) Encode(header []string, notes Notes) []byte {
	w := &encoder{b: make([]byte, 0, f.sizeHint())}
	w.file(f, header, notes)
	return w.b
}

// file writes a catalog (see Encode).
func (w *encoder) file(f *File, header []string, notes Notes) {
	gen := make(map[string]bool, len(header))
	for _, h := range header {
		l := strings.TrimRight(string(appendComment([]byte("# "), h)), " ")
		gen[l] = true
		w.b = append(append(w.b, l...), '\n')
	}
	var own []string
	for _, l := range f.Header {
		if !gen[l] && !strings.HasPrefix(l, "#.") {
			own = append(own, l)
		}
	}
	// A translator's block after the generated header stays a block of
	// its own; lines added to the header stay in it.
	apart := len(own) > 0 && own[0] == ""
	if own = tidy(own); len(own) > 0 && apart && len(w.b) > 0 {
		w.b = append(w.b, '\n')
	}
	w.lines(own, "")
	for _, e := range f.Entries {
		if len(w.b) > 0 {
			w.b = append(w.b, '\n')
		}
		if above := tidy(e.Above); len(above) > 0 {
			w.lines(above, "")
			w.b = append(w.b, '\n')
		}
		w.entry(e, notes, "")
	}
	if len(f.Obsolete) > 0 || len(tidy(f.ObsoleteEnd)) > 0 {
		w.b = append(w.b, '\n')
		w.lines(obsoleteHeader(), "#~ ")
		for _, e := range f.Obsolete {
			w.b = append(w.b, "#~\n"...)
			if above := tidy(e.Above); len(above) > 0 {
				w.lines(above, "#~ ")
				w.b = append(w.b, "#~\n"...)
			}
			w.entry(e, notes, "#~ ")
		}
		if end := tidy(f.ObsoleteEnd); len(end) > 0 {
			w.b = append(w.b, "#~\n"...)
			w.lines(end, "#~ ")
		}
	}
	if end := tidy(f.End); len(end) > 0 {
		if len(w.b) > 0 {
			w.b = append(w.b, '\n')
		}
		w.lines(end, "")
	}
}

// sizeHint guesses the size of the encoded file from its entries' text,
// so that Encode's buffer seldom grows.
func (f *File) sizeHint() int {
	n := 512
	for _, list := range [][]*Entry{f.Entries, f.Obsolete} {
		for _, e := range list {
			n += 64 + len(e.ID) + len(e.Description) + len(e.Hash) + 2*len(e.Other) + len(e.Previous)
			for _, c := range e.Comments {
				n += len(c) + 4
			}
		}
	}
	return n
}

// encoder is the bytes of a catalog being written, and a buffer for one
// value at a time; yamlOnly has every value written by yaml.v3 (the
// tests' reference for the encoder's own writing).
type encoder struct {
	b, value []byte
	yamlOnly bool
}

// end finishes a line that started at offset start: trailing spaces go,
// a line break ends it.
func (w *encoder) end(start int) {
	n := len(w.b)
	for n > start && w.b[n-1] == ' ' {
		n--
	}
	w.b = append(w.b[:n], '\n')
}

// line writes prefix+a+b as a comment line, without trailing spaces
// and with what YAML refuses in a comment or reads as a line break
// escaped (appendComment).
func (w *encoder) line(prefix, a, b string) {
	start := len(w.b)
	w.b = appendComment(appendComment(append(w.b, prefix...), a), b)
	w.end(start)
}

// appendComment appends s to a comment line, each rune YAML refuses in a
// comment or reads as a line break written as \uXXXX (\xXX for a byte
// that is not UTF-8): controls but the tab (C0, DEL, C1 with NEL, and
// the carriage return), the line and paragraph separators, the byte
// order mark and the noncharacters U+FFFE and U+FFFF. An article's text
// reaches comments ("#. en:", "#| en:") as it is, and may hold one
// pasted from elsewhere; a catalog with it raw is one that neither l10n
// nor go-i18n could read back.
func appendComment(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f || c == '\t' {
			i++
			continue
		}
		r, n := rune(c), 1
		if c >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r == utf8.RuneError && n == 1:
			dst = fmt.Appendf(append(dst, s[start:i]...), "\\x%02X", c)
		case r < 0x20 || r >= 0x7f && r <= 0x9f || r == 0x2028 || r == 0x2029 || r == 0xfeff || r == 0xfffe || r == 0xffff:
			dst = fmt.Appendf(append(dst, s[start:i]...), "\\u%04X", r)
		default:
			i += n
			continue
		}
		i += n
		start = i
	}
	return append(dst, s[start:]...)
}

// lines writes comment lines with a prefix; "" is a blank line.
func (w *encoder) lines(lines []string, prefix string) {
	for _, l := range lines {
		w.line(prefix, live(prefix, l), "")
	}
}

// live keeps a translator's comment that starts with "#~" (read from an
// indented line) off the first column of the live entries, where it would
// start an obsolete entry.
func live(prefix, comment string) string {
	if prefix == "" && strings.HasPrefix(comment, "#~") {
		return " " + comment
	}
	return comment
}

// tidy drops blank lines at the ends of a block of comment lines and
// runs of blank lines inside it.
func tidy(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l == "" && (len(out) == 0 || out[len(out)-1] == "") {
			continue
		}
		out = append(out, l)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// entry writes an entry: its generated notes, its previous source text,
// the translator's comments, its key and its fields.
func (w *encoder) entry(e *Entry, notes Notes, prefix string) {
	if notes != nil {
		for _, n := range notes(e) {
			for {
				l, rest, more := strings.Cut(n, "\n")
				w.line(prefix, "#. ", l)
				if !more {
					break
				}
				n = rest
			}
		}
	}
	if e.Previous != "" {
		lead := "#| en: "
		for n := e.Previous; ; lead = "#| " {
			l, rest, more := strings.Cut(n, "\n")
			w.line(prefix, lead, l)
			if !more {
				break
			}
			n = rest
		}
	}
	for _, c := range e.Comments {
		w.line(prefix, live(prefix, c), "")
	}
	w.key(e.ID, prefix)
	if e.Description != "" {
		w.field(prefix, "description", e.Description, 0)
	}
	if e.Hash != "" {
		w.field(prefix, "hash", e.Hash, 0)
	}
	if len(e.Plural) > 0 {
		keys := make([]string, 0, len(e.Plural))
		for k := range e.Plural {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return pluralOrder(keys[i]) < pluralOrder(keys[j]) })
		for _, k := range keys {
			w.field(prefix, k, e.Plural[k], 0)
		}
	}
	w.field(prefix, "other", e.Other, e.Style)
}

func pluralOrder(k string) int {
	return strings.Index("zero one  two  few  many", k)
}

// scalar encodes "key: value" into w.value (see encodeScalar).
func (w *encoder) scalar(key, value string, style yaml.Style) {
	ok := false
	if !w.yamlOnly {
		w.value, ok = appendScalar(w.value[:0], key, value, style)
	}
	if !ok {
		w.value = append(w.value[:0], yamlScalar(key, value, style)...)
	}
}

// key writes an entry's key line.
func (w *encoder) key(id, prefix string) {
	w.scalar("k", id, 0)
	v := bytes.TrimSuffix(bytes.TrimPrefix(w.value, []byte("k: ")), []byte("\n"))
	start := len(w.b)
	w.b = append(append(append(w.b, prefix...), v...), ':')
	w.end(start)
}

// field writes "key: value" indented by two spaces.
func (w *encoder) field(prefix, key, value string, style yaml.Style) {
	w.scalar(key, value, style)
	rest := bytes.TrimSuffix(w.value, []byte("\n"))
	for {
		l, after, more := bytes.Cut(rest, []byte("\n"))
		start := len(w.b)
		w.b = append(append(append(w.b, prefix...), "  "...), l...)
		w.end(start)
		if !more {
			break
		}
		rest = after
	}
}

// encodeScalar encodes a one-key mapping as yaml.v3 does, in the given
// style where the value allows it: itself for the values it can write
// (see fastScalar), with yaml.v3 for the others.
func encodeScalar(key, value string, style yaml.Style) string {
	if out, ok := fastScalar(key, value, style); ok {
		return out
	}
	return yamlScalar(key, value, style)
}

// yamlScalar encodes a one-key mapping with yaml.v3, in the given style
// where the value allows it.
func yamlScalar(key, value string, style yaml.Style) string {
	style &^= yaml.FlowStyle | yaml.TaggedStyle
	if style == yaml.LiteralStyle || style == yaml.FoldedStyle {
		if !strings.Contains(value, "\n") {
			style = 0
		} else {
			style = yaml.LiteralStyle // folding would rewrap the text
		}
	}
	n := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		{Kind: yaml.ScalarNode, Value: key},
		{Kind: yaml.ScalarNode, Value: value, Tag: "!!str", Style: style},
	}}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		// A string always encodes; fall back to double quotes.
		return fmt.Sprintf("%s: %q\n", key, value)
	}
	return b.String()
}

// plainSafe reports whether s is a plain YAML scalar that reads back as
// the same string: a letter first, then only ASCII letters, digits, '-'
// and '_', and not one of the words YAML reads as something else.
func plainSafe(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	c := s[0]
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf":
		return false
	}
	return true
}
