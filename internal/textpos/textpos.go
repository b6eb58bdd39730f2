// Package textpos locates problems in text files by line.
package textpos

import "unicode/utf8"

// InvalidUTF8Line returns the 1-based line of the first byte of data that
// is not valid UTF-8, and false when data is valid UTF-8.
func InvalidUTF8Line(data []byte) (int, bool) {
	if utf8.Valid(data) {
		return 0, false
	}
	line := 1
	for len(data) > 0 {
		r, n := utf8.DecodeRune(data)
		if r == utf8.RuneError && n <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		data = data[n:]
	}
	return line, true
}
