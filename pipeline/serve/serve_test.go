package serve

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/l10n-dev/l10n/internal/lock"
	"github.com/l10n-dev/l10n/pipeline/catalog"
	"github.com/l10n-dev/l10n/pipeline/extract"
	projmemory "github.com/l10n-dev/l10n/pipeline/memory"
	"github.com/l10n-dev/l10n/pipeline/project"
	"github.com/l10n-dev/l10n/pipeline/status"
)

// request sends a request to the test server and returns the answer's
// status and body.
func request(t *testing.T, ts *httptest.Server, method, path, contentType, body string, header map[string]string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, string(data), res.Header
}

// saveJSON saves a unit as the page's script does.
func saveJSON(t *testing.T, s *Server, ts *httptest.Server, loc string, req saveRequest) (int, saveResult) {
	t.Helper()
	body, _ := json.Marshal(req)
	code, out, _ := request(t, ts, "POST", "/save/"+seed+"/"+loc, "application/json", string(body), map[string]string{"X-L10n-Token": s.Token()})
	var res saveResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("save answered %d %q: %v", code, out, err)
	}
	return code, res
}

// loaded is a unit as an editor page loaded it: what a save sends back.
func loaded(t *testing.T, s *Server, loc, id string) saveRequest {
	t.Helper()
	page, err := s.editorData(interfaceLanguage(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)), seed, loc)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range page.Units {
		if u.ID == id {
			return saveRequest{Unit: id, Text: u.Text, Base: u.Text, BaseHash: u.Hash, Source: u.SourceHash}
		}
	}
	t.Fatalf("no unit %s in the editor", id)
	return saveRequest{}
}

// TestSaveWritesOnlyTheUnit saves a unit of the seed's catalog: saving
// its text unchanged leaves every byte of the file as it was; a new text
// changes that entry's value and nothing else (comments, notes, header,
// other entries, quoting).
func TestSaveWritesOnlyTheUnit(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	path := catalogFile(p, "uk")
	before := readFile(t, path)

	req := loaded(t, s, "uk", "p-in-total-about")
	if code, res := saveJSON(t, s, ts, "uk", req); code != 200 || !res.Saved {
		t.Fatalf("save of the same text: %d %+v", code, res)
	}
	if got := readFile(t, path); got != before {
		t.Fatalf("saving a unit's own text changed the catalog:\n%s", got)
	}

	req.Text = strings.Replace(req.Text, "3\u00a0767", "3\u00a0768", 1)
	code, res := saveJSON(t, s, ts, "uk", req)
	if code != 200 || !res.Saved || res.State != stateTranslated {
		t.Fatalf("save: %d %+v", code, res)
	}
	after := readFile(t, path)
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	if len(bl) != len(al) {
		t.Fatalf("the catalog went from %d to %d lines", len(bl), len(al))
	}
	var changed []string
	for i := range bl {
		if bl[i] != al[i] {
			changed = append(changed, al[i])
		}
	}
	if len(changed) != 1 || !strings.Contains(changed[0], "3\u00a0768") || !strings.HasPrefix(changed[0], "  other: ") {
		t.Fatalf("changed lines %q, want the one other: line with 3 768", changed)
	}
	// The numbers check sees the changed figure.
	if !hasCheck(res.Findings, "numbers") {
		t.Errorf("findings after the save %+v, want a numbers finding for 3 768", res.Findings)
	}
	// l10n check and go-i18n read the file as before.
	if _, err := catalog.Parse([]byte(after)); err != nil {
		t.Fatal(err)
	}
}

func hasCheck(fs []findingView, check string) bool {
	for _, f := range fs {
		if f.Check == check {
			return true
		}
	}
	return false
}

// TestSaveConflict changes a unit on disk after the page loaded it (a
// second translator, a git pull): the save is refused with both texts
// and nothing is written; the save of another unit, loaded at the same
// time, lands on top of the change on disk; so do two browsers' saves of
// two units.
func TestSaveConflict(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	path := catalogFile(p, "uk")
	mine := loaded(t, s, "uk", "p-november-26-2024")
	other := loaded(t, s, "uk", "p-by-anton-zemlianyi")
	third := loaded(t, s, "uk", "p-original-url")

	// Another translator's edit of the same unit, on disk.
	disk := strings.Replace(readFile(t, path), "other: 26 листопада 2024 року", "other: 26 листопада 2024 р.", 1)
	writeFile(t, path, []byte(disk))

	mine.Text = "26 листопада 2024-го"
	code, res := saveJSON(t, s, ts, "uk", mine)
	if code != http.StatusConflict || res.Saved || !res.Conflict || res.Disk != "26 листопада 2024 р." || res.Text != mine.Text {
		t.Fatalf("conflicting save: %d %+v", code, res)
	}
	if readFile(t, path) != disk {
		t.Fatal("a refused save wrote the catalog")
	}

	// Two other units, saved from pages loaded before the change.
	other.Text = "Автор: [Антон Земляний](#) (Київ)"
	if code, res := saveJSON(t, s, ts, "uk", other); code != 200 || !res.Saved {
		t.Fatalf("save of another unit: %d %+v", code, res)
	}
	third.Text = third.Text + " "
	third.Text = strings.TrimSpace(third.Text) + "."
	if code, res := saveJSON(t, s, ts, "uk", third); code != 200 || !res.Saved {
		t.Fatalf("second browser's save: %d %+v", code, res)
	}
	got := readFile(t, path)
	for _, want := range []string{"26 листопада 2024 р.", "(Київ)", third.Text} {
		if !strings.Contains(got, want) {
			t.Errorf("catalog lacks %q after the saves", want)
		}
	}

	// Keeping mine is a save against what is on disk now.
	mine.Base, mine.BaseHash = res.Disk, res.DiskHash
	if code, res := saveJSON(t, s, ts, "uk", mine); code != 200 || !res.Saved {
		t.Fatalf("save after the conflict: %d %+v", code, res)
	}
	if !strings.Contains(readFile(t, path), "other: 26 листопада 2024-го") {
		t.Error("the translator's text is not in the catalog")
	}
}

// TestSaveConflictWithoutScript posts the unit's form as a browser
// without JavaScript does: a save redirects to the unit; a refused one is
// a page (409) with both texts, escaped, and a form to keep mine.
func TestSaveConflictWithoutScript(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	path := catalogFile(p, "uk")
	u := loaded(t, s, "uk", "p-november-26-2024")
	form := url.Values{"token": {s.Token()}, "unit": {u.Unit}, "text": {"26 листопада <b>2024</b>"},
		"base": {u.Base}, "base_hash": {u.BaseHash}, "source": {u.Source}}
	writeFile(t, path, []byte(strings.Replace(readFile(t, path), "other: 26 листопада 2024 року", "other: 26.11.2024", 1)))
	ts.Client().CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	code, page, _ := request(t, ts, "POST", "/save/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if code != http.StatusConflict || !strings.Contains(page, "26.11.2024") || !strings.Contains(page, "26 листопада &lt;b&gt;2024&lt;/b&gt;") {
		t.Fatalf("conflict page %d:\n%s", code, page)
	}
	form.Set("base", "26.11.2024")
	code, _, h := request(t, ts, "POST", "/save/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if code != http.StatusSeeOther || h.Get("Location") != "/edit/"+seed+"/uk#u-p-november-26-2024" {
		t.Fatalf("save: %d to %q", code, h.Get("Location"))
	}
	if !strings.Contains(readFile(t, path), "26 листопада <b>2024</b>") {
		t.Error("the text is not in the catalog")
	}
}

// TestStaleUnit edits the English of a translated paragraph and extracts:
// the editor shows the unit stale with a word diff of the English; a save
// keeps it stale unless the translator confirms it, which l10n status
// then counts as translated; a second tab's save of the unit loaded
// stale, after it was confirmed, is refused.
func TestStaleUnit(t *testing.T) {
	p := seedProject(t)
	art := filepath.Join(p.Root, project.ArticlePath(seed))
	writeFile(t, art, []byte(strings.Replace(readFile(t, art), "about 3,767 Ukrainian", "about 3,800 Ukrainian", 1)))
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	s, ts := startServer(t, p)
	page, err := s.editorData(interfaceLanguage(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)), seed, "uk")
	if err != nil {
		t.Fatal(err)
	}
	var v unitView
	for _, u := range page.Units {
		if u.ID == "p-in-total-about" {
			v = u
		}
	}
	if v.State != stateStale {
		t.Fatalf("state %q, want stale", v.State)
	}
	var del, ins []string
	for _, d := range v.Diff {
		switch d.Op {
		case "del":
			del = append(del, d.Text)
		case "ins":
			ins = append(ins, d.Text)
		}
	}
	if strings.Join(del, "|") != "3,767" || strings.Join(ins, "|") != "3,800" {
		t.Errorf("diff deletes %q and inserts %q, want 3,767 → 3,800", del, ins)
	}

	req := saveRequest{Unit: v.ID, Text: strings.Replace(v.Text, "3\u00a0767", "3\u00a0800", 1), Base: v.Text, BaseHash: v.Hash, Source: v.SourceHash}
	code, res := saveJSON(t, s, ts, "uk", req)
	if code != 200 || res.State != stateStale {
		t.Fatalf("save without confirming: %d %+v", code, res)
	}
	req.Base, req.BaseHash = res.Text, res.Hash
	// A second tab loads the unit as saved: stale, of the old English.
	tab := req
	req.Confirm = true
	if code, res = saveJSON(t, s, ts, "uk", req); code != 200 || res.State != stateTranslated {
		t.Fatalf("save confirming: %d %+v", code, res)
	}
	// The tab's save comes after the unit was confirmed against the new
	// English. The text on disk is the text the tab loaded, but the unit
	// is not as it was: the save is refused, where it would have put an
	// edit made against the old English into a unit confirmed against
	// the new.
	tab.Text = strings.Replace(tab.Text, "3\u00a0800", "3\u00a0801", 1)
	if code, res := saveJSON(t, s, ts, "uk", tab); code != http.StatusConflict || !res.Conflict || res.Saved {
		t.Errorf("the second tab's save after the confirmation: %d %+v", code, res)
	}
	if strings.Contains(readFile(t, catalogFile(p, "uk")), "#| en:") {
		t.Error("the confirmed entry keeps its previous English")
	}
	rows, err := status.Run(p, project.Selection{Locales: []string{"uk"}})
	if err != nil {
		t.Fatal(err)
	}
	if rows[0].Stale != 0 || rows[0].Translated != rows[0].Units {
		t.Errorf("status after confirming: %+v", rows[0])
	}
}

// TestSaveEmptiedStaleUnit: a stale unit whose translation someone
// emptied on disk is missing in the editor, which shows the new English;
// the translation saved for it is of the new English, so the unit is
// translated, not stale, without the translator confirming it. No test
// failed with the save's reset of a missing unit's hash taken out.
func TestSaveEmptiedStaleUnit(t *testing.T) {
	const id = "p-in-total-about"
	p := seedProject(t)
	art := filepath.Join(p.Root, project.ArticlePath(seed))
	writeFile(t, art, []byte(strings.Replace(readFile(t, art), "about 3,767 Ukrainian", "about 3,800 Ukrainian", 1)))
	if _, err := extract.Run(p, extract.Options{}); err != nil {
		t.Fatal(err)
	}
	path := catalogFile(p, "uk")
	data := readFile(t, path)
	if !strings.Contains(data, "#| en:") {
		t.Fatal("the edited unit is not stale")
	}
	emptied := regexp.MustCompile(`(?m)^(`+id+`:\n  hash: .*\n)  other: .*$`).ReplaceAllString(data, `${1}  other: ""`)
	if emptied == data {
		t.Fatalf("no translation of %s to empty", id)
	}
	writeFile(t, path, []byte(emptied))
	s, ts := startServer(t, p)
	req := loaded(t, s, "uk", id)
	req.Text = "Загалом додому повернули близько 3 800 українців."
	code, res := saveJSON(t, s, ts, "uk", req)
	if code != 200 || !res.Saved || res.State != stateTranslated {
		t.Fatalf("save of the emptied stale unit: %d %+v, want saved and translated", code, res)
	}
	if strings.Contains(readFile(t, path), "#| en:") {
		t.Error("the saved unit keeps its previous English")
	}
}

// TestCheckAPI checks a unit's text as the translator types: a dropped
// figure and a dropped link are findings of l10n check's numbers and
// markup checks; the text fixed has none.
func TestCheckAPI(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	u := loaded(t, s, "uk", "p-in-total-about")
	check := func(text string) []findingView {
		body, _ := json.Marshal(checkRequest{Unit: u.Unit, Text: text})
		code, out, _ := request(t, ts, "POST", "/api/check/"+seed+"/uk", "application/json", string(body), map[string]string{"X-L10n-Token": s.Token()})
		if code != 200 {
			t.Fatalf("check: %d %s", code, out)
		}
		var res struct{ Findings []findingView }
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatal(err)
		}
		return res.Findings
	}
	if f := check(u.Text); len(f) != 0 {
		t.Errorf("the seed's translation has findings %+v", f)
	}
	broken := strings.Replace(strings.Replace(u.Text, "3\u00a0767", "3\u00a0700", 1), "[даними](#)", "даними", 1)
	f := check(broken)
	if !hasCheck(f, "numbers") || !hasCheck(f, "markup") {
		t.Errorf("findings %+v, want numbers and markup", f)
	}
	if f := check(""); !hasCheck(f, "missing") {
		t.Errorf("an empty text: %+v, want missing", f)
	}

	// Spelling, through the server's hunspell; the editor shows it too.
	if _, err := exec.LookPath("hunspell"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("hunspell is not installed")
		}
		t.Skip("hunspell is not installed")
	}
	misspelt := strings.Replace(u.Text, "Загалом", "Загаломм", 1)
	if f := check(misspelt); !hasCheck(f, "spelling") {
		t.Errorf("findings %+v, want spelling for Загаломм", f)
	}
	path := catalogFile(p, "uk")
	writeFile(t, path, []byte(strings.Replace(readFile(t, path), "Загалом", "Загаломм", 1)))
	page, err := s.editorData(interfaceLanguage(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)), seed, "uk")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range page.Units {
		if v.ID == u.Unit && !hasCheck(v.Findings, "spelling") {
			t.Errorf("the editor shows %+v for the misspelt unit", v.Findings)
		}
	}
}

// TestDashboard lists every article in every locale with status's counts,
// sorted by the column asked for.
func TestDashboard(t *testing.T) {
	p := seedProject(t)
	// A second article: the seed again, its Russian catalog emptied.
	for _, rel := range []string{project.ArticlePath(seed), project.CatalogPath(seed, "en"), project.CatalogPath(seed, "uk"), project.CatalogPath(seed, "ru")} {
		data := readFile(t, filepath.Join(p.Root, rel))
		if strings.HasSuffix(rel, "ru.yaml") {
			data = regexp.MustCompile(`(?m)^  other: .*$`).ReplaceAllString(data, `  other: ""`)
		}
		writeFile(t, filepath.Join(p.Root, strings.Replace(rel, seed, "a-copy", 1)), []byte(data))
	}
	_, ts := startServer(t, p)
	code, page, h := request(t, ts, "GET", "/?sort=missing&desc=1", "", "", map[string]string{"Accept-Language": "en"})
	if code != 200 {
		t.Fatalf("dashboard: %d %s", code, page)
	}
	rows := regexp.MustCompile(`<tr data-article="([^"]+)" data-locale="([^"]+)">`).FindAllStringSubmatch(page, -1)
	if len(rows) != 4 || rows[0][1] != "a-copy" || rows[0][2] != "ru" {
		t.Fatalf("rows %v, want 4 with a-copy/ru first (most missing)", rows)
	}
	if !strings.Contains(page, `href="/edit/a-copy/ru"`) {
		t.Error("no link into the editor")
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("policy %q", csp)
	}

	// A catalog changed on disk is counted again.
	uk := filepath.Join(p.Root, project.CatalogPath("a-copy", "uk"))
	writeFile(t, uk, []byte(regexp.MustCompile(`(?m)^  other: .*$`).ReplaceAllString(readFile(t, uk), `  other: ""`)))
	_, page, _ = request(t, ts, "GET", "/?sort=missing&desc=1", "", "", nil)
	rows = regexp.MustCompile(`<tr data-article="([^"]+)" data-locale="([^"]+)">\n<th[^\n]*\n<td>[^\n]*\n<td class="num">(\d+)</td>\n<td class="num">(\d+)</td>`).FindAllStringSubmatch(page, -1)
	if len(rows) != 4 || rows[0][1] != "a-copy" || rows[1][1] != "a-copy" || rows[0][4] != "0" || rows[1][4] != "0" {
		t.Errorf("after the Ukrainian catalog of a-copy was emptied, rows %v", rows)
	}
}

// TestMemorySuggestions: a unit missing in one article gets the
// translation of the same English in another article, at 100%; a save
// in the workbench and a catalog changed on disk both change what it
// suggests; and a parted memory (memory: part) suggests what the memory
// of one piece does, unit for unit, at every step.
func TestMemorySuggestions(t *testing.T) {
	const id = "p-november-26-2024"
	type bench struct {
		s  *Server
		ts *httptest.Server
	}
	var benches []bench
	for _, part := range []int{0, 1} {
		p := seedProject(t)
		for _, copy := range []string{"a-copy", "b-copy"} {
			copySeed(t, p, copy, func(string) string { return `  other: ""` })
		}
		p.Memory.Part = part
		if projmemory.Parted(p, 3) != (part == 1) {
			t.Fatalf("part %d: parted %v", part, !(part == 1))
		}
		s, ts := startServer(t, p)
		benches = append(benches, bench{s, ts})
	}
	// pages returns each bench's units of a-copy in Ukrainian, and checks
	// that the first suggestion for the unit is want, from the seed.
	pages := func(step, want string) {
		t.Helper()
		var all [][]unitView
		for _, b := range benches {
			page, err := b.s.editorData(interfaceLanguage(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)), "a-copy", "uk")
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, page.Units)
			found := false
			for _, u := range page.Units {
				if u.ID != id {
					continue
				}
				found = true
				if u.State != stateMissing || len(u.Memory) == 0 || u.Memory[0].Percent != 100 || u.Memory[0].Text != want || u.Memory[0].Origin != seed+"/"+id {
					t.Fatalf("%s, part %d: unit %s: state %s, memory %+v; want %q at 100%%", step, b.s.pr.p.Memory.Part, u.ID, u.State, u.Memory, want)
				}
			}
			if !found {
				t.Fatalf("no unit %s", id)
			}
		}
		suggested := 0
		for i := range all[0] {
			if !reflect.DeepEqual(all[0][i].Memory, all[1][i].Memory) {
				t.Errorf("%s: unit %s: whole memory %+v, parted %+v", step, all[0][i].ID, all[0][i].Memory, all[1][i].Memory)
			}
			suggested += len(all[0][i].Memory)
		}
		if suggested < 10 {
			t.Errorf("%s: %d suggestions in all", step, suggested)
		}
	}
	pages("at start", loaded(t, benches[0].s, "uk", id).Text)
	// The page again, with nothing changed, answers as it did.
	pages("again", loaded(t, benches[0].s, "uk", id).Text)
	const saved, edited = "Станом на 26 листопада 2024 року — новий переклад, збережений у редакторі.", "Переклад, змінений у файлі поза редактором."
	for _, b := range benches {
		req := loaded(t, b.s, "uk", id)
		req.Text = saved
		if code, res := saveJSON(t, b.s, b.ts, "uk", req); code != 200 || !res.Saved {
			t.Fatalf("save: %d %+v", code, res)
		}
	}
	pages("after a save", saved)
	for _, b := range benches {
		path := catalogFile(b.s.pr.p, "uk")
		writeFile(t, path, []byte(strings.Replace(readFile(t, path), saved, edited, 1)))
	}
	pages("after the catalog changed on disk", edited)
}

// copySeed copies the seed article, its English catalog and its
// Ukrainian one into the project under the name slug, each translation's
// line of the Ukrainian ("  other: ...") as other makes it.
func copySeed(t *testing.T, p *project.Project, slug string, other func(line string) string) {
	t.Helper()
	for _, rel := range []string{project.ArticlePath(seed), project.CatalogPath(seed, "en"), project.CatalogPath(seed, "uk")} {
		data := readFile(t, filepath.Join(p.Root, rel))
		if strings.HasSuffix(rel, "uk.yaml") {
			data = regexp.MustCompile(`(?m)^  other: .*$`).ReplaceAllStringFunc(data, other)
		}
		writeFile(t, filepath.Join(p.Root, strings.Replace(rel, seed, slug, 1)), []byte(data))
	}
}

// TestMemorySuggestionsLeaveOwnOut: the suggestions for a unit never
// hold its own translation. A stale unit (its English edited since it
// was translated) asks the memory for its new English, and the memory
// holds its old translation, of the old English, as an entry of its
// own article: a near match that would only repeat what the editor
// already shows. The same translation from another article is
// suggested. With the memory whole and parted (memory: part), which
// leave the unit's entry out each their own way.
func TestMemorySuggestionsLeaveOwnOut(t *testing.T) {
	const id = "p-the-tied-hands"
	const old, edited = "Akhmat special forces unit.\n", "Akhmat special forces unit near Bakhmut.\n"
	const translation = "Звʼязані руки українського військовополоненого, якого утримують на позиції спецпідрозділу «Ахмат»."
	const another = "Звʼязані руки українського полоненого, якого тримають на позиції спецпідрозділу «Ахмат»."
	for _, part := range []int{0, 1} {
		p := seedProject(t)
		// a-copy and b-copy have the seed's English and catalogs, their
		// Ukrainian emptied, but for b-copy's unit id, which another
		// translator put otherwise.
		for _, copy := range []string{"a-copy", "b-copy"} {
			copySeed(t, p, copy, func(l string) string {
				if copy == "b-copy" && strings.Contains(l, translation) {
					return "  other: " + another
				}
				return `  other: ""`
			})
		}
		article := filepath.Join(p.Root, project.ArticlePath(seed))
		if text := readFile(t, article); !strings.Contains(text, old) {
			t.Fatalf("the seed has no %q", old)
		} else {
			writeFile(t, article, []byte(strings.Replace(text, old, edited, 1)))
		}
		p.Memory.Part = part
		if projmemory.Parted(p, 3) != (part == 1) {
			t.Fatalf("part %d: parted %v", part, part != 1)
		}
		s, _ := startServer(t, p)
		page, err := s.editorData(interfaceLanguage(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)), seed, "uk")
		if err != nil {
			t.Fatal(err)
		}
		asked := 0
		for _, u := range page.Units {
			for _, m := range u.Memory {
				if m.Origin == seed+"/"+u.ID {
					t.Errorf("part %d: unit %s (%s) is offered its own translation: %+v", part, u.ID, u.State, m)
				}
			}
			if u.ID != id {
				continue
			}
			asked++
			if u.State != stateStale {
				t.Fatalf("part %d: the edited unit is %s, want stale", part, u.State)
			}
			if len(u.Memory) != 1 || u.Memory[0].Text != another || u.Memory[0].Origin != "b-copy/"+id || u.Memory[0].Percent == 100 {
				t.Errorf("part %d: the stale unit's suggestions %+v; want b-copy's translation of the old English alone, below 100%%", part, u.Memory)
			}
		}
		if asked != 1 {
			t.Fatalf("part %d: %d units %s on the page", part, asked, id)
		}
	}
}

// TestInterfaceLanguage: the page speaks the browser's language, or the
// one chosen (remembered in a cookie), with CLDR plurals.
func TestInterfaceLanguage(t *testing.T) {
	p := seedProject(t)
	_, ts := startServer(t, p)
	_, page, _ := request(t, ts, "GET", "/edit/"+seed+"/ru", "", "", map[string]string{"Accept-Language": "uk-UA,uk;q=0.9,en;q=0.5"})
	for _, want := range []string{`<html lang="uk">`, "22 одиниці", "Оригінал", "Зберегти"} {
		if !strings.Contains(page, want) {
			t.Errorf("page for Accept-Language uk lacks %q", want)
		}
	}
	code, page, h := request(t, ts, "GET", "/?lang=ru", "", "", map[string]string{"Accept-Language": "uk"})
	if code != 200 || !strings.Contains(page, `<html lang="ru">`) || !strings.Contains(h.Get("Set-Cookie"), langCookie+"=ru") {
		t.Errorf("?lang=ru: %d, cookie %q", code, h.Get("Set-Cookie"))
	}
	_, page, _ = request(t, ts, "GET", "/", "", "", map[string]string{"Accept-Language": "uk", "Cookie": langCookie + "=ru"})
	if !strings.Contains(page, "Статьи и языки") {
		t.Error("the cookie's language is not the page's")
	}
	_, page, _ = request(t, ts, "GET", "/", "", "", map[string]string{"Accept-Language": "de-DE,fr;q=0.8"})
	if !strings.Contains(page, `<html lang="en">`) {
		t.Error("a language the tool does not speak is not English")
	}
}

// TestPlurals: the interface's counts take CLDR's plural forms.
func TestPlurals(t *testing.T) {
	tests := []struct {
		lang string
		n    int
		want string
	}{
		{"uk", 1, "1 одиниця"}, {"uk", 3, "3 одиниці"}, {"uk", 5, "5 одиниць"}, {"uk", 21, "21 одиниця"}, {"uk", 12, "12 одиниць"},
		{"ru", 1, "1 единица"}, {"ru", 22, "22 единицы"}, {"ru", 11, "11 единиц"},
		{"en", 1, "1 unit"}, {"en", 2, "2 units"},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/?lang="+tt.lang, nil)
		if got := interfaceLanguage(httptest.NewRecorder(), r).N("serve-units", tt.n); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestPreview renders the edition from the catalog and from drafts,
// under a policy that runs no script and loads nothing from elsewhere.
func TestPreview(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	code, page, h := request(t, ts, "GET", "/preview/"+seed+"/uk", "", "", nil)
	if code != 200 || !strings.Contains(page, `<html lang="uk"`) || !strings.Contains(page, "листопада 2024 року") {
		t.Fatalf("preview %d:\n%.300s", code, page)
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("preview policy %q", csp)
	}
	form := url.Values{"token": {s.Token()}, "u.p-november-26-2024": {"<script>alert(1)</script> 26.11.2024"}}
	_, page, _ = request(t, ts, "POST", "/preview/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if !strings.Contains(page, "26.11.2024") || strings.Contains(page, "<script>alert") {
		t.Errorf("draft preview:\n%s", page)
	}
}

// TestSaveTakesTheProjectLock: a save waits for another l10n command
// that writes the project (it holds the project lock) and lands when it
// is done; while the lock is held past the wait, the save is refused
// (503) naming the holder, and nothing is written.
func TestSaveTakesTheProjectLock(t *testing.T) {
	p := seedProject(t)
	path := catalogFile(p, "uk")
	before := readFile(t, path)
	held, err := lock.Acquire(p.Root, lock.Options{Command: "l10n extract"})
	if errors.Is(err, lock.ErrUnsupported) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	s, ts := startServerWith(t, p, Options{LockWait: -1})
	u := loaded(t, s, "uk", "p-november-26-2024")
	u.Text = "26.11.2024"
	code, out := saveRaw(t, s, ts, "uk", u)
	if code != http.StatusServiceUnavailable || !strings.Contains(out, "l10n extract") {
		t.Errorf("save while the lock is held: %d %s", code, out)
	}
	if readFile(t, path) != before {
		t.Fatal("a save wrote while another command held the lock")
	}

	// A server that waits: the save lands once the lock is released.
	s2, ts2 := startServerWith(t, p, Options{LockWait: time.Hour})
	done := make(chan int, 1)
	go func() {
		// No t.Fatal off the test's goroutine: a failed request is a
		// status of 0.
		body, _ := json.Marshal(u)
		req, _ := http.NewRequest("POST", ts2.URL+"/save/"+seed+"/uk", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-L10n-Token", s2.Token())
		res, err := ts2.Client().Do(req)
		if err != nil {
			done <- 0
			return
		}
		res.Body.Close()
		done <- res.StatusCode
	}()
	if err := held.Release(); err != nil {
		t.Fatal(err)
	}
	if code := <-done; code != http.StatusOK {
		t.Fatalf("save after the lock was released: %d", code)
	}
	if !strings.Contains(readFile(t, path), "other: 26.11.2024") {
		t.Error("the save did not land")
	}
}

// saveRaw saves a unit as the page's script does and returns the
// answer's status and body.
func saveRaw(t *testing.T, s *Server, ts *httptest.Server, loc string, req saveRequest) (int, string) {
	body, _ := json.Marshal(req)
	code, out, _ := request(t, ts, "POST", "/save/"+seed+"/"+loc, "application/json", string(body), map[string]string{"X-L10n-Token": s.Token()})
	return code, out
}

// TestSaveConfirmsReview: a unit pre-filled from the memory counts as to
// review on the dashboard; saving it in the editor is the translator's
// word on it, so its review line goes and nothing else changes.
func TestSaveConfirmsReview(t *testing.T) {
	p := seedProject(t)
	path := catalogFile(p, "uk")
	markForReview(t, path, "p-in-total-about")
	s, ts := startServer(t, p)
	rows, err := s.status.rows(s.pr)
	if err != nil {
		t.Fatal(err)
	}
	review := 0
	for _, r := range rows {
		if r.Locale == "uk" && r.Article == seed {
			review = r.Review
		}
	}
	if review != 1 {
		t.Fatalf("dashboard: %d units to review in uk, want 1", review)
	}
	if code, res := saveJSON(t, s, ts, "uk", loaded(t, s, "uk", "p-in-total-about")); code != 200 || !res.Saved {
		t.Fatalf("save: %d %+v", code, res)
	}
	after, err := catalog.Parse([]byte(readFile(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	if project.NeedsReview(after.Lookup("p-in-total-about")) {
		t.Errorf("the review line is still there after the save:\n%s", readFile(t, path))
	}
}

// TestPreviewMarksReview: a translation the memory pre-filled and nobody
// confirmed is marked in the preview as build marks it; a draft of it is
// the translator's own and is not.
func TestPreviewMarksReview(t *testing.T) {
	p := seedProject(t)
	e := markForReview(t, catalogFile(p, "uk"), "p-in-total-about")
	s, ts := startServer(t, p)
	_, page, _ := request(t, ts, "GET", "/preview/"+seed+"/uk", "", "", nil)
	if n := strings.Count(page, `class="l10n-review"`); n != 1 {
		t.Errorf("preview marks %d units to review, want 1", n)
	}
	form := url.Values{"token": {s.Token()}, "u.p-in-total-about": {e.Other}}
	_, page, _ = request(t, ts, "POST", "/preview/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if n := strings.Count(page, `class="l10n-review"`); n != 1 {
		t.Errorf("preview with the saved text as a draft marks %d units to review, want 1", n)
	}
	form.Set("u.p-in-total-about", e.Other+" Ще одне речення.")
	_, page, _ = request(t, ts, "POST", "/preview/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if n := strings.Count(page, `class="l10n-review"`); n != 0 {
		t.Errorf("preview with an edited draft marks %d units to review, want 0", n)
	}
}

// markForReview gives a unit of a catalog the line of a pre-fill that
// nobody reviewed, and returns its entry.
func markForReview(t *testing.T, path, id string) *catalog.Entry {
	t.Helper()
	f, err := catalog.Parse([]byte(readFile(t, path)))
	if err != nil {
		t.Fatal(err)
	}
	e := f.Lookup(id)
	e.Comments = append(e.Comments, project.ReviewComment)
	writeFile(t, path, f.Encode(nil, func(e *catalog.Entry) []string { return e.Notes }))
	return e
}

// TestSaveRetriesAfterChange has another program write the catalog in
// the moment between a save's reading it and its writing it back (the
// server's beforeWrite hook): the save reads the catalog again and lands
// on top of that write, which stays; a write of the saved unit itself in
// that moment makes the save a conflict; and a catalog that changes at
// every attempt fails the save after four, with nothing of it written
// and an answer (503) that says why and to try again.
func TestSaveRetriesAfterChange(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	path := catalogFile(p, "uk")
	const dated, datedOther = "other: 26 листопада 2024 року", "other: 26 листопада 2024 р."
	edit := func(old, new string) {
		t.Helper()
		data := readFile(t, path)
		if !strings.Contains(data, old) {
			t.Fatalf("the catalog has no %q", old)
		}
		writeFile(t, path, []byte(strings.Replace(data, old, new, 1)))
	}

	// Another unit changed in that moment, at the first attempt.
	var attempts []int
	s.beforeWrite = func(attempt int) {
		attempts = append(attempts, attempt)
		if attempt == 0 {
			edit(dated, datedOther)
		}
	}
	req := loaded(t, s, "uk", "p-in-total-about")
	req.Text = strings.Replace(req.Text, "3\u00a0767", "3\u00a0768", 1)
	if code, res := saveJSON(t, s, ts, "uk", req); code != 200 || !res.Saved {
		t.Fatalf("save with another unit written meanwhile: %d %+v", code, res)
	}
	if !reflect.DeepEqual(attempts, []int{0, 1}) {
		t.Errorf("attempts %v, want [0 1]", attempts)
	}
	got := readFile(t, path)
	if !strings.Contains(got, datedOther) || !strings.Contains(got, "3\u00a0768") {
		t.Fatalf("the catalog lacks the other write or the save:\n%s", got)
	}

	// The saved unit itself changed in that moment.
	attempts = nil
	s.beforeWrite = func(attempt int) {
		attempts = append(attempts, attempt)
		if attempt == 0 {
			edit("3\u00a0768", "3\u00a0769")
		}
	}
	mine := loaded(t, s, "uk", "p-in-total-about")
	mine.Text = strings.Replace(mine.Text, "3\u00a0768", "3\u00a0770", 1)
	code, res := saveJSON(t, s, ts, "uk", mine)
	if code != http.StatusConflict || !res.Conflict || !strings.Contains(res.Disk, "3\u00a0769") || res.Text != mine.Text {
		t.Fatalf("save with its own unit written meanwhile: %d %+v", code, res)
	}
	if !reflect.DeepEqual(attempts, []int{0}) {
		t.Errorf("attempts %v, want [0]", attempts)
	}
	before := readFile(t, path)
	if strings.Contains(before, "3\u00a0770") {
		t.Fatal("a save refused as a conflict wrote its text")
	}

	// Another unit changed at every attempt: four, then an error.
	attempts = nil
	s.beforeWrite = func(attempt int) {
		attempts = append(attempts, attempt)
		writeFile(t, path, []byte(readFile(t, path)+"# a line more\n"))
	}
	mine = loaded(t, s, "uk", "p-in-total-about")
	mine.Text = strings.Replace(mine.Text, "3\u00a0769", "3\u00a0771", 1)
	code, out := saveRaw(t, s, ts, "uk", mine)
	if code != http.StatusServiceUnavailable || !strings.Contains(out, "another program kept writing locales/"+seed+"/uk.yaml") {
		t.Fatalf("save against a catalog changing all along: %d %s", code, out)
	}
	if !reflect.DeepEqual(attempts, []int{0, 1, 2, 3}) {
		t.Errorf("attempts %v, want [0 1 2 3]", attempts)
	}
	if got := readFile(t, path); strings.Contains(got, "3\u00a0771") {
		t.Fatal("a save that failed wrote its text")
	}
	// The same from a form (a browser without JavaScript), in Ukrainian.
	attempts = nil
	form := url.Values{"token": {s.Token()}, "unit": {mine.Unit}, "text": {mine.Text},
		"base": {mine.Base}, "base_hash": {mine.BaseHash}, "source": {mine.Source}}
	code, out, _ = request(t, ts, "POST", "/save/"+seed+"/uk?lang=uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if code != http.StatusServiceUnavailable || !strings.Contains(out, "інша програма весь час записувала locales/"+seed+"/uk.yaml") || len(attempts) != 4 {
		t.Fatalf("form save against a catalog changing all along: %d after %d attempts: %s", code, len(attempts), out)
	}
}
