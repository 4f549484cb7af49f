package main

import (
	"bufio"
	"bytes"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Benchmark results: parsing go test -bench output and taking medians.

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
