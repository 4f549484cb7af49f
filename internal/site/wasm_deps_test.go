//go:build !wasm

package site

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestWasmDependencies keeps app.wasm lean: the browser entry must not link
// text/template (its reflection keeps every exported method alive: +0.8 MB
// gzip), net/http with crypto/tls and crypto/x509 (their initialisation
// alone kept about 0.3 MB gzip of cryptography; an http.Get kept 1.1 MB
// more), net and net/mail (gojsonschema's e-mail and IP checkers, which
// the schemas never use: 160 KB, and DNS tables built at every start), nor
// the server and CLI code.
func TestWasmDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "eventlens/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 50 {
		t.Fatalf("go list -deps ./wasm listed only %d packages: %v", len(deps), deps)
	}
	for _, d := range deps {
		switch {
		case d == "text/template", d == "html/template":
			t.Errorf("the wasm entry links %s; see third_party/gojsonschema/PATCHES.md", d)
		case d == "net/http", d == "crypto/tls", d == "crypto/x509", d == "net", d == "net/mail":
			t.Errorf("the wasm entry links %s; see third_party/go-app/PATCHES.md and third_party/gojsonschema/PATCHES.md", d)
		case d == "eventlens/app/cli", d == "eventlens/internal/site", d == "eventlens/internal/receive", d == "github.com/andybalholm/brotli", d == "github.com/chromedp/chromedp":
			t.Errorf("the wasm entry links %s, which belongs to the server, CLI or tests", d)
		}
	}
}
