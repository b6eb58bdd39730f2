package edition

import (
	"bytes"
	"fmt"
	"runtime"
	"slices"
	"strings"
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
			got := IndexOrder(page)
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

// TestIndexKeptOrder: a page written with the order IndexOrder gave is
// the page written without one, and an order that is not one of the
// page's entries (too short, a repeat, out of range) is not used.
func TestIndexKeptOrder(t *testing.T) {
	titles := []string{"Ґанок", "Апостроф", "Київ", "Ель", "Ёлка", "Їжак", "Іспит", "Бахмут", "Єдність", "Львів"}
	page := IndexPage{Lang: "uk", Len: len(titles), Entry: func(i int) IndexEntry {
		return IndexEntry{Title: titles[i], Href: fmt.Sprint(i, ".html"), Units: 10, Missing: i}
	}}
	write := func(p IndexPage) string {
		var b bytes.Buffer
		if err := WriteIndex(&b, p); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	want := write(page)
	order := IndexOrder(page)
	if slices.IsSorted(order) {
		t.Fatalf("the titles are in order already: %v", order)
	}
	for _, o := range [][]int32{order, order[1:], append(slices.Clone(order[1:]), order[1]), append(slices.Clone(order[1:]), 10), slices.Repeat([]int32{0}, len(titles))} {
		page.Order = o
		if got := write(page); got != want {
			t.Errorf("with the order %v, the page is another", o)
		}
	}
	page.Order = []int32{9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
	if got := write(page); got == want || !strings.Contains(got, "9.html") || strings.Index(got, "9.html") > strings.Index(got, "0.html") {
		t.Error("a kept order that is an order of the entries is not used as it is")
	}
}
