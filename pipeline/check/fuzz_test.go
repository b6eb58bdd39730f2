package check

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzCheck runs every check family but spelling, in Ukrainian and
// Russian with the project's glossary, on any English text and any
// translation, read as a paragraph and as a line: no check panics, and
// each ends within seconds (a loop that never ends is reported with its
// input instead of holding the fuzzer). Findings are not judged: the
// table tests do that.
func FuzzCheck(f *testing.F) {
	fx := seed(f)
	for _, id := range fx.order {
		u := fx.units[id]
		f.Add(u.EN, u.UK)
		f.Add(u.EN, u.RU)
	}
	f.Add("On 26 November 2024, 95% of 1,234 POWs", "٣ листопада ２０２４, 95 % з 1 234 військовополонених")
	checkers := []*Checker{New("en", "uk", fx.glossary, nil), New("en", "ru", fx.glossary, nil)}
	f.Fuzz(func(t *testing.T, source, target string) {
		if !utf8.ValidString(source) || !utf8.ValidString(target) {
			return // catalogs and articles are UTF-8, or refused
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			for _, c := range checkers {
				for _, single := range []bool{false, true} {
					c.Check(c.ParseSource(source), c.Parse(target), single)
				}
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("the checks of %q as %q did not end", source, target)
		}
	})
}
