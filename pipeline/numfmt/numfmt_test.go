package numfmt

import (
	"reflect"
	"testing"
)

func TestOf(t *testing.T) {
	tests := []struct {
		locale         string
		group, decimal rune
	}{
		{"en", ',', '.'},
		{"uk", ' ', ','},
		{"ru-RU", ' ', ','},
		{"de", '.', ','},
		{"not a locale", ',', '.'},
	}
	for _, tt := range tests {
		if f := Of(tt.locale); f.Group != tt.group || f.Decimal != tt.decimal {
			t.Errorf("Of(%q) = %q %q, want %q %q", tt.locale, f.Group, f.Decimal, tt.group, tt.decimal)
		}
	}
}

func TestScan(t *testing.T) {
	tests := []struct {
		locale, s string
		want      Number
	}{
		{"en", "3,767 bodies", Number{Len: 5, Value: "3767", Grouped: true, Runs: []string{"3", "767"}}},
		{"en", "3.5%", Number{Len: 3, Value: "3.5", Frac: 1, Runs: []string{"3", "5"}}},
		{"en", "2024, then", Number{Len: 4, Value: "2024", Runs: []string{"2024"}}},
		{"en", "1,23 not grouped", Number{Len: 1, Value: "1", Runs: []string{"1"}}},
		{"en", "007", Number{Len: 3, Value: "7", Runs: []string{"007"}}},
		{"uk", "3\u00a0767,5 осіб", Number{Len: 8, Value: "3767.5", Frac: 1, Grouped: true, Runs: []string{"3", "767", "5"}}},
		{"uk", "14 000", Number{Len: 6, Value: "14000", Grouped: true, Runs: []string{"14", "000"}}},
		{"uk", "3,767", Number{Len: 5, Value: "3.767", Frac: 3, Runs: []string{"3", "767"}}},
		{"en", "no number", Number{}},
	}
	for _, tt := range tests {
		if got := Of(tt.locale).Scan(tt.s); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s Scan(%q) = %+v, want %+v", tt.locale, tt.s, got, tt.want)
		}
	}
}

func TestWrite(t *testing.T) {
	tests := []struct {
		from, to, s string
		want        string
		ok          bool
	}{
		{"en", "uk", "3,956", "3\u00a0956", true},
		{"en", "ru", "14,000", "14\u00a0000", true},
		{"en", "uk", "2025", "2025", true},
		{"en", "uk", "3.50", "3,50", true},
		{"en", "en", "1,234,567", "1,234,567", true},
		{"en", "uk", "99999999999999999999", "", false},
	}
	for _, tt := range tests {
		n := Of(tt.from).Scan(tt.s)
		if got, ok := Of(tt.to).Write(n); got != tt.want || ok != tt.ok {
			t.Errorf("%s→%s Write(%q) = %q %v, want %q %v", tt.from, tt.to, tt.s, got, ok, tt.want, tt.ok)
		}
	}
}
