package filter

import (
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// BenchmarkApply evaluates the sample filter against Event Grid's largest
// batch (5,000 SignalR events), as the page does on each edit of the filter.
func BenchmarkApply(b *testing.B) {
	doc, err := jsontree.Parse(gen.Batch(gen.EventGrid, 5000), jsontree.Options{})
	if err != nil {
		b.Fatal(err)
	}
	f := Parse([]byte(Sample))
	b.ReportAllocs()
	for b.Loop() {
		if res := f.Apply(doc.Root); len(res.Verdicts) != 5000 {
			b.Fatal(len(res.Verdicts))
		}
	}
}

// BenchmarkApplyPage evaluates the same batch as the page does: reasons
// for the first 200 events only.
func BenchmarkApplyPage(b *testing.B) {
	doc, err := jsontree.Parse(gen.Batch(gen.EventGrid, 5000), jsontree.Options{})
	if err != nil {
		b.Fatal(err)
	}
	f := Parse([]byte(Sample))
	b.ReportAllocs()
	for b.Loop() {
		if res := f.ApplyExplaining(doc.Root, 200); len(res.Verdicts) != 5000 {
			b.Fatal(len(res.Verdicts))
		}
	}
}
