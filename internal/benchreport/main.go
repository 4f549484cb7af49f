// Command benchreport runs eventlens's benchmarks natively and as
// WebAssembly under Node, measures the size of app.wasm and, when asked,
// the browser figures, and writes docs/PERFORMANCE.md: medians of several
// runs side by side, each budget with its measured value and PASS or MISS.
//
// Run it from the repository root: `make bench`, or
// `go run ./internal/benchreport -count 5 -out docs/PERFORMANCE.md`.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// The engine packages whose benchmarks the report runs.
var packages = []string{
	"./app/jsontree", "./app/detect", "./app/schema", "./app/lint",
	"./app/convert", "./app/jsondiff", "./app/inspect",
	"./app/summary",
}

// benchPattern selects the benchmarks of the tables (BenchmarkMemory and
// BenchmarkFirst run on their own, in fresh processes).
const benchPattern = `^Benchmark(Parse|ParseNonASCII|Unmarshal|Value|Pretty|PrettyLen|Indent|Detect|Validate|Envelope|Check|Convert|Compare|Patch|Inspect|VersusBare|Diff|Summary|Timeline|Reinspect)$`

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
	steal    []string // each step's share of CPU time the host gave to others
	native   results
	wasm     results
	memory   map[string]results // "native", "wasm": BenchmarkMemory
	first    map[string]results // "native", "wasm", "native-warm", "wasm-warm": BenchmarkFirst
	values   map[string]results // "native", "wasm": BenchmarkValueMemory (bytes per decoded value)
	worst    map[string]results // "native", "wasm": BenchmarkWorst, one shape per process
	hostile  map[string]results // "native", "wasm": jsondiff's BenchmarkHostile
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
	r := &report{cfg: c, started: time.Now(), memory: map[string]results{}, first: map[string]results{}, values: map[string]results{},
		worst: map[string]results{}, hostile: map[string]results{}}
	r.machine = machine(c)
	wholeRun := readCPUTimes()
	step := func(what string) func() {
		t := time.Now()
		cpu := readCPUTimes()
		fmt.Fprintf(os.Stderr, "benchreport: %s...\n", what)
		return func() {
			stolen := stealShare(cpu, readCPUTimes())
			r.steal = append(r.steal, what+" "+stolen)
			fmt.Fprintf(os.Stderr, "benchreport: %s took %s (steal %s)\n", what, time.Since(t).Round(time.Second), stolen)
		}
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
		// Bytes per decoded value for the shapes that take the most memory
		// per byte of input (what the value limit bounds).
		out, err = r.goCmd(t.env, append([]string{"test", "-run", "^$", "-bench", "^BenchmarkValueMemory$", "-benchtime", "1x"}, append(t.args, "./app/jsontree")...)...)
		if err != nil {
			return err
		}
		r.values[t.name] = parse(out)
		done()
		// The payloads inside the limits that take the most memory and
		// time, each in a fresh process (wasm memory never shrinks), and
		// the comparisons that once grew with size × depth.
		done = step(t.name + " worst payloads and hostile comparisons")
		for _, shape := range worstShapes {
			out, err = r.goCmd(t.env, append([]string{"test", "-run", "^$", "-bench", "^BenchmarkWorst$/^" + shape + "$", "-benchtime", "1x", "-timeout", "60m"}, append(t.args, "./app/inspect")...)...)
			if err != nil {
				return err
			}
			r.worst[t.name] = r.worst[t.name].merge(parse(out))
		}
		out, err = r.goCmd(t.env, append([]string{"test", "-run", "^$", "-bench", "^BenchmarkHostile$", "-benchmem", "-benchtime", "1x", "-timeout", "60m"}, append(t.args, "./app/jsondiff")...)...)
		if err != nil {
			return err
		}
		r.hostile[t.name] = parse(out)
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
	r.steal = append([]string{"the whole report " + stealShare(wholeRun, readCPUTimes())}, r.steal...)
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

// cpuTimes is the machine's CPU time so far, from the first line of
// /proc/stat, in clock ticks: all of it, and the part the hypervisor gave to
// other machines while this one wanted to run (steal).
type cpuTimes struct {
	total, steal uint64
	ok           bool
}

// readCPUTimes reads /proc/stat; ok is false where there is none.
func readCPUTimes() cpuTimes {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return cpuTimes{}
	}
	return parseCPUTimes(string(b))
}

// parseCPUTimes reads the first line of /proc/stat's text.
func parseCPUTimes(stat string) cpuTimes {
	line, _, _ := strings.Cut(stat, "\n")
	fields := strings.Fields(line)
	if len(fields) < 9 || fields[0] != "cpu" {
		return cpuTimes{}
	}
	var t cpuTimes
	for i, f := range fields[1:] {
		n, err := strconv.ParseUint(f, 10, 64)
		if err != nil {
			return cpuTimes{}
		}
		if i >= 8 { // guest and guest_nice are counted in user and nice already
			break
		}
		t.total += n
		if i == 7 {
			t.steal = n
		}
	}
	t.ok = true
	return t
}

// stealShare says which share of the CPU time between two readings the
// hypervisor gave to other machines: "12 %", or "unknown".
func stealShare(from, to cpuTimes) string {
	if !from.ok || !to.ok || to.total <= from.total {
		return "unknown"
	}
	return fmt.Sprintf("%.0f %%", 100*float64(to.steal-from.steal)/float64(to.total-from.total))
}
