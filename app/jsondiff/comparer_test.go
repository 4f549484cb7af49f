package jsondiff

import (
	"fmt"
	"reflect"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

// stepSizes are the maxNodes given to Comparer.Step by the tests: one
// event at a time, a few values, and more than any test document holds.
var stepSizes = []int{0, 1, 7, 1 << 30}

// checkComparer runs a Comparer over a and b at every step size and checks
// that it ends with exactly want (Compare's changes), that it reports its
// progress consistently, and that it stays done.
func checkComparer(t testing.TB, a, b *jsontree.Node, opts Options, want []Change) {
	t.Helper()
	for _, size := range stepSizes {
		c := NewComparer(a, b, opts)
		if c.Done() {
			t.Fatalf("maxNodes %d: done before any step", size)
		}
		steps, last := 0, -1
		for !c.Step(size) {
			steps++
			done, total := c.Progress()
			if done <= last || done > total {
				t.Fatalf("maxNodes %d: progress %d of %d after %d", size, done, total, last)
			}
			last = done
			if steps > 1_000_000 {
				t.Fatalf("maxNodes %d: no end after %d steps", size, steps)
			}
		}
		if !c.Done() || !c.Step(size) {
			t.Fatalf("maxNodes %d: not done after the last step", size)
		}
		if done, total := c.Progress(); done != total {
			t.Errorf("maxNodes %d: progress %d of %d at the end", size, done, total)
		}
		got := c.Changes()
		if len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
			t.Fatalf("maxNodes %d: Comparer after %d steps =\n%s\nCompare =\n%s", size, steps+1, list(got), list(want))
		}
	}
}

// TestComparerSteps: on generated batches (Event Grid and CloudEvents, with
// gen.Changed's four edits, and each batch against itself), the Comparer
// takes several steps and ends with Compare's changes.
func TestComparerSteps(t *testing.T) {
	for _, f := range []gen.Form{gen.EventGrid, gen.CloudEvents} {
		for _, n := range []int{0, 1, 4, 50, 300} {
			a := parse(t, string(gen.Batch(f, n)))
			b := parse(t, string(gen.Changed(f, n)))
			for _, pair := range [][2]*jsontree.Node{{a, b}, {b, a}, {a, a}} {
				t.Run(fmt.Sprintf("%s/%d", f, n), func(t *testing.T) {
					want := Compare(pair[0], pair[1], DefaultOptions())
					checkComparer(t, pair[0], pair[1], DefaultOptions(), want)
					limited := Options{MatchEventsByID: true, MaxChanges: 2}
					checkComparer(t, pair[0], pair[1], limited, Compare(pair[0], pair[1], limited))
				})
			}
			if n >= 50 {
				c := NewComparer(a, b, DefaultOptions())
				steps := 0
				for !c.Step(100) {
					steps++
				}
				if steps < n/20 {
					t.Errorf("%s/%d: %d steps of 100 values, want at least %d", f, n, steps, n/20)
				}
			}
		}
	}
	a, b, _ := benchPair(t)
	checkComparer(t, a, b, DefaultOptions(), Compare(a, b, DefaultOptions()))
}

// TestComparerNotEvents: documents other than two arrays of events are
// compared whole in the first step.
func TestComparerNotEvents(t *testing.T) {
	for _, tt := range []struct{ a, b string }{
		{`{"a":[{"id":"1"}]}`, `{"a":[{"id":"2"}]}`},
		{`[1,2,3]`, `[1,3]`},
		{`[{"id":"1"},{"id":"1"}]`, `[{"id":"1"}]`},
		{`null`, `[{"id":"1"}]`},
	} {
		a, b := parse(t, tt.a), parse(t, tt.b)
		c := NewComparer(a, b, DefaultOptions())
		if !c.Step(0) {
			t.Errorf("%s → %s: not done after one step", tt.a, tt.b)
		}
		if got, want := c.Changes(), Compare(a, b, DefaultOptions()); !reflect.DeepEqual(got, want) {
			t.Errorf("%s → %s: Comparer =\n%s\nCompare =\n%s", tt.a, tt.b, list(got), list(want))
		}
	}
	if c := NewComparer(nil, nil, Options{}); !c.Step(1) || len(c.Changes()) != 0 {
		t.Errorf("Comparer(nil, nil) = %v", c.Changes())
	}
}

// FuzzComparer: for any two JSON documents and any step size, a Comparer
// never panics and ends with Compare's changes.
func FuzzComparer(f *testing.F) {
	f.Add([]byte(`[{"id":"1","x":1},{"id":"2"},{"id":"3"}]`), []byte(`[{"id":"3"},{"id":"1","x":[2]},{"id":"4"}]`), 1)
	f.Add([]byte(`[1,2,3,4,5]`), []byte(`[1,2,9,3,4,5]`), 0)
	f.Add([]byte(`{"x":1,"x":2,"a/b~":1.0}`), []byte(`{"x":3,"a/b~":1}`), 3)
	f.Add([]byte(readTestdata(f, "batch.old.json")), []byte(readTestdata(f, "batch.new.json")), 5)
	f.Add(gen.Batch(gen.CloudEvents, 20), gen.Changed(gen.CloudEvents, 20), 2)
	f.Fuzz(func(t *testing.T, aSrc, bSrc []byte, size int) {
		da, err1 := jsontree.Parse(aSrc, jsontree.Options{})
		db, err2 := jsontree.Parse(bSrc, jsontree.Options{})
		if err1 != nil || err2 != nil {
			return
		}
		for _, opts := range []Options{DefaultOptions(), {MatchEventsByID: true, MaxChanges: 3}} {
			want := Compare(da.Root, db.Root, opts)
			c := NewComparer(da.Root, db.Root, opts)
			for i := 0; !c.Step(size % 64); i++ {
				if i > len(aSrc)+len(bSrc)+2 {
					t.Fatalf("no end after %d steps", i)
				}
			}
			if got := c.Changes(); len(got) != len(want) || (len(want) > 0 && !reflect.DeepEqual(got, want)) {
				t.Fatalf("Comparer =\n%s\nCompare =\n%s", list(got), list(want))
			}
		}
	})
}
