package stage

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestRefusesConcurrentEdit checks that a catalog saved by someone else
// between l10n's read and write is not overwritten.
func TestRefusesConcurrentEdit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "uk.yaml")
	if err := os.WriteFile(path, []byte("a:\n  other: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	snap, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	// The translator saves.
	if err := os.WriteFile(path, []byte("a:\n  other: y\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Files(dir, []File{{Rel: "uk.yaml", Data: []byte("a:\n  other: z\n"), Snap: snap}}); !errors.Is(err, ErrChanged) {
		t.Fatalf("error %v, want ErrChanged: a file changed since it was read was overwritten", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "a:\n  other: y\n" {
		t.Errorf("file is %q", data)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, "*")); len(files) != 1 {
		t.Errorf("left behind %v", files)
	}
}

// TestFiles checks that Files writes what changed, keeps the mode of the
// file it replaces, and reports the paths written.
func TestFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "same"), []byte("1"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old"), []byte("1"), 0o600); err != nil {
		t.Fatal(err)
	}
	var files []File
	for _, rel := range []string{"same", "old", filepath.Join("sub", "new")} {
		snap, err := Read(filepath.Join(dir, rel))
		if err != nil {
			t.Fatal(err)
		}
		data := []byte("2")
		if rel == "same" {
			data = []byte("1")
		}
		files = append(files, File{Rel: rel, Data: data, Snap: snap})
	}
	written, err := Files(dir, files)
	if err != nil {
		t.Fatal(err)
	}
	if len(written) != 2 || written[0] != "old" || written[1] != filepath.Join("sub", "new") {
		t.Errorf("written %v, want old and sub/new", written)
	}
	for rel, want := range map[string]string{"same": "1", "old": "2", "sub/new": "2"} {
		if data, _ := os.ReadFile(filepath.Join(dir, rel)); string(data) != want {
			t.Errorf("%s holds %q, want %q", rel, data, want)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, "old")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("old: mode %v, %v; want 0600 kept", fi.Mode(), err)
	}
}

// TestSweepsLeftovers checks that the staged files of a run that was
// killed are removed by the next run that writes in their folder, and
// that those of a run still going are not.
func TestSweepsLeftovers(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to get the id of an ended process:", err)
	}
	dead := cmd.Process.Pid
	gone := filepath.Join(dir, ".uk.yaml.l10n-tmp-"+strconv.Itoa(dead)+"-0123456789abcdef")
	live := filepath.Join(dir, ".ru.yaml.l10n-tmp-"+strconv.Itoa(os.Getppid())+"-0123456789abcdef")
	other := filepath.Join(dir, ".notes.swp")
	for _, p := range []string{gone, live, other} {
		if err := os.WriteFile(p, []byte("half a catalog"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "uk.yaml"), []byte("a:\n  other: x\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(gone); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the leftover of ended process %d is still there (%v)", dead, err)
	}
	for _, p := range []string{live, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, Pattern)); len(m) != 1 {
		t.Errorf("staged files left: %v, want only the live run's", m)
	}
}

// TestSweepsWithoutWriting checks that a run sweeps the folder of every
// file it stages, also where the file is unchanged and nothing is
// written, or where the slot is empty: after a killed run, the next one
// usually finds most files already as it would write them.
func TestSweepsWithoutWriting(t *testing.T) {
	cmd := exec.Command("true")
	if err := cmd.Run(); err != nil {
		t.Skip("no true(1) to get the id of an ended process:", err)
	}
	dead := strconv.Itoa(cmd.Process.Pid)
	for _, c := range []struct {
		name string
		put  func(s *Set, path string) error
	}{
		{"unchanged", func(s *Set, path string) error {
			snap, err := Read(path)
			if err != nil {
				return err
			}
			_, err = s.Put(&File{Rel: filepath.Join("uk", "a.md"), Data: snap.Data, Snap: snap})
			return err
		}},
		{"empty slot", func(s *Set, _ string) error {
			_, err := s.Put(nil)
			return err
		}},
	} {
		root := t.TempDir()
		path := filepath.Join(root, "uk", "a.md")
		leftover := filepath.Join(root, "uk", ".a.md.l10n-tmp-"+dead+"-0123456789abcdef")
		for _, p := range []string{path, leftover} {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("text\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		s, err := New(root, false, 1, func(int, int) string { return filepath.Join("uk", "a.md") })
		if err != nil {
			t.Fatal(err)
		}
		if err := c.put(s, path); err != nil {
			t.Fatal(err)
		}
		if written, err := s.Commit(); err != nil || len(written) != 0 {
			t.Fatalf("%s: wrote %v, %v", c.name, written, err)
		}
		if _, err := os.Stat(leftover); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the leftover is still there (%v)", c.name, err)
		}
	}
}

// TestPutStream checks PutStream against Put: a file written in pieces
// is staged exactly when its content differs from the file on disk
// (longer, shorter, a byte changed, or no file), a file changed on disk
// after it was compared is not overwritten, and nothing is left behind.
// PutStreamChanged stages the file in every case, and what Commit checks
// is the same.
func TestPutStream(t *testing.T) {
	old := strings.Repeat("0123456789", 10000) // larger than one buffer
	cases := []struct {
		name      string
		old, new  string
		noFile    bool
		wantWrite bool
	}{
		{name: "same", old: old, new: old},
		{name: "longer", old: old, new: old + "x", wantWrite: true},
		{name: "shorter", old: old, new: old[:len(old)-1], wantWrite: true},
		{name: "a byte", old: old, new: old[:70000] + "x" + old[70001:], wantWrite: true},
		{name: "empty", old: old, new: "", wantWrite: true},
		{name: "new", new: old, noFile: true, wantWrite: true},
		{name: "new and empty", new: "", noFile: true, wantWrite: true},
	}
	for _, tc := range cases {
		for _, variant := range []struct {
			edit, known bool
		}{{false, false}, {true, false}, {false, true}, {true, true}} {
			edit := variant.edit
			dir := t.TempDir()
			path := filepath.Join(dir, "sub", "page")
			if !tc.noFile {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(tc.old), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			s, err := New(dir, false, 1, func(_, _ int) string { return filepath.Join("sub", "page") })
			if err != nil {
				t.Fatal(err)
			}
			put, wantWrite, name := s.PutStream, tc.wantWrite, tc.name
			if variant.known {
				put, wantWrite, name = s.PutStreamChanged, true, tc.name+" (PutStreamChanged)"
			}
			folder, _ := os.Stat(filepath.Dir(path))
			calls := 0
			changed, err := put(filepath.Join("sub", "page"), func(w io.Writer) error {
				calls++
				// In pieces of odd sizes.
				for rest := tc.new; rest != ""; {
					n := min(len(rest), 777)
					if _, err := io.WriteString(w, rest[:n]); err != nil {
						return err
					}
					rest = rest[n:]
				}
				return nil
			})
			if err != nil || changed != wantWrite {
				t.Fatalf("%s: PutStream says changed %v, %v; want %v", name, changed, err, wantWrite)
			}
			if variant.known && calls != 1 {
				t.Errorf("%s: the content was made %d times, want once", name, calls)
			}
			if now, _ := os.Stat(filepath.Dir(path)); !wantWrite && !now.ModTime().Equal(folder.ModTime()) {
				// Its stamp says what build's records of the folder
				// hold (project.FolderStamp).
				t.Errorf("%s: an unchanged file moved its folder's stamp", name)
			}
			if edit {
				// Someone saves the file meanwhile.
				if err := os.WriteFile(path, []byte("saved"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			written, err := s.Commit()
			want := tc.new
			switch {
			case edit:
				want = "saved"
				if !errors.Is(err, ErrChanged) {
					t.Errorf("%s: a file saved meanwhile: Commit says %v, want ErrChanged", name, err)
				}
			case err != nil:
				t.Errorf("%s: %v", name, err)
			case (len(written) == 1) != wantWrite:
				t.Errorf("%s: written %v", name, written)
			}
			s.Abort()
			if data, _ := os.ReadFile(path); string(data) != want {
				t.Errorf("%s (saved meanwhile: %v): file holds %d bytes, want %d", name, edit, len(data), len(want))
			}
			if left, _ := filepath.Glob(filepath.Join(dir, "sub", Pattern)); len(left) != 0 {
				t.Errorf("%s: left behind %v", name, left)
			}
		}
	}
}

// TestWriteFileFunc: a file written by WriteFileFunc replaces the one
// there, keeping its permissions; a write that fails leaves it as it was
// and nothing staged beside it.
func TestWriteFileFunc(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "memory.tmx")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	failed := errors.New("the export failed")
	err := WriteFileFunc(path, func(w io.Writer) error {
		if _, err := w.Write([]byte("half")); err != nil {
			return err
		}
		return failed
	})
	if data, _ := os.ReadFile(path); !errors.Is(err, failed) || string(data) != "old" {
		t.Errorf("a failed write: error %v, the file %q", err, data)
	}
	if err := WriteFileFunc(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if data, _ := os.ReadFile(path); err != nil || string(data) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("written: %q, mode %v (%v)", data, fi.Mode(), err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, Pattern)); len(m) != 0 {
		t.Errorf("staged files left: %v", m)
	}
}
