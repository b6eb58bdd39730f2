// Command l10n-corpus writes a deterministic l10n project of generated news
// articles, for benchmarks and for comparing l10n with po4a and gettext:
//
//	go run ./cmd/l10n-corpus -n 1000 -o /tmp/corpus [-seed 1]
//
// The project has l10n.yaml, a small glossary.yaml, articles/*.md and, for
// every article, locales/<slug>/{en,uk,ru}.yaml: mostly translated, some
// units missing and some stale. The translations are pseudo-translations
// revised as a newsroom whose CI runs l10n check has them (the glossary's
// terms, the locale's numbers and quotes), with a few real mistakes left;
// -pseudo keeps l10n pseudo's text, which every check family flags. The
// same -n, -seed and -pseudo give the same bytes. With -po DIR it also writes the same units as
// gettext files (a template per article and a PO file per locale), for
// timing gettext's tools on them. With -copies-of PROJECT it writes N
// copies of that project's articles and translations instead (real prose:
// go run ./cmd/l10n-corpus -n 1000 -o /tmp/prose -copies-of .).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("l10n-corpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 100, "number of `articles`")
	out := fs.String("o", "", "the project `folder` to write; it must be empty or not exist")
	seed := fs.Uint64("seed", 1, "the corpus `seed`: the same seed gives the same corpus")
	locales := fs.String("locales", "uk,ru", "target `locales`, comma-separated")
	pseudo := fs.Bool("pseudo", false, "keep the pseudo-translations as l10n pseudo writes them (every check family fires) instead of a newsroom's revised translations")
	from := fs.String("copies-of", "", "instead of generated news, write N copies of every article of the project in `dir` with its translations, each sentence tagged with a name of the copy's own (real prose, for the checks of a language)")
	poDir := fs.String("po", "", "also write the same units as gettext files into `dir`: pot/<slug>.pot and <locale>/<slug>.po")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: l10n-corpus -n N -o DIR [-seed S] [-locales uk,ru] [-pseudo] [-po DIR]\n       l10n-corpus -n N -o DIR -copies-of PROJECT\n\nWrite a deterministic l10n project of N generated news articles.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 || *n < 1 {
		fs.Usage()
		return 2
	}
	if *from != "" {
		filled, missing, err := newsgen.WriteCopies(*out, *from, *n)
		if err != nil {
			fmt.Fprintf(stderr, "l10n-corpus: %v\n", err)
			return 2
		}
		fmt.Fprintf(stdout, "wrote %s: %d copies of %s; %d translations, %d units without one\n", *out, *n, *from, filled, missing)
		return 0
	}
	locs := strings.Split(*locales, ",")
	sum, err := newsgen.Write(*out, newsgen.Options{N: *n, Seed: *seed, Locales: locs, Pseudo: *pseudo})
	if err != nil {
		fmt.Fprintf(stderr, "l10n-corpus: %v\n", err)
		return 2
	}
	if *poDir != "" {
		if err := newsgen.WritePO(*out, *poDir, locs); err != nil {
			fmt.Fprintf(stderr, "l10n-corpus: %v\n", err)
			return 2
		}
	}
	fmt.Fprintf(stdout, "wrote %s: %d articles; %d mistakes left in translations; after translation %d paragraphs edited (stale), %d added and %d translations emptied (missing)\n",
		*out, sum.Articles, len(sum.Mistakes), sum.Edited, sum.Added, sum.Blanked)
	return 0
}
