package main

import (
	"strings"
	"testing"
)

// TestPeerBudget reads the ratio of whole inspection to gojsonschema alone
// off benchmark output, per form, and judges it by the slower form.
func TestPeerBudget(t *testing.T) {
	out := func(egWhole, ceWhole string) []byte {
		return []byte(strings.Join([]string{
			"BenchmarkInspect/eventgrid/1000 \t 10\t " + egWhole + " ns/op",
			"BenchmarkInspect/cloudevents/1000 \t 10\t " + ceWhole + " ns/op",
			"BenchmarkBare/eventgrid/1000 \t 10\t 20000000 ns/op",
			"BenchmarkBare/eventgrid/1000 \t 10\t 24000000 ns/op",
			"BenchmarkBare/eventgrid/1000 \t 10\t 22000000 ns/op",
			"BenchmarkBare/cloudevents/1000 \t 10\t 30000000 ns/op",
		}, "\n"))
	}
	find := func(r *report) budget {
		for _, b := range r.budgets() {
			if strings.Contains(b.what, "gojsonschema alone") {
				return b
			}
		}
		t.Fatal("no budget for the ratio to gojsonschema alone")
		return budget{}
	}
	for _, tc := range []struct {
		eg, ce  string
		verdict string
		want    string
	}{
		{"11000000", "15000000", "PASS", "0.50× (eventgrid 0.50× (11.0 ms against 22.0 ms); cloudevents 0.50× (15.0 ms against 30.0 ms))"},
		{"11000000", "33000000", "MISS", "1.10× (eventgrid 0.50×"},
		{"22000000", "30000000", "PASS", "1.00×"},
	} {
		r := &report{wasm: parse(out(tc.eg, tc.ce))}
		b := find(r)
		if b.verdict() != tc.verdict || !strings.HasPrefix(b.measured, tc.want) {
			t.Errorf("Inspect %s / %s ns: %s %q, want %s %q…", tc.eg, tc.ce, b.verdict(), b.measured, tc.verdict, tc.want)
		}
	}
	// Without BenchmarkBare, the budget is not measured (not a pass).
	r := &report{wasm: parse([]byte("BenchmarkInspect/eventgrid/1000 \t 10\t 1 ns/op\nBenchmarkInspect/cloudevents/1000 \t 10\t 1 ns/op"))}
	if b := find(r); b.verdict() != "not measured" {
		t.Errorf("without the peer's figures: %s %q", b.verdict(), b.measured)
	}
}
