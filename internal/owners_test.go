package internal_test

import (
	"strings"
	"testing"
)

// outsideOwners is DESIGN §4's rule that every outside library sits behind
// exactly one package of ours, as policy: for each outside module, the
// package that owns it. The import policy (allowed) may let another
// package use a module only as an exception listed here with its reason.
func outsideOwners() map[string]string {
	return map[string]string{
		"github.com/adrg/frontmatter":            "internal/content",
		"github.com/BurntSushi/toml":             "internal/content",
		"go.yaml.in/yaml/v3":                     "internal/content",
		"github.com/santhosh-tekuri/jsonschema":  "internal/content",
		"github.com/yuin/goldmark":               "internal/markdown",
		"github.com/alecthomas/chroma":           "internal/markdown",
		"github.com/nicksnyder/go-i18n":          "internal/i18n",
		"golang.org/x/text":                      "internal/i18n",
		"github.com/gosimple/unidecode":          "internal/slug",
		"github.com/tdewolff/minify":             "internal/publish",
		"github.com/blevesearch/bleve":           "internal/search",
		"github.com/blevesearch/bleve_index_api": "internal/search",
		"github.com/fsnotify/fsnotify":           "internal/serve",
		"golang.org/x/sync":                      "internal/site",
		"github.com/chromedp":                    "cmd/screenshots",
	}
}

// outsideExceptions are the uses of a module outside its owner, by
// package and import path, each with why it cannot go through the owner.
func outsideExceptions() map[[2]string]string {
	return map[[2]string]string{
		{"internal/content", "golang.org/x/text/message"}:       "jsonschema's errors are worded through a *message.Printer, a type of its API",
		{"internal/content", "golang.org/x/text/language"}:      "the tag that Printer is made for (language.English)",
		{"internal/slug", "golang.org/x/text/unicode/norm"}:     "slug owns Unicode normalisation (NFC names, NFKD to drop accents); i18n is about languages, not code points",
		{"internal/search", "golang.org/x/text/unicode/norm"}:   "NFKD folding inside the analysis that bleve and the static export share; search17 owns it",
		{"internal/site", "golang.org/x/text/unicode/norm"}:     "NFC keys of output paths (two sources, one page); could be slug.NFC",
		{"internal/worldmap/gen", "golang.org/x/text/language"}: "a generator run by hand, never part of the binary",
	}
}

// TestOutsideLibrariesBehindOnePackage holds the import policy to
// outsideOwners: a package allowed an outside module is its owner or a
// listed exception.
func TestOutsideLibrariesBehindOnePackage(t *testing.T) {
	owners, exceptions := outsideOwners(), outsideExceptions()
	used := map[[2]string]bool{}
	for pkg, rules := range allowed() {
		for _, imp := range rules {
			if isStdlib(imp) || strings.HasPrefix(imp, "internal/") || imp == "themes" {
				continue
			}
			module := moduleOf(imp, owners)
			switch {
			case module == "":
				t.Errorf("%s may import %s, whose module has no owner in outsideOwners; name the one package it sits behind", pkg, imp)
			case owners[module] == pkg:
			case exceptions[[2]string{pkg, imp}] != "":
				used[[2]string{pkg, imp}] = true
			default:
				t.Errorf("%s may import %s, but %s sits behind %s: go through it, or argue for an exception in outsideExceptions", pkg, imp, module, owners[module])
			}
		}
	}
	for e := range exceptions {
		if !used[e] {
			t.Errorf("outsideExceptions lets %s import %s, which the policy no longer allows: remove the exception", e[0], e[1])
		}
	}
}

// moduleOf returns the module of owners that holds import path imp.
func moduleOf(imp string, owners map[string]string) string {
	var best string
	for module := range owners {
		if (imp == module || strings.HasPrefix(imp, module+"/")) && len(module) > len(best) {
			best = module
		}
	}
	return best
}
