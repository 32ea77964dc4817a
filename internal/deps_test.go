package internal_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

const module = "github.com/openblueprints/blueprints/"

// allowed is the import policy, as in go/build's deps_test.go: for each
// package of ours, the packages of ours and the outside modules it may
// import. Each outside library sits behind exactly one package, and data
// flows one way (content → markdown → site → publish), so a new import that
// breaks either rule fails here and has to be argued for.
func allowed() map[string][]string {
	return map[string][]string{
		"internal/diag":         {},
		"cmd/corpus":            {},                                                              // a benchmark tool: standard library only
		"cmd/screenshots":       {"github.com/chromedp/chromedp", "github.com/chromedp/cdproto"}, // pictures for people to look at
		"internal/worldmap":     {},
		"internal/worldmap/gen": {"golang.org/x/text/language"}, // run by hand to refresh the shapes
		"internal/slug":         {"golang.org/x/text/unicode/norm", "github.com/gosimple/unidecode"},
		"internal/geo":          {},
		"internal/theme":        {},
		"themes":                {},
		"internal/content":      {"internal/diag", "github.com/adrg/frontmatter", "github.com/BurntSushi/toml", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "internal/slug", "internal/geo", "golang.org/x/text/language", "golang.org/x/text/message"},
		"internal/markdown":     {"internal/diag", "internal/slug", "github.com/yuin/goldmark", "github.com/alecthomas/chroma/v2"},
		"internal/i18n":         {"internal/diag", "github.com/nicksnyder/go-i18n/v2", "golang.org/x/text"},
		"internal/publish":      {"github.com/tdewolff/minify/v2"},
		"internal/search":       {"github.com/blevesearch/bleve/v2", "github.com/blevesearch/bleve_index_api", "golang.org/x/text/unicode/norm"},
		"internal/site":         {"internal/content", "internal/diag", "internal/geo", "internal/i18n", "internal/markdown", "internal/search", "internal/theme", "internal/worldmap", "themes", "golang.org/x/sync/errgroup", "golang.org/x/text/unicode/norm"},
		"internal/serve":        {"internal/diag", "github.com/fsnotify/fsnotify"},
		"cmd/blueprints":        {"themes", "internal/content", "internal/diag", "internal/publish", "internal/search", "internal/serve", "internal/site"},
	}
}

func TestImportPolicy(t *testing.T) {
	policy := allowed()
	seen := map[string]bool{}
	for _, root := range []string{".", "../cmd", "../themes"} {
		err := filepath.WalkDir(root, func(dir string, d os.DirEntry, err error) error {
			if err != nil || !d.IsDir() || d.Name() == "testdata" {
				if d != nil && d.Name() == "testdata" {
					return filepath.SkipDir
				}
				return err
			}
			pkg := packagePath(dir)
			imports := nonTestImports(t, dir)
			if len(imports) == 0 && !hasGoFiles(dir) {
				return nil
			}
			rules, ok := policy[pkg]
			if !ok {
				t.Errorf("package %s is not in the import policy; add it to allowed()", pkg)
				return nil
			}
			seen[pkg] = true
			for _, imp := range imports {
				if isStdlib(imp) {
					continue
				}
				rel := strings.TrimPrefix(imp, module)
				if !slices.ContainsFunc(rules, func(rule string) bool { return rel == rule || strings.HasPrefix(rel, rule+"/") }) {
					t.Errorf("%s imports %s, which the policy does not allow", pkg, imp)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for pkg := range policy {
		if !seen[pkg] {
			t.Errorf("policy names %s, which has no Go files", pkg)
		}
	}
}

func packagePath(dir string) string {
	abs, _ := filepath.Abs(dir)
	root, _ := filepath.Abs("..")
	rel, _ := filepath.Rel(root, abs)
	return filepath.ToSlash(rel)
}

func hasGoFiles(dir string) bool {
	matches, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	for _, m := range matches {
		if !strings.HasSuffix(m, "_test.go") {
			return true
		}
	}
	return false
}

func nonTestImports(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var out []string
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ast, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			out = append(out, p)
		}
	}
	return out
}

// isStdlib reports standard-library paths: their first element has no dot.
func isStdlib(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
