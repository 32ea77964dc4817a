package site

import (
	"testing"
)

// TestTranslationImagesFallBack pins issue 20: a translation's image not
// in its own folder is the default language's, as its links are.
func TestTranslationImagesFallBack(t *testing.T) {
	site := `
-- content/site.yaml --
title: T
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
-- content/en/guides/setup.md --
---
title: Setup
---
![The architecture](architecture.png)
-- content/en/guides/architecture.png --
PNG
-- content/fr/guides/setup.md --
---
title: Installation
---
![L'architecture](architecture.png)
`
	out := mustBuild(t, site)
	assertFile(t, out, "fr/guides/setup/index.html", `<img src="\.\./\.\./\.\./en/guides/architecture\.png" alt="L'architecture"`)

	_, diags := build(t, site+"\n![Absente](missing.png)\n")
	assertDiag(t, diags, "fr/guides/setup.md:6:1", `image "missing.png" not found: expected the file fr/guides/missing.png`)
	if diags.Errors() != 1 {
		t.Fatalf("want the one error about missing.png, got:\n%v", diags)
	}
}

func TestReferenceLinkReportedAtDefinition(t *testing.T) {
	_, diags := build(t, `
-- content/site.yaml --
title: T
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English}
-- content/en/guides/a.md --
---
title: A
---
See [the guide][g] and [again][g].

[g]: gone.md
`)
	assertDiag(t, diags, "en/guides/a.md:6:1", `^link "gone.md": en/guides/gone.md does not exist.*\(the reference is used on line 4\)$`)
}
