// Package align gives translation units stable ids across edits of an
// article. The ids a catalog already holds are matched to the article's
// current units, first by identical text, then by similar text wherever it
// moved; a unit that matches nothing gets a new, readable id.
package align

import (
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Known is a unit a catalog knows: its id and source text.
type Known struct {
	ID   string
	Text string
}

// Unit is a unit of the current article.
type Unit struct {
	Prefix string // id prefix for a new id, such as "p" or "h1"
	Text   string
}

// Match is the outcome for one current unit.
type Match struct {
	ID string
	// Known is the index of the known unit whose id it took, or -1 for
	// a new unit.
	Known int
	// Edited is set where the known unit's text differs.
	Edited bool
}

// MinSimilarity is the least Dice coefficient of content words at which an
// edited unit keeps the id of the unit it was.
const MinSimilarity = 0.5

// Assign matches units to known ones and returns one Match per unit, and
// the indexes of the known units that matched nothing.
func Assign(known []Known, units []Unit) ([]Match, []int) {
	out := make([]Match, len(units))
	taken := make([]bool, len(known))
	for i := range out {
		out[i].Known = -1
	}
	// 1. Identical text, in document order.
	byText := map[string][]int{}
	for k, kn := range known {
		byText[kn.Text] = append(byText[kn.Text], k)
	}
	for i, u := range units {
		if q := byText[u.Text]; len(q) > 0 {
			out[i] = Match{ID: known[q[0]].ID, Known: q[0]}
			taken[q[0]] = true
			byText[u.Text] = q[1:]
		}
	}
	// 2. Similar text: the pairs with the most shared words first, so a
	// split or merged paragraph's id goes to the unit that carries most
	// of its old text.
	type pair struct {
		u, k    int
		overlap int
		dice    float64
	}
	var pairs []pair
	kw := make([]map[string]int, len(known))
	kn := make([]int, len(known))
	for k := range known {
		if !taken[k] {
			kw[k], kn[k] = words(known[k].Text)
		}
	}
	for i, u := range units {
		if out[i].Known >= 0 {
			continue
		}
		uw, un := words(u.Text)
		for k := range known {
			if taken[k] || kn[k] == 0 || un == 0 {
				continue
			}
			ov := overlap(uw, kw[k])
			d := 2 * float64(ov) / float64(un+kn[k])
			if d >= MinSimilarity {
				pairs = append(pairs, pair{i, k, ov, d})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool {
		if pairs[a].overlap != pairs[b].overlap {
			return pairs[a].overlap > pairs[b].overlap
		}
		if pairs[a].dice != pairs[b].dice {
			return pairs[a].dice > pairs[b].dice
		}
		return abs(pairs[a].u-pairs[a].k) < abs(pairs[b].u-pairs[b].k)
	})
	for _, p := range pairs {
		if out[p.u].Known >= 0 || taken[p.k] {
			continue
		}
		out[p.u] = Match{ID: known[p.k].ID, Known: p.k, Edited: true}
		taken[p.k] = true
	}
	// 3. New ids for the rest, never one a known unit has or had.
	used := map[string]bool{}
	for _, k := range known {
		used[k.ID] = true
	}
	for i, u := range units {
		if out[i].Known < 0 {
			out[i].ID = NewID(u.Prefix, u.Text, used)
			used[out[i].ID] = true
		}
	}
	var unmatched []int
	for k := range known {
		if !taken[k] {
			unmatched = append(unmatched, k)
		}
	}
	return out, unmatched
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// isStopWord reports whether w is left out of the similarity of two texts,
// so that two unrelated paragraphs do not look alike through "the" and "of".
func isStopWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but",
		"is", "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "as", "that", "this",
		"which", "who", "not", "no", "do", "did", "does", "than", "then", "there", "their", "they", "he",
		"she", "his", "her", "we", "our", "you", "your", "i":
		return true
	}
	return false
}

// words returns the multiset of a text's content words (lower case, Markdown
// punctuation and URLs aside) and its size.
func words(s string) (map[string]int, int) {
	m := map[string]int{}
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isStopWord(w) {
			continue
		}
		m[w]++
		n++
	}
	return m, n
}

func overlap(a, b map[string]int) int {
	n := 0
	for w, c := range a {
		n += min(c, b[w])
	}
	return n
}

// NewID returns a short, readable id for a unit: the prefix and up to three
// words of its text in ASCII ("p-in-total-about"), made unique against
// used with a numeric suffix.
func NewID(prefix, text string, used map[string]bool) string {
	var parts []string
	for _, w := range strings.FieldsFunc(asciiFold(text), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		if len(parts) == 3 {
			break
		}
		if len(w) > 12 {
			w = w[:12]
		}
		parts = append(parts, w)
	}
	base := prefix
	if len(parts) > 0 {
		base += "-" + strings.Join(parts, "-")
	}
	id := base
	for n := 2; used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// asciiFold lower-cases s and drops its diacritics and non-ASCII letters.
func asciiFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if r < 128 {
			b.WriteRune(r)
		} else if !unicode.Is(unicode.Mn, r) {
			b.WriteByte(' ')
		}
	}
	return b.String()
}
