package serve

// This file is the workbench's one door into the project: every call
// into the root package pipeline (and what the workbench needs of a
// project that the root package keeps to itself: an article's unit ids,
// a unit parsed for the checks) is here, so that the split of the root
// package into stage packages changes this file alone.

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline"
	"github.com/l10n-dev/l10n/pipeline/align"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/check"
	"github.com/l10n-dev/l10n/pipeline/glossary"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// Project is the project a workbench serves: pipeline.Project.
type Project = pipeline.Project

// statusRow is the translation state of an article in a locale.
type statusRow = pipeline.StatusRow

// finding is one problem check found in a catalog.
type finding = pipeline.CheckFinding

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
	return pr.p.Status(pipeline.Selection{Articles: slugs})
}

// articlePath returns an article's path, relative to the project root.
func (pr *adapter) articlePath(slug string) string { return pipeline.ArticlePath(slug) }

// catalogPath returns an article's catalog for a locale, relative to the
// project root.
func (pr *adapter) catalogPath(slug, loc string) string { return pipeline.CatalogPath(slug, loc) }

// check runs l10n check over one article's catalog for one locale, as
// the command does, without spelling.
func (pr *adapter) check(slug, loc string) ([]finding, error) {
	rep, err := pr.p.Check(pipeline.CheckOptions{Articles: []string{slug}, Locales: []string{loc}, NoSpelling: true})
	if err != nil {
		return nil, err
	}
	return rep.Findings, nil
}

// glossary reads the project's glossary; nil when it has none.
func (pr *adapter) glossary() (*glossary.Glossary, error) {
	path := filepath.Join(pr.p.Root, pipeline.GlossaryFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &fileerr.Error{File: pipeline.GlossaryFile, Err: err}
	}
	g, err := glossary.Parse(data)
	if err != nil {
		return nil, fileerr.In(pipeline.GlossaryFile, err)
	}
	return g, nil
}

// article is a segmented article with the ids its source catalog gives
// its units, as extract assigns them.
type article struct {
	slug   string
	doc    *segment.Doc
	ids    []string
	hashes []string // go-i18n's hash of each unit's source message
}

// loadArticle reads and segments an article and matches its units to
// the ids of its source catalog.
func (pr *adapter) loadArticle(slug string) (*article, error) {
	rel := pipeline.ArticlePath(slug)
	if err := pr.inside(rel); err != nil {
		return nil, err
	}
	src, err := os.ReadFile(filepath.Join(pr.p.Root, rel))
	if err != nil {
		return nil, &fileerr.Error{File: rel, Err: err}
	}
	doc, err := segment.NewParser(segment.WithPlaceables(pr.p.Placeables...)).Parse(src)
	if err != nil {
		return nil, fileerr.In(rel, err)
	}
	en, _, err := pr.readCatalog(slug, pr.p.Source)
	if err != nil {
		return nil, err
	}
	var known []align.Known
	for _, e := range slices.Concat(en.Entries, en.Obsolete) {
		known = append(known, align.Known{ID: e.ID, Text: e.Other})
	}
	units := make([]align.Unit, len(doc.Units))
	for i := range doc.Units {
		units[i] = align.Unit{Prefix: idPrefix(&doc.Units[i]), Text: doc.Units[i].Text}
	}
	matches, _ := align.Assign(known, units)
	a := &article{slug: slug, doc: doc}
	for i, m := range matches {
		u := &doc.Units[i]
		a.ids = append(a.ids, m.ID)
		a.hashes = append(a.hashes, catalog.Hash(pipeline.Description(u), u.Text))
	}
	return a, nil
}

// idPrefix is the start of a new unit id, as extract makes it.
func idPrefix(u *segment.Unit) string {
	switch u.Kind {
	case segment.Heading:
		return "h" + strconv.Itoa(u.Level)
	case segment.Paragraph:
		return "p"
	case segment.Cell:
		return "td"
	case segment.Term:
		return "dt"
	}
	return string(u.Kind)
}

// readCatalog reads and parses an article's catalog for a locale, with
// its snapshot for the write that may follow; a missing catalog is empty.
func (pr *adapter) readCatalog(slug, loc string) (*catalog.File, stage.Snapshot, error) {
	rel := pipeline.CatalogPath(slug, loc)
	if err := pr.inside(rel); err != nil {
		return nil, stage.Snapshot{}, err
	}
	snap, err := stage.Read(filepath.Join(pr.p.Root, rel))
	if err != nil {
		return nil, snap, &fileerr.Error{File: rel, Err: err}
	}
	if !snap.Exists {
		return &catalog.File{}, snap, nil
	}
	f, err := catalog.Parse(snap.Data)
	if err != nil {
		return nil, snap, fileerr.In(rel, err)
	}
	return f, snap, nil
}

// inside returns an error if a file of the project, its symbolic links
// resolved, is outside the project's root.
func (pr *adapter) inside(rel string) error {
	root, err := filepath.EvalSymlinks(pr.p.Root)
	if err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(filepath.Join(pr.p.Root, rel))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &fileerr.Error{File: rel, Err: err}
	}
	if r, err := filepath.Rel(root, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return &fileerr.Error{File: rel, Err: errors.New("resolves outside the project root")}
	}
	return nil
}

// writeCatalog replaces a catalog through the project's one write path:
// nothing is written if the file changed on disk since snap was read.
func (pr *adapter) writeCatalog(slug, loc string, data []byte, snap stage.Snapshot) error {
	_, err := stage.Files(pr.p.Root, []stage.File{{Rel: pipeline.CatalogPath(slug, loc), Data: data, Snap: snap}})
	return err
}

// parseUnit parses a text of unit i (its source, or a translation) for
// the checks, as l10n check does: a front-matter field is plain text,
// anything else inline Markdown framed as its block reads it.
func parseUnit(c *check.Checker, d *segment.Doc, i int, raw string, source bool) *check.Text {
	u := &d.Units[i]
	switch {
	case u.FrontMatter() && source:
		return c.ParseSourcePlain(raw)
	case u.FrontMatter():
		return c.ParsePlain(raw)
	}
	var t *check.Text
	if source {
		t = c.ParseSource(raw)
	} else {
		t = c.Parse(raw)
	}
	t.Block = d.Frame(i, raw)
	return t
}

// suppressUnit applies an entry's l10n:ignore comments but the
// consistency ones (a check across units) to its findings, and adds the
// malformed ones, as l10n check does.
func suppressUnit(found []check.Finding, e *catalog.Entry) []check.Finding {
	sups, bad := check.ParseSuppressions(e.Comments)
	sups = slices.DeleteFunc(sups, func(s check.Suppression) bool { return s.Check == check.Consistency })
	found, _, _ = check.Suppress(found, sups)
	return append(found, bad...)
}

// wordList reads the project's spelling.txt, the words spelling accepts
// besides the dictionary's: one a line, "#" starting a comment. A line
// that is not one word is left out here (l10n check reports it).
func (pr *adapter) wordList() []string {
	data, err := os.ReadFile(filepath.Join(pr.p.Root, pipeline.SpellingFile))
	if err != nil {
		return nil
	}
	var words []string
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		if f := strings.Fields(line); len(f) == 1 {
			words = append(words, f[0])
		}
	}
	return words
}

// validLocale reports whether loc is one of the project's target locales.
func (pr *adapter) validLocale(loc string) bool { return slices.Contains(pr.p.Locales, loc) }
