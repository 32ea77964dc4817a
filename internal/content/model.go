package content

import "github.com/openblueprints/blueprints/internal/diag"

// Site is content/site.yaml.
type Site struct {
	Title           string     `yaml:"title"`
	Description     string     `yaml:"description"`
	BaseURL         string     `yaml:"base_url"`         // optional; absolute URLs (sitemap, feeds, canonical) need it
	DefaultLanguage string     `yaml:"default_language"` // code of the language the others translate from
	Languages       []Language `yaml:"languages"`        // in the order the language switcher shows them
	Theme           string     `yaml:"theme"`            // a directory under themes/; empty means themes/default/ if the site has one, else the built-in theme
	// ReviewAfterDays makes check warn about blueprints whose last_reviewed
	// is older; 0 means 730 (two years), a negative value turns it off.
	ReviewAfterDays int `yaml:"review_after_days"`
	// MinSources is how many sources check requires of each published
	// blueprint (a draft gets a warning); 0 means no minimum.
	MinSources int `yaml:"min_sources"`
	// OfflineReading adds a service worker to the online site: pages and
	// search shards a reader used stay readable without a connection, and
	// a reader can save a whole language.
	OfflineReading bool `yaml:"offline_reading"`
}

// Language is one language the site is published in.
type Language struct {
	Code      string `yaml:"code"`      // BCP 47, also the URL prefix: "en", "ar", "zh"
	Name      string `yaml:"name"`      // native name: "العربية"
	Direction string `yaml:"direction"` // "ltr" (default) or "rtl"
	// Title and Description override the site's in this language.
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
}

// Language returns the language with the given code.
func (s *Site) Language(code string) (Language, bool) {
	for _, l := range s.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Kind is what a document is, which decides its schema and its layout.
type Kind int

const (
	KindPage      Kind = iota // home, about, guides, section indexes
	KindBlueprint             // <lang>/blueprints/<slug>.md
)

// Document is one Markdown file, decoded and validated.
type Document struct {
	File      string // path from the content root: "en/blueprints/konza.md"
	Lang      string // "en"
	Path      string // path within the language: "blueprints/konza.md"; shared by translations
	Kind      Kind
	Meta      PageMeta   // for every kind; a blueprint's title and summary are copied here
	Blueprint *Blueprint // only for KindBlueprint
	// Body is the whole file with its frontmatter blanked out, so a byte
	// offset in the Markdown is a byte offset in the file.
	Body []byte
	// Invalid is set on a document whose frontmatter has errors: it is not
	// published, but its Body is still checked so that one run reports all
	// of a file's problems. Meta and Blueprint are empty unless the schema
	// accepted the frontmatter and only the rules beyond it failed.
	Invalid bool
	fields  tree
}

// FieldPos returns the position of a frontmatter field by JSON pointer
// ("/related/0"), or of the frontmatter itself if the field is absent.
func (d *Document) FieldPos(ptr string) diag.Pos { return d.fields.at(ptr) }

// PageMeta is the frontmatter of a plain page (schema/page.schema.json).
type PageMeta struct {
	Title   string `json:"title"`
	Summary string `json:"summary,omitempty"`
	Weight  int    `json:"weight,omitempty"` // orders pages in menus, lower first
	Menu    bool   `json:"menu,omitempty"`   // show in the site header
	Draft   bool   `json:"draft,omitempty"`
	// Translation is set on translated pages, as on blueprints.
	Translation *Translation `json:"translation,omitempty"`
	// MinorEdits is set on source pages, as on blueprints.
	MinorEdits []MinorEdit `json:"minor_edits,omitempty"`
}

// Blueprint is the frontmatter of a blueprint. The JSON Schema in
// content/schema/blueprint.schema.json says what is valid; package
// vocabulary describes each field, and its tests hold the schema, that
// description and these fields to each other.
type Blueprint struct {
	Title         string         `json:"title"`
	Summary       string         `json:"summary"`
	Type          string         `json:"type"`
	Countries     []string       `json:"countries"` // ISO 3166-1 alpha-2, or "global"
	SDGs          []int          `json:"sdgs"`
	Stage         string         `json:"stage"`
	LastReviewed  string         `json:"last_reviewed"` // YYYY-MM-DD
	Organizations []Organization `json:"organizations,omitempty"`
	Period        *Period        `json:"period,omitempty"`
	Funding       *Funding       `json:"funding,omitempty"`
	Outcomes      []Outcome      `json:"outcomes,omitempty"`
	Evidence      string         `json:"evidence,omitempty"`
	Sources       []Source       `json:"sources,omitempty"`
	TargetGroups  []string       `json:"target_groups,omitempty"`
	Tags          []string       `json:"tags,omitempty"`
	Related       []string       `json:"related,omitempty"` // paths to other blueprints' .md files
	License       string         `json:"license,omitempty"` // SPDX; CC-BY-4.0 when empty
	Draft         bool           `json:"draft,omitempty"`
	Translation   *Translation   `json:"translation,omitempty"`
	MinorEdits    []MinorEdit    `json:"minor_edits,omitempty"`
	// Lists holds the fields the vocabulary describes without a Go field
	// of their own (lists of strings, see vocabulary.Kind.Generic), by
	// frontmatter name; a field the file leaves out is absent.
	Lists map[string][]string `json:"-"`
}

type Organization struct {
	Name string `json:"name"`
	Role string `json:"role,omitempty"`
	URL  string `json:"url,omitempty"`
}

type Period struct {
	Start int `json:"start,omitempty"`
	End   int `json:"end,omitempty"`
}

type Funding struct {
	Model    string  `json:"model,omitempty"`
	Amount   float64 `json:"amount,omitempty"`
	Currency string  `json:"currency,omitempty"`
}

type Outcome struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit,omitempty"`
	Year      int     `json:"year,omitempty"`
	Source    string  `json:"source,omitempty"`
}

type Source struct {
	Title     string `json:"title"`
	URL       string `json:"url"`
	Publisher string `json:"publisher,omitempty"`
	Year      int    `json:"year,omitempty"`
}

// Translation records what a translated file was translated from.
type Translation struct {
	SourceDigest string   `json:"source_digest,omitempty"`
	Translated   string   `json:"translated,omitempty"`
	Method       string   `json:"method,omitempty"`
	Translators  []string `json:"translators,omitempty"`
}

// MinorEdit, on a source page, declares that an edit to its text needs no
// new translation (a typo fix): a translation stamped with From is as
// current as one stamped with To. Pairs, not a list of old digests, so a
// later real edit (a new digest) leaves every earlier declaration behind
// instead of carrying it forward.
type MinorEdit struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// Asset is a non-Markdown file published as is (an image beside a page).
type Asset struct {
	File string // "en/blueprints/konza.png"
	Data []byte
}

// Content is everything loaded from a site's content directory.
type Content struct {
	Site      Site
	Documents []*Document // sorted by File
	// Refused lists the Markdown files that were read but not loaded,
	// because of errors already reported against them: a link to one is
	// not a second error.
	Refused []string // sorted
	// Invalid holds the documents of Refused whose frontmatter had errors
	// but whose body could be read: their links are checked all the same.
	Invalid []*Document // sorted by File
	Assets  []Asset     // sorted by File
	// Schema is the raw blueprint JSON Schema, published on the site so
	// editors can validate frontmatter as people type.
	Schema []byte
	// Vocabulary labels target groups and tags in every language; nil
	// when the site has no data/vocabulary.yaml.
	Vocabulary *Vocabulary
}
