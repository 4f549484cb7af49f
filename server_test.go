//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"syscall"
	"testing"
	"time"

	"eventlens/app/vocab"
	"eventlens/web"
)

// fakeWasm stands for app.wasm where the real one is not built: a wasm
// header and filler.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("eventlens wasm filler "), 4000)...)

// testWebDir writes a web/ directory with the embedded icons and
// stylesheet, and app.wasm unless withWasm is false; it returns its path.
func testWebDir(t *testing.T, withWasm bool) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range web.Assets() {
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			t.Fatalf("reading the embedded %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if withWasm {
		if err := os.WriteFile(filepath.Join(dir, "app.wasm"), fakeWasm, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestCommandsAndFlags(t *testing.T) {
	tests := []struct {
		args           []string
		code           int
		stdout, stderr string // a part of what it writes there
	}{
		{args: []string{"help"}, code: 0, stdout: "export    write the web app as a static site"},
		{args: []string{"frobnicate"}, code: 2, stderr: `unknown command "frobnicate"`},
		{args: []string{"serve", "-h"}, code: 0, stderr: "-addr"},
		{args: []string{"serve", "-h"}, code: 0, stderr: "-web"},
		{args: []string{"-h"}, code: 0, stderr: "usage: eventlens serve"},
		{args: []string{"serve", "extra"}, code: 2, stderr: `unexpected argument "extra"`},
		{args: []string{"serve", "-bogus"}, code: 2, stderr: "flag provided but not defined"},
		{args: []string{"serve", "-receive-key", "k"}, code: 2, stderr: "-receive-key needs -receive"},
		{args: []string{"send", "-h"}, code: 0, stderr: "-to"},
		{args: []string{"export", "-h"}, code: 0, stderr: "-base"},
		{args: []string{"export", "extra"}, code: 2, stderr: "give the directory with -out DIR"},
		{args: []string{"check", "-h"}, code: 0},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code {
			t.Errorf("eventlens %s: exit %d, want %d\n%s%s", strings.Join(tt.args, " "), code, tt.code, stdout.String(), stderr.String())
		}
		if !strings.Contains(stdout.String(), tt.stdout) {
			t.Errorf("eventlens %s: stdout %q lacks %q", strings.Join(tt.args, " "), stdout.String(), tt.stdout)
		}
		if !strings.Contains(stderr.String(), tt.stderr) {
			t.Errorf("eventlens %s: stderr %q lacks %q", strings.Join(tt.args, " "), stderr.String(), tt.stderr)
		}
	}
}

// export -web takes the assets from a directory; what it writes is
// internal/site's Export (tested there).
func TestExportCommand(t *testing.T) {
	dir := testWebDir(t, true)
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "-out", out, "-web", dir, "-base", "/eventlens/"}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	if !regexp.MustCompile(`^eventlens [0-9a-f]{16}: wrote \d+ files to .* for /eventlens/\n$`).MatchString(stdout.String()) {
		t.Errorf("export says %q", stdout.String())
	}
	if b, err := os.ReadFile(filepath.Join(out, "web", "app.wasm")); err != nil || !bytes.Equal(b, fakeWasm) {
		t.Errorf("the export's app.wasm is not the one of -web (%v)", err)
	}
	stderr.Reset()
	if code := run([]string{"export", "-out", out, "-web", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("export into a non-empty directory: exit %d, %q", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"export", "-out", t.TempDir(), "-web", dir, "-base", "/../x"}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "not a plain URL path") {
		t.Errorf("export with a bad base: exit %d, %q", code, stderr.String())
	}
	stderr.Reset()
	t.Chdir(t.TempDir())
	if code := run([]string{"export", "-out", "", "-web", dir}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "-out DIR") {
		t.Errorf("export -out \"\": exit %d, %q", code, stderr.String())
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("export -out \"\" wrote %d entries into the current directory", len(entries))
	}
}

// Without app.wasm the server refuses to start and says to run make wasm.
func TestServeWithoutWasmSaysMakeWasm(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"serve", "-addr", "127.0.0.1:0", "-web", testWebDir(t, false)}, &stdout, &stderr)
	if code != 2 || !strings.Contains(stderr.String(), "has no app.wasm: build it with `make wasm`") {
		t.Errorf("serve without app.wasm: exit %d, %q", code, stderr.String())
	}
}

// TestServeFromAnotherDirectory builds the binary and runs `eventlens
// serve` from an empty directory: the assets are in the binary, so it
// serves the app, then stops cleanly on SIGTERM. Before `make wasm` (a
// fresh clone) the binary is built with a stand-in app.wasm overlaid on
// web/, as `make wasm` would put it there.
func TestServeFromAnotherDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary: skipped with -short")
	}
	tmp := t.TempDir()
	bin := filepath.Join(tmp, "eventlens")
	wantWasm, err := os.ReadFile(filepath.Join("web", "app.wasm"))
	args := []string{"build", "-o", bin}
	if err != nil {
		wantWasm = fakeWasm
		wasmPath, err := filepath.Abs(filepath.Join("web", "app.wasm"))
		if err != nil {
			t.Fatal(err)
		}
		fake := filepath.Join(tmp, "app.wasm")
		if err := os.WriteFile(fake, fakeWasm, 0o644); err != nil {
			t.Fatal(err)
		}
		overlay, _ := json.Marshal(map[string]map[string]string{"Replace": {wasmPath: fake}})
		if err := os.WriteFile(filepath.Join(tmp, "overlay.json"), overlay, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "-overlay", filepath.Join(tmp, "overlay.json"))
	}
	if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	elsewhere := t.TempDir()
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0")
	cmd.Dir = elsewhere
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	// The first log line says where it listens; the rest is collected.
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		t.Fatalf("eventlens serve wrote nothing: %v", lines.Err())
	}
	m := regexp.MustCompile(`serving on (http://\S+/)`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("eventlens serve from %s: %q, want it serving", elsewhere, lines.Text())
	}
	logs := make(chan string, 1)
	go func() {
		var sb strings.Builder
		for lines.Scan() {
			sb.WriteString(lines.Text() + "\n")
		}
		logs <- sb.String()
	}()
	client := &http.Client{Timeout: 10 * time.Second}
	for _, tc := range []struct{ path, want string }{{"/", "<html"}, {"/web/app.wasm", string(wantWasm)}} {
		res, err := client.Get(m[1] + strings.TrimPrefix(tc.path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != 200 || !strings.Contains(string(body), tc.want) {
			t.Errorf("GET %s from a server started in %s: %d, %d bytes (%v)", tc.path, elsewhere, res.StatusCode, len(body), err)
		}
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Its log ends when it exits; then its status is read.
	var log string
	select {
	case log = <-logs:
	case <-time.After(20 * time.Second):
		t.Fatal("eventlens serve did not stop on SIGTERM")
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("after SIGTERM: %v, want exit 0", err)
	}
	for _, re := range []string{`GET / 200 \d+ `, `GET /web/app\.wasm 200 \d+ `, `eventlens: shutting down`} {
		if !regexp.MustCompile(re).MatchString(log) {
			t.Errorf("log lacks %s:\n%s", re, log)
		}
	}
}

// The binary runs under the memory model's soft limit unless GOMEMLIMIT
// says otherwise.
func TestMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	t.Setenv("GOMEMLIMIT", "")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != vocab.MemoryLimit {
		t.Errorf("memory limit %d, want %d", got, vocab.MemoryLimit)
	}
	debug.SetMemoryLimit(old)
	t.Setenv("GOMEMLIMIT", "2GiB")
	limitMemory()
	if got := debug.SetMemoryLimit(-1); got != old {
		t.Errorf("with GOMEMLIMIT set, the limit became %d", got)
	}
}
