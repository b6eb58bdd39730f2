package stage

import (
	"errors"
	"io"
	"io/fs"
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

// TestSlots stages files in a Set's slots with empty slots between them
// (an edition not built, an index page left as it is), and a file put
// Unchecked (a record only l10n writes) whose target changed after it
// was read: each file goes to its own slot's path, checked against its
// own snapshot, and the unchecked one replaces its target all the same;
// a file put to be removed is removed where it is and nothing where it is
// not; a file put in another slot's place is an error.
func TestSlots(t *testing.T) {
	dir := t.TempDir()
	rel := func(i, slot int) string { return filepath.Join("a"+strconv.Itoa(i), "s"+strconv.Itoa(slot)) }
	read := func(r string) Snapshot {
		t.Helper()
		snap, err := Read(filepath.Join(dir, r))
		if err != nil {
			t.Fatal(err)
		}
		return snap
	}
	for _, r := range []string{rel(0, 1), rel(0, 2), rel(1, 0), rel(1, 2), rel(2, 1)} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(r)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, r), []byte("old "+r), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(dir, false, 3, rel)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	unchecked := &File{Rel: rel(1, 2), Data: []byte("new " + rel(1, 2)), Snap: read(rel(1, 2)), Unchecked: true}
	files := []*File{
		nil,
		{Rel: rel(0, 1), Data: []byte("new " + rel(0, 1)), Snap: read(rel(0, 1))},
		{Rel: rel(0, 2), Snap: read(rel(0, 2)), Remove: true},                     // before files to rename
		{Rel: rel(1, 0), Data: []byte("old " + rel(1, 0)), Snap: read(rel(1, 0))}, // unchanged
		{Rel: rel(1, 1), Data: []byte("new " + rel(1, 1)), Unchecked: true},       // no file there
		unchecked,
		{Rel: rel(2, 0), Snap: read(rel(2, 0)), Remove: true}, // not there
		{Rel: rel(2, 1), Snap: read(rel(2, 1)), Remove: true},
	}
	if err := os.WriteFile(filepath.Join(dir, rel(1, 2)), []byte("changed meanwhile"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Its replacement keeps its mode, as a checked file's does.
	if err := os.Chmod(filepath.Join(dir, rel(1, 2)), 0o600); err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		if _, err := s.Put(f); err != nil {
			t.Fatalf("slot %d: %v", i, err)
		}
	}
	if _, err := s.Put(&File{Rel: rel(3, 2), Data: []byte("x")}); err == nil || !strings.Contains(err.Error(), "in the slot of "+rel(2, 2)) {
		t.Errorf("a file put in another slot's place: %v", err)
	}
	written, err := s.Commit()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{rel(0, 1), rel(0, 2), rel(1, 1), rel(1, 2), rel(2, 1)}; strings.Join(written, " ") != strings.Join(want, " ") {
		t.Errorf("written %q, want %q", written, want)
	}
	for r, want := range map[string]string{rel(0, 1): "new " + rel(0, 1), rel(1, 0): "old " + rel(1, 0), rel(1, 2): "new " + rel(1, 2)} {
		if data, _ := os.ReadFile(filepath.Join(dir, r)); string(data) != want {
			t.Errorf("%s holds %q, want %q", r, data, want)
		}
	}
	if fi, err := os.Stat(filepath.Join(dir, rel(1, 2))); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %v, %v; want 0600 kept", rel(1, 2), fi.Mode(), err)
	}
	if fi, err := os.Stat(filepath.Join(dir, rel(1, 1))); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("%s: mode %v, %v; want 0644", rel(1, 1), fi.Mode(), err)
	}
	for _, r := range []string{rel(0, 2), rel(2, 1)} {
		if _, err := os.Lstat(filepath.Join(dir, r)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s not removed: %v", r, err)
		}
	}
}

// TestCommitChecksAllFirst: a Commit whose last file's target changed
// since it was read replaces nothing, though an empty slot stands
// between the files (every staged file is checked before the first is
// renamed).
func TestCommitChecksAllFirst(t *testing.T) {
	dir := t.TempDir()
	names := []string{"a", "b", "c"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("old "+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s, err := New(dir, false, 3, func(_, slot int) string { return names[slot] })
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	snapA, _ := Read(filepath.Join(dir, "a"))
	snapC, _ := Read(filepath.Join(dir, "c"))
	for _, f := range []*File{{Rel: "a", Data: []byte("new a"), Snap: snapA}, nil, {Rel: "c", Data: []byte("new c"), Snap: snapC}} {
		if _, err := s.Put(f); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "c"), []byte("an editor's c"), 0o644); err != nil {
		t.Fatal(err)
	}
	if written, err := s.Commit(); !errors.Is(err, ErrChanged) || len(written) != 0 {
		t.Fatalf("Commit: %q, %v; want nothing written, ErrChanged", written, err)
	}
	for n, want := range map[string]string{"a": "old a", "c": "an editor's c"} {
		if data, _ := os.ReadFile(filepath.Join(dir, n)); string(data) != want {
			t.Errorf("%s holds %q, want %q", n, data, want)
		}
	}
}

// TestFailedWriteLeavesNothing: when what writes a file's content fails
// (a stream into a Set, WriteFileFunc), its error is returned as it is,
// the target is as it was, and no staged file is left, even before the
// Set is aborted.
func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	failing := errors.New("the encoder failed")
	write := func(w io.Writer) error {
		if _, err := w.Write([]byte("part of it")); err != nil {
			return err
		}
		return failing
	}
	staged := func() []string {
		m, _ := filepath.Glob(filepath.Join(dir, Pattern))
		return m
	}
	s, err := New(dir, false, 1, func(int, int) string { return "page" })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutStream("page", write); !errors.Is(err, failing) {
		t.Errorf("PutStream: %v, want the writer's error", err)
	}
	if m := staged(); len(m) > 0 {
		t.Errorf("PutStream left %q", m)
	}
	s.Abort()
	path := filepath.Join(dir, "export.po")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileFunc(path, write); err != failing {
		t.Errorf("WriteFileFunc: %v, want the writer's error as it is", err)
	}
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("the file holds %q", data)
	}
	if m := staged(); len(m) > 0 {
		t.Errorf("WriteFileFunc left %q", m)
	}
}
