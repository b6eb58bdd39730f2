package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unsafe"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/textpos"
	"github.com/l10n-dev/l10n/internal/yamlerr"
)

var pluralKeys = map[string]bool{"zero": true, "one": true, "two": true, "few": true, "many": true}

// Parse reads a catalog. Every comment line is kept somewhere: in the
// header, in an entry (its own comments, or the blocks above it), or at
// the end of the file; see File and Entry.
func Parse(data []byte) (*File, error) {
	return parse(string(data), parseDoc(false))
}

// ParseShared is Parse for a caller that drops the File before long (l10n
// check reads a catalog, checks it and is done with it): the values the
// fast reader reads are parts of data itself, as its comments are, where
// Parse copies the file once and each entry's values into a string of
// the entry's own, so that a caller that keeps a value (a title for an
// index page, a unit for the translation memory) does not keep the file
// with it. The File shares data's memory: the caller must not change
// data while the File or any string of it is in use.
func ParseShared(data []byte) (*File, error) {
	return parse(unsafe.String(unsafe.SliceData(data), len(data)), parseDoc(true))
}

// parse reads a catalog with the given reader of a document's lines;
// fast tells the reader whether every character of them is one the fast
// reader handles (see scanLines).
func parse(data string, parseDoc func(lines []string, fast bool) (*doc, error)) (*File, error) {
	lines, valid, fast := scanLines(data)
	if !valid {
		line, _ := textpos.InvalidUTF8Line([]byte(data))
		return nil, fileerr.New(line, "invalid UTF-8")
	}
	// The "#~" lines hold obsolete entries: parse them as a catalog of
	// their own, then map their lines back. Without them, the live
	// entries are every line.
	live := lines
	var old []string
	var oldLines, oldCols []int
	if slices.ContainsFunc(lines, isObsoleteLine) {
		live = make([]string, 0, len(lines))
		for i, l := range lines {
			t := strings.TrimRight(l, "\r")
			if isObsoleteLine(t) {
				o := strings.TrimPrefix(strings.TrimPrefix(t, "#~"), " ")
				old = append(old, o)
				oldLines = append(oldLines, i+1)
				oldCols = append(oldCols, len(t)-len(o))
				live = append(live, "")
				continue
			}
			live = append(live, l)
		}
	}
	d, err := parseDoc(live, fast)
	if err != nil {
		return nil, err
	}
	f := &File{Entries: d.entries, Header: d.header, End: d.end}
	if len(old) > 0 {
		od, err := parseDoc(old, fast)
		if err != nil {
			if ce, ok := err.(*Error); ok && ce.Line-1 < len(oldLines) {
				if ce.Column > 0 {
					ce.Column += oldCols[ce.Line-1]
				}
				ce.Line = oldLines[ce.Line-1]
				if t, ok := ce.Err.(*twiceError); ok && t.first >= 1 && t.first <= len(oldLines) {
					t.first = oldLines[t.first-1]
				}
			}
			return nil, err
		}
		for _, e := range od.entries {
			// A carriage return inside a "#~" line breaks the line for
			// YAML, so the section's document may have more lines than
			// the file has "#~" lines: those past the last are the last.
			e.Line = oldLines[min(e.Line, len(oldLines))-1]
		}
		f.Obsolete = od.entries
		// The obsolete section's own header is generated; anything a
		// translator added to it goes with the first obsolete entry.
		var own []string
		for _, l := range od.header {
			if !isObsoleteHeader(l) {
				own = append(own, l)
			}
		}
		if len(f.Obsolete) > 0 {
			f.Obsolete[0].Above = tidy(append(own, append([]string{""}, f.Obsolete[0].Above...)...))
			f.ObsoleteEnd = od.end
		} else {
			f.ObsoleteEnd = tidy(append(own, append([]string{""}, od.end...)...))
		}
	}
	return f, nil
}

// isObsoleteLine reports whether a line of a catalog holds an obsolete
// entry ("#~").
func isObsoleteLine(l string) bool { return strings.HasPrefix(l, "#~") }

func isObsoleteHeader(l string) bool {
	for _, h := range obsoleteHeader() {
		if l == h {
			return true
		}
	}
	return false
}

// doc is one YAML document of a catalog: the live entries, or the
// obsolete ones.
type doc struct {
	header  []string
	entries []*Entry
	end     []string
}

// parsed is an entry with the lines it spans.
type parsed struct {
	e        *Entry
	keyLine  int
	valueEnd int      // the last line of its value
	trailing []string // the comments at the end of its lines
	prev     []string // its "#|" lines
}

// parseDoc parses the entries of a catalog and places each comment line:
// lines is the file, 1-based lines are lines[n-1]. The entries are read
// by the fast reader when the lines are in the subset of YAML it reads
// (see fast.go), by yaml.v3 otherwise; share says whether the fast
// reader's values may be parts of the lines (see ParseShared). fast
// says whether the lines' characters are all the fast reader's (what
// scanLines found of the file they are taken from).
func parseDoc(share bool) func(lines []string, fast bool) (*doc, error) {
	return func(lines []string, fast bool) (*doc, error) {
		var entries []parsed
		var text map[int]bool
		ok := false
		if fast {
			entries, text, ok = fastDoc(lines, share)
		}
		if !ok {
			var err error
			if entries, text, err = yamlDoc(lines); err != nil {
				return nil, err
			}
		}
		return placeComments(lines, entries, text), nil
	}
}

// yamlDoc reads the entries of a catalog with yaml.v3, with the lines
// inside multi-line scalars (text, whatever they start with).
func yamlDoc(lines []string) ([]parsed, map[int]bool, error) {
	src := strings.Join(lines, "\n")
	var root yaml.Node
	if err := yaml.Unmarshal([]byte(src), &root); err != nil {
		p := yamlerr.Locate([]byte(src), err)
		return nil, nil, &Error{Line: p.Line, Column: p.Col, Err: errors.New(p.Msg)}
	}
	var entries []parsed
	text := map[int]bool{}
	if len(root.Content) > 0 {
		m := root.Content[0]
		if m.Kind != yaml.MappingNode {
			return nil, nil, fileerr.New(m.Line, "a catalog is a mapping of message ids to messages")
		}
		seen := map[string]int{}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if first, dup := seen[k.Value]; dup {
				return nil, nil, &Error{Line: k.Line, Err: &twiceError{fmt.Sprintf("message id %q is already defined at line ", k.Value), first, ""}}
			}
			seen[k.Value] = k.Line
			e := &Entry{ID: k.Value, Line: k.Line}
			if k.Kind != yaml.ScalarNode || k.Tag != "!!str" {
				return nil, nil, fileerr.Errorf(k.Line, "message id %q is not a string: quote it or start it with a letter", k.Value)
			}
			switch v.Kind {
			case yaml.ScalarNode:
				if v.Tag != "!!str" {
					return nil, nil, commented(lines, fileerr.Errorf(v.Line, "message %q: the text must be a string: quote it", k.Value))
				}
				e.Other, e.Style = v.Value, v.Style
			case yaml.MappingNode:
				if err := e.fields(v); err != nil {
					return nil, nil, commented(lines, err)
				}
			case yaml.AliasNode:
				return nil, nil, aliasError(k.Value, v)
			default:
				return nil, nil, fileerr.Errorf(v.Line, "message %q must be a string or a mapping of go-i18n keys", k.Value)
			}
			// Lines inside multi-line scalars are text, whatever they
			// start with.
			pe := parsed{e: e, keyLine: k.Line, valueEnd: nodeEnd(lines, v, k.Column-1, text)}
			pe.trailing = append(trailingComments(lines, k), trailingComments(lines, v)...)
			entries = append(entries, pe)
		}
	}
	return entries, text, nil
}

// placeComments files each comment line of a catalog's lines with the
// entries read from them; text marks the lines inside multi-line scalars.
func placeComments(lines []string, entries []parsed, text map[int]bool) *doc {
	d := &doc{}
	line := func(n int) string { return strings.TrimRight(lines[n-1], "\r") }
	comment := func(n int) bool {
		return n >= 1 && n <= len(lines) && !text[n] && strings.HasPrefix(strings.TrimSpace(line(n)), "#")
	}
	indented := func(n int) bool {
		l := line(n)
		return l != "" && (l[0] == ' ' || l[0] == '\t')
	}
	anyComment := func(from, to int) bool {
		for n := from; n <= to; n++ {
			if comment(n) {
				return true
			}
		}
		return false
	}
	// free collects the comment and blank lines from..to as a block list.
	free := func(from, to int) []string {
		var out []string
		for n := from; n <= to; n++ {
			t := strings.TrimSpace(line(n))
			switch {
			case comment(n):
				if !strings.HasPrefix(t, "#.") {
					out = append(out, t)
				}
			case t == "":
				out = append(out, "")
			}
		}
		return out
	}
	prevEnd := 0
	var notes []string
	for n := range entries {
		pe := &entries[n]
		e := pe.e
		keyLine := pe.keyLine
		from := prevEnd + 1
		if n > 0 {
			// Indented comments right after the previous entry's
			// value are that entry's.
			for from < keyLine && comment(from) && indented(from) {
				entries[n-1].own(line(from))
				from++
			}
		}
		// The comments right above the key are the entry's.
		first := keyLine
		for first > from && comment(first-1) {
			first--
		}
		if n == 0 {
			d.header = free(from, first-1)
		} else if anyComment(from, first-1) {
			// (Most often the lines between two entries are one blank
			// line, which tidy would drop.)
			e.Above = tidy(free(from, first-1))
		}
		// Its notes take their part of one array for every entry's.
		c := 0
		for ln := first; ln < keyLine; ln++ {
			if strings.HasPrefix(strings.TrimSpace(line(ln)), "#.") {
				c++
			}
		}
		if c > 0 {
			if cap(notes)-len(notes) < c {
				notes = make([]string, 0, c+len(entries)-n) // a note for each entry left, as a guess
			}
			e.Notes = notes[len(notes) : len(notes) : len(notes)+c]
			notes = notes[:len(notes)+c]
		}
		for ln := first; ln < keyLine; ln++ {
			pe.own(line(ln))
		}
		// Comment lines among the entry's fields, at any indentation.
		for ln := keyLine + 1; ln <= pe.valueEnd; ln++ {
			if comment(ln) {
				pe.own(line(ln))
			}
		}
		// Comments at the end of the entry's lines.
		e.Comments = append(e.Comments, pe.trailing...)
		prevEnd = pe.valueEnd
	}
	from := prevEnd + 1
	if len(entries) > 0 {
		last := &entries[len(entries)-1]
		for from <= len(lines) && comment(from) && indented(from) {
			last.own(line(from))
			from++
		}
		d.end = tidy(free(from, len(lines)))
	} else {
		d.header = free(1, len(lines))
	}
	for _, pe := range entries {
		d.entries = append(d.entries, pe.e)
		if len(pe.prev) > 0 {
			// Encode writes "#| en: " before the first line, and trims
			// the space when that line is empty.
			prev := strings.Join(pe.prev, "\n")
			if p, ok := strings.CutPrefix(prev, "en:"); ok && (p == "" || p[0] == ' ' || p[0] == '\n') {
				prev = strings.TrimPrefix(p, " ")
			}
			pe.e.Previous = prev
		}
	}
	return d
}

// aliasError is the error for a YAML alias (*name) as a message's value:
// a catalog writes every text out.
func aliasError(id string, v *yaml.Node) error {
	return fileerr.Errorf(v.Line, "message %q: the alias *%s stands for another value: write the text itself (a catalog has no aliases)", id, v.Value)
}

// own files one comment line of an entry: "#." lines are notes, "#|"
// lines the previous source, the rest the translator's.
func (pe *parsed) own(l string) {
	t := strings.TrimSpace(l)
	switch {
	case strings.HasPrefix(t, "#."):
		pe.e.Notes = append(pe.e.Notes, strings.TrimPrefix(strings.TrimPrefix(t, "#."), " "))
	case strings.HasPrefix(t, "#|"):
		pe.prev = append(pe.prev, strings.TrimPrefix(strings.TrimPrefix(t, "#|"), " "))
	default:
		pe.e.Comments = append(pe.e.Comments, t)
	}
}

// trailingComments returns the comments at the end of the lines of a
// node and its children (a key line, a value, a flow mapping).
func trailingComments(lines []string, n *yaml.Node) []string {
	var out []string
	if n.LineComment != "" && n.Line >= 1 && n.Line <= len(lines) && strings.Contains(lines[n.Line-1], n.LineComment) {
		for _, c := range strings.Split(n.LineComment, "\n") {
			c = strings.TrimSpace(c)
			if len(c) > 1 && strings.ContainsRune(".|~", rune(c[1])) {
				// Written above the key, "#." would read as a
				// generated note, "#|" as the previous source and
				// "#~" as an obsolete line: keep it the translator's.
				c = "# " + c[1:]
			}
			out = append(out, c)
		}
	}
	for _, c := range n.Content {
		out = append(out, trailingComments(lines, c)...)
	}
	return out
}

// nodeEnd returns the last line of a value whose key is indented by
// parent columns, and marks the lines inside its multi-line scalars as
// text.
func nodeEnd(lines []string, n *yaml.Node, parent int, text map[int]bool) int {
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		end := n.Line
		for i, c := range n.Content {
			p := parent
			if n.Kind == yaml.MappingNode && i%2 == 1 {
				p = n.Content[i-1].Column - 1
			}
			end = max(end, nodeEnd(lines, c, p, text))
		}
		return end
	case yaml.ScalarNode:
		end := scalarEnd(lines, n, parent)
		for l := n.Line + 1; l <= end; l++ {
			text[l] = true
		}
		return end
	}
	return n.Line
}

// scalarEnd returns the last line of a scalar: the line of the closing
// quote of a quoted one, the last line indented more than its key of a
// block scalar, the first line of a plain one (a plain scalar cannot hold
// a comment line).
func scalarEnd(lines []string, n *yaml.Node, parent int) int {
	if n.Line < 1 || n.Line > len(lines) {
		return n.Line
	}
	switch n.Style {
	case yaml.LiteralStyle, yaml.FoldedStyle:
		end := n.Line
		for l := n.Line + 1; l <= len(lines); l++ {
			t := strings.TrimRight(lines[l-1], "\r")
			if strings.TrimSpace(t) == "" {
				continue
			}
			if len(t)-len(strings.TrimLeft(t, " ")) <= parent {
				break
			}
			end = l
		}
		return end
	case yaml.DoubleQuotedStyle, yaml.SingleQuotedStyle:
		quote := '"'
		if n.Style == yaml.SingleQuotedStyle {
			quote = '\''
		}
		col := n.Column - 1
		for l := n.Line; l <= len(lines); l++ {
			rs := []rune(lines[l-1])
			start := 0
			if l == n.Line {
				if col >= len(rs) || rs[col] != quote {
					return n.Line
				}
				start = col + 1
			}
			for i := start; i < len(rs); i++ {
				switch {
				case quote == '"' && rs[i] == '\\':
					i++
				case rs[i] == quote && quote == '\'' && i+1 < len(rs) && rs[i+1] == '\'':
					i++
				case rs[i] == quote:
					return l
				}
			}
		}
		return len(lines)
	}
	return n.Line
}

func (e *Entry) fields(m *yaml.Node) error {
	var seen [9]struct {
		key  string
		line int
	}
	n := 0
	for j := 0; j+1 < len(m.Content); j += 2 {
		k, v := m.Content[j], m.Content[j+1]
		key := strings.ToLower(k.Value)
		// A key given twice (two "other:" lines, say, from a merge or a
		// paste): yaml.v3 keeps the last of a node's keys, go-i18n's
		// loader refuses the file, and either way one translation would
		// go without a word.
		for _, s := range seen[:n] {
			if s.key == key {
				return &Error{Line: k.Line, Err: &twiceError{fmt.Sprintf("message %q: %s is already given at line ", e.ID, k.Value), s.line, ": keep one of them"}}
			}
		}
		if n < len(seen) {
			seen[n].key, seen[n].line = key, k.Line
			n++
		}
		if v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
			if v.Kind == yaml.AliasNode {
				return aliasError(e.ID, v)
			}
			if v.Tag == "!!null" {
				return fileerr.Errorf(v.Line, "message %q: %s is empty: write %s: \"\" (go-i18n rejects an empty key)", e.ID, k.Value, k.Value)
			}
			return fileerr.Errorf(v.Line, "message %q: the value of %s must be a string: quote it", e.ID, k.Value)
		}
		switch {
		case key == "id":
			if v.Value != e.ID {
				return fileerr.Errorf(v.Line, "message %q: id %q differs from its key", e.ID, v.Value)
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
			return fileerr.Errorf(k.Line, "message %q: unknown key %q (go-i18n allows only id, description, hash, zero, one, two, few, many, other)", e.ID, k.Value)
		}
	}
	return nil
}

// commented adds the hint for a value that a "#" turned into a comment to
// an error about the value on its line.
func commented(lines []string, err error) error {
	if ce, ok := err.(*Error); ok && ce.Line > 0 && ce.Line <= len(lines) {
		if col, hint, ok := yamlerr.CommentedValue(lines[ce.Line-1]); ok {
			ce.Column, ce.Err = col, fmt.Errorf("%w: %s", ce.Err, hint)
		}
	}
	return err
}

// twiceError is an error about a key given a second time, whose message
// names the line it was first given at: before, that line, after. The
// line is a field so that an error in the obsolete section, which is
// parsed as a document of its own, can name the file's line.
type twiceError struct {
	before string
	first  int
	after  string
}

func (e *twiceError) Error() string { return e.before + strconv.Itoa(e.first) + e.after }
