//go:build browser

package browsertest

import (
	"cmp"
	"context"
	"eventlens/app/gen"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/profiler"
	"github.com/chromedp/chromedp"
)

// profileOnly skips a profiler unless EVENTLENS_PROFILE names it: the
// profilers measure, they assert nothing, and make test does not run them.
func profileOnly(t *testing.T, mode string) {
	t.Helper()
	if os.Getenv("EVENTLENS_PROFILE") != mode {
		t.Skipf("a profiler: set EVENTLENS_PROFILE=%s to run it", mode)
	}
}

// TestProfileStartup records a CPU profile of the app's start-up, from the
// navigation until the page is settled, and logs the functions with the
// most self and total time. It runs only with EVENTLENS_PROFILE=startup;
// serve an app.wasm built without -s -w (EVENTLENS_WEB) to see names.
// The CPU runs 4× slower, as on Lighthouse's mobile profile, unless
// EVENTLENS_CPU gives another rate (1: no slowdown).
func TestProfileStartup(t *testing.T) {
	profileOnly(t, "startup")
	srv := startServer(t, "")
	b := newBrowser(t)
	b.runFirst(script("probe"))
	b.do(20*time.Second, chromedp.Navigate(srv.URL+"/app.css"))
	rate := 4.0
	if r, err := strconv.ParseFloat(os.Getenv("EVENTLENS_CPU"), 64); err == nil {
		rate = r
	}
	b.slowCPU(rate)
	startProfile(b)
	b.do(60*time.Second, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS(`#app[data-wasm="ready"]`)))
	settle(b)
	prof := stopProfile(b)
	st := eval[map[string]float64](b, call("startup_tasks"))
	t.Logf("long tasks: %v", st)
	t.Logf("elements in the page: %d", eval[int](b, `document.querySelectorAll("body *").length`))
	analyse(t, prof)
}

// analyse logs a CPU profile's busy stretches, the biggest one as a call
// tree, and the functions with the most self and total time.
func analyse(t *testing.T, prof *profiler.Profile) {
	parent := map[int64]int64{}
	name := map[int64]string{}
	for _, n := range prof.Nodes {
		nm := n.CallFrame.FunctionName
		if nm == "" {
			nm = "(anon " + n.CallFrame.URL + ")"
		}
		name[n.ID] = nm
		for _, c := range n.Children {
			parent[c] = n.ID
		}
	}
	self := map[string]int64{}
	total := map[string]int64{}
	var all int64
	for i, id := range prof.Samples {
		if i >= len(prof.TimeDeltas) {
			break
		}
		d := prof.TimeDeltas[i]
		all += d
		self[name[id]] += d
		seen := map[string]bool{}
		for n := id; n != 0; n = parent[n] {
			if !seen[name[n]] {
				seen[name[n]] = true
				total[name[n]] += d
			}
		}
	}
	// Busy stretches: runs of samples with no idle sample between them.
	topOf := func(id int64) string {
		for parent[id] != 0 && parent[parent[id]] != 0 {
			id = parent[id]
		}
		return name[id]
	}
	var segStart, segLen int64
	var at int64
	segTop := map[string]int64{}
	segSelf := map[string]int64{}
	var segSamples []int
	var biggest []int
	var biggestLen int64
	flush := func() {
		if segLen > biggestLen {
			biggestLen, biggest = segLen, segSamples
		}
		segSamples = nil
		if segLen > 50000 {
			t.Logf("busy %d ms at %d ms: by root %s\n%s", segLen/1000, segStart/1000, topRows(segTop, 8), topRows(segSelf, 15))
		}
		segLen = 0
		segTop = map[string]int64{}
		segSelf = map[string]int64{}
	}
	for i, id := range prof.Samples {
		if i >= len(prof.TimeDeltas) {
			break
		}
		at += prof.TimeDeltas[i]
		if name[id] == "(idle)" {
			flush()
			continue
		}
		if segLen == 0 {
			segStart = at
		}
		d := prof.TimeDeltas[i]
		segLen += d
		segTop[topOf(id)] += d
		segSelf[name[id]] += d
		segSamples = append(segSamples, i)
	}
	flush()
	// The biggest stretch as a tree of call paths over 15 ms.
	tree := map[string]int64{}
	for _, i := range biggest {
		var chain []string
		for n := prof.Samples[i]; n != 0; n = parent[n] {
			chain = append(chain, name[n])
		}
		slices.Reverse(chain)
		for k := 1; k <= len(chain); k++ {
			tree[strings.Join(chain[:k], ";")] += prof.TimeDeltas[i]
		}
	}
	var paths []string
	for k, v := range tree {
		if v > 15000 {
			paths = append(paths, k)
		}
	}
	slices.Sort(paths)
	var sb strings.Builder
	for _, k := range paths {
		parts := strings.Split(k, ";")
		fmt.Fprintf(&sb, "%7.1f %s%s\n", float64(tree[k])/1000, strings.Repeat(" ", len(parts)), parts[len(parts)-1])
	}
	t.Logf("biggest stretch %d ms:\n%s", biggestLen/1000, sb.String())
	t.Logf("sampled %.0f ms\nself:\n%s\ntotal:\n%s", float64(all)/1000, topRows(self, 60), topRows(total, 150))
}

// topRows lists the k entries of m with the most time.
func topRows(m map[string]int64, k int) string {
	type row struct {
		n  string
		us int64
	}
	var rows []row
	for n, us := range m {
		rows = append(rows, row{n, us})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.us, a.us) })
	var sb strings.Builder
	for i, r := range rows {
		if i == k {
			break
		}
		fmt.Fprintf(&sb, "  %7.1f ms  %s\n", float64(r.us)/1000, r.n)
	}
	return sb.String()
}

// TestProfileWarmStarts loads the app cold, then warm five times, and logs
// each load's time to an interactive app and its start-up's long tasks.
func TestProfileWarmStarts(t *testing.T) {
	profileOnly(t, "warm")
	s := startServer(t, "")
	b := newBrowser(t)
	b.runFirst(script("probe"))
	start := time.Now()
	b.open(s.URL + "/")
	t.Logf("cold %v", time.Since(start))
	b.waitCached(s.Site.Version(), precacheCount(t, s.Site))
	for i := 0; i < 5; i++ {
		b.do(10*time.Second, chromedp.Navigate("about:blank"))
		start = time.Now()
		b.open(s.URL + "/")
		took := time.Since(start)
		settle(b)
		st := eval[map[string]float64](b, call("startup_tasks"))
		t.Logf("warm %d: %v, page's %0.f ms; long tasks %v; app.wasm %s; tasks %s", i, took, eval[float64](b, `performance.now()`), st, eval[string](b, call("wasm_timing")),
			longTasks(b))
		t.Logf("entries: %s", eval[string](b, `JSON.stringify(performance.getEntries().filter(e => e.entryType != "longtask").map(e => [e.name.replace(location.origin, ""), e.entryType, Math.round(e.startTime), Math.round(e.responseEnd || e.duration || 0), e.detail]))`))
	}
}

// startProfile starts the DevTools CPU profiler, sampling every 100 µs.
func startProfile(b *browser) {
	b.do(20*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := chromedp.Call(ctx, profiler.Enable, struct{}{}); err != nil {
			return err
		}
		if _, err := chromedp.Call(ctx, profiler.SetSamplingInterval, profiler.SetSamplingIntervalParams{Interval: 100}); err != nil {
			return err
		}
		_, err := chromedp.Call(ctx, profiler.Start, struct{}{})
		return err
	}))
}

// stopProfile stops the profiler and returns its profile.
func stopProfile(b *browser) *profiler.Profile {
	var prof *profiler.Profile
	b.do(60*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		res, err := chromedp.Call(ctx, profiler.Stop, struct{}{})
		prof = res.Profile
		return err
	}))
	return prof
}

// TestProfileTyping profiles typing into a 1 MB payload as make bench
// types it (js/perf_type.js).
func TestProfileTyping(t *testing.T) {
	profileOnly(t, "typing")
	b := respPage(t)
	text, _ := batchOfAtLeast(1 << 20)
	pasteToVerdict(b, string(text))
	editAsText(b, len(text))
	settle(b)
	startProfile(b)
	res := evalFor[map[string]float64](b, 60*time.Second, call("perf_type", 6))
	prof := stopProfile(b)
	t.Logf("typing: %v", res)
	analyse(t, prof)
}

// TestProfilePaste profiles the paste of a batch of EVENTLENS_EVENTS
// events (1,000 unless set) into a settled page.
func TestProfilePaste(t *testing.T) {
	profileOnly(t, "paste")
	n := 1000
	if v := os.Getenv("EVENTLENS_EVENTS"); v != "" {
		fmt.Sscan(v, &n)
	}
	b := respPage(t)
	payload := gen.Batch(gen.EventGrid, n)
	startProfile(b)
	f := paste(b, payload, "", 60*time.Second)
	settle(b)
	prof := stopProfile(b)
	t.Logf("paste of %d events: %s", n, f)
	analyse(t, prof)
}

// TestProfileGoStart measures the floor under any Go WebAssembly app's
// start: the smallest Go program (testdata/gostart), compiled in a worker
// as eventlens's app.wasm is, then started in the page at a 4× CPU
// slowdown. It logs the start's main-thread time and long tasks, three
// times with V8's default (each function compiled on its first call, on the
// calling thread) and three times with every function compiled ahead
// (--no-wasm-lazy-compilation, a flag no user's browser has), which tells
// how much of the start is compiling. It runs only with
// EVENTLENS_PROFILE=gostart.
func TestProfileGoStart(t *testing.T) {
	profileOnly(t, "gostart")
	dir := t.TempDir()
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, "gostart.wasm"), "./testdata/gostart")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/gostart: %v\n%s", err, out)
	}
	root, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ from, to string }{
		{filepath.Join(strings.TrimSpace(string(root)), "lib", "wasm", "wasm_exec.js"), "wasm_exec.js"},
		{"testdata/gostart/index.html", "index.html"},
		{"testdata/gostart/compile.js", "compile.js"},
	} {
		data, err := os.ReadFile(f.from)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f.to), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv := serveLoopback(t, http.FileServer(http.Dir(dir)))
	for _, flags := range []string{"", "--no-wasm-lazy-compilation"} {
		t.Setenv("EVENTLENS_JSFLAGS", flags)
		for i := 0; i < 3; i++ {
			b := newBrowser(t)
			b.runFirst(script("probe"))
			b.slowCPU(4)
			b.do(60*time.Second, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS(`html[data-started]`)))
			settle(b)
			t.Logf("js-flags %q: Go's start took %.0f ms of the page's thread; long tasks [start, duration]: %v", flags,
				eval[float64](b, `window.__run.ms`), longTasks(b))
		}
	}
}
