package main

// The report itself: docs/PERFORMANCE.md, and the summary printed at the end.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"eventlens/app/gen"
	"eventlens/app/vocab"
)

// markdown renders the report.
func (r *report) markdown() []byte {
	var w writer
	w.f("# eventlens performance\n\n")
	w.f("Written by `make bench` (`go run ./internal/benchreport`); do not edit by hand. ")
	w.f("Figures are medians of %d runs (`-count %d -benchtime %s`). ", r.cfg.count, r.cfg.count, r.cfg.benchtime)
	w.f("The machines are shared and noisy: compare figures as ratios within one report, not across reports. ")
	w.f("Benchmarks measure; no test asserts a time.\n\n")
	eg, ce := len(gen.Batch(gen.EventGrid, 1000)), len(gen.Batch(gen.CloudEvents, 1000))
	big := len(gen.Batch(gen.EventGrid, gen.MaxEvents))
	w.f("Inputs come from `app/gen`: deterministic batches of SignalR Service connection events ")
	w.f("(GUID ids, one resource, several hubs, users with several connections, Connected and Disconnected mixed, ")
	w.f("some with an error message), pretty-printed as Azure's examples are: %d bytes per event in Event Grid form ", eg/1000)
	w.f("and %d in CloudEvents form (1,000 events: %s and %s). ", ce/1000, kb(eg), kb(ce))
	w.f("5,000 events is Event Grid's maximum per batch; that batch is %s, over Event Grid's 1 MB per publish request, ", kb(big))
	w.f("so the 5,000-event figures are a worst case beyond what Event Grid delivers at once (eventlens reports BATCH004 on it).\n\n")

	w.f("## Machine\n\n| | |\n|---|---|\n")
	for _, kv := range r.machine {
		w.f("| %s | %s |\n", kv[0], strings.ReplaceAll(kv[1], "|", "/"))
	}
	w.f("| report took | %s |\n", r.took.Round(time.Second))
	// A shared virtual machine runs slower while the host serves others:
	// figures from a run with a high share are slower than the code is.
	w.f("| CPU time the host gave to other machines (steal, from /proc/stat) | %s |\n\n", strings.Join(r.steal, "; "))

	w.f("## Budgets\n\n| budget | limit | measured | verdict |\n|---|---|---|---|\n")
	for _, b := range r.budgets() {
		verdict := b.verdict()
		m := b.measured
		if m == "" {
			m = "—"
		}
		w.f("| %s | %s | %s | **%s** |\n", b.what, b.limit, m, verdict)
	}
	w.f("\n")

	r.stepsTable(&w)
	r.peerTable(&w)
	r.benchTable(&w)
	r.memoryTable(&w)
	r.valuesTable(&w)
	r.worstTable(&w)
	r.sizesSection(&w)
	r.serverSection(&w)
	r.browserSection(&w)
	for _, warn := range r.warnings {
		w.f("> Note: %s\n\n", warn)
	}
	w.f("## What the engine does for these figures\n\n")
	w.f("- A payload is decoded once (`jsontree.Parse`, nodes allocated in slabs); validation reads the decoded tree, ")
	w.f("never the text again.\n")
	w.f("- Validation has a fast path (`app/schema/fast.go`): the embedded schemas, compiled a second time into checks that ")
	w.f("read the tree directly, decide whether an event is valid without building Go maps for gojsonschema. A valid event ")
	w.f("draws no finding; any other event is validated by gojsonschema as before (through `schema.Loader`), so every ")
	w.f("diagnostic is still gojsonschema's. A differential test and a fuzz target compare both verdicts on every value of ")
	w.f("the test corpus, the conformance vectors and mutated events. Validating 1,000 valid Event Grid events went from ")
	w.f("about 85,000 allocations (2.4 MB) to none. The format checks allocate nothing and call no parser on a valid ")
	w.f("value: a date-time is checked by its grammar alone (as wasm, `time.Parse` took a fifth of a whole inspection), ")
	w.f("`net/url` parses only a URI with an authority.\n")
	w.f("- Strings are decoded, encoded and measured (`PrettyLen`) eight bytes at a time (`app/ascii`). The decoder marks ")
	w.f("the strings that encode as they were written (no escape, ASCII), and pretty-printing copies those without reading ")
	w.f("them again.\n")
	w.f("- Schemas compile once (`schema.Warm`; the page runs it in steps, `inspect.Warmup`, when the user first reaches for it).\n")
	w.f("- `jsontree.Pretty` allocates its output once at its exact size (`PrettyLen`); `inspect.Inspect` reuses the size ")
	w.f("it computes anyway to choose between pretty and minified (`jsontree.AppendPretty`). A converted tree has no source ")
	w.f("span to guess from, and its text used to grow by doubling from 64 bytes.\n")
	w.f("- Conversions cut a batch's converted events from two slabs, share one copy of values that repeat in every event ")
	w.f("(topic, type, versions) and of notes built per type, and size their list of changes from the first event: a ")
	w.f("1,000-event conversion makes about 1,000 allocations (the quoted time of each event), where it once made 25,000 ")
	w.f("and then 8,000.\n")
	w.f("- Attribute names are found among the few of the same length (`vocab`), and a resource path repeated from the ")
	w.f("event before is not checked again: hashing a string costs more as wasm, which hashes without the processor's help.\n\n")
	w.f("## How to reproduce\n\n")
	w.f("```\nmake bench                     # everything: native, wasm, sizes, browser, Lighthouse; writes docs/PERFORMANCE.md (~15 min)\n")
	w.f("go run ./internal/benchreport -wasm=false -browser=false   # native figures only\n")
	w.f("go test -run '^$' -bench . -benchmem ./app/inspect          # one package, natively\n")
	w.f("GOOS=js GOARCH=wasm go test -run '^$' -bench . -benchmem -exec=\"$(go env GOROOT)/lib/wasm/go_js_wasm_exec\" ./app/inspect\n")
	w.f("go test -run '^$' -bench 'Inspect/eventgrid/1000$' -cpuprofile cpu.out ./app/inspect && go tool pprof -top app/inspect/inspect.test cpu.out\n")
	w.f("GOOS=js GOARCH=wasm go test -c -o /tmp/inspect.wasm ./app/inspect && cd app/inspect && node --cpu-prof --cpu-prof-dir=/tmp/prof \"$(go env GOROOT)/lib/wasm/wasm_exec_node.js\" /tmp/inspect.wasm -test.run '^$' -test.bench 'Inspect/eventgrid/1000$'   # the same as wasm: open /tmp/prof/*.cpuprofile in Chromium's DevTools\n")
	w.f("go test -tags browser -run '^TestPerf' -v ./internal/browsertest   # browser figures (after make wasm)\n")
	w.f("EVENTLENS_PERF=1 go test -tags browser -run '^TestPerfFirstLoad$/^10Mbit-40ms$' -v ./internal/browsertest   # one network profile's first load\n")
	w.f("mkdir -p /tmp/web && cp web/* /tmp/web/ && GOOS=js GOARCH=wasm go build -o /tmp/web/app.wasm ./wasm   # a wasm that keeps Go's names (no -s -w), for the profiles below\n")
	w.f("EVENTLENS_WEB=/tmp/web EVENTLENS_PROFILE=startup go test -tags browser -run '^TestProfileStartup$' -v ./internal/browsertest   # CPU profile of the start-up (4x CPU; EVENTLENS_CPU=1 for none): busy stretches, the longest as a call tree\n")
	w.f("EVENTLENS_PROFILE=gostart go test -tags browser -run '^TestProfileGoStart$' -v ./internal/browsertest   # the smallest Go program's start at 4x CPU, with and without ahead-of-time compiling\n")
	w.f("make lighthouse && EVENTLENS_PERF=1 go test -tags browser -run '^TestPerfLighthouse$' -v ./internal/browsertest   # Lighthouse, three runs\n")
	w.f("EVENTLENS_WEB=/tmp/web EVENTLENS_PROFILE=typing go test -tags browser -run '^TestProfileTyping$' -v ./internal/browsertest     # the same for typing into 1 MB\n")
	w.f("EVENTLENS_PROFILE=warm go test -tags browser -run '^TestProfileWarmStarts$' -v ./internal/browsertest   # five warm starts, their long tasks\n```\n")
	return w.Bytes()
}

// stepsTable shows each step's share of a whole inspection.
func (r *report) stepsTable(w *writer) {
	steps := []struct{ label, bench string }{
		{"decode (jsontree.Parse)", "BenchmarkParse/%s/%d"},
		{"detect", "BenchmarkDetect/%s/%d"},
		{"validate (schema.Validate)", "BenchmarkValidate/%s/%d"},
		{"semantic checks (lint.Check)", "BenchmarkCheck/%s/%d"},
		{"pretty-print (jsontree.Pretty)", "BenchmarkPretty/%s/%d"},
		{"convert to the other form", "BenchmarkConvert/%s/%d"},
	}
	w.f("## Where an inspection's time goes\n\n")
	w.f("Each step benchmarked alone on the same batch, as a share of the whole inspection (`inspect.Inspect`, ")
	w.f("which also summarises events and sorts diagnostics). Pretty-print and the per-form steps are measured on the ")
	w.f("Event Grid batch; \"convert\" is Event Grid → CloudEvents.\n\n")
	for _, n := range []int{1000, 5000} {
		w.f("**%s events, Event Grid form**\n\n| step | native | share | wasm | share |\n|---|---|---|---|---|\n", comma(n))
		totN, okN := r.native.median(fmt.Sprintf("BenchmarkInspect/eventgrid/%d", n), "ns/op")
		totW, okW := r.wasm.median(fmt.Sprintf("BenchmarkInspect/eventgrid/%d", n), "ns/op")
		var sumN, sumW float64
		for _, s := range steps {
			arg := "eventgrid"
			if strings.HasPrefix(s.bench, "BenchmarkConvert") {
				arg = "to-cloudevents"
			}
			key := fmt.Sprintf(s.bench, arg, n)
			vn, hn := r.native.median(key, "ns/op")
			vw, hw := r.wasm.median(key, "ns/op")
			sumN += vn
			sumW += vw
			w.f("| %s | %s | %s | %s | %s |\n", s.label, cell(vn, hn), share(vn, totN, hn && okN), cell(vw, hw), share(vw, totW, hw && okW))
		}
		w.f("| sum of the steps | %s | %s | %s | %s |\n", cell(sumN, okN), share(sumN, totN, okN), cell(sumW, okW), share(sumW, totW, okW))
		w.f("| **whole inspection** | **%s** | | **%s** | |\n\n", cell(totN, okN), cell(totW, okW))
	}
	pe, ok1 := r.native.median("BenchmarkEnvelope/eventgrid/per-event", "ns/op")
	oc, ok2 := r.native.median("BenchmarkEnvelope/eventgrid/one-call", "ns/op")
	pw, ok3 := r.wasm.median("BenchmarkEnvelope/eventgrid/per-event", "ns/op")
	ow, ok4 := r.wasm.median("BenchmarkEnvelope/eventgrid/one-call", "ns/op")
	w.f("Validating the Event Grid envelopes of 1,000 events one event per call (as `schema.Validate` does, so that ")
	w.f("each error is placed in its event) takes %s natively and %s as wasm; one call over an array schema takes %s and %s. ",
		cell(pe, ok1), cell(pw, ok3), cell(oc, ok2), cell(ow, ok4))
	w.f("gojsonschema's cost is per value checked, not per call, so per-event validation stays; no per-event result is cached.\n\n")
}

// peerTable compares whole inspection with gojsonschema alone.
func (r *report) peerTable(w *writer) {
	w.f("## Against gojsonschema alone\n\n")
	w.f("`BenchmarkVersusBare` (app/inspect) times, in each iteration, whole inspection (`inspect.Inspect`) and then ")
	w.f("what a program using gojsonschema without eventlens does with the same text: one draft-07 schema holding the same ")
	w.f("rules (`schema.PeerSchema`: the form's envelope for every event and, by event type, the SignalR data schema), the ")
	w.f("text decoded by gojsonschema (`NewBytesLoader`) and validated in one call, verdict only. Interleaved in one process, ")
	w.f("a busy machine slows both alike. Whole inspection also places every finding, runs the semantic checks, summarises ")
	w.f("the events, pretty-prints and converts to the other form. Medians of the per-run ratios. The last column of each ")
	w.f("target is the ratio to gojsonschema checking the envelopes alone (less work: no data schema).\n\n")
	w.f("| events, form | whole inspection, native | gojsonschema alone | ratio | envelopes alone | whole inspection, wasm | gojsonschema alone | ratio | envelopes alone |\n")
	w.f("|---|---|---|---|---|---|---|---|---|\n")
	for _, n := range []int{1000, gen.MaxEvents} {
		for _, f := range []string{"eventgrid", "cloudevents"} {
			w.f("| %s, %s |", comma(n), f)
			name := fmt.Sprintf("BenchmarkVersusBare/%s/%d", f, n)
			for _, rs := range []results{r.native, r.wasm} {
				whole, ok1 := rs.median(name, "inspect-ns")
				bare, ok2 := rs.median(name, "bare-ns")
				ratio, ok3 := rs.median(name, "x-bare")
				env, ok4 := rs.median(name, "x-envelope")
				w.f(" %s | %s | %s | %s |", cell(whole, ok1), cell(bare, ok2), num(ratio, ok3, "%.2f×"), num(env, ok4, "%.2f×"))
			}
			w.f("\n")
		}
	}
	w.f("\n")
}

func comma(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func cell(v float64, ok bool) string {
	if !ok {
		return "—"
	}
	return dur(v)
}

func share(v, total float64, ok bool) string {
	if !ok || total == 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", 100*v/total)
}

// benchTable lists every benchmark side by side.
func (r *report) benchTable(w *writer) {
	w.f("## All benchmarks\n\n")
	w.f("Time per operation (median), native and as wasm under Node, their ratio, and native allocations per operation ")
	w.f("(the same under wasm). ± is the native runs' spread, (max − min) / median.\n\n")
	w.f("| benchmark | native | ± | wasm | wasm / native | MB/s native | B/op | allocs/op |\n|---|---|---|---|---|---|---|---|\n")
	for _, name := range r.names() {
		vn, hn := r.native.median(name, "ns/op")
		vw, hw := r.wasm.median(name, "ns/op")
		ratio := "—"
		if hn && hw && vn > 0 {
			ratio = fmt.Sprintf("%.1f×", vw/vn)
		}
		mbs, hm := r.native.median(name, "MB/s")
		bop, hb := r.native.median(name, "B/op")
		aop, ha := r.native.median(name, "allocs/op")
		w.f("| %s | %s | %s | %s | %s | %s | %s | %s |\n", strings.TrimPrefix(name, "Benchmark"), cell(vn, hn),
			pct(r.native.spread(name), hn), cell(vw, hw), ratio, num(mbs, hm, "%.0f"), bytesCell(bop, hb), num(aop, ha, "%.0f"))
	}
	w.f("\n")
}

func pct(v float64, ok bool) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.0f %%", 100*v)
}

func num(v float64, ok bool, format string) string {
	if !ok {
		return "—"
	}
	return fmt.Sprintf(format, v)
}

func bytesCell(v float64, ok bool) string {
	if !ok {
		return "—"
	}
	return kb(int(v))
}

// memoryTable reports BenchmarkMemory and BenchmarkFirst.
func (r *report) memoryTable(w *writer) {
	w.f("## Memory and the first inspection\n\n")
	w.f("`BenchmarkMemory` inspects a 5,000-event CloudEvents batch (%.2f MB) once in a fresh process (median of 3 processes): ", float64(len(gen.Batch(gen.CloudEvents, gen.MaxEvents)))/1e6)
	w.f("heap is `runtime.MemStats.HeapSys` afterwards (wasm memory never shrinks, so this is what the page keeps), ")
	w.f("host is `Sys`, allocated is `TotalAlloc` during the inspection. The input and the compiled schemas are included.\n\n")
	w.f("| | heap | host | allocated |\n|---|---|---|---|\n")
	for _, t := range []string{"native", "wasm"} {
		h, ok := r.memory[t].median("BenchmarkMemory", "heap-MB")
		s, _ := r.memory[t].median("BenchmarkMemory", "sys-MB")
		a, _ := r.memory[t].median("BenchmarkMemory", "alloc-MB/op")
		if !ok {
			w.f("| %s | — | — | — |\n", t)
			continue
		}
		w.f("| %s | %.1f MiB | %.1f MiB | %.1f MiB |\n", t, h, s, a)
	}
	w.f("\n`BenchmarkFirst` times the first two inspections of a 1,000-event Event Grid batch in a fresh process ")
	w.f("(median of 3), cold and after `schema.Warm` (which the page runs, in steps, when the user first reaches for it):\n\n")
	w.f("| | warm-up | first inspection | second inspection |\n|---|---|---|---|\n")
	for _, t := range []string{"native", "native-warm", "wasm", "wasm-warm"} {
		first, ok := r.first[t].median("BenchmarkFirst", "first-ms")
		if !ok {
			continue
		}
		second, _ := r.first[t].median("BenchmarkFirst", "second-ms")
		warm := "—"
		if v, ok := r.first[t].median("BenchmarkFirst", "warm-ms"); ok {
			warm = fmt.Sprintf("%.1f ms", v)
		}
		label := strings.Replace(t, "-warm", ", schema.Warm first", 1)
		w.f("| %s | %s | %.1f ms | %.1f ms |\n", label, warm, first, second)
	}
	w.f("\n")
}

// sizesSection reports app.wasm's size and what it links.
func (r *report) sizesSection(w *writer) {
	s := r.sizes
	if s == nil {
		return
	}
	w.f("## app.wasm\n\n")
	w.f("Built as `make wasm` does (`GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' ./wasm`, then `go run ./internal/wasmpack`, which joins the data section's segments).\n\n")
	w.f("| raw | gzip -9 | brotli -q %d |\n|---|---|---|\n| %s | %s | %s |\n\n", s.brotliQuality, kb(s.raw), kb(s.gzip), kb(s.brotli))
	var linked, absent []string
	for _, p := range []string{"net/http", "text/template", "html/template", "net", "crypto/tls", "github.com/xeipuuv/gojsonschema", "github.com/andybalholm/brotli", "compress/gzip", "github.com/chromedp/chromedp"} {
		if s.deps[p] {
			linked = append(linked, "`"+p+"`")
		} else {
			absent = append(absent, "`"+p+"`")
		}
	}
	w.f("Linked into the wasm entry (`go list -deps ./wasm`): %s. Not linked: %s.\n\n", orNone(linked), orNone(absent))
	for _, heavy := range []string{"net/http", "text/template"} {
		if im := s.importers[heavy]; len(im) > 0 {
			w.f("- `%s` is imported by %s.\n", heavy, "`"+strings.Join(im, "`, `")+"`")
		}
	}
	w.f("\nThe wasm entry does not link the server (`server*.go` is not in `./wasm`'s imports; `TestWasmDependencies` keeps it so), ")
	w.f("nor `net/http`, `crypto/tls` or `crypto/x509`. gojsonschema is used through a patched copy (`third_party/gojsonschema`, ")
	w.f("see its `PATCHES.md`) that words its error messages without `text/template` (whose reflection made the linker keep ")
	w.f("every exported method of every type it kept: 4.58 → about 3.7 MB gzip) and has no HTTP `$ref` loader in the browser ")
	w.f("build (its `http.Get` kept net/http's client, `crypto/tls` and `crypto/x509`: 3.66 → 2.55 MiB gzip, 3.00 → 2.10 MiB ")
	w.f("brotli). go-app is used through a copy of its `pkg/app` whose server handler is not built for wasm (`third_party/go-app`, ")
	w.f("see its `PATCHES.md`): importing `net/http` at all linked the TLS stack's package initialisation (2.55 → 2.24 MiB gzip, ")
	w.f("2.10 → 1.83 MiB brotli).\n\n")
	if len(s.probes) > 0 {
		w.f("For comparison, built the same way:\n\n| program | raw | gzip -9 | links net/http | links text/template |\n|---|---|---|---|---|\n")
		for _, p := range s.probes {
			w.f("| %s | %s | %s | %s | %s |\n", p.label, kb(p.raw), kb(p.gzip), yesNo(p.netHTTP), yesNo(p.template))
		}
		w.f("| the app (`./wasm`) | %s | %s | %s | %s |\n\n", kb(s.raw), kb(s.gzip), yesNo(s.deps["net/http"]), yesNo(s.deps["text/template"]))
	}
	if len(s.heavy) > 0 {
		w.f("Function code is %s of the raw size (the rest is data: type information, strings, tables). ", kb(s.code))
		w.f("Largest packages by code size (from the code and name sections of a build that keeps function names; `go tool nm` does not read WebAssembly): %s.\n\n", strings.Join(s.heavy, ", "))
	}
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// browserSection lists the browser figures.
func (r *report) browserSection(w *writer) {
	if !r.cfg.browser {
		return
	}
	w.f("## In the browser\n\n")
	if len(r.browser) == 0 {
		w.f("Not measured in this run.\n\n")
		return
	}
	w.f("Headless Chromium against the real server on loopback (`internal/browsertest/perf_test.go`, one run each; recorded, never asserted). ")
	w.f("The first-load figures (`network_test.go`) start from an empty profile and shape the server's side of the network: one link ")
	w.f("shared by every connection at the given rate, and a round trip before each response (two for a connection's first: the handshake). ")
	w.f("A paste is measured as a person makes it: a press into the editor first, and the paste once the engine's warm-up that the press starts is done (`js/click_into_editor.js`). ")
	w.f("Its longest task to the verdict counts the tasks begun before the verdict was seen on screen; those begun after it, until every view of the payload (formatted text, conversion) is ready, are a figure of their own (`js/perf_paste.js`).\n\n")
	w.f("| figure | value |\n|---|---|\n")
	for _, f := range r.browser {
		w.f("| %s | %s |\n", f.name, f.value)
	}
	w.f("\n")
}

// summary is what the command prints: the budgets.
func (r *report) summary() []byte {
	var w writer
	for _, b := range r.budgets() {
		v := b.verdict()
		w.f("%-4s  %s %s: %s\n", v, b.what, b.limit, b.measured)
	}
	return w.Bytes()
}

// valuesTable reports BenchmarkValueMemory: what one decoded value costs,
// which with vocab.MaxValues bounds the memory of any input.
func (r *report) valuesTable(w *writer) {
	w.f("## Memory per value\n\n")
	w.f("`BenchmarkValueMemory` decodes 1,000,000 values of the shapes that take the most memory per byte of input; ")
	w.f("allocated is what `jsontree.Parse` allocates per value, kept what the decoded tree holds per value after a GC. ")
	w.f("A payload holds at most %s values (`vocab.MaxValues`, JSON008); the memory model is in `docs/ARCHITECTURE.md`.\n\n", comma(vocab.MaxValues))
	w.f("| shape | native allocated | native kept | wasm allocated | wasm kept |\n|---|---|---|---|---|\n")
	for _, shape := range []string{"zeros", "empty-objects", "empty-arrays", "keys"} {
		name := "BenchmarkValueMemory/" + shape
		w.f("| `%s` |", shape)
		for _, t := range []string{"native", "wasm"} {
			a, okA := r.values[t].median(name, "alloc-B/value")
			k, okK := r.values[t].median(name, "live-B/value")
			w.f(" %s | %s |", num(a, okA, "%.0f B"), num(k, okK, "%.0f B"))
		}
		w.f("\n")
	}
	w.f("\n")
}

// worstShapes names BenchmarkWorst's payloads (app/inspect/bench_test.go).
var worstShapes = []string{"zeros", "empty-objects", "findings", "events"}

// worstTable reports BenchmarkWorst and jsondiff's BenchmarkHostile: the
// payloads inside the limits that take the most memory and time.
func (r *report) worstTable(w *writer) {
	w.f("## Worst payloads inside the limits\n\n")
	w.f("`BenchmarkWorst` inspects each payload once, whole (decoding, checks, the formatted text, the conversion), ")
	w.f("in a fresh process with the memory limit the binaries set (%d MiB); memory is what the process obtained from the host ", vocab.MemoryLimit>>20)
	w.f("(`Sys`: as wasm memory never shrinks, what a page needs at the most). ")
	w.f("`zeros`: %s numbers, the largest tree; `empty-objects`: as many `{}`; `findings`: %s events `{\"eventType\":\"x\"}`, each drawing the same findings ", comma(vocab.MaxValues-1), comma((vocab.MaxValues-1)/2))
	w.f("(at most %s listed per code, `vocab.MaxDiagnosticsPerCode`; past %s events no conversion, `vocab.MaxConvertEvents`); ", comma(vocab.MaxDiagnosticsPerCode), comma(vocab.MaxConvertEvents))
	w.f("`events`: generated SignalR events filling 90%% of the 32 MiB input limit.\n\n")
	w.f("| payload | native time | native memory | wasm time | wasm memory |\n|---|---|---|---|---|\n")
	for _, shape := range worstShapes {
		name := "BenchmarkWorst/" + shape
		w.f("| `%s` |", shape)
		for _, t := range []string{"native", "wasm"} {
			ns, okT := r.worst[t].median(name, "ns/op")
			mb, okM := r.worst[t].median(name, "sys-MB")
			w.f(" %s | %s |", durOr(ns, okT), num(mb, okM, "%.0f MiB"))
		}
		w.f("\n")
	}
	w.f("\n`BenchmarkHostile` (app/jsondiff) compares the shapes that once grew with size × depth: ")
	w.f("450 nested levels of 4,000 numbers with one change (500, the shape first measured, is past the value limit), and 300 disjoint arrays of 4,500 numbers.\n\n")
	w.f("| comparison | native time | native allocated | wasm time | wasm allocated |\n|---|---|---|---|---|\n")
	for _, c := range []string{"nested/450x4000", "disjoint/300x4500"} {
		name := "BenchmarkHostile/" + c
		w.f("| `%s` |", c)
		for _, t := range []string{"native", "wasm"} {
			ns, okT := r.hostile[t].median(name, "ns/op")
			b, okB := r.hostile[t].median(name, "B/op")
			w.f(" %s | %s |", durOr(ns, okT), num(b/(1<<20), okB, "%.0f MiB"))
		}
		w.f("\n")
	}
	w.f("\n")
}

// durOr is dur(ns), or a dash when the figure is missing.
func durOr(ns float64, ok bool) string {
	if !ok {
		return "—"
	}
	return dur(ns)
}
