package site

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/openblueprints/blueprints/internal/diag"
)

// Translation states, from a translator's point of view.
const (
	StateCurrent   = "current"   // stamped with the source's current digest
	StateOutdated  = "outdated"  // the source changed since it was stamped
	StateUnstamped = "unstamped" // no source_digest: unknown, so treated as outdated
	StateMissing   = "missing"   // the source has no page in this language
	StateOrphaned  = "orphaned"  // no source in the default language
)

// TranslationState is the state of one page in one language.
type TranslationState struct {
	Lang       string `json:"lang"`
	Key        string `json:"path"`             // path within the language: "blueprints/konza.md"
	Title      string `json:"title"`            // the source's title (or the orphan's)
	File       string `json:"file,omitempty"`   // the translation ("" when missing)
	Source     string `json:"source,omitempty"` // the source ("" when orphaned)
	State      string `json:"state"`
	Translated string `json:"translated,omitempty"` // date the translation gives
}

// Stale reports whether a translator has work to do on this page.
func (s TranslationState) Stale() bool { return s.State != StateCurrent }

// translationStates compares every language's documents with the default
// language's, by path.
func (b *builder) translationStates(context.Context) error {
	def := b.site.DefaultLanguage
	sources := map[string]*Page{}
	for _, p := range b.pages {
		if p.doc != nil && p.Lang == def {
			sources[p.doc.Path] = p
		}
	}
	for _, lang := range b.site.Languages {
		if lang.Code == def {
			continue
		}
		have := map[string]bool{}
		for _, p := range b.pages {
			if p.doc == nil || p.Lang != lang.Code {
				continue
			}
			have[p.doc.Path] = true
			b.translations = append(b.translations, b.translationState(p, sources[p.doc.Path], &b.diags))
		}
		for key, src := range sources {
			if !have[key] {
				b.translations = append(b.translations, TranslationState{Lang: lang.Code, Key: key, Title: src.Title, Source: src.doc.File, State: StateMissing})
			}
		}
	}
	order := map[string]int{}
	for i, l := range b.site.Languages {
		order[l.Code] = i
	}
	slices.SortFunc(b.translations, func(x, y TranslationState) int {
		return cmp.Or(cmp.Compare(order[x.Lang], order[y.Lang]), cmp.Compare(x.Key, y.Key))
	})
	return nil
}

// The messages translationState reports start with these, so a Session
// can tell them from a file's other diagnostics when only the source of a
// translation changed.
const (
	outdatedPrefix = "translation outdated:"
	noSourcePrefix = "translation without a source:"
)

func isTranslationStateDiag(d diag.Diagnostic) bool {
	return strings.HasPrefix(d.Message, outdatedPrefix) || strings.HasPrefix(d.Message, noSourcePrefix)
}

// translationState is the state of a page in a language other than the
// default, against its source (nil if it has none). It sets p.Outdated.
func (b *builder) translationState(p, src *Page, diags *diag.List) TranslationState {
	st := TranslationState{Lang: p.Lang, Key: p.doc.Path, Title: p.Title, File: p.doc.File, Translated: p.doc.Translated()}
	p.Outdated = nil
	switch {
	case src == nil && b.refused(b.site.DefaultLanguage+"/"+p.doc.Path):
		st.State = StateOrphaned // for now: its source has errors of its own
	case src == nil:
		st.State = StateOrphaned
		diags.Warnf(diag.Pos{File: p.doc.File}, "%s %s/%s does not exist; remove this file, or restore its source", noSourcePrefix, b.site.DefaultLanguage, p.doc.Path)
	case p.doc.SourceDigest() == "":
		st.State = StateUnstamped
	case p.doc.SourceDigest() != src.doc.Digest():
		st.State = StateOutdated
		// A warning, never an error: a fix to the source must not wait
		// for every translation of it.
		diags.Warnf(p.doc.FieldPos("/translation/source_digest"), "%s %s changed since it was stamped; bring this file up to date, then run blueprints i18n stamp on it", outdatedPrefix, src.doc.File)
	default:
		st.State = StateCurrent
	}
	if src != nil {
		st.Source, st.Title = src.doc.File, src.Title
		if st.Stale() {
			p.Outdated = src
		}
	}
	return st
}

// LanguageReport is one language's part of the translation dashboard.
type LanguageReport struct {
	Code, Name string
	Counts     map[string]int // state → pages
	Stale      []ReportItem   // pages with work to do, by path
}

// ReportItem is a page with work to do, with links for the dashboard.
type ReportItem struct {
	TranslationState
	SourceDir, TranslationDir string // "" when there is no such page
}

// TranslationReport groups the translation states by language.
func (v *View) TranslationReport() []LanguageReport {
	var out []LanguageReport
	for _, l := range v.Site.Languages {
		if l.Code == v.Site.DefaultLanguage {
			continue
		}
		r := LanguageReport{Code: l.Code, Name: l.Name, Counts: map[string]int{}}
		for _, st := range v.b.translations {
			if st.Lang != l.Code {
				continue
			}
			r.Counts[st.State]++
			if st.Stale() {
				item := ReportItem{TranslationState: st}
				if st.Source != "" {
					item.SourceDir = pageDir(v.Site.DefaultLanguage, st.Key)
				}
				if st.File != "" {
					item.TranslationDir = pageDir(l.Code, st.Key)
				}
				r.Stale = append(r.Stale, item)
			}
		}
		out = append(out, r)
	}
	return out
}

// staleReviews warns about blueprints whose facts were last checked longer
// ago than the site allows (site.yaml review_after_days).
func (b *builder) staleReviews(context.Context) error {
	for _, p := range b.pages {
		b.staleReview(p, &b.diags)
	}
	return nil
}

// staleReview warns if p is a blueprint reviewed too long ago; a negative
// review_after_days turns the warning off.
func (b *builder) staleReview(p *Page, diags *diag.List) {
	days := b.site.ReviewAfterDays
	if days == 0 {
		days = 730
	}
	limit := b.cfg.Today.AddDate(0, 0, -days).Format(time.DateOnly)
	if days > 0 && p.Kind == "blueprint" && p.Updated < limit {
		diags.Warnf(p.doc.FieldPos("/last_reviewed"), "last reviewed on %s, more than %d days ago; check the facts against the sources and update last_reviewed", p.Updated, days)
	}
}
