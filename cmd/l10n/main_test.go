package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/l10n-dev/l10n/pipeline/lint"
	"github.com/l10n-dev/l10n/pipeline/project"
	"golang.org/x/net/html"
)

const seed = "ngo-indifference-to-ukrainian-pows"

// seedProject copies the repository's articles, catalogs and glossary into a
// temporary project.
func seedProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"articles", "locales"} {
		copyTree(t, filepath.Join("..", "..", dir), filepath.Join(root, dir))
	}
	for _, name := range []string{"glossary.yaml", "spelling.txt"} {
		data, err := os.ReadFile(filepath.Join("..", "..", name))
		if err == nil {
			write(t, filepath.Join(root, name), string(data))
		}
	}
	return root
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(path string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if fi.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasSuffix(path, "en-XA.yaml") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// l10n runs the CLI and returns its exit code, stdout and stderr.
func l10n(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// snapshot returns every file under root with its content; a file that
// is not a regular file (a named pipe, a symbolic link) with its type.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	m := map[string]string{}
	_ = filepath.Walk(root, func(path string, fi os.FileInfo, err error) error {
		switch {
		case err != nil || fi.IsDir():
		case fi.Mode().IsRegular():
			m[path] = read(t, path)
		default:
			m[path] = fi.Mode().Type().String()
		}
		return nil
	})
	return m
}

func TestBuildSeed(t *testing.T) {
	root := seedProject(t)
	if code, _, stderr := l10n("-C", root, "build", "--locale", "en", "--locale", "uk", "--locale", "ru"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	src := read(t, filepath.Join(root, "articles", seed+".md"))
	if got := read(t, filepath.Join(root, "out", "en", seed+".md")); got != src {
		t.Errorf("the en edition is not the source byte for byte")
	}
	// The two sentences the export broke across paragraphs are one
	// paragraph in the translations, two in the source.
	for _, loc := range []string{"uk", "ru"} {
		md := read(t, filepath.Join(root, "out", loc, seed+".md"))
		paras := strings.Count(strings.TrimSpace(md), "\n\n")
		if want := strings.Count(strings.TrimSpace(src), "\n\n") - 2; paras != want {
			t.Errorf("%s: %d paragraph breaks, want %d (two sentences joined)", loc, paras, want)
		}
		if strings.Contains(md, "[returned]") || strings.Contains(md, "home as a result") {
			t.Errorf("%s: English left in the edition", loc)
		}
	}
}

// sourceLinks returns the link destinations of the seed, in order.
func sourceLinks(t *testing.T, root string) []string {
	t.Helper()
	src := read(t, filepath.Join(root, "articles", seed+".md"))
	var links []string
	for _, m := range regexp.MustCompile(`\]\(([^)]*)\)|<(https?://[^>]+)>`).FindAllStringSubmatch(src, -1) {
		links = append(links, m[1]+m[2])
	}
	return links
}

// TestHTMLEditions checks each HTML edition: well-formed, the right lang,
// a title, a charset, no external requests, every link of the source, and
// no English prose left but the names kept as they are.
func TestHTMLEditions(t *testing.T) {
	root := seedProject(t)
	if code, _, stderr := l10n("-C", root, "build"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	want := sourceLinks(t, root)
	for _, loc := range []string{"uk", "ru"} {
		page := read(t, filepath.Join(root, "out", loc, seed+".html"))
		z := html.NewTokenizer(strings.NewReader(page))
		var stack []string
		var links []string
		var title, lang string
		var latin []string
		inTitle := false
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.StartTagToken:
				if !voidElement(tok.Data) {
					stack = append(stack, tok.Data)
				}
				rel := ""
				for _, a := range tok.Attr {
					if a.Key == "rel" {
						rel = a.Val
					}
				}
				for _, a := range tok.Attr {
					switch {
					case tok.Data == "html" && a.Key == "lang":
						lang = a.Val
					case tok.Data == "a" && a.Key == "href" && slices.Contains(stack, "article"):
						links = append(links, a.Val)
					case tok.Data == "link" && (rel == "alternate" || rel == "canonical"):
						// Names another page; loads nothing.
					case a.Key == "src" || (tok.Data == "link" && a.Key == "href"):
						t.Errorf("%s: external request %s=%q", loc, a.Key, a.Val)
					}
				}
				inTitle = tok.Data == "title"
			case html.EndTagToken:
				if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
					t.Fatalf("%s: not well-formed: </%s> closes %v", loc, tok.Data, stack)
				}
				stack = stack[:len(stack)-1]
				inTitle = false
			case html.TextToken:
				if inTitle {
					title += tok.Data
				}
				if len(stack) > 0 && (stack[len(stack)-1] == "style" || stack[len(stack)-1] == "a" && strings.HasPrefix(tok.Data, "http")) {
					continue
				}
				text := strings.NewReplacer("The Moscow Times", "", "Kremlin Leaks", "").Replace(tok.Data)
				for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
					if isLatin(w) {
						latin = append(latin, w)
					}
				}
			}
		}
		if len(stack) != 0 {
			t.Errorf("%s: unclosed elements %v", loc, stack)
		}
		if lang != loc {
			t.Errorf("%s: <html lang=%q>", loc, lang)
		}
		if !strings.Contains(page, `<meta charset="utf-8">`) {
			t.Errorf("%s: no charset", loc)
		}
		if strings.TrimSpace(title) == "" || isLatin(strings.Fields(title)[0]) {
			t.Errorf("%s: title %q", loc, title)
		}
		if strings.Join(links, " ") != strings.Join(want, " ") {
			t.Errorf("%s: links %q, want %q", loc, links, want)
		}
		if len(latin) > 0 {
			t.Errorf("%s: English words left: %q", loc, latin)
		}
		if strings.Contains(page, "@import") || strings.Contains(page, "url(") {
			t.Errorf("%s: the stylesheet makes requests", loc)
		}
	}
}

func voidElement(tag string) bool {
	switch tag {
	case "meta", "br", "hr", "img", "link", "input":
		return true
	}
	return false
}

func isLatin(w string) bool {
	for _, r := range w {
		if unicode.Is(unicode.Latin, r) {
			return true
		}
	}
	return false
}

func TestExtractIsStable(t *testing.T) {
	root := seedProject(t)
	before := snapshot(t, root)
	if code, _, stderr := l10n("-C", root, "extract"); code != 0 {
		t.Fatalf("extract: exit %d: %s", code, stderr)
	}
	after := snapshot(t, root)
	for path, data := range before {
		if after[path] != data {
			t.Errorf("extract changed %s", path)
		}
	}
}

// TestBadInput feeds broken input: each gives exit 2, one line naming the
// file (and line), and leaves every file as it was.
func TestBadInput(t *testing.T) {
	cat := filepath.Join("locales", seed, "uk.yaml")
	tests := []struct {
		name   string
		break_ func(t *testing.T, root string)
		args   []string
		want   string
	}{
		{"malformed yaml", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			write(t, p, strings.Replace(read(t, p), "  other: ", "  other: [", 1))
		}, []string{"extract"}, cat + ":"},
		{"unknown key", func(t *testing.T, root string) {
			p := filepath.Join(root, cat)
			write(t, p, strings.Replace(read(t, p), "  hash: ", "  comment: x\n  hash: ", 1))
		}, []string{"build"}, cat + ":10: message \"h1-ngo-indifference-to\": unknown key \"comment\""},
		{"invalid utf-8 article", func(t *testing.T, root string) {
			p := filepath.Join(root, "articles", seed+".md")
			write(t, p, strings.Replace(read(t, p), "Akhmat", "Akh\xffmat", 1))
		}, []string{"extract"}, filepath.Join("articles", seed+".md") + ":11: invalid UTF-8"},
		{"extract a deleted article", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "locales", "gone", "uk.yaml"), "x:\n  other: y\n")
		}, []string{"extract", "--article", "gone"}, filepath.Join("articles", "gone.md") + ": no such article; its catalogs are in " + filepath.Join("locales", "gone")},
		{"locale under a variant name", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "l10n.yaml"), "locales: [uk-ua, ru]\n")
		}, []string{"extract"}, filepath.Join("locales", seed, "uk.yaml") + ": the catalog is named uk, but the locale is uk-UA"},
		{"prune a variant of a locale", nil, []string{"prune", "--locale", "uk_UA"}, "locale uk-UA has no catalogs and is not one of the project's locales (uk, ru), but uk is: use uk"},
		{"extract a variant of a locale", nil, []string{"extract", "--locale", "UK-ua"}, "locale uk-UA has no catalogs"},
		{"pseudo over a translation", nil, []string{"pseudo", "--locale", "uk"}, filepath.Join("locales", seed, "uk.yaml") + ":9: h1-ngo-indifference-to holds a translation"},
		{"pseudo of the source", nil, []string{"pseudo", "--locale", "EN"}, "en is the source locale"},
		{"bad placeable pattern", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "l10n.yaml"), "locales: [uk, ru]\nplaceables:\n  - '%[a-z]+%'\n  - '(unclosed'\n")
		}, []string{"extract"}, "l10n.yaml:4: placeables: error parsing regexp: missing closing )"},
		{"placeable pattern matching nothing", func(t *testing.T, root string) {
			write(t, filepath.Join(root, "l10n.yaml"), "placeables:\n  - 'x*'\n")
		}, []string{"build"}, `l10n.yaml:2: placeables: "x*" matches empty text`},
		{"unknown locale", nil, []string{"build", "--locale", "../x"}, `"../x" is not a locale`},
		{"unknown article", nil, []string{"build", "--article", "nope"}, filepath.Join("articles", "nope.md") + ": no such article"},
		{"bad policy", nil, []string{"build", "--policy", "maybe"}, `unknown policy "maybe"`},
		{"unknown command", nil, []string{"frobnicate"}, `unknown command "frobnicate"`},
		{"no project", nil, []string{"-C", "/nonexistent/dir", "build"}, "/nonexistent/dir: no such project folder"},
		{"article escapes", func(t *testing.T, root string) {
			if err := os.Symlink("/etc/hostname", filepath.Join(root, "articles", "evil.md")); err != nil {
				t.Skip(err)
			}
		}, []string{"extract"}, "resolves outside the project root"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			root := seedProject(t)
			if tc.break_ != nil {
				tc.break_(t, root)
			}
			refused(t, root, tc.args, tc.want)
		})
	}
}

// refused runs the CLI in the project at root (unless args start with
// -C) and wants exit 2, one line on stderr with want in it, nothing on
// stdout, and every file as it was.
func refused(t *testing.T, root string, args []string, want string) {
	t.Helper()
	before := snapshot(t, root)
	if args[0] != "-C" {
		args = append([]string{"-C", root}, args...)
	}
	code, stdout, stderr := l10n(args...)
	if code != 2 {
		t.Errorf("exit %d, want 2 (stderr %q)", code, stderr)
	}
	if strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, want) {
		t.Errorf("stderr %q, want one line with %q", stderr, want)
	}
	if stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
	after := snapshot(t, root)
	if len(after) != len(before) {
		t.Errorf("files written: %d before, %d after", len(before), len(after))
	}
	for p, d := range before {
		if after[p] != d {
			t.Errorf("%s changed", p)
		}
	}
}

func TestHelp(t *testing.T) {
	code, out, _ := l10n("--help")
	if code != 0 || !strings.Contains(out, "Commands:") {
		t.Fatalf("l10n --help: exit %d, %q", code, out)
	}
	for _, c := range commands() {
		code, out, errOut := l10n(append(strings.Fields(c.name), "--help")...)
		if code != 0 || !strings.Contains(out, "Usage: l10n "+c.name) || errOut != "" {
			t.Errorf("l10n %s --help: exit %d, stdout %q, stderr %q", c.name, code, out, errOut)
		}
	}
}

// TestTranslatorMarkup checks that HTML a translator types is shown, not
// run, while the source's own raw HTML passes through.
func TestTranslatorMarkup(t *testing.T) {
	root := seedProject(t)
	write(t, filepath.Join(root, "articles", "x.md"), "# Title\n\nSome <kbd>Ctrl</kbd> text [link](https://example.com).\n")
	if code, _, stderr := l10n("-C", root, "extract", "--article", "x"); code != 0 {
		t.Fatal(stderr)
	}
	p := filepath.Join(root, "locales", "x", "uk.yaml")
	c := read(t, p)
	c = strings.Replace(c, `other: ""`, `other: "Заголовок<script>alert(1)</script>"`, 1)
	c = strings.Replace(c, `other: ""`, `other: "Текст <kbd>Ctrl</kbd> <img src=x onerror=alert(1)> [посилання](javascript&colon;alert(1))."`, 1)
	write(t, p, c)
	code, _, stderr := l10n("-C", root, "build", "--article", "x", "--locale", "uk")
	if code != 0 {
		t.Fatal(stderr)
	}
	want := "l10n: warning: " + filepath.Join("locales", "x", "uk.yaml") + `: p-some-kbd-ctrl: unsafe URL scheme "javascript" in link to "javascript&colon;alert(1)": replaced by #` + "\n"
	if summary := regexp.MustCompile(`^built 1 edition \(uk\) in \d+(ms|\.\ds); 0 missing, 0 stale\n$`); !strings.HasPrefix(stderr, want) || !summary.MatchString(strings.TrimPrefix(stderr, want)) {
		t.Errorf("build's stderr:\n%s\nwant\n%sand the summary", stderr, want)
	}
	// A build that did nothing does not repeat the warnings of the
	// editions it left as they were; --verbose does.
	if _, _, stderr := l10n("-C", root, "build", "--article", "x", "--locale", "uk"); stderr != "nothing to do: 1 edition up to date\n" {
		t.Errorf("second build's stderr:\n%s", stderr)
	}
	if _, _, stderr := l10n("-C", root, "build", "--article", "x", "--locale", "uk", "--verbose"); stderr != want+"nothing to do: 1 edition up to date\n" {
		t.Errorf("build --verbose's stderr:\n%s\nwant\n%s", stderr, want)
	}
	if code, out, _ := l10n("-C", root, "check", "--article", "x", "--locale", "uk"); code != 1 ||
		!strings.Contains(out, `: error: [markup] p-some-kbd-ctrl: unsafe URL scheme "javascript" in link to "javascript&colon;alert(1)"`) {
		t.Errorf("check: exit %d\n%s", code, out)
	}
	page := read(t, filepath.Join(root, "out", "uk", "x.html"))
	for _, bad := range []string{"<script>alert", "<img src=x", "javascript:", `href="javascript`} {
		if strings.Contains(page, bad) {
			t.Errorf("translator markup %q is live in the page", bad)
		}
	}
	if !strings.Contains(page, "<kbd>Ctrl</kbd>") {
		t.Errorf("the source's own <kbd> did not pass through")
	}
	if !strings.Contains(page, "<title>Заголовок&lt;script&gt;") {
		t.Errorf("title not escaped: %s", page[:300])
	}
}

// TestSeedEditionsShip checks the seed's editions are ready: every unit
// translated and current, and check finds nothing, warnings included.
func TestSeedEditionsShip(t *testing.T) {
	root := seedProject(t)
	if code, out, stderr := l10n("-C", root, "status", "--strict"); code != 0 {
		t.Errorf("status --strict: exit %d\n%s%s", code, out, stderr)
	}
	if code, out, stderr := l10n("-C", root, "check", "--fail-on", "warning"); code != 0 || out != "" {
		t.Errorf("check --fail-on warning: exit %d\n%s%s", code, out, stderr)
	}
}

// TestCheckStreams checks that the findings check prints as it goes are
// the report's findings, in text and as one JSON array.
func TestCheckStreams(t *testing.T) {
	root := filepath.Join("..", "..", "pipeline", "pipelinetest", "testdata", "check-broken")
	p, err := project.Open(root)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := lint.Run(p, lint.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) < 5 {
		t.Fatalf("only %d findings", len(rep.Findings))
	}
	want, _ := json.MarshalIndent(rep.Findings, "", "  ")
	code, out, _ := l10n("-C", root, "check", "--json")
	if code != 1 || out != string(want)+"\n" {
		t.Errorf("check --json: exit %d\n%s\nwant\n%s", code, out, want)
	}
	var text strings.Builder
	_ = rep.WriteText(&text)
	if code, out, _ := l10n("-C", root, "check"); code != 1 || out != text.String() {
		t.Errorf("check: exit %d\n%s\nwant\n%s", code, out, text.String())
	}
}

// TestPseudoHelp: pseudo's help names the pseudo-locale and says what it
// refuses; it does not invite a target locale.
func TestPseudoHelp(t *testing.T) {
	code, out, _ := l10n("pseudo", "--help")
	if code != 0 || !strings.Contains(out, "en-XA") || !strings.Contains(out, "refused") || strings.Contains(out, "target") || strings.Contains(out, "the project's") {
		t.Errorf("pseudo --help: exit %d\n%s", code, out)
	}
}

// TestRetractedAndRenamed: with the seed deleted, the other article's
// commands run (exit 0), each says once what is left, build removes the
// seed's editions; l10n mv takes an article and its catalogs to a new
// name, quietly.
func TestRetractedAndRenamed(t *testing.T) {
	root := seedProject(t)
	write(t, filepath.Join(root, "articles", "other.md"), "# Other story\n\nA paragraph.\n")
	for _, args := range [][]string{{"extract"}, {"build", "--policy", "ship"}} {
		if code, _, stderr := l10n(append([]string{"-C", root}, args...)...); code != 0 || strings.Contains(stderr, "warning") {
			t.Fatalf("%s: exit %d: %s", args[0], code, stderr)
		}
	}
	if err := os.Remove(filepath.Join(root, "articles", seed+".md")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"extract", "--article", "other"}, {"extract"}, {"status"}, {"build", "--policy", "ship"}} {
		code, _, stderr := l10n(append([]string{"-C", root}, args...)...)
		want := "l10n: warning: " + filepath.Join("locales", seed) + ": " + filepath.Join("articles", seed+".md") + " is gone; its catalogs are kept, as obsolete, until l10n prune (renamed? l10n mv " + seed + " NEW takes them along)\n"
		// The warning comes before the summary line of a writing
		// command, once.
		if code != 0 || !strings.Contains(stderr, want) || strings.Count(stderr, "warning") != 1 {
			t.Errorf("%s: exit %d, stderr %q, want it to hold %q", strings.Join(args, " "), code, stderr, want)
		}
	}
	// check reports the other article's missing units, not an error.
	if code, stdout, _ := l10n("-C", root, "check"); code != 1 || !strings.Contains(stdout, "other") {
		t.Errorf("check: exit %d\n%s", code, stdout)
	}
	for _, loc := range []string{"uk", "ru"} {
		if _, err := os.Stat(filepath.Join(root, "out", loc, seed+".html")); err == nil {
			t.Errorf("the retracted article's %s edition is still in out/", loc)
		}
		if _, err := os.Stat(filepath.Join(root, "out", loc, "other.html")); err != nil {
			t.Errorf("the other article's %s edition: %v", loc, err)
		}
	}
	// Renamed with git mv before it was deleted: l10n mv brings the
	// catalogs.
	write(t, filepath.Join(root, "articles", "pows.md"), read(t, filepath.Join("..", "..", "articles", seed+".md")))
	if code, stdout, stderr := l10n("-C", root, "mv", seed, "pows"); code != 0 || stdout != "" || stderr != "moved "+seed+" to pows: "+filepath.Join("locales", seed)+" → "+filepath.Join("locales", "pows")+"\n" {
		t.Fatalf("mv: exit %d: %q %q", code, stdout, stderr)
	}
	if code, stdout, stderr := l10n("-C", root, "status", "--strict", "--article", "pows"); code != 0 || stderr != "" || !strings.Contains(stdout, "pows") {
		t.Errorf("status of the moved article: exit %d\n%s%s", code, stdout, stderr)
	}
	for _, args := range [][]string{{"mv", "pows"}, {"mv", "pows", "other"}, {"mv", "nope", "x"}} {
		if code, _, stderr := l10n(append([]string{"-C", root}, args...)...); code != 2 || strings.Count(stderr, "\n") != 1 {
			t.Errorf("%s: exit %d, stderr %q", strings.Join(args, " "), code, stderr)
		}
	}
}

// TestBuildSummary checks build's lines on stderr: with --verbose one per
// edition it built, else one per edition with units left; then the
// summary line, "nothing to do" when every edition was up to date, and
// nothing with -q.
func TestBuildSummary(t *testing.T) {
	root := seedProject(t)
	cat := filepath.Join(root, "locales", seed, "uk.yaml")
	s := read(t, cat)
	s = regexp.MustCompile(`(?m)^(p-the-views-expressed:\n  hash: \S+\n  other: ).*`).ReplaceAllString(s, "${1}''")
	s = regexp.MustCompile(`(?m)^(p-original-url:\n  hash: \S+\n  other: ).*`).ReplaceAllString(s, "${1}''")
	s = regexp.MustCompile(`(?m)^(p-the-tied-hands:\n  hash: sha1-)\w+`).ReplaceAllString(s, "${1}0123456789012345678901234567890123456789")
	write(t, cat, s)
	code, stdout, stderr := l10n("-C", root, "build", "--article", seed, "--verbose")
	if code != 0 || stdout != "" {
		t.Fatalf("build: exit %d: %s%s", code, stdout, stderr)
	}
	ed := func(loc string) string { return filepath.Join("out", loc, seed+".md") }
	want := ed("en") + ": the source, 22 units\n" +
		ed("uk") + ": 2 of 22 units in English, 1 out of date\n" +
		ed("ru") + ": all 22 units translated\n"
	summary := regexp.MustCompile(`^built 3 editions \(en, uk, ru\) in \d+(ms|\.\ds); 2 missing, 1 stale\n$`)
	if !strings.HasPrefix(stderr, want) || !summary.MatchString(strings.TrimPrefix(stderr, want)) {
		t.Errorf("build --verbose said\n%s\nwant\n%sand the summary", stderr, want)
	}
	// Without --verbose: the editions with units left, and the summary.
	write(t, cat, s+"\n")
	code, _, stderr = l10n("-C", root, "build", "--article", seed)
	want = ed("uk") + ": 2 of 22 units in English, 1 out of date\n"
	summary = regexp.MustCompile(`^built 1 edition \(uk\) in \d+(ms|\.\ds); 2 missing, 1 stale; 2 up to date\n$`)
	if code != 0 || !strings.HasPrefix(stderr, want) || !summary.MatchString(strings.TrimPrefix(stderr, want)) {
		t.Errorf("build said\n%s\nwant\n%sand the summary", stderr, want)
	}
	if code, stdout, stderr := l10n("-C", root, "build", "--article", seed); code != 0 || stdout+stderr != "nothing to do: 3 editions up to date\n" {
		t.Errorf("second build: exit %d, said %q", code, stdout+stderr)
	}
	if code, stdout, stderr := l10n("-C", root, "build", "--article", seed, "-q"); code != 0 || stdout+stderr != "" {
		t.Errorf("build -q: exit %d, said %q", code, stdout+stderr)
	}
}
