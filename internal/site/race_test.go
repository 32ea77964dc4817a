//go:build race

package site

// raceEnabled: the race detector slows the whole pipeline several times
// over, so long tests take fewer steps under it.
const raceEnabled = true
