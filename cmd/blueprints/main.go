// Command blueprints builds and checks the knowledge base of ICT innovation
// blueprints. Run "blueprints help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	// Ctrl+C, and the TERM that service managers and container runtimes
	// send, both end a command cleanly (serve removes its scratch index).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}
