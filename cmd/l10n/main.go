// Command l10n is a translation pipeline for news articles: it cuts
// Markdown articles into translation units held in per-locale go-i18n YAML
// catalogs, reports their state, and builds the localized editions as
// Markdown and HTML.
//
// Usage:
//
//	l10n [-C dir] <command> [flags]
//
// Run "l10n help" for the commands, "l10n <command> --help" for their
// flags.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/l10n-dev/l10n/pipeline"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1 // findings at or above the failing severity, --strict
	exitInput    = 2 // usage or input errors
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand.
type command struct {
	name    string
	args    string // usage after the name
	summary string
	run     func(env *env, args []string) int
}

func commands() []command {
	return []command{
		{"extract", "[--locale L]... [--article SLUG]...", "segment articles and update every catalog (keeps all translations)", cmdExtract},
		{"build", "[--locale L]... [--article SLUG]... [--policy mark|fail|ship]", "write out/<locale>/<slug>.md and .html", cmdBuild},
		{"status", "[--locale L]... [--article SLUG]... [--json] [--strict]", "count translated, missing, stale and obsolete units", cmdStatus},
		{"check", "[--locale L]... [--article SLUG]... [--format text|json|sarif|github] [--json] [--fail-on error|warning]", "check catalogs: missing, stale, markup, numbers, dates, glossary, spelling, typography", cmdCheck},
		{"pseudo", "[--locale en-XA] [--article SLUG]...", "write a pseudo-translated catalog (en-XA) to test editions before translations arrive", cmdPseudo},
		{"prune", "[--locale L]... [--article SLUG]...", "delete obsolete entries (the only command that drops translations)", cmdPrune},
		{"mv", "OLD NEW", "rename an article and take its catalogs along (also after git mv)", cmdMove},
		{"export", "--format xliff|po [--locale L]... [--article SLUG]... [-o FILE]", "export catalogs for a CAT tool (XLIFF 1.2 or PO)", cmdExport},
		{"import", "FILE...", "merge translations from XLIFF or PO files into the catalogs, keeping edits made there since the export", cmdImport},
	}
}

// env is what a command runs with.
type env struct {
	root   string
	stdout io.Writer
	stderr io.Writer
	// warnings are printed when the command ends, unless it fails on
	// bad input: then its one line is all it prints.
	warnings []string
}

func (e *env) project() (*pipeline.Project, error) {
	p, err := pipeline.Open(e.root)
	if err != nil {
		return nil, err
	}
	p.Progress = newProgress(e.stderr)
	p.Warn = func(msg string) { e.warnings = append(e.warnings, msg) }
	return p, nil
}

// fail prints an error in one line and returns its exit code.
func (e *env) fail(err error) int {
	if errors.Is(err, pipeline.ErrIncomplete) {
		fmt.Fprintf(e.stderr, "l10n: %v\n", err)
		return exitFindings
	}
	fmt.Fprintf(e.stderr, "l10n: %s\n", strings.ReplaceAll(err.Error(), "\n", " "))
	return exitInput
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("l10n", flag.ContinueOnError)
	fs.SetOutput(stderr)
	root := fs.String("C", ".", "run as if started in `dir` (the project root)")
	fs.Usage = func() { usage(stderr, fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout, fs)
			return exitOK
		}
		return exitInput
	}
	rest := fs.Args()
	if len(rest) == 0 {
		usage(stderr, fs)
		return exitInput
	}
	e := &env{root: *root, stdout: stdout, stderr: stderr}
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			return run([]string{rest[1], "--help"}, stdout, stderr)
		}
		usage(stdout, fs)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			code := c.run(e, rest[1:])
			if code != exitInput {
				for _, w := range e.warnings {
					fmt.Fprintf(stderr, "l10n: warning: %s\n", w)
				}
			}
			return code
		}
	}
	fmt.Fprintf(stderr, "l10n: unknown command %q (run 'l10n help')\n", name)
	return exitInput
}

func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprintf(w, `l10n: translate Markdown news articles through go-i18n YAML catalogs.

Usage: l10n [-C dir] <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Global flags:
  -C dir   run as if l10n was started in dir (the project root)

Run 'l10n <command> --help' for a command's flags.
Exit codes: 0 success, 1 findings (status --strict, check, build --policy fail, import of a unit that fails check or is in conflict), 2 usage or input error.
`)
}

// list is a repeatable flag; each value may also be comma-separated.
type list []string

func (l *list) String() string { return strings.Join(*l, ",") }

func (l *list) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

// flags returns a flag set for a command, with --locale and --article.
func flags(e *env, name, args, summary string) (*flag.FlagSet, *list, *list) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var locales, articles list
	fs.Var(&locales, "locale", "a target `locale` (repeatable or comma-separated); default: the project's")
	fs.Var(&articles, "article", "an article `slug` (repeatable); default: every article")
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: l10n %s %s\n\n%s.\n\nFlags:\n", name, args, strings.ToUpper(summary[:1])+summary[1:])
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
	}
	return fs, &locales, &articles
}

// parse parses a command's flags; it returns an exit code and false when
// the command must stop (help, or a usage error).
func parse(e *env, fs *flag.FlagSet, args []string) (int, bool) {
	usage := fs.Usage
	fs.Usage = func() {} // the flag package calls it on every error
	err := fs.Parse(args)
	fs.Usage = usage
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitOK, false
		}
		fmt.Fprintf(e.stderr, "run 'l10n %s --help' for usage\n", fs.Name())
		return exitInput, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(e.stderr, "l10n %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitInput, false
	}
	return 0, true
}

func lookup(name string) command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	panic("no command " + name)
}

func cmdExtract(e *env, args []string) int {
	c := lookup("extract")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	res, err := p.Extract(pipeline.ExtractOptions{Articles: *articles, Locales: *locales})
	if err != nil {
		return e.fail(err)
	}
	news := make([]string, 0, len(res.Renamed))
	for n := range res.Renamed {
		news = append(news, n)
	}
	sort.Strings(news)
	for _, n := range news {
		fmt.Fprintf(e.stderr, "l10n: %s is %s renamed: its catalogs moved to %s\n",
			pipeline.ArticlePath(n), pipeline.ArticlePath(res.Renamed[n]), filepath.Join("locales", n))
	}
	return exitOK
}

func cmdBuild(e *env, args []string) int {
	c := lookup("build")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	policy := fs.String("policy", "mark", "missing and stale units: `mark` (English source / old translation, labelled in the HTML, noted in the Markdown), fail (build nothing, exit 1), ship (no marks)")
	jsonOut := fs.Bool("json", false, "print the editions built as JSON")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	pol, err := pipeline.ParsePolicy(*policy)
	if err != nil {
		fmt.Fprintf(e.stderr, "l10n build: %v\n", err)
		return exitInput
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	res, err := p.Build(pipeline.BuildOptions{Articles: *articles, Locales: *locales, Policy: pol})
	if err != nil {
		return e.fail(err)
	}
	for _, ed := range res.Editions {
		for _, w := range ed.Warnings {
			fmt.Fprintf(e.stderr, "l10n: warning: %s\n", w)
		}
	}
	for _, ed := range res.Editions {
		if !ed.Reused {
			fmt.Fprintln(e.stderr, editionSummary(ed, p.Source))
		}
	}
	if *jsonOut {
		return writeJSON(e, res.Editions)
	}
	return exitOK
}

// editionSummary is build's line about an edition it built: how much of
// it is not in its language, such as
// "out/uk/x.md: 3 of 22 units in English, 1 out of date".
func editionSummary(ed pipeline.Edition, source string) string {
	path := pipeline.EditionPath(ed.Article, ed.Locale, ".md")
	units := func(n int) string {
		if n == 1 {
			return "1 unit"
		}
		return fmt.Sprintf("%d units", n)
	}
	lang := source
	if t, err := language.Parse(source); err == nil {
		if name := display.English.Tags().Name(t); name != "" {
			lang = name
		}
	}
	switch {
	case ed.Locale == source:
		return fmt.Sprintf("%s: the source, %s", path, units(ed.Units))
	case ed.Missing > 0 && ed.Stale > 0:
		return fmt.Sprintf("%s: %d of %s in %s, %d out of date", path, ed.Missing, units(ed.Units), lang, ed.Stale)
	case ed.Missing > 0:
		return fmt.Sprintf("%s: %d of %s in %s", path, ed.Missing, units(ed.Units), lang)
	case ed.Stale > 0:
		return fmt.Sprintf("%s: %d of %s out of date", path, ed.Stale, units(ed.Units))
	}
	return fmt.Sprintf("%s: all %s translated", path, units(ed.Units))
}

func cmdStatus(e *env, args []string) int {
	c := lookup("status")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	jsonOut := fs.Bool("json", false, "print a JSON array")
	strict := fs.Bool("strict", false, "exit 1 when any unit is missing, stale or in conflict")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	rows, err := p.Status(pipeline.Selection{Articles: *articles, Locales: *locales})
	if err != nil {
		return e.fail(err)
	}
	code := exitOK
	for _, r := range rows {
		if *strict && r.Missing+r.Stale+r.Conflicts > 0 {
			code = exitFindings
		}
	}
	if *jsonOut {
		if c := writeJSON(e, rows); c != exitOK {
			return c
		}
		return code
	}
	printStatus(e.stdout, rows)
	return code
}

func printStatus(w io.Writer, rows []pipeline.StatusRow) {
	head := []string{"ARTICLE", "LOCALE", "UNITS", "DONE", "MISSING", "STALE", "OBSOLETE", "WORDS", "MISSING W", "STALE W"}
	var table [][]string
	var t pipeline.StatusRow
	for _, r := range rows {
		t.Conflicts += r.Conflicts
	}
	// Import conflicts are rare and urgent: their column shows when
	// there is one.
	withConflicts := t.Conflicts > 0
	if withConflicts {
		head = append(head[:6:6], append([]string{"CONFLICTS"}, head[6:]...)...)
	}
	for _, r := range rows {
		table = append(table, statusCells(r, withConflicts))
		t.Units += r.Units
		t.Translated += r.Translated
		t.Missing += r.Missing
		t.Stale += r.Stale
		t.Obsolete += r.Obsolete
		t.Words += r.Words
		t.MissingWords += r.MissingWords
		t.StaleWords += r.StaleWords
	}
	t.Article = fmt.Sprintf("total (%d)", len(rows))
	t.Locale = ""
	table = append(table, statusCells(t, withConflicts))
	width := make([]int, len(head))
	for _, row := range append([][]string{head}, table...) {
		for i, c := range row {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(row []string) {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-len([]rune(c)))
			if i < 2 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(pad + c)
			}
			if i < len(row)-1 {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(head)
	for i, row := range table {
		if i == len(table)-1 {
			sep := make([]string, len(head))
			for k := range sep {
				sep[k] = strings.Repeat("-", width[k])
			}
			line(sep)
		}
		line(row)
	}
}

func statusCells(r pipeline.StatusRow, withConflicts bool) []string {
	pct := ""
	if r.Units > 0 {
		pct = fmt.Sprintf(" %3d%%", r.Translated*100/r.Units)
	}
	cells := []string{r.Article, r.Locale, fmt.Sprint(r.Units), fmt.Sprint(r.Translated) + pct, fmt.Sprint(r.Missing), fmt.Sprint(r.Stale)}
	if withConflicts {
		cells = append(cells, fmt.Sprint(r.Conflicts))
	}
	return append(cells, fmt.Sprint(r.Obsolete), fmt.Sprint(r.Words), fmt.Sprint(r.MissingWords), fmt.Sprint(r.StaleWords))
}

func cmdPseudo(e *env, args []string) int {
	c := lookup("pseudo")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	fs.Lookup("locale").Usage = "the pseudo-`locale` to write; default: en-XA. The source locale and catalogs that hold translations are refused"
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	if _, err := p.Pseudo(pipeline.Selection{Articles: *articles, Locales: *locales}); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func cmdPrune(e *env, args []string) int {
	c := lookup("prune")
	fs, locales, articles := flags(e, c.name, c.args, c.summary)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	written, err := p.Prune(pipeline.Selection{Articles: *articles, Locales: *locales})
	if err != nil {
		return e.fail(err)
	}
	sort.Strings(written)
	for _, w := range written {
		fmt.Fprintf(e.stdout, "pruned %s\n", w)
	}
	return exitOK
}

func cmdMove(e *env, args []string) int {
	c := lookup("mv")
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "Usage: l10n %s %s\n\n%s.\n"+
			"OLD and NEW are slugs or paths (articles/OLD.md). articles/OLD.md becomes articles/NEW.md and\n"+
			"locales/OLD becomes locales/NEW; after git mv, only the catalogs move. The next build removes OLD's editions.\n",
			c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
	}
	usage := fs.Usage
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitOK
		}
		fmt.Fprintf(e.stderr, "run 'l10n %s --help' for usage\n", c.name)
		return exitInput
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(e.stderr, "l10n mv: want OLD and NEW (l10n mv OLD NEW)\n")
		return exitInput
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	if _, err := p.Move(fs.Arg(0), fs.Arg(1)); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func writeJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(err)
	}
	return exitOK
}
