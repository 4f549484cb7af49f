//go:build !wasm

package site

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func TestExport(t *testing.T) {
	dir := testWebDir(t)
	out := filepath.Join(t.TempDir(), "dist")
	s, err := Build(Options{Web: os.DirFS(dir), Base: "/eventlens/", Level: ExportLevel})
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.Export(out)
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	var files int
	filepath.WalkDir(out, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files++
		}
		return err
	})
	if n != files {
		t.Errorf("Export says it wrote %d files; %s holds %d", n, out, files)
	}
	for _, name := range []string{"index.html", "app.js", "app-worker.js", "manifest.webmanifest", "wasm_exec.js", "app.css",
		"web/app.wasm", "web/app.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable-512.png",
		"web/app.wasm.gz", "web/app.wasm.br", "app.js.br", "index.html.gz", "_headers"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("export lacks %s", name)
		}
	}
	for _, name := range []string{"web/icon-192.png.br", "web/.hidden", "secret.txt"} {
		if _, err := os.Stat(filepath.Join(out, name)); err == nil {
			t.Errorf("export has %s", name)
		}
	}
	wasm, _ := os.ReadFile(filepath.Join(out, "web/app.wasm"))
	if !bytes.Equal(wasm, fakeWasm) {
		t.Error("exported app.wasm differs from web/app.wasm")
	}
	br, _ := os.ReadFile(filepath.Join(out, "web/app.wasm.br"))
	dec, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
	if err != nil || !bytes.Equal(dec, fakeWasm) {
		t.Errorf("app.wasm.br does not decode to app.wasm (%v)", err)
	}
	// Every URL the worker precaches is a file of the export.
	worker, _ := os.ReadFile(filepath.Join(out, "app-worker.js"))
	urls, err := precacheList(worker)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		name := strings.TrimPrefix(u, "/eventlens")
		if name == "" || name == "/" {
			name = "/index.html"
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(name))); err != nil {
			t.Errorf("precached %s is not in the export", u)
		}
	}
	// A second export into the same directory is refused.
	if _, err := s.Export(out); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Errorf("export into a non-empty directory: %v", err)
	}
	// _headers carries the security headers under the base.
	headers, _ := os.ReadFile(filepath.Join(out, "_headers"))
	for _, want := range []string{"/eventlens/*\n  Content-Security-Policy: " + s.csp, "X-Content-Type-Options: nosniff", "/eventlens/*.wasm\n  Content-Type: application/wasm"} {
		if !strings.Contains(string(headers), want) {
			t.Errorf("_headers lacks %q:\n%s", want, headers)
		}
	}
}

// An empty -out names no directory: it is refused, not taken for the
// current one (whose index.html it would overwrite).
func TestExportRefusesAnEmptyDirectoryName(t *testing.T) {
	s, err := Build(Options{Web: os.DirFS(testWebDir(t)), Base: "/", Level: ExportLevel})
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	if err := os.WriteFile("index.html", []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, err := s.Export(""); err == nil || n != 0 || !strings.Contains(err.Error(), "-out DIR") {
		t.Errorf("Export(\"\") = %d, %v; want a refusal naming -out", n, err)
	}
	if b, _ := os.ReadFile("index.html"); string(b) != "mine" {
		t.Errorf("index.html was overwritten: %.40q", b)
	}
}
