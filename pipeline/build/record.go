package build

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"

	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// buildRecord is what build remembers of an edition it built, in
// out/.cache/<locale>/<slug>.json: what the edition was made from, the
// counts that Build reports and the sizes of its files.
type buildRecord struct {
	// Recipe is the digest of what is not a file: l10n's version, the
	// policy and the locales.
	Recipe string `json:"recipe"`
	// Key is the digest of the recipe and the inputs' content.
	Key string `json:"key"`
	// Inputs are the size and modification time of the article, its
	// source catalog and its catalog for the locale, when they had the
	// content of Key.
	Inputs   []stamp  `json:"inputs"`
	Title    string   `json:"title"`
	Date     string   `json:"date,omitempty"`
	Units    int      `json:"units"`
	Missing  int      `json:"missing"`
	Stale    int      `json:"stale"`
	Warnings []string `json:"warnings,omitempty"`
	MD       int64    `json:"md"`
	HTML     int64    `json:"html"`
}

// edition returns the edition a record describes.
func (r *buildRecord) edition(slug, loc string) Edition {
	return Edition{Article: slug, Locale: loc, Title: r.Title, Date: r.Date, Units: r.Units, Missing: r.Missing, Stale: r.Stale, Warnings: r.Warnings}
}

// stamp is a file's size and modification time (Unix nanoseconds).
type stamp struct {
	Size  int64 `json:"size"`
	MTime int64 `json:"mtime"`
}

// RecordPath returns the path of an edition's build record, relative to
// the root.
func RecordPath(slug, locale string) string {
	return filepath.Join("out", ".cache", locale, slug+".json")
}

// recordWrite returns the write of an edition's build record, which was
// as old (nil if absent). Build stages it after the edition's files and
// writes it whenever it writes them, so that a file changed after the
// build is newer than the record.
func recordWrite(p *project.Project, slug, loc string, r buildRecord, old []byte) (*stage.File, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("build record of %s: %w", project.EditionPath(slug, loc, ""), err)
	}
	snap := stage.Snapshot{Data: old, Exists: old != nil}
	return &stage.File{Rel: RecordPath(slug, loc), Data: append(data, '\n'), Snap: snap, Unchecked: true}, nil
}

// reuse returns the edition of an article in loc as last built, if its
// record has the current recipe and inputs, and its files are as build
// wrote them: present, of the recorded sizes and not modified after the
// record. The inputs are the same if their sizes and modification times
// are, and were older than the record (so not changed again within the
// file system's timestamp granularity); otherwise their content is
// compared, and the record renewed with their new stamps.
func reuse(p *project.Project, in *inputs, loc, recipe string, now []stamp) (builtEdition, bool) {
	f, err := os.Open(p.Abs(RecordPath(in.slug, loc)))
	if err != nil {
		return builtEdition{}, false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return builtEdition{}, false
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return builtEdition{}, false
	}
	var r buildRecord
	if err := json.Unmarshal(data, &r); err != nil || r.Recipe != recipe {
		return builtEdition{}, false
	}
	written := fi.ModTime()
	for _, out := range []struct {
		ext  string
		size int64
	}{{".md", r.MD}, {".html", r.HTML}} {
		of, err := os.Stat(p.Abs(project.EditionPath(in.slug, loc, out.ext)))
		if err != nil || !of.Mode().IsRegular() || of.Size() != out.size || of.ModTime().After(written) {
			return builtEdition{}, false
		}
	}
	b := builtEdition{ed: r.edition(in.slug, loc), reused: true}
	if now != nil && slices.Equal(now, r.Inputs) {
		racy := false
		for _, s := range now {
			racy = racy || s.MTime >= written.UnixNano()
		}
		if !racy {
			return b, true
		}
	}
	if key := in.key(recipe, loc); key == "" || key != r.Key {
		return builtEdition{}, false
	}
	if now != nil {
		r.Inputs = now
		w, err := recordWrite(p, in.slug, loc, r, data)
		if err != nil {
			return builtEdition{}, false
		}
		b.record = w
	}
	return b, true
}

// inputs are the files an article's editions are made from: the article,
// its source catalog (which holds the units' ids) and its catalog for the
// edition's locale. They are read when needed, once.
type inputs struct {
	p       *project.Project
	slug    string
	read    bool
	ok      bool
	article []byte
	source  []byte
}

// paths returns the inputs of the edition in loc, relative to the root.
func (in *inputs) paths(loc string) []string {
	paths := []string{project.ArticlePath(in.slug), project.CatalogPath(in.slug, in.p.Source)}
	if loc != in.p.Source {
		paths = append(paths, project.CatalogPath(in.slug, loc))
	}
	return paths
}

// stamps returns the stamps of the edition's inputs, or nil if one is
// missing or not a regular file. A symbolic link has no stamp: its
// edition is reused only after its content was read, which checks that it
// stays inside the project.
func (in *inputs) stamps(loc string) []stamp {
	var out []stamp
	for _, rel := range in.paths(loc) {
		fi, err := os.Lstat(in.p.Abs(rel))
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		out = append(out, stamp{Size: fi.Size(), MTime: fi.ModTime().UnixNano()})
	}
	return out
}

// buildFormat names the layout of build records; change it when the
// recipe or the key changes.
const buildFormat = "l10n build record 3"

// recipe returns the digest of what an edition is made from besides
// files: l10n itself (tool), the policy, the locales and the site (which
// other editions there are, and where; see site.digest).
func recipe(tool string, policy Policy, source, loc, site string) string {
	return project.Digest([]byte(buildFormat), []byte(tool), []byte(policy), []byte(source), []byte(loc), []byte(site))
}

// key returns the digest of the recipe and the content of the inputs of
// the edition in loc, or "" when one cannot be read, so that the edition
// is built (and the error reported).
func (in *inputs) key(recipe, loc string) string {
	if !in.read {
		in.read = true
		var err1, err2 error
		in.article, err1 = in.p.ReadInput(project.ArticlePath(in.slug))
		in.source, err2 = in.p.ReadInput(project.CatalogPath(in.slug, in.p.Source))
		if errors.Is(err2, fs.ErrNotExist) {
			// Build reads a missing source catalog as an empty one.
			err2 = nil
		}
		in.ok = err1 == nil && err2 == nil
	}
	if !in.ok {
		return ""
	}
	var target []byte
	if loc != in.p.Source {
		data, err := in.p.ReadInput(project.CatalogPath(in.slug, loc))
		if err != nil {
			return ""
		}
		target = data
	}
	return project.Digest([]byte(recipe), in.article, in.source, target)
}

// toolVersion identifies the l10n that runs, so that a new version builds
// every edition again: the module version or clean VCS revision it was
// built from, else the path, size and modification time of the executable
// (a rebuilt binary is a new file).
func toolVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return bi.Main.Path + "@" + v
		}
		var rev string
		clean := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				clean = s.Value == "false"
			}
		}
		if rev != "" && clean {
			return bi.Main.Path + "@" + rev
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			return fmt.Sprintf("exe %s %d %d", exe, fi.Size(), fi.ModTime().UnixNano())
		}
	}
	// Unknown: a key no later run matches, so every edition is built.
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "unknown-" + hex.EncodeToString(b[:])
}
