package exchange

import (
	"errors"
	"io"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tbx"
)

// ExportMemory writes the project's translation memory to w as a TMX
// 1.4b document (see tm.Memory.TMX): one translation unit per unit of a
// catalog, with the English and the translation in each of the locales
// (the project's target locales when none are given). The TMX files of
// tm/ are left out: they are other tools' memories already. It is
// written a catalog folder at a time (memory.WriteTMX), so that a large
// project's memory is never held whole.
func ExportMemory(p *project.Project, locales []string, w io.Writer) error {
	locs, err := ExportLocales(p, locales)
	if err != nil {
		return err
	}
	return memory.WriteTMX(p, locs, w)
}

// GlossaryImport says what ImportGlossary did.
type GlossaryImport struct {
	tbx.MergeReport
	// Problems are what the TBX file had that the glossary cannot take.
	Problems []tbx.Problem
	// Written says whether glossary.yaml was written.
	Written bool
}

// ImportGlossary adds the terms of a TBX document (its bytes, file
// naming it in errors) to glossary.yaml, through tbx.MergeGlossary:
// every existing term, comment and byte of the file stays as it is, new
// terms are appended, and a term the glossary has already is reported
// with the forms it lacks. rename maps the file's languages to the
// project's locales (csv2tbx writes "xx" for its target language). With
// dryRun nothing is written.
func ImportGlossary(p *project.Project, file string, data []byte, rename map[string]string, dryRun bool) (*GlossaryImport, error) {
	doc, err := tbx.Decode(data)
	if err != nil {
		return nil, fileerr.In(file, err)
	}
	terms, problems := tbx.ToGlossary(doc, tbx.ImportOptions{Source: p.Source, Locales: p.Locales, Rename: rename})
	path := p.Abs(project.GlossaryFile)
	if err := p.Inside(path); err != nil {
		return nil, err
	}
	snap, err := stage.Read(path)
	if err != nil {
		return nil, &project.InputError{File: project.GlossaryFile, Err: err}
	}
	old := snap.Data
	if !snap.Exists {
		old = []byte("terms:\n")
	}
	merged, rep, err := tbx.MergeGlossary(old, terms)
	if err != nil {
		return nil, fileerr.In(project.GlossaryFile, err)
	}
	res := &GlossaryImport{MergeReport: rep, Problems: problems}
	if dryRun || len(rep.Added) == 0 {
		return res, nil
	}
	if _, err := stage.Files(p.Root, []stage.File{{Rel: project.GlossaryFile, Data: merged, Snap: snap}}); err != nil {
		return nil, err
	}
	res.Written = true
	return res, nil
}

// ExportGlossary returns the project's glossary as a TBX-Basic document
// (see tbx.FromGlossary).
func ExportGlossary(p *project.Project) ([]byte, error) {
	g, err := p.ReadGlossary()
	if err != nil {
		return nil, err
	}
	if g == nil {
		return nil, &project.InputError{File: project.GlossaryFile, Err: errNoGlossary}
	}
	return tbx.Encode(tbx.FromGlossary(g, tbx.ExportOptions{Source: p.Source, Locales: p.Locales})), nil
}

var errNoGlossary = errors.New("no glossary to export")
