package inspect

import (
	"flag"
	"fmt"
	"runtime"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/schema"
)

// BenchmarkInspect runs the whole pipeline (decode, detect, validate,
// semantic checks, pretty-print, conversion to the other form) on
// generated batches of each size and form.
func BenchmarkInspect(b *testing.B) {
	if err := schema.Warm(); err != nil {
		b.Fatal(err)
	}
	for _, f := range gen.Forms {
		for _, n := range gen.Sizes {
			src := gen.Batch(f, n)
			b.Run(fmt.Sprintf("%s/%d", f, n), func(b *testing.B) {
				b.SetBytes(int64(len(src)))
				b.ReportAllocs()
				for b.Loop() {
					if r := Inspect(src); !r.Valid || len(r.Events) != n {
						b.Fatal(r.Summary())
					}
				}
			})
		}
	}
}

// BenchmarkDiff compares generated batches with their edited copies
// (gen.Changed), as JSON and semantically (both sides as CloudEvents, the
// right side in the other form).
func BenchmarkDiff(b *testing.B) {
	for _, n := range []int{1000, gen.MaxEvents} {
		left := gen.Batch(gen.EventGrid, n)
		for _, mode := range []struct {
			name     string
			semantic bool
			right    []byte
		}{
			{"json", false, gen.Changed(gen.EventGrid, n)},
			{"semantic", true, gen.Changed(gen.CloudEvents, n)},
		} {
			b.Run(fmt.Sprintf("%s/%d", mode.name, n), func(b *testing.B) {
				b.SetBytes(int64(len(left) + len(mode.right)))
				b.ReportAllocs()
				for b.Loop() {
					if r := Diff(left, mode.right, mode.semantic); r.Equal || len(r.Changes) == 0 {
						b.Fatalf("%d changes", len(r.Changes))
					}
				}
			})
		}
	}
}

// BenchmarkMemory inspects a 5,000-event batch once per iteration and
// reports the memory it takes: heap-MB is the heap the runtime holds
// afterwards (HeapSys: as wasm memory never shrinks, the most a page
// needs), sys-MB all memory obtained from the host, alloc-MB/op the bytes
// one inspection allocates (TotalAlloc). Run it alone, in a fresh process
// (-bench '^BenchmarkMemory$' -benchtime=1x), so that nothing before it
// has grown the heap.
func BenchmarkMemory(b *testing.B) {
	src := gen.Batch(gen.CloudEvents, gen.MaxEvents)
	if err := schema.Warm(); err != nil {
		b.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	for b.Loop() {
		if r := Inspect(src); !r.Valid {
			b.Fatal(r.Summary())
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	const mb = 1 << 20
	b.ReportMetric(float64(after.HeapSys)/mb, "heap-MB")
	b.ReportMetric(float64(after.Sys)/mb, "sys-MB")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/mb/float64(b.N), "alloc-MB/op")
}

// BenchmarkFirst times the first inspections of a 1,000-event batch in a
// process: first-ms is the first one (the schemas compile on the way),
// second-ms the next. With -warm, schema.Warm runs before (warm-ms): as the
// page does while it loads. Run it alone in a fresh process
// (-bench '^BenchmarkFirst$' -benchtime=1x), once with -warm and once
// without.
func BenchmarkFirst(b *testing.B) {
	src := gen.Batch(gen.EventGrid, 1000)
	ms := func(since time.Time) float64 { return float64(time.Since(since)) / float64(time.Millisecond) }
	var warm float64
	if *warmFirst {
		t := time.Now()
		if err := schema.Warm(); err != nil {
			b.Fatal(err)
		}
		warm = ms(t)
	}
	t := time.Now()
	Inspect(src)
	first := ms(t)
	t = time.Now()
	Inspect(src)
	second := ms(t)
	for b.Loop() {
		// Nothing: the figures are the two inspections above, once per
		// process. (b.Loop's first call deletes metrics reported before it.)
	}
	if *warmFirst {
		b.ReportMetric(warm, "warm-ms")
	}
	b.ReportMetric(first, "first-ms")
	b.ReportMetric(second, "second-ms")
}

var warmFirst = flag.Bool("warm", false, "BenchmarkFirst: warm the schemas up first")
