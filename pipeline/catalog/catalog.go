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
// to the translator and are kept. Entries that are no longer in the source
// are kept at the end of the file as "#~" comments, which go-i18n does not
// load, until they come back or are pruned.
package catalog

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/textpos"
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
	// Comments are the translator's comment lines, "#" included.
	Comments []string
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

// Error is a syntax or schema error at a line of a catalog.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Hash returns go-i18n's hash of a source message, as `goi18n merge`
// computes it: "sha1-" followed by the hex SHA-1 of description + other.
func Hash(description, other string) string {
	h := sha1.New()
	h.Write([]byte(description))
	h.Write([]byte(other))
	return "sha1-" + hex.EncodeToString(h.Sum(nil))
}

var pluralKeys = map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true}

// Parse reads a catalog.
func Parse(data []byte) (*File, error) {
	return parse(data, parseEntries)
}

// parse reads a catalog with the given reader of entries.
func parse(data []byte, parseEntries func([]string) ([]*Entry, error)) (*File, error) {
	if line, bad := textpos.InvalidUTF8Line(data); bad {
		return nil, &Error{line, "invalid UTF-8"}
	}
	lines := strings.Split(string(data), "\n")
	// The "#~" lines hold obsolete entries: parse them as a catalog of
	// their own, then map their lines back.
	var live, old []string
	var oldLines []int
	for i, l := range lines {
		t := strings.TrimRight(l, "\r")
		if strings.HasPrefix(t, "#~") {
			old = append(old, strings.TrimPrefix(strings.TrimPrefix(t, "#~"), " "))
			oldLines = append(oldLines, i+1)
			live = append(live, "")
			continue
		}
		live = append(live, l)
	}
	entries, err := parseEntries(live)
	if err != nil {
		return nil, err
	}
	f := &File{Entries: entries}
	if len(old) > 0 {
		obs, err := parseEntries(old)
		if err != nil {
			var ce *Error
			if asError(err, &ce) && ce.Line-1 < len(oldLines) {
				ce.Line = oldLines[ce.Line-1]
			}
			return nil, err
		}
		for _, e := range obs {
			e.Line = oldLines[e.Line-1]
		}
		f.Obsolete = obs
	}
	return f, nil
}

func asError(err error, target **Error) bool {
	e, ok := err.(*Error)
	if ok {
		*target = e
	}
	return ok
}

// parseEntries reads the entries of a catalog's lines: with the fast
// reader when they are in the subset of YAML it reads (see fast.go), with
// yaml.v3 otherwise.
func parseEntries(lines []string) ([]*Entry, error) {
	if out, ok := fastEntries(lines); ok {
		return out, nil
	}
	return yamlEntries(lines)
}

// yamlEntries reads the entries of a catalog's lines with yaml.v3.
func yamlEntries(lines []string) ([]*Entry, error) {
	src := strings.Join(lines, "\n")
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		return nil, YAMLError(err)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, &Error{root.Line, "a catalog is a mapping of message ids to messages"}
	}
	var out []*Entry
	seen := map[string]int{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if first, dup := seen[k.Value]; dup {
			return nil, &Error{k.Line, fmt.Sprintf("message id %q is already defined at line %d", k.Value, first)}
		}
		seen[k.Value] = k.Line
		e := &Entry{ID: k.Value, Line: k.Line}
		if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
			return nil, &Error{k.Line, fmt.Sprintf("message id %q is not a string: quote it or start it with a letter", k.Value)}
		}
		switch v.Kind {
		case yaml.ScalarNode:
			if v.Tag != "!!str" {
				return nil, &Error{v.Line, fmt.Sprintf("message %q: the text must be a string: quote it", k.Value)}
			}
			e.Other, e.Style = v.Value, v.Style
			e.Comments = append(e.Comments, lineComment(v)...)
		case yaml.MappingNode:
			if err := e.fields(v); err != nil {
				return nil, err
			}
		default:
			return nil, &Error{v.Line, fmt.Sprintf("message %q must be a string or a mapping of go-i18n keys", k.Value)}
		}
		e.comments(lines, k.Line, endLine(root, i, len(lines)))
		out = append(out, e)
	}
	return out, nil
}

// endLine returns the last line that belongs to the i-th key of a mapping.
func endLine(m *yaml.Node, i, last int) int {
	if i+2 < len(m.Content) {
		return m.Content[i+2].Line - 1
	}
	return last
}

func (e *Entry) fields(m *yaml.Node) error {
	for j := 0; j+1 < len(m.Content); j += 2 {
		k, v := m.Content[j], m.Content[j+1]
		key := strings.ToLower(k.Value)
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			if v.Tag == "!!null" {
				return &Error{v.Line, fmt.Sprintf("message %q: %s is empty: write %s: \"\" (go-i18n rejects an empty key)", e.ID, k.Value, k.Value)}
			}
			return &Error{v.Line, fmt.Sprintf("message %q: the value of %s must be a string: quote it", e.ID, k.Value)}
		}
		switch {
		case key == "id":
			if v.Value != e.ID {
				return &Error{v.Line, fmt.Sprintf("message %q: id %q differs from its key", e.ID, v.Value)}
			}
		case key == "description":
			e.Description = v.Value
		case key == "hash":
			e.Hash = v.Value
		case key == "other":
			e.Other, e.Style = v.Value, v.Style
		case pluralKeys[key]:
			if e.Plural == nil {
				e.Plural = map[string]string{}
			}
			e.Plural[key] = v.Value
		default:
			return &Error{k.Line, fmt.Sprintf("message %q: unknown key %q (go-i18n allows only id, description, hash, zero, one, two, few, many, other)", e.ID, k.Value)}
		}
		e.Comments = append(e.Comments, lineComment(v)...)
	}
	return nil
}

func lineComment(n *yaml.Node) []string {
	if n.LineComment == "" {
		return nil
	}
	return []string{n.LineComment}
}

// comments collects the comment lines right above an entry's key and
// inside its body: "#." lines are generated and dropped, "#|" lines are
// the previous source, the rest are the translator's.
func (e *Entry) comments(lines []string, keyLine, last int) {
	first := keyLine - 1
	for first > 0 && strings.HasPrefix(lines[first-1], "#") {
		first--
	}
	var prev []string
	for ln := first + 1; ln <= last && ln <= len(lines); ln++ {
		t := strings.TrimSpace(strings.TrimRight(lines[ln-1], "\r"))
		if ln == keyLine || !strings.HasPrefix(t, "#") {
			continue
		}
		if ln > keyLine && !strings.HasPrefix(lines[ln-1], " ") && !strings.HasPrefix(lines[ln-1], "\t") {
			// A comment at column 0 after the body is the next
			// entry's, or the file's.
			continue
		}
		switch {
		case strings.HasPrefix(t, "#."):
		case strings.HasPrefix(t, "#|"):
			prev = append(prev, strings.TrimPrefix(strings.TrimPrefix(t, "#|"), " "))
		default:
			if !contains(e.Comments, t) {
				e.Comments = append(e.Comments, t)
			}
		}
	}
	if len(prev) > 0 {
		e.Previous = strings.TrimPrefix(strings.Join(prev, "\n"), "en: ")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// YAMLError turns a yaml.v3 error into an Error with its line.
func YAMLError(err error) error {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		_, rest, _ := strings.Cut(msg, ":")
		return &Error{line, strings.TrimSpace(rest)}
	}
	if te, ok := err.(*yaml.TypeError); ok && len(te.Errors) > 0 {
		return YAMLError(fmt.Errorf("%s", te.Errors[0]))
	}
	return &Error{1, msg}
}

// Notes returns the generated comment lines (without "#. ") for an entry.
type Notes func(e *Entry) []string

// Encode writes a catalog. header lines (without "# ") open the file;
// notes gives each entry's generated comment lines.
func (f *File) Encode(header []string, notes Notes) []byte {
	var b bytes.Buffer
	for _, h := range header {
		b.WriteString(strings.TrimRight("# "+h, " "))
		b.WriteByte('\n')
	}
	for _, e := range f.Entries {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		writeEntry(&b, e, notes, "")
	}
	if len(f.Obsolete) > 0 {
		b.WriteString("\n#~ # Obsolete: no longer in the source article. l10n keeps these translations,\n")
		b.WriteString("#~ # restores them if the text comes back, and drops them only on `l10n prune`.\n")
		for _, e := range f.Obsolete {
			b.WriteString("#~\n")
			writeEntry(&b, e, notes, "#~ ")
		}
	}
	return b.Bytes()
}

func writeEntry(b *bytes.Buffer, e *Entry, notes Notes, prefix string) {
	line := func(s string) {
		b.WriteString(strings.TrimRight(prefix+s, " "))
		b.WriteByte('\n')
	}
	if notes != nil {
		for _, n := range notes(e) {
			for _, l := range strings.Split(n, "\n") {
				line("#. " + l)
			}
		}
	}
	if e.Previous != "" {
		for i, l := range strings.Split(e.Previous, "\n") {
			if i == 0 {
				l = "en: " + l
			}
			line("#| " + l)
		}
	}
	for _, c := range e.Comments {
		line(c)
	}
	line(encodeKey(e.ID) + ":")
	if e.Description != "" {
		field(line, "description", e.Description, 0)
	}
	if e.Hash != "" {
		field(line, "hash", e.Hash, 0)
	}
	keys := make([]string, 0, len(e.Plural))
	for k := range e.Plural {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return pluralOrder(keys[i]) < pluralOrder(keys[j]) })
	for _, k := range keys {
		field(line, k, e.Plural[k], 0)
	}
	field(line, "other", e.Other, e.Style)
}

func pluralOrder(k string) int {
	return strings.Index("zero one  two  few  many", k)
}

func encodeKey(id string) string {
	out := encodeScalar("k", id, 0)
	return strings.TrimSuffix(strings.TrimPrefix(out, "k: "), "\n")
}

// field writes "key: value" indented by two spaces.
func field(line func(string), key, value string, style yaml.Style) {
	out := encodeScalar(key, value, style)
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		line("  " + l)
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
