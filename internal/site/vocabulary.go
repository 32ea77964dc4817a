package site

import (
	"fmt"
	"strconv"

	"github.com/openblueprints/blueprints/internal/diag"
)

// tagSpellings warns about a tag that one blueprint alone uses while
// others use a spelling one letter away ("co-workng" beside "co-working"):
// tags group blueprints only when they are spelt alike, and the schema
// cannot tell a new tag from a typo. (Target groups are left alone: there
// one letter is often a real difference, "smes" and "msmes".)
func tagSpellings(m *Model) diag.List {
	var diags diag.List
	typo := map[string]bool{} // file, tag index: warned about here already
	for _, lang := range m.site.Languages {
		pages := m.blueprint[lang.Code]
		for _, field := range []string{"tags"} {
			values := func(p *Page) []string { return p.doc.Blueprint.Tags }
			uses := map[string]int{}
			for _, p := range pages {
				for _, v := range values(p) {
					uses[v]++
				}
			}
			var common []string
			for _, v := range SortedKeys(uses) {
				if uses[v] > 1 {
					common = append(common, v)
				}
			}
			for _, p := range pages {
				for i, v := range values(p) {
					if uses[v] > 1 {
						continue
					}
					if best := diag.SuggestTypo(v, common); best != "" && len(v) > 3 {
						diags.Warnf(p.doc.FieldPos(fmt.Sprintf("/%s/%d", field, i)), "%s[%d]: no other blueprint uses %q, and %d use %q; did you mean %q? (blueprints share a tag only when they spell it alike)", field, i, v, uses[best], best, best)
						typo[p.doc.File+"\x00"+strconv.Itoa(i)] = true
					}
				}
			}
		}
	}
	checkTags(m, typo, &diags)
	return diags
}
