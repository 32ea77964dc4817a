package site

import (
	"strings"
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
![The architecture](architecture.gif)
-- content/en/guides/architecture.gif --
GIF89a
-- content/fr/guides/setup.md --
---
title: Installation
translation: {translated: 2026-01-02, method: human}
---
![L'architecture](architecture.gif)
`
	out := mustBuild(t, site)
	assertFile(t, out, "fr/guides/setup/index.html", `<img src="\.\./\.\./\.\./en/guides/architecture\.gif" alt="L'architecture"`)

	_, diags := build(t, site+"\n![Absente](missing.png)\n")
	assertDiag(t, diags, "fr/guides/setup.md:7:1", `image "missing.png" not found: expected the file fr/guides/missing.png`)
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

// TestGuides pins issue 20's guide pages: a contents box on long pages,
// alerts as callouts titled in the page's language, highlighted code, a
// README.md as its folder's page, breadcrumbs through every level, and
// warnings for a repeated title and a folder no list shows.
func TestGuides(t *testing.T) {
	site := `
-- content/site.yaml --
title: T
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
-- content/en/guides/_index.md --
---
title: Guides
---
All guides.
-- content/en/guides/collector/README.md --
---
title: Collector
---
The collector.
-- content/en/guides/collector/deploy/_index.md --
---
title: Deploy
---
Deploying.
-- content/en/guides/collector/deploy/kubernetes.md --
---
title: Kubernetes
---
## Install
## Configure
### Receivers
## Upgrade

> [!WARNING]
> Back up first.

` + "```yaml\nreceivers:\n  otlp: {}\n```" + `
-- content/fr/guides/collector/deploy/kubernetes.md --
---
title: Kubernetes
translation: {translated: 2026-01-02, method: human, source_digest: 74f4edbc2edf1732}
---
> [!NOTE]
> Lisez d'abord.
-- content/en/guides/short.md --
---
title: Short
---
# Short

## Only one section
-- content/en/guides/loose/a.md --
---
title: Loose
---
Nobody lists me.
`
	out, diags := build(t, site)
	if diags.Errors() > 0 {
		t.Fatalf("errors:\n%v", diags)
	}
	assertDiag(t, diags, "en/guides/short.md:4:1", `^the heading "Short" repeats the page's title`)
	assertDiag(t, diags, "en/guides/loose/", `^this folder has no _index.md \(or README.md\), so its pages, such as a.md, appear in no list`)
	if len(diags) != 2 {
		t.Errorf("want exactly the two warnings, got:\n%v", diags)
	}
	page := "en/guides/collector/deploy/kubernetes/index.html"
	assertFile(t, out, page,
		`<article class="has-toc">`,
		`<nav class="toc" aria-labelledby="toc-title">`,
		`<li class="toc-3"><a href="#receivers">Receivers</a></li>`,
		`<div class="callout callout-warning" role="note"><p class="callout-title">Warning</p>`,
		`<span class="nt">receivers</span>`,
		// Every level: Home › Guides › Collector › Deploy › Kubernetes.
		`(?s)<nav class="breadcrumbs".*href="[^"]*">[^<]*</a></li>\s*<li><a href="\.\./\.\./\.\./">Guides</a></li>\s*<li><a href="\.\./\.\./">Collector</a></li>\s*<li><a href="\.\./">Deploy</a></li>\s*<li><span aria-current="page">Kubernetes</span>`,
	)
	assertFile(t, out, "fr/guides/collector/deploy/kubernetes/index.html", `<p class="callout-title">Remarque</p>`)
	assertFile(t, out, "en/guides/collector/index.html", `<h1>Collector</h1>`, `href="deploy/"`)
	if strings.Contains(string(out.Files["en/guides/short/index.html"]), `class="toc"`) {
		t.Errorf("a page of one section got a contents box")
	}
	if _, ok := out.Files["en/guides/collector/readme/index.html"]; ok {
		t.Errorf("README.md became a page of its own")
	}
}

// TestTranslationKeepsSourceAnchor: a link written for the original page
// into a translated page breaks when the translated heading gets an ID of
// its own words; the translation can keep the original's with {#id}, and
// the error says so.
func TestTranslationKeepsSourceAnchor(t *testing.T) {
	site := `
-- content/site.yaml --
title: T
base_url: https://example.org/
default_language: en
languages:
  - {code: en, name: English}
  - {code: zh, name: 中文}
-- content/en/guides/tracing.md --
---
title: Tracing
---
## Tracer provider
-- content/en/guides/intro.md --
---
title: Intro
---
See [the provider](tracing.md#tracer-provider).
-- content/zh/guides/intro.md --
---
title: 简介
translation: {translated: 2026-01-02, method: human}
---
参见[提供者](tracing.md#tracer-provider)。
-- content/zh/guides/tracing.md --
---
title: 链路
translation: {translated: 2026-01-02, method: human}
---
`
	_, diags := build(t, site+"## Tracer 提供者 (Tracer Provider)\n")
	assertDiag(t, diags, "zh/guides/intro.md:5:3", `no heading #tracer-provider in zh/guides/tracing.md; en/guides/tracing.md has it, for the heading "Tracer provider": give the translated heading the same ID, as in "## … \{#tracer-provider\}"`)
	mustBuild(t, site+"## Tracer 提供者 (Tracer Provider) {#tracer-provider}\n")
}
