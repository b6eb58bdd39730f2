package project

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestInside checks the containment of paths under a project whose root
// is itself reached through a symbolic link: plain paths, missing ones,
// links that stay inside and links that leave, each through the quick
// walk below the root (plainBelow) or the full resolution. Every case is
// asked twice: the second time, the folders the first found plain are
// not looked at again, and the answers are the same.
func TestInside(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	outside := filepath.Join(dir, "outside")
	for _, d := range []string{filepath.Join(real, "locales", "a"), filepath.Join(real, "articles"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(real, "locales", "a", "uk.yaml"), filepath.Join(outside, "uk.yaml")} {
		if err := os.WriteFile(f, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	root := filepath.Join(dir, "root")
	links := map[string]string{
		root:                                     real,
		filepath.Join(real, "locales", "b"):      outside,
		filepath.Join(real, "locales", "c"):      filepath.Join(real, "locales", "a"),
		filepath.Join(real, "articles", "x.md"):  filepath.Join(outside, "uk.yaml"),
		filepath.Join(real, "articles", "y.md"):  "../locales/a/uk.yaml",
		filepath.Join(real, "articles", "l1.md"): "l2.md",
		filepath.Join(real, "articles", "l2.md"): "l1.md",
	}
	for link, to := range links {
		if err := os.Symlink(to, link); err != nil {
			t.Skip(err)
		}
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	for pass := range 2 {
		for _, c := range []struct {
			rel  string
			want string // "" inside, else the error's words
		}{
			{"locales/a/uk.yaml", ""},
			{"locales/a/ru.yaml", ""}, // missing: nothing to read
			{"locales/z/uk.yaml", ""},
			{"locales/c/uk.yaml", ""},
			{"articles/y.md", ""},
			{".", ""},
			{"locales/b/uk.yaml", "resolves outside the project root"},
			{"articles/x.md", "resolves outside the project root"},
			{"articles/l1.md", "its symbolic links do not resolve"},
		} {
			err := p.Inside(p.Abs(filepath.FromSlash(c.rel)))
			var ie *InputError
			switch {
			case c.want == "" && err != nil:
				t.Errorf("%s: %v, want inside", c.rel, err)
			case c.want != "" && (!errors.As(err, &ie) || !strings.Contains(err.Error(), c.want)):
				t.Errorf("%s: %v, want %q", c.rel, err, c.want)
			}
			// What a read of it finds.
			snap, err := p.ReadCatalogData(filepath.FromSlash(c.rel))
			switch {
			case c.want != "" && !errors.As(err, &ie):
				t.Errorf("pass %d: %s: read %v, want an InputError", pass, c.rel, err)
			case c.want == "" && c.rel != "." && err != nil:
				t.Errorf("pass %d: %s: read %v", pass, c.rel, err)
			case c.want == "" && snap.Exists != (c.rel == "locales/a/uk.yaml" || c.rel == "locales/c/uk.yaml" || c.rel == "articles/y.md"):
				t.Errorf("pass %d: %s: read says exists %v", pass, c.rel, snap.Exists)
			}
		}
	}
}

// TestInsideFolderMadeLink: a folder found plain and then replaced by a
// link that leaves the project is seen as such once plainFor has passed
// (a long-lived process, the workbench, reads on).
func TestInsideFolderMadeLink(t *testing.T) {
	defer func(d time.Duration) { plainFor = d }(plainFor)
	plainFor = 20 * time.Millisecond
	dir := t.TempDir()
	root, outside := filepath.Join(dir, "root"), filepath.Join(dir, "outside")
	for _, d := range []string{filepath.Join(root, "locales", "a"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(root, "locales", "a", "uk.yaml"), filepath.Join(outside, "uk.yaml")} {
		if err := os.WriteFile(f, []byte("x: y\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	cat := filepath.Join(root, "locales", "a", "uk.yaml")
	if err := p.Inside(cat); err != nil {
		t.Fatalf("plain: %v", err)
	}
	if err := os.RemoveAll(filepath.Join(root, "locales", "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "locales", "a")); err != nil {
		t.Skip(err)
	}
	time.Sleep(2 * plainFor)
	if err := p.Inside(cat); err == nil || !strings.Contains(err.Error(), "resolves outside the project root") {
		t.Errorf("a folder made a link outside: %v", err)
	}
}

// TestPlainFoldersBounded: the folders found plain that a project keeps
// do not grow with the folders it reads in (at most maxPlain), and the
// folder it read in last is still found without another look.
func TestPlainFoldersBounded(t *testing.T) {
	root := t.TempDir()
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	const n = 3 * maxPlain
	for i := range n {
		dir := filepath.Join(root, "locales", "a"+strconv.Itoa(i))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, loc := range []string{"en", "uk"} {
			f := filepath.Join(dir, loc+".yaml")
			if err := os.WriteFile(f, []byte("x: y\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := p.Inside(f); err != nil {
				t.Fatal(err)
			}
		}
		if !p.roots.plain.found(dir) {
			t.Fatalf("folder %d: not found plain right after a file in it was read", i)
		}
	}
	kept := 0
	p.roots.plain.m.Range(func(any, any) bool { kept++; return true })
	if kept > maxPlain {
		t.Errorf("%d folders kept after reading in %d, want at most %d", kept, n, maxPlain)
	}
}
