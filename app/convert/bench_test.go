package convert

import (
	"fmt"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// BenchmarkConvert converts generated batches both ways: Event Grid to
// CloudEvents and CloudEvents to Event Grid, text included.
func BenchmarkConvert(b *testing.B) {
	for _, dir := range []struct {
		name string
		from gen.Form
		conv func(*jsontree.Node) (*Result, error)
	}{
		{"to-cloudevents", gen.EventGrid, ToCloudEvents},
		{"to-eventgrid", gen.CloudEvents, ToEventGrid},
	} {
		for _, n := range []int{1, 1000, gen.MaxEvents} {
			src := gen.Batch(dir.from, n)
			doc, err := jsontree.Parse(src, jsontree.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%d", dir.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := dir.conv(doc.Root); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
