package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/l10n-dev/l10n/internal/golden"
)

// TestHelpGolden compares the help of l10n and of each command, at 80
// columns, with testdata/help/*.golden (go test -update rewrites them):
// printed once, on standard output, no line wider than 80 columns, each
// command's with an example.
func TestHelpGolden(t *testing.T) {
	t.Setenv("COLUMNS", "80")
	pages := [][]string{{"--help"}}
	for _, c := range commands() {
		pages = append(pages, append(strings.Fields(c.name), "--help"))
	}
	for _, args := range pages {
		name := strings.Join(args[:len(args)-1], "-")
		if name == "" {
			name = "l10n"
		}
		t.Run(name, func(t *testing.T) {
			code, out, errOut := l10n(args...)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			for i, l := range strings.Split(out, "\n") {
				if n := utf8.RuneCountInString(l); n > 80 {
					t.Errorf("line %d is %d columns wide: %q", i+1, n, l)
				}
			}
			if strings.Count(out, "Usage") != 1 {
				t.Errorf("the help is not printed once:\n%s", out)
			}
			if name != "l10n" && !regexp.MustCompile(`Examples:\n  .*l10n `).MatchString(out) {
				t.Errorf("no example:\n%s", out)
			}
			golden.Check(t, filepath.Join("testdata", "help", name+".golden"), []byte(out))
		})
	}
	// help COMMAND is COMMAND --help; the same on a narrow terminal
	// wraps narrower.
	_, viaHelp, _ := l10n("help", "build")
	_, viaFlag, _ := l10n("build", "--help")
	if viaHelp != viaFlag {
		t.Errorf("l10n help build differs from l10n build --help")
	}
	t.Setenv("COLUMNS", "50")
	_, narrow, _ := l10n("build", "--help")
	for _, l := range strings.Split(narrow, "\n") {
		if utf8.RuneCountInString(l) > 50 && !strings.HasPrefix(l, "  l10n ") {
			t.Errorf("at 50 columns: %q", l)
		}
	}
}

// TestVersion checks l10n --version and l10n version, and the version
// that build information gives.
func TestVersion(t *testing.T) {
	code, flagOut, errOut := l10n("--version")
	if code != 0 || errOut != "" || !strings.HasPrefix(flagOut, "l10n ") || strings.Count(flagOut, "\n") != 1 {
		t.Errorf("--version: exit %d, %q %q", code, flagOut, errOut)
	}
	code, cmdOut, errOut := l10n("version")
	if code != 0 || errOut != "" || !strings.HasPrefix(cmdOut, strings.TrimSuffix(flagOut, "\n")) {
		t.Errorf("version: exit %d, %q %q", code, cmdOut, errOut)
	}
	for _, tt := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "v1.2.0"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "8a9f165e0c2d4b1f9a7e3c5d6b8a0f1e2d3c4b5a"}, {Key: "vcs.time", Value: "2025-01-31T10:00:00Z"}, {Key: "vcs.modified", Value: "true"}}},
			"(devel) 8a9f165e0c2d 2025-01-31T10:00:00 with local changes"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "(devel)"},
	} {
		if got := versionOf(&tt.bi); got != tt.want {
			t.Errorf("versionOf = %q, want %q", got, tt.want)
		}
	}
}

// TestTypos checks that a mistyped command or flag is named in one line
// on standard error, with the command's name and what was meant, exit 2.
func TestTypos(t *testing.T) {
	root := seedProject(t)
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"stauts"}, `l10n: unknown command "stauts": did you mean "status"?`},
		{[]string{"biuld", "--locale", "uk"}, `l10n: unknown command "biuld": did you mean "build"?`},
		{[]string{"stat"}, `l10n: unknown command "stat": did you mean "status"?`},
		{[]string{"frobnicate"}, `l10n: unknown command "frobnicate" (run 'l10n --help' for the commands)`},
		{[]string{"stauts", "--lokale", "uk"}, `l10n: unknown command "stauts": did you mean "status"?`},
		{[]string{"status", "--lokale", "uk"}, `l10n status: unknown flag --lokale: did you mean --locale?`},
		{[]string{"status", "-locale", "uk"}, `l10n status: unknown flag -locale: did you mean --locale?`},
		{[]string{"check", "--fail-no", "warning"}, `l10n check: unknown flag --fail-no: did you mean --fail-on?`},
		{[]string{"build", "--polcy", "fail"}, `l10n build: unknown flag --polcy: did you mean --policy?`},
		{[]string{"build", "--frobnicate"}, `l10n build: unknown flag --frobnicate (run 'l10n build --help' for the flags)`},
		{[]string{"locale", "ad", "de"}, `l10n locale: unknown command "ad": did you mean "add"?`},
		{[]string{"help", "stauts"}, `l10n: unknown command "stauts": did you mean "status"?`},
		{[]string{"status", "extra"}, `l10n status: unexpected argument "extra"`},
		{[]string{"import"}, `l10n import: missing argument: give a file to import`},
		{[]string{"completion", "bsh"}, `l10n completion: unknown shell bsh: bash, zsh or fish (did you mean bash?)`},
		{[]string{"build", "--policy", "maybe"}, `l10n build: unknown policy "maybe"`},
	}
	for _, tt := range tests {
		code, out, errOut := l10n(append([]string{"-C", root}, tt.args...)...)
		if code != exitInput || out != "" || strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, tt.want) {
			t.Errorf("l10n %s: exit %d, stdout %q, stderr %q; want one line starting %q", strings.Join(tt.args, " "), code, out, errOut, tt.want)
		}
	}
}

// TestFlagsAnywhere checks that flags may follow arguments and the
// command, global ones included.
func TestFlagsAnywhere(t *testing.T) {
	root := seedProject(t)
	if code, _, stderr := l10n("-C", root, "export", "--locale", "uk", "-o", "uk.po"); code != 0 {
		t.Fatal(stderr)
	}
	before := snapshot(t, root)
	code, out, stderr := l10n("import", "uk.po", "--dry-run", "-C", root)
	if code != 0 || !strings.Contains(stderr, "22 units read") || out != "" {
		t.Errorf("import FILE --dry-run -C DIR: exit %d\n%s%s", code, out, stderr)
	}
	if after := snapshot(t, root); len(after) != len(before) {
		t.Error("import --dry-run wrote files")
	}
	if code, out, _ := l10n("status", "--json", "-C", root, "--locale=uk"); code != 0 || !strings.Contains(out, `"locale": "uk"`) || strings.Contains(out, `"locale": "ru"`) {
		t.Errorf("status --json -C DIR --locale=uk: exit %d\n%s", code, out)
	}
}

// TestRootDiscovery runs commands from folders inside a project, as git
// finds its work tree, and outside one.
func TestRootDiscovery(t *testing.T) {
	root := seedProject(t)
	_, want, _ := l10n("-C", root, "status")
	for _, sub := range []string{"articles", filepath.Join("locales", seed)} {
		code, out, stderr := l10n("-C", filepath.Join(root, sub), "status")
		if code != 0 || out != want {
			t.Errorf("status in %s: exit %d\n%s%s", sub, code, out, stderr)
		}
	}
	// From the working folder, as a person types it.
	t.Chdir(filepath.Join(root, "articles"))
	if code, out, stderr := l10n("status"); code != 0 || out != want {
		t.Errorf("status in articles/: exit %d\n%s%s", code, out, stderr)
	}
	// Paths given on the command line are the working folder's.
	if code, _, stderr := l10n("export", "--locale", "uk", "-o", "uk.po"); code != 0 || !strings.Contains(stderr, "uk.po") {
		t.Errorf("export in articles/: exit %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "articles", "uk.po")); err != nil {
		t.Errorf("export -o uk.po in articles/ wrote elsewhere: %v", err)
	}
	outside := t.TempDir()
	t.Chdir(outside)
	code, out, stderr := l10n("build")
	if code != exitInput || out != "" || strings.Count(stderr, "\n") != 1 ||
		!strings.Contains(stderr, "not in an l10n project") || !strings.Contains(stderr, "l10n init") || !strings.Contains(stderr, "-C") {
		t.Errorf("build outside a project: exit %d, %q", code, stderr)
	}
}

// TestYAMLHints breaks a catalog and the glossary the common ways and
// checks that the one-line error names the file, the line and column of
// the mistake, and how to fix it.
func TestYAMLHints(t *testing.T) {
	cat := filepath.Join("locales", seed, "uk.yaml")
	tests := []struct {
		name, file, old, new string
		line                 string // the line the mistake is on
		want                 string
	}{
		{"unquoted colon", cat, "other: 'Автор: [Антон Земляний](#)'", "other: Автор: [Антон Земляний](#)", "  other: Автор: [Антон Земляний](#)",
			":15: unquoted \": \" in a value: a value with \": \" in it must be quoted"},
		{"tab", cat, "  other: 26 листопада 2024 року", "\tother: 26 листопада 2024 року", "\tother: 26 листопада 2024 року",
			":1: a tab in the indentation: YAML indents with spaces only"},
		{"quote never closed", cat, "other: '**Михайло Терещенко / ТАСС**'", "other: '**Михайло Терещенко / ТАСС**", "  other: '**Михайло Терещенко / ТАСС**",
			":10: the quote ' opened here is not closed"},
		{"apostrophe", cat, "other: 26 листопада 2024 року", "other: 'Зв'язані'", "  other: 'Зв'язані'",
			":13: an apostrophe ends the quoted value: inside '…' write it twice"},
		{"hash", cat, "other: 26 листопада 2024 року", "other: #1 листопада", "  other: #1 листопада",
			":10: message \"p-november-26-2024\": other is empty: write other: \"\" (go-i18n rejects an empty key): \"#\" after a space starts a comment: quote the value"},
		{"hash in the glossary", "glossary.yaml", `en: ["ICRC", "International Committee of the Red Cross"]`, `en: [#ICRC, "International Committee of the Red Cross"]`, `    en: [#ICRC, "International Committee of the Red Cross"]`,
			":10: a \"#\" in a list or mapping: \"#\" after a space starts a comment: quote the value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := seedProject(t)
			path := filepath.Join(root, tt.file)
			replaceOnce(t, path, tt.old, tt.new)
			line := 0
			for i, l := range strings.Split(read(t, path), "\n") {
				if l == tt.line {
					line = i + 1
				}
			}
			before := snapshot(t, root)
			code, out, stderr := l10n("-C", root, "check")
			at := fmt.Sprintf("l10n: %s:%d", tt.file, line)
			if code != exitInput || out != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, at+tt.want) {
				t.Errorf("exit %d, stderr %q\nwant one line starting %q", code, stderr, at+tt.want)
			}
			if after := snapshot(t, root); len(after) != len(before) {
				t.Error("files written")
			}
		})
	}
}

// TestStatusFits80 checks that status fits 80 columns for the seed and for
// articles with long slugs, that its total counts articles, and that a
// wide terminal gets one row per article and locale.
func TestStatusFits80(t *testing.T) {
	t.Setenv("COLUMNS", "")
	root := seedProject(t)
	long := "the-international-committee-of-the-red-cross-has-shown-it-is-in-no-hurry-to-fulfil-its-functions"
	write(t, filepath.Join(root, "articles", long+".md"), read(t, filepath.Join(root, "articles", seed+".md")))
	// Without the memory, which would pre-fill every unit of the copy.
	write(t, filepath.Join(root, "l10n.yaml"), "memory: off\n")
	if code, _, stderr := l10n("-C", root, "extract", "-q"); code != 0 {
		t.Fatal(stderr)
	}
	code, out, _ := l10n("-C", root, "status")
	if code != 0 {
		t.Fatal(out)
	}
	for _, l := range strings.Split(out, "\n") {
		if n := utf8.RuneCountInString(l); n > 80 {
			t.Errorf("%d columns: %q", n, l)
		}
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "total: 2 articles ") {
		t.Errorf("total line %q", last)
	}
	if !strings.Contains(out, "\n"+seed+"\n  uk ") || !regexp.MustCompile(`\nthe-international-committee-of-the-red-cross-\S*…\S*-its-functions\n  uk `).MatchString(out) {
		t.Errorf("compact layout:\n%s", out)
	}
	// The words left: the uk and ru catalogs of the new article are
	// empty, 944 English words each.
	if !regexp.MustCompile(`(?m)^  uk .* 944$`).MatchString(out) {
		t.Errorf("no row with 944 words left:\n%s", out)
	}
	t.Setenv("COLUMNS", "200")
	_, wide, _ := l10n("-C", root, "status")
	if !strings.HasPrefix(wide, "ARTICLE ") || !strings.Contains(wide, "MISSING WORDS") || !regexp.MustCompile(seed+` +uk `).MatchString(wide) {
		t.Errorf("wide layout:\n%s", wide)
	}
}

// TestInitAndLocaleAdd starts a project as a new user would: init, an
// article, extract, a locale added, build.
func TestInitAndLocaleAdd(t *testing.T) {
	dir := t.TempDir()
	code, out, stderr := l10n("-C", dir, "init", "--locale", "uk")
	if code != 0 || out != "" || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "a project: l10n.yaml, glossary.yaml, glossary.schema.json, .gitignore, articles/") {
		t.Fatalf("init: exit %d, %q %q", code, out, stderr)
	}
	if code, _, stderr := l10n("-C", dir, "init"); code != 0 || !strings.HasPrefix(stderr, "nothing to do: ") {
		t.Errorf("init again: exit %d, %q", code, stderr)
	}
	write(t, filepath.Join(dir, "articles", seed+".md"), read(t, filepath.Join("..", "..", "articles", seed+".md")))
	if code, _, stderr := l10n("-C", filepath.Join(dir, "articles"), "extract"); code != 0 || !regexp.MustCompile(`^updated 2 catalogs \(en, uk\) of 1 article in \d`).MatchString(stderr) {
		t.Errorf("extract: exit %d, %q", code, stderr)
	}
	code, _, stderr = l10n("-C", dir, "locale", "add", "pt_br")
	if code != 0 || !regexp.MustCompile(`^added pt-BR: 1 catalog of 1 article written, l10n.yaml updated, in \d`).MatchString(stderr) {
		t.Errorf("locale add: exit %d, %q", code, stderr)
	}
	if s := read(t, filepath.Join(dir, "l10n.yaml")); !strings.Contains(s, "locales: [uk, pt-BR]\n") {
		t.Errorf("l10n.yaml:\n%s", s)
	}
	if _, err := os.Stat(filepath.Join(dir, "locales", seed, "pt-BR.yaml")); err != nil {
		t.Error(err)
	}
	if code, _, stderr := l10n("-C", dir, "locale", "add", "pt-BR"); code != 0 || stderr != "nothing to do: pt-BR is a locale of the project already\n" {
		t.Errorf("locale add again: exit %d, %q", code, stderr)
	}
	if code, _, stderr := l10n("-C", dir, "locale", "add", "xx"); code != exitInput || !strings.Contains(stderr, `"xx" is not a locale`) {
		t.Errorf("locale add xx: exit %d, %q", code, stderr)
	}
	if code, _, stderr := l10n("-C", dir, "build", "--locale", "pt-BR"); code != 0 || !strings.Contains(stderr, "built 1 edition (pt-BR)") {
		t.Errorf("build: exit %d, %q", code, stderr)
	}
}

// TestSummaries checks that every writing command ends with one summary
// line on standard error, keeps standard output for data, says "nothing
// to do" when there was nothing, and is silent with -q.
func TestSummaries(t *testing.T) {
	root := seedProject(t)
	po := filepath.Join(root, "uk.po")
	steps := []struct {
		args    []string
		summary string // a regular expression for the last line of stderr
	}{
		{[]string{"extract"}, `^nothing to do: the catalogs of 1 article are up to date$`},
		{[]string{"build"}, `^built 3 editions \(en, uk, ru\) in \S+; 0 missing, 0 stale$`},
		{[]string{"build"}, `^nothing to do: 3 editions up to date$`},
		{[]string{"pseudo"}, `^wrote 1 pseudo-translated catalog \(en-XA\) in \S+$`},
		{[]string{"prune"}, `^nothing to do: no obsolete entries$`},
		{[]string{"export", "--locale", "uk", "-o", po}, `^exported 1 locale \(uk\) as po to ` + regexp.QuoteMeta(po) + ` in \S+$`},
		{[]string{"import", po}, `^22 units read: 22 unchanged; 0 catalog entries updated \(0 of them stale\)$`},
	}
	for _, s := range steps {
		code, out, stderr := l10n(append([]string{"-C", root}, s.args...)...)
		lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
		if code != 0 || out != "" || !regexp.MustCompile(s.summary).MatchString(lines[len(lines)-1]) {
			t.Errorf("l10n %s: exit %d, stdout %q, stderr %q; want the summary %s", strings.Join(s.args, " "), code, out, stderr, s.summary)
		}
		code, out, stderr = l10n(append([]string{"-C", root, "-q"}, s.args...)...)
		if code != 0 || out != "" || stderr != "" {
			t.Errorf("l10n -q %s: exit %d, %q %q", strings.Join(s.args, " "), code, out, stderr)
		}
	}
	// Export to standard output: the file there, the summary beside.
	code, out, stderr := l10n("-C", root, "export", "--locale", "uk", "--format", "po")
	if code != 0 || !strings.HasPrefix(out, "# ") || !regexp.MustCompile(`^exported uk as po to standard output in \S+\n$`).MatchString(stderr) {
		t.Errorf("export to stdout: exit %d, %q", code, stderr)
	}
}

// TestLongListsCapped checks that build --policy fail over many editions
// says a few of them and how many, not every one in a line of its own or
// all in one line.
func TestLongListsCapped(t *testing.T) {
	root := copies(t, 30)
	// What is in out/ before: other commands' records.
	before := map[string]time.Time{}
	_ = filepath.Walk(filepath.Join(root, "out"), func(path string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			before[path] = fi.ModTime()
		}
		return nil
	})
	code, out, stderr := l10n("-C", root, "build", "--policy", "fail")
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if code != exitFindings || out != "" || len(lines) != maxDetails+1 || len(stderr) > 1000 {
		t.Fatalf("exit %d, %d lines, %d bytes:\n%s", code, len(lines), len(stderr), stderr)
	}
	if lines[maxDetails-1] != "… and 56 more incomplete editions (--verbose lists them all)" ||
		lines[maxDetails] != "l10n: editions incomplete (policy fail), nothing written: 60 of 90 editions; 1320 units missing, 0 stale" {
		t.Errorf("stderr:\n%s", stderr)
	}
	_, _, verbose := l10n("-C", root, "build", "--policy", "fail", "--verbose")
	if n := strings.Count(verbose, "\n"); n != 61 {
		t.Errorf("--verbose: %d lines", n)
	}
	_ = filepath.Walk(filepath.Join(root, "out"), func(path string, fi os.FileInfo, err error) error {
		if was, ok := before[path]; err == nil && !fi.IsDir() && (!ok || !was.Equal(fi.ModTime())) {
			t.Errorf("build --policy fail wrote %s", path)
		}
		return nil
	})
}

// TestCompletion checks the completions the shells ask l10n for: the
// commands, the flags, the project's article slugs and locales, found
// from the folder given with -C or from a subfolder.
func TestCompletion(t *testing.T) {
	root := seedProject(t)
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"__complete", "st"}, []string{"status"}},
		{[]string{"__complete", "-C", root, "build", "--article", ""}, []string{seed}},
		{[]string{"__complete", "-C", filepath.Join(root, "locales"), "check", "--article", "ngo"}, []string{seed}},
		{[]string{"__complete", "-C", root, "build", "--locale", ""}, []string{"en", "uk", "ru", "en-XA"}},
		{[]string{"__complete", "-C", root, "status", "--locale", ""}, []string{"uk", "ru"}},
		{[]string{"__complete", "build", "--policy", ""}, []string{"mark", "fail", "ship"}},
		{[]string{"__complete", "check", "--format", ""}, []string{"text", "json", "sarif", "github"}},
		{[]string{"__complete", "completion", ""}, []string{"bash", "zsh", "fish"}},
	}
	for _, tt := range tests {
		code, out, _ := l10n(tt.args...)
		var got []string
		for _, l := range strings.Split(out, "\n") {
			if l != "" && !strings.HasPrefix(l, ":") && !strings.HasPrefix(l, "Completion ended") {
				name, _, _ := strings.Cut(l, "\t")
				got = append(got, name)
			}
		}
		if code != 0 || strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("l10n %s: exit %d, %q, want %q", strings.Join(tt.args, " "), code, got, tt.want)
		}
	}
	code, out, _ := l10n("__complete", "-C", root, "build", "--")
	for _, flag := range []string{"--article", "--locale", "--policy", "--force", "--json", "--quiet", "--verbose"} {
		if code != 0 || !strings.Contains(out, flag+"\t") {
			t.Errorf("build's flags: no %s in\n%s", flag, out)
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish"} {
		code, out, stderr := l10n("completion", shell)
		if code != 0 || stderr != "" || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: exit %d, %d bytes, %q", shell, code, len(out), stderr)
		}
	}
}

// TestBashCompletes loads l10n's bash completion into bash and completes
// an article slug through the built l10n, as a person pressing Tab does.
func TestBashCompletes(t *testing.T) {
	bash, err := exec.LookPath("bash")
	const lib = "/usr/share/bash-completion/bash_completion"
	if _, serr := os.Stat(lib); err != nil || serr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("bash and bash-completion are needed (.ci/run installs them): %v %v", err, serr)
		}
		t.Skip("no bash with bash-completion")
	}
	bin := builtL10n(t)
	_, script, _ := l10n("completion", "bash")
	root := seedProject(t)
	path := filepath.Join(t.TempDir(), "l10n.bash")
	write(t, path, script)
	line := "l10n build --article ngo"
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", `
source `+lib+`
source "$1"
COMP_LINE=$2; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<<"$COMP_LINE"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
__start_l10n l10n "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\n' "${COMPREPLY[@]}"`, "bash", path, line)
	cmd.Dir = filepath.Join(root, "articles")
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	// (Outside a key press, bash's compopt complains on stderr.)
	out, err := cmd.Output()
	if err != nil || strings.TrimSpace(string(out)) != seed {
		t.Errorf("bash completes %q to %q (%v)", line, out, err)
	}
}
