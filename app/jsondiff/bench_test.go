package jsondiff

import (
	"fmt"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// changedPair decodes a generated batch of n events and its edited copy
// (gen.Changed: one value changed, one event removed, one added, two
// swapped).
func changedPair(tb testing.TB, n int) (a, b *jsontree.Node, size int) {
	tb.Helper()
	src := gen.Batch(gen.EventGrid, n)
	return parse(tb, string(src)), parse(tb, string(gen.Changed(gen.EventGrid, n))), len(src)
}

// TestChangedPair checks what the benchmarks compare: the four edits, and
// a patch that turns one side into the other.
func TestChangedPair(t *testing.T) {
	a, b, _ := changedPair(t, 1000)
	cs := Compare(a, b, DefaultOptions())
	checkPatch(t, string(gen.Batch(gen.EventGrid, 1000)), a, b, cs)
	if got := briefs(cs); len(got) < 4 || len(got) > 6 {
		t.Errorf("Compare = %v", got)
	}
}

// BenchmarkCompare compares generated batches with their edited copies.
func BenchmarkCompare(b *testing.B) {
	for _, n := range []int{1000, gen.MaxEvents} {
		x, y, size := changedPair(b, n)
		b.Run(fmt.Sprintf("eventgrid/%d", n), func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				Compare(x, y, DefaultOptions())
			}
		})
	}
}

// BenchmarkPatch writes the JSON Patch of a comparison.
func BenchmarkPatch(b *testing.B) {
	x, y, size := changedPair(b, 1000)
	cs := Compare(x, y, DefaultOptions())
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		Patch(x, cs)
	}
}
