package internal_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// maxFuncLines is the longest a function in internal/ may be: past about
// a screen, a reader can no longer see what a function does at once, and
// a long function is usually several steps that want names of their own.
const maxFuncLines = 60

// longFuncsAllowed are the functions that may be longer, with why.
func longFuncsAllowed() map[string]string {
	return map[string]string{
		// A generator run by hand; it needs map data from npm, so a split
		// could not be checked against its output here.
		"worldmap/gen/main.go main": "generator",
	}
}

// TestFunctionLength holds every non-test function in internal/ to
// maxFuncLines, except those longFuncsAllowed names.
func TestFunctionLength(t *testing.T) {
	allowed := longFuncsAllowed()
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			name := filepath.ToSlash(path) + " " + fn.Name.Name
			if lines > maxFuncLines && allowed[name] == "" {
				t.Errorf("%s:%d: %s is %d lines, over %d: split it into steps with names of their own", path, fset.Position(fn.Pos()).Line, fn.Name.Name, lines, maxFuncLines)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
