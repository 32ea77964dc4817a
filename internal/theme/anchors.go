package theme

import (
	"html/template"
	"maps"
	"path"
	"regexp"
	"slices"
	"text/template/parse"
)

// Anchors lists, sorted, the IDs the layout of the given kind may add to
// a page around its body ("main", "sources"), so that a link to one of
// them is valid and a heading of the body can keep clear of them. They
// are read from the templates, not listed by hand: every id="…" written
// as plain text in the layout, in base.html or in a partial it includes
// (whether or not a condition around it holds for a page). An id with a
// template action in it (id="lang-{{.Code}}") is not known in advance
// and is left out. The slice is the caller's.
func (t *Theme) Anchors(kind Kind) []string { return slices.Clone(t.anchors[kind]) }

// idAttrRE finds an id attribute written out in a template's text.
var idAttrRE = regexp.MustCompile(`(?:^|\s)id=(?:"([^"\s{}<>]+)"|'([^'\s{}<>]+)')`)

// anchors collects the literal id attributes of the templates that
// executing base.html in set reaches, following {{template}} and
// {{block}} calls.
func anchors(set *template.Template) []string {
	ids := map[string]bool{}
	seen := map[string]bool{}
	var visit func(name string)
	var walk func(n parse.Node)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if t := set.Lookup(name); t != nil && t.Tree != nil {
			walk(t.Tree.Root)
		}
	}
	walk = func(n parse.Node) {
		switch n := n.(type) {
		case *parse.ListNode:
			if n != nil {
				for _, c := range n.Nodes {
					walk(c)
				}
			}
		case *parse.TextNode:
			for _, m := range idAttrRE.FindAllSubmatch(n.Text, -1) {
				ids[string(m[1])+string(m[2])] = true
			}
		case *parse.IfNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.RangeNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.WithNode:
			walk(n.List)
			walk(n.ElseList)
		case *parse.TemplateNode:
			visit(n.Name)
		}
	}
	visit(path.Base(baseFile))
	return slices.Sorted(maps.Keys(ids))
}
