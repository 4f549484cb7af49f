package main

// The budgets and how each is read off the results.

import (
	"fmt"
	"strings"

	"eventlens/app/gen"
)

// The budgets, each a limit on one figure.
const (
	budgetInspect1000Native = 25e6      // ns
	budgetInspect1000Wasm   = 80e6      // ns
	budgetInspect5000Wasm   = 400e6     // ns
	budgetGzip              = 2_936_012 // bytes (2.8 MiB), gzip -9
	budgetBrotli            = 2_411_724 // bytes (2.3 MiB), brotli as the export compresses
	budgetHeapMB            = 64
	budgetTimeline5000Wasm  = 100e6 // ns
	budgetReinspect5000Wasm = 100e6 // ns
	budgetBlockingMobile    = 150   // ms
	budgetLighthousePerf    = 97    // Lighthouse's mobile performance score
	budgetPeerRatio         = 1.0   // whole inspection ÷ gojsonschema alone (BenchmarkBare), wasm
)

// budget is one budget's line.
type budget struct {
	what, limit, measured string
	ok, known             bool
}

func (r *report) budgets() []budget {
	var out []budget
	worst := func(rs results, n int) (float64, string, bool) {
		var w float64
		var name string
		for _, f := range []string{"eventgrid", "cloudevents"} {
			key := fmt.Sprintf("BenchmarkInspect/%s/%d", f, n)
			if v, ok := rs.median(key, "ns/op"); ok && v >= w {
				w, name = v, f
			}
		}
		return w, name, name != ""
	}
	add := func(what, limit string, limitNs float64, rs results, n int) {
		v, form, ok := worst(rs, n)
		b := budget{what: what, limit: limit, known: ok}
		if ok {
			b.measured = fmt.Sprintf("%s (%s, the slower form)", dur(v), form)
			b.ok = v <= limitNs
		}
		out = append(out, b)
	}
	mb := func(n int) string {
		return fmt.Sprintf("%.2f–%.2f MB", float64(len(gen.Batch(gen.CloudEvents, n)))/1e6, float64(len(gen.Batch(gen.EventGrid, n)))/1e6)
	}
	add("whole inspection of 1,000 events ("+mb(1000)+"), native", "≤ 25 ms", budgetInspect1000Native, r.native, 1000)
	add("whole inspection of 1,000 events, wasm (Node)", "≤ 80 ms", budgetInspect1000Wasm, r.wasm, 1000)
	add("whole inspection of 5,000 events ("+mb(gen.MaxEvents)+"), wasm (Node)", "≤ 400 ms", budgetInspect5000Wasm, r.wasm, 5000)
	for _, p := range []struct{ what, metric, peer string }{
		{"whole inspection of 1,000 events ÷ gojsonschema alone checking the same rules on the same text (text → Validate, `BenchmarkVersusBare`, interleaved in one process), wasm (Node)", "x-bare", "bare-ns"},
		{"the same ÷ gojsonschema alone checking only the envelopes (stricter: less work than eventlens does), wasm (Node)", "x-envelope", "envelope-ns"},
	} {
		b := budget{what: p.what, limit: "≤ 1.0×"}
		if ratio, detail, ok := peerRatio(r.wasm, 1000, p.metric, p.peer); ok {
			b.measured, b.ok, b.known = detail, ratio <= budgetPeerRatio, true
		}
		out = append(out, b)
	}
	if v, ok := r.wasm.median("BenchmarkTimeline/eventgrid/5000", "ns/op"); ok {
		out = append(out, budget{what: "Timeline of 5,000 events (summary and chart), wasm (Node)", limit: "≤ 100 ms",
			measured: dur(v), ok: v <= budgetTimeline5000Wasm, known: true})
	} else {
		out = append(out, budget{what: "Timeline of 5,000 events (summary and chart), wasm (Node)", limit: "≤ 100 ms"})
	}
	{
		b := budget{what: "a keystroke inside one event of 5,000, to the verdict (inspect.Reinspect), wasm (Node)", limit: "≤ 100 ms"}
		var w float64
		for _, f := range []string{"eventgrid", "cloudevents"} {
			if v, ok := r.wasm.median(fmt.Sprintf("BenchmarkReinspect/%s/%d", f, gen.MaxEvents), "ns/op"); ok && v >= w {
				w, b.known = v, true
				b.measured = fmt.Sprintf("%s (%s, the slower form)", dur(v), f)
			}
		}
		b.ok = b.known && w <= budgetReinspect5000Wasm
		out = append(out, b)
	}
	if s := r.sizes; s != nil {
		out = append(out, budget{what: "app.wasm, gzip -9", limit: "≤ 2.8 MiB (was ≤ 4.5 MB)",
			measured: fmt.Sprintf("%s (%d bytes)", kb(s.gzip), s.gzip), ok: s.gzip <= budgetGzip, known: true})
		out = append(out, budget{what: fmt.Sprintf("app.wasm, brotli %d (the export's .br, what users download)", s.brotliQuality), limit: "≤ 2.3 MiB",
			measured: fmt.Sprintf("%s (%d bytes)", kb(s.brotli), s.brotli), ok: s.brotli <= budgetBrotli, known: true})
	}
	if v, ok := r.memory["wasm"].median("BenchmarkMemory", "heap-MB"); ok {
		sys, _ := r.memory["wasm"].median("BenchmarkMemory", "sys-MB")
		out = append(out, budget{what: "wasm heap after inspecting 5,000 events", limit: "< 64 MB",
			measured: fmt.Sprintf("%.1f MiB heap (HeapSys), %.1f MiB from the host (Sys)", v, sys), ok: v < budgetHeapMB, known: true})
	} else {
		out = append(out, budget{what: "wasm heap after inspecting 5,000 events", limit: "< 64 MB"})
	}
	out = append(out, r.lighthouseBudgets()...)
	{
		// Lighthouse's mobile total blocking time, measured with chromedp:
		// the start-up's long tasks on its profile (4× CPU slowdown).
		b := budget{what: "start-up total blocking time on Lighthouse's mobile profile (1.6 Mbit/s, 150 ms, 4× CPU through DevTools), measured with chromedp, Chromium", limit: "≤ 150 ms"}
		for _, f := range r.browser {
			if strings.HasPrefix(f.name, "start-up long tasks, mobile") {
				var longest, blocking float64
				var n int
				if _, err := fmt.Sscanf(f.value, "longest %f ms, %d long tasks, blocking time %f ms", &longest, &n, &blocking); err == nil {
					b.measured, b.ok, b.known = fmt.Sprintf("%.0f ms (%d long tasks, the longest %.0f ms)", blocking, n, longest), blocking <= budgetBlockingMobile, true
				}
			}
		}
		out = append(out, b)
	}
	// Browser budgets, from the browser figures (one run each).
	for _, bb := range []struct {
		what, limit, figure string
		ms                  float64
	}{
		{"warm start (service worker) to an interactive app, median of 5, Chromium", "≤ 500 ms", "load to interactive, warm", 500},
		{"first load (cold) to an interactive app at 10 Mbit/s with 40 ms round trips, Chromium", "≤ 3 s", "first load to interactive, 10 Mbit/s, 40 ms", 3000},
		{"paste of a 5,000-event batch to the verdict on screen, Chromium", "≤ 1 s", "paste 5,000 events", 1000},
		{"longest main-thread task from that paste to the verdict, Chromium", "≤ 200 ms", "longest main-thread task from pasting 5,000", 200},
		{"longest main-thread task from that verdict until every view is ready (formatted text, conversion), Chromium", "≤ 200 ms", "longest main-thread task from the verdict on 5,000 pasted events", 200},
		{"longest main-thread task while typing into a 1 MB payload, Chromium", "≤ 200 ms", "longest main-thread task while typing into a ", 200},
		{"longest main-thread task while scrolling the batch table of 5,000 events, Chromium", "≤ 200 ms", "longest main-thread task while scrolling the batch table", 200},
		{"longest main-thread task while scrolling the tree view of 5,000 events, Chromium", "≤ 200 ms", "longest main-thread task while scrolling the tree view", 200},
		{"a keystroke inside one event of a 5,000-event batch (editable) to its verdict, median, Chromium", "≤ 100 ms", "keystroke to verdict in a batch of 5,000 events", 100},
		{"longest main-thread task while typing into 5,000 events, Chromium", "≤ 200 ms", "longest main-thread task while typing into 5,000 events", 200},
		{"opening the Timeline tab on 5,000 events to its chart painted, Chromium", "≤ 1 s", "Timeline of 5,000 events, tab to chart painted", 1000},
		{"longest main-thread task opening the Timeline tab on 5,000 events, Chromium", "≤ 200 ms", "longest main-thread task opening the Timeline of 5,000 events", 200},
	} {
		// Several figures may match (one per form): the worst counts.
		b := budget{what: bb.what, limit: bb.limit}
		worst := -1.0
		for _, f := range r.browser {
			if strings.HasPrefix(f.name, bb.figure) {
				var v float64
				if _, err := fmt.Sscanf(f.value, "%f ms", &v); err == nil && v > worst {
					worst = v
					b.measured, b.ok, b.known = f.value, v <= bb.ms, true
				}
			}
		}
		out = append(out, b)
	}
	return out
}

// lighthouseBudgets reads Lighthouse's figures (TestPerfLighthouse): its
// mobile performance score and total blocking time, medians of 3 runs, and
// the other categories' lowest scores, which must stay 100.
func (r *report) lighthouseBudgets() []budget {
	perf := budget{what: "Lighthouse mobile performance score (simulated slow 4G, 4× CPU), median of 3 runs", limit: "≥ 97"}
	tbt := budget{what: "Lighthouse mobile total blocking time, median of 3 runs", limit: "≤ 150 ms"}
	rest := budget{what: "Lighthouse accessibility, best practices and SEO scores, lowest of 3 runs", limit: "100 each"}
	for _, f := range r.browser {
		var a, b, c float64
		switch {
		case strings.HasPrefix(f.name, "Lighthouse mobile performance score"):
			if _, err := fmt.Sscanf(f.value, "%f", &a); err == nil {
				perf.measured, perf.ok, perf.known = f.value, a >= budgetLighthousePerf, true
			}
		case strings.HasPrefix(f.name, "Lighthouse mobile total blocking time"):
			if _, err := fmt.Sscanf(f.value, "%f ms", &a); err == nil {
				tbt.measured, tbt.ok, tbt.known = f.value, a <= budgetBlockingMobile, true
			}
		case strings.HasPrefix(f.name, "Lighthouse accessibility, best practices, SEO"):
			if _, err := fmt.Sscanf(f.value, "%f, %f, %f", &a, &b, &c); err == nil {
				rest.measured, rest.ok, rest.known = f.value, a == 100 && b == 100 && c == 100, true
			}
		}
	}
	return []budget{perf, tbt, rest}
}

// verdict is PASS, MISS, or "not measured".
func (b budget) verdict() string {
	switch {
	case b.known && b.ok:
		return "PASS"
	case b.known:
		return "MISS"
	}
	return "not measured"
}

// peerRatio returns the larger over both forms of the median ratio of
// whole inspection's time to a peer's on the same batch of n events
// (BenchmarkVersusBare's metric ratio, both timed in each iteration; peer
// names the peer's time metric), with each form's ratio and median times;
// ok is false unless both forms were measured.
func peerRatio(rs results, n int, ratio, peer string) (worst float64, detail string, ok bool) {
	var parts []string
	for _, f := range []string{"eventgrid", "cloudevents"} {
		name := fmt.Sprintf("BenchmarkVersusBare/%s/%d", f, n)
		x, ok1 := rs.median(name, ratio)
		whole, ok2 := rs.median(name, "inspect-ns")
		other, ok3 := rs.median(name, peer)
		if !ok1 || !ok2 || !ok3 {
			return 0, "", false
		}
		worst = max(worst, x)
		parts = append(parts, fmt.Sprintf("%s %.2f× (%s against %s)", f, x, dur(whole), dur(other)))
	}
	return worst, fmt.Sprintf("%.2f× (%s)", worst, strings.Join(parts, "; ")), true
}
