package serve

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:8080": true, "127.0.0.2:1": true,
		"0.0.0.0:8080": false, ":8080": false, "192.168.1.5:8080": false, "[::]:8080": false, "newsroom.example:8080": false,
	} {
		if got := Loopback(addr); got != want {
			t.Errorf("Loopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

// TestHostHeader refuses a request whose Host is not the server's: a page
// of another site whose name was rebound to 127.0.0.1 (DNS rebinding)
// reaches the server under its own name.
func TestHostHeader(t *testing.T) {
	p := seedProject(t)
	_, ts := startServer(t, p)
	port := ts.URL[strings.LastIndex(ts.URL, ":")+1:]
	for host, want := range map[string]int{
		"127.0.0.1:" + port:          200,
		"localhost:" + port:          200,
		"[::1]:" + port:              200,
		"attacker.example:" + port:   http.StatusMisdirectedRequest,
		"localhost.attacker.example": http.StatusMisdirectedRequest,
		"127.0.0.1:1":                http.StatusMisdirectedRequest,
		"127.0.0.1":                  http.StatusMisdirectedRequest,
	} {
		if code, _, _ := request(t, ts, "GET", "/", "", "", map[string]string{"Host": host}); code != want {
			t.Errorf("Host %s: %d, want %d", host, code, want)
		}
	}
}

// TestCSRF refuses state-changing requests from other origins, and
// without the server's token, and writes nothing.
func TestCSRF(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	path := catalogFile(p, "uk")
	before := readFile(t, path)
	u := loaded(t, s, "uk", "p-november-26-2024")
	u.Text = "змінено"
	body, _ := json.Marshal(u)
	form := url.Values{"unit": {u.Unit}, "text": {u.Text}, "base": {u.Base}, "base_hash": {u.BaseHash}, "source": {u.Source}}
	withToken := url.Values{"token": {s.Token()}}
	for k, v := range form {
		withToken[k] = v
	}
	tests := []struct {
		name        string
		contentType string
		body        string
		header      map[string]string
	}{
		{"form without token", "application/x-www-form-urlencoded", form.Encode(), nil},
		{"form with a wrong token", "application/x-www-form-urlencoded", form.Encode() + "&token=0123", nil},
		{"JSON without token", "application/json", string(body), nil},
		{"cross-site form with token", "application/x-www-form-urlencoded", withToken.Encode(), map[string]string{"Sec-Fetch-Site": "cross-site"}},
		{"same-site form with token", "application/x-www-form-urlencoded", withToken.Encode(), map[string]string{"Sec-Fetch-Site": "same-site"}},
		{"other origin with token", "application/json", string(body), map[string]string{"Origin": "http://attacker.example", "X-L10n-Token": s.Token()}},
	}
	for _, tt := range tests {
		code, out, _ := request(t, ts, "POST", "/save/"+seed+"/uk", tt.contentType, tt.body, tt.header)
		if code != http.StatusForbidden {
			t.Errorf("%s: %d %s, want 403", tt.name, code, out)
		}
	}
	// The refusal is said in the page's language.
	_, out, _ := request(t, ts, "POST", "/save/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), map[string]string{"Accept-Language": "uk"})
	if !strings.Contains(out, "Перезавантажте") {
		t.Errorf("refusal in Ukrainian: %q", out)
	}
	if readFile(t, path) != before {
		t.Fatal("a refused request wrote the catalog")
	}
	// The page's own request passes.
	code, _, _ := request(t, ts, "POST", "/save/"+seed+"/uk", "application/x-www-form-urlencoded", withToken.Encode(),
		map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL})
	if code != http.StatusSeeOther && code != http.StatusOK {
		t.Fatalf("same-origin save: %d", code)
	}
	if !strings.Contains(readFile(t, path), "other: змінено") {
		t.Error("the same-origin save did not land")
	}
}

// TestPathsFromNames accepts only the project's articles and locales in
// URLs: nothing else reaches the file system.
func TestPathsFromNames(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	for _, path := range []string{
		"/edit/" + seed + "/de",
		"/edit/" + seed + "/en", // the source catalog is not edited here
		"/edit/no-such-article/uk",
		"/edit/..%2f..%2fetc%2fpasswd/uk",
		"/edit/" + seed + "/..%2f..%2f" + seed,
		"/edit/%2e%2e/uk",
		"/preview/" + seed + "/uk%2f..%2f..%2fen",
	} {
		if code, _, _ := request(t, ts, "GET", path, "", "", nil); code != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", path, code)
		}
	}
	code, _, _ := request(t, ts, "POST", "/save/..%2fglossary/uk", "application/json", `{"unit":"x"}`, map[string]string{"X-L10n-Token": s.Token()})
	if code != http.StatusNotFound {
		t.Errorf("save to a traversing slug: %d, want 404", code)
	}
}

// TestBodyLimit refuses a request body over the limit without reading it
// all.
func TestBodyLimit(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	big := strings.Repeat("я", maxBody)
	body, _ := json.Marshal(saveRequest{Unit: "p-november-26-2024", Text: big})
	code, _, _ := request(t, ts, "POST", "/save/"+seed+"/uk", "application/json", string(body), map[string]string{"X-L10n-Token": s.Token()})
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("JSON over the limit: %d, want 413", code)
	}
	form := url.Values{"token": {s.Token()}, "unit": {"p-november-26-2024"}, "text": {big}}
	code, _, _ = request(t, ts, "POST", "/save/"+seed+"/uk", "application/x-www-form-urlencoded", form.Encode(), nil)
	if code != http.StatusRequestEntityTooLarge {
		t.Errorf("form over the limit: %d, want 413", code)
	}
}

// TestEscaping saves markup into a unit: the editor shows it as text, in
// the text area and everywhere else.
func TestEscaping(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	u := loaded(t, s, "uk", "p-november-26-2024")
	u.Text = `</textarea><script>alert("x")</script><img src=x onerror=alert(1)> "quoted" 'single'`
	if code, res := saveJSON(t, s, ts, "uk", u); code != 200 || !res.Saved {
		t.Fatalf("save: %d %+v", code, res)
	}
	_, page, h := request(t, ts, "GET", "/edit/"+seed+"/uk", "", "", nil)
	for _, bad := range []string{"<script>alert", "<img src=x", "</textarea><script"} {
		if strings.Contains(page, bad) {
			t.Errorf("the editor holds %q unescaped", bad)
		}
	}
	if !strings.Contains(page, "&lt;/textarea&gt;&lt;script&gt;") {
		t.Error("the text is not in the page, escaped")
	}
	if csp := h.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Errorf("policy %q", csp)
	}
}

// TestSourceRendering renders a unit's English for the editor without
// its raw HTML or dangerous URLs.
func TestSourceRendering(t *testing.T) {
	for _, src := range []string{
		`Read <script>alert(1)</script> this`,
		`A [link](javascript:alert(1)) here`,
		`An <img src=x onerror=alert(1)> image`,
		`![x](javascript:alert(1)) and <a href="javascript:alert(1)">a</a>`,
		`{{< figure src="x" onload="alert(1)" >}} shortcode`,
	} {
		got := string(inlineHTML(src, false))
		for _, bad := range []string{"<script", "javascript:", "<img src=x", "onerror=", "<a href=\"javascript", "onload=\"alert"} {
			if strings.Contains(got, bad) {
				t.Errorf("inlineHTML(%q) = %q: holds %s", src, got, bad)
			}
		}
	}
	if got := string(inlineHTML(`<b>title</b> & more`, true)); got != "&lt;b&gt;title&lt;/b&gt; &amp; more" {
		t.Errorf("a front-matter field: %q", got)
	}
}

// TestSymlinkOutside refuses a catalog that is a symbolic link out of the
// project: nothing outside is read or written.
func TestSymlinkOutside(t *testing.T) {
	p := seedProject(t)
	s, ts := startServer(t, p)
	u := loaded(t, s, "uk", "p-november-26-2024")
	outside := filepath.Join(t.TempDir(), "elsewhere.yaml")
	writeFile(t, outside, []byte(readFile(t, catalogFile(p, "uk"))))
	if err := os.Remove(catalogFile(p, "uk")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, catalogFile(p, "uk")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if code, _, _ := request(t, ts, "GET", "/edit/"+seed+"/uk", "", "", nil); code != http.StatusBadRequest {
		t.Errorf("editor of a catalog outside: %d, want 400", code)
	}
	u.Text = "змінено"
	body, _ := json.Marshal(u)
	code, out, _ := request(t, ts, "POST", "/save/"+seed+"/uk", "application/json", string(body), map[string]string{"X-L10n-Token": s.Token()})
	if code != http.StatusBadRequest || !strings.Contains(out, "outside the project") {
		t.Errorf("save into a catalog outside: %d %s", code, out)
	}
	if strings.Contains(readFile(t, outside), "змінено") {
		t.Error("the file outside the project was written")
	}
}
