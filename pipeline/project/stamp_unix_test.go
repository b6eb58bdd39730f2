//go:build unix

package project

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestStampByRoot: a stamp taken relative to the open root is the one
// taken by the file's whole path, for files, folders, links (never
// followed), missing files and paths that leave the root.
func TestStampByRoot(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "p")
	for _, d := range []string{"p/locales/a", "p/articles", "outside"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"p/articles/a.md", "p/locales/a/uk.yaml", "outside/x.md"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("uk.yaml", filepath.Join(root, "locales/a/ru.yaml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a", filepath.Join(root, "locales/b")); err != nil {
		t.Fatal(err)
	}
	p, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	if p.dir == nil {
		t.Fatal("the root is not open")
	}
	for _, rel := range []string{"articles/a.md", "locales/a/uk.yaml", "locales/a/ru.yaml", "locales/b/uk.yaml",
		"locales/a", "locales/b", "articles", "articles/none.md", "../outside/x.md", "./articles/a.md", "articles//a.md", "", "."} {
		for _, folder := range []bool{false, true} {
			typ := uint32(unix.S_IFREG)
			if folder {
				typ = unix.S_IFDIR
			}
			want, wantOK := stampAt(unix.AT_FDCWD, p.Abs(rel), typ)
			got, ok := p.stamp(rel, folder)
			if got != want || ok != wantOK {
				t.Errorf("stamp(%q, folder %v) = %+v, %v; by path %+v, %v", rel, folder, got, ok, want, wantOK)
			}
		}
	}
	if s, ok := p.stamp("articles/a.md", false); !ok || s.Size != int64(len("p/articles/a.md")) {
		t.Errorf("articles/a.md stamped %+v, %v", s, ok)
	}
}
