package geo

import (
	"slices"
	"strings"
	"testing"
)

// isoAlpha2 is the list of ISO 3166-1 officially assigned alpha-2 codes
// (249 as of 2025), kept here independently of countries.tsv so that a row
// dropped, added or mistyped in the data file is caught.
const isoAlpha2 = `
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI
BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN
CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK
FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK
ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF
TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
VN VU WF WS YE YT ZA ZM ZW
`

func load(t *testing.T) *Table {
	t.Helper()
	tab, err := Load()
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return tab
}

func TestCodesAreISOAssigned(t *testing.T) {
	want := strings.Fields(isoAlpha2)
	if len(want) != 249 {
		t.Fatalf("reference list has %d codes, want 249", len(want))
	}
	got := load(t).Codes()
	if !slices.IsSorted(got) {
		t.Errorf("Codes() is not sorted")
	}
	for _, c := range want {
		if _, ok := slices.BinarySearch(got, c); !ok {
			t.Errorf("table lacks %s", c)
		}
	}
	for _, c := range got {
		if !slices.Contains(want, c) {
			t.Errorf("table has %s, which is not an assigned ISO 3166-1 code", c)
		}
	}
}

func TestCodesReturnsCopy(t *testing.T) {
	tab := load(t)
	tab.Codes()[0] = "ZZ"
	if tab.Codes()[0] == "ZZ" {
		t.Fatal("modifying the result of Codes changed the table")
	}
}

func TestSpotChecks(t *testing.T) {
	tab := load(t)
	tests := []Country{
		{Code: "KE", Region: Africa},
		{Code: "EG", Region: ArabStates},
		{Code: "KZ", Region: CIS, LLDC: true},
		{Code: "BR", Region: Americas},
		{Code: "IN", Region: AsiaPacific},
		{Code: "EE", Region: Europe},
		{Code: "FJ", Region: AsiaPacific, SIDS: true},
		{Code: "RW", Region: Africa, LDC: true, LLDC: true},
		{Code: "BT", Region: AsiaPacific, LLDC: true}, // graduated from LDC in 2023
		{Code: "ST", Region: Africa, SIDS: true},      // graduated from LDC in 2024
		{Code: "SB", Region: AsiaPacific, SIDS: true}, // graduated from LDC in 2024
		{Code: "BD", Region: AsiaPacific, LDC: true},  // graduation scheduled, not yet done
		{Code: "HT", Region: Americas, LDC: true, SIDS: true},
		{Code: "SD", Region: ArabStates, LDC: true},
		{Code: "RU", Region: CIS},
		{Code: "UA", Region: Europe},
		{Code: "AQ"}, // no region
	}
	for _, want := range tests {
		got, ok := tab.Lookup(want.Code)
		if !ok {
			t.Errorf("Lookup(%q): not found", want.Code)
			continue
		}
		if got != want {
			t.Errorf("Lookup(%q) = %+v, want %+v", want.Code, got, want)
		}
	}
}

func TestLookupIsExact(t *testing.T) {
	tab := load(t)
	for _, code := range []string{"ke", "XK", "", "KEN"} {
		if _, ok := tab.Lookup(code); ok {
			t.Errorf("Lookup(%q) found a country, want none", code)
		}
	}
}

func TestRegionsOrder(t *testing.T) {
	want := []Region{"africa", "americas", "arab-states", "asia-pacific", "cis", "europe"}
	if got := Regions(); !slices.Equal(got, want) {
		t.Errorf("Regions() = %v, want %v", got, want)
	}
}

// The ITU-D regions have 44 (Africa), 35 (Americas), 21 (Arab States),
// 38 (Asia-Pacific), 9 (CIS) and 46 (Europe) Member States; the table adds
// Palestine, Palau and non-member territories, so each count must be at least
// the membership and not much above it.
func TestRegionCounts(t *testing.T) {
	tab := load(t)
	count := map[Region]int{}
	for _, code := range tab.Codes() {
		c, _ := tab.Lookup(code)
		count[c.Region]++
	}
	bounds := map[Region][2]int{
		Africa:      {44, 50},
		Americas:    {35, 57},
		ArabStates:  {21, 24},
		AsiaPacific: {38, 57},
		CIS:         {8, 12},
		Europe:      {43, 55},
		"":          {1, 8},
	}
	for r, b := range bounds {
		if n := count[r]; n < b[0] || n > b[1] {
			t.Errorf("region %q has %d countries, want %d to %d", r, n, b[0], b[1])
		}
	}
}

// The flag columns are easy to mistype and no spot check covers every row,
// so their totals are pinned. Update these when the UN lists change.
func TestGroupTotals(t *testing.T) {
	tab := load(t)
	var ldc, lldc, sids int
	for _, code := range tab.Codes() {
		c, _ := tab.Lookup(code)
		if c.LDC {
			ldc++
		}
		if c.LLDC {
			lldc++
		}
		if c.SIDS {
			sids++
		}
	}
	if ldc != 43 {
		t.Errorf("%d LDCs, want 43", ldc)
	}
	if lldc != 32 {
		t.Errorf("%d LLDCs, want 32", lldc)
	}
	if sids != 53 {
		t.Errorf("%d SIDS, want 53", sids)
	}
}

func TestParseErrorsNameLine(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"bad header", "code\tregion\n", "countries.tsv:1:"},
		{"too few fields", header + "\nKE\tafrica\t0\t0\n", "countries.tsv:2:"},
		{"bad code", header + "\nKE\tafrica\t0\t0\t0\nke\tafrica\t0\t0\t0\n", "countries.tsv:3:"},
		{"bad region", header + "\nKE\tafrika\t0\t0\t0\n", "countries.tsv:2:"},
		{"bad flag", header + "\nKE\tafrica\t0\tyes\t0\n", "countries.tsv:2:"},
		{"duplicate", header + "\nKE\tafrica\t0\t0\t0\nKE\tafrica\t0\t0\t0\n", "countries.tsv:3:"},
		{"blank line", header + "\n\nKE\tafrica\t0\t0\t0\n", "countries.tsv:2:"},
	}
	for _, tc := range tests {
		_, err := parse(tc.data)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: parse error = %v, want prefix %q", tc.name, err, tc.want)
		}
	}
}
