// Command blueprints builds and checks the knowledge base of ICT innovation
// blueprints. Run "blueprints help" for its commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"runtime/debug"
)

func main() {
	// A build makes much short-lived garbage (pages, analysis, index
	// segments); left to GOGC alone the heap grows to several times what
	// is live. A soft limit keeps peak memory near the live size on
	// machines where memory is short. GOMEMLIMIT overrides it.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(768 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err))
}
