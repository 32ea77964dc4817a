package content

import (
	"reflect"
	"testing"

	"github.com/openblueprints/blueprints/internal/vocabulary"
)

// A generic field reaches Blueprint.Lists with no Go code of its own;
// fields with a Go field, and fields the file leaves out, do not.
func TestGenericLists(t *testing.T) {
	fields := []vocabulary.Field{
		{Name: "tags", GoField: "Tags", Kind: vocabulary.Slugs},
		{Name: "inclusion", Kind: vocabulary.Enums, Values: []string{"women", "youth"}},
		{Name: "indicators", Kind: vocabulary.Texts},
		{Name: "absent", Kind: vocabulary.Texts},
	}
	value := map[string]any{
		"tags":       []any{"fintech"},
		"inclusion":  []any{"youth", "women"},
		"indicators": []any{},
		"title":      "T",
	}
	got := genericLists(fields, value)
	want := map[string][]string{"inclusion": {"youth", "women"}, "indicators": {}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("genericLists = %q, want %q", got, want)
	}
	if got := genericLists(vocabulary.Blueprint()[:3], value); got != nil {
		t.Errorf("with no generic fields, genericLists = %q, want nil", got)
	}
}
