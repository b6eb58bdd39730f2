//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/cmd/l10n-corpus/newsgen"
	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/internal/stage"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/project"
)

// crashCase is a command that the crash test kills, and the project it
// runs on before and after a run to the end.
type crashCase struct {
	name string
	args []string // after -C dir
	old  string   // the project before the command
	// before and after are the project's files before the command and
	// after a run to the end; code is that run's exit code.
	before, after map[string][]byte
	// changes are the files a run to the end changes, adds or removes.
	changes []string
	code    int
	// took is how long that run took: the kills fall within it.
	took time.Duration
}

// TestCrashSafety kills l10n extract, build and import with SIGKILL at
// random moments while they update a corpus of generated articles, and
// after each kill checks the project: every file is byte for byte what
// it was before the command or what a run to the end makes of it (no
// file torn, so no translation lost: see keepsTranslations), and the
// staged files left behind match the pattern that l10n init's .gitignore
// lists. The kills come in chains: the command is run again on what the
// killed run left and killed again, three times, as someone might retry
// a command that keeps failing; then it runs to the end, and must take
// over the lock the killed run left, remove every staged file the killed
// runs left and make the same project, byte for byte, as a run that was
// never killed. The second kill of each chain comes as soon as the
// command has renamed its first file into place, to land among the
// renames; the others at a random moment within a run's time (the
// shortest a run on the project as it was took, as the machine's pace
// changes). Where no kill of the chains left a staged file, or none left
// some files new and some old (a loaded machine can make them all
// miss), up to 18 more kills follow, each followed by a run to the end,
// until one of each has.
// L10N_CRASH_SEED repeats a test's kill moments (as far as
// the machine's pace allows).
func TestCrashSafety(t *testing.T) {
	articles, chains, chain := 200, 6, 3
	if testing.Short() {
		articles, chains, chain = 40, 1, 2
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("L10N_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("L10N_CRASH_SEED=%d", seed)
	rng := rand.New(rand.NewPCG(seed, 15))
	tmp := t.TempDir()
	var leftNames []string
	total := 0
	for _, c := range crashCases(t, tmp, articles) {
		var kills, finished, leftovers, mixed, tookOver int
		// kill starts the command on the project at work and kills it: as
		// soon as it has renamed its first file into place (renames), or
		// else at a random moment within a run's time. fresh says that
		// the project is as the command's run to the end found it (no
		// killed run did part of the work).
		kill := func(work string, renames, fresh bool) {
			t.Helper()
			cmd := l10nProcess(t, append([]string{"-C", work}, c.args...)...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			first := c.firstFiles(work)
			start := time.Now()
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			if renames {
				c.awaitReplaced(work, first, done)
			} else {
				select {
				case <-time.After(time.Duration(rng.Int64N(int64(c.took)))):
				case err := <-done:
					if fresh {
						// The machine runs faster than when the run to
						// the end was timed: the next kills fall within
						// this run's time.
						c.took = min(c.took, time.Since(start))
					}
					done <- err
				}
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil && !errors.Is(err, os.ErrProcessDone) {
				t.Fatal(err)
			}
			var ee *exec.ExitError
			if err := <-done; err == nil || errors.As(err, &ee) && ee.Exited() {
				finished++
			}
			if strings.Contains(stderr.String(), "took over the project lock") {
				tookOver++
			}
			total++
			kills++
			temps, stale := c.check(t, total, withoutRecords(projectFiles(t, work)))
			if len(temps) > 0 {
				leftovers++
				leftNames = append(leftNames, temps[0])
			}
			if stale > 0 && stale < len(c.changes) {
				mixed++
			}
			if t.Failed() {
				t.FailNow()
			}
		}
		// finish runs the command to the end on what the kills left at
		// work, and compares the project with a run never killed.
		finish := func(work string) {
			t.Helper()
			code, _, stderr := l10n(append([]string{"-C", work}, c.args...)...)
			if code != c.code {
				t.Fatalf("%s after kill %d: exit %d, want %d: %s", c.name, total, code, c.code, stderr)
			}
			if strings.Contains(stderr, "took over the project lock") {
				tookOver++
			}
			got := withoutRecords(projectFiles(t, work))
			for rel := range got {
				if c.after[rel] == nil {
					t.Errorf("%s after kill %d and a run to the end: %s is left", c.name, total, rel)
				}
			}
			for rel, data := range c.after {
				if !bytes.Equal(got[rel], data) {
					t.Errorf("%s after kill %d and a run to the end: %s is not what a run never killed writes", c.name, total, rel)
				}
			}
			if t.Failed() {
				t.FailNow()
			}
			os.RemoveAll(work)
		}
		for ch := range chains {
			work := filepath.Join(tmp, fmt.Sprintf("%s-%d", c.name, ch))
			copyProject(t, c.old, work)
			for k := range chain {
				kill(work, k == 1, k == 0)
			}
			finish(work)
		}
		// Kills land in the writes and among the renames by the
		// machine's pace: on a loaded machine a chain's may all miss
		// them. Until one of each has landed, a few more, each on the
		// project as it was and then run to the end.
		for extra := 0; !testing.Short() && (leftovers == 0 || mixed == 0) && extra < 3*chains; extra++ {
			work := filepath.Join(tmp, fmt.Sprintf("%s-extra-%d", c.name, extra))
			copyProject(t, c.old, work)
			kill(work, mixed == 0 && extra%2 == 0, true)
			finish(work)
		}
		t.Logf("%s (%d files change, a run takes %v): %d kills; %d runs ended before the kill; %d kills left staged files, %d left some files old and some new; %d runs took over the lock",
			c.name, len(c.changes), c.took.Round(time.Millisecond), kills, finished, leftovers, mixed, tookOver)
		if !testing.Short() && leftovers == 0 {
			t.Errorf("%s: no kill left a staged file behind: the kills missed the writes", c.name)
		}
		if !testing.Short() && mixed == 0 {
			t.Errorf("%s: no kill left some files new and some old: the kills missed the renames", c.name)
		}
	}
	if !testing.Short() && total < 50 {
		t.Errorf("%d kills, want at least 50", total)
	}
	ignoredByInit(t, leftNames)
}

// firstFiles returns the files of the first article whose files the
// command changes (those it renames into place first: commands write in
// article order), as they are in the project at root now.
func (c *crashCase) firstFiles(root string) map[string]os.FileInfo {
	// The article of a file: locales/<slug>/uk.yaml, out/uk/<slug>.md,
	// out/.cache/uk/<slug>.json; "" for an index page.
	slugOf := func(rel string) string {
		if strings.HasPrefix(rel, "locales") {
			return filepath.Base(filepath.Dir(rel))
		}
		if s := strings.TrimSuffix(filepath.Base(rel), filepath.Ext(rel)); s != "index" {
			return s
		}
		return ""
	}
	first := ""
	for _, rel := range c.changes {
		if s := slugOf(rel); s != "" && (first == "" || s < first) {
			first = s
		}
	}
	files := map[string]os.FileInfo{}
	for _, rel := range c.changes {
		if slugOf(rel) == first {
			fi, _ := os.Stat(filepath.Join(root, rel))
			files[rel] = fi
		}
	}
	return files
}

// awaitReplaced returns as soon as one of the files first names is
// replaced, removed or made, or the run ends (done yields its end, and
// is given it back).
func (c *crashCase) awaitReplaced(root string, first map[string]os.FileInfo, done chan error) {
	for {
		select {
		case err := <-done:
			done <- err
			return
		default:
		}
		for rel, was := range first {
			fi, err := os.Stat(filepath.Join(root, rel))
			if (err == nil) != (was != nil) || err == nil && !os.SameFile(fi, was) {
				return
			}
		}
		time.Sleep(200 * time.Microsecond)
	}
}

// crashCases makes the projects the commands run on, from a generated
// corpus of n articles, and runs each command to the end on a copy.
func crashCases(t *testing.T, tmp string, n int) []*crashCase {
	base := filepath.Join(tmp, "base")
	if _, err := newsgen.Write(base, newsgen.Options{N: n, Seed: 15}); err != nil {
		t.Fatal(err)
	}
	// extract: every article gains a paragraph, so that every catalog
	// changes (a unit missing in each locale).
	edited := filepath.Join(tmp, "extract-old")
	copyProject(t, base, edited)
	names, err := filepath.Glob(filepath.Join(edited, "articles", "*.md"))
	if err != nil || len(names) != n {
		t.Fatalf("%d articles, %v", len(names), err)
	}
	for i, name := range names {
		f, err := os.OpenFile(name, os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(f, "\nThe crash test adds paragraph %d to this article.\n", i)
		f.Close()
	}
	// build: editions built before that paragraph came, to be built
	// again with it.
	built := filepath.Join(tmp, "build-old")
	copyProject(t, base, built)
	mustRun(t, "-C", built, "build")
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(built, "articles", filepath.Base(name)), string(data))
	}
	mustRun(t, "-C", built, "extract")
	// import: a PO file that translates units of catalogs that have
	// no uk translation yet.
	imp := filepath.Join(tmp, "import-old")
	copyProject(t, base, imp)
	poFile := filepath.Join(tmp, "uk.po")
	withoutUK(t, imp)
	translatablePO(t, imp, poFile)

	cases := []*crashCase{
		{name: "extract", args: []string{"extract"}, old: edited},
		{name: "build", args: []string{"build"}, old: built},
		{name: "import", args: []string{"import", poFile}, old: imp},
	}
	for _, c := range cases {
		ref := filepath.Join(tmp, c.name+"-new")
		copyProject(t, c.old, ref)
		cmd := l10nProcess(t, append([]string{"-C", ref}, c.args...)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		start := time.Now()
		err := cmd.Run()
		c.took = time.Since(start)
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			c.code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if c.code == exitInput {
			t.Fatalf("%s: exit %d: %s", c.name, c.code, stderr.String())
		}
		t.Logf("%s: exit %d: %s", c.name, c.code, lastLine(stderr.String()))
		c.before, c.after = withoutRecords(projectFiles(t, c.old)), withoutRecords(projectFiles(t, ref))
		c.changes = c.changed()
		if len(c.changes) < n/4 {
			t.Fatalf("%s changes %d files of %d articles: too few for the kills to land in the writes", c.name, len(c.changes), n)
		}
		keepsTranslations(t, c)
	}
	return cases
}

// withoutRecords drops the commands' records from a project's files:
// they hold the stamps (times, inodes) of the files a run read and wrote
// and when each record was written, which no two runs share. A record is
// only a shortcut: what a run makes from it is compared, as files.
func withoutRecords(files map[string][]byte) map[string][]byte {
	for rel := range files {
		if strings.HasPrefix(rel, project.CacheDir+string(filepath.Separator)) && strings.HasSuffix(rel, ".rec") {
			delete(files, rel)
		}
	}
	return files
}

// lastLine returns the last line of s.
func lastLine(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return s[strings.LastIndex(s, "\n")+1:]
}

// changed returns the files that a run to the end changes, adds or
// removes.
func (c *crashCase) changed() []string {
	var rels []string
	for rel, data := range c.after {
		if old, ok := c.before[rel]; !ok || !bytes.Equal(old, data) {
			rels = append(rels, rel)
		}
	}
	for rel := range c.before {
		if _, ok := c.after[rel]; !ok {
			rels = append(rels, rel)
		}
	}
	return rels
}

// check checks a project that a kill left: every file is as it was before
// or as it is after a run to the end. It returns the staged files left
// and the number of files still to change.
func (c *crashCase) check(t *testing.T, k int, got map[string][]byte) (temps []string, stale int) {
	t.Helper()
	for rel, data := range got {
		name := filepath.Base(rel)
		if ok, _ := filepath.Match(stage.Pattern, name); ok {
			temps = append(temps, rel)
			continue
		}
		if name == lock.Name && filepath.Dir(rel) == "." {
			continue
		}
		old, inOld := c.before[rel]
		new, inNew := c.after[rel]
		switch {
		case !inOld && !inNew:
			t.Errorf("%s, kill %d: %s is neither an old file nor a new one", c.name, k, rel)
		case !(inOld && bytes.Equal(data, old) || inNew && bytes.Equal(data, new)):
			t.Errorf("%s, kill %d: %s is neither its old version nor its new one (torn)", c.name, k, rel)
		}
	}
	for _, rel := range c.changes {
		data, ok := got[rel]
		old, inOld := c.before[rel]
		if !ok && inOld && c.after[rel] != nil {
			t.Errorf("%s, kill %d: %s is gone", c.name, k, rel)
		}
		if ok == inOld && bytes.Equal(data, old) {
			stale++
		}
	}
	return temps, stale
}

// keepsTranslations checks that every translation of the catalogs before
// the command is in them after it, as it was: then a kill, which leaves
// each catalog old or new, loses none.
func keepsTranslations(t *testing.T, c *crashCase) {
	t.Helper()
	kept := 0
	for rel, data := range c.before {
		if !strings.HasPrefix(rel, "locales"+string(filepath.Separator)) || filepath.Ext(rel) != ".yaml" {
			continue
		}
		before, err := catalog.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", rel, err)
		}
		after, err := catalog.Parse(c.after[rel])
		if err != nil {
			t.Fatalf("%s after %s: %v", rel, c.name, err)
		}
		texts := map[string]string{}
		for _, e := range slices.Concat(after.Entries, after.Obsolete) {
			texts[e.ID] = e.Other
		}
		for _, e := range slices.Concat(before.Entries, before.Obsolete) {
			if e.Other == "" {
				continue
			}
			if texts[e.ID] != e.Other {
				t.Errorf("%s: %s lost the translation of %s: %q, now %q", c.name, rel, e.ID, e.Other, texts[e.ID])
			}
			kept++
		}
	}
	if kept == 0 {
		t.Errorf("%s: no translation in the catalogs to keep", c.name)
	}
}

// ignoredByInit checks with git that the .gitignore l10n init writes
// ignores the staged files that the kills left.
func ignoredByInit(t *testing.T, rels []string) {
	t.Helper()
	if len(rels) == 0 {
		return
	}
	git, err := exec.LookPath("git")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("git is needed to check .gitignore:", err)
		}
		t.Log("no git: the .gitignore check is skipped")
		return
	}
	dir := t.TempDir()
	if code, _, stderr := l10n("-C", dir, "init"); code != 0 {
		t.Fatal(stderr)
	}
	if out, err := exec.Command(git, "-C", dir, "init", "-q").CombinedOutput(); err != nil {
		t.Fatalf("git init: %v: %s", err, out)
	}
	cmd := exec.Command(git, "-C", dir, "check-ignore", "--no-index", "--stdin")
	cmd.Stdin = strings.NewReader(strings.Join(rels, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git check-ignore: %v", err)
	}
	got := strings.Fields(string(out))
	for _, rel := range rels {
		if !slices.Contains(got, rel) {
			t.Errorf("l10n init's .gitignore does not ignore %s, a file a killed run left", rel)
		}
	}
}
