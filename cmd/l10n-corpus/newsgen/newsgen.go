// Package newsgen writes deterministic l10n projects of generated news
// articles, for benchmarks and for comparing l10n with other tools on the
// same input. An article has the shape of a wire story: a headline (or
// front matter with a title and summary), a byline, a dateline, 15–30
// paragraphs of prose with links, bold, italics and numbers, a block
// quote, a list, a subheading and a related-article line. Its catalogs are
// written by the pipeline itself: extract, then pseudo-translation of every
// target locale, revised as a newsroom whose CI runs l10n check would
// have them (the glossary's terms, the locale's numbers and quotes; a few
// real mistakes left, see Mistake), then a few translations blanked
// (missing) and a few paragraphs of the articles edited and extracted
// again (stale, and new units missing everywhere).
package newsgen

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// Options says what corpus to write.
type Options struct {
	// N is the number of articles.
	N int
	// Seed selects the corpus: the same seed gives the same bytes.
	Seed uint64
	// Locales are the target locales; uk and ru when empty.
	Locales []string
	// Pseudo keeps the catalogs as l10n pseudo wrote them, which every
	// check family flags (figures in English form, terms in English,
	// straight quotes), instead of revising them as a newsroom's
	// translators would (see Mistake). Any locale may be pseudo; the
	// revised corpus has uk and ru only.
	Pseudo bool
}

// Summary says what Write made.
type Summary struct {
	Articles int // articles written
	Edited   int // paragraphs edited after translation: their units are stale
	Added    int // paragraphs added after translation: missing in every locale
	Blanked  int // translations emptied: missing in one locale
	// Mistakes are the errors left in translated units (none with
	// Options.Pseudo), in article, locale and unit order.
	Mistakes []Mistake
}

// Rates of the corpus's imperfections, per article or per catalog.
const (
	editRate  = 5 // one article in editRate has one or two edited paragraphs
	addRate   = 8 // one article in addRate gains a paragraph
	blankRate = 6 // one catalog in blankRate has some translations emptied
)

// Article returns article i of the corpus of a seed as it was first
// written (edited false) or as edited after translation (edited true),
// with its slug. The result depends on seed and i only.
func Article(seed uint64, i int, edited bool) (slug string, src []byte) {
	a := compose(seed, i)
	if edited {
		a.edit(seed, i)
	}
	return a.slug, []byte(strings.Join(a.blocks, "\n\n") + "\n")
}

// article is an article as a list of Markdown blocks.
type article struct {
	slug   string
	blocks []string
	prose  []int // indexes of the plain paragraphs, which edit may change
	edits  int   // paragraphs edited
	adds   int   // paragraphs added
}

func compose(seed uint64, i int) *article {
	g := gen{rand.New(rand.NewPCG(seed, uint64(i)))}
	head := g.headline()
	a := &article{slug: fmt.Sprintf("a%05d-%s", i, slugify(head))}
	if g.r.IntN(10) < 3 {
		a.blocks = append(a.blocks, fmt.Sprintf("---\ntitle: %q\nsummary: %q\ndate: %d-%02d-%02d\n---",
			head, g.sentence(), g.between(2022, 2025), g.between(1, 12), g.between(1, 28)))
	} else {
		a.blocks = append(a.blocks, "# "+head)
	}
	author := g.person()
	a.blocks = append(a.blocks, fmt.Sprintf("By [%s](https://www.example.com/authors/%s)", author, slugify(author)))
	a.blocks = append(a.blocks, strings.ToUpper(g.pick(places))+", "+g.date())
	if g.r.IntN(2) == 0 {
		a.blocks = append(a.blocks, fmt.Sprintf("![%s](https://www.example.com/img/%d.jpg)", g.sentence(), g.between(1000, 9999)))
		a.blocks = append(a.blocks, fmt.Sprintf("**%s / %s**", g.person(), g.pick([]string{"TASS", "Reuters", "AP", "AFP", "Ukrinform"})))
	}
	n := g.between(15, 30)
	quote, list, sub, related := g.between(3, n-2), g.between(3, n-2), g.between(5, n-1), g.between(4, n-1)
	for k := 0; k < n; k++ {
		if k == sub {
			a.blocks = append(a.blocks, "## "+capital(g.pick(adjectives))+" "+g.pick(nouns)+" in "+g.pick(places))
		}
		if k == related {
			a.blocks = append(a.blocks, "**Related article:** "+fmt.Sprintf("[%s](%s)", g.headline(), g.url(g.pick(topics))))
		}
		if k == quote {
			who := g.person()
			a.blocks = append(a.blocks, fmt.Sprintf("> \"%s %s\"\n> said %s, %s.", g.sentence(), strings.TrimSuffix(g.sentence(), ".")+",", who, g.pick(roles)))
		}
		if k == list {
			a.blocks = append(a.blocks, fmt.Sprintf("The main points of %s, as %s described them:", g.pick(events), g.link(mid(g.pick(actors)))))
			var items []string
			for j := g.between(3, 5); j > 0; j-- {
				items = append(items, "- "+strings.TrimSuffix(g.sentence(), "."))
			}
			a.blocks = append(a.blocks, strings.Join(items, "\n"))
		}
		if k != quote && k != list {
			a.prose = append(a.prose, len(a.blocks))
			a.blocks = append(a.blocks, g.paragraph())
		}
	}
	if g.r.IntN(3) == 0 {
		a.blocks = append(a.blocks, "*The views expressed in opinion pieces do not necessarily reflect the position of The Moscow Times.*")
	}
	return a
}

// edit changes the article as an editor would after translation: a
// sentence appended to one or two paragraphs, a paragraph added.
func (a *article) edit(seed uint64, i int) {
	g := gen{rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, uint64(i)))}
	if g.r.IntN(editRate) == 0 {
		a.edits = g.between(1, 2)
		for k := 0; k < a.edits; k++ {
			p := a.prose[g.r.IntN(len(a.prose))]
			a.blocks[p] += " " + g.pick([]string{
				"Officials declined to comment further.",
				"The figures could not be independently verified.",
				"This story has been updated with the latest figures.",
			})
		}
	}
	if g.r.IntN(addRate) == 0 {
		a.adds = 1
		at := a.prose[g.r.IntN(len(a.prose))]
		a.blocks = append(a.blocks[:at+1], append([]string{"Update: " + g.paragraph()}, a.blocks[at+1:]...)...)
	}
}

func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// glossary is a small termbase in the project's glossary.yaml format,
// with terms the generated prose uses.
const glossary = `# Terminology of the generated corpus (a subset of l10n's own glossary.yaml).
terms:
  - id: icrc
    en: ["ICRC", "International Committee of the Red Cross"]
    uk:
      approved: ["МКЧХ", "Міжнародн* комітет* Червоного Хреста"]
      forbidden: ["МККЧ", "МКЧК", "Міжнародн* Червон* Хрест*"]
    ru:
      approved: ["МККК", "Международн* комитет* Красного Креста"]
      forbidden: ["МКК", "Международн* Красн* Крест*"]
  - id: pow
    en: ["POW", "prisoner of war", "prisoners of war"]
    uk:
      approved: ["військовополонен*"]
      forbidden: ["воєннополонен*", "військовопленн*"]
    ru:
      approved: ["военнопленн*"]
  - id: kyiv
    en: ["Kyiv"]
    uk:
      approved: ["Київ", "Києв*"]
      forbidden: ["Киев*", "Кієв*"]
    ru:
      approved: ["Киев*"]
      forbidden: ["Київ*", "Кийв*"]
  - id: kremlin
    en: ["Kremlin"]
    uk:
      approved: ["Кремл*"]
    ru:
      approved: ["Кремл*"]
  - id: geneva
    en: ["Geneva"]
    uk:
      approved: ["Женев*"]
    ru:
      approved: ["Женев*"]
  - id: the-moscow-times
    en: ["The Moscow Times"]
    keep: true
`

// batch is how many articles one pseudo-translation pass holds.
const batch = 200

// Write writes a corpus into dir, which must be empty or not exist:
// l10n.yaml, glossary.yaml, articles/*.md and every catalog.
func Write(dir string, o Options) (*Summary, error) {
	if o.N < 1 {
		return nil, errors.New("newsgen: the corpus needs at least one article")
	}
	locales := o.Locales
	if len(locales) == 0 {
		locales = []string{"uk", "ru"}
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("newsgen: %s is not empty", dir)
	}
	if err := os.MkdirAll(filepath.Join(dir, "articles"), 0o755); err != nil {
		return nil, fmt.Errorf("newsgen: %w", err)
	}
	config := "source: en\nlocales: [" + strings.Join(locales, ", ") + "]\n"
	if err := os.WriteFile(filepath.Join(dir, project.ConfigFile), []byte(config), 0o644); err != nil {
		return nil, fmt.Errorf("newsgen: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "glossary.yaml"), []byte(glossary), 0o644); err != nil {
		return nil, fmt.Errorf("newsgen: %w", err)
	}
	sum := &Summary{Articles: o.N}
	slugs := make([]string, o.N)
	for i := range o.N {
		slug, src := Article(o.Seed, i, false)
		slugs[i] = slug
		if err := os.WriteFile(filepath.Join(dir, project.ArticlePath(slug)), src, 0o644); err != nil {
			return nil, fmt.Errorf("newsgen: %w", err)
		}
	}
	p, err := project.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("newsgen: %w", err)
	}
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		return nil, fmt.Errorf("newsgen: extract: %w", err)
	}
	for i := 0; i < len(slugs); i += batch {
		sel := project.Selection{Articles: slugs[i:min(i+batch, len(slugs))], Locales: locales}
		if _, err := extract.Pseudo(p, sel); err != nil {
			return nil, fmt.Errorf("newsgen: pseudo: %w", err)
		}
	}
	translators := map[string]*translator{}
	if !o.Pseudo {
		for _, loc := range locales {
			if translators[loc], err = newTranslator(loc); err != nil {
				return nil, err
			}
		}
	}
	for i, slug := range slugs {
		for k, loc := range locales {
			unit := uint64(i*len(locales) + k)
			revise := gen{rand.New(rand.NewPCG(o.Seed^0x2545f4914f6cdd1d, unit))}
			g := gen{rand.New(rand.NewPCG(o.Seed^0x51ed2701, unit))}
			mistakes, n, err := finish(filepath.Join(dir, project.CatalogPath(slug, loc)), slug, loc, translators[loc], revise, g)
			if err != nil {
				return nil, err
			}
			sum.Blanked += n
			sum.Mistakes = append(sum.Mistakes, mistakes...)
		}
		a := compose(o.Seed, i)
		a.edit(o.Seed, i)
		if a.edits+a.adds > 0 {
			sum.Edited += a.edits
			sum.Added += a.adds
			_, src := Article(o.Seed, i, true)
			if err := os.WriteFile(filepath.Join(dir, project.ArticlePath(slug)), src, 0o644); err != nil {
				return nil, fmt.Errorf("newsgen: %w", err)
			}
		}
	}
	// Extract again until it writes nothing, as a project's CI has it:
	// the units it pre-filled from the translation memory are in the
	// memory of its next run, and may change a suggestion elsewhere.
	for range 3 {
		res, err := extract.Run(p, extract.Options{})
		if err != nil {
			return nil, fmt.Errorf("newsgen: extract: %w", err)
		}
		if len(res.Written) == 0 {
			return sum, nil
		}
	}
	return nil, errors.New("newsgen: extract still changes the catalogs after three runs")
}

// finish revises the pseudo-translations of a catalog with t (none when t
// is nil: the catalog stays pseudo's) and, in one catalog in blankRate,
// empties one to four translations, as if a translator had not got to
// them yet. It returns the mistakes left and how many were emptied.
func finish(path, slug, loc string, t *translator, revise, g gen) ([]Mistake, int, error) {
	blanks := g.r.IntN(blankRate) == 0
	if t == nil && !blanks {
		return nil, 0, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, 0, fmt.Errorf("newsgen: %w", err)
	}
	f, err := catalog.Parse(data)
	if err != nil {
		return nil, 0, fmt.Errorf("newsgen: %s: %w", path, err)
	}
	var mistakes []Mistake
	if t != nil {
		mistakes = t.revise(f, slug, revise)
	}
	n := 0
	if blanks {
		for k := g.between(1, 4); k > 0 && len(f.Entries) > 0; k-- {
			e := f.Entries[g.r.IntN(len(f.Entries))]
			if e.Other != "" {
				e.Other = ""
				n++
				mistakes = slices.DeleteFunc(mistakes, func(m Mistake) bool { return m.ID == e.ID })
			}
		}
	}
	var header []string
	if t != nil {
		// A translation, no longer pseudo's: extract keeps the header.
		f.Header, header = nil, project.TargetHeader(slug, loc)
	}
	if err := os.WriteFile(path, f.Encode(header, nil), 0o644); err != nil {
		return nil, 0, fmt.Errorf("newsgen: %w", err)
	}
	return mistakes, n, nil
}
