// Package yamlerr turns a yaml.v3 syntax error into the line and column of
// the mistake a person made, with a hint for the usual ones: a value with
// an unquoted ": " or "#", a tab in the indentation, a quote never closed,
// text after a closing quote, a "[" or "{" never closed.
//
// yaml.v3 reports where its scanner gave up, which is often not where the
// mistake is: a tab on line 22 is reported at line 21, a quote opened on
// line 17 and closed by the next entry's quote on line 37 at line 37.
// Locate reads the source again, looking for those mistakes, and reports
// the first one; only when it finds none does it keep yaml.v3's line.
package yamlerr

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Pos is where a YAML error is and what it is: the mistake and its hint,
// then yaml.v3's message in parentheses.
type Pos struct {
	Line int // 1-based
	Col  int // 1-based, in characters; 0 when unknown
	Msg  string
}

// Locate returns the position and message of a yaml.v3 error in src. src
// may be nil: the position is then yaml.v3's line.
func Locate(src []byte, err error) Pos {
	line, msg := yamlLine(err)
	if src != nil {
		if p, ok := scan(string(src)); ok {
			// yaml.v3's words stay, for a search or a bug report.
			p.Msg += " (" + msg + ")"
			return p
		}
	}
	if name, ok := unknownAnchor(msg); ok && src != nil {
		// yaml.v3 names no line for an alias without its anchor.
		if ln, c, ok := aliasAt(string(src), name); ok {
			return Pos{Line: ln, Col: c, Msg: "*" + name + " names no anchor &" + name + ": write the value itself (" + msg + ")"}
		}
	}
	return Pos{Line: line, Msg: msg}
}

// unknownAnchor returns the name in yaml.v3's message about an alias
// whose anchor it has not seen ("unknown anchor 'x' referenced").
func unknownAnchor(msg string) (string, bool) {
	rest, ok := strings.CutPrefix(msg, "unknown anchor '")
	if !ok {
		return "", false
	}
	return strings.CutSuffix(rest, "' referenced")
}

// aliasAt returns the line and column of the first alias *name in src
// outside comments and quoted values: a "*" at the start of a value or a
// flow item, and the name ending where a value or item ends.
func aliasAt(src, name string) (int, int, bool) {
	for n, l := range strings.Split(src, "\n") {
		l = strings.TrimRight(l, "\r")
		for i := 0; i < len(l); i++ {
			starts := i == 0 || strings.IndexByte(" \t[{,", l[i-1]) >= 0
			switch {
			case l[i] == '#' && starts:
				i = len(l) // a comment, to the end of the line
			case (l[i] == '\'' || l[i] == '"') && starts:
				if end := closeQuote(l, i+1, l[i]); end >= 0 {
					i = end
				} else {
					i = len(l) // a quote that goes on to another line
				}
			case l[i] == '*' && starts && strings.HasPrefix(l[i+1:], name):
				end := i + 1 + len(name)
				if end == len(l) || strings.IndexByte(" \t]},", l[end]) >= 0 {
					return n + 1, col(l, i), true
				}
			}
		}
	}
	return 0, 0, false
}

// yamlLine splits a yaml.v3 error into its line (1 when it has none) and
// its message.
func yamlLine(err error) (int, string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		err = errors.New(te.Errors[0])
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	var line int
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		_, rest, _ := strings.Cut(msg, ":")
		return line, strings.TrimSpace(rest)
	}
	return 1, msg
}

// CommentedValue reports whether the value after the key on a line
// starts with "#", which YAML reads as a comment and so the value as
// empty (null); it returns the column of the "#" and a hint to quote.
func CommentedValue(line string) (int, string, bool) {
	l := strings.TrimRight(line, "\r")
	i := indent(l)
	entry := false
	for strings.HasPrefix(l[i:], "- ") {
		i += 2 + indent(l[i+2:])
		entry = true
	}
	v := i
	if k := keyEnd(l, i); k >= 0 {
		v = k + 1 + indent(l[k+1:])
	} else if !entry {
		return 0, "", false
	}
	if v >= len(l) || l[v] != '#' {
		return 0, "", false
	}
	return col(l, v), hintHash, true
}

// The hints.
const (
	hintColon = `a value with ": " in it must be quoted: other: 'Автор: Антон'`
	hintHash  = `"#" after a space starts a comment: quote the value ('#1 in the ranking')`
	hintTab   = "YAML indents with spaces only: replace the tab with spaces"
	hintQuote = "write the closing quote at the end of the value; inside '…' an apostrophe is written ''"
	hintAfter = "a quoted value ends at its closing quote: quote the whole value"
	// hintApostrophe is for the apostrophe of Ukrainian words (Зв'язані)
	// inside a value in single quotes.
	hintApostrophe = "inside '…' write it twice (Зв''язані) or use ʼ (Звʼязані)"
	hintFlow       = "close it on the same value, or quote the value if the bracket is text"
)

// scan looks for the mistakes it knows, in order through src, and returns
// the first.
func scan(src string) (Pos, bool) {
	lines := strings.Split(src, "\n")
	var (
		quote      byte // the open quote of a scalar spanning lines, or 0
		qLine, qAt int  // where it opened (line, byte offset)
		qIndent    int  // the indentation of the line it opened on
		flow       int  // depth of [ and { spanning lines
		fLine, fAt int
		fIndent    int
		block      = -1 // indentation of a block scalar's key, or -1
	)
	for n, raw := range lines {
		l := strings.TrimRight(raw, "\r")
		ln := n + 1
		ind := indent(l)
		blank := ind == len(l)
		if block >= 0 {
			if blank || ind > block {
				continue
			}
			block = -1
		}
		if quote != 0 || flow > 0 {
			// A line indented less than the one the quote or bracket
			// opened on, or as much and looking like a key, an entry or
			// a comment: the quote or bracket was never closed.
			start := ind
			for strings.HasPrefix(l[start:], "- ") {
				start += 2 + indent(l[start+2:])
			}
			structural := !blank && (start > ind || l[ind] == '#' || keyEnd(l, start) > start)
			switch {
			case quote != 0 && !blank && (ind < qIndent || ind == qIndent && structural):
				return Pos{qLine, col(lines[qLine-1], qAt), fmt.Sprintf("the quote %c opened here is not closed: %s", quote, hintQuote)}, true
			case quote == 0 && !blank && (ind < fIndent || ind == fIndent && structural):
				return Pos{fLine, col(lines[fLine-1], fAt), fmt.Sprintf("%q opened here is not closed: %s", lines[fLine-1][fAt], hintFlow)}, true
			}
			var i int
			if quote != 0 {
				if i = closeQuote(l, 0, quote); i < 0 {
					continue
				}
				quote = 0
				if flow == 0 {
					if p, bad := after(l, ln, i+1); bad {
						return p, true
					}
					continue
				}
				i++
			}
			var p Pos
			var bad bool
			if flow, quote, qAt, p, bad = flowScan(l, ln, i, flow); bad {
				return p, true
			}
			if quote != 0 {
				qLine, qIndent = ln, ind
			}
			continue
		}
		// Indentation: spaces only.
		if t := strings.IndexByte(l[:ind], '\t'); t >= 0 {
			return Pos{ln, col(l, t), "a tab in the indentation: " + hintTab}, true
		}
		if blank || l[ind] == '#' {
			continue
		}
		// Sequence entries, then a key, then its value.
		i := ind
		for strings.HasPrefix(l[i:], "- ") {
			i += 2 + indent(l[i+2:])
		}
		if k := keyEnd(l, i); k >= 0 {
			i = k + 1 + indent(l[k+1:])
		}
		if i >= len(l) {
			continue
		}
		switch c := l[i]; c {
		case '\'', '"':
			end := closeQuote(l, i+1, c)
			if end < 0 {
				quote, qLine, qAt, qIndent = c, ln, i, ind
				continue
			}
			if p, bad := after(l, ln, end+1); bad {
				return p, true
			}
		case '[', '{':
			depth, q, at, p, bad := flowScan(l, ln, i, 0)
			if bad {
				return p, true
			}
			if depth > 0 {
				flow, fLine, fAt, fIndent = depth, ln, i, ind
			}
			if q != 0 {
				quote, qLine, qAt, qIndent = q, ln, at, ind
			}
		case '|', '>':
			block = ind
		case '&', '*', '!', '#', '%', '@', '`':
			// Anchors, aliases, tags, comments: not looked into.
		default:
			// A plain value: ": " in it starts a mapping YAML does not
			// allow here; " #" ends it.
			for j := i; j < len(l); j++ {
				if l[j] == '#' && (l[j-1] == ' ' || l[j-1] == '\t') {
					break
				}
				if l[j] == ':' && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
					return Pos{ln, col(l, j), "unquoted \": \" in a value: " + hintColon}, true
				}
			}
		}
	}
	switch {
	case quote != 0:
		return Pos{qLine, col(lines[qLine-1], qAt), fmt.Sprintf("the quote %c opened here is not closed: %s", quote, hintQuote)}, true
	case flow > 0:
		return Pos{fLine, col(lines[fLine-1], fAt), fmt.Sprintf("%q opened here is not closed: %s", lines[fLine-1][fAt], hintFlow)}, true
	}
	return Pos{}, false
}

// flowScan reads a flow collection ([…], {…}) on line l from byte i, at
// depth (0 when i is at its opening bracket). It returns the depth at the
// end of the line, and the quote left open there (with its offset).
func flowScan(l string, ln, i, depth int) (int, byte, int, Pos, bool) {
	for ; i < len(l); i++ {
		switch c := l[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				p, bad := after(l, ln, i+1)
				return 0, 0, 0, p, bad
			}
		case '\'', '"':
			end := closeQuote(l, i+1, c)
			if end < 0 {
				return depth, c, i, Pos{}, false
			}
			i = end
		case '#':
			// Right after a bracket or comma, "#" cannot start a value
			// (and after a space it starts a comment that hides the
			// rest of the collection); after a space it is a comment to
			// the end of the line; else part of a word.
			k := i - 1
			for k >= 0 && (l[k] == ' ' || l[k] == '\t') {
				k--
			}
			if k >= 0 && (l[k] == '[' || l[k] == '{' || l[k] == ',') {
				return depth, 0, 0, Pos{ln, col(l, i), "a \"#\" in a list or mapping: " + hintHash}, true
			}
			if k == i-1 {
				continue
			}
			return depth, 0, 0, Pos{}, false
		}
	}
	return depth, 0, 0, Pos{}, false
}

// after checks what follows a closed quoted value or flow collection at
// byte i of a line: spaces, a comment, or (inside a collection) the
// next item.
func after(l string, ln, i int) (Pos, bool) {
	j := i + indent(l[i:])
	if j == len(l) || l[j] == '#' && j > i || l[j] == ',' || l[j] == ']' || l[j] == '}' || l[j] == ':' {
		return Pos{}, false
	}
	if r, _ := utf8.DecodeRuneInString(l[i:]); i > 0 && l[i-1] == '\'' && unicode.IsLetter(r) {
		return Pos{ln, col(l, i-1), "an apostrophe ends the quoted value: " + hintApostrophe}, true
	}
	return Pos{ln, col(l, j), "text after the closing quote or bracket: " + hintAfter}, true
}

// closeQuote returns the offset of the quote that closes a scalar opened
// by q, searching l from byte i, or -1.
func closeQuote(l string, i int, q byte) int {
	for ; i < len(l); i++ {
		switch {
		case q == '"' && l[i] == '\\':
			i++
		case l[i] == q && q == '\'' && i+1 < len(l) && l[i+1] == '\'':
			i++
		case l[i] == q:
			return i
		}
	}
	return -1
}

// keyEnd returns the offset of the ":" that ends a plain key starting at
// byte i of l, or -1 when l has no key there.
func keyEnd(l string, i int) int {
	if i >= len(l) {
		return -1
	}
	if strings.IndexByte("'\"[{#|>&*!?%@`", l[i]) >= 0 {
		return -1
	}
	for j := i; j < len(l); j++ {
		if l[j] == '#' && j > i && l[j-1] == ' ' {
			return -1
		}
		if l[j] == ':' && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
			return j
		}
	}
	return -1
}

// indent returns the number of leading spaces and tabs of l.
func indent(l string) int {
	return len(l) - len(strings.TrimLeft(l, " \t"))
}

// col returns the 1-based column, in characters, of byte i of l.
func col(l string, i int) int { return utf8.RuneCountInString(l[:i]) + 1 }
