package newsgen

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/po"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// WritePO writes the units of a project's catalogs as gettext files, so
// that gettext's tools can be timed on the same units as l10n: a template
// dir/pot/<slug>.pot per article (msgctxt the unit id, msgid the English
// text) and dir/<locale>/<slug>.po per locale, with the translations, a
// stale one marked fuzzy with its previous source, a missing one empty.
func WritePO(root, dir string, locales []string) error {
	p, err := project.Open(root)
	if err != nil {
		return fmt.Errorf("newsgen: %w", err)
	}
	slugs, err := p.Articles()
	if err != nil {
		return fmt.Errorf("newsgen: %w", err)
	}
	for _, slug := range slugs {
		en, err := readCatalog(filepath.Join(root, project.CatalogPath(slug, p.Source)))
		if err != nil {
			return err
		}
		pot := &po.File{
			Header:      header(""),
			HeaderFlags: []string{"fuzzy"},
		}
		for _, e := range en.Entries {
			pot.Messages = append(pot.Messages, &po.Message{Msgctxt: e.ID, HasMsgctxt: true, Msgid: e.Other,
				References: []string{project.ArticlePath(slug)}, Extracted: []string{e.Description}})
		}
		if err := writeFile(filepath.Join(dir, "pot", slug+".pot"), po.Encode(pot)); err != nil {
			return err
		}
		for _, loc := range locales {
			tr, err := readCatalog(filepath.Join(root, project.CatalogPath(slug, loc)))
			if err != nil {
				return err
			}
			out := &po.File{Header: header(loc)}
			for _, m := range pot.Messages {
				c := *m
				if t := tr.Lookup(m.Msgctxt); t != nil {
					c.Msgstr = t.Other
					src := en.Lookup(m.Msgctxt)
					if t.Other != "" && t.Hash != "" && t.Hash != catalog.Hash(src.Description, src.Other) {
						c.Flags = []string{"fuzzy"}
						if t.Previous != "" {
							c.PrevMsgid, c.HasPrevMsgid = t.Previous, true
						}
					}
				}
				out.Messages = append(out.Messages, &c)
			}
			if err := writeFile(filepath.Join(dir, loc, slug+".po"), po.Encode(out)); err != nil {
				return err
			}
		}
	}
	return nil
}

func header(lang string) []po.Field {
	h := []po.Field{
		{Name: "Project-Id-Version", Value: "l10n-corpus"},
		{Name: "POT-Creation-Date", Value: "2025-01-01 00:00+0000"},
		{Name: "PO-Revision-Date", Value: "2025-01-01 00:00+0000"},
		{Name: "Last-Translator", Value: "l10n-corpus <corpus@example.com>"},
		{Name: "Language-Team", Value: "none"},
		{Name: "Language", Value: lang},
		{Name: "MIME-Version", Value: "1.0"},
		{Name: "Content-Type", Value: "text/plain; charset=UTF-8"},
		{Name: "Content-Transfer-Encoding", Value: "8bit"},
	}
	switch lang {
	case "uk", "ru":
		h = append(h, po.Field{Name: "Plural-Forms", Value: "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"})
	}
	return h
}

func readCatalog(path string) (*catalog.File, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("newsgen: %w", err)
	}
	f, err := catalog.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("newsgen: %s: %w", path, err)
	}
	return f, nil
}

func writeFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("newsgen: %w", err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("newsgen: %w", err)
	}
	return nil
}
