package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/content"
	"github.com/openblueprints/blueprints/internal/diag"
	"github.com/openblueprints/blueprints/internal/theme"
)

// translationStates compares every language's documents with the default
// language's, by path, and marks each translation whose source changed
// since (Page.Outdated). It returns the states in site order, and what
// each translation's state reported, by its file.
func (m *Model) translationStates(diags *diag.List) ([]TranslationState, map[string]diag.List) {
	def := m.site.DefaultLanguage
	sources := map[string]*Page{}
	byFile := map[string]diag.List{}
	for _, p := range m.pages {
		if p.doc != nil && p.Lang == def {
			sources[p.doc.Path] = p
			checkMinorEdits(p.doc, diags)
		}
	}
	var states []TranslationState
	for _, lang := range m.site.Languages {
		if lang.Code == def {
			continue
		}
		have := map[string]bool{}
		for _, p := range m.pages {
			if p.doc == nil || p.Lang != lang.Code || p.Original != nil {
				continue
			}
			have[p.doc.Path] = true
			var own diag.List
			st := m.translationState(p, sources[p.doc.Path], &own)
			p.Outdated = outdatedBy(st, sources[p.doc.Path])
			states = append(states, st)
			byFile[p.doc.File] = own
			diags.Append(own)
		}
		for key, src := range sources {
			if !have[key] {
				states = append(states, TranslationState{Lang: lang.Code, Key: key, Title: src.Title, Source: src.doc.File,
					State: StateMissing, SourceDigest: src.doc.Digest()})
			}
		}
	}
	m.sortStates(states)
	return states, byFile
}

// sortStates puts translation states in site order: by language, then
// path.
func (m *Model) sortStates(states []TranslationState) {
	order := map[string]int{}
	for i, l := range m.site.Languages {
		order[l.Code] = i
	}
	slices.SortFunc(states, func(x, y TranslationState) int {
		return cmp.Or(cmp.Compare(order[x.Lang], order[y.Lang]), cmp.Compare(x.Key, y.Key))
	})
}

// outdatedBy is what a translation in state st tells its reader it is
// behind: its source, when the translator has work to do.
func outdatedBy(st TranslationState, src *Page) *Page {
	if st.Stale() && src != nil {
		return src
	}
	return nil
}

// translationState is the state of a page in a language other than the
// default, against its source (nil if it has none), with the problems a
// translator must fix (errors) or may act on (warnings).
//
// A translation is current only when someone declared it so: it records
// how it was made (method) and the digest of the source text it matches
// (source_digest, written by i18n stamp or pasted from the warning below).
// A published translation must say how it was made, and must not be its
// source's text: the reader would get English labelled as French.
func (m *Model) translationState(p, src *Page, diags *diag.List) TranslationState {
	doc := p.doc
	st := TranslationState{Lang: p.Lang, Key: doc.Path, Title: p.Title, File: doc.File,
		Translated: doc.Translated(), Method: doc.Method(), StampedDigest: doc.SourceDigest()}
	if src == nil {
		st.State = StateOrphaned
		source := m.site.DefaultLanguage + "/" + doc.Path
		if doc.Meta.Translation != nil && !m.refused(source) {
			// A page written first in this language is welcome; one that
			// says it is a translation has lost its source.
			diags.Warnf(doc.FieldPos("/translation"), "this page says it is a translation (translation:), but its source %s does not exist; restore the source, or, if the page was written in %s first, remove the translation: block", source, p.Lang)
		}
		return st
	}
	st.Source, st.Title, st.SourceDigest = src.doc.File, src.Title, src.doc.Digest()
	checkTranslation(doc, src.doc, diags)
	switch {
	case st.StampedDigest == "" || st.Method == "":
		st.State = StateUnstamped
	case !src.doc.Matches(st.StampedDigest):
		// A warning (below), never an error: a fix to the source must not
		// wait for every translation of it.
		st.State = StateOutdated
	default:
		st.State = StateCurrent
	}
	stamp := "blueprints i18n stamp content/" + doc.File
	switch st.State {
	case StateUnstamped:
		if st.StampedDigest != "" {
			break // stamped, but without a method: checkTranslation's error says what to add
		}
		diags.Warnf(doc.FieldPos("/translation"), "not stamped, so it shows as possibly out of date: when its text matches %s, put this line in its translation: block: `source_digest: %s` (or run %s)",
			src.doc.File, st.SourceDigest, stamp)
	case StateOutdated:
		diags.Warnf(doc.FieldPos("/translation/source_digest"), "outdated: %s changed since this translation was made from it; when its text matches again, set translated to the date and source_digest to the new digest: `source_digest: %s` (or run %s). If the change to %s needs no new translation (a typo fix), add to that file instead: `minor_edits: [{from: %s, to: %s}]`",
			src.doc.File, st.SourceDigest, stamp, src.doc.File, st.StampedDigest, st.SourceDigest)
	}
	return st
}

// checkTranslation reports a published translation that does not say how
// it was made, or whose text is its source's.
func checkTranslation(doc, src *content.Document, diags *diag.List) {
	var missing []string
	if doc.Translated() == "" {
		missing = append(missing, "translated (the date)")
	}
	if doc.Method() == "" {
		missing = append(missing, "method (human, machine or machine-post-edited)")
	}
	if len(missing) > 0 {
		diags.Errorf(doc.FieldPos("/translation"), "a published translation must say when and how it was made: add %s to its translation: block, or keep draft: true until it is translated", strings.Join(missing, " and "))
	}
	if len(doc.Meta.MinorEdits) > 0 {
		diags.Warnf(doc.FieldPos("/minor_edits"), "minor_edits belongs in the original (%s), where it says which edits need no new translation; remove it from this translation", src.File)
	}
	if doc.Meta.Summary == src.Meta.Summary && content.IsProse(doc.Meta.Summary) {
		diags.Errorf(doc.FieldPos("/summary"), "summary is the same as in %s, word for word: translate it, or keep draft: true until the page is translated", src.File)
	}
	if share, line := content.Copied(doc, src); share >= content.CopiedShare {
		diags.Errorf(diag.Pos{File: doc.File, Line: line, Col: 1}, "%.0f%% of the text is the same as in %s, word for word (from this line on): translate it, or keep draft: true until the page is translated", share*100, src.File)
	}
}

// checkMinorEdits warns about minor_edits entries of a source that no
// longer apply: its text changed again since.
func checkMinorEdits(doc *content.Document, diags *diag.List) {
	for _, i := range doc.StaleMinorEdits() {
		diags.Warnf(doc.FieldPos(fmt.Sprintf("/minor_edits/%d", i)), "minor_edits: this entry no longer applies, because the text changed again since (its digest is now %s); remove it", doc.Digest())
	}
}

// staleReviews warns about blueprints whose facts were last checked longer
// ago than the site allows (site.yaml review_after_days).
func staleReviews(m *Model, today time.Time) diag.List {
	var diags diag.List
	for _, p := range m.pages {
		staleReview(m.site, today, p, &diags)
	}
	return diags
}

// staleReview warns if p is a blueprint reviewed too long ago; a negative
// review_after_days turns the warning off.
func staleReview(site *content.Site, today time.Time, p *Page, diags *diag.List) {
	days := site.ReviewAfterDays
	if days == 0 {
		days = 730
	}
	limit := today.AddDate(0, 0, -days).Format(time.DateOnly)
	if days > 0 && p.Kind == theme.KindBlueprint && p.Original == nil && p.Updated < limit {
		diags.Warnf(p.doc.FieldPos("/last_reviewed"), "last reviewed on %s, more than %d days ago; check the facts against the sources and update last_reviewed", p.Updated, days)
	}
}
