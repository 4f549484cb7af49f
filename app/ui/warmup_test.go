package ui

import "testing"

// TestWarmUpDrawsThePage checks that the warm-up's drawing of the page goes
// through from a zero Inspector, as in the compiling worker, where a panic
// would end the warm-up early.
func TestWarmUpDrawsThePage(t *testing.T) {
	if !WarmUp() {
		t.Fatal("WarmUp panicked drawing a zero Inspector")
	}
}
