// Command gen turns Natural Earth country shapes (the TopoJSON of the npm
// package world-atlas, public domain) into countries.tsv: one line per
// country, its ISO 3166-1 alpha-2 code and an SVG path in the map's
// 1000×420 equirectangular frame, rounded to whole units to stay small.
//
//	npm install world-atlas@2.0.2
//	go run ./internal/worldmap/gen node_modules/world-atlas/countries-110m.json > internal/worldmap/countries.tsv
package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

type topology struct {
	Transform struct {
		Scale     [2]float64 `json:"scale"`
		Translate [2]float64 `json:"translate"`
	} `json:"transform"`
	Arcs    [][][2]float64 `json:"arcs"`
	Objects struct {
		Countries struct {
			Geometries []struct {
				Type string          `json:"type"`
				Arcs json.RawMessage `json:"arcs"`
				ID   string          `json:"id"`
			} `json:"geometries"`
		} `json:"countries"`
	} `json:"objects"`
}

const (
	width, height = 1000.0, 420.0
	north, south  = 84.0, -58.0 // Antarctica is left out
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fail(err)
	}
	var t topology
	if err := json.Unmarshal(data, &t); err != nil {
		fail(err)
	}
	// Decode the delta-encoded, quantized arcs into lon/lat points.
	arcs := make([][][2]float64, len(t.Arcs))
	for i, arc := range t.Arcs {
		var x, y float64
		for _, p := range arc {
			x, y = x+p[0], y+p[1]
			arcs[i] = append(arcs[i], [2]float64{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]})
		}
	}
	ring := func(indexes []int) [][2]float64 {
		var pts [][2]float64
		for _, i := range indexes {
			var a [][2]float64
			if i < 0 {
				a = reversed(arcs[^i]) // a negative index means the arc reversed
			} else {
				a = arcs[i]
			}
			if len(pts) > 0 {
				a = a[1:] // arcs share their end points
			}
			pts = append(pts, a...)
		}
		return pts
	}
	lines := map[string]string{}
	for _, g := range t.Objects.Countries.Geometries {
		n, err := strconv.Atoi(g.ID)
		if err != nil {
			continue // disputed areas without an ISO code
		}
		region, err := language.EncodeM49(n)
		if err != nil || !region.IsCountry() {
			continue
		}
		var polygons [][][]int
		switch g.Type {
		case "Polygon":
			var p [][]int
			json.Unmarshal(g.Arcs, &p)
			polygons = [][][]int{p}
		case "MultiPolygon":
			json.Unmarshal(g.Arcs, &polygons)
		}
		var d strings.Builder
		for _, poly := range polygons {
			for _, r := range poly {
				d.WriteString(path(ring(r)))
			}
		}
		if d.Len() > 0 {
			lines[region.String()] += d.String()
		}
	}
	codes := make([]string, 0, len(lines))
	for c := range lines {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Printf("%s\t%s\n", c, lines[c])
	}
}

// path projects a ring and writes it as "M x y L … Z", dropping points
// that round onto the previous one. A ring that crosses the antimeridian
// (Russia's far east, Fiji) is unwrapped so it stays one shape, and drawn
// a second time one map-width over, so each half shows at its own edge.
func path(pts [][2]float64) string {
	xs := make([]float64, len(pts))
	ys := make([]float64, len(pts))
	offset := 0.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range pts {
		lat := math.Max(p[1], south)
		x := (p[0]+180)/360*width + offset
		if i > 0 {
			if d := x - xs[i-1]; d > width/2 {
				offset -= width
				x -= width
			} else if d < -width/2 {
				offset += width
				x += width
			}
		}
		xs[i], ys[i] = x, (north-lat)/(north-south)*height
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	d := draw(xs, ys, 0)
	switch {
	case lo < 0:
		d += draw(xs, ys, width)
	case hi > width:
		d += draw(xs, ys, -width)
	}
	return d
}

func draw(xs, ys []float64, shift float64) string {
	var b strings.Builder
	var last [2]int
	n := 0
	for i := range xs {
		x, y := int(math.Round(xs[i]+shift)), int(math.Round(ys[i]))
		if i > 0 && x == last[0] && y == last[1] {
			continue
		}
		if n == 0 {
			fmt.Fprintf(&b, "M%d %d", x, y)
		} else {
			fmt.Fprintf(&b, "L%d %d", x, y)
		}
		last = [2]int{x, y}
		n++
	}
	if n < 3 {
		return "" // too small to see at this scale
	}
	return b.String() + "Z"
}

func reversed(a [][2]float64) [][2]float64 {
	out := make([][2]float64, len(a))
	for i := range a {
		out[i] = a[len(a)-1-i]
	}
	return out
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}
