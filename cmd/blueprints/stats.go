package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/openblueprints/blueprints/internal/site"
)

// cmdStats prints the coverage figures of the knowledge base: a report for
// planning, which never fails on the figures themselves.
func cmdStats(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("stats", stderr)
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "output `format`: text or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("stats: unknown format %q; use text or json", *format)}
	}
	out, diags := site.Build(ctx, sf.config())
	if n := diags.Errors(); n > 0 {
		printText(stderr, sf.displayPath(diags))
		return contentError{n}
	}
	st, err := out.Stats()
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	printStatsText(stdout, st)
	return nil
}

func printStatsText(w io.Writer, st site.Stats) {
	def := st.DefaultLanguage
	fmt.Fprintf(w, "Blueprints: %s\n", counts(st.Blueprints, def))
	fmt.Fprintf(w, "In %s, by type: %s\n", def, counts(st.ByType, ""))
	fmt.Fprintf(w, "In %s, by ITU region: %s\n", def, counts(st.ByRegion, ""))
	fmt.Fprintf(w, "In %s, by stage: %s\n", def, counts(st.ByStage, ""))
	fmt.Fprintf(w, "In %s, by SDG: %s\n", def, counts(st.BySDG, ""))
	fmt.Fprintf(w, "In %s, by country group (LDC, LLDC, SIDS): %s\n", def, counts(st.ByGroup, ""))
	fmt.Fprintf(w, "Countries covered: %d\n", st.Countries)
	for _, lang := range site.SortedKeys(st.Blueprints) {
		states := st.Translations[lang]
		if lang == def || states == nil {
			continue
		}
		total := 0
		for _, n := range states {
			total += n
		}
		fmt.Fprintf(w, "Translations into %s: %d of %d pages current (%d outdated, %d unstamped, %d missing, %d orphaned)\n", lang,
			states[site.StateCurrent], total-states[site.StateOrphaned], states[site.StateOutdated], states[site.StateUnstamped], states[site.StateMissing], states[site.StateOrphaned])
	}
}

// counts writes "a 3, b 1", the key first put first.
func counts(m map[string]int, first string) string {
	var parts []string
	if n, ok := m[first]; ok {
		parts = append(parts, fmt.Sprintf("%s %d", first, n))
	}
	for _, k := range site.SortedKeys(m) {
		if k != first {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}
