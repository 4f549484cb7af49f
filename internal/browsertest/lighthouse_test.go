//go:build browser

package browsertest

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// lighthouseCLI is Lighthouse's command, installed by `make bench` (npm ci
// in internal/benchreport/lighthouse).
const lighthouseCLI = "../benchreport/lighthouse/node_modules/lighthouse/cli/index.js"

// lighthouseRun is what one Lighthouse run reports: its category scores
// (0-100) and its metrics (ms).
type lighthouseRun struct {
	scores         map[string]float64
	metrics        map[string]float64
	benchmarkIndex float64 // Lighthouse's measure of the machine's speed during the run
}

// TestPerfLighthouse runs Lighthouse three times against the app, with
// Lighthouse's defaults (mobile, simulated throttling: slow 4G, 4× CPU),
// and records the medians of its performance score and metrics and the
// lowest accessibility, best-practices and SEO scores as PERF lines for
// `make bench`. It runs only with EVENTLENS_PERF=1, and skips when
// Lighthouse is not installed.
func TestPerfLighthouse(t *testing.T) {
	perfOnly(t)
	if _, err := os.Stat(lighthouseCLI); err != nil {
		t.Skipf("Lighthouse is not installed (%v): make bench installs it", err)
	}
	s := startServer(t, "")
	var runs []lighthouseRun
	for i := 0; i < 3; i++ {
		runs = append(runs, lighthouse(t, s.URL+"/"))
	}
	median := func(get func(lighthouseRun) float64) (float64, string) {
		var vs []float64
		var each []string
		for _, r := range runs {
			vs = append(vs, get(r))
			each = append(each, fmt.Sprintf("%.0f", get(r)))
		}
		slices.Sort(vs)
		return vs[len(vs)/2], strings.Join(each, ", ")
	}
	lowest := func(cat string) float64 {
		low := 100.0
		for _, r := range runs {
			low = min(low, r.scores[cat])
		}
		return low
	}
	perf, each := median(func(r lighthouseRun) float64 { return r.scores["performance"] })
	t.Logf("PERF Lighthouse mobile performance score, median of 3: %.0f (each %s)", perf, each)
	tbt, each := median(func(r lighthouseRun) float64 { return r.metrics["total-blocking-time"] })
	t.Logf("PERF Lighthouse mobile total blocking time, median of 3: %.0f ms (each %s ms)", tbt, each)
	var parts []string
	for _, m := range []struct{ id, name string }{
		{"first-contentful-paint", "first contentful paint"},
		{"largest-contentful-paint", "largest contentful paint"},
		{"speed-index", "speed index"},
		{"interactive", "time to interactive"},
	} {
		v, _ := median(func(r lighthouseRun) float64 { return r.metrics[m.id] })
		parts = append(parts, fmt.Sprintf("%s %.0f ms", m.name, v))
	}
	t.Logf("PERF Lighthouse mobile metrics, medians of 3: %s", strings.Join(parts, ", "))
	t.Logf("PERF Lighthouse accessibility, best practices, SEO, lowest of 3: %.0f, %.0f, %.0f", lowest("accessibility"), lowest("best-practices"), lowest("seo"))
	// Lighthouse multiplies the main thread's time in its own trace by four:
	// a slower machine at that moment means a higher blocking time.
	_, each = median(func(r lighthouseRun) float64 { return r.benchmarkIndex })
	t.Logf("PERF Lighthouse's benchmark index (this machine's speed as Lighthouse measured it at each run; higher is faster): %s", each)
}

// lighthouse runs Lighthouse once against url in this machine's Chromium,
// started with the tests' flags (no traffic leaves loopback).
func lighthouse(t *testing.T, url string) lighthouseRun {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.json")
	chromium := os.Getenv("CHROMIUM")
	if chromium == "" {
		chromium = "/usr/bin/chromium"
	}
	flags := `--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --no-default-browser-check --disable-background-networking --disable-component-update --disable-sync --disable-dev-shm-usage --host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"`
	cmd := exec.Command("node", lighthouseCLI, url, "--quiet", "--output=json", "--output-path="+out,
		"--only-categories=performance,accessibility,best-practices,seo", "--chrome-flags="+flags)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+chromium)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("lighthouse: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
		Categories   map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		Audits map[string]struct {
			NumericValue *float64 `json:"numericValue"`
		} `json:"audits"`
		Environment struct {
			BenchmarkIndex float64 `json:"benchmarkIndex"`
		} `json:"environment"`
	}
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatalf("reading Lighthouse's report: %v", err)
	}
	if rep.RuntimeError != nil {
		t.Fatalf("Lighthouse: %s: %s", rep.RuntimeError.Code, rep.RuntimeError.Message)
	}
	r := lighthouseRun{scores: map[string]float64{}, metrics: map[string]float64{}, benchmarkIndex: rep.Environment.BenchmarkIndex}
	for _, c := range []string{"performance", "accessibility", "best-practices", "seo"} {
		cat, ok := rep.Categories[c]
		if !ok || cat.Score == nil {
			t.Fatalf("Lighthouse's report has no %s score", c)
		}
		r.scores[c] = *cat.Score * 100
	}
	for _, m := range []string{"total-blocking-time", "first-contentful-paint", "largest-contentful-paint", "speed-index", "interactive"} {
		a, ok := rep.Audits[m]
		if !ok || a.NumericValue == nil {
			t.Fatalf("Lighthouse's report has no %s", m)
		}
		r.metrics[m] = *a.NumericValue
	}
	return r
}
