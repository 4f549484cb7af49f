package jsontree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"eventlens/app/gen"
)

// TestGeneratedBatch checks what the benchmarks decode: every event of a
// generated batch, no notes, and positions that PosAt agrees with.
func TestGeneratedBatch(t *testing.T) {
	src := gen.Batch(gen.EventGrid, 1000)
	d, err := Parse(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Root.Items) != 1000 || len(d.Notes) != 0 {
		t.Fatalf("%d events, %d notes", len(d.Root.Items), len(d.Notes))
	}
	last := d.Root.Items[999]
	want := gen.Events(1000)[999]
	if got := last.Lookup("/data/userId"); got == nil || got.Text != want.UserID {
		t.Errorf("last userId = %v, want %q", got, want.UserID)
	}
	line := bytes.Count(src[:last.Pos.Offset], []byte("\n")) + 1
	if src[last.Pos.Offset] != '{' || last.Pos.Column != 1 || last.Pos.Line != line || d.PosAt(last.Pos.Offset) != last.Pos {
		t.Errorf("last event at %+v, want line %d column 1", last.Pos, line)
	}
}

// forEachBatch runs bench on generated batches of every benchmark size in
// the given forms, as sub-benchmarks named form/events.
func forEachBatch(b *testing.B, forms []gen.Form, sizes []int, bench func(b *testing.B, src []byte)) {
	for _, f := range forms {
		for _, n := range sizes {
			src := gen.Batch(f, n)
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				bench(b, src)
			})
		}
	}
}

// BenchmarkParse decodes batches of each size and form.
func BenchmarkParse(b *testing.B) {
	forEachBatch(b, gen.Forms[:], gen.Sizes[:], func(b *testing.B, src []byte) {
		for b.Loop() {
			if _, err := Parse(src, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkParseNonASCII measures the column counting of text with
// multi-byte characters.
func BenchmarkParseNonASCII(b *testing.B) {
	src := bytes.ReplaceAll(gen.Batch(gen.EventGrid, 1000), []byte(`"chat"`), []byte(`"çhat"`))
	src = bytes.ReplaceAll(src, []byte(`/hub/chat"`), []byte(`/hub/çhat"`))
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshal is encoding/json on the same input, for comparison.
func BenchmarkUnmarshal(b *testing.B) {
	forEachBatch(b, gen.Forms[:1], []int{1000, gen.MaxEvents}, func(b *testing.B, src []byte) {
		for b.Loop() {
			var v any
			if err := json.Unmarshal(src, &v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkValue converts a decoded batch to plain Go values, as schema
// validation does.
func BenchmarkValue(b *testing.B) {
	forEachBatch(b, gen.Forms[:1], []int{1000}, func(b *testing.B, src []byte) {
		d, err := Parse(src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			_ = d.Root.Value()
		}
	})
}

// BenchmarkPretty pretty-prints decoded batches.
func BenchmarkPretty(b *testing.B) {
	forEachBatch(b, gen.Forms[:1], gen.Sizes[:], func(b *testing.B, src []byte) {
		d, err := Parse(src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			_ = Pretty(d.Root)
		}
	})
}

// BenchmarkIndent is encoding/json's Indent on the same input, for
// comparison with Pretty.
func BenchmarkIndent(b *testing.B) {
	forEachBatch(b, gen.Forms[:1], []int{1000}, func(b *testing.B, src []byte) {
		var out bytes.Buffer
		for b.Loop() {
			out.Reset()
			if err := json.Indent(&out, src, "", "  "); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPrettyLen measures the size computation alone.
func BenchmarkPrettyLen(b *testing.B) {
	forEachBatch(b, gen.Forms[:1], []int{1000}, func(b *testing.B, src []byte) {
		d, err := Parse(src, Options{})
		if err != nil {
			b.Fatal(err)
		}
		for b.Loop() {
			_ = PrettyLen(d.Root)
		}
	})
}

// BenchmarkValueMemory decodes the shapes that take the most memory per
// byte of input, each with 1,000,000 values, and reports the bytes a value
// takes: alloc-B/value is what Parse allocates, live-B/value what the
// decoded tree keeps (vocab.MaxValues bounds the count).
func BenchmarkValueMemory(b *testing.B) {
	const n = 1_000_000
	shapes := []struct{ name, open, item, close string }{
		{"zeros", "[", "0", "]"},
		{"empty-objects", "[", "{}", "]"},
		{"empty-arrays", "[", "[]", "]"},
		{"keys", "{", `"k":0`, "}"},
	}
	for _, s := range shapes {
		values := n
		if s.open == "{" {
			values = n/2 + 1 // a key's value and the object
		}
		src := []byte(s.open + strings.TrimSuffix(strings.Repeat(s.item+",", values-1), ",") + s.close)
		b.Run(s.name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			var live uint64
			var before, after, kept runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			for b.Loop() {
				d, err := Parse(src, Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				runtime.GC()
				runtime.ReadMemStats(&kept)
				live = kept.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(d)
				b.StartTimer()
			}
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(b.N)/float64(values), "alloc-B/value")
			b.ReportMetric(float64(live)/float64(values), "live-B/value")
		})
	}
}
