// Package memory is a project's translation memory: built from every
// translation of its catalogs and the TMX files of tm/ (Load), once per
// run and only when a unit is looked up (Lazy), kept in the project's
// cache and read from there (NewCached, for extract; Open, for the other
// commands that look units up), and looked up for a unit (Lazy.Lookup,
// Lazy.LookupAll); and the catalog lines that show its matches
// (FromNote, SuggestionNote). extract pre-fills and suggests from it,
// export offers its matches, tm export writes it; the workbench serves
// its suggestions.
package memory

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/offheap"
	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/tm"
	"github.com/l10n-dev/l10n/pipeline/tmx"
)

// Load builds the project's translation memory for the target locales
// (the project's when none are given): every translation of every
// catalog folder under locales/ — live or obsolete, current or stale,
// paired with the English it was made from (the source catalog's text
// with its hash, the "#|" or "#." text otherwise) — and the translation
// units of tm/*.tmx. An entry with the review directive joins as
// needing review, and as Reused when it is nothing but a pre-fill of the
// memory's (project.Prefilled); a pseudo-translated catalog does not join. It is what
// extract pre-fills and suggests from, and what l10n tm export writes.
func Load(p *project.Project, locales []string) (*tm.Memory, error) {
	return load(p, locales, false, nil, nil)
}

// load is Load; forLookups leaves out the Reused entries, which no lookup
// offers (tm.Entry.Reused): such a memory answers every lookup as Load's.
// The entries of the folders in read (ReadFolder's, for lookups) are
// taken from there rather than read again; those it reads keep their
// texts in store (entriesOf), and the memory its arrays
// (tm.Options.Store).
func load(p *project.Project, locales []string, forLookups bool, read map[string][]tm.Entry, store *offheap.Store) (*tm.Memory, error) {
	targets := targetsOf(p, locales)
	slugs, err := folders(p)
	if err != nil {
		return nil, err
	}
	// Each folder's entries are a part of the memory's (tm.BuildParts:
	// never copied into one array), less, for lookups, the Reused ones.
	parts := make([][]tm.Entry, 0, len(slugs)+1)
	err = pool.Ordered(len(slugs), func(i int) ([]tm.Entry, error) {
		es, ok := read[slugs[i]]
		if !ok || !forLookups {
			var err error
			if es, _, err = entriesOf(p, slugs[i], targets, store); err != nil {
				return nil, err
			}
		}
		if forLookups {
			es = slices.DeleteFunc(es, func(e tm.Entry) bool { return e.Reused })
		}
		return es, nil
	}, func(_ int, es []tm.Entry) error {
		if len(es) > 0 {
			parts = append(parts, es)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	imported, err := files(p)
	if err != nil {
		return nil, err
	}
	if store != nil {
		own(imported, store) // so that the memory may keep its entries there
	}
	parts = append(parts, imported)
	opts := options(p)
	opts.Store = store
	m := tm.BuildParts(parts, opts)
	for _, es := range parts {
		offheap.Free(store, es) // the memory has its own copy
	}
	return m, nil
}

// folders returns the slugs of the catalog folders under locales/, in
// order.
func folders(p *project.Project) ([]string, error) {
	dirs, err := os.ReadDir(p.Abs("locales"))
	if err != nil && !os.IsNotExist(err) {
		return nil, &project.InputError{File: "locales", Err: err}
	}
	var slugs []string
	for _, d := range dirs {
		if d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			slugs = append(slugs, d.Name())
		}
	}
	return slugs, nil
}

// WriteTMX writes the units of every catalog folder's translations, as
// Load reads them, to w, a folder at a time (read on every core): what
// tm.Memory.TMX gives of the memory Load builds, without building it
// (on 10,000 articles, 5.7 GB of memory and 41 s). The TMX files of tm/
// are left out, as TMX leaves imported entries out.
func WriteTMX(p *project.Project, locales []string, w io.Writer) error {
	slugs, err := folders(p)
	if err != nil {
		return err
	}
	targets := targetsOf(p, locales)
	x := tm.NewTMXUnits(p.Source, locales...)
	out := tmx.NewWriter(w, x.Header())
	err = pool.Ordered(len(slugs), func(i int) ([]tm.Entry, error) {
		es, _, err := entriesOf(p, slugs[i], targets, nil)
		return es, err
	}, func(_ int, es []tm.Entry) error {
		for _, u := range x.Units(es) {
			out.Unit(u)
		}
		return nil
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

// options returns the options of a project's memory.
func options(p *project.Project) tm.Options {
	return tm.Options{Source: p.Source, NoSentences: !p.Memory.Sentences, MinThreshold: p.Memory.Threshold}
}

// targetsOf returns the target locales of a memory for locales: the
// project's when none are given.
func targetsOf(p *project.Project, locales []string) []string {
	if len(locales) == 0 {
		locales = p.Locales
	}
	var targets []string
	for _, l := range project.Unique(locales) {
		if l != p.Source {
			targets = append(targets, l)
		}
	}
	return targets
}

// entriesOf returns the memory entries of one catalog folder; their
// strings are their own copies (in store: see offheap; nil: on the
// heap), not parts of the catalogs' text (which would keep every
// catalog in memory), one for each source and unit id that several
// locales share; with a store, the entries are there too (tm.KeepIn).
func entriesOf(p *project.Project, slug string, targets []string, store *offheap.Store) (es []tm.Entry, missing bool, err error) {
	names := p.CatalogNames(slug)
	if !slices.Contains(names, p.Source) {
		return nil, true, nil
	}
	en, _, err := p.ReadCatalogShared(project.CatalogPath(slug, p.Source))
	if err != nil {
		return nil, false, err
	}
	// The English of each hash the source catalog knows, and each
	// unit's description.
	byHash := map[string]string{}
	desc := map[string]string{}
	for _, e := range append(slices.Clip(en.Entries), en.Obsolete...) {
		byHash[catalog.Hash(e.Description, e.Other)] = e.Other
		if _, ok := desc[e.ID]; !ok {
			desc[e.ID] = e.Description
		}
	}
	var out []tm.Entry
	for _, loc := range targets {
		if !slices.Contains(names, loc) {
			missing = true
			continue
		}
		f, _, err := p.ReadCatalogShared(project.CatalogPath(slug, loc))
		if err != nil {
			return nil, false, err
		}
		if project.IsPseudo(f) {
			continue
		}
		for k, e := range append(slices.Clip(f.Entries), f.Obsolete...) {
			if k < len(f.Entries) && project.Untranslated(e) {
				missing = true // extract looks it up
			}
			if strings.TrimSpace(e.Other) == "" || len(project.Conflicts(e)) > 0 {
				continue
			}
			src := madeFrom(e, byHash, desc[e.ID])
			if src == "" {
				continue
			}
			me := tm.Entry{Kind: tm.Unit, Source: src, Target: e.Other, Locale: loc, Origin: tm.Origin{Slug: slug, Unit: e.ID}}
			if project.NeedsReview(e) {
				me.State = tm.NeedsReview
				me.Reused = project.Prefilled(e)
			}
			out = append(out, me)
		}
	}
	own(out, store)
	return tm.KeepIn(store, out), missing, nil
}

// own gives the strings of es their own copies, in store, in one block
// (they may be parts of a catalog's text, which would keep every
// catalog in memory, or of the project's settings): each target, and
// each source, unit id, locale, slug and file once for all the entries
// that share it. So the store holds every string of every entry, and
// the memory may keep the entries there too (tm.BuildParts).
func own(es []tm.Entry, store *offheap.Store) {
	if len(es) == 0 {
		return
	}
	const fields = 6
	ss := make([]string, 0, 2*len(es))
	at := make(map[string]int32, len(es))
	refs := make([]int32, 0, fields*len(es))
	shared := func(s string) int32 {
		i, ok := at[s]
		if !ok {
			i = int32(len(ss))
			at[s] = i
			ss = append(ss, s)
		}
		return i
	}
	for i := range es {
		e := &es[i]
		// Each shared call before the target's index is taken: the
		// order of a call and len(ss) in one expression is unspecified.
		src, unit, loc, slug, file := shared(e.Source), shared(e.Origin.Unit), shared(e.Locale), shared(e.Origin.Slug), shared(e.Origin.File)
		refs = append(refs, src, int32(len(ss)), unit, loc, slug, file)
		ss = append(ss, e.Target)
	}
	store.Move(ss)
	for i := range es {
		e, r := &es[i], refs[fields*i:fields*i+fields]
		e.Source, e.Target, e.Origin.Unit = ss[r[0]], ss[r[1]], ss[r[2]]
		e.Locale, e.Origin.Slug, e.Origin.File = ss[r[3]], ss[r[4]], ss[r[5]]
	}
}

// madeFrom returns the English a translation was made from: the text
// with its hash in the source catalog, the "#|" text of a stale one, or,
// for a confirmed entry (no hash), the "#. en:" text it was confirmed
// against; "" when it cannot tell.
func madeFrom(e *catalog.Entry, byHash map[string]string, desc string) string {
	if e.Hash != "" {
		if s, ok := byHash[e.Hash]; ok {
			return s
		}
		if e.Previous != "" && catalog.Hash(desc, e.Previous) == e.Hash {
			return e.Previous
		}
		return ""
	}
	if s, ok := project.ShownSource(e.Notes); ok && s != "" {
		return s
	}
	return ""
}

// files reads tm/*.tmx, in name order.
func files(p *project.Project) ([]tm.Entry, error) {
	files, err := filepath.Glob(p.Abs(filepath.Join(project.MemoryDir, "*.tmx")))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []tm.Entry
	for _, path := range files {
		rel := filepath.Join(project.MemoryDir, filepath.Base(path))
		data, err := p.ReadInput(rel)
		if err != nil {
			return nil, fileerr.In(rel, err)
		}
		doc, err := tmx.Decode(data)
		if err != nil {
			return nil, fileerr.In(rel, err)
		}
		out = append(out, tm.FromTMX(doc, rel, p.Source)...)
	}
	return out, nil
}

// FromNote is the "#." line that says where a pre-filled translation
// came from: "tm: 100% slug/unit", or "tm: 92% slug/unit, adapted" for
// a match adapted to the new numbers, URLs or code.
func FromNote(m tm.Match) string {
	s := "tm: " + strconv.Itoa(m.Percent) + "% " + m.From()
	if m.Percent < 100 && m.Adapted != "" {
		s += ", adapted"
	}
	return s
}

// SuggestionNote is the "#." line that offers a match for a missing
// unit: "tm 87%: <old source> → <translation>" (the translation adapted
// to the unit's numbers, URLs and code where it could be), on one line.
func SuggestionNote(m tm.Match) string {
	return "tm " + strconv.Itoa(m.Percent) + "%: " + oneLine(m.Source) + " → " + oneLine(m.Translation())
}

func oneLine(s string) string { return strings.ReplaceAll(s, "\n", " ") }

// query returns the query of a lookup of the memory's best matches (at
// most n) for unit id of article slug, whose English is text, at or above
// the project's threshold, the unit's own entry left out — without its
// locale — giving keys the keys of the text's tokens (tm.Query.Keys)
// when set.
func query(p *project.Project, slug, id, text string, n int, keys *string) tm.Query {
	return tm.Query{Source: text, Threshold: p.Memory.Threshold, Limit: n, Keys: keys,
		Skip: func(x *tm.Entry) bool {
			return x.Origin.Slug == slug && x.Origin.Unit == id && x.Origin.Sentence == 0
		}}
}

// ReadFolder returns what a catalog folder (locales/<slug>) gives the
// memory for the target locales: its entries, as Load reads them, less
// the Reused ones, which no lookup offers — so that a memory whose
// Inputs hold the folder (NewCached) does not read it again — and their
// digest. A change to the folder that adds, drops or changes no entry
// (a new unit without a translation, a comment) keeps the digest, so
// that a key of the memory made of these digests changes only when what
// it holds does.
func ReadFolder(p *project.Project, slug string, targets []string, store *offheap.Store) (Folder, error) {
	es, missing, err := entriesOf(p, slug, targets, store)
	if err != nil {
		return Folder{}, err
	}
	es = slices.DeleteFunc(es, func(e tm.Entry) bool { return e.Reused })
	return Folder{Slug: slug, Digest: digestOf(es), entries: &es, missing: missing}, nil
}

// digestOf returns the digest of a folder's entries (see ReadFolder).
func digestOf(es []tm.Entry) string {
	var d project.Digester
	var kind []byte
	for _, e := range es {
		if e.Reused {
			continue // never offered (tm.Entry.Reused): no change to a lookup
		}
		kind = strconv.AppendInt(append(strconv.AppendInt(kind[:0], int64(e.Kind), 10), ' '), int64(e.State), 10)
		d.Part(kind)
		for _, s := range [...]string{e.Source, e.Target, e.Locale, e.Origin.Slug, e.Origin.Unit} {
			d.Text(s)
		}
	}
	return d.Sum()
}
