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
	"github.com/openblueprints/blueprints/internal/slug"
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
// In a draft, a missing required field is a warning: a draft may be
// incomplete, but what it has must be valid.
func (s *schema) validate(t tree, draft bool, diags *diag.List) bool {
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
	suggestions := maxSuggestions
	errorsBefore := diags.Errors()
	for _, leaf := range leaves(verr) {
		ptr := ""
		for _, seg := range leaf.InstanceLocation {
			ptr += "/" + escapePointer(seg)
		}
		s.report(t, ptr, leaf, draft, printer, &suggestions, diags)
	}
	return diags.Errors() == errorsBefore
}

// maxSuggestions bounds the "did you mean" hints of one file: each is an
// edit distance to every field name, and a file of thousands of unknown
// keys would spend most of its load time on hints nobody reads.
const maxSuggestions = 20

// suggest is diag.Suggest while the file's budget of hints lasts.
func suggest(budget *int, got string, candidates []string) string {
	if *budget <= 0 {
		return ""
	}
	*budget--
	return diag.Suggest(got, candidates)
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

// report turns one failed schema rule into diagnostics in the writer's
// terms, at the field it is about.
func (s *schema) report(t tree, ptr string, e *jsonschema.ValidationError, draft bool, p *message.Printer, suggestions *int, diags *diag.List) {
	field := fieldName(ptr)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		reportMissing(t, ptr, k.Missing, draft, diags)
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			diags.Errorf(t.keyAt(ptr+"/"+escapePointer(name)), "%s", s.unknownFieldMessage(ptr, name, suggestions))
		}
	case *kind.Enum:
		diags.Errorf(t.at(ptr), "%s", enumMessage(field, k, suggestions))
	case *kind.Type:
		diags.Errorf(t.at(ptr), "%s", typeMessage(field, k, valueAt(t.value, e.InstanceLocation)))
	case *kind.MaxItems:
		diags.Errorf(t.at(ptr), "%s: %d values, more than the %d allowed; keep the most telling ones", field, k.Got, k.Want)
	case *kind.Format:
		if k.Want == "date" {
			diags.Errorf(t.at(ptr), "%s: %q is not a real date; write YYYY-MM-DD", field, fmt.Sprint(k.Got))
			return
		}
		diags.Errorf(t.at(ptr), "%s: %s", field, k.LocalizedString(p))
	case *kind.Pattern:
		diags.Errorf(t.at(ptr), "%s", s.patternMessage(ptr, k.Got))
	case *kind.Minimum:
		diags.Errorf(t.at(ptr), "%s", rangeMessage(ptr, k.Got, k.Want, "minimum"))
	case *kind.Maximum:
		diags.Errorf(t.at(ptr), "%s", rangeMessage(ptr, k.Got, k.Want, "maximum"))
	case *kind.DependentRequired:
		for _, name := range k.Missing {
			diags.Errorf(t.keyAt(ptr+"/"+escapePointer(k.Prop)), "%s", withoutMessage(field, k.Prop, name))
		}
	case *kind.MinItems:
		diags.Errorf(t.at(ptr), "%s", minItemsMessage(field, ptr, k))
	case *kind.UniqueItems:
		i, j := k.Duplicates[0], k.Duplicates[1]
		dup := fmt.Sprint(valueAt(t.value, append(slices.Clone(e.InstanceLocation), strconv.Itoa(j))))
		diags.Errorf(t.at(ptr+"/"+strconv.Itoa(j)), "%s: %s is listed twice (items %d and %d); keep one", field, dup, i+1, j+1)
	case *kind.MinLength:
		if k.Got == 0 {
			diags.Errorf(t.at(ptr), "%s is empty; write it, or remove the field if it is optional", field)
			return
		}
		diags.Errorf(t.at(ptr), "%s is %d characters long; write at least %d", field, k.Got, k.Want)
	case *kind.MaxLength:
		diags.Errorf(t.at(ptr), "%s is %d characters long; the limit is %d, so shorten it by %d", field, k.Got, k.Want, k.Got-k.Want)
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

// reportMissing reports required fields left out; a draft may leave
// them out for now.
func reportMissing(t tree, ptr string, missing []string, draft bool, diags *diag.List) {
	for _, name := range missing {
		if draft {
			diags.Warnf(t.at(ptr), "missing required field %q%s; a draft may leave it out, but add it before you remove draft: true", name, inObject(ptr))
			continue
		}
		diags.Errorf(t.at(ptr), "missing required field %q%s; add it", name, inObject(ptr))
	}
}

// unknownFieldMessage says what to do with a field the schema does not
// know: the name this site gives what other generators call it, a near
// spelling, or where the allowed fields are listed.
func (s *schema) unknownFieldMessage(ptr, name string, suggestions *int) string {
	msg := fmt.Sprintf("unknown field %q%s", name, inObject(ptr))
	if other := s.otherName(name); other != "" {
		return msg + fmt.Sprintf("; did you mean %q? (other site generators call it %q)", other, name)
	}
	if best := suggest(suggestions, name, s.fields); best != "" {
		return msg + fmt.Sprintf("; did you mean %q?", best)
	}
	return msg + "; remove it (see content/schema/ for the allowed fields)"
}

// enumMessage lists the values allowed, after the nearest one.
func enumMessage(field string, k *kind.Enum, suggestions *int) string {
	want := make([]string, len(k.Want))
	for i, w := range k.Want {
		want[i] = formatValue(w)
	}
	got := formatValue(k.Got)
	msg := fmt.Sprintf("%s: %q is not allowed", field, got)
	if best := suggest(suggestions, got, want); best != "" {
		msg += fmt.Sprintf("; did you mean %q?", best)
	}
	return msg + " (one of: " + strings.Join(want, ", ") + ")" + yaml11Hint(k.Got)
}

// withoutMessage is for a field given without one it needs (an amount
// without its currency).
func withoutMessage(field, given, missing string) string {
	hint := ""
	if missing == "currency" {
		hint = ", the three-letter code of the amount's currency such as USD"
	}
	return fmt.Sprintf("%s: %s is given without %s; add %s%s", field, given, missing, missing, hint)
}

func minItemsMessage(field, ptr string, k *kind.MinItems) string {
	msg := fmt.Sprintf("%s: the list is empty; give at least %d item", field, k.Want)
	if k.Want != 1 {
		msg = fmt.Sprintf("%s: the list has %d items; give at least %d", field, k.Got, k.Want)
	}
	if ptr == "/countries" {
		msg += ", or [global] for an initiative that is not tied to countries"
	}
	return msg
}

// otherNames are the names other site generators (Hugo, Jekyll, Docusaurus,
// MkDocs) give to fields this site has, for "did you mean" where spelling
// is no guide: "description" is far from "summary".
func otherNames() map[string][]string {
	return map[string][]string{
		"description": {"summary"}, "excerpt": {"summary"}, "abstract": {"summary"}, "subtitle": {"summary"},
		"keywords": {"tags"}, "categories": {"tags"}, "category": {"tags"},
		"order": {"weight"}, "nav_order": {"weight"}, "sidebar_position": {"weight"}, "position": {"weight"},
		"date": {"last_reviewed"}, "lastmod": {"last_reviewed"}, "updated": {"last_reviewed"}, "last_updated": {"last_reviewed"},
		"published": {"draft"}, "authors": {"translators"}, "author": {"translators"},
		"country": {"countries"}, "sdg": {"sdgs"}, "references": {"sources"}, "links": {"sources"},
	}
}

// otherName returns this schema's name for a field another generator
// names name, or "".
func (s *schema) otherName(name string) string {
	for _, c := range otherNames()[strings.ToLower(name)] {
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

// typeMessage says what kind of value a field takes, in words.
func typeMessage(field string, k *kind.Type, v any) string {
	want := make([]string, len(k.Want))
	for i, w := range k.Want {
		want[i] = typeWords(w)
	}
	msg := fmt.Sprintf("%s must be %s, not %s", field, strings.Join(want, " or "), typeWords(k.Got))
	if slices.Contains(k.Want, "array") && k.Got != "array" && k.Got != "object" && v != nil {
		msg += fmt.Sprintf("; write a list in brackets, such as [%v]", v)
	}
	return msg + yaml11Hint(v)
}

func typeWords(t string) string {
	switch t {
	case "string":
		return "text"
	case "integer":
		return "a whole number"
	case "number":
		return "a number"
	case "array":
		return "a list"
	case "object":
		return "a group of fields (name: value lines, indented below it)"
	case "boolean":
		return "true or false"
	case "null":
		return "empty"
	}
	return t
}

// patternMessage explains, field by field, the form a value must have;
// the raw regular expression means nothing to most contributors.
func (s *schema) patternMessage(ptr string, got string) string {
	field := fieldName(ptr)
	parent, _ := parentField(ptr)
	switch {
	case parent == "countries":
		msg := fmt.Sprintf("%s: %q is not an ISO 3166-1 alpha-2 code (two capital letters, such as KE) or global", field, got)
		if best := suggestCountry(nil, got); best != "" {
			msg += fmt.Sprintf("; did you mean %q?", best)
		}
		return msg
	case parent == "tags" || parent == "target_groups":
		msg := fmt.Sprintf("%s: %q must be lowercase words joined by hyphens", field, got)
		if best := slug.File(got); best != "" && best != got {
			msg += fmt.Sprintf("; did you mean %q?", best)
		}
		return msg
	case parent == "related":
		return fmt.Sprintf("%s: %q must be the path of a blueprint's .md file, relative to this file, such as konza-technopolis.md", field, got)
	case strings.HasSuffix(ptr, "/url") || strings.HasSuffix(ptr, "/source"):
		msg := fmt.Sprintf("%s: %q is not a web address; it must start with https:// (or http://, or mailto: for an e-mail address)", field, got)
		if !strings.Contains(got, "://") && strings.Contains(got, ".") && !strings.ContainsAny(got, " \t") {
			msg += fmt.Sprintf("; did you mean %q?", "https://"+got)
		}
		return msg
	case ptr == "/funding/currency":
		msg := fmt.Sprintf("%s: %q is not an ISO 4217 currency code (three capital letters, such as USD or EUR)", field, got)
		if up := strings.ToUpper(strings.TrimSpace(got)); up != got && len(up) == 3 {
			msg += fmt.Sprintf("; did you mean %q?", up)
		}
		return msg
	case ptr == "/license":
		return fmt.Sprintf("%s: %q is not an SPDX license identifier such as CC-BY-4.0; leave the field out to use CC-BY-4.0", field, got)
	case ptr == "/translation/source_digest":
		return fmt.Sprintf("%s: %q is not a digest; blueprints i18n stamp writes this value, copy it exactly from the check or status output", field, got)
	}
	return fmt.Sprintf("%s: %q does not have the form this field needs (see content/schema/ for its description)", field, got)
}

// parentField names the list a JSON pointer's item belongs to:
// "/countries/0" → "countries", true.
func parentField(ptr string) (string, bool) {
	i := strings.LastIndexByte(ptr, '/')
	if i < 0 {
		return "", false
	}
	if _, err := strconv.Atoi(ptr[i+1:]); err != nil {
		return "", false
	}
	return fieldName(ptr[:i]), true
}

// rangeMessage explains a number out of range, in the field's own terms.
func rangeMessage(ptr string, got, want *big.Rat, bound string) string {
	field := fieldName(ptr)
	g := ratString(got)
	parent, _ := parentField(ptr)
	switch {
	case parent == "sdgs":
		return fmt.Sprintf("sdgs: %s is not an SDG; the SDGs are numbered 1 to 17", g)
	case strings.HasSuffix(ptr, "/year") || strings.HasSuffix(ptr, "/start") || strings.HasSuffix(ptr, "/end"):
		return fmt.Sprintf("%s: %s is not a plausible year; write a year from 1900 to 2100", field, g)
	case bound == "minimum" && want.Sign() == 0:
		return fmt.Sprintf("%s: %s is negative; it must be 0 or more", field, g)
	case bound == "minimum":
		return fmt.Sprintf("%s: %s is too small; the smallest allowed value is %s", field, g, ratString(want))
	}
	return fmt.Sprintf("%s: %s is too large; the largest allowed value is %s", field, g, ratString(want))
}

func ratString(r *big.Rat) string { return formatRat(r) }

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
