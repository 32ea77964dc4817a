package content

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/vocabulary"
)

const vocabularyFile = "data/vocabulary.yaml"

// Vocabulary is content/data/vocabulary.yaml: what readers see for the
// free-form values of blueprints (target groups, tags), in every site
// language. A site without the file shows the values as typed.
//
//	tags:
//	  seed-funding:
//	    en: Seed funding
//	    fr: Financement d'amorçage
//	    …            (one label for every language of site.yaml)
//	target_groups:
//	  youth: {en: Youth, fr: Jeunes, …}
type Vocabulary struct {
	// Labels maps a field ("tags", "target_groups") to its values, and each
	// value to its label by language code.
	Labels map[string]map[string]map[string]string
}

// VocabularyFields lists the blueprint fields the vocabulary file labels:
// the Slugs fields of package vocabulary.
func VocabularyFields() []string { return vocabulary.Labelled() }

// Has reports whether the site has a vocabulary file.
func (v *Vocabulary) Has() bool { return v != nil && v.Labels != nil }

// Label returns the label of a field's value in lang, and whether the
// vocabulary has one.
func (v *Vocabulary) Label(field, value, lang string) (string, bool) {
	if v == nil {
		return "", false
	}
	label, ok := v.Labels[field][value][lang]
	return label, ok
}

// loadVocabulary reads the vocabulary file, if the site has one. Every
// value needs a label in every site language, so no reader meets a raw
// slug; a missing or unknown language is an error at the value.
func loadVocabulary(fsys fs.FS, site *Site, diags *diag.List) *Vocabulary {
	doc, ok := readVocabularyFile(fsys, diags)
	if !ok {
		return nil
	}
	v := &Vocabulary{Labels: map[string]map[string]map[string]string{}}
	if len(doc.Content) == 0 {
		return v
	}
	r := vocabularyReader{diags: diags}
	for _, l := range site.Languages {
		r.langs = append(r.langs, l.Code)
	}
	r.mapping(doc.Content[0], vocabularyFile, func(fk, fv *yaml.Node) {
		if values, ok := r.field(fk, fv); ok {
			v.Labels[fk.Value] = values
		}
	})
	return v
}

// readVocabularyFile parses the vocabulary file into a YAML tree; false
// when the site has none or it cannot be read or parsed (reported).
func readVocabularyFile(fsys fs.FS, diags *diag.List) (*yaml.Node, bool) {
	if _, err := fs.Lstat(fsys, vocabularyFile); errors.Is(err, fs.ErrNotExist) {
		return nil, false
	}
	src, ok := readNamed(fsys, vocabularyFile, "vocabulary", diags)
	if !ok {
		return nil, false
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(src)).Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		pos, msg := explainYAML(vocabularyFile, 1, src, err)
		diags.Errorf(pos, "%s", msg)
		return nil, false
	}
	return &doc, true
}

// vocabularyReader checks the vocabulary's YAML tree, reporting every
// problem at its line and column, and collects the labels.
type vocabularyReader struct {
	diags *diag.List
	langs []string // the codes of site.yaml's languages
}

func (r vocabularyReader) at(n *yaml.Node) diag.Pos {
	return diag.Pos{File: vocabularyFile, Line: n.Line, Col: n.Column}
}

// mapping checks that n is a mapping of plain, unique keys without
// anchors or aliases, and calls f for each entry.
func (r vocabularyReader) mapping(n *yaml.Node, what string, f func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode || n.Anchor != "" {
		r.diags.Errorf(r.at(n), "%s must be a mapping of name: value lines (no anchors or aliases)", what)
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind != yaml.ScalarNode || k.Tag == "!!merge":
			r.diags.Errorf(r.at(k), "%s: a key must be a plain name", what)
		case seen[k.Value]:
			r.diags.Errorf(r.at(k), "%s: duplicate key %q; keep one", what, k.Value)
		default:
			seen[k.Value] = true
			f(k, val)
		}
	}
}

// field reads one labelled field (fk: fv), value → language → label;
// false when the vocabulary does not label that field.
func (r vocabularyReader) field(fk, fv *yaml.Node) (map[string]map[string]string, bool) {
	field := fk.Value
	if !slices.Contains(VocabularyFields(), field) {
		r.diags.Errorf(r.at(fk), "unknown field %q; the vocabulary labels %s", field, strings.Join(VocabularyFields(), " and "))
		return nil, false
	}
	values := map[string]map[string]string{}
	r.mapping(fv, field, func(vk, vv *yaml.Node) {
		values[vk.Value] = r.labels(field, vk, vv)
	})
	return values, true
}

// labels reads one value's labels (vk: vv), language → label, and
// reports the site languages it lacks: a reader in one of them would
// see the raw value.
func (r vocabularyReader) labels(field string, vk, vv *yaml.Node) map[string]string {
	labels := map[string]string{}
	r.mapping(vv, field+"."+vk.Value, func(lk, lv *yaml.Node) {
		switch {
		case !slices.Contains(r.langs, lk.Value):
			r.diags.Errorf(r.at(lk), "%s.%s: %q is not a language of site.yaml (%s)", field, vk.Value, lk.Value, strings.Join(r.langs, ", "))
		case lv.Kind != yaml.ScalarNode || lv.Tag != "!!str" || strings.TrimSpace(lv.Value) == "":
			r.diags.Errorf(r.at(lv), "%s.%s.%s: the label must be text", field, vk.Value, lk.Value)
		default:
			labels[lk.Value] = lv.Value
		}
	})
	var missing []string
	for _, l := range r.langs {
		if _, ok := labels[l]; !ok {
			missing = append(missing, l)
		}
	}
	// A value that is not a mapping was reported already; its missing
	// labels would only repeat that.
	if len(missing) > 0 && vv.Kind == yaml.MappingNode {
		r.diags.Errorf(r.at(vk), "%s.%s has no label in %s; add one for every language, so no reader sees the raw value", field, vk.Value, strings.Join(missing, ", "))
	}
	return labels
}
