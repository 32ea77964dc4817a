package site

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/theme"
)

// Stats are the coverage figures of a built site: how many blueprints
// there are, of which kinds, where, and how far each language's
// translations have got. They are a report for editors planning the next
// contributions ("blueprints stats"), not a rule: check judges files,
// these figures judge nothing.
type Stats struct {
	DefaultLanguage string `json:"default_language"`
	// Blueprints counts the published blueprints of each language.
	Blueprints map[string]int `json:"blueprints"`
	// The default language's blueprints by type, ITU region, stage and
	// SDG; a blueprint counts once in each region and SDG it names.
	ByType   map[string]int `json:"by_type"`
	ByRegion map[string]int `json:"by_region"`
	ByStage  map[string]int `json:"by_stage"`
	BySDG    map[string]int `json:"by_sdg"`
	// ByGroup counts the default language's blueprints that name at least
	// one country of each UN M49 group: ldc, lldc, sids.
	ByGroup map[string]int `json:"by_group"`
	// Countries counts the distinct countries the blueprints cover.
	Countries int `json:"countries"`
	// Translations counts the pages of each other language by state
	// (current, outdated, unstamped, missing, orphaned).
	Translations map[string]map[string]int `json:"translations"`
}

// Stats computes the coverage figures of the output. It needs the search
// documents, so it works on the output of a Build without Config.Index.
func (o *Output) Stats() (Stats, error) {
	countryTable, err := geo.Load()
	if err != nil {
		return Stats{}, err
	}
	s := Stats{
		DefaultLanguage: o.DefaultLanguage,
		Blueprints:      map[string]int{},
		ByType:          map[string]int{},
		ByRegion:        map[string]int{},
		ByStage:         map[string]int{},
		BySDG:           map[string]int{},
		ByGroup:         map[string]int{},
		Translations:    map[string]map[string]int{},
	}
	countries := map[string]bool{}
	for _, d := range o.Search {
		if d.Kind != theme.KindBlueprint.String() {
			continue
		}
		s.Blueprints[d.Lang]++
		if d.Lang != o.DefaultLanguage {
			continue
		}
		count := func(m map[string]int, facet string) {
			for _, v := range d.Facets[facet] {
				m[v]++
			}
		}
		count(s.ByType, "type")
		count(s.ByRegion, "region")
		count(s.ByStage, "stage")
		count(s.BySDG, "sdg")
		groups := map[string]bool{}
		for _, c := range d.Facets["country"] {
			if c == "global" {
				continue
			}
			countries[c] = true
			if country, ok := countryTable.Lookup(strings.ToUpper(c)); ok {
				groups["ldc"] = groups["ldc"] || country.LDC
				groups["lldc"] = groups["lldc"] || country.LLDC
				groups["sids"] = groups["sids"] || country.SIDS
			}
		}
		for g, in := range groups {
			if in {
				s.ByGroup[g]++
			}
		}
	}
	s.Countries = len(countries)
	for _, st := range o.Translations {
		if s.Translations[st.Lang] == nil {
			s.Translations[st.Lang] = map[string]int{}
		}
		s.Translations[st.Lang][st.State]++
	}
	return s, nil
}

// SortedKeys lists a figure's keys in order, for a report: numbers (SDGs)
// by value, words alphabetically.
func SortedKeys(m map[string]int) []string {
	return slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		x, errA := strconv.Atoi(a)
		y, errB := strconv.Atoi(b)
		if errA == nil && errB == nil {
			return cmp.Compare(x, y)
		}
		return strings.Compare(a, b)
	})
}
