package inspect

import (
	"encoding/json"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/xeipuuv/gojsonschema"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/schema"
)

// BenchmarkVersusBare measures whole inspection against gojsonschema alone
// on the same text, in the same process and interleaved, so that a busy
// machine slows both alike: each iteration runs Inspect and gojsonschema
// validating the text against schema.PeerSchema (the same rules in one
// schema; gojsonschema decodes the text itself, NewBytesLoader), in turns
// and each after a collection, so that neither collects the other's
// garbage. It reports both times per iteration (inspect-ns, bare-ns) and
// their ratio (x-bare), which make bench holds to at most 1.0 as wasm; and,
// for comparison, gojsonschema checking the envelopes alone (envelope-ns,
// x-envelope: less work than eventlens does, no data schema). The ns/op
// also counts the collections.
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
		envelope, err := envelopeOnly(text)
		if err != nil {
			b.Fatal(err)
		}
		for _, n := range []int{1000, gen.MaxEvents} {
			src := gen.Batch(f, n)
			// Once each, untimed: the first run of a code path as wasm
			// is several times slower (Node compiles it again, optimised,
			// once it runs often).
			Inspect(src)
			peer.Validate(gojsonschema.NewBytesLoader(src))
			envelope.Validate(gojsonschema.NewBytesLoader(src))
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				var inspect, bare, env time.Duration
				whole := func() {
					runtime.GC()
					t := time.Now()
					if r := Inspect(src); !r.Valid || len(r.Events) != n {
						b.Fatal(r.Summary())
					}
					inspect += time.Since(t)
				}
				alone := func(s *gojsonschema.Schema, sum *time.Duration) {
					runtime.GC()
					t := time.Now()
					r, err := s.Validate(gojsonschema.NewBytesLoader(src))
					if err != nil || !r.Valid() {
						b.Fatal(err, r.Errors())
					}
					*sum += time.Since(t)
				}
				odd := false
				for b.Loop() {
					// Each starts on a collected heap, so none pays to
					// collect another's garbage, and they take turns to go
					// first.
					if odd = !odd; odd {
						whole()
						alone(peer, &bare)
						alone(envelope, &env)
					} else {
						alone(envelope, &env)
						alone(peer, &bare)
						whole()
					}
				}
				perOp := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / float64(b.N) }
				b.ReportMetric(perOp(inspect), "inspect-ns")
				b.ReportMetric(perOp(bare), "bare-ns")
				b.ReportMetric(float64(inspect)/float64(bare), "x-bare")
				b.ReportMetric(perOp(env), "envelope-ns")
				b.ReportMetric(float64(inspect)/float64(env), "x-envelope")
			})
		}
	}
}

// envelopeOnly compiles a peer schema reduced to the envelope rules: its
// items become the first schema of their allOf.
func envelopeOnly(peer []byte) (*gojsonschema.Schema, error) {
	var m map[string]any
	if err := json.Unmarshal(peer, &m); err != nil {
		return nil, err
	}
	items, _ := m["items"].(map[string]any)
	all, _ := items["allOf"].([]any)
	if len(all) == 0 {
		return nil, fmt.Errorf("the peer schema's items have no allOf")
	}
	m["items"] = all[0]
	return gojsonschema.NewSchema(gojsonschema.NewGoLoader(m))
}
