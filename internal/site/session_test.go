package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/search"
	"github.com/openblueprints/blueprints/themes"
)

// editSite is a small site on disk that a test edits the way a person
// does, remembering which paths each edit touched, as the watcher would.
type editSite struct {
	t       *testing.T
	root    string // holds content/ and themes/
	touched []string
	theme   []string // touched paths under themes/
	rng     *rand.Rand
	words   int
}

func (s *editSite) path(name string) string { return filepath.Join(s.root, filepath.FromSlash(name)) }

func (s *editSite) read(name string) string {
	data, err := os.ReadFile(s.path(name))
	if err != nil {
		s.t.Fatal(err)
	}
	return string(data)
}

func (s *editSite) exists(name string) bool {
	_, err := os.Stat(s.path(name))
	return err == nil
}

func (s *editSite) note(name string) {
	if rest, ok := strings.CutPrefix(name, "content/"); ok {
		s.touched = append(s.touched, rest)
	} else if rest, ok := strings.CutPrefix(name, "themes/"); ok {
		s.theme = append(s.theme, rest)
	}
}

func (s *editSite) write(name, data string) {
	s.t.Helper()
	if err := os.MkdirAll(filepath.Dir(s.path(name)), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(s.path(name), []byte(data), 0o644); err != nil {
		s.t.Fatal(err)
	}
	s.note(name)
}

func (s *editSite) remove(name string) {
	if err := os.Remove(s.path(name)); err != nil {
		s.t.Fatal(err)
	}
	s.note(name)
}

func (s *editSite) rename(from, to string) {
	if err := os.Rename(s.path(from), s.path(to)); err != nil {
		s.t.Fatal(err)
	}
	s.note(from)
	s.note(to)
}

// takeChanges returns what the edits since the last call touched.
func (s *editSite) takeChanges() Changes {
	c := Changes{Content: s.touched, Themes: s.theme}
	s.touched, s.theme = nil, nil
	return c
}

// sentence is a new sentence with a word no other sentence has, so search
// documents change too.
func (s *editSite) sentence() string {
	s.words++
	return fmt.Sprintf("The programme added mentor%d circles in its %d%s year.", s.words, s.rng.IntN(9)+2, "nd")
}

func blueprintDoc(title, summary, tags, related, body string) string {
	return fmt.Sprintf(`---
title: %q
summary: %q
type: incubator
countries: [KE, SN]
sdgs: [8, 9]
stage: operational
last_reviewed: 2026-01-15
tags: [%s]
related: [%s]
---

%s
`, title, summary, tags, related, body)
}

// translationDoc marks a document as a translation made by a person, from
// the source text with the given digest ("" for not stamped).
func translationDoc(doc, digest string) string {
	block := "translation:\n  translated: 2026-01-16\n  method: human\n"
	if digest != "" {
		block += "  source_digest: " + digest + "\n"
	}
	return strings.Replace(doc, "tags:", block+"tags:", 1)
}

// newEditSite writes a site of a few blueprints, translations (one stamped
// as current), guides linking to blueprint headings, and a theme copied
// from the built-in one so templates and styles can be edited.
func newEditSite(t *testing.T, seed uint64) *editSite {
	s := &editSite{t: t, root: t.TempDir(), rng: rand.New(rand.NewPCG(seed, 7))}
	err := fs.WalkDir(themes.Default(), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(themes.Default(), name)
		if err != nil {
			return err
		}
		s.write("themes/mine/"+name, string(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"blueprint.schema.json", "page.schema.json"} {
		data, err := os.ReadFile("../../content/schema/" + name)
		if err != nil {
			t.Fatal(err)
		}
		s.write("content/schema/"+name, string(data))
	}
	s.write("content/site.yaml", `title: Blueprints under edit
description: A site the test edits.
base_url: https://example.org/
theme: mine
offline_reading: true
languages:
  - {code: en, name: English}
  - {code: fr, name: Français}
  - {code: ar, name: العربية, direction: rtl}
`)
	s.write("content/en/_index.md", "---\ntitle: Home\nsummary: The home page.\n---\n\nRead [the guide](guides/using.md#steps).\n")
	s.write("content/en/guides/_index.md", "---\ntitle: Guides\nmenu: true\nweight: 2\n---\n\nGuides for readers.\n")
	s.write("content/en/guides/using.md", "---\ntitle: Using a blueprint\nweight: 1\n---\n\n## Steps\n\nStart with [Konza's design](../blueprints/konza.md#design) and [iHub](../blueprints/ihub.md).\n")
	body := func(name string) string {
		return "## Context\n\n" + name + " began with a survey of founders.\n\n## Design\n\nThe design has three parts.\n\n## Results\n\nSee [the guide](../guides/using.md#steps).\n"
	}
	s.write("content/en/blueprints/konza.md", blueprintDoc("Konza Technopolis", "A tech city near Nairobi.", "smart-city", "ihub.md", body("Konza")))
	s.write("content/en/blueprints/ihub.md", blueprintDoc("iHub", "A Nairobi innovation hub.", "community, hub", "konza.md", body("iHub")))
	s.write("content/en/blueprints/ctic.md", blueprintDoc("CTIC Dakar", "An incubator in Dakar.", "hub", "", body("CTIC")))
	frBody := func(name string) string {
		return "## Contexte\n\n" + name + " a commencé par une enquête auprès des fondateurs.\n\n## Conception\n\nLa conception comporte trois parties.\n\n## Résultats\n\nVoir [le guide](../guides/using.md#steps).\n"
	}
	// A French translation stamped with its source's digest: current until
	// the source's text changes.
	konza := s.loadDoc("en/blueprints/konza.md")
	s.write("content/fr/blueprints/konza.md", translationDoc(blueprintDoc("Konza Technopolis", "Une ville technologique.", "smart-city", "ihub.md", frBody("Konza")), konza.Digest()))
	s.write("content/fr/blueprints/ihub.md", translationDoc(blueprintDoc("iHub", "Un pôle d'innovation.", "community", "", frBody("iHub")), ""))
	s.write("content/ar/blueprints/ctic.md", translationDoc(blueprintDoc("CTIC داكار", "حاضنة في داكار.", "hub", "", "## السياق\n\nبدأت CTIC بدراسة استقصائية للمؤسسين.\n\n## التصميم\n\nيتكون التصميم من ثلاثة أجزاء.\n"), ""))
	s.takeChanges()
	return s
}

// loadDoc decodes one document of the site as content does.
func (s *editSite) loadDoc(file string) *content.Document {
	c, diags := content.Load(os.DirFS(s.path("content")), content.Options{})
	if err := diags.Err(); err != nil {
		s.t.Fatal(err)
	}
	for _, d := range c.Documents {
		if d.File == file {
			return d
		}
	}
	s.t.Fatalf("no document %s", file)
	return nil
}

// appendBody adds a sentence at the end of a document's body.
func (s *editSite) appendBody(file string) {
	s.write("content/"+file, s.read("content/"+file)+"\n"+s.sentence()+"\n")
}

// replaceIn edits a file in place.
func (s *editSite) replaceIn(name, old, new string) bool {
	text := s.read(name)
	if !strings.Contains(text, old) {
		return false
	}
	s.write(name, strings.Replace(text, old, new, 1))
	return true
}

// An edit changes the site; bodyOnly says the Session should take the
// quick way through it.
type siteEdit struct {
	name     string
	bodyOnly bool
	do       func(s *editSite) bool // false: not applicable now, pick another
}

func siteEdits() []siteEdit {
	blueprints := []string{"en/blueprints/konza.md", "en/blueprints/ihub.md", "en/blueprints/ctic.md", "fr/blueprints/konza.md", "ar/blueprints/ctic.md"}
	pick := func(s *editSite, files []string) string { return files[s.rng.IntN(len(files))] }
	return []siteEdit{
		{"append a sentence to a blueprint", true, func(s *editSite) bool {
			s.appendBody(pick(s, blueprints))
			return true
		}},
		{"append a sentence to a guide", true, func(s *editSite) bool {
			s.appendBody("en/guides/using.md")
			return true
		}},
		{"append a sentence to the home page", true, func(s *editSite) bool {
			s.appendBody("en/_index.md")
			return true
		}},
		{"add a link to a heading of another page", true, func(s *editSite) bool {
			s.write("content/en/blueprints/ctic.md", s.read("content/en/blueprints/ctic.md")+"\nCompare [Konza's results](konza.md#results).\n")
			return true
		}},
		{"edit two bodies in one burst", true, func(s *editSite) bool {
			s.appendBody("en/blueprints/konza.md")
			s.appendBody("en/blueprints/ihub.md")
			return true
		}},
		{"save without changes", true, func(s *editSite) bool {
			s.write("content/en/blueprints/ihub.md", s.read("content/en/blueprints/ihub.md"))
			return true
		}},
		{"editor temp file saved over a blueprint", true, func(s *editSite) bool {
			text := s.read("content/en/blueprints/konza.md") + "\n" + s.sentence() + "\n"
			s.write("content/en/blueprints/.konza.md.tmp", text)
			s.rename("content/en/blueprints/.konza.md.tmp", "content/en/blueprints/konza.md")
			return true
		}},
		{"change a title", false, func(s *editSite) bool {
			return s.replaceIn("content/en/blueprints/ihub.md", `title: "iHub`, `title: "iHub `+fmt.Sprint(s.rng.IntN(100)))
		}},
		{"change tags", false, func(s *editSite) bool {
			return s.replaceIn("content/en/blueprints/ctic.md", "tags: [", "tags: [t"+fmt.Sprint(s.rng.IntN(5))+", ")
		}},
		{"change a heading", false, func(s *editSite) bool {
			return s.replaceIn("content/en/blueprints/ihub.md", "## Context", "## Context and history")
		}},
		{"add a blueprint", false, func(s *editSite) bool {
			name := fmt.Sprintf("content/en/blueprints/new%d.md", s.rng.IntN(4))
			if s.exists(name) {
				return false
			}
			s.write(name, blueprintDoc("New "+name, "A new one.", "hub", "", "## Context\n\n"+s.sentence()+"\n"))
			return true
		}},
		{"delete an added blueprint", false, func(s *editSite) bool {
			for i := range 4 {
				if name := fmt.Sprintf("content/en/blueprints/new%d.md", i); s.exists(name) {
					s.remove(name)
					return true
				}
			}
			return false
		}},
		{"rename an added blueprint", false, func(s *editSite) bool {
			for i := range 4 {
				from, to := fmt.Sprintf("content/en/blueprints/new%d.md", i), fmt.Sprintf("content/en/blueprints/new%d.md", (i+1)%4)
				if s.exists(from) && !s.exists(to) {
					s.rename(from, to)
					return true
				}
			}
			return false
		}},
		{"add a translation", false, func(s *editSite) bool {
			name := "content/fr/blueprints/ctic.md"
			if s.exists(name) {
				s.remove(name)
				return true
			}
			s.write(name, translationDoc(blueprintDoc("CTIC Dakar", "Un incubateur à Dakar.", "hub", "", "## Contexte\n\n"+s.sentence()+"\n"), ""))
			return true
		}},
		{"break a file, then fix it", false, func(s *editSite) bool {
			name := "content/en/blueprints/ihub.md"
			if s.replaceIn(name, "stage: operational", "stage: [broken") {
				return true
			}
			return s.replaceIn(name, "stage: [broken", "stage: operational")
		}},
		{"break a link", false, func(s *editSite) bool {
			if s.replaceIn("content/en/guides/using.md", "konza.md#design", "konza.md#nowhere") {
				return true
			}
			return s.replaceIn("content/en/guides/using.md", "konza.md#nowhere", "konza.md#design")
		}},
		{"edit a template", false, func(s *editSite) bool {
			return s.replaceIn("themes/mine/layouts/blueprint.html", "{{", "{{/* edited */}}{{")
		}},
		{"edit the style sheet", true, func(s *editSite) bool {
			name := "themes/mine/static/style.css"
			if !s.exists(name) {
				return false
			}
			s.write(name, s.read(name)+"\n/* "+s.sentence()+" */\n")
			return true
		}},
		{"edit site.yaml", false, func(s *editSite) bool {
			return s.replaceIn("content/site.yaml", "description: A site", "description: Again, a site")
		}},
		{"new directory with a page", false, func(s *editSite) bool {
			name := "content/en/notes/deep/page.md"
			if s.exists(name) {
				s.remove(name)
				return true
			}
			s.write(name, "---\ntitle: A note\n---\n\n"+s.sentence()+"\n")
			return true
		}},
	}
}

// TestSessionMatchesFullBuild edits a site at random, seeded, and after
// every edit checks that what a Session's results add up to (applying only
// their changed and removed paths, as the server does) is byte for byte
// what a fresh Build makes of the same files, with the same diagnostics
// and search documents. Body edits must take the quick way.
func TestSessionMatchesFullBuild(t *testing.T) {
	steps := 60
	if testing.Short() {
		steps = 15
	} else if raceEnabled {
		steps = 25
	}
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			testEditSequence(t, seed, steps)
		})
	}
}

func testEditSequence(t *testing.T, seed uint64, steps int) {
	s := newEditSite(t, seed)
	cfg := Config{
		Content: os.DirFS(s.path("content")),
		Themes:  os.DirFS(s.path("themes")),
		Today:   time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC),
	}
	ctx := context.Background()
	sess := NewSession(cfg)
	served := map[string][]byte{}
	indexed := map[string]search.Document{}
	apply := func(r *Result) {
		for _, name := range r.Removed {
			delete(served, name)
		}
		for _, name := range r.Changed {
			served[name] = r.Files[name]
		}
		for _, d := range r.SearchDeleted {
			delete(indexed, d.Lang+" "+d.ID)
		}
		for _, d := range r.SearchPut {
			indexed[d.Lang+" "+d.ID] = d
		}
	}
	// The search files of an edited language lag until a SearchJob runs;
	// the test runs one after some builds only, sometimes one that a build
	// overtakes, and compares the lagging files once they have caught up.
	var stale []string
	var pending *SearchJob // made before a build, run after it: overtaken
	catchUp := func(step string) {
		t.Helper()
		job := sess.SearchJob()
		if job == nil {
			return
		}
		job.Run()
		done, err := sess.ApplySearch(job)
		if err != nil || done == nil {
			t.Fatalf("%s: search job: %v, %v", step, done, err)
		}
		apply(done)
		stale = done.StaleSearch
	}
	check := func(step string, changes Changes) (quick, ok bool) {
		t.Helper()
		r, diags := sess.Build(ctx, changes)
		if pending != nil {
			pending.Run()
			if done, err := sess.ApplySearch(pending); err != nil || done != nil {
				t.Fatalf("%s: a search job a build overtook was applied: %v", step, err)
			}
			pending = nil
		}
		if r != nil {
			apply(r)
			stale = r.StaleSearch
			switch s.rng.IntN(3) {
			case 0:
				catchUp(step)
			case 1:
				pending = sess.SearchJob()
			}
		}
		want, wantDiags := Build(ctx, cfg)
		if got, want := diagText(diags), diagText(wantDiags); got != want {
			t.Fatalf("%s: diagnostics differ from a full build's\nsession:\n%s\nfull build:\n%s", step, got, want)
		}
		if (r == nil) != (want == nil) {
			t.Fatalf("%s: session result %v, full build %v", step, r != nil, want != nil)
		}
		if want == nil {
			return false, false
		}
		expected := want.Files
		if len(stale) > 0 {
			expected = maps.Clone(want.Files)
			for _, lang := range stale {
				for name := range searchFiles(want.Files, lang) {
					delete(expected, name)
				}
			}
			for name, data := range served {
				if slices.ContainsFunc(stale, func(lang string) bool { return strings.HasPrefix(name, search.Dir(lang)) }) {
					expected[name] = data
				}
			}
		}
		if name, ok := firstDifference(served, expected); !ok {
			g, w := around(served[name], want.Files[name])
			t.Fatalf("%s: the served site differs from a full build first at %s\nsession:    …%q…\nfull build: …%q…", step, name, g, w)
		}
		if len(indexed) != len(want.Search) {
			t.Fatalf("%s: %d search documents, full build %d", step, len(indexed), len(want.Search))
		}
		for _, d := range want.Search {
			if got := indexed[d.Lang+" "+d.ID]; fmt.Sprint(got) != fmt.Sprint(d) {
				t.Fatalf("%s: search document %s %s differs from a full build's", step, d.Lang, d.ID)
			}
		}
		return !r.Full, true
	}
	if _, ok := check("first build", Changes{All: true}); !ok {
		t.Fatal("the first build failed")
	}
	edits := siteEdits()
	healthy := true
	quick := 0
	for i := range steps {
		e := edits[s.rng.IntN(len(edits))]
		if !e.do(s) {
			continue
		}
		changes := s.takeChanges()
		lost := s.rng.IntN(10) == 0 // now and then the watcher loses events
		changes.All = lost
		step := fmt.Sprintf("step %d (%s)", i, e.name)
		if testing.Verbose() {
			t.Logf("%s: %v", step, changes)
		}
		wasHealthy := healthy
		var took bool
		took, healthy = check(step, changes)
		if e.bodyOnly && wasHealthy && healthy && !lost && !took {
			t.Errorf("%s: assembled the whole site; a body edit should take the quick way", step)
		}
		if took {
			quick++
		}
	}
	// In the end the search files catch up too.
	pending = nil
	catchUp("catching up")
	if healthy {
		if want, _ := Build(ctx, cfg); want != nil {
			if name, ok := firstDifference(served, want.Files); !ok {
				t.Errorf("after catching up, the served site differs from a full build first at %s", name)
			}
		}
	}
	if quick == 0 {
		t.Error("no edit took the quick way")
	}
	t.Logf("%d of %d edits took the quick way", quick, steps)
}

func diagText(l diag.List) string {
	var b strings.Builder
	for _, d := range l {
		fmt.Fprintln(&b, d)
	}
	return b.String()
}

// firstDifference returns the first path, in order, where two outputs
// differ; ok when they are equal.
func firstDifference(got, want map[string][]byte) (string, bool) {
	var names []string
	for name := range got {
		names = append(names, name)
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, name := range names {
		g, gok := got[name]
		w, wok := want[name]
		if gok != wok || !bytes.Equal(g, w) {
			return name, false
		}
	}
	return "", true
}

// around returns the text of two files around their first difference.
func around(got, want []byte) ([]byte, []byte) {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-120)
	return got[from:min(len(got), i+120)], want[from:min(len(want), i+120)]
}

// TestSessionReset: after Reset, the next build reports every file, so a
// caller that lost track of the output can start again from it.
func TestSessionReset(t *testing.T) {
	s := newEditSite(t, 3)
	sess := NewSession(Config{Content: os.DirFS(s.path("content")), Themes: os.DirFS(s.path("themes"))})
	ctx := context.Background()
	first, diags := sess.Build(ctx, Changes{All: true})
	if first == nil {
		t.Fatal(diags.Err())
	}
	// The page, its French translation (now outdated), its Arabic fallback
	// page and the translation dashboard change; nothing else.
	s.appendBody("en/blueprints/konza.md")
	if r, _ := sess.Build(ctx, s.takeChanges()); r == nil || r.Full || len(r.Changed) > 4 {
		t.Fatalf("a body edit: %+v", r)
	}
	sess.Reset()
	r, _ := sess.Build(ctx, Changes{})
	if r == nil || !r.Full || len(r.Changed) != len(r.Files) || len(r.SearchPut) != len(r.Search) {
		t.Fatalf("after Reset: full %v, %d of %d files changed", r != nil && r.Full, len(r.Changed), len(r.Files))
	}
}

// TestSessionEditLeavesLastBuild holds a Session to making a new Model
// after an edit of a body, as the quick way through a build does, instead
// of changing the last one: the last build's pages, documents, translation
// states and files stay as they were, for a caller still reading them.
func TestSessionEditLeavesLastBuild(t *testing.T) {
	s := newEditSite(t, 1)
	cfg := Config{Content: os.DirFS(s.path("content")), Themes: os.DirFS(s.path("themes")), Today: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	sess := NewSession(cfg)
	ctx := context.Background()
	first, diags := sess.Build(ctx, Changes{All: true})
	if first == nil {
		t.Fatal(diags.Err())
	}
	files := maps.Clone(first.Files)
	for name, data := range files {
		files[name] = bytes.Clone(data)
	}
	m := sess.last.m
	const file = "en/blueprints/konza.md"
	page, doc := m.byFile[file], m.byFile[file].doc
	fallback := m.byDir["ar/blueprints/konza/"]
	stateOf := func(m *Model) string {
		i := slices.IndexFunc(m.translations, func(st TranslationState) bool { return st.Lang == "fr" && st.Key == "blueprints/konza.md" })
		return m.translations[i].State
	}

	s.appendBody(file)
	next, diags := sess.Build(ctx, s.takeChanges())
	if next == nil || next.Full {
		t.Fatalf("an edit of a body took the whole build (%v)", diags.Err())
	}
	if sess.last.m == m || sess.last.m.byFile[file].doc == doc {
		t.Fatal("the build after the edit kept the last Model")
	}
	if m.byFile[file] != page || page.doc != doc || fallback.doc != doc || fallback.Original != page {
		t.Error("the edit changed the last Model's pages")
	}
	if i, _ := slices.BinarySearchFunc(m.content.Documents, file, func(d *content.Document, f string) int { return strings.Compare(d.File, f) }); m.content.Documents[i] != doc {
		t.Error("the edit changed the last Model's documents")
	}
	if got, now := stateOf(m), stateOf(sess.last.m); got != StateCurrent || now != StateOutdated {
		t.Errorf("French konza: last Model says %s, new one %s; want current, then outdated", got, now)
	}
	for name, data := range files {
		if !bytes.Equal(first.Files[name], data) {
			t.Errorf("the edit changed %s in the last build's output", name)
		}
	}
	if !slices.Contains(next.Changed, "en/blueprints/konza/index.html") || !slices.Contains(next.Changed, "ar/blueprints/konza/index.html") {
		t.Errorf("changed: %v; want the edited page and its fallback", next.Changed)
	}
}
