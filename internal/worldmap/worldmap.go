// Package worldmap draws the world map of the site: a static SVG, made at
// build time, that shades each country by how many blueprints it has and
// links it to that country's page. No script, no tiles, no request to any
// other host. The shapes are Natural Earth's (public domain, through the
// npm package world-atlas), projected and rounded by ./gen into
// countries.tsv.
package worldmap

import (
	"bufio"
	_ "embed"
	"fmt"
	"html"
	"strings"
)

//go:embed countries.tsv
var shapes string

// Country is what the map shows of one country.
type Country struct {
	Count int    // blueprints; 0 leaves the country unshaded and unlinked
	Href  string // link to the country's page
	Label string // accessible name, e.g. "Kenya: 7 blueprints"
}

// SVG draws the map, as a group (not an image: it holds links) named by
// title and described by desc for screen readers; countries
// maps ISO 3166-1 alpha-2 codes to what to show. Shading steps are the
// classes c1–c4 (1, 2–3, 4–6, 7 or more blueprints), which the theme's
// stylesheet colours, so dark mode and print can restyle them.
func SVG(title, desc string, countries map[string]Country) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="map" viewBox="0 0 1000 420" role="group" aria-labelledby="map-title map-desc" xmlns="http://www.w3.org/2000/svg"><title id="map-title">%s</title><desc id="map-desc">%s</desc>`,
		html.EscapeString(title), html.EscapeString(desc))
	sc := bufio.NewScanner(strings.NewReader(shapes))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		code, d, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		c := countries[code]
		if c.Count == 0 || c.Href == "" {
			fmt.Fprintf(&b, `<path d="%s"/>`, d)
			continue
		}
		fmt.Fprintf(&b, `<a href="%s"><path class="%s" d="%s"><title>%s</title></path></a>`,
			html.EscapeString(c.Href), shade(c.Count), d, html.EscapeString(c.Label))
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// Shade is one step of the map's shading: the class that colours a
// country with Min to Max blueprints (Max 0: Min or more).
type Shade struct {
	Class    string
	Min, Max int
}

// Shades lists the shading steps, lightest first, for a legend.
func Shades() []Shade {
	return []Shade{{"c1", 1, 1}, {"c2", 2, 3}, {"c3", 4, 6}, {"c4", 7, 0}}
}

func shade(n int) string {
	steps := Shades()
	for i := len(steps) - 1; i > 0; i-- {
		if n >= steps[i].Min {
			return steps[i].Class
		}
	}
	return steps[0].Class
}
