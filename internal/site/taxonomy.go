package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
)

// describe derives everything a blueprint page shows from its frontmatter.
// Terms are created here and filled with pages by buildTaxonomies.
func (b *builder) describe(p *Page, loc *i18n.Localizer) *Blueprint {
	bp := p.doc.Blueprint
	d := &Blueprint{Blueprint: bp, LicenseID: cmp.Or(bp.License, "CC-BY-4.0")}
	t := func(id string) string {
		s, err := loc.T(id)
		if err != nil {
			b.diags.Errorf(p.doc.FieldPos(""), "theme: %v", err)
		}
		return s
	}
	term := func(tax, key, label string) *Term {
		return &Term{Taxonomy: tax, Key: key, Label: label, Dir: p.Lang + "/" + tax + "/" + strings.ToLower(key) + "/"}
	}
	d.Type = term("types", bp.Type, t("type."+bp.Type))
	d.Stage = term("stages", bp.Stage, t("stage."+bp.Stage))
	regions := map[geo.Region]bool{}
	groups := map[string]bool{}
	for i, code := range bp.Countries {
		if code == "global" {
			d.Countries = append(d.Countries, term("countries", code, t("country.global")))
			continue
		}
		c, ok := b.geo.Lookup(code)
		if !ok {
			b.diags.Errorf(p.doc.FieldPos(fmt.Sprintf("/countries/%d", i)), "countries: %q is not an ISO 3166-1 alpha-2 country code", code)
			continue
		}
		d.Countries = append(d.Countries, term("countries", code, loc.Country(code)))
		if c.Region != "" {
			regions[c.Region] = true
		}
		groups["ldc"] = groups["ldc"] || c.LDC
		groups["lldc"] = groups["lldc"] || c.LLDC
		groups["sids"] = groups["sids"] || c.SIDS
	}
	for i, r := range geo.Regions() {
		if regions[r] {
			rt := term("regions", string(r), t("region."+string(r)))
			rt.order = i
			d.Regions = append(d.Regions, rt)
		}
	}
	for _, g := range []string{"ldc", "lldc", "sids"} {
		if groups[g] {
			d.Groups = append(d.Groups, t("group."+g))
		}
	}
	for _, n := range bp.SDGs {
		st := term("sdgs", strconv.Itoa(n), t("sdg."+strconv.Itoa(n)))
		st.order = n
		d.SDGs = append(d.SDGs, st)
	}
	slices.SortFunc(d.SDGs, func(x, y *Term) int { return cmp.Compare(x.order, y.order) })
	for i, tag := range bp.Tags {
		if len(tag) > maxOutputName {
			// A tag is a directory of the output: it must fit a file name.
			b.diags.Errorf(p.doc.FieldPos(fmt.Sprintf("/tags/%d", i)), "tags: a tag of %d bytes cannot be a page's directory (at most %d); shorten it", len(tag), maxOutputName)
			continue
		}
		d.Tags = append(d.Tags, term("tags", tag, tag))
	}
	for _, o := range bp.Outcomes {
		v := strconv.FormatFloat(o.Value, 'f', -1, 64)
		if o.Unit != "" {
			v += " " + o.Unit
		}
		d.Outcomes = append(d.Outcomes, Outcome{Outcome: o, ValueText: v})
	}
	if pr := bp.Period; pr != nil && pr.Start != 0 {
		switch {
		case pr.End == 0:
			text, err := loc.Format("period_ongoing", map[string]any{"Start": pr.Start})
			if err != nil {
				b.diags.Errorf(p.doc.FieldPos("/period"), "theme: %v", err)
			}
			d.PeriodText = text
		case pr.End == pr.Start:
			d.PeriodText = strconv.Itoa(pr.Start)
		default:
			d.PeriodText = fmt.Sprintf("%d–%d", pr.Start, pr.End)
		}
	}
	if f := bp.Funding; f != nil {
		var parts []string
		if f.Model != "" {
			parts = append(parts, t("funding."+f.Model))
		}
		if f.Amount > 0 {
			parts = append(parts, f.Currency+" "+groupThousands(f.Amount))
		}
		d.FundingText = strings.Join(parts, " · ")
	}
	return d
}

// groupThousands writes 14500000 as "14,500,000". A locale-aware number
// format belongs to the i18n work; this keeps large amounts readable now.
func groupThousands(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// buildTaxonomies collects the terms of every blueprint of one language
// into one index page per taxonomy and one page per term.
func (b *builder) buildTaxonomies(lang content.Language, loc *i18n.Localizer, home *Page, blueprints []*Page, t func(string) string) {
	byTax := map[string]map[string]*Term{}
	for _, name := range taxonomyNames() {
		byTax[name] = map[string]*Term{}
	}
	collect := func(p *Page, terms ...*Term) {
		for _, tm := range terms {
			shared, ok := byTax[tm.Taxonomy][tm.Key]
			if !ok {
				shared = &Term{Taxonomy: tm.Taxonomy, Key: tm.Key, Label: tm.Label, Dir: tm.Dir, order: tm.order}
				byTax[tm.Taxonomy][tm.Key] = shared
			}
			shared.Pages = append(shared.Pages, p)
			shared.Count++
		}
	}
	for _, p := range blueprints {
		d := p.Blueprint
		collect(p, d.Type, d.Stage)
		collect(p, d.Countries...)
		collect(p, d.Regions...)
		collect(p, d.SDGs...)
		collect(p, d.Tags...)
	}
	b.terms[lang.Code] = map[string][]*Term{}
	for _, name := range taxonomyNames() {
		terms := make([]*Term, 0, len(byTax[name]))
		for _, tm := range byTax[name] {
			terms = append(terms, tm)
		}
		switch name {
		case "sdgs", "regions":
			slices.SortFunc(terms, func(x, y *Term) int { return cmp.Compare(x.order, y.order) })
		default:
			slices.SortFunc(terms, func(x, y *Term) int { return cmp.Compare(x.Key, y.Key) })
			i18n.SortFunc(loc, terms, func(tm *Term) string { return tm.Label })
		}
		b.terms[lang.Code][name] = terms
		index := &Page{Kind: "taxonomy", Lang: lang.Code, Dir: lang.Code + "/" + name + "/", Key: name + "/",
			Section: name, Title: t("taxonomy." + name), Taxonomy: name, Breadcrumbs: []*Page{home}}
		b.add(index)
		for _, tm := range terms {
			b.add(&Page{Kind: "term", Lang: lang.Code, Dir: tm.Dir, Key: strings.TrimPrefix(tm.Dir, lang.Code+"/"),
				Section: name, Title: tm.Label, Taxonomy: name, Items: tm.Pages, Breadcrumbs: []*Page{home, index}})
		}
	}
}

// normalizePath folds what file systems may treat as equal: case (macOS,
// Windows) and Unicode normalisation (macOS).
func normalizePath(p string) string {
	return strings.ToLower(norm.NFC.String(p))
}
