package lint

import (
	"strconv"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/jsontree"
)

// signalRBatch returns an Event Grid array of n SignalR events with distinct
// ids, alternating connections and disconnections, and a few findings.
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

func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{1000, MaxBatchEvents} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			src := []byte(signalRBatch(n))
			doc, err := jsontree.Parse(src, jsontree.Options{})
			if err != nil {
				b.Fatal(err)
			}
			res := detect.Detect(doc.Root)
			b.SetBytes(int64(len(src)))
			b.ResetTimer()
			for b.Loop() {
				Check(doc, res)
			}
		})
	}
}

// TestBenchmarkPayload checks what the benchmark measures: every event is
// checked and reports what it should (a placeholder note on each event,
// errorMessage on each connection).
func TestBenchmarkPayload(t *testing.T) {
	_, _, ds := run(t, signalRBatch(10))
	var placeholders, connectedErrors int
	for _, d := range ds {
		switch d.Code {
		case SRPlaceholder:
			placeholders++
		case SRConnectedError:
			connectedErrors++
		default:
			t.Errorf("unexpected %s %s: %s", d.Code, d.Pointer, d.Message)
		}
	}
	if placeholders != 10 || connectedErrors != 5 {
		t.Errorf("%d SR004 and %d SR005, want 10 and 5", placeholders, connectedErrors)
	}
}
