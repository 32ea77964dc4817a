package worldmap

import (
	"strings"
	"testing"
)

func TestSVG(t *testing.T) {
	svg := SVG("Blueprints by country", `Kenya has "most"`, map[string]Country{
		"KE": {Count: 7, Href: "../countries/ke/", Label: "Kenya: 7 blueprints"},
		"BR": {Count: 1, Href: "../countries/br/", Label: `<script>`},
		"FR": {Count: 0, Href: "../countries/fr/", Label: "France"},
	})
	for _, want := range []string{
		`role="group" aria-labelledby="map-title map-desc"`,
		`<desc id="map-desc">Kenya has &#34;most&#34;</desc>`,
		`<a href="../countries/ke/"><path class="c4" d="M`,
		`<title>Kenya: 7 blueprints</title>`,
		`<title>&lt;script&gt;</title>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("map lacks %s", want)
		}
	}
	if strings.Contains(svg, "../countries/fr/") {
		t.Error("a country without blueprints is linked")
	}
	if n := strings.Count(svg, "<path"); n < 150 {
		t.Errorf("%d countries drawn; the shapes did not load", n)
	}
}

func TestShapesCoverTheCountriesWithBlueprints(t *testing.T) {
	for _, code := range []string{"KE", "NG", "GH", "RW", "EG", "TN", "IN", "ID", "BD", "BR", "CL", "MX", "CO", "KZ", "AM", "UZ", "EE", "FI", "FR", "BY", "UA"} {
		if !strings.Contains(shapes, code+"\t") {
			t.Errorf("no shape for %s", code)
		}
	}
}
