package site

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
)

// BuildTo hands its sink exactly the files Build collects, each once, and
// keeps none of them.
func TestBuildToSendsWhatBuildCollects(t *testing.T) {
	cfg := Config{Content: siteFS(t, smallSite)}
	want, diags := Build(context.Background(), cfg)
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	got := map[string][]byte{}
	out, diags := BuildTo(context.Background(), cfg, func(name string, data []byte) error {
		if _, ok := got[name]; ok {
			t.Errorf("%s sent twice", name)
		}
		got[name] = data
		return nil
	})
	if err := diags.Err(); err != nil {
		t.Fatal(err)
	}
	if out == nil || out.Files != nil {
		t.Fatalf("BuildTo's Output = %v; want one without Files", out)
	}
	if len(got) != len(want.Files) {
		t.Errorf("BuildTo sent %d files, Build collected %d", len(got), len(want.Files))
	}
	for name, data := range want.Files {
		if !bytes.Equal(got[name], data) {
			t.Errorf("%s differs between Build and BuildTo", name)
		}
	}
}

// A sink's error (a full disk) fails the build, naming the error, and no
// file is sent after it.
func TestBuildToStopsAtSinkError(t *testing.T) {
	full := errors.New("no space left on device")
	sent := 0
	out, diags := BuildTo(context.Background(), Config{Content: siteFS(t, smallSite)}, func(string, []byte) error {
		if sent++; sent >= 3 {
			return full
		}
		return nil
	})
	if out != nil {
		t.Error("BuildTo returned an Output after its sink failed")
	}
	if diags.Errors() != 1 || !strings.Contains(diags.Err().Error(), full.Error()) {
		t.Errorf("diagnostics = %v; want the sink's error once", diags)
	}
	if sent != 3 {
		t.Errorf("sink called %d times; want 3, none after its error", sent)
	}
}
