package inspect

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"runtime"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/internal/fixture"
)

// diffBudgets are the step budgets the DiffJob tests use: one piece of
// work per step, about one piece, and everything in one step.
var diffBudgets = []time.Duration{0, time.Microsecond, time.Hour}

// checkDiffJob runs a DiffJob over a and b at every budget and checks that
// its report is identical to Diff's, that its progress never goes back,
// and that it ends.
func checkDiffJob(t *testing.T, name string, a, b []byte, semantic bool) {
	t.Helper()
	want := Diff(a, b, semantic)
	for _, budget := range diffBudgets {
		j := NewDiffJob(a, b, semantic)
		steps, last := 0, 0
		for !j.Step(budget) {
			steps++
			done, total := j.Progress()
			if done < last || done > total {
				t.Fatalf("%s (semantic %v, budget %v): progress %d of %d after %d", name, semantic, budget, done, total, last)
			}
			last = done
			if steps > len(a)+len(b)+100 {
				t.Fatalf("%s (semantic %v, budget %v): no end after %d steps", name, semantic, budget, steps)
			}
		}
		if !j.Done() || !j.Step(budget) || j.Report() != j.Run() {
			t.Fatalf("%s (semantic %v, budget %v): not done after the last step", name, semantic, budget)
		}
		if budget == 0 && steps+1 < 3 {
			t.Errorf("%s (semantic %v): %d steps of one piece, want at least 3 (decode, decode, compare)", name, semantic, steps+1)
		}
		if got := j.Report(); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s (semantic %v, budget %v): DiffJob differs from Diff:\n%d changes, equal %v, lines %v / %v, %d diagnostics\nwant %d changes, equal %v, lines %v / %v, %d diagnostics",
				name, semantic, budget, len(got.Changes), got.Equal, got.Left.Lines, got.Right.Lines, len(got.Left.Diagnostics)+len(got.Right.Diagnostics),
				len(want.Changes), want.Equal, want.Left.Lines, want.Right.Lines, len(want.Left.Diagnostics)+len(want.Right.Diagnostics))
		}
	}
}

// TestDiffJobCases: every pair of testdata/diff, both ways and in both
// modes.
func TestDiffJobCases(t *testing.T) {
	for _, c := range fixture.DiffCases(t) {
		a, errA := os.ReadFile(c.A)
		b, errB := os.ReadFile(c.B)
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v %v", c.Name, errA, errB)
		}
		for _, semantic := range []bool{false, true} {
			checkDiffJob(t, c.Name, a, b, semantic)
			checkDiffJob(t, c.Name+" reversed", b, a, semantic)
		}
	}
}

// TestDiffJobCorpus: the corpus payloads (valid, broken and not JSON at
// all) paired with each other, in both modes.
func TestDiffJobCorpus(t *testing.T) {
	ps := corpus(t)
	for i := range ps {
		for k := range ps {
			for _, semantic := range []bool{false, true} {
				checkDiffJob(t, ps[i].Name+" vs "+ps[k].Name, ps[i].Src, ps[k].Src, semantic)
			}
		}
	}
}

// TestDiffJobBatches: generated batches with gen.Changed's four edits, in
// both forms and across forms, take many steps and end with Diff's report;
// the progress counts the right batch's events.
func TestDiffJobBatches(t *testing.T) {
	for _, n := range []int{0, 1, 5, 600} {
		eg, ce := gen.Batch(gen.EventGrid, n), gen.Batch(gen.CloudEvents, n)
		egc, cec := gen.Changed(gen.EventGrid, n), gen.Changed(gen.CloudEvents, n)
		for _, p := range []struct {
			name string
			a, b []byte
		}{{"eventgrid", eg, egc}, {"cloudevents", ce, cec}, {"eventgrid vs cloudevents", eg, cec}, {"same", ce, ce}} {
			for _, semantic := range []bool{false, true} {
				name := fmt.Sprintf("%s/%d", p.name, n)
				checkDiffJob(t, name, p.a, p.b, semantic)
			}
		}
	}
	a, b := gen.Batch(gen.EventGrid, 2000), gen.Changed(gen.EventGrid, 2000)
	j := NewDiffJob(a, b, false)
	comparing := 0
	for !j.Step(0) {
		if done, total := j.Progress(); total > 0 && done < total {
			comparing++
			if total != 2000 {
				t.Errorf("progress %d of %d, want of 2000 events", done, total)
			}
		}
	}
	if comparing < 10 {
		t.Errorf("the comparison of 2,000 events took %d steps, want at least 10", comparing)
	}
	if got := j.Report(); len(got.Changes) != len(Diff(a, b, false).Changes) || got.Equal {
		t.Errorf("2,000 events: %d changes, equal %v", len(got.Changes), got.Equal)
	}
}

// FuzzDiffJob: for any two payloads, either mode and any step budget, a
// DiffJob never panics and ends with Diff's report.
func FuzzDiffJob(f *testing.F) {
	f.Add(read(f, "seed-eventgrid-connected"), read(f, "seed-cloudevents-connected"), true, uint8(0))
	f.Add(gen.Batch(gen.CloudEvents, 8), gen.Changed(gen.CloudEvents, 8), false, uint8(1))
	f.Add(gen.Batch(gen.EventGrid, 8), gen.Changed(gen.CloudEvents, 8), true, uint8(2))
	f.Add([]byte(`[1,2,3]`), []byte(`{"a":`), false, uint8(0))
	f.Add([]byte(`{"validationCode":"x"}`), []byte(`[]`), true, uint8(1))
	f.Fuzz(func(t *testing.T, a, b []byte, semantic bool, budget uint8) {
		want := Diff(a, b, semantic)
		j := NewDiffJob(a, b, semantic)
		for i := 0; !j.Step(time.Duration(budget%3) * time.Microsecond); i++ {
			if i > len(a)+len(b)+100 {
				t.Fatalf("no end after %d steps", i)
			}
		}
		if got := j.Report(); !reflect.DeepEqual(got, want) {
			t.Fatalf("DiffJob differs from Diff: %d changes vs %d", len(got.Changes), len(want.Changes))
		}
	})
}

// deepZeros returns n zeros inside depth nested arrays, with one more value
// at the bottom when extra is set: a few hundred kilobytes whose indented
// form would be a thousand times larger.
func deepZeros(depth, n int, extra bool) []byte {
	var b []byte
	for range depth {
		b = append(b, '[')
	}
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '0')
	}
	if extra {
		b = append(b, ",1"...)
	}
	for range depth {
		b = append(b, ']')
	}
	return b
}

// A comparison is bounded like Inspect: a side whose indentation would pass
// MaxPrettyBytes is shown minified, not built at its indented size (510
// levels around 70,000 zeros: 140 KB that indent to 72 MB a side; around 2
// million zeros the wasm build ran out of memory).
func TestDiffCapsThePrettyText(t *testing.T) {
	a, b := deepZeros(510, 70_000, false), deepZeros(510, 70_000, true)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := Diff(a, b, false)
	runtime.ReadMemStats(&after)
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 48<<20 {
		t.Errorf("Diff of two %d-byte payloads allocated %d MB; want at most 48", len(a), alloc>>20)
	}
	for i, s := range []Side{r.Left, r.Right} {
		want := []int{1} // the added value is on the right
		if i == 0 {
			want = nil
		}
		if !s.Minified || len(s.Text) > len(b) || !reflect.DeepEqual(s.Lines, want) {
			t.Errorf("side %d: minified %v, %d bytes, lines %v; want minified, at most %d bytes, lines %v", i, s.Minified, len(s.Text), s.Lines, len(b), want)
		}
	}
	if len(r.Changes) != 1 || r.Changes[0].Op != "add" {
		t.Errorf("changes = %v", r.Changes)
	}
	checkDiffJob(t, "deep zeros", a, b, false)
	// A side that indents within the cap is indented, as before.
	small := Diff([]byte(`[1]`), []byte(`[2]`), false)
	if small.Left.Minified || string(small.Left.Text) != "[\n  1\n]\n" || !reflect.DeepEqual(small.Right.Lines, []int{2}) {
		t.Errorf("small side: %+v", small.Right)
	}
}

// TestDiffPairs checks that a replaced value is paired with its new value
// by line on each side, and that containers replaced (an object by a
// string) are not paired.
func TestDiffPairs(t *testing.T) {
	a := []byte(`{"a": 1, "b": {"c": "chat", "d": [true]}, "e": {"x": 1}}`)
	b := []byte(`{"z": 0, "a": 1, "b": {"c": "lobby", "d": [false]}, "e": "x"}`)
	r := Diff(a, b, false)
	// Left, pretty: 1 {, 2 "a", 3 "b": {, 4 "c", 5 "d": [, 6 true, ...
	// Right: 1 {, 2 "z", 3 "a", 4 "b": {, 5 "c", 6 "d": [, 7 false.
	want := []LinePair{{4, 5}, {6, 7}}
	if !reflect.DeepEqual(r.Pairs, want) {
		t.Errorf("pairs %v, want %v\nleft:\n%s\nright:\n%s", r.Pairs, want, r.Left.Text, r.Right.Text)
	}
	for _, p := range r.Pairs {
		left, right := line(r.Left.Text, p.Left), line(r.Right.Text, p.Right)
		if left == right {
			t.Errorf("pair %v joins two equal lines %q", p, left)
		}
	}
}

// line returns 1-based line n of text.
func line(text []byte, n int) string {
	for i := 1; i < n; i++ {
		nl := bytes.IndexByte(text, '\n')
		if nl < 0 {
			return ""
		}
		text = text[nl+1:]
	}
	if nl := bytes.IndexByte(text, '\n'); nl >= 0 {
		text = text[:nl]
	}
	return string(text)
}
