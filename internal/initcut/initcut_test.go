//go:build !wasm

package initcut_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// cuts are the packages under initcut, each with the package it must follow
// in Go's start, the one its name promises.
var cuts = []struct{ cut, after string }{
	{"eventlens/internal/initcut/afterjs", "syscall/js"},
	{"eventlens/internal/initcut/afterunicode", "unicode"},
	{"eventlens/internal/initcut/aftervocab", "eventlens/app/vocab"},
	{"eventlens/internal/initcut/afterlint", "eventlens/app/lint"},
}

// TestCutsFollowTheirPackage builds app.wasm's entry and runs its start
// under Node with GODEBUG=inittrace=1, as the compiling worker warms it up
// (EVENTLENS_WARM_UP: main draws the page as values and returns, without a
// document). Each cut must
// be the very next package initialised after its own: an import added or
// moved can change the order, and a cut that drifts no longer splits the
// start where it should. The start must also end cleanly without a page,
// as the warm-up needs.
func TestCutsFollowTheirPackage(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("this test runs app.wasm under Node.js, which is missing (make deps installs it): %v", err)
	}
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	wasm := filepath.Join(t.TempDir(), "app.wasm")
	build := exec.Command("go", "build", "-trimpath", "-o", wasm, "eventlens/wasm")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building eventlens/wasm: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	run := exec.CommandContext(ctx, node, filepath.Join(strings.TrimSpace(string(goroot)), "lib", "wasm", "wasm_exec_node.js"), wasm)
	run.Env = append(os.Environ(), "GODEBUG=inittrace=1", "EVENTLENS_WARM_UP=1")
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("app.wasm's start under Node (warm-up) failed: %v\n%s", err, out)
	}
	var order []string
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[0] == "init" && strings.HasPrefix(f[2], "@") {
			order = append(order, f[1])
		}
	}
	if len(order) < 20 {
		t.Fatalf("inittrace listed %d packages; want app.wasm's whole start:\n%s", len(order), out)
	}
	for _, c := range cuts {
		i := slices.Index(order, c.cut)
		switch {
		case i < 0:
			t.Errorf("%s is not in app.wasm's start: wasm/main.go must import it", c.cut)
		case i == 0 || order[i-1] != c.after:
			prev := "nothing"
			if i > 0 {
				prev = order[i-1]
			}
			t.Errorf("%s is initialised after %s, not right after %s: see initcut's doc for the order, and move the cut or its import", c.cut, prev, c.after)
		}
	}
}
