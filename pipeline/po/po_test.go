package po

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func sample() *File {
	long := strings.Repeat("Загалом близько 3 767 українських військовополонених ", 4)
	return &File{
		Comments: []string{"Ukrainian translation.", ""},
		Header: []Field{
			{"Project-Id-Version", "l10n"},
			{"Language", "uk"},
			{"MIME-Version", "1.0"},
			{"Content-Type", "text/plain; charset=UTF-8"},
			{"Content-Transfer-Encoding", "8bit"},
		},
		Messages: []*Message{
			{Msgctxt: "a/p-one", HasMsgctxt: true, Msgid: "Hello", Msgstr: "Привіт",
				Extracted: []string{"Paragraph"}, References: []string{"articles/a.md:3"}},
			{Msgctxt: "a/p-two", HasMsgctxt: true, Msgid: `Say "hi" \ bye` + "\ttab", Msgstr: `Скажи «привіт» \`,
				Comments: []string{"a translator's note", ""}},
			{Msgctxt: "a/p-three", HasMsgctxt: true, Msgid: "two\nlines\n", Msgstr: "два\nрядки\n",
				Flags: []string{"fuzzy"}, PrevMsgid: "old\nsource", HasPrevMsgid: true},
			{Msgctxt: "a/p-long", HasMsgctxt: true, Msgid: long, Msgstr: strings.Repeat("x", 200) + " " + long},
			{Msgctxt: "a/p-ctrl", HasMsgctxt: true, Msgid: "bell\a form\f nul-ish\x01 del\x7f cr\r", Msgstr: ""},
		},
	}
}

func TestEncodeParseRoundTrip(t *testing.T) {
	f := sample()
	data := Encode(f)
	got, err := Parse(data)
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	for _, m := range got.Messages {
		m.Line = 0
	}
	got.HeaderLine = 0
	if !reflect.DeepEqual(got, f) {
		t.Errorf("round trip differs:\n got %#v\nwant %#v\n%s", got, f, data)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if n := utf8.RuneCountInString(l); n > Width && !strings.Contains(l, strings.Repeat("x", 100)) {
			t.Errorf("line %d has %d columns: %q", i+1, n, l)
		}
	}
}

func TestEncodeLayout(t *testing.T) {
	tests := []struct {
		name string
		m    *Message
		want string
	}{
		{"short", &Message{Msgid: "a", Msgstr: "б"}, "msgid \"a\"\nmsgstr \"б\"\n"},
		{"multiline", &Message{Msgid: "a\nb", Msgstr: ""}, "msgid \"\"\n\"a\\n\"\n\"b\"\nmsgstr \"\"\n"},
		{"trailing newline fits", &Message{Msgid: "a\n", Msgstr: ""}, "msgid \"a\\n\"\nmsgstr \"\"\n"},
		{"fuzzy previous", &Message{Msgid: "new", Msgstr: "старе", Flags: []string{"fuzzy"}, PrevMsgid: "old", HasPrevMsgid: true},
			"#, fuzzy\n#| msgid \"old\"\nmsgid \"new\"\nmsgstr \"старе\"\n"},
		{"wrapped", &Message{Msgid: strings.Repeat("word ", 20), Msgstr: ""},
			"msgid \"\"\n\"" + strings.Repeat("word ", 15) + "\"\n\"" + strings.Repeat("word ", 5) + "\"\nmsgstr \"\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Encode(&File{Messages: []*Message{tt.m}}))
			if got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestParseGettextOutput(t *testing.T) {
	in := "\ufeff# header comment\r\n" +
		"msgid \"\"\r\n" +
		"msgstr \"\"\r\n" +
		"\"Language: ru\\n\"\r\n" +
		"\"Content-Type: text/plain; charset=UTF-8\\n\"\r\n" +
		"\r\n" +
		"#. extracted\n" +
		"#: articles/a.md:1 articles/a.md:2\n" +
		"#, fuzzy, no-c-format\n" +
		"#| msgctxt \"a/x\"\n" +
		"#| msgid \"\"\n" +
		"#| \"old \"\n" +
		"#| \"text\"\n" +
		"msgctxt \"a/x\"\n" +
		"msgid \"\"\n" +
		"\"new \"\n" +
		"  \"text\"\n" +
		"msgstr \"\\x41\\101\\t\"\n" +
		"msgid \"one\"\n" +
		"msgid_plural \"many\"\n" +
		"msgstr[0] \"один\"\n" +
		"msgstr[1] \"много\"\n" +
		"\n" +
		"#~ msgctxt \"a/gone\"\n" +
		"#~ msgid \"gone\"\n" +
		"#~ msgstr \"\"\n" +
		"#~ \"ушёл\"\n" +
		"# trailing comment without an entry\n"
	f, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if lang, _ := f.Get("language"); lang != "ru" || f.HeaderLine != 1 || f.Comments[0] != "header comment" {
		t.Errorf("header: %q line %d comments %q", lang, f.HeaderLine, f.Comments)
	}
	if len(f.Messages) != 3 {
		t.Fatalf("%d messages", len(f.Messages))
	}
	m := f.Messages[0]
	if m.Line != 7 || !m.Fuzzy() || !m.HasFlag("no-c-format") || m.PrevMsgid != "old text" || m.PrevMsgctxt != "a/x" ||
		m.Msgctxt != "a/x" || m.Msgid != "new text" || m.Msgstr != "AA\t" || m.References[0] != "articles/a.md:1 articles/a.md:2" {
		t.Errorf("message 0: %+v", m)
	}
	if p := f.Messages[1]; !p.HasPlural || p.MsgidPlural != "many" || !reflect.DeepEqual(p.MsgstrPlural, []string{"один", "много"}) {
		t.Errorf("plural: %+v", p)
	}
	if o := f.Messages[2]; !o.Obsolete || o.Msgstr != "ушёл" || o.Msgctxt != "a/gone" {
		t.Errorf("obsolete: %+v", o)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in string
		line     int
		msg      string
	}{
		{"unterminated", "msgid \"a\"\nmsgstr \"b\n", 2, "unterminated"},
		{"bad escape", "msgid \"a\\q\"\nmsgstr \"\"\n", 1, "invalid escape"},
		{"no msgstr", "msgid \"a\"\n\nmsgid \"b\"\nmsgstr \"\"\n", 3, "msgid after msgid"},
		{"no msgstr at end", "msgid \"a\"\nmsgstr \"\"\n\n#. x\nmsgid \"b\"\n", 4, "msgid without msgstr"},
		{"msgstr first", "# c\nmsgstr \"b\"\n", 2, "msgstr without msgid"},
		{"unknown keyword", "msgid \"a\"\nmsgstring \"b\"\n", 2, "unknown keyword"},
		{"orphan string", "\"a\"\n", 1, "string without a keyword"},
		{"text after string", "msgid \"a\" x\nmsgstr \"\"\n", 1, "after the closing"},
		{"unquoted", "msgid a\nmsgstr \"\"\n", 1, "double quotes"},
		{"invalid utf-8", "msgid \"a\"\nmsgstr \"\xff\"\n", 2, "invalid UTF-8"},
		{"charset", "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=ISO-8859-1\\n\"\n", 1, "charset"},
		{"plural order", "msgid \"a\"\nmsgid_plural \"b\"\nmsgstr[1] \"\"\n", 3, "out of order"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			var pe *Error
			if !errors.As(err, &pe) {
				t.Fatalf("got %v, want a *po.Error", err)
			}
			if pe.Line != tt.line || !strings.Contains(pe.Err.Error(), tt.msg) {
				t.Errorf("got line %d %q, want line %d %q", pe.Line, pe.Err.Error(), tt.line, tt.msg)
			}
		})
	}
}

// TestMsgfmtAccepts checks the sample with GNU msgfmt, when installed
// (CI installs gettext).
func TestMsgfmtAccepts(t *testing.T) {
	msgfmt, err := exec.LookPath("msgfmt")
	if err != nil {
		t.Skip("msgfmt not installed (apt-get install gettext)")
	}
	f := sample()
	f.Header = append(f.Header,
		Field{"PO-Revision-Date", "2024-11-26 12:00+0000"},
		Field{"Last-Translator", "Test <test@example.com>"},
		Field{"Language-Team", "Ukrainian"},
		Field{"Plural-Forms", "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"})
	path := filepath.Join(t.TempDir(), "uk.po")
	if err := os.WriteFile(path, Encode(f), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(msgfmt, "--check-format", "--check-header", "-o", os.DevNull, path).CombinedOutput()
	if err != nil {
		t.Fatalf("msgfmt: %v\n%s", err, out)
	}
}
