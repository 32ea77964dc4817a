package content

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/openblueprints/blueprints/internal/diag"
)

// schema is a compiled JSON Schema plus the property names it declares,
// which feed "did you mean" suggestions for misspelled fields.
type schema struct {
	compiled *jsonschema.Schema
	fields   []string
	src      []byte // what it was compiled from, so a Loader sees it change
}

func compileSchema(file string, data []byte) (*schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: invalid JSON: %v", file, err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat() // "format": "date" must reject 2024-02-30, not just annotate it
	if err := c.AddResource(file, doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	compiled, err := c.Compile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: invalid schema: %v", file, err)
	}
	s := &schema{compiled: compiled, src: data}
	collectProperties(doc, &s.fields)
	slices.Sort(s.fields)
	s.fields = slices.Compact(s.fields)
	return s, nil
}

func collectProperties(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		if props, ok := v["properties"].(map[string]any); ok {
			for name := range props {
				*out = append(*out, name)
			}
		}
		for _, x := range v {
			collectProperties(x, out)
		}
	case []any:
		for _, x := range v {
			collectProperties(x, out)
		}
	}
}

// validate checks t against the schema and reports each failure at the
// position of the offending field, with a hint on what to write instead.
func (s *schema) validate(t tree, diags *diag.List) bool {
	err := s.compiled.Validate(t.value)
	if err == nil {
		return true
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		diags.Errorf(t.at(""), "frontmatter: %v", err)
		return false
	}
	printer := message.NewPrinter(language.English)
	for _, leaf := range leaves(verr) {
		ptr := ""
		for _, seg := range leaf.InstanceLocation {
			ptr += "/" + escapePointer(seg)
		}
		s.report(t, ptr, leaf, printer, diags)
	}
	return false
}

func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, c := range e.Causes {
		out = append(out, leaves(c)...)
	}
	return out
}

func (s *schema) report(t tree, ptr string, e *jsonschema.ValidationError, p *message.Printer, diags *diag.List) {
	field := fieldName(ptr)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, name := range k.Missing {
			diags.Errorf(t.at(ptr), "missing required field %q%s; add it", name, inObject(ptr))
		}
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			msg := fmt.Sprintf("unknown field %q%s", name, inObject(ptr))
			if other := s.otherName(name); other != "" {
				msg += fmt.Sprintf("; did you mean %q? (other site generators call it %q)", other, name)
			} else if best := diag.Suggest(name, s.fields); best != "" {
				msg += fmt.Sprintf("; did you mean %q?", best)
			} else {
				msg += "; remove it (see content/schema/ for the allowed fields)"
			}
			diags.Errorf(t.keyAt(ptr+"/"+escapePointer(name)), "%s", msg)
		}
	case *kind.Enum:
		want := make([]string, len(k.Want))
		for i, w := range k.Want {
			want[i] = formatValue(w)
		}
		got := formatValue(k.Got)
		msg := fmt.Sprintf("%s: %q is not allowed", field, got)
		if best := diag.Suggest(got, want); best != "" {
			msg += fmt.Sprintf("; did you mean %q?", best)
		}
		msg += " (one of: " + strings.Join(want, ", ") + ")" + yaml11Hint(k.Got)
		diags.Errorf(t.at(ptr), "%s", msg)
	case *kind.Type:
		diags.Errorf(t.at(ptr), "%s must be %s, not %s%s", field, strings.Join(k.Want, " or "), k.Got, yaml11Hint(valueAt(t.value, e.InstanceLocation)))
	case *kind.Format:
		if k.Want == "date" {
			diags.Errorf(t.at(ptr), "%s: %q is not a real date; write YYYY-MM-DD", field, fmt.Sprint(k.Got))
			return
		}
		diags.Errorf(t.at(ptr), "%s: %s", field, k.LocalizedString(p))
	// Numbers as they are written, not as the validator's printer writes
	// them ("2.0250617×10⁰⁷").
	case *kind.Maximum:
		diags.Errorf(t.at(ptr), "%s: %s is more than the maximum, %s", field, formatRat(k.Got), formatRat(k.Want))
	case *kind.Minimum:
		diags.Errorf(t.at(ptr), "%s: %s is less than the minimum, %s", field, formatRat(k.Got), formatRat(k.Want))
	case *kind.ExclusiveMaximum:
		diags.Errorf(t.at(ptr), "%s: %s must be less than %s", field, formatRat(k.Got), formatRat(k.Want))
	case *kind.ExclusiveMinimum:
		diags.Errorf(t.at(ptr), "%s: %s must be more than %s", field, formatRat(k.Got), formatRat(k.Want))
	case *kind.MultipleOf:
		diags.Errorf(t.at(ptr), "%s: %s is not a multiple of %s", field, formatRat(k.Got), formatRat(k.Want))
	default:
		diags.Errorf(t.at(ptr), "%s: %s", field, e.ErrorKind.LocalizedString(p))
	}
}

// otherNames are the names other site generators (Hugo, Jekyll, Docusaurus,
// MkDocs) give to fields this site has, for "did you mean" where spelling
// is no guide: "description" is far from "summary".
var otherNames = map[string][]string{
	"description": {"summary"}, "excerpt": {"summary"}, "abstract": {"summary"}, "subtitle": {"summary"},
	"keywords": {"tags"}, "categories": {"tags"}, "category": {"tags"},
	"order": {"weight"}, "nav_order": {"weight"}, "sidebar_position": {"weight"}, "position": {"weight"},
	"date": {"last_reviewed"}, "lastmod": {"last_reviewed"}, "updated": {"last_reviewed"}, "last_updated": {"last_reviewed"},
	"published": {"draft"}, "authors": {"translators"}, "author": {"translators"},
	"country": {"countries"}, "sdg": {"sdgs"}, "references": {"sources"}, "links": {"sources"},
}

// otherName returns this schema's name for a field another generator
// names name, or "".
func (s *schema) otherName(name string) string {
	for _, c := range otherNames[strings.ToLower(name)] {
		if _, ok := slices.BinarySearch(s.fields, c); ok {
			return c
		}
	}
	return ""
}

// formatValue writes a frontmatter value for a message: numbers in plain
// decimal, as they are written in the file.
func formatValue(v any) string {
	switch v := v.(type) {
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case int64:
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(v)
}

// formatRat writes a number of the validator in plain decimal.
func formatRat(r *big.Rat) string {
	if r == nil {
		return "?"
	}
	if r.IsInt() {
		return r.Num().String()
	}
	f, _ := r.Float64()
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// fieldName names the field at ptr for a message: "countries[1]".
func fieldName(ptr string) string {
	if ptr == "" {
		return "frontmatter"
	}
	var b strings.Builder
	for _, seg := range strings.Split(ptr[1:], "/") {
		if _, err := strconv.Atoi(seg); err == nil {
			fmt.Fprintf(&b, "[%s]", seg)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")) // RFC 6901 order
	}
	return b.String()
}

func inObject(ptr string) string {
	if ptr == "" {
		return ""
	}
	return " in " + fieldName(ptr)
}

func valueAt(v any, path []string) any {
	for _, seg := range path {
		switch x := v.(type) {
		case map[string]any:
			v = x[seg]
		case []any:
			i, _ := strconv.Atoi(seg)
			if i < 0 || i >= len(x) {
				return nil
			}
			v = x[i]
		default:
			return nil
		}
	}
	return v
}

// yaml11Hint explains the YAML 1.1 words that other tools read as booleans.
// Here they stay strings, and the author should know why a value failed.
func yaml11Hint(v any) string {
	s, ok := v.(string)
	if !ok {
		return ""
	}
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return fmt.Sprintf(" (YAML 1.1 read %q as a boolean; here it is the word %q: write true or false, or quote the intended text)", s, s)
	}
	return ""
}
