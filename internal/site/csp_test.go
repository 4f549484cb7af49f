//go:build !wasm

package site

import (
	"eventlens/app/ui"

	"bytes"
	"strings"
	"testing"
)

func TestContentSecurityPolicyHashesInlineCode(t *testing.T) {
	page := []byte(`<html><head><script src="/app.js"></script><script>alert(1)</script>` +
		`<SCRIPT type="module">x()</SCRIPT><style>b{}</style><scripts>no</scripts></head></html>`)
	p, err := contentSecurityPolicy([][]byte{page})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{cspHash([]byte("alert(1)")), cspHash([]byte("x()"))}
	if strings.Join(p.scriptHashes, " ") != strings.Join(sortedKeys(map[string]bool{want[0]: true, want[1]: true}), " ") {
		t.Errorf("script hashes %v, want %v", p.scriptHashes, want)
	}
	if len(p.styleHashes) != 1 || p.styleHashes[0] != cspHash([]byte("b{}")) {
		t.Errorf("style hashes %v", p.styleHashes)
	}
	if !strings.Contains(p.header(), want[0]) || !strings.Contains(p.meta(), want[0]) {
		t.Error("policy does not carry the hash")
	}
	// The hash of alert(1) as browsers compute it.
	if cspHash([]byte("alert(1)")) != "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='" {
		t.Errorf("cspHash(alert(1)) = %s", cspHash([]byte("alert(1)")))
	}
	if _, err := contentSecurityPolicy([][]byte{[]byte("<script>never closed")}); err == nil {
		t.Error("unterminated <script> accepted")
	}
	// The page's inline scripts are the editor's helper and the starter of
	// app.wasm's compilation (for the site's base): the policy carries
	// their hashes, and only them.
	for _, base := range []string{"/", "/eventlens/"} {
		s := testSite(t, base)
		change, starter := cspHash([]byte(ui.ChangeScript)), cspHash([]byte(wasmStarter(base+"web/app.wasm", base+"wasm_exec.js")))
		if !strings.Contains(s.csp, change) || !strings.Contains(s.csp, starter) || strings.Count(s.csp, "sha256-") != 2 {
			t.Errorf("policy %s under %s: want the hashes of ui.ChangeScript (%s) and wasmStarter (%s) alone; an inline script other than them must be checked", s.csp, base, change, starter)
		}
	}
}

// FuzzInlineContents: any page markup gives contents or an error, never a
// panic, and every content is a slice of the page.
func FuzzInlineContents(f *testing.F) {
	f.Add([]byte(`<script>a</script><script src=x></script>`))
	f.Add([]byte(`<script`))
	f.Add([]byte(`<style>b{}</style`))
	f.Add([]byte(`<SCRIPT>x</script>`))
	f.Add([]byte("<stYle>\xaa\xe0\x8f\xb2</stYle")) // invalid UTF-8 must not shift offsets
	f.Fuzz(func(t *testing.T, page []byte) {
		for _, tag := range []string{"script", "style"} {
			parts, err := inlineContents(page, tag)
			if err != nil {
				continue
			}
			for _, p := range parts {
				if !bytes.Contains(page, p) {
					t.Fatalf("content %q not in page", p)
				}
			}
		}
	})
}

// TestWasmStarterComesFirst: the script that starts app.wasm's worker comes
// after the policy and the charset and before any stylesheet or script, so
// that it waits for nothing (an inline script waits for the stylesheets
// before it), under the root and under a sub-path.
func TestWasmStarterComesFirst(t *testing.T) {
	for _, base := range []string{"/", "/eventlens/"} {
		s := testSite(t, base)
		for _, p := range ui.Paths {
			page := string(s.files[p].body)
			starter := strings.Index(page, "<script>"+wasmStarter(base+"web/app.wasm", base+"wasm_exec.js")+"</script>")
			policy := strings.Index(page, `http-equiv="Content-Security-Policy"`)
			charset := strings.Index(page, `<meta charset="UTF-8">`)
			style := strings.Index(page, `rel="stylesheet"`)
			script := strings.Index(page, "<script")
			if starter < 0 || policy < 0 || charset < 0 || style < 0 {
				t.Fatalf("page %s under %s: starter at %d, policy at %d, charset at %d, stylesheet at %d", p, base, starter, policy, charset, style)
			}
			if !(policy < charset && charset < starter && starter < style && starter == script) {
				t.Errorf("page %s under %s: want the policy, the charset, then the starter before any stylesheet or other script; at %d, %d, %d (stylesheet at %d, first script at %d)", p, base, policy, charset, starter, style, script)
			}
		}
	}
}
