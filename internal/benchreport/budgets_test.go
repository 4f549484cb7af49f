package main

import (
	"strings"
	"testing"
)

// TestPeerBudget reads the ratio of whole inspection to gojsonschema alone
// off benchmark output, per form, and judges it by the slower form.
func TestPeerBudget(t *testing.T) {
	line := func(form, inspect, bare, ratio string) string {
		return "BenchmarkVersusBare/" + form + "/1000 \t 10\t 50000000 ns/op\t " + bare + " bare-ns\t " + inspect + " inspect-ns\t " + ratio + " x-bare\t 9000000 envelope-ns\t 1.5 x-envelope"
	}
	out := func(egRatio, ceRatio string) []byte {
		return []byte(strings.Join([]string{
			line("eventgrid", "11000000", "22000000", egRatio),
			line("eventgrid", "12000000", "20000000", "0.6"),
			line("eventgrid", "10000000", "24000000", "0.4"),
			line("cloudevents", "15000000", "30000000", ceRatio),
		}, "\n"))
	}
	find := func(r *report) budget {
		for _, b := range r.budgets() {
			if strings.Contains(b.what, "gojsonschema alone checking the same rules") {
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
		{"0.5", "0.5", "PASS", "0.50× (eventgrid 0.50× (11.0 ms against 22.0 ms); cloudevents 0.50× (15.0 ms against 30.0 ms))"},
		{"0.5", "1.1", "MISS", "1.10× (eventgrid 0.50×"},
		{"0.5", "1.0", "PASS", "1.00×"},
		{"2.0", "0.5", "PASS", "0.60× (eventgrid 0.60×"}, // the median of 2.0, 0.6 and 0.4
	} {
		r := &report{wasm: parse(out(tc.eg, tc.ce))}
		b := find(r)
		if b.verdict() != tc.verdict || !strings.HasPrefix(b.measured, tc.want) {
			t.Errorf("ratios %s / %s: %s %q, want %s %q…", tc.eg, tc.ce, b.verdict(), b.measured, tc.verdict, tc.want)
		}
	}
	// The stricter peer, gojsonschema checking only the envelopes, has its
	// own row.
	var strict *budget
	for _, b := range (&report{wasm: parse(out("0.5", "0.5"))}).budgets() {
		if strings.Contains(b.what, "only the envelopes") {
			strict = &b
		}
	}
	if strict == nil || strict.verdict() != "MISS" || !strings.HasPrefix(strict.measured, "1.50× (eventgrid 1.50× (11.0 ms against 9.0 ms)") {
		t.Errorf("envelope-only row: %+v", strict)
	}
	// Without the cloudevents figures, the budget is not measured (not a pass).
	r := &report{wasm: parse([]byte(line("eventgrid", "1", "2", "0.5")))}
	if b := find(r); b.verdict() != "not measured" {
		t.Errorf("without the cloudevents figures: %s %q", b.verdict(), b.measured)
	}
}

// TestPeerTable renders the comparison with gojsonschema alone and its
// budget rows into the report.
func TestPeerTable(t *testing.T) {
	line := "BenchmarkVersusBare/cloudevents/1000 \t 10\t 50000000 ns/op\t 30000000 bare-ns\t 12000000 inspect-ns\t 0.4 x-bare\t 10000000 envelope-ns\t 1.2 x-envelope"
	r := &report{cfg: config{count: 1, benchtime: "1x"}, native: parse([]byte(line)), wasm: parse([]byte(line))}
	md := string(r.markdown())
	for _, want := range []string{
		"## Against gojsonschema alone",
		"| 1,000, cloudevents | 12.0 ms | 30.0 ms | 0.40× | 1.20× | 12.0 ms | 30.0 ms | 0.40× | 1.20× |",
		"| 1,000, eventgrid | — | — | — | — | — | — | — | — |",
		"gojsonschema alone checking the same rules on the same text",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}

// TestBrowserBudgetsTimeline: the Timeline's PERF lines (as
// TestPerfTimeline prints them) fill its two budget rows, each judged
// against its limit.
func TestBrowserBudgetsTimeline(t *testing.T) {
	r := &report{browser: []browserFigure{
		{"Timeline of 5,000 events, tab to chart painted", "412 ms (381 marks in 29 SVG elements)"},
		{"longest main-thread task opening the Timeline of 5,000 events", "240 ms"},
	}}
	found := 0
	for _, b := range r.budgets() {
		if !strings.Contains(b.what, "Timeline tab") {
			continue
		}
		found++
		switch {
		case strings.HasPrefix(b.what, "opening"):
			if !b.known || !b.ok || !strings.HasPrefix(b.measured, "412 ms") {
				t.Errorf("%s: %+v, want 412 ms, PASS", b.what, b)
			}
		case strings.HasPrefix(b.what, "longest"):
			if !b.known || b.ok || b.measured != "240 ms" {
				t.Errorf("%s: %+v, want 240 ms, MISS", b.what, b)
			}
		}
	}
	if found != 2 {
		t.Errorf("%d Timeline budget rows, want 2", found)
	}
}

// TestLighthouseBudgets: Lighthouse's PERF lines (as TestPerfLighthouse
// prints them) fill its three budget rows, each judged against its limit;
// without them the rows are not measured.
func TestLighthouseBudgets(t *testing.T) {
	verdicts := func(r *report) []string {
		var out []string
		for _, b := range r.budgets() {
			if strings.HasPrefix(b.what, "Lighthouse ") {
				out = append(out, b.verdict())
			}
		}
		return out
	}
	got := verdicts(&report{browser: []browserFigure{
		{"Lighthouse mobile performance score, median of 3", "97 (each 96, 97, 99)"},
		{"Lighthouse mobile total blocking time, median of 3", "2035 ms (each 1960, 2346, 2035 ms)"},
		{"Lighthouse accessibility, best practices, SEO, lowest of 3", "100, 92, 100"},
	}})
	if want := "PASS MISS MISS"; strings.Join(got, " ") != want {
		t.Errorf("performance 97, blocking 2035 ms, best practices 92: %v, want %s", got, want)
	}
	got = verdicts(&report{browser: []browserFigure{
		{"Lighthouse mobile performance score, median of 3", "96 (each 96, 96, 99)"},
		{"Lighthouse mobile total blocking time, median of 3", "150 ms (each 150, 140, 160 ms)"},
		{"Lighthouse accessibility, best practices, SEO, lowest of 3", "100, 100, 100"},
	}})
	if want := "MISS PASS PASS"; strings.Join(got, " ") != want {
		t.Errorf("performance 96, blocking 150 ms, all 100: %v, want %s", got, want)
	}
	if got := verdicts(&report{}); strings.Join(got, " ") != "not measured not measured not measured" {
		t.Errorf("without Lighthouse's figures: %v", got)
	}
}

// TestStealShare: the share of CPU time the hypervisor gave to other
// machines, from two readings of /proc/stat.
func TestStealShare(t *testing.T) {
	from := parseCPUTimes("cpu  100 0 50 800 10 0 5 35 7 0\ncpu0 1 2 3\n")
	to := parseCPUTimes("cpu  300 0 100 1400 10 0 5 185 9 0\n")
	if !from.ok || from.total != 1000 || from.steal != 35 {
		t.Fatalf("first reading: %+v, want 1000 ticks in all (guest left out), 35 stolen", from)
	}
	if got := stealShare(from, to); got != "15 %" {
		t.Errorf("stealShare = %q, want 15 %% (150 of 1000 ticks)", got)
	}
	for _, bad := range []string{"", "intr 1 2 3", "cpu 1 2 x 4 5 6 7 8", "cpu 1 2 3"} {
		if c := parseCPUTimes(bad); c.ok {
			t.Errorf("parseCPUTimes(%q) = %+v, want not ok", bad, c)
		}
	}
	if got := stealShare(cpuTimes{}, to); got != "unknown" {
		t.Errorf("stealShare without a first reading = %q, want unknown", got)
	}
}
