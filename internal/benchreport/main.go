// Command benchreport runs eventlens's benchmarks natively and as
// WebAssembly under Node, measures the size of app.wasm and, when asked,
// the browser figures, and writes docs/PERFORMANCE.md: medians of several
// runs side by side, each budget with its measured value and PASS or MISS.
//
// Run it from the repository root: `make bench`, or
// `go run ./internal/benchreport -count 5 -out docs/PERFORMANCE.md`.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/andybalholm/brotli"

	"eventlens/app/gen"
)

// The engine packages whose benchmarks the report runs.
var packages = []string{
	"./app/jsontree", "./app/detect", "./app/schema", "./app/lint",
	"./app/convert", "./app/jsondiff", "./app/inspect",
}

// benchPattern selects the benchmarks of the tables (BenchmarkMemory and
// BenchmarkFirst run on their own, in fresh processes).
const benchPattern = `^Benchmark(Parse|ParseNonASCII|Unmarshal|Value|Pretty|PrettyLen|Indent|Detect|Validate|Envelope|Check|Convert|Compare|Patch|Inspect|Diff)$`

// config is what the command line asks for.
type config struct {
	count     int
	benchtime string
	out       string
	wasm      bool
	browser   bool
	chromium  string
	raw       string
}

func main() {
	var c config
	flag.IntVar(&c.count, "count", 5, "runs of each benchmark; the report quotes medians")
	flag.StringVar(&c.benchtime, "benchtime", "200ms", "go test -benchtime for each run")
	flag.StringVar(&c.out, "out", "docs/PERFORMANCE.md", "where to write the report")
	flag.BoolVar(&c.wasm, "wasm", true, "also run the benchmarks as WebAssembly under Node")
	flag.BoolVar(&c.browser, "browser", true, "also measure the page in headless Chromium (go test -tags browser -run '^TestPerf')")
	flag.StringVar(&c.chromium, "chromium", envOr("CHROMIUM", "/usr/bin/chromium"), "Chromium binary for the browser figures")
	flag.StringVar(&c.raw, "raw", "", "also write the raw go test output to this file")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "benchreport:", err)
		os.Exit(1)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// report holds everything measured.
type report struct {
	cfg      config
	started  time.Time
	took     time.Duration
	machine  [][2]string
	native   results
	wasm     results
	memory   map[string]results // "native", "wasm": BenchmarkMemory
	first    map[string]results // "native", "wasm", "native-warm", "wasm-warm": BenchmarkFirst
	sizes    *sizes
	serve    []float64 // BenchmarkServe req/s per run, sorted
	browser  []browserFigure
	warnings []string
	raw      bytes.Buffer
}

func run(c config) error {
	if _, err := os.Stat("go.mod"); err != nil {
		return errors.New("run me from the repository root (where go.mod is)")
	}
	r := &report{cfg: c, started: time.Now(), memory: map[string]results{}, first: map[string]results{}}
	r.machine = machine(c)
	step := func(what string) func() {
		t := time.Now()
		fmt.Fprintf(os.Stderr, "benchreport: %s...\n", what)
		return func() { fmt.Fprintf(os.Stderr, "benchreport: %s took %s\n", what, time.Since(t).Round(time.Second)) }
	}
	wasmExec := filepath.Join(goEnv("GOROOT"), "lib", "wasm", "go_js_wasm_exec")
	targets := []struct {
		name string
		env  []string
		args []string
		on   bool
	}{
		{"native", nil, nil, true},
		{"wasm", []string{"GOOS=js", "GOARCH=wasm"}, []string{"-exec=" + wasmExec}, c.wasm},
	}
	for _, t := range targets {
		if !t.on {
			continue
		}
		done := step(t.name + " benchmarks")
		args := append([]string{"test", "-run", "^$", "-bench", benchPattern, "-benchmem",
			"-count", strconv.Itoa(c.count), "-benchtime", c.benchtime}, t.args...)
		out, err := r.goCmd(t.env, append(args, packages...)...)
		if err != nil {
			return err
		}
		res := parse(out)
		if t.name == "native" {
			r.native = res
		} else {
			r.wasm = res
		}
		done()
		done = step(t.name + " memory and first inspection")
		for i := 0; i < 3; i++ { // fresh processes; the median of three
			out, err := r.goCmd(t.env, append([]string{"test", "-run", "^$", "-bench", "^BenchmarkMemory$", "-benchtime", "1x"}, append(t.args, "./app/inspect")...)...)
			if err != nil {
				return err
			}
			r.memory[t.name] = r.memory[t.name].merge(parse(out))
			for _, warm := range []bool{false, true} {
				args := append([]string{"test", "-run", "^$", "-bench", "^BenchmarkFirst$", "-benchtime", "1x"}, append(t.args, "./app/inspect")...)
				key := t.name
				if warm {
					args = append(args, "-args", "-warm")
					key += "-warm"
				}
				out, err := r.goCmd(t.env, args...)
				if err != nil {
					return err
				}
				r.first[key] = r.first[key].merge(parse(out))
			}
		}
		done()
	}
	done := step("server throughput")
	serve, err := r.serverThroughput()
	if err != nil {
		return err
	}
	r.serve = serve
	done()
	done = step("app.wasm size")
	s, err := r.measureSizes()
	if err != nil {
		return err
	}
	r.sizes = s
	done()
	if c.browser {
		done := step("browser figures")
		r.browser = r.browserFigures()
		done()
	}
	r.took = time.Since(r.started)
	if c.raw != "" {
		if err := os.WriteFile(c.raw, r.raw.Bytes(), 0o644); err != nil {
			return err
		}
	}
	md := r.markdown()
	if err := os.WriteFile(c.out, md, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "benchreport: wrote %s in %s\n", c.out, r.took.Round(time.Second))
	os.Stdout.Write(r.summary())
	return nil
}

// goCmd runs the go command with extra environment, returning its output
// (also kept in r.raw). A failure is an error with the output's tail.
func (r *report) goCmd(env []string, args ...string) ([]byte, error) {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	fmt.Fprintf(&r.raw, "$ %s go %s\n", strings.Join(env, " "), strings.Join(args, " "))
	err := cmd.Run()
	r.raw.Write(out.Bytes())
	if err != nil {
		tail := out.Bytes()
		if len(tail) > 4000 {
			tail = tail[len(tail)-4000:]
		}
		return nil, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, tail)
	}
	return out.Bytes(), nil
}

// goEnv returns one go env variable.
func goEnv(key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

// machine describes where the figures come from.
func machine(c config) [][2]string {
	cpu := "unknown"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	version := func(name string, args ...string) string {
		out, err := exec.Command(name, args...).Output()
		if err != nil {
			return "not found"
		}
		return strings.TrimSpace(string(out))
	}
	load := "unknown"
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		load = strings.Join(strings.Fields(string(b))[:3], " ")
	}
	return [][2]string{
		{"date", time.Now().UTC().Format("2006-01-02 15:04 MST")},
		{"CPUs (nproc)", strconv.Itoa(runtime.NumCPU())},
		{"CPU", cpu},
		{"load average (1, 5, 15 min) at start", load},
		{"Go", version("go", "version")},
		{"Node.js", version("node", "--version")},
		{"Chromium", version(c.chromium, "--version")},
		{"OS", runtime.GOOS + "/" + runtime.GOARCH},
	}
}

// result is one benchmark's runs: metric unit -> values, one per run.
type result map[string][]float64

// results maps a benchmark name (without the -GOMAXPROCS suffix) to its
// runs.
type results map[string]result

var benchLine = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+(\d+)\s+(.+)$`)

// parse reads go test -bench output.
func parse(out []byte) results {
	res := results{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		f := strings.Fields(m[4])
		r := res[m[1]]
		if r == nil {
			r = result{}
			res[m[1]] = r
		}
		for i := 0; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			r[f[i+1]] = append(r[f[i+1]], v)
		}
	}
	return res
}

// merge adds the runs of o to rs (rs may be nil).
func (rs results) merge(o results) results {
	if rs == nil {
		rs = results{}
	}
	for name, r := range o {
		if rs[name] == nil {
			rs[name] = result{}
		}
		for unit, vs := range r {
			rs[name][unit] = append(rs[name][unit], vs...)
		}
	}
	return rs
}

// median returns the median of a benchmark's metric, and whether it was
// measured.
func (rs results) median(name, unit string) (float64, bool) {
	vs := rs[name][unit]
	if len(vs) == 0 {
		return 0, false
	}
	s := slices.Clone(vs)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2], true
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2, true
}

// spread returns (max-min)/median of a benchmark's ns/op, as a noise
// indicator.
func (rs results) spread(name string) float64 {
	vs := rs[name]["ns/op"]
	m, ok := rs.median(name, "ns/op")
	if !ok || m == 0 {
		return 0
	}
	return (slices.Max(vs) - slices.Min(vs)) / m
}

// sizes of app.wasm.
type sizes struct {
	raw, gzip, brotli int
	brotliQuality     int
	code              int                 // bytes of function code
	heavy             []string            // largest packages by code size
	probes            []probe             // smaller programs, for comparison
	importers         map[string][]string // heavy package -> the linked packages that import it
	deps              map[string]bool
}

// probe is the size of a comparison program.
type probe struct {
	label     string
	raw, gzip int
	netHTTP   bool // links net/http
	template  bool // links text/template
}

// probes are the comparison programs under internal/benchreport/probe.
var probes = []struct{ label, pkg string }{
	{"a one-component go-app page", "./internal/benchreport/probe/goapp"},
	{"the same page calling inspect.Inspect (the whole engine, gojsonschema included)", "./internal/benchreport/probe/engine"},
}

// gzipLen returns the length of b compressed by gzip at level 9.
func gzipLen(b []byte) int {
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return gz.Len()
}

// measureSizes builds app.wasm as `make wasm` does and compresses it.
func (r *report) measureSizes() (*sizes, error) {
	dir, err := os.MkdirTemp("", "benchreport")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	wasm := filepath.Join(dir, "app.wasm")
	env := []string{"GOOS=js", "GOARCH=wasm"}
	if _, err := r.goCmd(env, "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./wasm"); err != nil {
		return nil, err
	}
	b, err := os.ReadFile(wasm)
	if err != nil {
		return nil, err
	}
	s := &sizes{raw: len(b), brotliQuality: 9, deps: map[string]bool{}}
	s.gzip = gzipLen(b)
	var br bytes.Buffer
	bw := brotli.NewWriterLevel(&br, s.brotliQuality)
	bw.Write(b)
	bw.Close()
	s.brotli = br.Len()

	out, err := r.goCmd(env, "list", "-deps", "./wasm")
	if err != nil {
		return nil, err
	}
	pkgs := strings.Fields(string(out))
	for _, p := range pkgs {
		s.deps[p] = true
	}
	s.importers = map[string][]string{}
	if out, err := r.goCmd(env, "list", "-deps", "-f", "{{.ImportPath}}:{{range .Imports}} {{.}}{{end}}", "./wasm"); err == nil {
		for _, line := range strings.Split(string(out), "\n") {
			p, imports, ok := strings.Cut(line, ":")
			if !ok || strings.HasPrefix(p, "net/") || strings.HasPrefix(p, "text/template/") || strings.HasPrefix(p, "html/") {
				continue
			}
			for _, imp := range strings.Fields(imports) {
				if imp == "net/http" || imp == "text/template" {
					s.importers[imp] = append(s.importers[imp], p)
				}
			}
		}
	}
	// Which packages take the room: code size per package, from a build
	// that keeps function names.
	full := filepath.Join(dir, "full.wasm")
	if _, err := r.goCmd(env, "build", "-trimpath", "-o", full, "./wasm"); err == nil {
		if fb, err := os.ReadFile(full); err == nil {
			byPkg, total, err := wasmCode(fb, pkgs)
			if err != nil {
				r.warnings = append(r.warnings, "app.wasm code by package: "+err.Error())
			} else {
				s.code, s.heavy = total, largest(byPkg, 20)
			}
		}
	}
	for _, p := range probes {
		out := filepath.Join(dir, "probe.wasm")
		if _, err := r.goCmd(env, "build", "-trimpath", "-ldflags=-s -w", "-o", out, p.pkg); err != nil {
			r.warnings = append(r.warnings, "probe "+p.pkg+": "+firstLine(err.Error()))
			continue
		}
		pb, err := os.ReadFile(out)
		if err != nil {
			return nil, err
		}
		deps, _ := r.goCmd(env, "list", "-deps", p.pkg)
		has := func(pkg string) bool { return slices.Contains(strings.Fields(string(deps)), pkg) }
		s.probes = append(s.probes, probe{label: p.label, raw: len(pb), gzip: gzipLen(pb), netHTTP: has("net/http"), template: has("text/template")})
	}
	return s, nil
}

// browserFigure is one figure of the browser test's PERF lines.
type browserFigure struct{ name, value string }

// browserFigures runs the browser performance test and collects its
// "PERF name: value" lines.
func (r *report) browserFigures() []browserFigure {
	if _, err := r.goCmd([]string{"GOOS=js", "GOARCH=wasm"}, "build", "-trimpath", "-ldflags=-s -w", "-o", "web/app.wasm", "./wasm"); err != nil {
		r.warnings = append(r.warnings, "browser figures: building web/app.wasm failed: "+firstLine(err.Error()))
		return nil
	}
	cmd := exec.Command("go", "test", "-count=1", "-tags", "browser", "-run", "^TestPerf", "-v", "-timeout", "10m", "./internal/browsertest")
	cmd.Env = append(os.Environ(), "CHROMIUM="+r.cfg.chromium, "EVENTLENS_PERF=1")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	fmt.Fprintf(&r.raw, "$ go test -tags browser -run ^TestPerf -v ./internal/browsertest\n%s", out.Bytes())
	var figs []browserFigure
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		i := strings.Index(line, "PERF ")
		if i < 0 {
			continue
		}
		if k, v, ok := strings.Cut(line[i+5:], ": "); ok {
			figs = append(figs, browserFigure{strings.TrimSpace(k), strings.TrimSpace(v)})
		}
	}
	if err != nil {
		r.warnings = append(r.warnings, "browser figures: the test failed ("+err.Error()+"); see -raw output")
	} else if len(figs) == 0 {
		r.warnings = append(r.warnings, "browser figures: the browser test printed none (is internal/browsertest/perf_test.go there?)")
	}
	return figs
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// writer helps build the markdown.
type writer struct{ bytes.Buffer }

func (w *writer) f(format string, args ...any) { fmt.Fprintf(w, format, args...) }

// dur formats nanoseconds.
func dur(ns float64) string {
	switch {
	case ns >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.1f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	}
	return fmt.Sprintf("%.0f ns", ns)
}

// kb formats a byte count.
func kb(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.2f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// names returns the benchmark names measured, in the order of the packages
// and of their appearance.
func (r *report) names() []string {
	seen := map[string]bool{}
	var out []string
	for _, rs := range []results{r.native, r.wasm} {
		var ns []string
		for n := range rs {
			if !seen[n] {
				seen[n] = true
				ns = append(ns, n)
			}
		}
		sort.Slice(ns, func(i, j int) bool { return benchLess(ns[i], ns[j]) })
		out = append(out, ns...)
	}
	sort.SliceStable(out, func(i, j int) bool { return benchLess(out[i], out[j]) })
	return out
}

// order lists benchmark families in pipeline order.
var order = []string{"Parse", "ParseNonASCII", "Unmarshal", "Value", "Detect", "Validate", "Envelope", "Check",
	"Convert", "Pretty", "PrettyLen", "Indent", "Inspect", "Compare", "Patch", "Diff"}

// benchLess sorts by family (pipeline order), then form, then size.
func benchLess(a, b string) bool {
	fa, ra := family(a)
	fb, rb := family(b)
	if fa != fb {
		return slices.Index(order, fa) < slices.Index(order, fb)
	}
	pa, pb := strings.Split(ra, "/"), strings.Split(rb, "/")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		if errA == nil && errB == nil {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// family splits "BenchmarkInspect/eventgrid/1000" into "Inspect" and
// "eventgrid/1000".
func family(name string) (string, string) {
	name = strings.TrimPrefix(name, "Benchmark")
	f, rest, _ := strings.Cut(name, "/")
	return f, rest
}

// Budgets.
const (
	budgetInspect1000Native = 25e6  // ns
	budgetInspect1000Wasm   = 80e6  // ns
	budgetInspect5000Wasm   = 400e6 // ns
	budgetGzip              = 4_500_000
	budgetHeapMB            = 64
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
	if s := r.sizes; s != nil {
		out = append(out, budget{what: "app.wasm, gzip -9", limit: "≤ 4.5 MB (4,500,000 bytes)",
			measured: fmt.Sprintf("%s (%d bytes)", kb(s.gzip), s.gzip), ok: s.gzip <= budgetGzip, known: true})
	}
	if v, ok := r.memory["wasm"].median("BenchmarkMemory", "heap-MB"); ok {
		sys, _ := r.memory["wasm"].median("BenchmarkMemory", "sys-MB")
		out = append(out, budget{what: "wasm heap after inspecting 5,000 events", limit: "< 64 MB",
			measured: fmt.Sprintf("%.1f MiB heap (HeapSys), %.1f MiB from the host (Sys)", v, sys), ok: v < budgetHeapMB, known: true})
	} else {
		out = append(out, budget{what: "wasm heap after inspecting 5,000 events", limit: "< 64 MB"})
	}
	// Browser budgets, from the browser figures (one run each).
	for _, bb := range []struct {
		what, limit, figure string
		ms                  float64
	}{
		{"warm start (service worker) to an interactive app, Chromium", "≤ 500 ms", "load to interactive, warm", 500},
		{"paste of a 5,000-event batch to the verdict on screen, Chromium", "≤ 1 s", "paste 5,000 events", 1000},
		{"longest main-thread task from that paste to the verdict, Chromium", "≤ 200 ms", "longest main-thread task from pasting 5,000", 200},
		{"longest main-thread task while typing into a 1 MB payload, Chromium", "≤ 200 ms", "longest main-thread task while typing", 200},
	} {
		b := budget{what: bb.what, limit: bb.limit}
		for _, f := range r.browser {
			if strings.HasPrefix(f.name, bb.figure) {
				var v float64
				if _, err := fmt.Sscanf(f.value, "%f ms", &v); err == nil {
					b.measured, b.ok, b.known = f.value, v <= bb.ms, true
				}
			}
		}
		out = append(out, b)
	}
	return out
}

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
	w.f("| report took | %s |\n\n", r.took.Round(time.Second))

	w.f("## Budgets\n\n| budget | limit | measured | verdict |\n|---|---|---|---|\n")
	for _, b := range r.budgets() {
		verdict := "not measured"
		switch {
		case b.known && b.ok:
			verdict = "PASS"
		case b.known:
			verdict = "MISS"
		}
		m := b.measured
		if m == "" {
			m = "—"
		}
		w.f("| %s | %s | %s | **%s** |\n", b.what, b.limit, m, verdict)
	}
	w.f("\n")

	r.stepsTable(&w)
	r.benchTable(&w)
	r.memoryTable(&w)
	r.sizesSection(&w)
	r.serverSection(&w)
	r.browserSection(&w)
	for _, warn := range r.warnings {
		w.f("> Note: %s\n\n", warn)
	}
	w.f("## What the engine does for these figures\n\n")
	w.f("- A payload is decoded once (`jsontree.Parse`, nodes allocated in slabs); validation reads the decoded tree ")
	w.f("through `schema.Loader` (gojsonschema's `JSONLoader` over the tree), never the text again.\n")
	w.f("- Schemas compile once (`schema.Warm`, which the page runs while it loads).\n")
	w.f("- `jsontree.Pretty` allocates its output once at its exact size (`PrettyLen`); `inspect.Inspect` reuses the size ")
	w.f("it computes anyway to choose between pretty and minified (`jsontree.AppendPretty`). A converted tree has no source ")
	w.f("span to guess from, and its text used to grow by doubling from 64 bytes.\n")
	w.f("- Conversions share one copy of values that repeat in every event (topic, type, versions) and of notes built ")
	w.f("per type, and size their list of changes from the first event: a 5,000-event conversion went from 85,000 to ")
	w.f("25,000 allocations, and a 5,000-event inspection from 69 to 41 MB allocated (wasm heap 76 → 46 MiB).\n")
	w.f("- What remains is mostly gojsonschema: it boxes each string value into an interface four times while ")
	w.f("validating it and allocates a context per property, so validation is the largest step, more so under wasm, ")
	w.f("where allocation and garbage collection cost more.\n\n")
	w.f("## How to reproduce\n\n")
	w.f("```\nmake bench                     # everything: native, wasm, sizes, browser; writes docs/PERFORMANCE.md (< 10 min)\n")
	w.f("go run ./internal/benchreport -wasm=false -browser=false   # native figures only\n")
	w.f("go test -run '^$' -bench . -benchmem ./app/inspect          # one package, natively\n")
	w.f("GOOS=js GOARCH=wasm go test -run '^$' -bench . -benchmem -exec=\"$(go env GOROOT)/lib/wasm/go_js_wasm_exec\" ./app/inspect\n")
	w.f("go test -run '^$' -bench 'Inspect/eventgrid/1000$' -cpuprofile cpu.out ./app/inspect && go tool pprof -top app/inspect/inspect.test cpu.out\n")
	w.f("go test -tags browser -run '^TestPerf' -v ./internal/browsertest   # browser figures (after make wasm)\n```\n")
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

func comma(n int) string {
	s := strconv.Itoa(n)
	if len(s) > 3 {
		return s[:len(s)-3] + "," + s[len(s)-3:]
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
	w.f("(median of 3), cold and after `schema.Warm` (which the page runs while it loads):\n\n")
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
	w.f("Built as `make wasm` does (`GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' ./wasm`).\n\n")
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
	w.f("\nThe wasm entry does not link the server (`server*.go` is not in `./wasm`'s imports; `TestWasmDependencies` keeps it so). ")
	w.f("gojsonschema is used through a patched copy (`third_party/gojsonschema`, see its `PATCHES.md`) that words its error ")
	w.f("messages without `text/template`: a program that reaches `reflect.Value.Method` through `text/template` makes the ")
	w.f("linker keep every exported method of every type it keeps, so go-app's HTML element types kept all of their hundreds ")
	w.f("of methods; dropping it took app.wasm from 4.58 MB to about 3.7 MB gzip. `net/http` remains (gojsonschema loads ")
	w.f("`$ref`s from URLs with `http.Get`, and go-app imports it too); it costs far less.\n\n")
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
	w.f("Headless Chromium against the real server on loopback (`internal/browsertest/perf_test.go`, one run each; recorded, never asserted).\n\n")
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
		v := "not measured"
		switch {
		case b.known && b.ok:
			v = "PASS"
		case b.known:
			v = "MISS"
		}
		w.f("%-4s  %s %s: %s\n", v, b.what, b.limit, b.measured)
	}
	return w.Bytes()
}
