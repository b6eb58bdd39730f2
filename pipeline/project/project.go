// Package project is an l10n project on disk: Open and l10n.yaml, FindRoot,
// Init (a new project), locales (ParseLocale, CanonicalLocale), the paths
// of articles, catalogs and editions and the containment of every path in
// the root, the selection of articles and locales a command works on, and
// the reading of its inputs (article, catalog, glossary) with errors
// naming file and line. An Article is an article loaded with its units'
// ids; the catalog helpers every stage shares (a target catalog merged
// with the current units, its headers and generated comments, glossary
// hints) are here too. The stages (extract, build, status, lint,
// exchange) are the packages beside it that import it.
package project

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"

	"github.com/l10n-dev/l10n/internal/fileerr"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/internal/yamlerr"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/segment"
)

// ConfigFile is the optional project configuration, at the project root.
const ConfigFile = "l10n.yaml"

// Project is an l10n project: articles/, locales/, glossary.yaml, out/.
type Project struct {
	// Root is the project folder.
	Root string
	// Source is the language of the articles.
	Source string
	// Locales are the target locales.
	Locales []string
	// Progress, if set, is told of each article done by a long command.
	Progress func(done, total int)
	// BaseURL is where out/ is published (ending in "/"): the edition
	// out/uk/x.html is at BaseURL + "uk/x.html". Empty, editions link to
	// each other by relative URLs and name no URL of their own.
	BaseURL string
	// ArticleURLs are patterns of the URLs at which the project's
	// articles are published in the source language, each with one
	// {slug}: a link matching one is a link to that article.
	ArticleURLs []string
	// Placeables are the project's placeable patterns: inline text that
	// is markup for the publishing site and stays verbatim, like Hugo's
	// shortcodes (which are placeables in every project).
	Placeables []*regexp.Regexp
	// Memory are the translation memory's settings (l10n.yaml's memory).
	Memory MemorySettings
	// Warn, if set, is told of what a command leaves alone and the user
	// should know about: an article that is gone, a file in articles/
	// that is not read, catalogs of a locale that is not the project's.
	Warn func(msg string)
	// Shard, if set, is the part of the articles this run works on:
	// Pick selects only the articles in it (see Picked.Unsharded).
	Shard Shard

	roots *rootCache // the resolved root (see Inside); nil: resolved each time
	dir   *rootDir   // the root, open (see stamp); nil: files are stamped by path
}

// Warnf reports a warning through p.Warn.
func (p *Project) Warnf(format string, args ...any) {
	if p.Warn != nil {
		p.Warn(fmt.Sprintf(format, args...))
	}
}

// Config is the content of l10n.yaml.
type Config struct {
	Source      string   `yaml:"source"`
	Locales     []string `yaml:"locales"`
	BaseURL     string   `yaml:"base_url"`
	ArticleURLs []string `yaml:"article_urls"`
	// Placeables are regular expressions (Go syntax, matched within a
	// line) of inline text that is not prose.
	Placeables []yaml.Node `yaml:"placeables"`
	// Memory holds the translation memory's settings (see MemorySettings).
	Memory yaml.Node `yaml:"memory"`
}

// InputError is bad input: a file (and line) the user must fix. The CLI
// exits with code 2 on it. It is the error every parser returns, with the
// file named.
type InputError = fileerr.Error

// Open opens the project at root, reading l10n.yaml if there is one.
func Open(root string) (*Project, error) {
	fi, err := os.Stat(root)
	if err != nil {
		return nil, &InputError{File: root, Err: errors.New("no such project folder")}
	}
	if !fi.IsDir() {
		return nil, &InputError{File: root, Err: errors.New("not a folder")}
	}
	p := &Project{Root: root, Source: "en", Locales: []string{"uk", "ru"}, Memory: DefaultMemory(), roots: &rootCache{}, dir: openRoot(root)}
	snap, err := stage.Read(filepath.Join(root, ConfigFile))
	if err != nil {
		return nil, &InputError{File: ConfigFile, Err: err}
	}
	if data := snap.Data; snap.Exists {
		var c Config
		dec := yaml.NewDecoder(strings.NewReader(string(data)))
		dec.KnownFields(true)
		if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
			pos := yamlerr.Locate(data, err)
			return nil, &InputError{File: ConfigFile, Line: pos.Line, Column: pos.Col, Err: errors.New(pos.Msg)}
		}
		if c.Source != "" {
			if p.Source, err = CanonicalLocale(c.Source); err != nil {
				return nil, &InputError{File: ConfigFile, Err: err}
			}
		}
		if c.Locales != nil {
			p.Locales = nil
			for _, l := range c.Locales {
				loc, err := CanonicalLocale(l)
				if err != nil {
					return nil, &InputError{File: ConfigFile, Err: err}
				}
				if loc != p.Source && !slices.Contains(p.Locales, loc) {
					p.Locales = append(p.Locales, loc)
				}
			}
		}
		for _, n := range c.Placeables {
			re, err := placeable(&n)
			if err != nil {
				return nil, &InputError{File: ConfigFile, Line: n.Line, Err: err}
			}
			p.Placeables = append(p.Placeables, re)
		}
		if err := p.siteConfig(c, data); err != nil {
			return nil, err
		}
		if p.Memory, err = memoryConfig(&c.Memory); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// placeable compiles a placeable pattern of l10n.yaml.
func placeable(n *yaml.Node) (*regexp.Regexp, error) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!str" {
		return nil, errors.New("placeables: each pattern is a string (a regular expression)")
	}
	re, err := segment.ParsePlaceable(n.Value)
	if err != nil {
		return nil, fmt.Errorf("placeables: %w", err)
	}
	return re, nil
}

// ParseLocale checks a locale name: a BCP 47 tag such as uk, ru or en-XA.
func ParseLocale(s string) (language.Tag, error) {
	t, err := language.Parse(s)
	if err != nil || s == "" || strings.ContainsAny(s, `/\. `) {
		return language.Und, fmt.Errorf("%q is not a locale (a BCP 47 tag such as uk, ru or en-XA)", s)
	}
	return t, nil
}

// CanonicalLocale returns the canonical BCP 47 form of a locale name, the
// one catalogs and editions are named by: UK and uk give uk, uk-ua and
// uk_UA give uk-UA, iw gives he.
func CanonicalLocale(s string) (string, error) {
	t, err := ParseLocale(s)
	if err != nil {
		return "", err
	}
	return t.String(), nil
}

// ArticlePath returns the path of an article, relative to the root.
func ArticlePath(slug string) string {
	if !strings.ContainsAny(slug, separators) {
		return "articles" + string(filepath.Separator) + slug + ".md"
	}
	return filepath.Join("articles", slug+".md")
}

// CatalogPath returns the path of an article's catalog for a locale,
// relative to the root.
func CatalogPath(slug, locale string) string {
	if plainName(slug) && !strings.ContainsAny(locale, separators) {
		return "locales" + string(filepath.Separator) + slug + string(filepath.Separator) + locale + ".yaml"
	}
	return filepath.Join(CatalogDir(slug), locale+".yaml")
}

// separators are the characters that end a path's element here.
const separators = "/" + string(filepath.Separator)

// plainRel reports whether rel, relative to the root, names the file
// that it names joined to the root: it is relative and has no "..".
func plainRel(rel string) bool {
	return rel != "" && !filepath.IsAbs(rel) && !strings.Contains(rel, "..")
}

// plainName reports whether name is one element of a path that
// filepath.Join keeps as it is, so that a path is put together from it
// without being cleaned (a run makes thousands).
func plainName(name string) bool {
	return name != "" && name != "." && name != ".." && !strings.ContainsAny(name, separators)
}

// CatalogDir returns the folder of an article's catalogs, relative to the
// root.
func CatalogDir(slug string) string {
	if plainName(slug) {
		return "locales" + string(filepath.Separator) + slug
	}
	return filepath.Join("locales", slug)
}

// EditionPath returns the path of a built edition, relative to the root;
// ext is ".md" or ".html".
func EditionPath(slug, locale, ext string) string {
	if plainName(locale) && plainName(slug+ext) {
		return "out" + string(filepath.Separator) + locale + string(filepath.Separator) + slug + ext
	}
	return filepath.Join("out", locale, slug+ext)
}

// Abs returns the path of a file given relative to the project root.
func (p *Project) Abs(rel string) string { return filepath.Join(p.Root, rel) }

// Articles returns the slugs of the project's articles, sorted: the
// *.md files directly in articles/ (see scan).
func (p *Project) Articles() ([]string, error) {
	l, err := p.scan()
	if err != nil {
		return nil, err
	}
	return l.articles, nil
}

// Select returns the articles and locales a command works on: those
// asked for, checked, or every article and the project's target locales.
// It reports what the project holds besides (see layout).
func (p *Project) Select(articles, locales []string) ([]string, []string, error) {
	pk, err := p.Pick(articles, locales, PickSurvey)
	if err != nil {
		return nil, nil, err
	}
	return pk.Slugs, pk.Locales, nil
}

// Picked is what a command works on.
type Picked struct {
	// Slugs are the selected articles in the project's shard (all of
	// them when it has none).
	Slugs []string
	// Unsharded are the selected articles of every shard, for the work
	// that spans articles (the consistency of translations across them).
	Unsharded []string
	// Deleted are the deleted articles (catalog folders without an
	// article) selected, for the commands that handle them.
	Deleted []string
	Locales []string
	Layout  *Layout
}

// What pick does besides selecting.
const (
	// PickDeleted selects deleted articles too: all of them when no
	// article is named; otherwise naming one is an error.
	PickDeleted = 1 << iota
	// PickSurvey lists every article's catalogs: it reports catalogs of
	// locales that are not the project's, and refuses a selected locale
	// whose catalog an article has under another name. Build leaves it
	// out (it reads only what it builds, and reports a missing catalog
	// itself).
	PickSurvey
	// PickFolderRecords keeps the new records of the catalog folders
	// that the survey listed, for Layout.Commit: for the command that
	// writes them (extract), where every other command would hold a
	// record per folder for nothing.
	PickFolderRecords
)

// Pick returns what a command works on, and warns of what it leaves
// alone (see layout).
func (p *Project) Pick(articles, locales []string, mode int) (*Picked, error) {
	l, err := p.scan()
	if err != nil {
		return nil, err
	}
	l.keep = mode&PickFolderRecords != 0
	if mode&PickSurvey != 0 {
		l.survey()
	}
	for _, w := range l.warnings {
		p.Warnf("%s", w)
	}
	pk := &Picked{Layout: l}
	deleted := mode&PickDeleted != 0
	if len(articles) == 0 {
		pk.Slugs = l.articles
		if deleted {
			pk.Deleted = l.Deleted
		}
	} else {
		for _, w := range articles {
			w = strings.TrimSuffix(filepath.Base(w), ".md")
			switch {
			case slices.Contains(l.articles, w):
				pk.Slugs = append(pk.Slugs, w)
			case deleted && slices.Contains(l.Deleted, w):
				pk.Deleted = append(pk.Deleted, w)
			case slices.Contains(l.Deleted, w):
				return nil, &InputError{File: ArticlePath(w), Err: fmt.Errorf("no such article; its catalogs are in %s (renamed? run l10n mv %s NEW; retracted? l10n prune --article %s drops them)", filepath.Join("locales", w), w, w)}
			default:
				return nil, &InputError{File: ArticlePath(w), Err: errors.New("no such article")}
			}
		}
		pk.Slugs, pk.Deleted = Unique(pk.Slugs), Unique(pk.Deleted)
	}
	pk.Unsharded = pk.Slugs
	pk.Slugs, pk.Deleted = p.Shard.Of(pk.Slugs), p.Shard.Of(pk.Deleted)
	if pk.Locales, err = p.WantLocales(locales); err != nil {
		return nil, err
	}
	for _, loc := range pk.Locales {
		if err := l.stray(p, loc); err != nil {
			return nil, err
		}
	}
	if mode&PickSurvey != 0 {
		for _, slug := range pk.Slugs {
			for _, loc := range pk.Locales {
				if err := l.variant(p, slug, loc); err != nil {
					return nil, err
				}
			}
		}
	}
	return pk, nil
}

// SelectArticles filters slugs by the names asked for.
func SelectArticles(all, want []string) ([]string, error) {
	if len(want) == 0 {
		return all, nil
	}
	have := map[string]bool{}
	for _, s := range all {
		have[s] = true
	}
	var out []string
	for _, w := range want {
		w = strings.TrimSuffix(filepath.Base(w), ".md")
		if !have[w] {
			return nil, &InputError{File: ArticlePath(w), Err: errors.New("no such article")}
		}
		out = append(out, w)
	}
	return out, nil
}

// WantLocales checks and returns the locales asked for, or the project's
// target locales.
func (p *Project) WantLocales(want []string) ([]string, error) {
	if len(want) == 0 {
		return p.Locales, nil
	}
	var out []string
	for _, l := range want {
		loc, err := CanonicalLocale(l)
		if err != nil {
			return nil, &InputError{Err: err}
		}
		if !slices.Contains(out, loc) {
			out = append(out, loc)
		}
	}
	return out, nil
}

// ReadArticle reads and segments an article.
func (p *Project) ReadArticle(slug string) (*segment.Doc, error) {
	src, err := p.ReadArticleText(slug)
	if err != nil {
		return nil, err
	}
	return p.SegmentArticle(slug, src)
}

// ReadArticleText reads an article's Markdown, for SegmentArticle.
func (p *Project) ReadArticleText(slug string) ([]byte, error) {
	rel := ArticlePath(slug)
	path := p.Abs(rel)
	if err := p.Inside(path); err != nil {
		return nil, err
	}
	src, err := stage.ReadFile(path)
	if err != nil {
		return nil, &InputError{File: rel, Err: err}
	}
	return src, nil
}

// SegmentArticle segments an article's Markdown as ReadArticleText read it.
func (p *Project) SegmentArticle(slug string, src []byte) (*segment.Doc, error) {
	d, err := segment.NewParser(segment.WithPlaceables(p.Placeables...)).Parse(src)
	if err != nil {
		return nil, fileerr.In(ArticlePath(slug), err)
	}
	return d, nil
}

// Inside checks that path, with symbolic links resolved, stays inside the
// project root.
func (p *Project) Inside(path string) error {
	_, _, err := p.inside(path)
	return err
}

// inside is Inside that also says what it found of path itself when no
// symbolic link is on the way to it: the file's own Lstat, or whether it
// (or a folder above it) is missing. Where it had to resolve links it
// says neither. A reader then need not look at the file again before it
// opens it.
func (p *Project) inside(path string) (fi fs.FileInfo, missing bool, err error) {
	root, err := p.realRoot()
	if err != nil {
		return nil, false, err
	}
	var folders *plainFolders
	if p.roots != nil {
		folders = &p.roots.plain
	}
	if fi, plain, err := plainBelow(p.Root, path, folders); plain || err != nil {
		// No symbolic link below the root, or a part that does not
		// exist: as filepath.EvalSymlinks would find, with fewer calls.
		return fi, err != nil, nil
	}
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, nil
		}
		// A loop of symbolic links: name the file.
		name := path
		if r, e := filepath.Rel(p.Root, path); e == nil {
			name = r
		}
		return nil, false, &InputError{File: name, Err: fmt.Errorf("its symbolic links do not resolve (%w)", err)}
	}
	rel, err := filepath.Rel(root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return nil, false, &InputError{File: path, Err: errors.New("resolves outside the project root")}
	}
	return nil, false, nil
}

// realRoot returns the root with its symbolic links resolved, once per
// project (Open) rather than once per file read.
func (p *Project) realRoot() (string, error) {
	c := p.roots
	if c == nil {
		return filepath.EvalSymlinks(p.Root)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.root != p.Root || c.real == "" {
		real, err := filepath.EvalSymlinks(p.Root)
		if err != nil {
			return "", err
		}
		c.root, c.real = p.Root, real
	}
	return c.real, nil
}

// rootCache is a project's root with its links resolved (realRoot), and
// the folders below it that plainBelow found to be folders, not links.
type rootCache struct {
	mu         sync.Mutex
	root, real string
	// plain holds the paths of folders below the root found plain, and
	// when: every file a command reads is below a few of them (locales,
	// locales/<slug>), which are looked at once in plainFor, not once per
	// file. A folder made a link within that time is not seen, as it
	// would not be between Inside and the read; a process that lives
	// longer (the workbench) looks again after it.
	plain plainFolders
}

// plainFolders are folders found plain (plainBelow), by path, and when:
// at most maxPlain of them, so that what a command keeps does not grow
// with the project (a folder per article: 2 MB for 10,000 articles). A
// command reads an article's files one after another, so that the
// folder it looked at last is what it looks for again.
type plainFolders struct {
	m sync.Map // path → time.Time
	n atomic.Int32
}

// maxPlain is how many folders plainFolders holds before it forgets
// them all.
const maxPlain = 512

// found reports whether the folder at path was found plain less than
// plainFor ago.
func (f *plainFolders) found(path string) bool {
	seen, ok := f.m.Load(path)
	return ok && time.Since(seen.(time.Time)) < plainFor
}

// add says that the folder at path is plain now.
func (f *plainFolders) add(path string) {
	if f.n.Add(1) > maxPlain {
		f.m.Clear()
		f.n.Store(1)
	}
	f.m.Store(path, time.Now())
}

// plainFor is how long a folder found plain (not a symbolic link) is
// taken to stay so (a variable for the tests).
var plainFor = 2 * time.Second

// plainBelow reports whether path is below root through no symbolic
// link: each part of it under root is a folder or file (not a link), so
// that it resolves to the resolved root joined with the same parts; and,
// when it is, the Lstat of path itself. err is the error of a part that
// does not exist (fs.ErrNotExist). folders, if not nil, holds the folders
// below root found plain and when (see plainFor), and gets those found
// now.
func plainBelow(root, path string, folders *plainFolders) (fs.FileInfo, bool, error) {
	rel, err := filepath.Rel(root, path)
	if err != nil || !filepath.IsLocal(rel) {
		return nil, false, nil
	}
	at := root
	var fi fs.FileInfo
	for part, rest, more := strings.Cut(rel, string(filepath.Separator)); ; part, rest, more = strings.Cut(rest, string(filepath.Separator)) {
		at = filepath.Join(at, part)
		if more && folders != nil && folders.found(at) {
			continue
		}
		fi, err = os.Lstat(at)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, false, err
		}
		if err != nil || fi.Mode()&fs.ModeSymlink != 0 {
			return nil, false, nil
		}
		if !more {
			return fi, true, nil
		}
		if folders != nil && fi.IsDir() {
			folders.add(at)
		}
	}
}

// ReadCatalog reads and parses a catalog; a missing one is empty.
func (p *Project) ReadCatalog(rel string) (*catalog.File, stage.Snapshot, error) {
	snap, err := p.ReadCatalogData(rel)
	if err != nil {
		return nil, snap, err
	}
	f, err := ParseCatalog(rel, snap)
	return f, snap, err
}

// ReadCatalogShared is ReadCatalog through catalog.ParseShared: for a
// caller that keeps no value of the catalog past its work on the article
// (or copies what it keeps).
func (p *Project) ReadCatalogShared(rel string) (*catalog.File, stage.Snapshot, error) {
	snap, err := p.ReadCatalogData(rel)
	if err != nil {
		return nil, snap, err
	}
	f, err := ParseCatalogShared(rel, snap)
	return f, snap, err
}

// ReadCatalogData reads a catalog's content, for ParseCatalog; a missing
// one is an empty snapshot. It reads any file inside the project so
// (ReadOptional): one that is not a regular file is an *InputError, and
// is not opened.
func (p *Project) ReadCatalogData(rel string) (stage.Snapshot, error) {
	path := p.Abs(rel)
	fi, missing, err := p.inside(path)
	switch {
	case err != nil:
		return stage.Snapshot{}, err
	case missing:
		return stage.Snapshot{}, nil
	}
	var snap stage.Snapshot
	if fi != nil && fi.Mode().IsRegular() {
		// Looked at already: a regular file, not a link.
		snap, err = stage.ReadRegular(path)
	} else {
		snap, err = stage.Read(path)
	}
	if err != nil {
		return snap, &InputError{File: rel, Err: err}
	}
	return snap, nil
}

// ParseCatalog parses a catalog that ReadCatalogData read from rel; a
// missing one is empty.
func ParseCatalog(rel string, snap stage.Snapshot) (*catalog.File, error) {
	return parseCatalog(rel, snap, catalog.Parse)
}

// ParseCatalogShared is ParseCatalog through catalog.ParseShared: for a
// caller that is done with the catalog before it reads the next.
func ParseCatalogShared(rel string, snap stage.Snapshot) (*catalog.File, error) {
	return parseCatalog(rel, snap, catalog.ParseShared)
}

func parseCatalog(rel string, snap stage.Snapshot, parse func([]byte) (*catalog.File, error)) (*catalog.File, error) {
	if !snap.Exists {
		return &catalog.File{}, nil
	}
	f, err := parse(snap.Data)
	if err != nil {
		return nil, fileerr.In(rel, err)
	}
	return f, nil
}
