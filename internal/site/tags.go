package site

import (
	"cmp"
	"maps"
	"slices"
	"strconv"

	"github.com/openblueprints/blueprints/internal/diag"

	"github.com/openblueprints/blueprints/internal/search"
)

// checkTags warns where a blueprint uses a tag that another tag of the
// site writes differently (co-working and coworking, incubators and
// incubator: search.TagKey), naming the one to use: the one more
// blueprints use, or else the shorter. Readers then find every page
// under one tag and one filter. Tags tagSpellings already warned about
// (skip: file, tag index) are left to its message.
func checkTags(m *Model, skip map[string]bool, diags *diag.List) {
	uses := map[string]int{} // tag → blueprints (of every language) using it
	for _, pages := range m.blueprint {
		for _, p := range pages {
			for _, tag := range p.Blueprint.Blueprint.Tags {
				uses[tag]++
			}
		}
	}
	preferred := map[string]string{} // key → the tag to use
	for _, tag := range slices.Sorted(maps.Keys(uses)) {
		key := search.TagKey(tag)
		best, ok := preferred[key]
		if !ok || cmp.Or(cmp.Compare(uses[tag], uses[best]), cmp.Compare(len(best), len(tag))) > 0 {
			preferred[key] = tag
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(m.blueprint)) {
		for _, p := range m.blueprint[lang] {
			for i, tag := range p.Blueprint.Blueprint.Tags {
				if use := preferred[search.TagKey(tag)]; use != tag && !skip[p.doc.File+"\x00"+strconv.Itoa(i)] {
					diags.Warnf(p.doc.FieldPos("/tags/"+strconv.Itoa(i)),
						"tag %q is another spelling of %q, which %d blueprints use; write %q", tag, use, uses[use], use)
				}
			}
		}
	}
}
