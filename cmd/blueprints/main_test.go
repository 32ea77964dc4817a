package main

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"blueprints": func() { os.Exit(exitCode(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))) },
	})
}

// TestScripts runs the command-line scripts in testdata/script: each is a
// txtar archive of a small site and the commands to run against it.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			// Every script gets the real schemas, so the CLI is tested
			// against the rules contributors face.
			for _, name := range []string{"blueprint.schema.json", "page.schema.json"} {
				data, err := os.ReadFile("../../content/schema/" + name)
				if err != nil {
					return err
				}
				if err := os.MkdirAll(env.WorkDir+"/content/schema", 0o755); err != nil {
					return err
				}
				if err := os.WriteFile(env.WorkDir+"/content/schema/"+name, data, 0o644); err != nil {
					return err
				}
			}
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"replace": replaceCmd,
		},
	})
}

// replaceCmd edits a file as a person would in an editor: replace FILE OLD
// NEW replaces the first OLD (with \n for a line break) by NEW, and fails
// if OLD is not there.
func replaceCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	unescape := func(s string) string { return strings.ReplaceAll(s, `\n`, "\n") }
	name := ts.MkAbs(args[0])
	data, err := os.ReadFile(name)
	ts.Check(err)
	old := unescape(args[1])
	if !strings.Contains(string(data), old) {
		ts.Fatalf("%s does not contain %q", args[0], old)
	}
	ts.Check(os.WriteFile(name, []byte(strings.Replace(string(data), old, unescape(args[2]), 1)), 0o644))
}
