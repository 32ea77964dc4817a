package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/openblueprints/blueprints/internal/diag"
)

// GitHub keeps at most this many annotations of each kind (error, warning,
// notice) from one step, and 50 from a job; more are dropped without a
// word (actions/toolkit, docs/problem-matchers.md, "Limitations").
const annotationsPerKind = 10

// stepSummaryLimit keeps the job summary under GitHub's 1 MiB per step,
// above which the whole summary is refused.
const stepSummaryLimit = 1000 * 1000

// summaryKinds is how many kinds of each severity the summary names.
const summaryKinds = 15

func printText(w io.Writer, diags diag.List) {
	for _, d := range diags {
		fmt.Fprintln(w, d)
	}
}

func onlyErrors(diags diag.List) diag.List {
	var out diag.List
	for _, d := range diags {
		if d.Severity == diag.Error {
			out = append(out, d)
		}
	}
	return out
}

// printSummary ends every check with the count of problems by kind, so a
// run of 20,000 lines, or of none, says what it found. hidden is the
// number of warnings not listed.
func printSummary(w io.Writer, diags diag.List, hidden int) {
	fmt.Fprint(w, summaryText(diags, hidden))
}

func summaryText(diags diag.List, hidden int) string {
	var b strings.Builder
	errs, warns := diags.Errors(), diags.Warnings()
	if errs == 0 && warns == 0 {
		return "Summary: no errors, no warnings.\n"
	}
	fmt.Fprintf(&b, "Summary: %s and %s in %s", plural(errs, "error"), plural(warns, "warning"), plural(diags.Files(), "file"))
	if hidden > 0 {
		fmt.Fprintf(&b, " (%s warnings not listed; --warnings=true lists them)", thousands(hidden))
	}
	b.WriteString(".\n")
	shown := map[diag.Severity]int{}
	more := map[diag.Severity]int{}
	for _, c := range diags.Summarize() {
		if shown[c.Severity] == summaryKinds {
			more[c.Severity]++
			continue
		}
		shown[c.Severity]++
		fmt.Fprintf(&b, "%8s %-7s  %s\n", thousands(c.N), c.Severity, c.Kind)
	}
	for _, sev := range []diag.Severity{diag.Error, diag.Warning} {
		if more[sev] > 0 {
			fmt.Fprintf(&b, "         and %s of %ss\n", plural(more[sev], "other kind"), sev)
		}
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with commas between groups of three digits (20,034),
// so large counts read at a glance.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// printGitHub writes the problems GitHub will keep as workflow annotations
// (the most important first: errors, one of each kind before the second of
// any), the rest as plain log lines, a notice saying how many were not
// annotated, and, when summaryFile is set ($GITHUB_STEP_SUMMARY), the
// whole list to the job summary.
func printGitHub(w io.Writer, diags diag.List, summaryFile string) error {
	escData := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	escProp := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	annotated := map[diag.Severity]int{}
	var rest diag.List
	for _, d := range diags.ByImportance() {
		if annotated[d.Severity] == annotationsPerKind {
			rest = append(rest, d)
			continue
		}
		annotated[d.Severity]++
		var props []string
		if d.Pos.File != "" {
			props = append(props, "file="+escProp.Replace(d.Pos.File))
		}
		if d.Pos.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Pos.Line))
		}
		if d.Pos.Col > 0 {
			props = append(props, fmt.Sprintf("col=%d", d.Pos.Col))
		}
		fmt.Fprintf(w, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escData.Replace(d.Message))
	}
	printText(w, rest)
	if len(rest) > 0 {
		where := "listed in this log"
		if summaryFile != "" {
			where = "in the job summary and listed in this log"
		}
		errs := onlyErrors(rest)
		fmt.Fprintf(w, "::notice::%d errors and %d warnings were not annotated: GitHub keeps at most %d annotations of each kind per step. All %d problems are %s.\n",
			len(errs), len(rest)-len(errs), annotationsPerKind, len(diags), where)
	}
	if summaryFile == "" {
		return nil
	}
	f, err := os.OpenFile(summaryFile, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("job summary: %w", err)
	}
	if _, err := io.WriteString(f, stepSummary(diags)); err != nil {
		f.Close()
		return fmt.Errorf("job summary: %w", err)
	}
	return f.Close()
}

// stepSummary is the Markdown of the job summary: the counts, then every
// problem, in a code block so that contributor text in messages is shown,
// not rendered.
func stepSummary(diags diag.List) string {
	lines := strings.Split(strings.TrimRight(summaryText(diags, 0), "\n"), "\n")
	for _, d := range diags {
		lines = append(lines, d.String())
	}
	fence := "```"
	for _, l := range lines {
		for strings.Contains(l, fence) {
			fence += "`"
		}
	}
	var b strings.Builder
	b.WriteString("### blueprints check\n\n" + fence + "text\n")
	for i, l := range lines {
		if b.Len()+len(l)+200 > stepSummaryLimit {
			fmt.Fprintf(&b, "%s\n\n%d more problems are not listed here: a job summary holds at most 1 MiB. Run blueprints check to see them all.\n", fence, len(lines)-i)
			return b.String()
		}
		b.WriteString(l + "\n")
	}
	b.WriteString(fence + "\n")
	return b.String()
}
