package main

import (
	"path/filepath"
	"strings"

	"github.com/l10n-dev/l10n/pipeline/extract"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// cmdInit makes the folder l10n runs in a project.
func cmdInit(e *env, o *options, _ []string) int {
	res, err := project.Init(e.dir, project.InitOptions{Source: o.source, Locales: o.locales})
	if err != nil {
		return e.fail(err)
	}
	where := e.dir
	if abs, err := filepath.Abs(e.dir); err == nil {
		where = abs
	}
	locales := strings.Join(res.Locales, ", ")
	if locales == "" {
		locales = "none yet: l10n locale add L"
	}
	if len(res.Created) == 0 {
		e.summary("nothing to do: %s is a project already (source %s; locales %s)", where, res.Source, locales)
		return exitOK
	}
	e.summary("made %s a project: %s (source %s; locales %s); put articles in articles/ and run l10n extract", where, strings.Join(res.Created, ", "), res.Source, locales)
	return exitOK
}

// cmdLocaleAdd adds a target locale to the project.
func cmdLocaleAdd(e *env, _ *options, args []string) int {
	p, err := e.project()
	if err != nil {
		return e.fail(err)
	}
	p.Progress = e.screen.progress()
	res, err := extract.AddLocale(p, args[0])
	if err != nil {
		return e.fail(err)
	}
	if !res.Added {
		e.summary("nothing to do: %s is a locale of the project already", res.Locale)
		return exitOK
	}
	if res.Articles == 0 {
		e.summary("added %s to %s (no articles yet)", res.Locale, project.ConfigFile)
		return exitOK
	}
	e.summary("added %s: %s of %s written, %s updated, in %s", res.Locale, count(len(res.Catalogs), "catalog"), count(res.Articles, "article"), project.ConfigFile, e.took())
	return exitOK
}
