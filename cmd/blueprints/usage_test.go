package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"testing"
)

// TestUsageErrorsExit2: a mistake in the command line (a bad flag, a
// revision that does not exist, a language the site does not have) exits
// with status 2 and says what to type instead, before any build runs.
func TestUsageErrorsExit2(t *testing.T) {
	dir := newSite(t, map[string]string{
		"content/site.yaml":   "title: T\nlanguages: [{code: en, name: English}, {code: fr, name: Français}]\n",
		"content/en/about.md": "---\ntitle: About\n---\nText.\n",
	})
	noGit := newSite(t, map[string]string{
		"content/site.yaml": "title: T\nlanguages: [{code: en, name: English}]\n",
	})
	for _, args := range [][]string{{"init", "-q"}, {"add", "."}, {"-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base"}} {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--source", dir, "--fromat", "json"}, "flag provided but not defined: -fromat"},
		{[]string{"check", "--source", dir, "--format", "xml"}, `unknown format "xml"`},
		{[]string{"check", "--source", dir, "--changed-since", "no-such-rev"}, `--changed-since "no-such-rev": no such commit, branch or tag in this repository`},
		{[]string{"check", "--source", dir, "--changed-since", "--output=x"}, "a revision cannot start with -"},
		{[]string{"check", "--source", noGit, "--changed-since", "HEAD"}, "--changed-since needs a Git repository"},
		{[]string{"i18n", "status", "--source", dir, "--lang", "de"}, `--lang "de" is not a language of this site; use one of: fr`},
		{[]string{"i18n", "status", "--source", dir, "--lang", "en"}, "--lang en is the default language"},
		{[]string{"stats", "--source", dir, "--format", "csv"}, `unknown format "csv"`},
		{[]string{"chek"}, `unknown command "chek"`},
	} {
		var stdout, stderr bytes.Buffer
		code := exitCode(run(context.Background(), tt.args, &stdout, &stderr))
		if code != 2 || !strings.Contains(stderr.String(), tt.want) || !strings.Contains(stderr.String(), "blueprints help") {
			t.Errorf("blueprints %s: exit %d, stderr:\n%s\nwant exit 2 and %q", strings.Join(tt.args, " "), code, stderr.String(), tt.want)
		}
	}
	// The revision that exists works.
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"check", "--source", dir, "--changed-since", "HEAD"}, &stdout, &stderr); err != nil {
		t.Errorf("check --changed-since HEAD: %v\n%s", err, stderr.String())
	}
}
