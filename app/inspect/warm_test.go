package inspect

import (
	"testing"

	"eventlens/app/gen"
	"eventlens/app/schema"
)

// TestWarmupRunsEveryPiece steps a warm-up through to its end: one step per
// schema and per piece of each sample's inspection, each sample inspected
// whole, and nothing left after it says it is complete.
func TestWarmupRunsEveryPiece(t *testing.T) {
	samples := [][]byte{gen.Batch(gen.EventGrid, 3), gen.Batch(gen.CloudEvents, 2), []byte(`{"broken"`)}
	// A Job's pieces: decoding, each event's checks, the checks across
	// events, pretty-printing, the conversion's events and its text; a
	// payload that does not decode stops at the first. Then a space typed
	// into the first batch's first event is checked again (Reinspect, one
	// piece up to the verdict), and pretty-printed and converted.
	want := len(schema.WarmSteps()) + (1 + 3 + 1 + 1 + 2) + (1 + 2 + 1 + 1 + 2) + 1 + (1 + 2 + 1)
	w := NewWarmup(samples...)
	n := 0
	reinspected := false
	for {
		n++
		done, err := w.Step()
		if w.job != nil && w.job.Verdict() && w.job.Reinspected() {
			reinspected = true
		}
		if err != nil {
			t.Fatalf("step %d: %v", n, err)
		}
		if done {
			break
		}
		if n > 100 {
			t.Fatal("the warm-up never completes")
		}
	}
	if n != want {
		t.Errorf("the warm-up took %d steps, want %d", n, want)
	}
	if done, _ := w.Step(); !done {
		t.Error("a complete warm-up found more to do")
	}
	if !reinspected {
		t.Error("the warm-up never checked an edit inside one event again (Reinspect)")
	}
}
