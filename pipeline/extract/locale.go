package extract

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// AddLocaleResult says what AddLocale did.
type AddLocaleResult struct {
	Locale string `json:"locale"` // canonical BCP 47
	// Added is false when the locale was already one of the project's.
	Added bool `json:"added"`
	// Config is set when l10n.yaml was written (created or updated).
	Config bool `json:"config"`
	// Catalogs are the catalogs written, relative to the root.
	Catalogs []string `json:"catalogs"`
	Articles int      `json:"articles"`
}

// AddLocale makes a BCP 47 tag one of the project's target locales: it
// creates the locale's catalog for every article (as extract does, with
// every unit missing) and adds the locale to l10n.yaml, creating the file
// if need be with the locales the project had. Nothing is written unless
// every article and catalog is valid; l10n.yaml is written last, and not
// if it changed on disk meanwhile.
func AddLocale(p *project.Project, name string) (*AddLocaleResult, error) {
	loc, err := project.CanonicalLocale(name)
	if err != nil {
		return nil, &project.InputError{Err: err}
	}
	res := &AddLocaleResult{Locale: loc, Catalogs: []string{}}
	if loc == p.Source {
		return nil, &project.InputError{Err: fmt.Errorf("%s is the project's source locale", loc)}
	}
	path := p.Abs(project.ConfigFile)
	snap, err := stage.Read(path)
	if err != nil {
		return nil, &project.InputError{File: project.ConfigFile, Err: err}
	}
	if slices.Contains(p.Locales, loc) && snap.Exists {
		return res, nil
	}
	locales := p.Locales
	if !slices.Contains(locales, loc) {
		locales = append(slices.Clip(locales), loc)
	}
	articles, err := filepath.Glob(p.Abs(filepath.Join("articles", "*.md")))
	if err != nil {
		return nil, err
	}
	if len(articles) > 0 {
		x, err := Run(p, Options{Locales: []string{loc}})
		if err != nil {
			return nil, err
		}
		res.Articles = len(articles)
		for _, w := range x.Written {
			if filepath.Base(w) == loc+".yaml" {
				res.Catalogs = append(res.Catalogs, w)
			}
		}
	}
	data, err := project.ConfigWithLocales(snap, p.Source, locales)
	if err != nil {
		return nil, err
	}
	if _, err := stage.Files(p.Root, []stage.File{{Rel: project.ConfigFile, Data: data, Snap: snap}}); err != nil {
		if errors.Is(err, stage.ErrChanged) {
			return nil, &project.InputError{File: project.ConfigFile, Err: stage.ErrChanged}
		}
		return nil, fmt.Errorf("writing %s: %w", project.ConfigFile, err)
	}
	p.Locales = locales
	res.Added, res.Config = true, true
	return res, nil
}
