// Package geo derives, from a blueprint's ISO 3166-1 alpha-2 country codes,
// the groupings that blueprints are compared and filtered by: the ITU-D
// region (the regional split ITU's Telecommunication Development Bureau uses
// for its Member States) and the UN M49 development groupings (least
// developed countries, landlocked developing countries and small island
// developing States).
//
// The data lives in countries.tsv, one row per officially assigned ISO 3166-1
// alpha-2 code, so that a change to a UN or ITU list is a one-line data edit
// reviewed on its own rather than a code change. The table is embedded so the
// binary needs no data files at run time, and it is parsed by Load rather than
// at package initialisation so that a bad row is an error the caller sees
// instead of a panic in init.
package geo

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed countries.tsv
var countriesTSV string

// Region is an ITU-D (BDT) region.
type Region string

// The six ITU-D regions. The values are the spellings used in countries.tsv.
const (
	Africa      Region = "africa"
	Americas    Region = "americas"
	ArabStates  Region = "arab-states"
	AsiaPacific Region = "asia-pacific"
	CIS         Region = "cis"
	Europe      Region = "europe"
)

// noRegion is how countries.tsv spells "no region", for uninhabited
// territories such as Antarctica that no ITU-D region covers.
const noRegion = "-"

// Regions returns the six ITU-D regions in a fixed order, so that listings
// and reports built from it are stable. It returns a new slice on each call
// so callers may modify it.
func Regions() []Region {
	return []Region{Africa, Americas, ArabStates, AsiaPacific, CIS, Europe}
}

// Country is one row of the table.
type Country struct {
	// Code is the ISO 3166-1 alpha-2 code, in upper case.
	Code string
	// Region is the ITU-D region. It is empty for territories that no
	// region covers (Antarctica and similar uninhabited areas). Territories
	// that are not ITU Member States are placed in the region of their
	// geography.
	Region Region
	// LDC, LLDC and SIDS report membership of the UN M49 groupings of least
	// developed countries, landlocked developing countries and small island
	// developing States.
	LDC, LLDC, SIDS bool
}

// Table is the parsed country table. It is read-only once loaded, so one
// Table may be shared between goroutines.
type Table struct {
	byCode map[string]Country
	codes  []string // sorted
}

// Load parses the embedded country table.
func Load() (*Table, error) {
	return parse(countriesTSV)
}

// header is the exact first line countries.tsv must have; checking it catches
// a reordering of the columns, which would otherwise silently misassign flags.
const header = "code\titu_region\tldc\tlldc\tsids"

// parse reads a table in the countries.tsv format. It is separate from Load
// so tests can feed it malformed input. Errors name the 1-based line number.
func parse(data string) (*Table, error) {
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	if lines[0] != header {
		return nil, fmt.Errorf("countries.tsv:1: header is %q, want %q", lines[0], header)
	}
	t := &Table{byCode: make(map[string]Country, len(lines)-1)}
	for i, line := range lines[1:] {
		lineNo := i + 2
		c, err := parseRow(line)
		if err != nil {
			return nil, fmt.Errorf("countries.tsv:%d: %w", lineNo, err)
		}
		if _, dup := t.byCode[c.Code]; dup {
			return nil, fmt.Errorf("countries.tsv:%d: duplicate code %s", lineNo, c.Code)
		}
		t.byCode[c.Code] = c
		t.codes = append(t.codes, c.Code)
	}
	slices.Sort(t.codes)
	return t, nil
}

func parseRow(line string) (Country, error) {
	f := strings.Split(line, "\t")
	if len(f) != 5 {
		return Country{}, fmt.Errorf("want 5 tab-separated fields, got %d", len(f))
	}
	c := Country{Code: f[0]}
	if !isAlpha2(c.Code) {
		return Country{}, fmt.Errorf("code %q is not two upper-case letters", c.Code)
	}
	if f[1] != noRegion {
		c.Region = Region(f[1])
		if !slices.Contains(Regions(), c.Region) {
			return Country{}, fmt.Errorf("%s: unknown region %q", c.Code, f[1])
		}
	}
	for j, dst := range []*bool{&c.LDC, &c.LLDC, &c.SIDS} {
		switch f[2+j] {
		case "1":
			*dst = true
		case "0":
		default:
			return Country{}, fmt.Errorf("%s: %s is %q, want 0 or 1", c.Code, strings.Split(header, "\t")[2+j], f[2+j])
		}
	}
	return c, nil
}

func isAlpha2(s string) bool {
	return len(s) == 2 && 'A' <= s[0] && s[0] <= 'Z' && 'A' <= s[1] && s[1] <= 'Z'
}

// Lookup returns the country with the given ISO 3166-1 alpha-2 code. The
// match is exact: codes are upper case, and a lower-case or unassigned code
// reports false so that a validator can flag it rather than guess.
func (t *Table) Lookup(code string) (Country, bool) {
	c, ok := t.byCode[code]
	return c, ok
}

// Codes returns every code in the table, sorted. The slice is a copy.
func (t *Table) Codes() []string {
	return slices.Clone(t.codes)
}
