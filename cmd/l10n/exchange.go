package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/exchange"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// cmdExport writes the catalogs of one or more locales as XLIFF 1.2 or PO
// files for a CAT tool. A file holds one locale: without -o the one
// locale goes to standard output; with several locales -o names a folder
// (one <locale>.xlf or .po in it) or a file name that gets the locale
// before its extension (-o ngo.po writes ngo.uk.po and ngo.ru.po).
func cmdExport(e *env, o *options, _ []string) int {
	f, err := exportFormat(o.format, o.output)
	if err != nil {
		return e.usage("export", err)
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	locs, err := exchange.ExportLocales(p, o.locales)
	if err != nil {
		return e.fail(err)
	}
	if o.output == "" && len(locs) > 1 {
		return e.usage("export", fmt.Errorf("a file holds one locale and this exports %s: give one --locale, or -o FILE or -o DIR/ for one file per locale", strings.Join(locs, ", ")))
	}
	p.Progress = e.screen.progress()
	// Every locale is read and checked before anything is written; each
	// file is then written an article at a time.
	exports := make([]*exchange.PreparedExport, len(locs))
	for i, loc := range locs {
		if exports[i], err = exchange.PrepareExport(p, exchange.ExportOptions{Format: f, Locale: loc, Articles: o.articles}); err != nil {
			return e.fail(err)
		}
	}
	if o.output == "" {
		if err := e.writeStream("", exports[0].Write); err != nil {
			return e.fail(err)
		}
		e.summary("exported %s as %s to standard output in %s", locs[0], f, e.took())
		return exitOK
	}
	paths := exportPaths(e.path(o.output), strings.HasSuffix(o.output, "/") || strings.HasSuffix(o.output, string(filepath.Separator)), locs, f)
	for i, path := range paths {
		if err := e.writeStream(path, exports[i].Write); err != nil {
			return e.fail(err)
		}
	}
	e.summary("exported %s%s as %s to %s in %s", count(len(locs), "locale"), localesOf(locs), f, strings.Join(paths, ", "), e.took())
	return exitOK
}

// exportFormat returns the format asked for, or the one -o's extension
// names.
func exportFormat(name, out string) (exchange.Format, error) {
	if name != "" {
		return exchange.ParseFormat(name)
	}
	switch strings.ToLower(filepath.Ext(out)) {
	case ".po":
		return exchange.FormatPO, nil
	case ".xlf", ".xliff":
		return exchange.FormatXLIFF, nil
	}
	return "", errors.New("--format xliff or --format po is required (or -o FILE.xlf / FILE.po)")
}

// exportPaths returns the file each locale is written to; isDir says
// that -o ended in a slash.
func exportPaths(out string, isDir bool, locs []string, f exchange.Format) []string {
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

// path resolves a path the user gave against the folder l10n runs in
// (-C), as git -C does.
func (e *env) path(p string) string {
	if p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.dir, p)
}

// cmdImport reads XLIFF and PO files and merges their translations into
// the catalogs, after checking every file: exit 2 (nothing written) on
// malformed files or unknown articles and units, 1 when a unit was not
// imported because l10n check finds an error in it, or is in conflict
// (changed in the file and in the catalog since the export). --dry-run
// prints what would happen to each unit.
func cmdImport(e *env, o *options, args []string) int {
	var files []exchange.ImportFile
	for _, name := range args {
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
			return e.fail(&project.InputError{File: name, Err: err})
		}
		files = append(files, exchange.ImportFile{Name: name, Data: data})
	}
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	e.screen.machine(o.json)
	var res *exchange.ImportResult
	if o.dryRun {
		res, err = exchange.ValidateImport(p, files...)
	} else {
		res, err = exchange.Import(p, files...)
	}
	if err != nil {
		return e.fail(err)
	}
	code := exitOK
	if res.Failed() {
		code = exitFindings
	}
	if o.json {
		if c := writeJSON(e, res); c != exitOK {
			return c
		}
	} else {
		if o.dryRun {
			// One line per unit that import would do something with,
			// in the words --json uses; the errors are among them, so
			// only the warnings follow.
			for _, oc := range res.Outcomes {
				if oc.Outcome != exchange.OutcomeUnchanged || oc.Comments != exchange.OutcomeUnchanged {
					fmt.Fprintln(e.stdout, oc.String())
				}
			}
		}
		for _, f := range res.Findings {
			if !o.dryRun || f.Severity != check.Error {
				fmt.Fprintln(e.stdout, f.String())
			}
		}
	}
	verb := "updated"
	if o.dryRun {
		verb = "would update"
	}
	var lines []string
	for _, w := range res.Written {
		lines = append(lines, verb+" "+w)
	}
	e.details(lines, "catalogs")
	e.summary("%s", importSummary(res, o.dryRun))
	return code
}

// importSummary returns the last line import prints: the units read by
// outcome, and the catalog entries changed.
func importSummary(res *exchange.ImportResult, dryRun bool) string {
	var parts []string
	for _, c := range []struct {
		n    int
		word string
	}{
		{res.Taken, exchange.OutcomeTaken}, {res.Kept, exchange.OutcomeKept}, {res.Same, exchange.OutcomeSame},
		{res.Conflicts, exchange.OutcomeConflict}, {res.Unchanged, exchange.OutcomeUnchanged},
		{res.Empty, exchange.OutcomeEmpty}, {res.NotImported, exchange.OutcomeFailed},
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
