package main

import "testing"

func TestServerRate(t *testing.T) {
	out := []byte("goos: linux\nBenchmarkServe-2   \t   20000\t     41153 ns/op\t     24416 req/s\nBenchmarkServe-2 20000 38000 ns/op 26315.5 req/s\nPASS\n")
	m := serverRate.FindAllSubmatch(out, -1)
	if len(m) != 2 || string(m[0][1]) != "24416" || string(m[1][1]) != "26315.5" {
		t.Fatalf("matches = %q", m)
	}
}
