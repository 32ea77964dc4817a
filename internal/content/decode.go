package content

import (
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/openblueprints/blueprints/internal/diag"
)

// tree is decoded frontmatter: plain JSON-like values (map[string]any,
// []any, string, int64, float64, bool, nil) that the JSON Schema validator
// understands, plus the file position of every value by JSON pointer.
type tree struct {
	value any
	pos   map[string]diag.Pos // "" is the frontmatter itself, "/countries/0" an item
	keys  map[string]diag.Pos // where the key of a mapping entry is written
}

// keyAt returns the position of the key of the entry at ptr: an unknown or
// duplicate field is best shown at its name, a bad value at the value.
func (t tree) keyAt(ptr string) diag.Pos {
	if p, ok := t.keys[ptr]; ok {
		return p
	}
	return t.at(ptr)
}

// at returns the position of the value at ptr, or of its nearest ancestor.
func (t tree) at(ptr string) diag.Pos {
	for {
		if p, ok := t.pos[ptr]; ok {
			return p
		}
		i := strings.LastIndexByte(ptr, '/')
		if i < 0 {
			return t.pos[""]
		}
		ptr = ptr[:i]
	}
}

func decodeMeta(file string, s split, diags *diag.List) (tree, bool) {
	start := diag.Pos{File: file, Line: s.line, Col: 1}
	switch s.format {
	case formatNone:
		return tree{value: map[string]any{}, pos: map[string]diag.Pos{"": {File: file, Line: 1}}}, true
	case formatTOML:
		return decodeTOML(file, s, diags)
	}
	// JSON is a subset of YAML 1.2, so one position-keeping parser serves both.
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(s.meta))
	t := tree{pos: map[string]diag.Pos{"": start}, keys: map[string]diag.Pos{}}
	if err := dec.Decode(&doc); errors.Is(err, io.EOF) {
		t.value = map[string]any{}
		return t, true
	} else if err != nil {
		if s.format == formatYAML {
			pos, msg := explainYAML(file, s.line, s.meta, err)
			diags.Errorf(pos, "invalid YAML frontmatter: %s", msg)
		} else {
			diags.Errorf(yamlErrorPos(file, s.line, err), "invalid %s frontmatter: %s", s.format, plainYAMLError(err))
		}
		return tree{}, false
	}
	// A "..." or "---" line inside the frontmatter starts a second YAML
	// document, which yaml.Unmarshal would silently drop (with a "draft:
	// true" in it, a draft would be published).
	var more yaml.Node
	if err := dec.Decode(&more); !errors.Is(err, io.EOF) {
		pos := diag.Pos{File: file, Line: s.line + more.Line - 1, Col: 1}
		if err != nil {
			pos = yamlErrorPos(file, s.line, err)
		}
		diags.Errorf(pos, "a second YAML document in the frontmatter; remove the \"...\" or \"---\" line above it")
		return tree{}, false
	}
	if len(doc.Content) == 0 {
		t.value = map[string]any{}
		return t, true
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		diags.Errorf(start, "frontmatter must be a mapping of field: value lines")
		return tree{}, false
	}
	// Problems inside well-formed YAML (duplicate keys, aliases) are
	// reported but do not stop decoding, so schema validation still runs
	// and a file with many problems shows them all at once.
	d := yamlDecoder{file: file, lineOffset: s.line - 1, diags: diags, pos: t.pos, keys: t.keys}
	t.value = d.value(root, "", 0)
	// An alias leaves holes in the values; validating them would only
	// add noise to the one message that matters.
	return t, !d.aliasReported && !d.depthReported
}

func yamlErrorPos(file string, firstLine int, err error) diag.Pos {
	pos := diag.Pos{File: file, Line: firstLine}
	if n := yamlErrorLine(err); n > 0 {
		pos.Line = firstLine + n - 1
	}
	return pos
}

type yamlDecoder struct {
	file       string
	lineOffset int
	diags      *diag.List
	pos        map[string]diag.Pos
	keys       map[string]diag.Pos
	// aliasReported keeps a file full of aliases to one message,
	// depthReported one too deeply nested value to one.
	aliasReported bool
	depthReported bool
}

func (d *yamlDecoder) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line + d.lineOffset, Col: n.Column}
}

// value decodes n, the value at ptr, recording the positions of it and of
// everything inside it.
func (d *yamlDecoder) value(n *yaml.Node, ptr string, depth int) any {
	if !d.allowed(n, depth) {
		return nil
	}
	switch n.Kind {
	case yaml.MappingNode:
		return d.mapping(n, ptr, depth)
	case yaml.SequenceNode:
		s := make([]any, 0, len(n.Content))
		for i, item := range n.Content {
			child := ptr + "/" + strconv.Itoa(i)
			d.pos[child] = d.at(item)
			s = append(s, d.value(item, child, depth+1))
		}
		return s
	case yaml.ScalarNode:
		return d.scalar(n)
	}
	d.diags.Errorf(d.at(n), "unsupported YAML node")
	return nil
}

// allowed refuses what frontmatter never needs and an attacker would use:
// nesting past MaxFrontmatterDepth, anchors and aliases. Each is reported
// once per file.
func (d *yamlDecoder) allowed(n *yaml.Node, depth int) bool {
	if depth > MaxFrontmatterDepth {
		// The YAML parser stops only at 10,000 levels; building a
		// pointer per level would cost the square of that.
		if !d.depthReported {
			d.diags.Errorf(d.at(n), "frontmatter nests more than %d levels deep here; frontmatter needs a few levels at most, flatten it", MaxFrontmatterDepth)
			d.depthReported = true
		}
		return false
	}
	if n.Anchor != "" || n.Kind == yaml.AliasNode {
		// Aliases are how "billion laughs" bombs are built; they are never
		// needed in frontmatter. One report per file is enough.
		if !d.aliasReported {
			d.diags.Errorf(d.at(n), "YAML anchors and aliases (&name, *name) are not allowed in frontmatter; write the value out")
			d.aliasReported = true
		}
		return false
	}
	return true
}

// mapping decodes a mapping whose keys are plain names, each once.
func (d *yamlDecoder) mapping(n *yaml.Node, ptr string, depth int) map[string]any {
	m := make(map[string]any, len(n.Content)/2)
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Tag == "!!merge" {
			d.diags.Errorf(d.at(k), "YAML merge keys (<<) are not allowed in frontmatter; write the fields out")
			continue
		}
		if k.Kind != yaml.ScalarNode || (k.Tag != "!!str" && k.Tag != "!!int") {
			d.diags.Errorf(d.at(k), "a frontmatter key must be a plain name")
			continue
		}
		if line, dup := seen[k.Value]; dup {
			d.diags.Errorf(d.at(k), "duplicate key %q (first set on line %d); keep one", k.Value, line)
			continue
		}
		seen[k.Value] = k.Line + d.lineOffset
		child := ptr + "/" + escapePointer(k.Value)
		d.keys[child] = d.at(k)
		// A scalar or a [flow, list] is shown at its value; a block
		// list or mapping starts on the next line, so at its key.
		if v.Kind == yaml.ScalarNode || v.Style&yaml.FlowStyle != 0 {
			d.pos[child] = d.at(v)
		} else {
			d.pos[child] = d.at(k)
		}
		m[k.Value] = d.value(v, child, depth+1)
	}
	return m
}

func (d *yamlDecoder) scalar(n *yaml.Node) any {
	switch n.Tag {
	case "!!str":
		return n.Value
	case "!!timestamp":
		// Dates stay text: the schema's "date" format checks them, and a
		// time.Time would invent a time zone the author never wrote.
		return n.Value
	case "!!null":
		return nil
	case "!!bool":
		return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
	case "!!int":
		var i int64
		if err := n.Decode(&i); err != nil {
			d.diags.Errorf(d.at(n), "number %s is out of range", n.Value)
			return nil
		}
		return i
	case "!!float":
		var f float64
		if err := n.Decode(&f); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			d.diags.Errorf(d.at(n), "%s is not a finite number", n.Value)
			return nil
		}
		return f
	}
	d.diags.Errorf(d.at(n), "YAML tag %s is not allowed in frontmatter", n.Tag)
	return nil
}

// escapePointer escapes a key for a JSON pointer (RFC 6901). It runs for
// every key of every file, so it does not build a strings.Replacer, which
// costs more than the replacement.
func escapePointer(s string) string {
	if !strings.ContainsAny(s, "~/") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

func decodeTOML(file string, s split, diags *diag.List) (tree, bool) {
	if line, col := tomlDepth(s.meta); line > 0 {
		depthError(file, s.line, line, col, diags)
		return tree{}, false
	}
	var m map[string]any
	if _, err := toml.Decode(string(s.meta), &m); err != nil {
		pos := diag.Pos{File: file, Line: s.line}
		var perr toml.ParseError
		if errors.As(err, &perr) {
			pos.Line, pos.Col = s.line+perr.Position.Line-1, perr.Position.Col
			err = errors.New(perr.Message)
		}
		diags.Errorf(pos, "invalid TOML frontmatter: %s", err)
		return tree{}, false
	}
	t := tree{pos: map[string]diag.Pos{"": {File: file, Line: s.line, Col: 1}}, keys: map[string]diag.Pos{}}
	// BurntSushi/toml keeps no key positions; top-level keys and table
	// headers are found by their line so errors still point at the field.
	// One pass over the lines, so a file with many keys stays linear.
	lines := strings.Split(string(s.meta), "\n")
	first := map[string]int{}
	for i, line := range lines {
		l := strings.TrimSpace(line)
		var name string
		switch {
		case strings.HasPrefix(l, "[[") && strings.HasSuffix(l, "]]"):
			name = strings.TrimSpace(l[2 : len(l)-2])
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			name = strings.TrimSpace(l[1 : len(l)-1])
		default:
			if j := strings.IndexAny(l, " ="); j > 0 {
				name = l[:j]
			}
		}
		if _, seen := first[name]; name != "" && !seen {
			first[name] = i
		}
	}
	for key := range m {
		if i, ok := first[key]; ok {
			l := strings.TrimSpace(lines[i])
			ptr := "/" + escapePointer(key)
			t.pos[ptr] = diag.Pos{File: file, Line: s.line + i, Col: 1 + strings.Index(lines[i], l)}
			t.keys[ptr] = t.pos[ptr]
		}
	}
	t.value = fromTOML(m)
	n := diags.Errors()
	checkFinite(t, nil, t.value, diags)
	return t, diags.Errors() == n
}

// checkFinite reports TOML's nan and inf, which JSON Schema cannot judge.
// The path to the value is kept as a list of steps and made a JSON pointer
// only for a value it reports: building the pointer at every level would
// cost the square of the depth.
func checkFinite(t tree, path []string, v any, diags *diag.List) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			checkFinite(t, append(path, escapePointer(k)), x, diags)
		}
	case []any:
		for i, x := range v {
			checkFinite(t, append(path, strconv.Itoa(i)), x, diags)
		}
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			ptr := ""
			if len(path) > 0 {
				ptr = "/" + strings.Join(path, "/")
			}
			diags.Errorf(t.at(ptr), "%s: %v is not a finite number", fieldName(ptr), v)
		}
	}
}

// fromTOML turns TOML's Go values into the JSON-like values the schema sees.
func fromTOML(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			v[k] = fromTOML(x)
		}
		return v
	case []map[string]any:
		s := make([]any, len(v))
		for i, x := range v {
			s[i] = fromTOML(x)
		}
		return s
	case []any:
		for i, x := range v {
			v[i] = fromTOML(x)
		}
		return v
	case time.Time:
		// A TOML local date (no time, no zone) has a location named "date-local".
		if v.Location().String() == "date-local" {
			return v.Format(time.DateOnly)
		}
		return v.Format(time.RFC3339)
	}
	return v
}
