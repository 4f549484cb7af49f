package detect

import (
	"fmt"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// BenchmarkDetect detects generated batches of each form, up to the 5,000
// events Event Grid delivers at most.
func BenchmarkDetect(b *testing.B) {
	want := map[gen.Form]Form{gen.EventGrid: EventGrid, gen.CloudEvents: CloudEvents}
	for _, f := range gen.Forms {
		for _, n := range []int{1000, gen.MaxEvents} {
			src := gen.Batch(f, n)
			doc, err := jsontree.Parse(src, jsontree.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if res := Detect(doc.Root); res.Form != want[f] || len(res.Events) != n {
						b.Fatal(res.Form, len(res.Events))
					}
				}
			})
		}
	}
}
