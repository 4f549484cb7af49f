package main

import (
	"regexp"
	"slices"
	"strconv"
)

// serverRate matches BenchmarkServe's req/s metric.
var serverRate = regexp.MustCompile(`BenchmarkServe\S*\s+\d+\s+.*?([\d.]+) req/s`)

// serverThroughput runs the tiny server's bounded load benchmark
// (BenchmarkServe: 20,000 requests from 64 concurrent clients on loopback)
// count times and returns the requests per second of each run, sorted.
func (r *report) serverThroughput() ([]float64, error) {
	out, err := r.goCmd(nil, "test", "-run", "^$", "-bench", "^BenchmarkServe$", "-benchtime", "20000x",
		"-count", strconv.Itoa(max(r.cfg.count, 3)), "./internal/site")
	if err != nil {
		return nil, err
	}
	var rates []float64
	for _, m := range serverRate.FindAllSubmatch(out, -1) {
		if v, err := strconv.ParseFloat(string(m[1]), 64); err == nil {
			rates = append(rates, v)
		}
	}
	slices.Sort(rates)
	return rates, nil
}

// serverSection reports the server's throughput.
func (r *report) serverSection(w *writer) {
	if len(r.serve) == 0 {
		return
	}
	w.f("## The tiny server\n\n")
	w.f("`BenchmarkServe` (internal/site): 20,000 requests from 64 concurrent clients over loopback against `eventlens serve`'s handler ")
	w.f("(pages, scripts, the compressed wasm), %d runs; every request must succeed (the test `TestServeLoad` asserts zero errors, never a rate).\n\n", len(r.serve))
	w.f("| median | slowest run | fastest run |\n|---|---|---|\n| %.0f req/s | %.0f req/s | %.0f req/s |\n\n",
		r.serve[len(r.serve)/2], r.serve[0], r.serve[len(r.serve)-1])
}
