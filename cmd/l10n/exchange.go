package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline"
)

// cmdExport writes the catalogs of one or more locales as XLIFF 1.2 or PO
// files for a CAT tool. A file holds one locale: without -o the one
// locale goes to standard output; with several locales -o names a folder
// (one <locale>.xlf or .po in it) or a file name that gets the locale
// before its extension (-o ngo.po writes ngo.uk.po and ngo.ru.po).
func cmdExport(e *env, args []string) int {
	c := lookup("export")
	fset, locales, articles := flags(e, c.name, c.args, c.summary)
	format := fset.String("format", "", "`xliff` (XLIFF 1.2) or po (gettext PO); default: from the extension of -o")
	out := fset.String("o", "", "write to `FILE` instead of standard output; with several locales, FILE gets the locale before its extension\n(x.po: x.uk.po, x.ru.po), and a folder (existing, or ending in /) gets <locale>.xlf or <locale>.po")
	if code, ok := parse(e, fset, args); !ok {
		return code
	}
	f, err := exportFormat(*format, *out)
	if err != nil {
		fmt.Fprintf(e.stderr, "l10n export: %v\n", err)
		return exitInput
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	locs, err := p.ExportLocales(*locales)
	if err != nil {
		return e.fail(err)
	}
	if *out == "" && len(locs) > 1 {
		fmt.Fprintf(e.stderr, "l10n export: a file holds one locale and this exports %s: give one --locale, or -o FILE or -o DIR/ for one file per locale\n", strings.Join(locs, ", "))
		return exitInput
	}
	// Everything is exported before anything is written.
	data := make([][]byte, len(locs))
	for i, loc := range locs {
		if data[i], err = p.Export(pipeline.ExportOptions{Format: f, Locale: loc, Articles: *articles}); err != nil {
			return e.fail(err)
		}
	}
	if *out == "" {
		if _, err := e.stdout.Write(data[0]); err != nil {
			return e.fail(err)
		}
		return exitOK
	}
	paths := exportPaths(e.path(*out), strings.HasSuffix(*out, "/") || strings.HasSuffix(*out, string(filepath.Separator)), locs, f)
	for i, path := range paths {
		if err := stage.WriteFile(path, data[i]); err != nil {
			return e.fail(fmt.Errorf("writing %s: %w", path, err))
		}
		fmt.Fprintf(e.stdout, "exported %s (%s)\n", path, locs[i])
	}
	return exitOK
}

// exportFormat returns the format asked for, or the one -o's extension
// names.
func exportFormat(name, out string) (pipeline.Format, error) {
	if name != "" {
		return pipeline.ParseFormat(name)
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".po":
		return pipeline.FormatPO, nil
	case ".xlf", ".xliff":
		return pipeline.FormatXLIFF, nil
	}
	return "", errors.New("--format xliff or --format po is required (or -o FILE.xlf / FILE.po)")
}

// exportPaths returns the file each locale is written to; isDir says
// that -o ended in a slash.
func exportPaths(out string, isDir bool, locs []string, f pipeline.Format) []string {
	paths := make([]string, len(locs))
	fi, err := os.Stat(out)
	dir := isDir || err == nil && fi.IsDir()
	for i, loc := range locs {
		switch {
		case dir:
			paths[i] = filepath.Join(out, loc+f.Ext())
		case len(locs) == 1:
			paths[i] = out
		default:
			ext := filepath.Ext(out)
			base := strings.TrimSuffix(out, ext)
			if ext == "" {
				ext = f.Ext()
			}
			paths[i] = base + "." + loc + ext
		}
	}
	return paths
}

// path resolves a path the user gave against the project root (-C).
func (e *env) path(p string) string {
	if p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.root, p)
}

// cmdImport reads XLIFF and PO files and merges their translations into
// the catalogs, after checking every file: exit 2 (nothing written) on
// malformed files or unknown articles and units, 1 when a unit was not
// imported because l10n check finds an error in it, or is in conflict
// (changed in the file and in the catalog since the export). --dry-run
// prints what would happen to each unit.
func cmdImport(e *env, args []string) int {
	c := lookup("import")
	fset := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fset.SetOutput(e.stderr)
	dryRun := fset.Bool("dry-run", false, "check the files and print what would happen to each unit (taken, kept, same, conflict, empty, failed), without writing")
	jsonOut := fset.Bool("json", false, "print the result as JSON")
	usage := func() {
		fmt.Fprintf(e.stdout, "Usage: l10n %s [--dry-run] [--json] %s\n\n%s.\nFILE is an .xlf/.xliff or .po file written by l10n export (and edited in a CAT tool); - reads standard input.\n\nFlags:\n",
			c.name, c.args, strings.ToUpper(c.summary[:1])+c.summary[1:])
		fset.SetOutput(e.stdout)
		fset.PrintDefaults()
	}
	fset.Usage = func() {} // the flag package calls it on every error
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage()
			return exitOK
		}
		fmt.Fprintf(e.stderr, "run 'l10n %s --help' for usage\n", c.name)
		return exitInput
	}
	if fset.NArg() == 0 {
		fmt.Fprintf(e.stderr, "l10n import: no file to import (l10n import FILE...)\n")
		return exitInput
	}
	var files []pipeline.ImportFile
	for _, name := range fset.Args() {
		var data []byte
		var err error
		if name == "-" {
			data, err = io.ReadAll(os.Stdin)
			name = "stdin"
		} else {
			data, err = os.ReadFile(e.path(name))
		}
		if err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			return e.fail(&pipeline.InputError{File: name, Err: err})
		}
		files = append(files, pipeline.ImportFile{Name: name, Data: data})
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	var res *pipeline.ImportResult
	if *dryRun {
		res, err = p.ValidateImport(files...)
	} else {
		res, err = p.Import(files...)
	}
	if err != nil {
		return e.fail(err)
	}
	code := exitOK
	if res.Failed() {
		code = exitFindings
	}
	if *jsonOut {
		if c := writeJSON(e, res); c != exitOK {
			return c
		}
		return code
	}
	if *dryRun {
		// One line per unit that import would do something with, in
		// the words --json uses; the errors are among them, so only
		// the warnings follow.
		for _, o := range res.Outcomes {
			if o.Outcome != pipeline.OutcomeUnchanged || o.Comments != pipeline.OutcomeUnchanged {
				fmt.Fprintln(e.stdout, o.String())
			}
		}
	}
	for _, f := range res.Findings {
		if !*dryRun || f.Severity != pipeline.SeverityError {
			fmt.Fprintln(e.stdout, f.String())
		}
	}
	verb := "updated"
	if *dryRun {
		verb = "would update"
	}
	for _, w := range res.Written {
		fmt.Fprintf(e.stdout, "%s %s\n", verb, w)
	}
	fmt.Fprintln(e.stdout, importSummary(res, *dryRun))
	return code
}

// importSummary returns the last line import prints: the units read by
// outcome, and the catalog entries changed.
func importSummary(res *pipeline.ImportResult, dryRun bool) string {
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{
		{res.Taken, pipeline.OutcomeTaken}, {res.Kept, pipeline.OutcomeKept}, {res.Same, pipeline.OutcomeSame},
		{res.Conflicts, pipeline.OutcomeConflict}, {res.Unchanged, pipeline.OutcomeUnchanged},
		{res.Empty, pipeline.OutcomeEmpty}, {res.NotImported, pipeline.OutcomeFailed},
	} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.word))
		}
	}
	verb := "updated"
	if dryRun {
		verb = "to update"
	}
	entries := "entries"
	if res.Updated == 1 {
		entries = "entry"
	}
	return fmt.Sprintf("%d units read: %s; %d catalog %s %s (%d of them stale)",
		res.Units, strings.Join(parts, ", "), res.Updated, entries, verb, res.Stale)
}
