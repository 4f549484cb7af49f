package jsontree

import (
	"reflect"
	"testing"

	"eventlens/app/gen"
)

// decodeInSteps decodes src with steps of n values and returns the number
// of steps taken and the result.
func decodeInSteps(src []byte, opts Options, n int) (int, *Doc, error) {
	d := NewDecoder(src, opts)
	steps := 1
	for !d.Step(n) {
		if doc, err := d.Result(); doc != nil || err != nil {
			panic("a result before decoding is over")
		}
		steps++
	}
	doc, err := d.Result()
	return steps, doc, err
}

// sameResult fails unless decoding src in steps of n values gives what
// Parse gives: the same Doc, or the same error.
func sameResult(t *testing.T, src []byte, opts Options, n int) int {
	t.Helper()
	want, wantErr := Parse(src, opts)
	steps, got, err := decodeInSteps(src, opts, n)
	if wantErr != nil || err != nil {
		if !reflect.DeepEqual(err, wantErr) {
			t.Fatalf("steps of %d values on %.80q: error %v, want %v", n, src, err, wantErr)
		}
		return steps
	}
	sameDoc(t, got, want)
	return steps
}

// FuzzDecoder: a document decoded in steps of 1, 2 or 7 values is the one
// Parse decodes, errors, notes and positions included.
func FuzzDecoder(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, n := range []int{1, 2, 7} {
			sameResult(t, src, Options{MaxDepth: 64, MaxValues: 5000}, n)
		}
	})
}

// TestDecoderSteps: a batch is decoded over as many steps as its values
// call for, each bounded, and to the same Doc as Parse's, whichever the
// form; errors past the first step (a syntax error, the value limit) end
// it as they end Parse.
func TestDecoderSteps(t *testing.T) {
	for _, f := range gen.Forms {
		src := gen.Batch(f, 200)
		whole, err := Parse(src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range []int{1, 10, 1000, whole.values - 1, whole.values, 0} {
			steps := sameResult(t, src, Options{}, n)
			want := 1
			if n > 0 {
				want = (whole.values - 1 + n - 1) / n // the first value (the batch) cannot pause
			}
			if n > 0 && n < whole.values && (steps < want || steps > want+1) {
				t.Errorf("%s: %d values in steps of %d took %d steps, want about %d", f, whole.values, n, steps, want)
			}
			if n <= 0 && steps != 1 {
				t.Errorf("%s: steps of all values took %d steps", f, steps)
			}
		}
		broken := append(src[:len(src)-2:len(src)-2], ',', ']')
		sameResult(t, broken, Options{}, 50)
		sameResult(t, src, Options{MaxValues: whole.values / 2}, 50)
	}
}
