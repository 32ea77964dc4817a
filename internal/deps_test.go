package internal_test

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
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
		"internal/corpus":       {}, // a generated site for benchmarks and tests: standard library only
		"cmd/corpus":            {"internal/corpus"},
		"cmd/screenshots":       {"github.com/chromedp/chromedp", "github.com/chromedp/cdproto"}, // pictures for people to look at
		"internal/worldmap":     {},
		"internal/worldmap/gen": {"golang.org/x/text/language"}, // run by hand to refresh the shapes
		"internal/slug":         {"golang.org/x/text/unicode/norm", "github.com/gosimple/unidecode"},
		"internal/geo":          {},
		"internal/theme":        {},
		"themes":                {},
		"internal/content":      {"internal/diag", "github.com/adrg/frontmatter", "github.com/BurntSushi/toml", "go.yaml.in/yaml/v3", "github.com/santhosh-tekuri/jsonschema/v6", "internal/slug", "internal/geo", "internal/i18n", "golang.org/x/text/language", "golang.org/x/text/message"},
		"internal/markdown":     {"internal/diag", "internal/slug", "github.com/yuin/goldmark", "github.com/alecthomas/chroma/v2"},
		"internal/i18n":         {"internal/diag", "github.com/nicksnyder/go-i18n/v2", "golang.org/x/text"},
		"internal/publish":      {"github.com/tdewolff/minify/v2"},
		"internal/search":       {"internal/diag", "github.com/blevesearch/bleve/v2", "github.com/blevesearch/bleve_index_api", "golang.org/x/text/unicode/norm"},
		"internal/site":         {"internal/content", "internal/diag", "internal/geo", "internal/i18n", "internal/markdown", "internal/search", "internal/theme", "internal/worldmap", "themes", "golang.org/x/sync/errgroup", "golang.org/x/text/unicode/norm"},
		"internal/serve":        {"internal/diag", "github.com/fsnotify/fsnotify"},
		"internal/devindex":     {"internal/search"},
		"cmd/blueprints":        {"themes", "internal/content", "internal/devindex", "internal/diag", "internal/publish", "internal/search", "internal/serve", "internal/site"},
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

// siteFiles is the reading order of package site's files, from the ground
// up: a file may use what the files before it declare (types, functions,
// methods, fields, variables, constants), never what a file after it
// declares, so a reader can follow the package from its model through the
// stages to the pipeline that calls them without jumping back. A new file
// must be placed here; no file may use a later one.
func siteFiles() []string {
	return []string{
		"parsers.go",      // Markdown parsers by kind of page, reserving the IDs its layout writes
		"model.go",        // Page and Model: the assembled site, and translation states
		"config.go",       // Config (what to build) and Output (what was built)
		"urls.go",         // where each page lives, relative and absolute URLs
		"catalog.go",      // the message IDs the package asks the theme for
		"memo.go",         // a Session's remembered per-document work
		"work.go",         // env: what every stage may use; parallel work, timeouts
		"theme.go",        // stage: the theme, its catalogs and localizers
		"parse.go",        // stage: published documents parsed into pages
		"links.go",        // links between documents resolved and checked; unpublished documents checked
		"taxonomy.go",     // a blueprint's terms, labels and formatted values
		"translations.go", // translation states and their checks; stale reviews
		"assemble.go",     // stage: pages, fallbacks, lists, taxonomies → Model
		"stats.go",        // coverage figures of a built site
		"tags.go",         // tags that are another form of a tag in use
		"vocabulary.go",   // tag spellings checked against the vocabulary
		"output.go",       // the output tree: files to a sink, clashing paths
		"view.go",         // View: what every template receives
		"view_reader.go",  // View methods for the reader's side of a page
		"render.go",       // stage: Markdown bodies rendered
		"search.go",       // stage: search documents and the static search export
		"execute.go",      // stage: templates executed over the Model
		"extras.go",       // stage: static files, sitemap, feeds, offline lists
		"build.go",        // Build and the pipeline that calls the stages in order
		"edits.go",        // the build after a body edit: a new Model from the last one
		"session.go",      // rebuilds after edits
		"archetype.go",    // the blueprint "blueprints new" starts
	}
}

// TestSiteFileLayers holds package site's files to the order of
// siteFiles. Uses are found by type-checking the package with the
// standard library's export data and the other imports stubbed out: a use
// through a value of another package's type can be missed, but none is
// invented.
func TestSiteFileLayers(t *testing.T) {
	order := map[string]int{}
	for i, name := range siteFiles() {
		order[name] = i
	}
	uses := fileUses(t, "site")
	for name := range uses.files {
		if _, ok := order[name]; !ok {
			t.Errorf("site/%s is not in siteFiles; place it above every file it uses and below every file that uses it", name)
		}
	}
	for _, name := range siteFiles() {
		if !uses.files[name] {
			t.Errorf("siteFiles names site/%s, which does not exist", name)
		}
	}
	for edge, names := range uses.edges {
		from, to := edge[0], edge[1]
		if order[from] < order[to] {
			t.Errorf("site/%s uses %s from %s, which comes after it in siteFiles: move them down, or the use up", from, strings.Join(names, ", "), to)
		}
	}
}

// usesByFile is which files of a package use which other files' names.
type usesByFile struct {
	files map[string]bool
	edges map[[2]string][]string // from file, to file → the names used, sorted
}

func fileUses(t *testing.T, dir string) usesByFile {
	t.Helper()
	fset := token.NewFileSet()
	names, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var files []*ast.File
	out := usesByFile{files: map[string]bool{}, edges: map[[2]string][]string{}}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		out.files[filepath.Base(name)] = true
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{
		Importer: stubImporter{importer.Default()},
		Error:    func(error) {}, // the stubbed packages are empty: uses of them fail
	}
	pkg, _ := conf.Check(dir, fset, files, info)
	for id, obj := range info.Uses {
		// Package-level names, and the methods and fields of package-level
		// types (whose parent scope is nil); not local variables.
		if obj == nil || obj.Pkg() != pkg || (obj.Parent() != nil && obj.Parent() != pkg.Scope()) {
			continue
		}
		from := filepath.Base(fset.Position(id.Pos()).Filename)
		to := filepath.Base(fset.Position(obj.Pos()).Filename)
		edge := [2]string{from, to}
		if from != to && !slices.Contains(out.edges[edge], obj.Name()) {
			out.edges[edge] = append(out.edges[edge], obj.Name())
		}
	}
	for _, names := range out.edges {
		slices.Sort(names)
	}
	return out
}

// stubImporter imports the standard library and stands in an empty
// package for everything else: the file layering only concerns the
// package's own names.
type stubImporter struct{ std types.Importer }

func (i stubImporter) Import(path string) (*types.Package, error) {
	if isStdlib(path) {
		return i.std.Import(path)
	}
	p := types.NewPackage(path, filepath.Base(path))
	p.MarkComplete()
	return p, nil
}
