package check

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/letter"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/numfmt"
)

// ErrNoHunspell is returned by StartHunspell when the hunspell program is
// not installed.
var ErrNoHunspell = errors.New("hunspell is not installed: spelling is not checked (apt-get install hunspell hunspell-uk hunspell-ru)")

// Speller checks words through one hunspell process in its pipe mode
// (hunspell -a, the ispell protocol), started once for a dictionary and
// fed every word of a run; a word's answer is cached. It is safe for
// concurrent use.
type Speller struct {
	// Dictionary is the hunspell dictionary's name: uk_UA, ru_RU.
	Dictionary string

	mu    sync.Mutex
	bin   string
	cmd   *exec.Cmd
	in    io.WriteCloser
	out   *bufio.Reader
	cache map[string][]string // word → suggestions; nil: spelt right
	err   error
}

// DictionaryFor returns the hunspell dictionary name for a locale: its
// language and CLDR's likely region (uk → uk_UA, ru → ru_RU, de → de_DE).
func DictionaryFor(locale string) string {
	tag, err := language.Parse(locale)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	region, _ := tag.Region()
	return base.String() + "_" + region.String()
}

// StartHunspell returns a Speller for a hunspell dictionary. It returns
// ErrNoHunspell when hunspell is not installed. The process starts when
// the first word is to be checked, so a run with nothing to check starts
// none; a dictionary hunspell cannot open shows then, in Err.
func StartHunspell(dictionary string) (*Speller, error) {
	bin, err := exec.LookPath("hunspell")
	if err != nil {
		return nil, ErrNoHunspell
	}
	return &Speller{Dictionary: dictionary, bin: bin, cache: map[string][]string{}}, nil
}

// start starts the hunspell process and reads its banner.
func (s *Speller) start() error {
	cmd := exec.Command(s.bin, "-a", "-i", "utf-8", "-d", s.Dictionary)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmd, s.in, s.out = cmd, in, bufio.NewReader(out)
	banner, err := s.out.ReadString('\n')
	if err != nil || !strings.HasPrefix(banner, "@(#)") {
		in.Close()
		_ = cmd.Wait()
		s.cmd = nil
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = "hunspell printed nothing"
		}
		return errors.New(msg)
	}
	return nil
}

// Err returns the error that stopped the speller (hunspell failed, or
// could not open the dictionary), or nil.
func (s *Speller) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close ends the hunspell process, if it was started.
func (s *Speller) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cmd == nil {
		return nil
	}
	s.in.Close()
	err := s.cmd.Wait()
	s.cmd = nil
	return err
}

// Suggest returns the words hunspell does not know, each with its
// suggestions (possibly none), in the order of words. Once hunspell has
// failed, it returns nothing: see Err.
func (s *Speller) Suggest(words []string) ([]string, map[string][]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, nil
	}
	if s.cmd == nil {
		if err := s.start(); err != nil {
			s.err = fmt.Errorf("hunspell dictionary %s: %w", s.Dictionary, err)
			return nil, nil
		}
	}
	var ask []string
	asked := map[string]bool{}
	for _, w := range words {
		if _, ok := s.cache[w]; !ok && !asked[w] {
			asked[w] = true
			ask = append(ask, w)
		}
	}
	if len(ask) > 0 {
		if err := s.ask(ask); err != nil {
			s.err = fmt.Errorf("hunspell %s: %w", s.Dictionary, err)
			return nil, nil
		}
	}
	var bad []string
	sugg := map[string][]string{}
	for _, w := range words {
		if v := s.cache[w]; v != nil && sugg[w] == nil {
			bad = append(bad, w)
			sugg[w] = v[1:]
		}
	}
	return bad, sugg
}

// ask sends words to hunspell, one a line ("^" keeps a word that starts
// with a command character a word), and caches the answers: one line a
// word (two or more when hunspell splits it at a hyphen), then an empty
// line.
func (s *Speller) ask(words []string) error {
	werr := make(chan error, 1)
	go func() {
		w := bufio.NewWriter(s.in)
		for _, word := range words {
			w.WriteString("^" + word + "\n")
		}
		werr <- w.Flush()
	}()
	for _, word := range words {
		var result []string // nil: right; ["", suggestions…]: wrong
		for {
			line, err := s.out.ReadString('\n')
			if err != nil {
				return err
			}
			line = strings.TrimRight(line, "\n")
			if line == "" {
				break
			}
			switch line[0] {
			case '&':
				// & original count offset: s1, s2, …
				if result == nil {
					result = []string{""}
					if _, list, ok := strings.Cut(line, ": "); ok {
						result = append(result, strings.Split(list, ", ")...)
					}
				}
			case '#':
				if result == nil {
					result = []string{""}
				}
			}
		}
		s.cache[word] = result
	}
	return <-werr
}

// maxSuggestions is how many of hunspell's suggestions a finding shows.
const maxSuggestions = 3

// WithSpeller returns a copy of c that checks spelling with s, accepting
// as words the glossary's forms and keep-as-is names and the project's
// word list (each a word, "*" ending it for any ending, as in the
// glossary).
func (c *Checker) WithSpeller(s *Speller, wordList []string) *Checker {
	d := *c
	d.speller = s
	d.words = append([]*glossary.Pattern(nil), c.words...)
	for _, w := range wordList {
		if p, err := glossary.Compile(w, c.lang); err == nil {
			d.words = append(d.words, p.Words()...)
		}
	}
	d.known, d.knownMem = glossary.NewWordSet(d.words), &wordMemo{}
	return &d
}

// SpellerName returns the dictionary of the checker's speller, or ""
// when it has none.
func (c *Checker) SpellerName() string {
	if c.speller == nil {
		return ""
	}
	return c.speller.Dictionary
}

// glossaryWords returns the one-word patterns of a glossary's approved
// and derived forms in a locale and of its keep-as-is names.
func glossaryWords(g *glossary.Glossary, locale string) []*glossary.Pattern {
	var out []*glossary.Pattern
	for _, t := range g.Terms {
		if f := t.Forms(locale); f != nil {
			for _, ps := range [][]*glossary.Pattern{f.Approved, f.Derived} {
				for _, p := range ps {
					out = append(out, p.Words()...)
				}
			}
		}
		if t.Keep {
			for _, n := range t.EN {
				if p, err := glossary.Compile(n, glossary.LangOf(locale)); err == nil {
					out = append(out, p.Words()...)
				}
			}
		}
	}
	return out
}

// spellWords returns the words of a text to spell-check: runs of letters
// of the locale's script (apostrophes and hyphens inside kept), leaving
// out words in another script (names in Latin script), words in capitals
// (abbreviations: МКЧХ), single letters, a suffix after a number (34-й)
// and the glossary's and the project's words.
func (c *Checker) spellWords(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !letter.Is(r) {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !letter.Is(r2) && !unicode.Is(unicode.Mn, r2) && !((isApostropheRune(r2) || r2 == '-') && j > i && nextIsLetter(s[j+w2:])) {
				break
			}
			j += w2
		}
		word := strings.ReplaceAll(s[i:j], "\u0301", "")
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		afterDigit := before == '-' && i >= 2 && numfmt.IsDigit(rune(s[i-2]))
		i = j
		if afterDigit || utf8.RuneCountInString(word) < 2 || allUpper(word) || !c.inScript(word) || c.knownWord(word) {
			continue
		}
		out = append(out, word)
	}
	return out
}

func nextIsLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return letter.Is(r)
}

func allUpper(w string) bool {
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// inScript reports whether every letter of w is in the target's script:
// Cyrillic for uk and ru, Latin for Latin-script locales.
func (c *Checker) inScript(w string) bool {
	for _, r := range w {
		if !letter.Is(r) {
			continue
		}
		if letter.IsLatin(r) == c.otherScript {
			return false
		}
	}
	return true
}

// knownWord reports whether w is a word of the glossary or the project's
// word list.
func (c *Checker) knownWord(w string) bool {
	if c.knownMem == nil {
		return c.known.Has(w)
	}
	if v, ok := c.knownMem.m.Load(w); ok {
		return v.(bool)
	}
	k := c.known.Has(w)
	if c.knownMem.n.Load() < maxWordMemo {
		c.knownMem.n.Add(1)
		c.knownMem.m.Store(strings.Clone(w), k)
	}
	return k
}

// wordMemo keeps a Checker's answers about words, safe for concurrent
// use: the words of prose repeat, and each answer splits the word and
// looks up each of its beginnings.
type wordMemo struct {
	m sync.Map // word → bool
	n atomic.Int32
}

// maxWordMemo is how many words a wordMemo keeps at most, so that a
// check's memory stays flat however many articles it reads.
const maxWordMemo = 1 << 16

// Spelling reports the words of a translation hunspell does not know, as
// warnings keyed by the word, with up to three of hunspell's
// suggestions. It does nothing without a Speller, or once the speller
// has failed (the pipeline tells the user, from Speller.Err).
func (c *Checker) Spelling(tgt *Text) []Finding {
	if c.speller == nil {
		return nil
	}
	words := c.spellWords(tgt.Plain)
	if len(words) == 0 {
		return nil
	}
	bad, sugg := c.speller.Suggest(words)
	var out []Finding
	for _, w := range bad {
		s := sugg[w]
		if len(s) > maxSuggestions {
			s = s[:maxSuggestions]
		}
		msg := fmt.Sprintf("unknown word %q (%s): add it to spelling.txt if it is right", w, c.speller.Dictionary)
		if len(s) > 0 {
			msg = fmt.Sprintf("misspelt? %q: %s (%s)", w, strings.Join(s, ", "), c.speller.Dictionary)
		}
		out = append(out, Finding{Check: Spelling, Key: w, Severity: Warning, Message: msg})
	}
	return out
}
