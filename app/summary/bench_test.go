package summary_test

import (
	"fmt"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// BenchmarkSummary summarises an inspected batch (the tree is decoded
// once, outside the loop, as the page and the CLI do): the cost the
// summary adds to an inspection.
func BenchmarkSummary(b *testing.B) {
	for _, n := range []int{2000, gen.MaxEvents} {
		r := inspect.Inspect(gen.StormBatch(gen.EventGrid, n))
		b.Run(fmt.Sprintf("eventgrid/%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if s := summary.Of(r); len(s.Events) != n {
					b.Fatalf("%d events", len(s.Events))
				}
			}
		})
	}
}

// BenchmarkTimeline is what the Timeline view computes for an inspected
// batch: the summary and its chart, one line per hub.
func BenchmarkTimeline(b *testing.B) {
	n := gen.MaxEvents
	r := inspect.Inspect(gen.StormBatch(gen.EventGrid, n))
	b.Run(fmt.Sprintf("eventgrid/%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if c := summary.Layout(summary.Of(r), summary.ByHub); len(c.Marks) == 0 || len(c.Marks) > summary.MaxMarks {
				b.Fatalf("%d marks", len(c.Marks))
			}
		}
	})
}
