package i18n

import (
	"testing"
	"testing/fstest"
)

// TestNumbersFollowCLDR: grouping, decimal sign and percent sign change
// with the language, as CLDR says; digits are Latin everywhere.
func TestNumbersFollowCLDR(t *testing.T) {
	fsys := fstest.MapFS{
		"i18n/en.json": {Data: []byte(`{"list_separator": ", "}`)},
		"i18n/ar.json": {Data: []byte(`{"list_separator": "، "}`)},
		"i18n/zh.json": {Data: []byte(`{"list_separator": "、"}`)},
	}
	c, err := LoadCatalog(fsys, "i18n", "en")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang                    string
		number, percent, symbol string
		list                    string
	}{
		{"en", "5,224,200,000", "78.14%", "₹", "a, b, c"},
		{"fr", "5\u00a0224\u00a0200\u00a0000", "78,14\u00a0%", "₹", "a, b, c"},
		{"es", "5.224.200.000", "78,14\u00a0%", "INR", "a, b, c"}, // CLDR: Spanish writes this one as its code,
		{"ru", "5\u00a0224\u00a0200\u00a0000", "78,14\u00a0%", "₹", "a, b, c"},
		// Arabic keeps its percent sign's place but, like the site's
		// years and dates, Latin digits.
		{"ar", "5,224,200,000", "78.14\u200e%\u200e", "₹", "a، b، c"},
		{"zh", "5,224,200,000", "78.14%", "₹", "a、b、c"},
	}
	for _, tt := range tests {
		l, err := c.Localizer(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := l.Number(5224200000); got != tt.number {
			t.Errorf("%s: Number = %q, want %q", tt.lang, got, tt.number)
		}
		if got := l.Percent(78.14); got != tt.percent {
			t.Errorf("%s: Percent = %q, want %q", tt.lang, got, tt.percent)
		}
		if got, ok := l.CurrencySymbol("INR"); !ok || got != tt.symbol {
			t.Errorf("%s: CurrencySymbol(INR) = %q, %v, want %q", tt.lang, got, ok, tt.symbol)
		}
		if got, err := l.List([]string{"a", "b", "c"}); err != nil || got != tt.list {
			t.Errorf("%s: List = %q, %v, want %q", tt.lang, got, err, tt.list)
		}
	}
	en, _ := c.Localizer("en")
	if s, ok := en.CurrencySymbol("ZZZ"); ok {
		t.Errorf("CurrencySymbol(ZZZ) = %q, want no currency", s)
	}
	if s, _ := en.CurrencySymbol("USD"); s != "$" {
		t.Errorf("CurrencySymbol(USD) in English = %q, want $", s)
	}
}
