package content

import "github.com/openblueprints/blueprints/internal/vocabulary"

// genericLists picks out of decoded frontmatter the fields the vocabulary
// keeps without a Go field of their own: lists of strings, which the
// schema has already checked. A new field of that kind then needs no Go
// code to reach the pages and the search index; nil when there are none.
func genericLists(fields []vocabulary.Field, value any) map[string][]string {
	m, _ := value.(map[string]any)
	var out map[string][]string
	for _, f := range fields {
		if f.GoField != "" || !f.Kind.Generic() {
			continue
		}
		items, ok := m[f.Name].([]any)
		if !ok {
			continue
		}
		list := make([]string, 0, len(items))
		for _, item := range items {
			if s, ok := item.(string); ok {
				list = append(list, s)
			}
		}
		if out == nil {
			out = map[string][]string{}
		}
		out[f.Name] = list
	}
	return out
}
