// Package vocabulary describes the fields of a blueprint's frontmatter in
// one place: what each is called, what kind of value it holds, which of
// them become taxonomies (a page per value) and search facets, and where
// the labels of their values come from. Everything that lists blueprint
// fields derives from it: the taxonomies and search documents of package
// site, the bleve mapping and facets of package search, the filters the
// search API accepts, the types "blueprints new" offers, the blueprint
// fields content/data/vocabulary.yaml may label, and the message IDs the
// theme's catalogs must hold.
//
// The JSON Schema (content/schema/blueprint.schema.json) says what a valid
// value is; content.Blueprint holds the values. Tests in package content
// hold the three together: every schema property has an entry here and a
// Go field (or, for the simple lists Kind.Generic names, a place in
// content.Blueprint.Lists), and every entry and Go field has a property,
// so a field added to the schema alone fails a test instead of being
// validated and then dropped.
//
// Adding a field shown on the blueprint page, and perhaps a facet, is: an
// entry here, its property in the schema, its lines in the blueprint
// layout, and its labels in the theme's catalogs.
//
// The package imports only the standard library, so any package may use it.
package vocabulary

// Kind is what a field's value is, which decides how it is decoded and
// labelled.
type Kind int

const (
	Text      Kind = iota // one string, shown as written: title, summary
	Texts                 // short strings, shown as written
	Enum                  // one value of Field.Values, labelled by the catalogs
	Enums                 // values of Field.Values, labelled by the catalogs
	Slugs                 // free-form slugs, labelled by content/data/vocabulary.yaml
	Countries             // ISO 3166-1 alpha-2 codes or "global", labelled by CLDR
	Goals                 // Sustainable Development Goals by number, 1–17
	Date                  // YYYY-MM-DD
	Flag                  // true or false
	Paths                 // paths of other content files
	Record                // an object of its own shape (period, funding)
	Records               // a list of objects (organizations, sources)
	Derived               // not in the frontmatter: made from another field
)

// Generic reports whether a field of this kind can live without a Go
// field of its own: a list of strings that package content keeps in
// Blueprint.Lists and package site labels by its kind alone.
func (k Kind) Generic() bool { return k == Texts || k == Enums || k == Slugs }

// Field is one field of a blueprint, or a taxonomy derived from one.
type Field struct {
	// Name is the frontmatter key ("target_groups"); for a Derived field,
	// a name no frontmatter uses ("regions").
	Name string
	// GoField is the field of content.Blueprint that holds the value
	// ("TargetGroups"); empty for a Generic field kept in Blueprint.Lists,
	// and for a Derived one.
	GoField string
	Kind    Kind
	// From is the field a Derived field is made from.
	From string
	// Values are the values an Enum or Enums field allows, in the
	// schema's order; a test holds them to the schema's enum.
	Values []string
	// Catalog is the prefix of the message IDs that label the values:
	// "type." + "incubator". For Countries, it labels "global" only.
	Catalog string
	// Taxonomy, when set, makes a page per value under this plural name,
	// which is also the URL segment and the catalog's "taxonomy." ID:
	// "types" → en/types/incubator/.
	Taxonomy string
	// Facet, when set, makes the values a search facet and a filter of
	// the search API under this singular name, with the catalog's
	// "facet." ID: "type".
	Facet string
	// Ordered is set when the values have an order of their own (SDG
	// numbers, regions in the geo table's order); others sort by label.
	Ordered bool
	// Names is set when the values' labels are searched as names of the
	// page ("Incubator", "Kenya"), which rank above its body.
	Names bool
	// Shown is set when the blueprint page shows the field; its heading
	// there is the catalog's "field_" + Name, when it has one.
	Shown bool
}

// Blueprint lists the fields of a blueprint. Taxonomies and facets are
// shown in this order.
func Blueprint() []Field {
	return []Field{
		{Name: "title", GoField: "Title", Kind: Text, Shown: true},
		{Name: "summary", GoField: "Summary", Kind: Text, Shown: true},
		{Name: "type", GoField: "Type", Kind: Enum, Values: types(), Catalog: "type.", Taxonomy: "types", Facet: "type", Names: true, Shown: true},
		{Name: "regions", Kind: Derived, From: "countries", Catalog: "region.", Taxonomy: "regions", Facet: "region", Ordered: true, Names: true, Shown: true},
		{Name: "countries", GoField: "Countries", Kind: Countries, Catalog: "country.", Taxonomy: "countries", Facet: "country", Names: true, Shown: true},
		{Name: "sdgs", GoField: "SDGs", Kind: Goals, Catalog: "sdg.", Taxonomy: "sdgs", Facet: "sdg", Ordered: true, Shown: true},
		{Name: "stage", GoField: "Stage", Kind: Enum, Values: stages(), Catalog: "stage.", Taxonomy: "stages", Facet: "stage", Shown: true},
		{Name: "last_reviewed", GoField: "LastReviewed", Kind: Date, Shown: true},
		{Name: "organizations", GoField: "Organizations", Kind: Records, Shown: true},
		{Name: "period", GoField: "Period", Kind: Record, Shown: true},
		{Name: "funding", GoField: "Funding", Kind: Record, Shown: true},
		{Name: "outcomes", GoField: "Outcomes", Kind: Records, Shown: true},
		{Name: "evidence", GoField: "Evidence", Kind: Enum, Values: evidence(), Catalog: "evidence.", Shown: true},
		{Name: "sources", GoField: "Sources", Kind: Records, Shown: true},
		{Name: "target_groups", GoField: "TargetGroups", Kind: Slugs, Shown: true},
		{Name: "indicators", Kind: Texts, Shown: true},
		{Name: "inclusion", Kind: Enums, Values: inclusion(), Catalog: "inclusion.", Facet: "inclusion", Shown: true},
		{Name: "tags", GoField: "Tags", Kind: Slugs, Taxonomy: "tags", Facet: "tag", Shown: true},
		{Name: "related", GoField: "Related", Kind: Paths, Shown: true},
		{Name: "license", GoField: "License", Kind: Text, Shown: true},
		{Name: "draft", GoField: "Draft", Kind: Flag},
		{Name: "translation", GoField: "Translation", Kind: Record, Shown: true},
		{Name: "minor_edits", GoField: "MinorEdits", Kind: Records},
	}
}

func types() []string {
	return []string{"tech-park", "innovation-hub", "incubator", "accelerator", "mentoring-programme", "fund",
		"partnership", "policy", "strategy", "roadmap", "entrepreneurial-university", "vocational-school",
		"digital-transformation-centre", "other"}
}

func stages() []string {
	return []string{"idea", "pilot", "operational", "scaling", "mature", "discontinued"}
}

// inclusion are the groups a blueprint may say it includes on purpose;
// their keys are those of content/data/vocabulary.yaml's target groups.
func inclusion() []string {
	return []string{"women", "youth", "persons-with-disabilities", "rural-communities", "low-income", "displaced-people", "seniors"}
}

func evidence() []string {
	return []string{"anecdotal", "monitoring-data", "independent-evaluation", "impact-evaluation"}
}

// Lookup returns the field with the given name.
func Lookup(name string) (Field, bool) {
	for _, f := range Blueprint() {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// Taxonomies lists the fields that have a page per value, in the order
// the site shows them.
func Taxonomies() []Field { return filter(func(f Field) bool { return f.Taxonomy != "" }) }

// Facets lists the fields that are search facets, in display order.
func Facets() []Field { return filter(func(f Field) bool { return f.Facet != "" }) }

// FacetNames lists the facets' names ("type", "region", …), in display
// order: the keys of search documents, the bleve fields and the search
// API's filters.
func FacetNames() []string {
	var out []string
	for _, f := range Facets() {
		out = append(out, f.Facet)
	}
	return out
}

// TaxonomyNames lists the taxonomies' plural names ("types", "regions",
// …) in the order the site shows them.
func TaxonomyNames() []string {
	var out []string
	for _, f := range Taxonomies() {
		out = append(out, f.Taxonomy)
	}
	return out
}

// Labelled lists the fields content/data/vocabulary.yaml labels: the
// Slugs fields.
func Labelled() []string {
	var out []string
	for _, f := range filter(func(f Field) bool { return f.Kind == Slugs }) {
		out = append(out, f.Name)
	}
	return out
}

// Messages are the catalog message IDs built from blueprint data: whole
// IDs ("country.global"), and prefixes ending in "." of IDs made by adding
// a value ("type." + "incubator") or a name ("taxonomy." + "types").
func Messages() []string {
	out := []string{"taxonomy.", "facet."}
	for _, f := range Blueprint() {
		switch {
		case f.Catalog == "":
		case f.Kind == Countries:
			out = append(out, f.Catalog+"global") // the others are CLDR's names
		default:
			out = append(out, f.Catalog)
		}
	}
	return out
}

func filter(keep func(Field) bool) []Field {
	var out []Field
	for _, f := range Blueprint() {
		if keep(f) {
			out = append(out, f)
		}
	}
	return out
}
