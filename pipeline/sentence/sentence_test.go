package sentence

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		lang   string
		strict bool
		text   string
		want   []string
	}{
		{"en", true, "Russia returned 563 bodies on Nov. 8. The ICRC said nothing.", []string{"Russia returned 563 bodies on Nov. 8.", "The ICRC said nothing."}},
		{"en", true, "The U.N. Secretary-General spoke. Dr. Smith agreed. J. R. Smith too.", []string{"The U.N. Secretary-General spoke.", "Dr. Smith agreed.", "J. R. Smith too."}},
		{"en", true, "It grew by 3.5 percent. Then it fell.", []string{"It grew by 3.5 percent.", "Then it fell."}},
		{"en", true, "Officials in the U.S. The rest.", []string{"Officials in the U.S. The rest."}}, // ambiguous: strict keeps one
		{"en", false, "Officials in the U.S. The rest.", []string{"Officials in the U.S.", "The rest."}},
		{"uk", false, "Вулиця ім. Шевченка. Тощо, т. д. Наступне речення.", []string{"Вулиця ім. Шевченка.", "Тощо, т. д.", "Наступне речення."}},
		{"uk", false, "Т. Шевченко народився 1814 р. Він був поетом.", []string{"Т. Шевченко народився 1814 р.", "Він був поетом."}},
		{"ru", false, "Они живут на ул. Ленина. В г. Москве тоже.", []string{"Они живут на ул. Ленина.", "В г. Москве тоже."}},
		{"ru", false, "«Мы не остановимся», — сказала она. Потом ушла!", []string{"«Мы не остановимся», — сказала она.", "Потом ушла!"}},
		{"de", true, "Dr. Weber kam. Er ging.", []string{"Dr. Weber kam.", "Er ging."}}, // read as English
		{"en", true, "  Spaces around.   ", []string{"Spaces around."}},
		{"en", true, "", nil},
	}
	for _, tt := range tests {
		if got := Strings(tt.text, tt.lang, tt.strict); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestAlign(t *testing.T) {
	tests := []struct {
		name     string
		src, tgt []int
		want     [][4]int // Source, Src, Target, Tgt
	}{
		{"one to one", []int{100, 40, 80}, []int{95, 38, 75}, [][4]int{{0, 1, 0, 1}, {1, 1, 1, 1}, {2, 1, 2, 1}}},
		{"merged", []int{60, 50, 90}, []int{105, 85}, [][4]int{{0, 2, 0, 1}, {2, 1, 1, 1}}},
		{"left out", []int{120, 110, 90}, []int{112, 85}, [][4]int{{0, 1, 0, 1}, {1, 1, 1, 0}, {2, 1, 1, 1}}},
		{"split", []int{200}, []int{90, 95}, [][4]int{{0, 1, 0, 2}}},
		{"empty", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][4]int
			for _, b := range Align(tt.src, tt.tgt, 0.93) {
				got = append(got, [4]int{b.Source, b.Src, b.Target, b.Tgt})
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Align(%v, %v) = %v, want %v", tt.src, tt.tgt, got, tt.want)
			}
		})
	}
}

// TestAlignZ checks the standard score of one-to-one beads: a
// translation as long as the ratio predicts scores 0, a much longer one
// far above 2.
func TestAlignZ(t *testing.T) {
	if b := Align([]int{100}, []int{93}, 0.93); len(b) != 1 || b[0].Z != 0 {
		t.Errorf("Align(100, 93) = %+v, want one bead with Z 0", b)
	}
	if b := Align([]int{100}, []int{180}, 0.93); len(b) != 1 || b[0].Z < 2 {
		t.Errorf("Align(100, 180) = %+v, want one bead with Z above 2", b)
	}
}

// splitByRunes is Split as it was before it looked at bytes for a
// sentence's end: each rune decoded and looked up in ".!?…". FuzzSplit
// compares the two.
func splitByRunes(s, lang string, strict bool) []Span {
	var out []Span
	add := func(a, b int) {
		for a < b {
			r, w := utf8.DecodeRuneInString(s[a:])
			if !unicode.IsSpace(r) {
				break
			}
			a += w
		}
		for b > a {
			r, w := utf8.DecodeLastRuneInString(s[:b])
			if !unicode.IsSpace(r) {
				break
			}
			b -= w
		}
		if a < b {
			out = append(out, Span{a, b})
		}
	}
	start := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune(".!?…", r) {
			i += w
			continue
		}
		end := i
		for end < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[end:])
			if !strings.ContainsRune(".!?…»\"”’)]", r2) {
				break
			}
			end += w2
		}
		j := end
		for j < len(s) {
			r2, w2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += w2
		}
		next, _ := utf8.DecodeRuneInString(s[j:])
		switch {
		case j == end && j < len(s), j >= len(s):
			// No space after it, or the end of the text.
		case !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("«\"“„([—–-", next)):
		case s[i:end] == "." && !sentenceEnd(s[start:i], lang, strict):
		default:
			add(start, end)
			start = j
		}
		i = end
	}
	add(start, len(s))
	return out
}

// FuzzSplit compares Split with splitByRunes on any text.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"Він прийшов. Вона пішла… Так?", "a.\xe2. B", "\xe2\x80. Б", "U.S. troops! «Так» — ні.", "x … Y", "1. 2. 3."} {
		f.Add(s, "uk", false)
		f.Add(s, "en", true)
	}
	f.Fuzz(func(t *testing.T, s, lang string, strict bool) {
		if got, want := Split(s, lang, strict), splitByRunes(s, lang, strict); !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q, %q, %v) = %v, by runes %v", s, lang, strict, got, want)
		}
	})
}
