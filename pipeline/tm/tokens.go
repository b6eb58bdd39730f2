package tm

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/sentence"
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

// token is one token of a text: 32 bytes, as a memory is built from
// millions (a number's reading is found again where it is needed, see
// adapt).
type token struct {
	kind tokKind
	// start and end are its byte range in the text (a unit's text is
	// far below 2 GiB).
	start, end int32
	// key is what two tokens are compared by: a word case-folded
	// (glossary's Lang.Key), a number's value (3767, 3.5), any other
	// token's text as written.
	key string
}

// tokenizer cuts texts into tokens; it holds a goldmark parser, so a
// tokenizer serves one goroutine at a time.
type tokenizer struct {
	doc *segment.Doc
}

// tokenizers are the tokenizers of every memory, which need nothing of
// one (a pool of each memory's would keep it: see Memory.scratch).
var tokenizers = sync.Pool{New: func() any { return newTokenizer() }}

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
func (t *tokenizer) tokens(text string, f numfmt.Format) []token {
	return tokensOf(xliff.FromMarkdown(t.doc, text), f, true)
}

// tokensOf cuts the pieces of a text (see tokens) into tokens; without
// keys, words are left without theirs (for a text whose numbers alone
// matter).
func tokensOf(pieces xliff.Content, f numfmt.Format, keys bool) []token {
	n := 0
	for _, p := range pieces {
		n += len(p.Text)
	}
	out := make([]token, 0, n/4+1) // news prose: a token every five or six bytes
	off := 0
	for _, p := range pieces {
		if p.Kind == xliff.Text {
			out = prose(out, p.Text, off, f, keys)
		} else {
			out = append(out, token{kind: codeKind(p), key: p.Text, start: int32(off), end: int32(off + len(p.Text))})
		}
		off += len(p.Text)
	}
	return out
}

// cut returns a text's tokens (see tokens; with words' keys if keys)
// and its sentences (see sentencesOf; strict for a source) from one
// parse.
func (t *tokenizer) cut(text string, f numfmt.Format, strict, keys bool) ([]token, []sentence.Span) {
	pieces := xliff.FromMarkdown(t.doc, text)
	return tokensOf(pieces, f, keys), sentencesOf(text, pieces, f, strict)
}

// within returns the tokens of ts inside a span, with their byte ranges
// made relative to its start.
func within(ts []token, sp sentence.Span) []token {
	var out []token
	for _, tk := range ts {
		if int(tk.start) >= sp.Start && int(tk.end) <= sp.End {
			tk.start -= int32(sp.Start)
			tk.end -= int32(sp.Start)
			out = append(out, tk)
		}
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
// text and writes numbers in format f; words are cut and, if keys,
// keyed as package glossary does (glossary.WordAt, Lang.Key) in the
// language of f.
func prose(out []token, s string, off int, f numfmt.Format, keys bool) []token {
	base, _ := f.Tag.Base()
	lang := glossary.Lang(base.String())
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if numfmt.IsDigit(r) {
			n := f.Scan(s[i:])
			out = append(out, token{kind: kNumber, key: n.Value, start: int32(off + i), end: int32(off + i + n.Len)})
			i += n.Len
			continue
		}
		if j := glossary.WordAt(s, i); j > i {
			tk := token{kind: kWord, start: int32(off + i), end: int32(off + j)}
			if keys {
				tk.key = lang.Key(s[i:j])
			}
			out = append(out, tk)
			i = j
			continue
		}
		if !unicode.IsSpace(r) {
			out = append(out, token{kind: kPunct, key: s[i : i+w], start: int32(off + i), end: int32(off + i + w)})
		}
		i += w
	}
	return out
}
