package main

// Number and table-cell formatting for the report.

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

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
