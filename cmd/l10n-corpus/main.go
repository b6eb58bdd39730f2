// Command l10n-corpus writes a deterministic l10n project of generated news
// articles, for benchmarks and for comparing l10n with po4a and gettext:
//
//	go run ./cmd/l10n-corpus -n 1000 -o /tmp/corpus [-seed 1]
//
// The project has l10n.yaml, a small glossary.yaml, articles/*.md and, for
// every article, locales/<slug>/{en,uk,ru}.yaml: mostly translated
// (pseudo-translations), some units missing and some stale. The same -n and
// -seed give the same bytes. With -po DIR it also writes the same units as
// gettext files (a template per article and a PO file per locale), for
// timing gettext's tools on them.
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
	poDir := fs.String("po", "", "also write the same units as gettext files into `dir`: pot/<slug>.pot and <locale>/<slug>.po")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: l10n-corpus -n N -o DIR [-seed S] [-locales uk,ru] [-po DIR]\n\nWrite a deterministic l10n project of N generated news articles.\n\nFlags:\n")
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
	locs := strings.Split(*locales, ",")
	sum, err := newsgen.Write(*out, newsgen.Options{N: *n, Seed: *seed, Locales: locs})
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
	fmt.Fprintf(stdout, "wrote %s: %d articles; after translation %d paragraphs edited (stale), %d added and %d translations emptied (missing)\n",
		*out, sum.Articles, sum.Edited, sum.Added, sum.Blanked)
	return 0
}
