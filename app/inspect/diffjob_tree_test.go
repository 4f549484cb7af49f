package inspect

import (
	"reflect"
	"testing"

	"eventlens/app/gen"
)

// TestNewDiffJobFrom: comparing the tree of an inspected payload gives
// Diff's report of its text, in both modes, at every step budget, for the
// corpus against the seeds and for generated batches; a payload that does
// not decode (nil tree) is reported as Diff reports an empty text.
func TestNewDiffJobFrom(t *testing.T) {
	type pair struct {
		name string
		a, b []byte
	}
	var pairs []pair
	seeds := [][]byte{read(t, "seed-eventgrid-connected"), read(t, "seed-cloudevents-connected")}
	for _, f := range corpus(t) {
		for _, b := range seeds {
			pairs = append(pairs, pair{f.Name, f.Src, b})
		}
	}
	pairs = append(pairs, pair{"batches", gen.Batch(gen.EventGrid, 300), gen.Changed(gen.CloudEvents, 300)})
	compared := 0
	for _, p := range pairs {
		r := Inspect(p.a)
		if r.Doc == nil {
			continue
		}
		compared++
		for _, semantic := range []bool{false, true} {
			want := Diff(p.a, p.b, semantic)
			for _, budget := range diffBudgets {
				j := NewDiffJobFrom(r.Doc.Root, p.b, semantic)
				for i := 0; !j.Step(budget); i++ {
					if i > len(p.a)+len(p.b)+100 {
						t.Fatalf("%s: no end after %d steps", p.name, i)
					}
				}
				if got := j.Report(); !reflect.DeepEqual(got, want) {
					t.Fatalf("%s (semantic %v, budget %v): the job from the tree differs from Diff: %d changes, equal %v; want %d, equal %v",
						p.name, semantic, budget, len(got.Changes), got.Equal, len(want.Changes), want.Equal)
				}
			}
		}
	}
	if compared < 30 {
		t.Errorf("only %d payloads decoded", compared)
	}
	if got, want := NewDiffJobFrom(nil, seeds[0], false).Run(), Diff(nil, seeds[0], false); !reflect.DeepEqual(got, want) || len(got.Left.Diagnostics) != 1 {
		t.Errorf("nil tree: %+v, want %+v", got.Left, want.Left)
	}
}
