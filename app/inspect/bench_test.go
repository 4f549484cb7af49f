package inspect

import (
	"flag"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/schema"
	"eventlens/app/vocab"
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

// worstShapes are payloads at the limits that take the most memory or time
// to inspect: the most values a payload may hold, each drawing findings or
// none, and 32 MiB of generated SignalR events.
func worstShapes() map[string]func() []byte {
	repeat := func(item string, n int) []byte {
		return []byte("[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]")
	}
	return map[string]func() []byte{
		// vocab.MaxValues-1 numbers: the largest tree.
		"zeros": func() []byte { return repeat("0", vocab.MaxValues-1) },
		// vocab.MaxValues-1 empty objects: events of no form.
		"empty-objects": func() []byte { return repeat("{}", vocab.MaxValues-1) },
		// Two values an event, every event drawing the same findings.
		"findings": func() []byte { return repeat(`{"eventType":"x"}`, (vocab.MaxValues-1)/2) },
		// Valid SignalR events, as many as 32 MiB holds.
		"events": func() []byte {
			one := len(gen.Batch(gen.CloudEvents, 100)) / 100
			return gen.Batch(gen.CloudEvents, vocab.MaxInputBytes/one*9/10)
		},
	}
}

// BenchmarkWorst inspects each of worstShapes once, as the page does (the
// whole pipeline, in steps, yielding between them), with the runtime's memory limit set as the
// binaries set it, and reports sys-MB: the memory obtained from the host
// (as wasm memory never shrinks, what a page needs at the most), and the
// time. Run one shape per fresh process
// (-bench '^BenchmarkWorst$/^zeros$' -benchtime=1x).
func BenchmarkWorst(b *testing.B) {
	debug.SetMemoryLimit(vocab.MemoryLimit)
	if err := schema.Warm(); err != nil {
		b.Fatal(err)
	}
	shapes := worstShapes()
	for _, name := range slices.Sorted(maps.Keys(shapes)) {
		b.Run(name, func(b *testing.B) {
			src := shapes[name]()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				j := NewJob(src)
				for !j.Step(50 * time.Millisecond) {
					// The page gives the browser its turn between steps,
					// and Go's scheduler then runs the collector's
					// workers; as wasm has one thread and no preemption, a
					// loop that never yields leaves the collection to
					// allocation assists and lets the heap grow far past
					// the memory limit (4 GB for "findings").
					runtime.Gosched()
				}
				if r := j.Report(); len(r.Diagnostics) > 100*vocab.MaxDiagnosticsPerCode {
					b.Fatalf("%d diagnostics listed", len(r.Diagnostics))
				}
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			b.ReportMetric(float64(m.Sys)/(1<<20), "sys-MB")
		})
	}
}

// BenchmarkReinspect measures a keystroke in a 5,000-event batch: one
// character typed into, then deleted from, a value of the middle event,
// each inspected after the previous text (NewJobAfter) up to the verdict.
func BenchmarkReinspect(b *testing.B) {
	if err := schema.Warm(); err != nil {
		b.Fatal(err)
	}
	for _, f := range gen.Forms {
		b.Run(fmt.Sprintf("%s/%d", f, gen.MaxEvents), func(b *testing.B) {
			src := gen.Batch(f, gen.MaxEvents)
			at := len(src) / 2
			at += strings.Index(string(src[at:]), `"id": "`) + len(`"id": "`)
			typed := slices.Concat(src[:at], []byte("x"), src[at:])
			texts := [2][]byte{typed, src}
			prev := Inspect(src)
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				j := NewJobAfter(prev, texts[i%2])
				for !j.Verdict() {
					j.Step(0) // up to the verdict, not the formatted text after it
				}
				if !j.Reinspected() || len(j.Report().Events) != gen.MaxEvents {
					b.Fatalf("edit %d was not reinspected: %s", i, j.Report().Summary())
				}
				prev = j.Report()
				i++
			}
		})
	}
}
