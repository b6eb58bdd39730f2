package main

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/l10n-dev/l10n/pipeline/po"
)

// mainEnv makes the test binary run as l10n: the tests that need l10n in
// a process of its own (to kill it, or to run several at once) start
// the test binary again with it set.
const mainEnv = "L10N_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// built is l10n built once for the tests that run the real binary.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// builtL10n returns the path of l10n built from this package as the
// README installs it: static, with cgo off (installEnv).
func builtL10n(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "l10n-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "l10n")
		cmd := exec.Command("go", "build", "-o", built.bin, ".")
		cmd.Env = append(os.Environ(), installEnv)
		if out, err := cmd.CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// l10nProcess returns l10n with the arguments given, as a process to
// start.
func l10nProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), mainEnv+"=1")
	return cmd
}

// copyProject copies a project with its files' modification times, which
// build records.
func copyProject(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(to, rel), data, 0o644); err != nil {
			return err
		}
		return os.Chtimes(filepath.Join(to, rel), fi.ModTime(), fi.ModTime())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// mustRun runs l10n to the end and fails the test on an error.
func mustRun(t *testing.T, args ...string) {
	t.Helper()
	if code, _, stderr := l10n(args...); code == exitInput {
		t.Fatalf("l10n %s: %s", strings.Join(args, " "), stderr)
	}
}

// projectFiles returns the files of a project by their path in it.
func projectFiles(t *testing.T, root string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		m[rel] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// cyrillic transliterates English into Ukrainian letters.
func cyrillic(s string) string {
	const from, to = "abcdefghijklmnopqrstuvwxyz'", "абцдефгхійклмнопкрстуввксиз’"
	var b strings.Builder
	for _, r := range s {
		lower := unicode.ToLower(r)
		if i := strings.IndexRune(from, lower); i >= 0 {
			c := []rune(to)[i]
			if lower != r {
				c = unicode.ToUpper(c)
			}
			b.WriteRune(c)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// withoutUK empties the uk catalogs of a project: every unit missing.
func withoutUK(t *testing.T, root string) {
	t.Helper()
	uk, err := filepath.Glob(filepath.Join(root, "locales", "*", "uk.yaml"))
	if err != nil || len(uk) == 0 {
		t.Fatalf("%d uk catalogs, %v", len(uk), err)
	}
	for _, name := range uk {
		os.Remove(name)
	}
	mustRun(t, "-C", root, "extract")
}

// translatablePO exports the uk catalogs of a project's articles (all
// of them unless some are named) to a PO file, and translates there the
// missing units that need no care for numbers, dates or markup (which
// import checks): a translation is the English transliterated into
// Cyrillic. It returns the translations by msgctxt (article/unit id).
func translatablePO(t *testing.T, root, file string, articles ...string) map[string]string {
	t.Helper()
	args := []string{"-C", root, "export", "--locale", "uk", "-o", file}
	if len(articles) > 0 {
		args = append(args, "--article", strings.Join(articles, ","))
	}
	mustRun(t, args...)
	pf, err := po.Parse([]byte(read(t, file)))
	if err != nil {
		t.Fatal(err)
	}
	tr := map[string]string{}
	for _, m := range pf.Messages {
		if !m.Obsolete && !m.HasPlural && m.Msgstr == "" && !strings.ContainsAny(m.Msgid, "0123456789[]*_`<>!\\") {
			m.Msgstr = cyrillic(m.Msgid)
			tr[m.Msgctxt] = m.Msgstr
		}
	}
	if len(tr) == 0 {
		t.Fatalf("%s: nothing to translate", file)
	}
	write(t, file, string(po.Encode(pf)))
	return tr
}
