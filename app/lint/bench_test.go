package lint

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// signalRBatch returns an Event Grid array of n copies of the Azure example
// with distinct ids, alternating connections and disconnections: each copy
// has the same findings.
func signalRBatch(n int) string {
	var b strings.Builder
	b.WriteString("[")
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		ev := egSeed[1 : len(egSeed)-1] // the object inside [ ]
		ev = strings.Replace(ev, "831e1650", strconv.Itoa(10000000+i), 1)
		if i%2 == 0 {
			ev = strings.Replace(ev, "ClientConnectionDisconnected", "ClientConnectionConnected", 1)
		}
		b.WriteString(ev)
	}
	b.WriteString("]")
	return b.String()
}

// BenchmarkCheck runs the semantic checks on generated batches, already
// decoded and detected, in each form.
func BenchmarkCheck(b *testing.B) {
	for _, f := range gen.Forms {
		for _, n := range []int{1000, vocab.MaxBatchEvents} {
			src := gen.Batch(f, n)
			doc, err := jsontree.Parse(src, jsontree.Options{})
			if err != nil {
				b.Fatal(err)
			}
			res := detect.Detect(doc.Root)
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					// A generated batch has no finding but, at 5,000
					// events, its size (BATCH004).
					if ds := Check(doc, res); len(ds) > 1 {
						b.Fatal(ds[0].Message)
					}
				}
			})
		}
	}
}

// TestRepeatedExample checks that every event of a batch is checked and
// reports what it should (a placeholder note on each event, errorMessage on
// each connection).
func TestRepeatedExample(t *testing.T) {
	_, _, ds := run(t, signalRBatch(10))
	var placeholders, connectedErrors int
	for _, d := range ds {
		switch d.Code {
		case string(vocab.SRPlaceholder):
			placeholders++
		case string(vocab.SRConnectedError):
			connectedErrors++
		default:
			t.Errorf("unexpected %s %s: %s", d.Code, d.Pointer, d.Message)
		}
	}
	if placeholders != 10 || connectedErrors != 5 {
		t.Errorf("%d SR004 and %d SR005, want 10 and 5", placeholders, connectedErrors)
	}
}
