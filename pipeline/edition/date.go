package edition

import (
	"strings"
	"time"
)

// dateLayouts are the ways an English article writes its date, in the
// front matter or in a dateline.
var dateLayouts = []string{
	time.DateOnly, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02 15:04",
	"January 2, 2006", "January 2 2006", "Jan 2, 2006", "Jan. 2, 2006", "Jan 2 2006",
	"2 January 2006", "2 Jan 2006", "2 Jan. 2006",
	"Monday, January 2, 2006", "Mon, January 2, 2006", "Monday, 2 January 2006",
}

// maxDate is the length of the longest text ParseDate reads as a date:
// room for the longest layout, with spaces to spare.
const maxDate = 64

// ParseDate reads a date as an article writes it: 2024-11-26, an RFC 3339
// time, November 26, 2024, Nov. 26, 2024, 26 November 2024 …
func ParseDate(s string) (time.Time, bool) {
	// No layout matches more than a few dozen bytes (the longest, an RFC
	// 3339 time with nanoseconds, is 35) or text without a digit: build
	// asks about every paragraph near the top of every edition, and a
	// failed time.Parse costs an error value per layout.
	if s = strings.TrimSpace(s); len(s) > maxDate || !strings.ContainsAny(s, "0123456789") {
		return time.Time{}, false
	}
	s = oneLine(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
