package serve

// This file is the workbench's one door into the project and the other
// stages: every call into pipeline/project, status and lint is here.

import (
	"errors"
	"slices"
	"time"

	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/segment"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// Project is the project a workbench serves.
type Project = project.Project

// statusRow is the translation state of an article in a locale.
type statusRow = status.Row

// totalOf sums status rows (status.Total).
func totalOf(rows []statusRow) statusRow { return status.Total(rows) }

// finding is one problem check found in a catalog.
type finding = check.Finding

// adapter wraps the project with what the workbench asks of it.
type adapter struct {
	p *Project
}

func (pr *adapter) root() string      { return pr.p.Root }
func (pr *adapter) source() string    { return pr.p.Source }
func (pr *adapter) locales() []string { return pr.p.Locales }

// articles returns the slugs of the project's articles, sorted.
func (pr *adapter) articles() ([]string, error) { return pr.p.Articles() }

// status returns the status rows of the articles named (of every
// article, and the catalogs of deleted ones, when none is) in every
// locale, as l10n status counts them.
func (pr *adapter) status(slugs []string) ([]statusRow, error) {
	return status.Run(pr.p, project.Selection{Articles: slugs})
}

// articlePath returns an article's path, relative to the project root.
func (pr *adapter) articlePath(slug string) string { return project.ArticlePath(slug) }

// catalogPath returns an article's catalog for a locale, relative to the
// project root.
func (pr *adapter) catalogPath(slug, loc string) string { return project.CatalogPath(slug, loc) }

// check runs l10n check over one article's catalog for one locale, as
// the command does, without spelling (which the server's own hunspell
// answers).
func (pr *adapter) check(slug, loc string) ([]finding, error) {
	rep, err := lint.Run(pr.p, lint.Options{Articles: []string{slug}, Locales: []string{loc}, NoSpelling: true})
	if err != nil {
		return nil, err
	}
	return rep.Findings, nil
}

// glossary reads the project's glossary; nil when it has none.
func (pr *adapter) glossary() (*glossary.Glossary, error) { return pr.p.ReadGlossary() }

// article is a segmented article with the ids its source catalog gives
// its units, as extract assigns them.
type article struct {
	slug   string
	doc    *segment.Doc
	ids    []string
	hashes []string // go-i18n's hash of each unit's source message
	pa     *project.Article
}

// loadArticle reads and segments an article and matches its units to
// the ids of its source catalog.
func (pr *adapter) loadArticle(slug string) (*article, error) {
	pa, err := pr.p.LoadArticle(slug)
	if err != nil {
		return nil, err
	}
	a := &article{slug: slug, doc: pa.Doc, pa: pa}
	for i := range pa.Doc.Units {
		a.ids = append(a.ids, pa.ID(i))
		a.hashes = append(a.hashes, pa.Hash(i))
	}
	return a, nil
}

// stateOf returns the state of unit i with catalog entry e (nil: the
// catalog does not hold the unit), as every command reads it: an entry
// whose hash the translator deleted is bound to the English its catalog
// showed.
func (a *article) stateOf(e *catalog.Entry, i int) string {
	if e == nil {
		return stateAbsent
	}
	switch project.StateOf(a.pa.Confirmed(e, i), a.hashes[i]) {
	case project.Missing:
		return stateMissing
	case project.Stale:
		return stateStale
	}
	return stateTranslated
}

// readCatalog reads and parses an article's catalog for a locale, with
// its snapshot for the write that may follow; a missing catalog is empty.
// A catalog outside the project (through a symbolic link) is an error.
func (pr *adapter) readCatalog(slug, loc string) (*catalog.File, stage.Snapshot, error) {
	return pr.p.ReadCatalog(project.CatalogPath(slug, loc))
}

// writeCatalog replaces a catalog through the project's one write path:
// nothing is written if the file changed on disk since snap was read.
func (pr *adapter) writeCatalog(slug, loc string, data []byte, snap stage.Snapshot) error {
	_, err := stage.Files(pr.p.Root, []stage.File{{Rel: project.CatalogPath(slug, loc), Data: data, Snap: snap}})
	return err
}

// lockProject takes the project lock for one save, as every command
// that writes takes it, and returns its release. A lock another command
// keeps longer than wait is a *lock.BusyError; a file system without
// locks saves without it.
func (pr *adapter) lockProject(wait time.Duration) (func(), error) {
	l, err := lock.Acquire(pr.p.Root, lock.Options{Command: "l10n serve", Timeout: wait})
	switch {
	case errors.Is(err, lock.ErrUnsupported):
		return func() {}, nil
	case err != nil:
		return nil, err
	}
	return func() { _ = l.Release() }, nil
}

// parseUnit parses a text of unit i (its source, or a translation) for
// the checks, as l10n check does.
func parseUnit(c *check.Checker, d *segment.Doc, i int, raw string, source bool) *check.Text {
	return project.ParseUnit(c, d, i, raw, source)
}

// suppressUnit applies an entry's l10n:ignore comments but the
// consistency ones (a check across units) to its findings, and adds the
// malformed ones, as l10n check does.
func suppressUnit(found []check.Finding, e *catalog.Entry) []check.Finding {
	kept, _, _ := project.SuppressUnit(found, e, false)
	return kept
}

// wordList reads the project's spelling.txt (project.ReadWordList); a
// list l10n check would refuse counts as none here (check reports it).
func (pr *adapter) wordList() []string {
	words, err := pr.p.ReadWordList()
	if err != nil {
		return nil
	}
	return words
}

// validLocale reports whether loc is one of the project's target locales.
func (pr *adapter) validLocale(loc string) bool { return slices.Contains(pr.p.Locales, loc) }
