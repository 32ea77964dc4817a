package main

import (
	"bytes"
	"context"
	"testing"
)

// TestBundledContentPassesCheck: every rule about content lives in
// "blueprints check" (see DESIGN.md §8); for the knowledge base in this
// repository the Go tests assert only that check passes, with the theme
// on disk, as the pull-request workflow runs it. Coverage figures are a
// report ("blueprints stats"), not a test.
func TestBundledContentPassesCheck(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if err := run(context.Background(), []string{"check", "--source", "../.."}, &stdout, &stderr); err != nil {
		t.Fatalf("blueprints check: %v\n%s%s", err, stdout.String(), stderr.String())
	}
}
