package site

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/geo"
	"github.com/openblueprints/blueprints/internal/i18n"
	"github.com/openblueprints/blueprints/internal/theme"
)

// describe derives everything a blueprint page shows from its frontmatter.
// Terms are created here and filled with pages by buildTaxonomies.
func (b *builder) describe(p *Page, loc *i18n.Localizer) *Blueprint {
	bp := p.doc.Blueprint
	// A fallback page shows its original's frontmatter, whose problems
	// are reported once, against the original.
	errorf := b.diags.Errorf
	if p.Original != nil {
		errorf = func(diag.Pos, string, ...any) {}
	}
	d := &Blueprint{Blueprint: bp, LicenseID: cmp.Or(bp.License, "CC-BY-4.0")}
	t := func(id string) string {
		s, err := loc.T(id)
		if err != nil {
			errorf(p.doc.FieldPos(""), "theme: %v", err)
		}
		return s
	}
	term := func(tax, key string) *Term {
		label, err := b.termLabel(loc, tax, key)
		if err != nil {
			b.diags.Errorf(p.doc.FieldPos(""), "theme: %v", err)
		}
		return &Term{Taxonomy: tax, Key: key, Label: label, Dir: p.Lang + "/" + tax + "/" + strings.ToLower(key) + "/"}
	}
	d.Type = term("types", bp.Type)
	d.Stage = term("stages", bp.Stage)
	regions := map[geo.Region]bool{}
	groups := map[string]bool{}
	for i, code := range bp.Countries {
		if code == "global" {
			d.Countries = append(d.Countries, term("countries", code))
			continue
		}
		c, ok := b.geo.Lookup(code)
		if !ok {
			errorf(p.doc.FieldPos(fmt.Sprintf("/countries/%d", i)), "countries: %q is not an ISO 3166-1 alpha-2 country code", code)
			continue
		}
		d.Countries = append(d.Countries, term("countries", code))
		if c.Region != "" {
			regions[c.Region] = true
		}
		groups["ldc"] = groups["ldc"] || c.LDC
		groups["lldc"] = groups["lldc"] || c.LLDC
		groups["sids"] = groups["sids"] || c.SIDS
	}
	for i, r := range geo.Regions() {
		if regions[r] {
			rt := term("regions", string(r))
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
		st := term("sdgs", strconv.Itoa(n))
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
		b.checkVocabulary(p, "tags", i, tag)
		d.Tags = append(d.Tags, term("tags", tag))
	}
	for i, g := range bp.TargetGroups {
		b.checkVocabulary(p, "target_groups", i, g)
		d.TargetGroups = append(d.TargetGroups, b.vocabularyLabel("target_groups", g, p.Lang))
	}
	b.checkSourcesHeading(p, loc)
	for _, o := range bp.Outcomes {
		value, err := formatValue(loc, o.Value, o.Unit)
		if err != nil {
			b.diags.Errorf(p.doc.FieldPos(""), "theme: %v", err)
		}
		d.Outcomes = append(d.Outcomes, Outcome{Outcome: o, ValueText: value, SourceText: sourceText(bp.Sources, o.Source)})
	}
	if pr := bp.Period; pr != nil && pr.Start != 0 {
		switch {
		case pr.End == 0:
			text, err := loc.Format("period_ongoing", map[string]any{"Start": pr.Start})
			if err != nil {
				errorf(p.doc.FieldPos("/period"), "theme: %v", err)
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
			amount, err := formatValue(loc, f.Amount, f.Currency)
			if err != nil {
				b.diags.Errorf(p.doc.FieldPos("/funding"), "theme: %v", err)
			}
			parts = append(parts, amount)
		}
		d.FundingText = strings.Join(parts, " · ")
	}
	return d
}

// termLabel is what a reader of loc's language sees for a taxonomy term.
// A page shown in another language (an untranslated blueprint on a French
// list) asks again in the reader's language, so labels never mix.
func (b *builder) termLabel(loc *i18n.Localizer, taxonomy, key string) (string, error) {
	switch taxonomy {
	case "types":
		return loc.T("type." + key)
	case "stages":
		return loc.T("stage." + key)
	case "regions":
		return loc.T("region." + key)
	case "sdgs":
		return loc.T("sdg." + key)
	case "countries":
		if key == "global" {
			return loc.T("country.global")
		}
		return loc.Country(key), nil
	case "tags":
		return b.vocabularyLabel("tags", key, loc.Lang()), nil
	}
	return key, nil
}

// vocabularyLabel is the label of a target group or tag in lang, from
// content/data/vocabulary.yaml; the value as typed when it has none.
func (b *builder) vocabularyLabel(field, value, lang string) string {
	if label, ok := b.content.Vocabulary.Label(field, value, lang); ok {
		return label
	}
	return value
}

// checkVocabulary warns, once per file, about a target group or tag the
// site's vocabulary does not label: readers would see the raw value.
func (b *builder) checkVocabulary(p *Page, field string, i int, value string) {
	v := b.content.Vocabulary
	if !v.Has() {
		return
	}
	if _, ok := v.Label(field, value, p.Lang); !ok {
		b.diags.Warnf(p.doc.FieldPos(fmt.Sprintf("/%s/%d", field, i)), "%s: %q has no label in content/data/vocabulary.yaml; add it there with a label in every language, or use a value that has one", field, value)
	}
}

// checkSourcesHeading warns about a body section that lists sources: the
// page already shows them, from the frontmatter's sources, under the
// theme's own heading, so readers would see them twice.
func (b *builder) checkSourcesHeading(p *Page, loc *i18n.Localizer) {
	if len(p.doc.Blueprint.Sources) == 0 {
		return
	}
	var names []string
	for _, id := range []string{"sources", "references"} {
		if name, err := loc.T(id); err == nil {
			names = append(names, name)
		}
	}
	for _, h := range p.TOC {
		text := strings.TrimSpace(h.Text)
		if h.Level == 2 && slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(n, text) }) {
			b.diags.Warnf(h.Pos, "the section %q repeats the sources the page already lists from the frontmatter's sources; remove the section and keep each entry in sources", text)
		}
	}
}

// formatValue writes an outcome's value (or a funding amount) in the
// language's number format: a currency code as unit gives an amount of
// money, "percent" a percentage, any other unit follows the number.
func formatValue(loc *i18n.Localizer, v float64, unit string) (string, error) {
	// Only upper-case codes are currencies: "CUP" is Cuba's peso, "cup"
	// may be a unit.
	if symbol, ok := loc.CurrencySymbol(unit); ok && unit == strings.ToUpper(unit) {
		// The catalog places the symbol as the language does: "$2,500"
		// in English, "2 500 $US" in French.
		return loc.Format("money", map[string]any{"Symbol": symbol, "Amount": loc.Number(v)})
	}
	switch {
	case unit == "percent" || unit == "%":
		return loc.Percent(v), nil
	case unit == "":
		return loc.Number(v), nil
	}
	return loc.Number(v) + " " + unit, nil
}

// sourceText is the link text of an outcome's source: the publisher of
// the blueprint's source with that URL (short enough for a table column
// on a phone; the list of sources below gives the title), or its title,
// else the URL's host, so every link says where it goes.
func sourceText(sources []content.Source, url string) string {
	for _, s := range sources {
		if s.URL == url {
			return cmp.Or(s.Publisher, s.Title)
		}
	}
	host := url
	if _, rest, ok := strings.Cut(url, "://"); ok {
		host = rest
	}
	host, _, _ = strings.Cut(host, "/")
	return strings.TrimPrefix(host, "www.")
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
		index := &Page{Kind: theme.KindTaxonomy, Lang: lang.Code, Dir: lang.Code + "/" + name + "/", Key: name + "/",
			Section: name, Title: t("taxonomy." + name), Taxonomy: name, Breadcrumbs: []*Page{home}}
		b.add(index)
		for _, tm := range terms {
			b.add(&Page{Kind: theme.KindTerm, Lang: lang.Code, Dir: tm.Dir, Key: strings.TrimPrefix(tm.Dir, lang.Code+"/"),
				Section: name, Title: tm.Label, Taxonomy: name, Items: tm.Pages, Breadcrumbs: []*Page{home, index}})
		}
	}
}

// normalizePath folds what file systems may treat as equal: case (macOS,
// Windows) and Unicode normalisation (macOS).
func normalizePath(p string) string {
	return strings.ToLower(norm.NFC.String(p))
}
