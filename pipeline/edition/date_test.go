package edition

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // time.RFC3339Nano, "" for no date
	}{
		{"2024-11-26", "2024-11-26T00:00:00Z"},
		{"2024-11-26T09:30:00+02:00", "2024-11-26T09:30:00+02:00"},
		{"2024-11-26T09:30:00.123456789+02:00", "2024-11-26T09:30:00.123456789+02:00"},
		{"2024-11-26 09:30", "2024-11-26T09:30:00Z"},
		{"November 26, 2024", "2024-11-26T00:00:00Z"},
		{"  November   26,\n2024 ", "2024-11-26T00:00:00Z"},
		{"Nov. 26, 2024", "2024-11-26T00:00:00Z"},
		{"26 November 2024", "2024-11-26T00:00:00Z"},
		{"Wednesday, September 30, 2026", "2026-09-30T00:00:00Z"},
		{"Tuesday, 26 November 2024", "2024-11-26T00:00:00Z"},
		{"November 2024", ""},
		{"Kyiv, November 26, 2024", ""},
		{"no date here", ""},
		{"", ""},
		// Whitespace around a date does not count towards its length.
		{strings.Repeat(" ", 40) + "Wednesday, September 30, 2026\n" + strings.Repeat(" ", 40), "2026-09-30T00:00:00Z"},
		{"In recent years, Ukraine has been calling on international organizations since November 26, 2024", ""},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		s := ""
		if ok {
			s = got.Format(time.RFC3339Nano)
		}
		if s != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}
