package vocabulary

import (
	"slices"
	"testing"
)

// TestBlueprintIsConsistent checks what the rest of the code relies on:
// names that identify one field each, derived fields made from a field
// that exists, enums with values, and Go fields only where a field needs
// one.
func TestBlueprintIsConsistent(t *testing.T) {
	seen := map[string]bool{}
	taxonomies := map[string]bool{}
	facets := map[string]bool{}
	for _, f := range Blueprint() {
		if f.Name == "" || seen[f.Name] {
			t.Errorf("field %q: a name must be set and unique", f.Name)
		}
		seen[f.Name] = true
		if f.Taxonomy != "" {
			if taxonomies[f.Taxonomy] {
				t.Errorf("field %s: taxonomy %q is another field's", f.Name, f.Taxonomy)
			}
			taxonomies[f.Taxonomy] = true
		}
		if f.Facet != "" {
			if facets[f.Facet] {
				t.Errorf("field %s: facet %q is another field's", f.Name, f.Facet)
			}
			facets[f.Facet] = true
		}
		switch {
		case f.Kind == Derived && (f.GoField != "" || f.From == ""):
			t.Errorf("field %s: a derived field names the field it is made From, and has no Go field", f.Name)
		case f.Kind != Derived && f.From != "":
			t.Errorf("field %s: only a derived field is made From another", f.Name)
		case f.GoField == "" && f.Kind != Derived && !f.Kind.Generic():
			t.Errorf("field %s: a field of this kind needs a Go field in content.Blueprint", f.Name)
		}
		if (f.Kind == Enum || f.Kind == Enums) != (len(f.Values) > 0) {
			t.Errorf("field %s: an Enum or Enums field lists its Values, and only such a field", f.Name)
		}
		if (f.Kind == Enum || f.Kind == Enums) && f.Catalog == "" {
			t.Errorf("field %s: the values of an enum need a Catalog prefix for their labels", f.Name)
		}
		if (f.Taxonomy != "" || f.Facet != "") && f.Kind != Slugs && f.Kind != Texts && f.Catalog == "" {
			t.Errorf("field %s: a taxonomy or facet needs labels for its values: a Catalog prefix, or the Slugs kind", f.Name)
		}
	}
	for _, f := range Blueprint() {
		if f.Kind == Derived && !seen[f.From] {
			t.Errorf("field %s is made from %q, which is no field", f.Name, f.From)
		}
	}
}

func TestListsFollowTheTable(t *testing.T) {
	if got, want := TaxonomyNames(), []string{"types", "regions", "countries", "sdgs", "stages", "tags"}; !slices.Equal(got, want) {
		t.Errorf("TaxonomyNames() = %q, want the table's order %q", got, want)
	}
	if got := Labelled(); !slices.Equal(got, []string{"target_groups", "tags"}) {
		t.Errorf("Labelled() = %q, want the Slugs fields [target_groups tags]", got)
	}
	f, ok := Lookup("countries")
	if !ok || f.GoField != "Countries" || f.Facet != "country" {
		t.Errorf("Lookup(countries) = %+v, %v", f, ok)
	}
	if _, ok := Lookup("nonexistent"); ok {
		t.Error("Lookup found a field that does not exist")
	}
	msgs := Messages()
	for _, want := range []string{"country.global", "type.", "region.", "taxonomy.", "facet."} {
		if !slices.Contains(msgs, want) {
			t.Errorf("Messages() = %q, missing %q", msgs, want)
		}
	}
	if slices.Contains(msgs, "country.") {
		t.Error("Messages() has the prefix country.: country names are CLDR's, only country.global is a message")
	}
}
