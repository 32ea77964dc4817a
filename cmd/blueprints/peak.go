package main

import (
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// watchPeak writes a heap profile to file each time the live heap, as the
// last garbage collection measured it, grows a tenth past the largest seen
// so far, until stop is called. The profile at the end of a build shows
// what is left, not what the build held at its peak; this one shows the
// peak, which is what a memory budget is about. The heap profile's
// in-use figures come from the same collection as the live size.
func watchPeak(file string, every time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		var written uint64
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if live := sample[0].Value.Uint64(); live > written+written/10 {
				if writeHeap(file) == nil {
					written = live
				}
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// writeHeap writes the heap profile beside file and renames it into
// place, so that file always holds a whole profile.
func writeHeap(file string) error {
	tmp := file + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
