package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/l10n-dev/l10n/internal/pool"
	"github.com/l10n-dev/l10n/internal/spill"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/edition"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// site is what an edition knows of the others: which article has an
// edition in which locale, and where editions are published. It holds a
// few bytes per article beside the project's list of them.
type site struct {
	source string
	// locales are the project's editions: the source, then the target
	// locales, then any other locale this build makes.
	locales []string
	// slugs are the project's articles, sorted; has says whether the
	// article slugs[i] has an edition in locales[j] (the source, and each
	// locale it has a catalog for) at i*len(locales)+j (hasEdition), and
	// whether its catalog there was stamped (hasStamp).
	slugs []string
	has   []uint8
	// stamps are the stamps of the catalogs in the locales after the
	// source, taken as has was found (slugs[i]'s in locales[j] at
	// i*(len(locales)-1)+j-1, where has says hasStamp): one system call
	// per catalog for both.
	stamps   []project.Stamp
	baseURL  string
	patterns []*regexp.Regexp
	// key identifies all of the above, for the editions' build recipe.
	key string
	// records are build's records, which describe the editions an
	// earlier build made.
	records *project.Records
}

// site gathers the project's editions (the articles of l), for the
// locales of the project and those a build makes (extra).
func newSite(p *project.Project, l *project.Layout, extra []string) (*site, error) {
	s := &site{source: p.Source, baseURL: p.BaseURL, slugs: l.Articles()}
	s.locales = project.Unique(append(append([]string{p.Source}, p.Locales...), extra...))
	targets := len(s.locales) - 1
	s.has, s.stamps = make([]uint8, len(s.slugs)*len(s.locales)), make([]project.Stamp, len(s.slugs)*targets)
	// Each article's catalogs stamped on every core, each into its own
	// places.
	pool.Each(len(s.slugs), func(i int) {
		slug := s.slugs[i]
		s.has[i*len(s.locales)] = hasEdition
		for j, loc := range s.locales[1:] {
			k := i*len(s.locales) + 1 + j
			rel := project.CatalogPath(slug, loc)
			if st := p.Stamps(rel); st != nil {
				// A regular file, not a symbolic link.
				s.has[k], s.stamps[i*targets+j] = hasEdition|hasStamp, st[0]
			} else if fi, err := os.Stat(p.Abs(rel)); err == nil && !fi.IsDir() {
				s.has[k] = hasEdition
			}
		}
	})
	for _, pat := range p.ArticleURLs {
		re, err := project.CompileArticleURL(pat)
		if err != nil {
			return nil, &project.InputError{File: project.ConfigFile, Err: err}
		}
		s.patterns = append(s.patterns, re)
	}
	s.key = s.digest()
	return s, nil
}

// What site.has says of an article in a locale.
const (
	hasEdition uint8 = 1 << iota // the article has an edition in the locale
	hasStamp                     // its catalog in the locale was stamped
)

// digest identifies everything of the site an edition depends on.
func (s *site) digest() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%q\x00", s.baseURL, strings.Join(s.locales, ","), s.patterns)
	for i, slug := range s.slugs {
		b.WriteString(slug)
		for j, loc := range s.locales {
			if s.has[i*len(s.locales)+j]&hasEdition != 0 {
				b.WriteString(" " + loc)
			}
		}
		b.WriteByte('\n')
	}
	return project.Digest([]byte(b.String()))
}

// stamp returns the stamp of an article's catalog in loc (not the
// source) as newSite took it, or nil if the catalog is missing or not a
// regular file (see project.Project.Stamps).
func (s *site) stamp(slug, loc string) []project.Stamp {
	i, ok := s.article(slug)
	j := slices.Index(s.locales, loc)
	if ok && j > 0 && s.has[i*len(s.locales)+j]&hasStamp != 0 {
		return []project.Stamp{s.stamps[i*(len(s.locales)-1)+j-1]}
	}
	return nil
}

// article returns the index of an article in s.slugs.
func (s *site) article(slug string) (int, bool) {
	return slices.BinarySearch(s.slugs, slug)
}

// edition reports whether an article of the project has an edition in
// loc.
func (s *site) edition(slug, loc string) bool {
	i, ok := s.article(slug)
	j := slices.Index(s.locales, loc)
	return ok && j >= 0 && s.has[i*len(s.locales)+j]&hasEdition != 0
}

// href returns the URL of an edition's HTML page: under the base URL, or
// relative to another edition's page.
func (s *site) href(slug, loc, name string) string {
	if s.baseURL != "" {
		return s.baseURL + loc + "/" + name
	}
	return "../" + loc + "/" + name
}

// pageURL returns the absolute URL of an edition's page, or "" when the
// project has no base URL.
func (s *site) pageURL(slug, loc string) string {
	if s.baseURL == "" {
		return ""
	}
	return s.href(slug, loc, slug+".html")
}

// alternates returns the editions of an article, the one in loc included.
func (s *site) alternates(slug, loc string) []edition.Alternate {
	var out []edition.Alternate
	for _, l := range project.Unique(append(slices.Clone(s.locales), loc)) {
		if l == loc || s.edition(slug, l) {
			out = append(out, edition.Alternate{Locale: l, Href: s.href(slug, l, slug+".html"), Source: l == s.source})
		}
	}
	return out
}

// link returns the destination a link of an article takes in the edition
// in loc (ext ".html" or ".md"): a link to another article of the project
// (a relative link to its .md file, or a URL matching article_urls) goes
// to that article's edition in loc when it has one, and otherwise to the
// source: the source edition, or the URL the link had.
func (s *site) link(dest, loc, ext string) string {
	if len(s.patterns) == 0 && !strings.Contains(dest, ".md") && !strings.Contains(dest, "%") {
		// No URL to match, and no path that ends in .md, as written
		// or percent-encoded: as it is, without a parse (link is asked
		// of every link of every edition). FuzzLinkUnparsed holds the
		// two to the same answer.
		return dest
	}
	return s.linkParsed(dest, loc, ext)
}

// linkParsed is link, with the destination parsed as a URL.
func (s *site) linkParsed(dest, loc, ext string) string {
	u, err := url.Parse(dest)
	if err != nil || u.Opaque != "" || dest == "" {
		return dest
	}
	frag := ""
	if u.Fragment != "" || strings.HasSuffix(dest, "#") {
		frag = "#" + u.EscapedFragment()
	}
	var slug string
	relative := u.Scheme == "" && u.Host == "" && !strings.HasPrefix(u.Path, "/")
	switch {
	case relative && strings.HasSuffix(u.Path, ".md"):
		p := path.Clean(path.Join("articles", u.Path))
		slug = strings.TrimSuffix(strings.TrimPrefix(p, "articles/"), ".md")
		if _, ok := s.article(slug); strings.Contains(slug, "/") || !ok {
			return dest
		}
	case u.Scheme == "http" || u.Scheme == "https":
		bare := *u
		bare.Fragment, bare.RawFragment = "", ""
		for _, re := range s.patterns {
			if m := re.FindStringSubmatch(bare.String()); m != nil {
				if _, ok := s.article(m[1]); ok {
					slug = m[1]
					break
				}
			}
		}
		if slug == "" {
			return dest
		}
	default:
		return dest
	}
	switch {
	case s.edition(slug, loc):
		return slug + ext + frag
	case relative:
		return "../" + s.source + "/" + slug + ext + frag
	}
	return dest
}

// mayLink reports whether a unit's Markdown text may hold a link that
// link changes: a destination that ends in .md (as written, or through a
// character reference, a backslash escape or percent-encoding) or, under
// article_urls, any URL. Where it says no, the text need not be parsed.
//
// An inline link's destination follows a "](" and what may come before
// it (spaces, a line break), and ends at the next space, line break or
// ")" unless it holds a "(" or is written in "<>" (then the rest of the
// text is taken as its): only those bytes are looked at, so that the
// "%" of "rose 5%" elsewhere in a paragraph does not send it to the
// parser.
func (s *site) mayLink(text string) bool {
	if len(s.patterns) > 0 {
		return true
	}
	for rest := text; ; {
		i := strings.Index(rest, "](")
		if i < 0 {
			return false
		}
		rest = rest[i+2:]
		d := strings.TrimLeft(rest, " \t\n")
		if end := strings.IndexAny(d, " \t\n)"); end >= 0 {
			d = d[:end]
		}
		if strings.ContainsAny(d, "(<") {
			d = rest
		}
		if strings.Contains(d, ".md") || strings.ContainsAny(d, `%&\`) {
			return true
		}
	}
}

// IndexPath returns the path of a locale's index page, relative to the
// root.
func IndexPath(locale string) string {
	return filepath.Join("out", locale, "index.html")
}

// indexes gathers what each locale's index page lists of the editions a
// build makes: a few fields of each, by article, so that what build holds
// till the end of the run stays small however many articles there are.
// The titles, most of it (a hundred bytes and more an edition), wait in a
// spill per locale, out of the heap, till their page is made.
type indexes struct {
	s       *site
	locales []string
	// force makes the pages again even where their records say they
	// are up to date (Options.Force).
	force bool
	// entries holds, for each of locales, an entry per article of s.slugs.
	entries [][]indexEntry
	// titles are the spills of each of locales' titles (nil till its
	// first), made in dir; err is the first error writing one.
	titles []*spill.File
	dir    string
	err    error
}

// indexEntry is what an index page lists of an edition.
type indexEntry struct {
	title                         int64 // where its title begins in its locale's spill
	titleLen                      int32
	date                          int32 // days since 1970-01-01
	dated, set                    bool
	units, missing, stale, review int32
}

// newIndexes returns the index pages of the locales a build makes, whose
// titles wait in spills in dir.
func newIndexes(s *site, locales []string, dir string) *indexes {
	ix := &indexes{s: s, locales: locales, entries: make([][]indexEntry, len(locales)), titles: make([]*spill.File, len(locales)), dir: dir}
	for j := range locales {
		ix.entries[j] = make([]indexEntry, len(s.slugs))
	}
	return ix
}

// close removes the spills of the titles.
func (ix *indexes) close() {
	if ix == nil {
		return
	}
	for j, f := range ix.titles {
		f.Close()
		ix.titles[j] = nil
	}
}

// add records an edition of this build.
func (ix *indexes) add(ed *Edition) {
	if ix == nil {
		return
	}
	i, ok := ix.s.article(ed.Article)
	j := slices.Index(ix.locales, ed.Locale)
	if !ok || j < 0 {
		return
	}
	e := indexEntry{set: true, units: int32(ed.Units), missing: int32(ed.Missing), stale: int32(ed.Stale), review: int32(ed.Review)}
	if ix.titles[j] == nil && ix.err == nil {
		ix.titles[j], ix.err = spill.New(ix.dir)
	}
	if ix.err != nil {
		return
	}
	e.title, e.titleLen = ix.titles[j].Offset(), int32(len(ed.Title))
	ix.titles[j].WriteString(ed.Title)
	if ed.Date != "" {
		if t, err := time.Parse(time.DateOnly, ed.Date); err == nil {
			e.date, e.dated = int32(t.Unix()/86400), true
		}
	}
	ix.entries[j][i] = e
}

// stage stages each locale's index page: the project's articles with an
// edition in the locale, from this build or an earlier one (its build
// record, where the edition is still there). A project with an article
// named index has no index pages: the article's edition takes the name.
func (ix *indexes) stage(p *project.Project, st *stage.Set) error {
	s := ix.s
	_, named := s.article("index")
	for j, loc := range ix.locales {
		if named {
			for range 2 {
				if _, err := st.Put(nil); err != nil {
					return err
				}
			}
			continue
		}
		// The articles the page lists, by their place in s.slugs; each
		// row made when the page asks for it.
		var listed []int32
		for i, slug := range s.slugs {
			if !ix.entries[j][i].set {
				ed, ok := recordedEdition(p, s.records, slug, loc)
				if !ok {
					continue
				}
				ix.add(&ed)
			}
			listed = append(listed, int32(i))
		}
		rows := ix.entries[j]
		text, err := ix.readTitles(j)
		if err != nil {
			return err
		}
		page := edition.IndexPage{Lang: loc, Len: len(listed), Entry: func(k int) edition.IndexEntry {
			i := listed[k]
			e := &rows[i]
			ie := edition.IndexEntry{Title: text[e.title : e.title+int64(e.titleLen)], Href: s.slugs[i] + ".html", Source: loc == s.source,
				Units: int(e.units), Missing: int(e.missing), Stale: int(e.stale), Review: int(e.review)}
			if e.dated {
				ie.Date = time.Unix(int64(e.date)*86400, 0).UTC()
			}
			return ie
		}}
		for _, l := range s.locales {
			if l == loc || slices.Contains(ix.locales, l) || p.Exists(IndexPath(l)) {
				page.Alternates = append(page.Alternates, edition.Alternate{Locale: l, Href: s.href("", l, "index.html"), Source: l == s.source})
			}
		}
		rel := IndexPath(loc)
		digest, titles := indexDigest(page)
		kept, was, found := readIndexRecord(s.records, loc)
		if !ix.force && found && indexFresh(p, kept, was, loc, digest) {
			// Its rows are those of the page on disk, as build left it.
			ix.entries[j] = nil
			s.records.Put(IndexRecordName(loc), nil)
			for range 2 {
				if _, err := st.Put(nil); err != nil {
					return err
				}
			}
			continue
		}
		// The order of its rows, from the record when their titles are
		// those it was made of (collation costs most of a page).
		if found && kept.titles == titles {
			page.Order = kept.order // WriteIndex checks that it is an order of the rows
		} else {
			page.Order = edition.IndexOrder(page)
		}
		// Written to its staged file as it is made: it is not held whole.
		// A page whose rows changed since its record is made once;
		// otherwise (no record, a page not as build left it, a forced
		// build) it is compared with the page on disk as it goes and,
		// only if that differs, made again for the staged file. Its size
		// is the last making's.
		put := st.PutStream
		if found && kept.digest != digest {
			put = st.PutStreamChanged
		}
		var size int64
		changed, err := put(rel, func(w io.Writer) error {
			size = 0
			return edition.WriteIndex(&counter{w: w, n: &size}, page)
		})
		// What the page was made from is not needed any more.
		ix.entries[j] = nil
		if err != nil {
			return err
		}
		e := &project.RecordEncoder{}
		e.Text(indexFormat)
		e.Text(digest)
		e.Int(size)
		e.Text(titles)
		e.Int(int64(len(page.Order)))
		for _, i := range page.Order {
			e.Int(int64(i))
		}
		if !changed && bytes.Equal(was.Data, e.B) {
			// The page and its record as they were (a forced build).
			e.B = nil
		}
		s.records.Put(IndexRecordName(loc), e.B)
		if _, err := st.Put(nil); err != nil {
			return err
		}
	}
	return nil
}

// readTitles returns the titles of locales[j]'s editions, one after the
// other as add wrote them, and removes their spill.
func (ix *indexes) readTitles(j int) (string, error) {
	f := ix.titles[j]
	if ix.err != nil || f == nil {
		return "", ix.err
	}
	defer func() { f.Close(); ix.titles[j] = nil }()
	if err := f.Flush(); err != nil {
		return "", err
	}
	// One read (ReadAt reads until b is full), into the bytes the string
	// then is: nothing else holds them.
	b := make([]byte, f.Offset())
	if err := f.ReadAt(b, 0); err != nil {
		return "", err
	}
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// counter is a writer that counts what goes through it to w.
type counter struct {
	w io.Writer
	n *int64
}

func (c *counter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	*c.n += int64(n)
	return n, err
}

// indexFormat names the layout of an index page's record and what its
// digest covers; change it when either changes.
const indexFormat = "l10n index record 2"

// IndexRecordName returns the name of a locale's index page's record in
// build's records file: a leading slash, which no edition's record name
// (RecordName) has.
func IndexRecordName(loc string) string { return "/index/" + loc }

// indexDigest returns the digest of what an index page shows (its rows,
// its alternates) and of l10n itself, which renders them; and the digest
// of its language and titles, which the order of its rows depends on
// (edition.IndexOrder).
func indexDigest(page edition.IndexPage) (digest, titles string) {
	h, t := sha256.New(), sha256.New()
	e := &project.RecordEncoder{}
	e.Text(indexFormat)
	e.Text(project.ToolVersion())
	e.Text(page.Lang)
	t.Write(e.B)
	e.Int(int64(len(page.Alternates)))
	for _, a := range page.Alternates {
		e.Text(a.Locale)
		e.Text(a.Href)
		e.Bool(a.Source)
	}
	e.Int(int64(page.Len))
	for k := range page.Len {
		r := page.Entry(k)
		h.Write(e.B)
		e.B = e.B[:0]
		e.Text(r.Title)
		t.Write(e.B)
		e.Text(r.Href)
		e.Int(r.Date.Unix())
		e.Bool(r.Date.IsZero())
		e.Int(int64(r.Units))
		e.Int(int64(r.Missing))
		e.Int(int64(r.Stale))
		e.Int(int64(r.Review))
		e.Bool(r.Source)
	}
	h.Write(e.B)
	return hex.EncodeToString(h.Sum(nil)), hex.EncodeToString(t.Sum(nil))
}

// indexRecord is what the record of a locale's index page holds: the
// digest of its rows, its size, the digest of its language and titles
// and the order of its rows.
type indexRecord struct {
	digest, titles string
	size           int64
	order          []int32
}

// readIndexRecord reads the record of a locale's index page: decoded,
// as read (Data nil when there is none), and whether it decoded.
func readIndexRecord(rs *project.Records, loc string) (indexRecord, project.Record, bool) {
	rec, ok := rs.Read(IndexRecordName(loc))
	if !ok {
		return indexRecord{}, rec, false
	}
	d := project.NewRecordDecoder(rec.Data)
	var r indexRecord
	format := d.Text()
	r.digest, r.size, r.titles = d.Text(), d.Int(), d.Text()
	n := d.Count(1)
	r.order = make([]int32, n)
	for i := range r.order {
		r.order[i] = int32(d.Int())
	}
	return r, rec, d.End() && format == indexFormat
}

// indexFresh reports whether a locale's index page is as the last build
// that made it left it, from rows with the digest given: its record (r,
// decoded from rec) has that digest, and the page has the recorded size and was neither
// modified nor replaced after the record was written (as for an edition,
// see reuse: build writes the record after the page).
func indexFresh(p *project.Project, r indexRecord, rec project.Record, loc, digest string) bool {
	if r.digest != digest {
		return false
	}
	now := p.Stamps(IndexPath(loc))
	w := rec.Written.UnixNano()
	return now != nil && now[0].Size == r.size && now[0].MTime <= w && now[0].CTime <= w
}

// recordedEdition returns an edition as its build record describes it, if
// the record and the edition's HTML page are there.
func recordedEdition(p *project.Project, rs *project.Records, slug, loc string) (Edition, bool) {
	rec, ok := rs.Read(RecordName(slug, loc))
	if !ok {
		return Edition{}, false
	}
	var r buildRecord
	if rec.Decode(&r) != nil || r.Units == 0 || !p.Exists(project.EditionPath(slug, loc, ".html")) {
		return Edition{}, false
	}
	return r.edition(slug, loc), true
}
