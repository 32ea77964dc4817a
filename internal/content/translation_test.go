package content

import (
	"strings"
	"testing"
)

func TestStamp(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{
			"adds the block",
			"---\ntitle: T\n---\nBody\n",
			"---\ntitle: T\ntranslation:\n  source_digest: abc123ef\n---\nBody\n",
		},
		{
			"adds to an existing block, keeping its indentation",
			"---\ntitle: T\ntranslation:\n    translated: 2026-01-01\n    method: human\n---\nBody\n",
			"---\ntitle: T\ntranslation:\n    source_digest: abc123ef\n    translated: 2026-01-01\n    method: human\n---\nBody\n",
		},
		{
			"replaces a stale digest",
			"---\ntitle: T\ntranslation:\n  source_digest: 00000000\n  method: machine\ntags: [a]\n---\n",
			"---\ntitle: T\ntranslation:\n  source_digest: abc123ef\n  method: machine\ntags: [a]\n---\n",
		},
		{
			"keeps CRLF",
			"---\r\ntitle: T\r\n---\r\n",
			"---\r\ntitle: T\r\ntranslation:\r\n  source_digest: abc123ef\r\n---\r\n",
		},
	}
	for _, tt := range tests {
		got, err := Stamp([]byte(tt.in), "abc123ef")
		if err != nil || string(got) != tt.want {
			t.Errorf("%s:\ngot  %q, %v\nwant %q", tt.name, got, err, tt.want)
		}
	}
	for _, bad := range []string{"+++\ntitle = 'T'\n+++\n", "no frontmatter", "---\ntitle: T\n", "---\ntranslation: {method: human}\n---\n"} {
		if _, err := Stamp([]byte(bad), "abc123ef"); err == nil {
			t.Errorf("Stamp(%q) succeeded; want an error", bad)
		}
	}
}

func TestDigestFollowsTranslatableText(t *testing.T) {
	load := func(src string) *Document {
		t.Helper()
		fsys := testFS(t, map[string]string{"en/blueprints/d.md": src})
		c, diags := Load(fsys, Options{})
		if err := diags.Err(); err != nil {
			t.Fatal(err)
		}
		for _, d := range c.Documents {
			if d.File == "en/blueprints/d.md" {
				return d
			}
		}
		t.Fatal("not loaded")
		return nil
	}
	base := blueprint()
	d0 := load(base).Digest()
	if d1 := load(base).Digest(); d1 != d0 {
		t.Error("digest is not stable")
	}
	if d := load(mustReplace(t, base, "last_reviewed: 2024-01-15", "last_reviewed: 2026-02-02")).Digest(); d != d0 {
		t.Error("a date change made translations stale; only translatable text should")
	}
	if d := load(base + "\nA new paragraph.\n").Digest(); d == d0 {
		t.Error("a body change did not change the digest")
	}
}

func mustReplace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("%q not in the test input", old)
	}
	return strings.Replace(s, old, new, 1)
}
