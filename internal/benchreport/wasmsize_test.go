package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWasmCode builds a small program for js/wasm and reads its code by
// package: main and runtime are there, and the sizes add up.
func TestWasmCode(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a wasm binary")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hi\") }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "x.wasm")
	cmd := exec.Command("go", "build", "-o", out, src)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building a small program for js/wasm: %v\n%s", err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	byPkg, total, err := wasmCode(b, []string{"main", "runtime", "fmt", "internal/fmtsort", "unicode/utf8"})
	if err != nil {
		t.Fatal(err)
	}
	sum := 0
	for _, v := range byPkg {
		sum += v
	}
	if sum != total || total <= 0 || total >= len(b) {
		t.Errorf("total %d, sum %d, file %d", total, sum, len(b))
	}
	for _, p := range []string{"main", "runtime", "fmt"} {
		if byPkg[p] == 0 {
			t.Errorf("no code for %s in %v", p, largest(byPkg, 10))
		}
	}
	if _, _, err := wasmCode(b[:len(b)/2], nil); err == nil {
		t.Error("a truncated binary read without error")
	}
	if _, _, err := wasmCode([]byte("not wasm"), nil); err == nil {
		t.Error("text read as wasm")
	}
}

func TestPackageOf(t *testing.T) {
	pkgs := []string{"net/http", "net", "runtime", "github.com/maxence-charriere/go-app/v10/pkg/app", "eventlens/app/jsontree", "main"}
	mangled := map[string]string{}
	for _, p := range pkgs {
		mangled[mangle(p)] = p
	}
	for name, want := range map[string]string{
		"net_http.__Server_.Serve":     "net/http",
		"net.readServices":             "net",
		"runtime.mallocgc":             "runtime",
		"main.main":                    "main",
		"eventlens_app_jsontree.Parse": "eventlens/app/jsontree",
		"github.com_maxence_charriere_go_app_v10_pkg_app.__htmlDiv_.OnDragOver": "github.com/maxence-charriere/go-app/v10/pkg/app",
		"slices.partitionOrdered_go.shape.string_":                              "other",
		"go_buildid": "other",
	} {
		if got := packageOf(name, mangled); got != want {
			t.Errorf("packageOf(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestParseAndMedian(t *testing.T) {
	out := []byte("goos: linux\nBenchmarkInspect/eventgrid/1000-2   \t 10\t 20000000 ns/op\t 30.5 MB/s\t 100 B/op\t 7 allocs/op\n" +
		"BenchmarkInspect/eventgrid/1000-2   \t 10\t 10000000 ns/op\nBenchmarkInspect/eventgrid/1000-2 \t 10\t 40000000 ns/op\n" +
		"BenchmarkMemory \t 1\t 5 ns/op\t 46.3 heap-MB\nPASS\n")
	rs := parse(out)
	if v, ok := rs.median("BenchmarkInspect/eventgrid/1000", "ns/op"); !ok || v != 20000000 {
		t.Errorf("median = %v, %v", v, ok)
	}
	if v, ok := rs.median("BenchmarkMemory", "heap-MB"); !ok || v != 46.3 {
		t.Errorf("heap = %v, %v", v, ok)
	}
	if _, ok := rs.median("BenchmarkNone", "ns/op"); ok {
		t.Error("median of nothing")
	}
	if got := rs.spread("BenchmarkInspect/eventgrid/1000"); got != 1.5 {
		t.Errorf("spread = %v", got)
	}
}
