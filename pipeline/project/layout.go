package project

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"syscall"

	"golang.org/x/text/language"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/stage"
)

// Layout is what a project's folders hold: its articles, the catalog
// folders of articles that are gone, each folder's catalogs, and what the
// commands leave alone and say so.
//
// The articles are the files articles/*.md, symbolic links to files
// included. Hidden files (a name starting with "."), which is where
// editors keep lock, swap and backup files (Emacs's .#x.md, Vim's
// .x.md.swp) and where a writer keeps a draft, are not articles; nor is
// anything in a subfolder, which is reported, as is a symbolic link to a
// missing file.
type Layout struct {
	p        *Project
	articles []string // slugs, sorted
	// Deleted are the catalog folders locales/<slug> whose article is
	// gone, sorted.
	Deleted []string
	// skipped are the articles that cannot be read (a symbolic link to a
	// missing file): neither articles nor gone.
	skipped  map[string]bool
	warnings []string
	// folders caches what each catalog folder locales/<slug> holds, its
	// catalogs' locale names and whether it holds staged files (see
	// Catalogs and folders.go): for the folder of the i-th of articles,
	// then of Deleted, at i, one more than the place in kinds of what it
	// holds (0: not found yet) — four bytes a folder, where a map by slug
	// held some ninety (0.9 MB of every command's heap on 10,000
	// articles); others holds what the folder of a slug of neither holds.
	folders []uint32
	others  map[string]folder
	// listed are the records of the folders the survey listed (their
	// stamps moved since their records, or they had none), for Commit;
	// kept only for a command that commits them (PickFolderRecords).
	listed map[string][]byte
	keep   bool
	// kinds are what the folders hold, each once (most folders hold the
	// same few catalogs), and kindOf their places in kinds, by the names
	// joined with NULs and then staged and listed: a folder's list of
	// names is the list held here.
	kinds  []folder
	kindOf map[string]uint32
	key    []byte
}

// Readable reports whether slug is an article, or one skipped for now.
func (l *Layout) Readable(slug string) bool {
	_, ok := slices.BinarySearch(l.articles, slug)
	return ok || l.skipped[slug]
}

// Articles returns the project's articles (slugs, sorted), whichever a
// run picked.
func (l *Layout) Articles() []string { return l.articles }

// Key returns the digest of which names are articles, skipped ones
// included (see Readable), and which catalog folders are of articles that
// are gone.
func (l *Layout) Key() string {
	skipped := make([]string, 0, len(l.skipped))
	for slug := range l.skipped {
		skipped = append(skipped, slug)
	}
	sort.Strings(skipped)
	var b []byte
	for _, list := range [][]string{l.articles, skipped, l.Deleted} {
		for _, slug := range list {
			b = append(b, slug...)
			b = append(b, '\n')
		}
		b = append(b, 0)
	}
	return Digest(b)
}

// Catalogs returns the locale names of an article's catalogs, which the
// caller must not change (the list may be another folder's too).
func (l *Layout) Catalogs(slug string) []string {
	return l.folder(slug, nil).names
}

// folder returns what an article's catalog folder holds, listed once per
// run, or taken from its record in rs (see folders.go).
func (l *Layout) folder(slug string, rs *Records) folder {
	if f, ok := l.cached(slug); ok {
		return f
	}
	f, rec := l.p.listFolder(slug, rs)
	l.found(slug, f, rec)
	return f
}

// found keeps what an article's catalog folder holds, and its new record
// if it was listed (nil if not).
func (l *Layout) found(slug string, f folder, rec []byte) {
	l.key = l.key[:0]
	for _, n := range f.names {
		l.key = append(append(l.key, n...), 0)
	}
	l.key = append(l.key, flag(f.staged), flag(f.listed))
	k, ok := l.kindOf[string(l.key)]
	if !ok {
		f.names = slices.Clip(f.names)
		l.kinds = append(l.kinds, f)
		k = uint32(len(l.kinds))
		l.kindOf[string(l.key)] = k
	}
	if i, ok := l.place(slug); ok {
		if l.folders == nil {
			l.folders = make([]uint32, len(l.articles)+len(l.Deleted))
		}
		l.folders[i] = k
	} else {
		l.others[slug] = l.kinds[k-1]
	}
	if rec != nil && l.keep {
		l.listed[slug] = rec
	}
}

// flag is a byte that says b.
func flag(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// place returns the place of the folder of slug in folders: the place of
// an article in articles, of a folder of an article that is gone after
// them; false for a slug of neither.
func (l *Layout) place(slug string) (int, bool) {
	if i, ok := slices.BinarySearch(l.articles, slug); ok {
		return i, true
	}
	if i, ok := slices.BinarySearch(l.Deleted, slug); ok {
		return len(l.articles) + i, true
	}
	return 0, false
}

// cached returns what the folder of slug holds, if the run found it.
func (l *Layout) cached(slug string) (folder, bool) {
	i, ok := l.place(slug)
	if !ok {
		f, ok := l.others[slug]
		return f, ok
	}
	if i >= len(l.folders) || l.folders[i] == 0 {
		return folder{}, false
	}
	return l.kinds[l.folders[i]-1], true
}

// folderAll finds the folders of slugs not found yet (folder), on every
// core: a folder is a stamp, and a listing where it moved, so that a
// thousand of them take a few milliseconds of system calls.
func (l *Layout) folderAll(slugs []string, rs *Records) {
	todo := make([]string, 0, len(slugs))
	for _, slug := range slugs {
		if _, ok := l.cached(slug); !ok {
			todo = append(todo, slug)
		}
	}
	found := make([]folder, len(todo))
	recs := make([][]byte, len(todo))
	pool.Each(len(todo), func(i int) {
		found[i], recs[i] = l.p.listFolder(todo[i], rs)
	})
	for i, slug := range todo {
		l.found(slug, found[i], recs[i])
	}
}

// Commit writes the records of the catalog folders the survey listed, so
// that the next survey lists only those that change. The command that
// writes them picks with PickFolderRecords and calls it once its files
// are in place (a bad input leaves every file as it was, the records
// included); the others leave them to it.
func (l *Layout) Commit() {
	if len(l.listed) == 0 {
		return
	}
	rs := l.p.OpenRecords(foldersCommand)
	for _, slug := range append(slices.Clone(l.articles), l.Deleted...) {
		rs.Put(folderRecordName(slug), l.listed[slug])
	}
	// Every folder was put: the records of others are of folders gone.
	rs.Commit(true)
	l.listed = nil
}

// Unstaged reports whether the survey found no staged files (stage.Pattern)
// in an article's catalog folder, so that there is nothing of a killed
// run to sweep there: a writer tells its stage.Set (Set.Swept).
func (l *Layout) Unstaged(slug string) bool {
	f, ok := l.cached(slug)
	return ok && f.listed && !f.staged
}

// CatalogNames returns the locale names of an article's catalogs
// (locales/<slug>/<name>.yaml).
func (p *Project) CatalogNames(slug string) []string {
	names, _, _ := listCatalogs(p.Abs(CatalogDir(slug)))
	return names
}

// listCatalogs lists a catalog folder: the locale names of its catalogs
// (<name>.yaml, hidden files left out), whether it holds staged files,
// and whether it could be listed.
func listCatalogs(dir string) (names []string, staged, ok bool) {
	files, err := os.ReadDir(dir)
	for _, f := range files {
		name := f.Name()
		if ok, _ := filepath.Match(stage.Pattern, name); ok {
			staged = true
		}
		if !strings.HasPrefix(name, ".") && strings.HasSuffix(name, ".yaml") {
			names = append(names, strings.TrimSuffix(name, ".yaml"))
		}
	}
	return names, staged, err == nil
}

// HasLocale reports whether any article has a catalog for loc.
func (l *Layout) HasLocale(loc string) bool {
	found, _ := filepath.Glob(l.p.Abs(filepath.Join("locales", "*", loc+".yaml")))
	return len(found) > 0
}

// scan reads the project's articles/ folder and the list of locales/.
func (p *Project) scan() (*Layout, error) {
	l := &Layout{p: p, skipped: map[string]bool{}, others: map[string]folder{}, listed: map[string][]byte{}, kindOf: map[string]uint32{}}
	ents, err := os.ReadDir(p.Abs("articles"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, &InputError{File: "articles", Err: err}
	}
	for _, d := range ents {
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		rel := filepath.Join("articles", name)
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			fi, err := os.Stat(p.Abs(rel))
			if err != nil {
				if strings.HasSuffix(name, ".md") {
					what := "a symbolic link to a missing file"
					if errors.Is(err, syscall.ELOOP) {
						what = "a loop of symbolic links"
					}
					l.skipped[strings.TrimSuffix(name, ".md")] = true
					l.warnings = append(l.warnings, fmt.Sprintf("%s: skipped: %s", rel, what))
				}
				continue
			}
			mode = fi.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if md := firstMarkdown(p.Abs(rel)); md != "" {
				r, _ := filepath.Rel(p.Root, md)
				l.warnings = append(l.warnings, fmt.Sprintf("%s: not read: articles are the *.md files directly in articles/, not in subfolders", r))
			}
		case strings.HasSuffix(name, ".md") && mode.IsRegular():
			l.articles = append(l.articles, strings.TrimSuffix(name, ".md"))
		}
	}
	sort.Strings(l.articles)
	dirs, err := os.ReadDir(p.Abs("locales"))
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, &InputError{File: "locales", Err: err}
	}
	for _, d := range dirs {
		slug := d.Name()
		if d.IsDir() && !strings.HasPrefix(slug, ".") && !l.Readable(slug) {
			l.Deleted = append(l.Deleted, slug)
			l.warnings = append(l.warnings, fmt.Sprintf("%s: %s is gone; its catalogs are kept, as obsolete, until l10n prune (renamed? l10n mv %s NEW takes them along)",
				CatalogDir(slug), ArticlePath(slug), slug))
		}
	}
	if len(l.articles) == 0 && len(l.Deleted) == 0 {
		return nil, &InputError{File: "articles", Err: errors.New("no articles (*.md) found")}
	}
	return l, nil
}

// survey lists every article's catalogs and warns of those of a locale
// that is not the project's (and that pseudo did not write).
func (l *Layout) survey() {
	p := l.p
	foreign := map[string][]string{} // a locale not the project's -> its catalogs
	rs := p.OpenRecords(foldersCommand)
	slugs := append(slices.Clone(l.articles), l.Deleted...)
	l.folderAll(slugs, rs)
	for _, slug := range slugs {
		for _, loc := range l.folder(slug, rs).names {
			if loc != p.Source && !slices.Contains(p.Locales, loc) {
				foreign[loc] = append(foreign[loc], CatalogPath(slug, loc))
			}
		}
	}
	rs.Abort()
	locs := make([]string, 0, len(foreign))
	for loc := range foreign {
		locs = append(locs, loc)
	}
	sort.Strings(locs)
	for _, loc := range locs {
		files := foreign[loc]
		if pseudoFile(p.Abs(files[0])) {
			continue
		}
		what := files[0]
		if len(files) > 1 {
			what = fmt.Sprintf("%s and %d more", files[0], len(files)-1)
		}
		l.warnings = append(l.warnings, fmt.Sprintf("%s: %s is not one of the project's locales (%s), so extract does not update these catalogs: add it to %s, or delete them",
			what, loc, strings.Join(p.Locales, ", "), ConfigFile))
	}
}

// firstMarkdown returns the first *.md file under dir, hidden files and
// folders left out, or "".
func firstMarkdown(dir string) string {
	found := ""
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || found != "" {
			return filepath.SkipDir
		}
		if strings.HasPrefix(d.Name(), ".") && path != dir {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			found = path
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// pseudoFile reports whether the catalog at path was written by l10n
// pseudo: its first line says so.
func pseudoFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.HasPrefix(line, "# "+pseudoMark)
}

// variant returns an error if an article has no catalog for loc but one
// under another name for the same language that is not a locale of the
// project (uk.yaml for uk-UA, UK.yaml or uk_UA.yaml): working on loc would
// start an empty catalog beside the translations.
func (l *Layout) variant(p *Project, slug, loc string) error {
	return p.VariantOf(l.Catalogs(slug), slug, loc)
}

// VariantOf is variant, given the names of the article's catalogs.
func (p *Project) VariantOf(names []string, slug, loc string) error {
	if loc == p.Source || slices.Contains(names, loc) {
		return nil
	}
	want := language.Make(loc)
	wantBase, _ := want.Base()
	for _, n := range names {
		if n == p.Source || slices.Contains(p.Locales, n) {
			continue
		}
		t, err := ParseLocale(n)
		if err != nil {
			continue
		}
		if b, _ := t.Base(); b != wantBase {
			continue
		}
		return &InputError{File: CatalogPath(slug, n), Err: fmt.Errorf("the catalog is named %s, but the locale is %s (%s or --locale): rename the file to %s.yaml, or use %s as the locale",
			n, loc, ConfigFile, loc, n)}
	}
	return nil
}

// stray returns an error for a locale asked for that is not the
// project's, has no catalog, is not a pseudo-locale, and has the language
// of one of the project's locales (uk-UA, uk_UA or UK when the project has uk): it
// would start catalogs beside that locale's.
func (l *Layout) stray(p *Project, loc string) error {
	if loc == p.Source || slices.Contains(p.Locales, loc) {
		return nil
	}
	t := language.Make(loc)
	if r, _ := t.Region(); r.IsPrivateUse() {
		// A pseudo-locale such as en-XA or ar-XB.
		return nil
	}
	base, _ := t.Base()
	for _, own := range p.Locales {
		if b, _ := language.Make(own).Base(); b == base && !l.HasLocale(loc) {
			return &InputError{Err: fmt.Errorf("locale %s has no catalogs and is not one of the project's locales (%s), but %s is: use %s, or add %s to %s if it is a locale of its own",
				loc, strings.Join(p.Locales, ", "), own, own, loc, ConfigFile)}
		}
	}
	return nil
}

// ReadLayout returns the project's layout, its folders surveyed as Pick
// surveys them (from the records of those whose stamps did not move),
// warning of nothing: for a reader that picks no articles (the commands
// that do warn: Pick).
func (p *Project) ReadLayout() (*Layout, error) {
	l, err := p.scan()
	if err != nil {
		return nil, err
	}
	l.survey()
	return l, nil
}
