package site

import (
	"go/ast"
	"go/doc"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// themeManual is the package comment of package theme, the template
// author's manual, as go doc shows it.
func themeManual(t *testing.T) string {
	t.Helper()
	names, err := filepath.Glob("../theme/*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	pkg, err := doc.NewFromFiles(fset, files, "github.com/openblueprints/blueprints/internal/theme")
	if err != nil {
		t.Fatal(err)
	}
	return pkg.Doc
}

// manualSection returns the entries of the manual's section "# title":
// the names its definition lists start lines with ("\t.URL …" gives URL).
func manualSection(t *testing.T, manual, title string) map[string]bool {
	t.Helper()
	_, rest, ok := strings.Cut(manual, "\n# "+title+"\n")
	if !ok {
		t.Fatalf("the theme manual has no section %q", title)
	}
	rest, _, _ = strings.Cut(rest, "\n# ")
	entries := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^\t\.([A-Z]\w*)(?: \.([A-Z]\w*))?`).FindAllStringSubmatch(rest, -1) {
		entries[m[1]] = true
		if m[2] != "" {
			entries[m[2]] = true // ".Title .Summary"
		}
	}
	return entries
}

// exported lists what a template can reach of a type: the exported
// fields of the struct and the methods of a pointer to it.
func exported(typ reflect.Type) map[string]bool {
	names := map[string]bool{}
	for i := range typ.NumField() {
		if f := typ.Field(i); f.IsExported() {
			names[f.Name] = true
		}
	}
	ptr := reflect.PointerTo(typ)
	for i := range ptr.NumMethod() {
		names[ptr.Method(i).Name] = true
	}
	return names
}

// TestThemeManualListsTheView: package theme's comment is the template
// author's manual, so every field and method of View and of Page is
// listed there, and nothing it lists is gone.
func TestThemeManualListsTheView(t *testing.T) {
	manual := themeManual(t)
	for _, tt := range []struct {
		section string
		typ     reflect.Type
	}{
		{"The view", reflect.TypeFor[View]()},
		{"Pages", reflect.TypeFor[Page]()},
	} {
		listed := manualSection(t, manual, tt.section)
		have := exported(tt.typ)
		for name := range have {
			if !listed[name] {
				t.Errorf("%s.%s is not in the theme manual's section %q (package theme's comment); templates can call it", tt.typ.Name(), name, tt.section)
			}
		}
		for name := range listed {
			if !have[name] {
				t.Errorf("the theme manual's section %q lists .%s, which %s does not have", tt.section, name, tt.typ.Name())
			}
		}
	}
}
