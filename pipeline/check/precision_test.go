package check

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/golden"
	"github.com/l10n-dev/l10n/pipeline/glossary"
)

// pair is a correct translation of the precision set.
type pair struct {
	name, locale string
	en, target   string
}

// loadPairs reads testdata/pairs.yaml: every unit in uk and in ru.
func loadPairs(t *testing.T) []pair {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pairs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	var out []pair
	m := doc.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		var u seedUnit
		if err := m.Content[i+1].Decode(&u); err != nil {
			t.Fatal(err)
		}
		for _, loc := range []string{"uk", "ru"} {
			out = append(out, pair{name: m.Content[i].Value, locale: loc, en: u.EN, target: u.in(loc)})
		}
	}
	return out
}

// wordList reads the project's spelling.txt.
func wordList(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "spelling.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l, _, _ = strings.Cut(l, "#"); strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// checkers returns a Checker for uk and ru with the seed's glossary and,
// when hunspell is installed, a speller (under CI it must be).
func checkers(t *testing.T) (map[string]*Checker, bool) {
	t.Helper()
	g, err := glossary.Load(filepath.Join("..", "..", "glossary.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*Checker{}
	spelling := true
	for _, loc := range []string{"uk", "ru"} {
		c := New("en", loc, g, nil)
		s, err := StartHunspell(DictionaryFor(loc))
		switch {
		case errors.Is(err, ErrNoHunspell) && os.Getenv("CI") != "true":
			t.Logf("no hunspell: spelling is not measured")
			spelling = false
		case err != nil:
			t.Fatal(err)
		default:
			t.Cleanup(func() { s.Close() })
			c = c.WithSpeller(s, wordList(t))
		}
		out[loc] = c
	}
	return out, spelling
}

// row is a line of the precision/recall table.
type row struct {
	rule, check             string
	injected, caught, other int
}

// acrossUnits measures the checks across units on the pairs: the same
// source translated twice alike (nothing to find) and then differently
// (consistency), and the pairs' Ukrainian units read as one catalog
// (nothing to find) with one unit's ʼ turned into ’ (mixed apostrophes).
// False alarms go into falseAlarms.
func acrossUnits(t *testing.T, cs map[string]*Checker, pairs []pair, falseAlarms map[string]int) []row {
	cons := row{rule: "same source translated differently", check: Consistency}
	for _, p := range pairs {
		c := cs[p.locale]
		src := c.ParseSource(p.en)
		k := NewConsistencyIndex()
		k.Add(p.locale, 1, c.Segments(src, c.Parse(p.target)))
		if x, ok := k.Add(p.locale, 2, c.Segments(src, c.Parse(p.target))); ok {
			falseAlarms[Consistency]++
			t.Errorf("%s/%s: false alarm [consistency] %s", p.name, p.locale, x.Source)
		}
		// The later unit says it another way: one word doubled.
		broken, ok := faults()[10].apply(c, p)
		if !ok {
			continue
		}
		cons.injected++
		if x, ok := k.Add(p.locale, 3, c.Segments(src, c.Parse(broken))); ok && x.Other == 1 {
			cons.caught++
		} else {
			t.Errorf("%s/%s: consistency found %v, %v", p.name, p.locale, x, ok)
		}
	}
	apos := row{rule: "ʼ and ’ mixed in a catalog", check: Typography}
	var uk []pair
	for _, p := range pairs {
		if p.locale == "uk" {
			uk = append(uk, p)
		}
	}
	counts := func(broken int) [][2]int {
		out := make([][2]int, len(uk))
		for i, p := range uk {
			s := p.target
			if i == broken {
				s = strings.ReplaceAll(s, "ʼ", "’")
			}
			out[i][0], out[i][1] = ApostropheCount(cs["uk"].Parse(s))
		}
		return out
	}
	for i, f := range MixedApostrophes(counts(-1)) {
		falseAlarms[f.Check]++
		t.Errorf("%s/uk: false alarm [%s] %s", uk[i].name, f.Check, f.Message)
	}
	for i, p := range uk {
		if !strings.Contains(p.target, "ʼ") {
			continue
		}
		apos.injected++
		found := MixedApostrophes(counts(i))
		if _, ok := found[i]; ok && len(found) == 1 {
			apos.caught++
		} else {
			t.Errorf("%s/uk: mixed apostrophes found %v", p.name, found)
		}
	}
	return []row{cons, apos}
}

// fault is a way to break a correct translation for one rule: it returns
// the broken target, or false when the pair has nothing to break that way.
type fault struct {
	rule  string // the row of the table
	check string // the check that must find it
	apply func(c *Checker, p pair) (string, bool)
}

// TestPrecisionRecall runs every check on the correct pairs of
// testdata/pairs.yaml (any finding is a false alarm), then breaks each
// pair one way per rule and wants a finding of that rule's check and of
// no other. The table of the results is testdata/precision.golden
// (rewrite it with -update) and must be in the README.
func TestPrecisionRecall(t *testing.T) {
	pairs := loadPairs(t)
	if len(pairs) < 40 {
		t.Fatalf("%d pairs, want at least 40", len(pairs))
	}
	cs, spelling := checkers(t)
	check := func(p pair, target string) []Finding {
		c := cs[p.locale]
		return c.Check(c.ParseSource(p.en), c.Parse(target), false)
	}
	falseAlarms := map[string]int{}
	for _, p := range pairs {
		for _, f := range check(p, p.target) {
			falseAlarms[f.Check]++
			t.Errorf("%s/%s: false alarm [%s] %s", p.name, p.locale, f.Check, f.Message)
		}
	}
	var rows []row
	for _, ft := range faults() {
		if ft.check == Spelling && !spelling {
			continue
		}
		r := row{rule: ft.rule, check: ft.check}
		for _, p := range pairs {
			broken, ok := ft.apply(cs[p.locale], p)
			if !ok {
				continue
			}
			r.injected++
			found := check(p, broken)
			hit, others := false, 0
			for _, f := range found {
				if f.Check == ft.check {
					hit = true
				} else {
					others++
				}
			}
			if hit {
				r.caught++
			} else {
				t.Errorf("%s/%s, %s: not found in %q", p.name, p.locale, ft.rule, broken)
			}
			if others > 0 {
				r.other += others
				for _, f := range found {
					if f.Check != ft.check {
						t.Errorf("%s/%s, %s: also [%s] %s", p.name, p.locale, ft.rule, f.Check, f.Message)
					}
				}
			}
		}
		if r.injected < 2 {
			t.Errorf("%s: only %d faults injected", ft.rule, r.injected)
		}
		rows = append(rows, r)
	}
	rows = append(rows, acrossUnits(t, cs, pairs, falseAlarms)...)
	var b strings.Builder
	fmt.Fprintf(&b, "%d correct pairs (%d uk, %d ru); every check run on each.\n\n", len(pairs), len(pairs)/2, len(pairs)/2)
	b.WriteString("| rule | check | faults injected | found | recall | false alarms on correct pairs | other checks' findings on its faults |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | `%s` | %d | %d | %.0f%% | %d | %d |\n", r.rule, r.check, r.injected, r.caught,
			100*float64(r.caught)/float64(max(r.injected, 1)), falseAlarms[r.check], r.other)
	}
	got := b.String()
	file := filepath.Join("testdata", "precision.golden")
	if spelling {
		golden.Check(t, file, []byte(got))
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), string(want)) {
		t.Errorf("README.md does not show the table of %s", file)
	}
	t.Logf("\n%s", got)
}

// words returns the spans of the letter words of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += w
			continue
		}
		j := i
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r2) && !(isApostropheRune(r2) && j > i) {
				break
			}
			j += w2
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// plainWord reports whether the word at span sp of s stands in plain
// prose: not inside code, a link or emphasis markup, not a name or a
// glossary word, not a month, weekday or number.
func plainWord(c *Checker, s string, sp [2]int) bool {
	w := s[sp[0]:sp[1]]
	before := s[:sp[0]]
	if strings.Count(before, "`")%2 == 1 || strings.Count(before, "[") > strings.Count(before, "]") ||
		strings.Count(before, "](") > strings.Count(before, ")") || strings.Count(before, "*")%2 == 1 || !c.inScript(w) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(w)
	n := normalizeWord(w)
	if unicode.IsUpper(first) || c.knownWord(w) || c.calendar.month[n] != 0 || c.numWords.value[n] != 0 {
		return false
	}
	if _, ok := c.calendar.weekday[n]; ok {
		return false
	}
	for _, forms := range c.calendar.names.months {
		for _, f := range forms {
			if normalizeWord(f) == n {
				return false
			}
		}
	}
	return true
}

func faults() []fault {
	return []fault{
		{"English clause left in", Untranslated, func(c *Checker, p pair) (string, bool) {
			// The first five words of the source in a row that hold a
			// lower-case content word, pasted before the translation.
			var ws []string
			for _, f := range strings.Fields(c.Parse(p.en).Plain) {
				f = strings.Trim(f, ".,:;“”\"*()")
				if f == "" || strings.ContainsAny(f, "0123456789$%/'’\ufffc") {
					ws = nil
					continue
				}
				ws = append(ws, f)
				if len(ws) > 5 {
					ws = ws[1:]
				}
				if len(ws) == 5 && len(latinRuns(strings.Join(ws, " "))) == 1 {
					break
				}
			}
			if len(ws) < 5 || len(latinRuns(strings.Join(ws, " "))) != 1 {
				return "", false
			}
			return strings.Join(ws, " ") + " " + p.target, true
		}},
		{"month changed", Dates, func(c *Checker, p pair) (string, bool) {
			dates := sourceDates(p.en)
			if len(dates) == 0 {
				return "", false
			}
			// The month word of the source's first date.
			for _, sp := range wordSpans(p.target) {
				w := normalizeWord(p.target[sp[0]:sp[1]])
				m := dates[0].month
				for k, f := range c.calendar.names.months[m] {
					if normalizeWord(f) == w {
						other := c.calendar.names.months[(m+1)%12]
						return p.target[:sp[0]] + other[min(k, len(other)-1)] + p.target[sp[1]:], true
					}
				}
			}
			return "", false
		}},
		{"weekday changed", Dates, func(c *Checker, p pair) (string, bool) {
			if !weekdayRE().MatchString(p.en) {
				return "", false
			}
			for _, sp := range wordSpans(p.target) {
				w := normalizeWord(p.target[sp[0]:sp[1]])
				if d, ok := c.calendar.weekday[w]; ok {
					return p.target[:sp[0]] + c.calendar.names.weekdays[(d+3)%7][0] + p.target[sp[1]:], true
				}
			}
			return "", false
		}},
		{"number in digits changed", Numbers, func(c *Checker, p pair) (string, bool) {
			// A number of the source that is no date's day or year.
			inDate := map[int]bool{}
			for _, d := range sourceDates(p.en) {
				for _, day := range d.days {
					inDate[day] = true
				}
				inDate[d.year] = true
			}
			for _, n := range c.srcNum.numbers(c.Parse(p.en).Plain, false, nil) {
				v := atoi(strings.SplitN(n.value, ".", 2)[0])
				if inDate[v] || n.scaled != "" || v < 10 {
					continue
				}
				digitsOf := strings.SplitN(n.value, ".", 2)[0]
				lead := digitsOf[:1]
				if i := strings.Index(p.target, lead); i >= 0 {
					// Change the number's first digit where the
					// target writes it.
					for _, t := range c.tgtNum.numbers(p.target, true, nil) {
						if t.value == n.value || strings.HasPrefix(t.value, digitsOf) {
							j := strings.Index(p.target, t.raw)
							d := p.target[j]
							nd := byte('1' + (d-'0')%9)
							if nd == d {
								nd = '2'
							}
							return p.target[:j] + string(nd) + p.target[j+1:], true
						}
					}
				}
			}
			return "", false
		}},
		{"number in words changed", Numbers, func(c *Checker, p pair) (string, bool) {
			if len(sourceNumberWords(p.en)) == 0 {
				return "", false
			}
			swaps := map[string]map[string]string{
				"uk": {"три": "чотири", "пʼятдесят": "пʼятнадцять", "тричі": "двічі", "два": "три", "пʼять": "шість", "дві": "три"},
				"ru": {"три": "четыре", "пятидесяти": "пятнадцати", "трижды": "дважды", "пять": "шесть", "две": "три", "двух": "трех"},
			}[p.locale]
			for _, sp := range wordSpans(p.target) {
				if to, ok := swaps[normalizeWord(p.target[sp[0]:sp[1]])]; ok {
					return p.target[:sp[0]] + to + p.target[sp[1]:], true
				}
			}
			return "", false
		}},
		{"glossary term replaced", Glossary, func(c *Checker, p pair) (string, bool) {
			// The words of the first approved form the target uses,
			// replaced by a plain word.
			src := c.ParseSource(p.en)
			repl := map[string][]string{"uk": {"вони", "тут", "там", "теж", "вже"}, "ru": {"они", "тут", "там", "тоже", "уже"}}[p.locale]
			for _, h := range c.Terms(src) {
				f := h.Term.Forms(p.locale)
				if f == nil || h.Term.Keep {
					continue
				}
				target := p.target
				for n := 0; n < 5; n++ {
					w := glossary.Split(c.Parse(target).Plain, c.lang)
					if !f.Approves(w) {
						return target, target != p.target
					}
					for _, ap := range append(f.Approved, f.Derived...) {
						if i := ap.Find(w); i >= 0 {
							if j := strings.Index(target, w.Word(i)); j >= 0 {
								target = target[:j] + repl[n] + target[j+len(w.Word(i)):]
								break
							}
						}
					}
				}
			}
			return "", false
		}},
		{"keep-as-is name transliterated", Glossary, func(c *Checker, p pair) (string, bool) {
			if !strings.Contains(p.target, "The Moscow Times") {
				return "", false
			}
			// The name translated: Московські часи, Московское время.
			return strings.Replace(p.target, "The Moscow Times", map[string]string{"uk": "Московські часи", "ru": "Московское время"}[p.locale], 1), true
		}},
		{"surname with a Russian ending", Glossary, func(c *Checker, p pair) (string, bool) {
			if p.locale != "uk" || !strings.Contains(p.target, "Земляний") {
				return "", false
			}
			return strings.Replace(p.target, "Земляний", "Земляной", 1), true
		}},
		{"sentence left out", Sentences, func(c *Checker, p pair) (string, bool) {
			ss := sentences(p.en, "en", true)
			ts := sentences(p.target, c.lang, false)
			if len(ss) < 3 || len(ts) != len(ss) {
				return "", false
			}
			// The longest sentence but the first without digits,
			// markup or a glossary term.
			best := -1
			for i := 1; i < len(ts); i++ {
				s := ts[i]
				if strings.ContainsAny(s, "0123456789[`*") || hasTerm(c, s) || len(c.numWords.wordValues(dateTokens(s))) > 0 {
					continue
				}
				if best < 0 || len(s) > len(ts[best]) {
					best = i
				}
			}
			if best < 0 {
				return "", false
			}
			return strings.Replace(p.target, " "+ts[best], "", 1), true
		}},
		{"word misspelt", Spelling, func(c *Checker, p pair) (string, bool) {
			// Two letters swapped in the longest plain word.
			var best [2]int
			for _, sp := range wordSpans(p.target) {
				if plainWord(c, p.target, sp) && sp[1]-sp[0] > best[1]-best[0] {
					best = sp
				}
			}
			r := []rune(p.target[best[0]:best[1]])
			if len(r) < 6 {
				return "", false
			}
			k := len(r) / 2
			r[k], r[k+1] = r[k+1], r[k]
			return p.target[:best[0]] + string(r) + p.target[best[1]:], true
		}},
		{"word doubled", Doubled, func(c *Checker, p pair) (string, bool) {
			for _, sp := range wordSpans(p.target) {
				if sp[0] > 0 && plainWord(c, p.target, sp) && p.target[sp[0]-1] == ' ' {
					w := p.target[sp[0]:sp[1]]
					return p.target[:sp[1]] + " " + w + p.target[sp[1]:], true
				}
			}
			return "", false
		}},
		{"straight quotes or hyphen for a dash", Typography, func(c *Checker, p pair) (string, bool) {
			switch {
			case strings.Contains(p.target, "«"):
				return strings.NewReplacer("«", `"`, "»", `"`).Replace(p.target), true
			case strings.Contains(p.target, " — "):
				return strings.Replace(p.target, " — ", " - ", 1), true
			}
			return "", false
		}},
		{"percent spaced against CLDR", Typography, func(c *Checker, p pair) (string, bool) {
			switch {
			case strings.Contains(p.target, "\u00a0%"):
				return strings.Replace(p.target, "\u00a0%", "%", 1), true
			case strings.Contains(p.target, "%"):
				return strings.Replace(p.target, "%", " %", 1), true
			case strings.Contains(p.target, " відсот"):
				return strings.Replace(p.target, " відсоток", " %", 1), true
			}
			return "", false
		}},
		{"link dropped", Markup, func(c *Checker, p pair) (string, bool) {
			i := strings.Index(p.target, "](")
			if i < 0 {
				return "", false
			}
			j := strings.Index(p.target[i:], ")")
			k := strings.LastIndex(p.target[:i], "[")
			return p.target[:k] + p.target[k+1:i] + p.target[i+j+1:], true
		}},
		{"left in English", Unchanged, func(c *Checker, p pair) (string, bool) {
			return p.en, true
		}},
	}
}

// hasTerm reports whether s holds an approved form of a glossary term.
func hasTerm(c *Checker, s string) bool {
	if c.gloss == nil {
		return false
	}
	w := glossary.Split(s, c.lang)
	for _, t := range c.gloss.Terms {
		if f := t.Forms(c.Locale); f != nil && f.Approves(w) {
			return true
		}
	}
	return false
}
