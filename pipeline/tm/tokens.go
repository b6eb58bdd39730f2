package tm

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/xliff"
)

// tokKind is what a token of a text is.
type tokKind uint8

// Token kinds. The last three are placeables: a match whose only
// differences are placeables can be adapted (see Adapt).
const (
	kWord   tokKind = iota // a run of letters and digits that starts with a letter
	kPunct                 // one punctuation or symbol character
	kMarkup                // Markdown markup: "**", "[", raw HTML, a hard line break …
	kNumber                // a number written with digits: 3,767 or 3.5
	kURL                   // a link's or image's destination with its syntax, "](https://…)", or an autolink
	kCode                  // a code span, backticks included
)

func (k tokKind) placeable() bool { return k >= kNumber }

// token is one token of a text.
type token struct {
	kind tokKind
	// key is what two tokens are compared by: a word lower-cased (NFC,
	// one apostrophe), a number's value (3767, 3.5), any other token's
	// text as written.
	key        string
	start, end int // byte range in the text
	n          num // a number's reading
}

// tokenizer cuts texts into tokens; it holds a goldmark parser, so a
// tokenizer serves one goroutine at a time.
type tokenizer struct {
	doc *segment.Doc
}

// newTokenizer returns a tokenizer.
func newTokenizer() *tokenizer {
	d, err := segment.Parse(nil)
	if err != nil {
		// segment.Parse fails only on invalid UTF-8 and bad front
		// matter; an empty article has neither.
		panic("tm: segment.Parse(nil): " + err.Error())
	}
	return &tokenizer{doc: d}
}

// tokens cuts a unit's inline Markdown, whose numbers are written in
// format f, into tokens. The Markdown is split
// into prose and markup by xliff.FromMarkdown (the same cut the XLIFF
// export makes, so code spans, link destinations and autolinks are
// recognised by goldmark, never by a pattern); prose is cut into words,
// numbers and punctuation, each markup code is one token.
func (t *tokenizer) tokens(text string, f numberFormat) []token {
	var out []token
	off := 0
	for _, p := range xliff.FromMarkdown(t.doc, text) {
		if p.Kind == xliff.Text {
			out = prose(out, p.Text, off, f)
		} else {
			out = append(out, token{kind: codeKind(p), key: p.Text, start: off, end: off + len(p.Text)})
		}
		off += len(p.Text)
	}
	return out
}

// codeKind classifies a markup code of xliff.FromMarkdown.
func codeKind(p xliff.Piece) tokKind {
	switch {
	case p.Ctype == xliff.CtypeCode:
		return kCode
	case p.Ctype == xliff.CtypeAutolink, strings.HasPrefix(p.Text, "]("):
		return kURL
	}
	return kMarkup
}

// prose appends the tokens of prose s, which starts at byte off of the
// text and writes numbers in format f.
func prose(out []token, s string, off int, f numberFormat) []token {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case isDigit(r):
			n := f.scanNumber(s[i:])
			n.start, n.end = off+i, off+i+n.end
			out = append(out, token{kind: kNumber, key: n.value, start: n.start, end: n.end, n: n})
			i += n.end - n.start
		case isWordRune(r):
			j := i + w
			for j < len(s) {
				r, w := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r) && !(isApostrophe(r) && letterAround(s, j, w)) {
					break
				}
				j += w
			}
			out = append(out, token{kind: kWord, key: wordKey(s[i:j]), start: off + i, end: off + j})
			i = j
		case unicode.IsSpace(r):
			i += w
		default:
			out = append(out, token{kind: kPunct, key: s[i : i+w], start: off + i, end: off + i + w})
			i += w
		}
	}
	return out
}

// isWordRune reports whether r continues a word: a letter, a digit or a
// combining mark.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == 'ʼ' }

// letterAround reports whether the rune of width w at s[i:] has a letter
// on both sides.
func letterAround(s string, i, w int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+w:])
	return unicode.IsLetter(prev) && unicode.IsLetter(next)
}

// wordKey returns the form words are compared in: lower case, NFC, with
// one apostrophe.
func wordKey(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	w = norm.NFC.String(w)
	w = strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return '\''
		}
		return r
	}, w)
	return strings.ToLower(w)
}
