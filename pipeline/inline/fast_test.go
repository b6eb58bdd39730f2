package inline_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/corpus"
	"github.com/l10n-dev/l10n/pipeline/inline"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// sameFast checks that a text the news fast path reads (fastTree) gives
// the tree goldmark gives, node for node, read as Parse and as
// ParseLine read it, with and without link references; it reports
// whether the fast path read it.
func sameFast(t *testing.T, s *inline.Syntax, text string) bool {
	t.Helper()
	fast := s.FastTree(text)
	if fast == nil {
		return false
	}
	want := dump(fast)
	sameAsGoldmark(t, s, text, want)
	return true
}

// TestFastTree checks the news fast path against goldmark: on texts at
// its edges, and on every unit (read in its place, and each of its
// lines) of the spec examples, the real-world corpus, the Hugo
// documentation, the seed articles and generated news articles that it
// reads. It also checks that the two fast paths read most of the news
// articles' units.
func TestFastTree(t *testing.T) {
	cases := []struct {
		text string
		fast bool
	}{
		{"By [Taras Melnyk](https://www.example.com/authors/taras-melnyk)", true},
		{"According to [the latest data](https://www.example.com/2025/06/17/x), 50,307 refugees (about 9%) remain.", true},
		{"![Funding in Paris, officials said.](https://www.example.com/img/8576.jpg)", true},
		{"**Dmytro Hrytsenko / AP**", true},
		{"**Related article:** [Why the Grain Corridor Matters](https://www.example.com/2024/10/03/budget-vote)", true},
		{"months of *negotiations* over inflation", true},
		{"a *b **c** d* e ***f*** g_h_ _i_ __j__", true},
		{"*a [b* c](u) d*", true},
		{"[*a*](u) [**b** c *d*](v)", true},
		{"**a [b](u)** [c](v)*", true},
		{"a * b ** c", true},
		{"snake_case and 2*3*4", true},
		{"run `l10n check` and ``a ` b`` and ` c `", true},
		{"`a` `` ` `` `  ` ` `", true},
		{"escaped \\*not\\* and \\[not a link] and \\`no code\\`", true},
		{"escaped \\`no code`", false}, // a code span never closed
		{"Stop! Now. [a](b)!", true},
		{"a ] b [c](d) ]", true},
		{"line *one\ntwo* and [link](u)\n*three*", true},
		{"[a](u)\n[b](v)", true},
		{"AT&T and Q&A [x](y)", true},
		{"[a](u)www.example.com", false}, // linkify after the link
		{"*www.example.com*", false},     // linkify after a delimiter
		{"[a](https://x y)", false},      // a destination with a space
		{"[a](<u>)", false},              // angle brackets
		{"[a](u \"title\")", false},      // a title
		{"[a](u(1))", false},             // parentheses in the destination
		{"[a](u\\)", false},              // an escape in the destination
		{"[a]()", false},                 // an empty destination
		{"[ICRC] said", false},           // a reference link
		{"[a][ICRC]", false},             // a full reference link
		{"[a [b](u)](v)", false},         // a link in a link's text
		{"[a\nb](u)", false},             // a link across lines
		{"`a\nb`", false},                // a code span across lines
		{"`a", false},                    // a code span never closed
		{"a ~~b~~", false},               // strikethrough
		{"mail ann@example.com", false},  // an e-mail address
		{"<b>x</b>", false},              // raw HTML
		{"a \\\nb", false},               // a hard line break
		{"a {{< x >}}", false},           // a shortcode
		{"Hello world", true},            // plain: fastTree reads it too
	}
	for _, c := range cases {
		for _, s := range plainSyntaxes {
			if got := sameFast(t, s, c.text); got != c.fast && s == inline.Default() {
				t.Errorf("%q: fast %v, want %v", c.text, got, c.fast)
			}
		}
	}
	examples := corpus.Everything(t)
	for i := range 20 {
		slug, src := newsgen.Article(1, i, i%5 == 0)
		examples = append(examples, corpus.Example{Name: "news/" + slug + ".md", Markdown: string(src)})
	}
	read := 0
	newsUnits, newsFast := 0, 0
	for _, ex := range examples {
		texts := strings.Split(ex.Markdown, "\n")
		if d, err := segment.Parse([]byte(ex.Markdown)); err == nil {
			for _, u := range d.Units {
				texts = append(texts, u.Text)
				if strings.HasPrefix(ex.Name, "news/") && !u.FrontMatter() {
					newsUnits++
					if inline.Default().PlainTree(u.Text) != nil || inline.Default().FastTree(u.Text) != nil {
						newsFast++
					}
				}
			}
		}
		for _, text := range texts {
			for _, s := range plainSyntaxes {
				if sameFast(t, s, text) {
					read++
				}
			}
		}
	}
	t.Logf("the fast path read %d texts; the two fast paths %d of the news articles' %d units", read, newsFast, newsUnits)
	if newsFast*10 < newsUnits*9 {
		t.Errorf("the fast paths read %d of the news articles' %d units: fewer than 90%%", newsFast, newsUnits)
	}
}

// TestFastTreeMixed checks the news fast path against goldmark on texts
// made of its syntax's pieces at random (a fixed seed): random bytes
// seldom make a link or a code span, which these do often.
func TestFastTreeMixed(t *testing.T) {
	pieces := []string{"a", "b", "é", "Київ", " ", " ", "\n", "*", "**", "_", "__", "***", "[", "![", "]",
		"](u)", "](https://www.x.org/a_b*c)", "(", ")", "`", "``", " `", "\\", "\\*", "\\[", "\\`", "!", ".", ",", "&", "'", "\"", "-", "9"}
	r := rand.New(rand.NewPCG(14, 1))
	const n = 40000
	read := 0
	for range n {
		var b strings.Builder
		for range 1 + r.IntN(14) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		for _, s := range plainSyntaxes {
			if sameFast(t, s, b.String()) {
				read++
			}
		}
	}
	t.Logf("the fast path read %d of %d texts", read, len(plainSyntaxes)*n)
}

// FuzzFastTree checks the news fast path against goldmark on any text
// it reads.
func FuzzFastTree(f *testing.F) {
	for _, s := range []string{
		"By [Taras Melnyk](https://www.example.com/authors/taras-melnyk)",
		"According to [the *latest* data](https://x.org/a_b), 50,307 (9%) **remain**.",
		"![Photo, said.](https://www.example.com/img/8576.jpg) **AP**",
		"a *b **c** d* e ***f*** g_h_ _i_ __j__ *k [l* m](n) o*",
		"run `l10n check` and ``a ` b`` and ` c ` \\*x\\* \\[y] z!",
		"line *one\ntwo* and [link](u)\n*three* ] [a](b)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, s := range plainSyntaxes {
			sameFast(t, s, text)
		}
	})
}
