// Package pseudo pseudo-translates units: letters get accents, text grows
// by about 30% and each unit is bracketed ⟦…⟧, while inline Markdown, link
// and image destinations, code spans, autolinks, entities, backslash
// escapes and raw HTML stay exactly as they were. A pseudo-locale edition
// shows at a glance what a template truncates, what text escaped
// translation and what an encoding breaks.
package pseudo

import (
	"bytes"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"

	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Locale is the default pseudo-locale.
const Locale = "en-XA"

// Open and Close bracket each pseudo-translated unit.
const (
	Open  = "⟦"
	Close = "⟧"
)

// accent maps an ASCII letter to an accented look-alike; every ASCII
// letter has one, so no English letter of prose survives.
func accent(r rune) rune {
	const from = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	const to = "áƀçđéƒğĥíĵķłɱñöþǫŕšţüṽŵẋýžÅƁÇĐÉƑĞĤÎĴĶŁṀÑÖƤǪŘŠŢÜṼŴẊÝŽ"
	if i := strings.IndexRune(from, r); i >= 0 {
		return []rune(to)[i]
	}
	return r
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouyAEIOUY", r) }

// Plain pseudo-translates plain text (a front-matter field), leaving the
// keep-as-is names alone.
func Plain(s string, keep ...string) string {
	room := roomFor(utf8.RuneCountInString(s))
	return Open + expand(s, keep, 0, &room) + Close
}

// roomFor returns how many letters a unit whose prose is n characters
// may grow by (doubled vowels and combining accents): about as many as
// it has, less the brackets and the spaces pseudo may add, so that the
// pseudo-translation of a unit long enough for check's length rule stays
// within its bound (twice the source) whatever its vowels; -1, no bound,
// for shorter prose, which real text never reaches (its vowels are a
// third of its letters).
func roomFor(n int) int {
	if n < 20 {
		return -1
	}
	return n - 5
}

// expand accents the letters of s and doubles its vowels, leaving
// backslash escapes, entity references and the keep-as-is names alone. A
// word that starts with a letter pseudo cannot accent (Cyrillic, CJK, an
// entity reference) gets a combining accent after that letter, so that
// no word comes out as it went in. after is the byte that follows s
// where it stands (0 for none). room is how many characters it may still
// add (see roomFor; -1 for no bound): past it, vowels are no longer
// doubled.
func expand(s string, keep []string, after byte, room *int) string {
	var b strings.Builder
	b.Grow(len(s) * 2)
	kept := keptRanges(s, keep)
	inWord := false
	for i := 0; i < len(s); {
		if len(kept) > 0 && i >= kept[0][0] {
			b.WriteString(s[i:kept[0][1]])
			i = kept[0][1]
			kept = kept[1:]
			inWord = true
			continue
		}
		if s[i] == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]) {
			b.WriteString(s[i : i+2])
			i += 2
			inWord = false
			continue
		}
		if s[i] == '&' {
			if n, r := entity(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				// Not before a delimiter run: its flanking reads the
				// ";" (punctuation) before it, which an accent
				// (neither punctuation nor space) would change — an
				// emphasis lost or made.
				next := after
				if i+n < len(s) {
					next = s[i+n]
				}
				if unicode.IsLetter(r) && !inWord && !delimiter(next) {
					b.WriteRune(combiningAcute)
					grow(room)
				}
				inWord = unicode.IsLetter(r)
				i += n
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b.WriteRune(accent(r))
		switch {
		case isVowel(r):
			if *room != 0 {
				b.WriteRune(accent(r))
				grow(room)
			}
		case r >= utf8.RuneSelf && unicode.IsLetter(r) && !inWord:
			b.WriteRune(combiningAcute)
			grow(room)
		}
		inWord = unicode.IsLetter(r) || inWord && unicode.Is(unicode.Mn, r)
		i += n
	}
	return b.String()
}

// grow takes a character from room, when it is bounded and has one.
func grow(room *int) {
	if *room > 0 {
		*room--
	}
}

// entityLike returns the length of the "&name;" that s starts with, or 0.
func entityLike(s string) int {
	if !strings.HasPrefix(s, "&") {
		return 0
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ';' && i > 1:
			return i + 1
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

// combiningAcute marks a word that pseudo cannot otherwise change.
const combiningAcute = '\u0301'

// entity returns the length of the entity or numeric character reference
// that starts s (0 if none: "&x;" is not one, and is text) and the
// character it stands for.
func entity(s string) (int, rune) {
	end := strings.IndexByte(s, ';')
	if end < 2 || end > 40 {
		return 0, 0
	}
	v, ok := inline.CharRef([]byte(s[:end+1]))
	if !ok {
		return 0, 0
	}
	r, _ := utf8.DecodeRune(v)
	return end + 1, r
}

// isASCIIPunct reports whether a backslash before c escapes it.
func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0
}

// keptRanges returns the byte ranges of s, in order and apart, where a
// keep-as-is name occurs as whole words.
func keptRanges(s string, keep []string) [][2]int {
	var out [][2]int
	for _, k := range keep {
		if k == "" {
			continue
		}
		for off := 0; off < len(s); {
			i := strings.Index(s[off:], k)
			if i < 0 {
				break
			}
			i += off
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[i+len(k):])
			if !isWord(before) && !isWord(after) {
				out = append(out, [2]int{i, i + len(k)})
			}
			off = i + len(k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	merged := out[:0]
	for _, r := range out {
		if n := len(merged); n > 0 && r[0] < merged[n-1][1] {
			merged[n-1][1] = max(merged[n-1][1], r[1])
			continue
		}
		merged = append(merged, r)
	}
	return merged
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Unit pseudo-translates unit i of an article. The keep-as-is names
// (the glossary's) stay as they are.
func Unit(d *segment.Doc, i int, keep ...string) string {
	u := &d.Units[i]
	if u.FrontMatter() {
		return Plain(u.Text, keep...)
	}
	return Markdown(d, u.Text, keep...)
}

// Markdown pseudo-translates inline Markdown of an article: the prose of
// its text, link texts and image descriptions, as Doc.Inline reads it in
// its place. A link whose text is its reference label ("[ICRC]",
// "[ICRC][]") becomes a full reference link ("[ÎÇŘÇ][ICRC]"), so that its
// text changes and its destination does not.
func Markdown(d *segment.Doc, src string, keep ...string) string {
	e := edits(d, src, keep)
	var b strings.Builder
	b.WriteString(Open)
	if e.bare || bracketFlanks(src, true) {
		// A bare URL or e-mail address is one only after a space or
		// at the start of a line, not after the bracket; a delimiter
		// run there flanks as after a space, where the bracket
		// (punctuation) could let it close too ("**!A*" would lose
		// its emphasis to the rule of three).
		b.WriteByte(' ')
	}
	// The closing bracket ends the unit, unless raw HTML follows the
	// last text, or a line without prose the last prose: then it stays
	// with the prose, not inside or after markup it could unbalance, nor
	// on a line that reads as a block where alone ("===", "---").
	end := len(src)
	if n := len(e.edits); n > 0 && strings.Contains(src[e.edits[n-1].end:], "\n") {
		end = e.edits[n-1].end
	} else if strings.Contains(src[e.lastText:], "<") {
		end = e.lastText
	}
	for end < len(src) {
		if i := slices.IndexFunc(e.atoms, func(a inline.Span) bool { return a.Start < end && end < a.End }); i >= 0 {
			// Not inside an atom (a code span that a line break splits:
			// "`[00\n00`" lost its code): after it.
			end = e.atoms[i].End
			continue
		}
		if !delimiter(src[end]) && (end == 0 || !delimiter(src[end-1]) || !wordAt(src[end:])) {
			break
		}
		// Not right before a delimiter run, which would flank after
		// the bracket (punctuation) instead of the prose ("~*A~00"
		// lost its strikethrough), nor right after one that a letter
		// or digit follows, which would flank before the bracket
		// (punctuation, as a space or a line's end is not) instead
		// ("_A_http://0.a" gained emphasis): the bracket goes to the
		// end of the line.
		if i := strings.IndexByte(src[end:], '\n'); i >= 0 {
			end += i
		} else {
			end = len(src)
		}
	}
	pos := 0
	for _, ed := range e.edits {
		b.WriteString(src[pos:ed.start])
		b.WriteString(ed.text)
		pos = ed.end
	}
	b.WriteString(src[pos:end])
	if (end == len(src) || src[end] == '\n' || src[end] == ' ') && bracketFlanks(src[:end], false) {
		// A delimiter run before the bracket flanks as before the
		// space or line end it has in the source, not as before the
		// bracket. (A unit is taken to start and end where a line or a
		// space does, as all but a table cell written without padding
		// do.)
		b.WriteByte(' ')
	}
	b.WriteString(Close)
	if bareStart(src[end:]) {
		// A bare URL or e-mail address after the bracket would be
		// text: it is one only after a space (or a line's start).
		b.WriteByte(' ')
	}
	b.WriteString(src[end:])
	return b.String()
}

// bareStart reports whether s starts where GFM's bare links could find
// one (goldmark's linkify): "www.", "http:", "https:", "ftp:", or an
// e-mail address's local part and "@".
func bareStart(s string) bool {
	if inline.BareURL(s) {
		return true
	}
	i := strings.IndexFunc(s, func(r rune) bool {
		return !(r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".!#$%&'*+/=?^_`{|}~-", r)))
	})
	return i > 0 && s[i] == '@'
}

// wordAt reports whether s starts with a rune that is neither a space
// nor punctuation (flanking).
func wordAt(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return flanking(r)
}

// flanking reports whether r is neither a space nor punctuation (a
// Unicode punctuation or symbol character): the runes that CommonMark's
// left- and right-flanking rules tell apart from those two.
func flanking(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

// delimiter reports whether c makes delimiter runs: emphasis ("*", "_")
// and strikethrough ("~").
func delimiter(c byte) bool { return c == '*' || c == '_' || c == '~' }

// bracketFlanks reports whether a bracket (punctuation) next to the
// delimiter run that starts src (or ends it) would let the run flank
// otherwise than it does at the start (end) of a line, which reads as a
// space: where the rune on its other side is a space or punctuation
// (CommonMark's left- and right-flanking rules).
func bracketFlanks(src string, start bool) bool {
	var other string
	var r rune
	switch {
	case src == "":
		return false
	case start:
		if !delimiter(src[0]) {
			return false
		}
		other = strings.TrimLeft(src, src[:1])
		r, _ = utf8.DecodeRuneInString(other)
	default:
		if !delimiter(src[len(src)-1]) {
			return false
		}
		other = strings.TrimRight(src, src[len(src)-1:])
		r, _ = utf8.DecodeLastRuneInString(other)
	}
	return other == "" || !flanking(r)
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// plan is how to pseudo-translate a text.
type plan struct {
	// edits are the changes, in order: each Text node outside code
	// spans, autolinks, raw HTML and placeables is expanded; each link
	// or image whose text is its reference label gets the label as an
	// explicit reference.
	edits []edit
	// lastText is where the last Text node ends.
	lastText int
	// bare is set when the text starts with a bare URL or e-mail
	// address (a GFM autolink without "<").
	bare bool
	// atoms are the bytes of the atoms (inline.IsAtom: code spans, raw
	// HTML, autolinks, placeables), which the closing bracket must not
	// split.
	atoms []inline.Span
}

func edits(d *segment.Doc, src string, keep []string) plan {
	t := d.Tree(src)
	var p plan
	// The unit's prose, for the room it may grow by.
	prose := 0
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if inline.IsAtom(n) {
			return ast.WalkSkipChildren, nil
		}
		if n, ok := n.(*ast.Text); ok && entering && n.Segment.Stop > n.Segment.Start {
			prose += utf8.RuneCountInString(src[n.Segment.Start:n.Segment.Stop])
		}
		return ast.WalkContinue, nil
	})
	room := roomFor(prose)
	_ = ast.Walk(t.Root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if a, ok := n.(*ast.AutoLink); ok && entering && a.Pos() == 0 && !strings.HasPrefix(src, "<") {
			p.bare = true
		}
		if inline.IsAtom(n) {
			if r, ok := inline.Range(n, t.Src); ok && entering {
				p.atoms = append(p.atoms, r)
			}
			return ast.WalkSkipChildren, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			s := n.Segment
			if !entering || s.Stop <= s.Start {
				break
			}
			p.lastText = s.Stop
			if _, after := n.PreviousSibling().(*ast.AutoLink); after {
				// GFM leaves an entity-like "&hl;" out of the bare
				// URL before it; changed, it would join the URL.
				s.Start += entityLike(src[s.Start:s.Stop])
			}
			var after byte
			if s.Stop < len(src) {
				after = src[s.Stop]
			}
			x := src[s.Start:s.Stop]
			if y := expand(x, keep, after, &room); y != x {
				p.edits = append(p.edits, edit{s.Start, s.Stop, y})
			}
		case *ast.Link, *ast.Image:
			if s, ok := inline.LabelLink(n, t.Src); ok && !entering {
				p.edits = append(p.edits, labelEdit(n, t.Src, s))
			}
		}
		return ast.WalkContinue, nil
	})
	return p
}

// labelEdit makes a shortcut ("[foo]") or collapsed ("[foo][]") reference
// link n, whose bytes are s, a full one ("[foo][foo]"), whose text may
// change.
func labelEdit(n ast.Node, src []byte, s inline.Span) edit {
	b := bytes.TrimPrefix(src[s.Start:s.End], []byte("!"))
	if r := inline.Reference(n); r != nil && r.Type == ast.ReferenceLinkCollapsed {
		return edit{s.End - 2, s.End, string(b[:len(b)-2])}
	}
	return edit{s.End, s.End, string(b)}
}
