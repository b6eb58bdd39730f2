package edition

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestIndexOrder: the order made from collation keys in parts, on
// several cores, is that of one collator over the whole list, stable
// (titles repeat and differ only in case and accents), for lists of
// every size around the parts' edges.
func TestIndexOrder(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	words := []string{"Київ", "київ", "Львів", "Ґанок", "Генеральний", "Їжак", "Іспит", "Єдність", "апостроф'є", "Ёлка", "Ель",
		"Zürich", "Zurich", "Ärger", "Apfel", "ICRC", "POW", "10 000", "2024", "«Лапки»", "Éclair", "eclair"}
	var titles []string
	for i := range 1100 {
		titles = append(titles, fmt.Sprintf("%s %s", words[i%len(words)], words[(i*7+3)%len(words)]))
	}
	for _, lang := range []string{"uk", "ru", "en", "und"} {
		tag := language.Make(lang)
		c := collate.New(tag, collate.Loose)
		keys := make([][]byte, len(titles))
		for i, title := range titles {
			var buf collate.Buffer
			keys[i] = bytes.Clone(c.KeyFromString(&buf, title))
		}
		for _, n := range []int{0, 1, 2, 255, 256, 511, 512, 513, 767, 1024, 1025, 1100} {
			page := IndexPage{Lang: lang, Len: n, Entry: func(i int) IndexEntry { return IndexEntry{Title: titles[i]} }}
			got := indexOrder(page, tag)
			want := make([]int32, n)
			for i := range want {
				want[i] = int32(i)
			}
			slices.SortStableFunc(want, func(a, b int32) int { return bytes.Compare(keys[a], keys[b]) })
			if !slices.Equal(got, want) {
				t.Fatalf("%s, %d titles: order %v, want %v", lang, n, got, want)
			}
		}
	}
}
