package content

import (
	"cmp"
	"encoding/json"
	"maps"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/vocabulary"
)

// The bundled site's schemas: the ones "blueprints new" sites start from.
const (
	blueprintSchemaPath = "../../content/schema/blueprint.schema.json"
	pageSchemaPath      = "../../content/schema/page.schema.json"
)

// TestBlueprintSchemaVocabularyAndGoAgree holds the blueprint schema, the
// vocabulary and content.Blueprint to each other, both ways: a property
// the schema accepts but nothing keeps would be validated and then
// silently dropped; a field the schema lacks could never be set.
func TestBlueprintSchemaVocabularyAndGoAgree(t *testing.T) {
	schema := readSchema(t, blueprintSchemaPath)
	props := properties(schema)
	goFields := jsonFields(reflect.TypeFor[Blueprint]())
	for _, name := range slices.Sorted(maps.Keys(props)) {
		f, ok := vocabulary.Lookup(name)
		switch {
		case !ok || f.Kind == vocabulary.Derived:
			t.Errorf("%s: property %q is in no entry of vocabulary.Blueprint() (internal/vocabulary); add one, or the field is validated and then dropped", blueprintSchemaPath, name)
		case f.GoField == "" && !f.Kind.Generic():
			t.Errorf("vocabulary field %q: its kind needs a field of content.Blueprint; name it in GoField", name)
		case f.GoField == "":
			if _, ok := goFields[name]; ok {
				t.Errorf("vocabulary field %q has no GoField, but content.Blueprint.%s has its JSON name: name it in GoField", name, goFields[name].Name)
			}
			if items, _ := props[name]["items"].(map[string]any); props[name]["type"] != "array" || items == nil || (items["type"] != "string" && items["enum"] == nil) {
				t.Errorf("%s: property %q must be an array of strings: content.Blueprint.Lists keeps it", blueprintSchemaPath, name)
			}
		case goFields[name].Name != f.GoField:
			t.Errorf("vocabulary field %q names GoField %q, but content.Blueprint has no such field with json:%q", name, f.GoField, name)
		}
	}
	for _, f := range vocabulary.Blueprint() {
		if _, ok := props[f.Name]; !ok && f.Kind != vocabulary.Derived {
			t.Errorf("vocabulary field %q is not a property of %s; add it there, so a blueprint can set it", f.Name, blueprintSchemaPath)
		}
	}
	for name, sf := range goFields {
		if f, ok := vocabulary.Lookup(name); !ok || f.GoField != sf.Name {
			t.Errorf("content.Blueprint.%s (json:%q) is in no entry of vocabulary.Blueprint() with that GoField", sf.Name, name)
		}
	}
	for name, sf := range goFields {
		if node, ok := props[name]; ok {
			agree(t, schema, blueprintSchemaPath+": "+name, node, sf.Type)
		}
	}
	for _, f := range vocabulary.Blueprint() {
		if len(f.Values) == 0 {
			continue
		}
		node := props[f.Name]
		if items, ok := node["items"].(map[string]any); ok {
			node = items
		}
		if got := stringList(node["enum"]); !slices.Equal(got, f.Values) {
			t.Errorf("%s: the enum of %q is %q, but the vocabulary's Values are %q; keep them equal, in the same order", blueprintSchemaPath, f.Name, got, f.Values)
		}
	}
}

// TestPageSchemaAndGoAgree holds page.schema.json and PageMeta to each
// other, both ways, as the blueprint's are.
func TestPageSchemaAndGoAgree(t *testing.T) {
	schema := readSchema(t, pageSchemaPath)
	agree(t, schema, pageSchemaPath, schema, reflect.TypeFor[PageMeta]())
}

// agree compares a schema node and a Go type: an object's properties and
// a struct's JSON fields both ways, then each property with its field.
func agree(t *testing.T, root map[string]any, where string, node map[string]any, typ reflect.Type) {
	t.Helper()
	node = resolve(root, node)
	for typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	if typ.Kind() == reflect.Slice {
		items, _ := node["items"].(map[string]any)
		if items == nil {
			t.Errorf("%s: the Go type is a list (%s), the schema's is not an array with items", where, typ)
			return
		}
		agree(t, root, where+"[]", items, typ.Elem())
		return
	}
	if typ.Kind() != reflect.Struct {
		return
	}
	props := properties(node)
	fields := jsonFields(typ)
	for _, name := range slices.Sorted(maps.Keys(props)) {
		sf, ok := fields[name]
		if !ok {
			t.Errorf("%s: property %q has no field in Go's %s; add one, or the value is validated and then dropped", where, name, typ)
			continue
		}
		agree(t, root, where+"."+name, props[name], sf.Type)
	}
	for name, sf := range fields {
		if _, ok := props[name]; !ok {
			t.Errorf("%s: Go's %s.%s (json:%q) is not a property of the schema; add it there, so a file can set it", where, typ, sf.Name, name)
		}
	}
}

func readSchema(t *testing.T, file string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return schema
}

// resolve follows a local "$ref": "#/$defs/name".
func resolve(root, node map[string]any) map[string]any {
	ref, ok := node["$ref"].(string)
	if !ok {
		return node
	}
	defs, _ := root["$defs"].(map[string]any)
	def, _ := defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
	return def
}

func properties(node map[string]any) map[string]map[string]any {
	out := map[string]map[string]any{}
	props, _ := node["properties"].(map[string]any)
	for name, p := range props {
		out[name], _ = p.(map[string]any)
	}
	return out
}

// jsonFields maps a struct's JSON names to its fields, leaving out the
// ones JSON skips.
func jsonFields(typ reflect.Type) map[string]reflect.StructField {
	out := map[string]reflect.StructField{}
	for i := range typ.NumField() {
		sf := typ.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || !sf.IsExported() {
			continue
		}
		out[cmp.Or(name, sf.Name)] = sf
	}
	return out
}

func stringList(v any) []string {
	items, _ := v.([]any)
	var out []string
	for _, item := range items {
		s, _ := item.(string)
		out = append(out, s)
	}
	return out
}
