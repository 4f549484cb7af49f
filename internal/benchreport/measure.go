package main

// Measurements beside the benchmarks: app.wasm's size and the browser figures.

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/andybalholm/brotli"
)

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

// buildAppWasm builds app.wasm into out as `make wasm` does: Go's build,
// then its data section packed (internal/wasmpack).
func (r *report) buildAppWasm(out string) error {
	if _, err := r.goCmd([]string{"GOOS=js", "GOARCH=wasm"}, "build", "-trimpath", "-ldflags=-s -w", "-o", out, "./wasm"); err != nil {
		return err
	}
	_, err := r.goCmd(nil, "run", "./internal/wasmpack", out)
	return err
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
	if err := r.buildAppWasm(wasm); err != nil {
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
	if err := r.buildAppWasm("web/app.wasm"); err != nil {
		r.warnings = append(r.warnings, "browser figures: building web/app.wasm failed: "+firstLine(err.Error()))
		return nil
	}
	cmd := exec.Command("go", "test", "-count=1", "-tags", "browser", "-run", "^TestPerf", "-v", "-timeout", "40m", "./internal/browsertest")
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
