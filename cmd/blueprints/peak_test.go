package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// The peak profile is written while the heap is large, and shows what
// held it even after that memory is gone.
func TestWatchPeakCatchesAllocationsLaterFreed(t *testing.T) {
	file := filepath.Join(t.TempDir(), "heap.peak")
	stop := watchPeak(file, time.Millisecond)
	big := holdPeak(64 << 20)
	runtime.GC()
	time.Sleep(100 * time.Millisecond) // several ticks
	runtime.KeepAlive(big)
	runtime.GC() // big is garbage now
	time.Sleep(20 * time.Millisecond)
	stop()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// A profile is a gzipped protocol buffer whose string table names
	// the functions of its samples.
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("cmd/blueprints.holdPeak")) {
		t.Errorf("the peak profile does not show holdPeak's 64 MB")
	}
}

//go:noinline
func holdPeak(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}
