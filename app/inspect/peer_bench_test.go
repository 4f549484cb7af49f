package inspect

import (
	"fmt"
	"testing"
	"time"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/schema"
)

// BenchmarkVersusBare measures whole inspection against gojsonschema alone
// on the same text, in the same process and interleaved, so that a busy
// machine slows both alike: each iteration runs Inspect, then gojsonschema
// validating the text against schema.PeerSchema (the same rules in one
// schema; gojsonschema decodes the text itself, NewBytesLoader). It
// reports both times per iteration (inspect-ns, bare-ns) and their ratio
// (x-bare), which make bench holds to at most 1.0 as wasm.
func BenchmarkVersusBare(b *testing.B) {
	if err := schema.Warm(); err != nil {
		b.Fatal(err)
	}
	for _, f := range gen.Forms {
		form := detect.EventGrid
		if f == gen.CloudEvents {
			form = detect.CloudEvents
		}
		text, err := schema.PeerSchema(form)
		if err != nil {
			b.Fatal(err)
		}
		peer, err := gojsonschema.NewSchema(gojsonschema.NewBytesLoader(text))
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, gen.MaxEvents} {
			src := gen.Batch(f, n)
			// Once each, untimed: the first run of a code path as wasm
			// is several times slower (Node compiles it again, optimised,
			// once it runs often), and Inspect would pay for both.
			Inspect(src)
			peer.Validate(gojsonschema.NewBytesLoader(src))
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				var inspect, bare time.Duration
				for b.Loop() {
					t0 := time.Now()
					if r := Inspect(src); !r.Valid || len(r.Events) != n {
						b.Fatal(r.Summary())
					}
					t1 := time.Now()
					r, err := peer.Validate(gojsonschema.NewBytesLoader(src))
					if err != nil || !r.Valid() {
						b.Fatal(err, r.Errors())
					}
					inspect, bare = inspect+t1.Sub(t0), bare+time.Since(t1)
				}
				b.ReportMetric(float64(inspect.Nanoseconds())/float64(b.N), "inspect-ns")
				b.ReportMetric(float64(bare.Nanoseconds())/float64(b.N), "bare-ns")
				b.ReportMetric(float64(inspect)/float64(bare), "x-bare")
			})
		}
	}
}
