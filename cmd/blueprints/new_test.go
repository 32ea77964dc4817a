package main

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/openblueprints/blueprints/internal/site"
)

// TestNewKnowsTheSchemaTypes keeps the command's list of types in step
// with the schema, which is the source of truth.
func TestNewKnowsTheSchemaTypes(t *testing.T) {
	data, err := os.ReadFile("../../content/schema/blueprint.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Properties struct {
			Type struct {
				Enum []string `json:"enum"`
			} `json:"type"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(schema.Properties.Type.Enum, site.BlueprintTypes()) {
		t.Errorf("schema types %v, command types %v", schema.Properties.Type.Enum, site.BlueprintTypes())
	}
}
