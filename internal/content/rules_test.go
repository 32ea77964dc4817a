package content

import (
	"strings"
	"testing"

	"github.com/openblueprints/blueprints/internal/diag"
)

func warnAt(file string, line, col int, msgs ...string) wantDiag {
	return wantDiag{file: file, line: line, col: col, sev: diag.Warning, msgs: msgs}
}

// TestPlainMessages: what the schema and the rules beyond it say, in words
// a contributor can act on, at the value's position.
func TestPlainMessages(t *testing.T) {
	const bad = "en/blueprints/x.md"
	sources := []string{"sources:",
		"  - {title: Report, url: \"https://a.example.net.ke/r\"}",
		"  - {title: Article, url: \"https://news.ke/a\"}"}
	withSources := func(edits ...string) string { return blueprint(append(edits, sources...)...) }
	siteMin2 := testSiteYAML + "min_sources: 2\n"
	tests := []struct {
		name    string
		site    string
		file    string
		want    []wantDiag
		invalid bool // the file is refused, and kept in Content.Invalid
		loads   bool // the file is a Document
	}{
		{name: "lower-case country code", file: blueprint("countries: [sn]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 13, `countries[0]: "sn" is not an ISO 3166-1 alpha-2 code`, `did you mean "SN"?`)}},
		{name: "UK for the United Kingdom", file: blueprint("countries: [KE, UK]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 17, `countries[1]: "UK" is not an ISO 3166-1 alpha-2 country code; did you mean "GB"?`)}},
		{name: "EL for Greece", file: blueprint("countries: [EL]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 13, `did you mean "GR"?`)}},
		{name: "an alpha-3 code", file: blueprint("countries: [KEN]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 13, `"KEN" is not an ISO 3166-1 alpha-2 code`, `did you mean "KE"?`)}},
		{name: "a country name", file: blueprint("countries: [Kenya]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 13, `did you mean "KE"?`)}},
		{name: "SDG 18", file: blueprint("sdgs: [9, 18]"), invalid: true,
			want: []wantDiag{errAt(bad, 6, 11, "sdgs: 18 is not an SDG; the SDGs are numbered 1 to 17")}},
		{name: "an amount without a currency", file: blueprint("funding: {model: public, amount: 5000}"), invalid: true,
			want: []wantDiag{errAt(bad, 9, 26, "funding: amount is given without currency; add currency, the three-letter code of the amount's currency such as USD")}},
		{name: "a currency in lower case", file: blueprint("funding: {amount: 5, currency: usd}"), invalid: true,
			want: []wantDiag{errAt(bad, 9, 32, `funding.currency: "usd" is not an ISO 4217 currency code`, `did you mean "USD"?`)}},
		{name: "a year out of range", file: blueprint("period: {start: 1850}"), invalid: true,
			want: []wantDiag{errAt(bad, 9, 17, "period.start: 1850 is not a plausible year; write a year from 1900 to 2100")}},
		{name: "a country listed twice", file: blueprint("countries: [KE, UG, KE]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 21, "countries: KE is listed twice (items 1 and 3); keep one")}},
		{name: "no countries", file: blueprint("countries: []"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 12, "countries: the list is empty; give at least 1 item, or [global]")}},
		{name: "a web address without its scheme", file: blueprint("sources:", "  - {title: R, url: www.ihub.co.ke}"), invalid: true,
			want: []wantDiag{errAt(bad, 10, 21, `sources[0].url: "www.ihub.co.ke" is not a web address`, `did you mean "https://www.ihub.co.ke"?`)}},
		{name: "a tag in capitals", file: blueprint("tags: [Tech Hub]"), invalid: true,
			want: []wantDiag{errAt(bad, 9, 8, `tags[0]: "Tech Hub" must be lowercase words joined by hyphens; did you mean "tech-hub"?`)}},

		// Sources, when site.yaml sets min_sources.
		{name: "too few sources", site: siteMin2, file: blueprint("sources:", "  - {title: R, url: \"https://ihub.co.ke/\"}"), invalid: true,
			want: []wantDiag{errAt(bad, 9, 1, "sources: 1 cited, at least 2 needed")}},
		{name: "too few sources in a draft", site: siteMin2, file: blueprint("draft: true"), loads: true,
			want: []wantDiag{warnAt(bad, 2, 1, "sources: 0 cited, at least 2 needed", "allowed while it is a draft")}},
		{name: "enough sources", site: siteMin2, file: withSources(), loads: true},
		{name: "no minimum without min_sources", file: blueprint(), loads: true},
		{name: "a TODO title and an example source", file: blueprint("title: TODO name", "sources:", "  - {title: TODO, url: \"https://example.org/\"}"), invalid: true,
			want: []wantDiag{
				errAt(bad, 2, 8, `title: "TODO name" is a placeholder`),
				errAt(bad, 10, 13, `sources[0].title: "TODO" is a placeholder`),
				warnAt(bad, 10, 24, `sources[0].url: "https://example.org/" is an example address`),
			}},

		// Drafts: missing fields are warnings; what is there is checked.
		{name: "a draft without required fields", file: "---\ntitle: Work in progress\ndraft: true\n---\nText.\n", loads: true,
			want: []wantDiag{
				warnAt(bad, 2, 1, `missing required field "summary"`, "a draft may leave it out"),
				warnAt(bad, 2, 1, `missing required field "type"`), warnAt(bad, 2, 1, `missing required field "countries"`),
				warnAt(bad, 2, 1, `missing required field "sdgs"`), warnAt(bad, 2, 1, `missing required field "stage"`),
				warnAt(bad, 2, 1, `missing required field "last_reviewed"`),
			}},
		{name: "a draft with a wrong country", file: blueprint("draft: true", "countries: [UK]"), invalid: true,
			want: []wantDiag{errAt(bad, 5, 13, `did you mean "GB"?`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{bad: tt.file}
			if tt.site != "" {
				files["site.yaml"] = tt.site
			}
			c, diags := Load(testFS(t, files), Options{})
			problems := checkDiags(diags, tt.want, true)
			// Every diagnostic of the file must be wanted, but a refused
			// value may fail more than one keyword.
			for _, d := range diags {
				if d.Pos.File == bad && !matchesAny(d, tt.want) && !strings.Contains(d.Message, "not allowed") {
					problems = append(problems, "unexpected "+d.String())
				}
			}
			if got := docByFile(c, bad) != nil; got != tt.loads {
				problems = append(problems, "loaded as a document: "+map[bool]string{true: "yes", false: "no"}[got])
			}
			invalid := false
			for _, d := range c.Invalid {
				invalid = invalid || d.File == bad && len(d.Body) > 0
			}
			if invalid != tt.invalid {
				problems = append(problems, "kept in Content.Invalid for its body to be checked: "+map[bool]string{true: "yes", false: "no"}[invalid])
			}
			if len(problems) > 0 {
				t.Errorf("%s\ngot:\n%s", strings.Join(problems, "\n"), listString(diags))
			}
		})
	}
}

func matchesAny(d diag.Diagnostic, want []wantDiag) bool {
	for _, w := range want {
		if w.matches(d) {
			return true
		}
	}
	return false
}
