//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// fakeWasm stands for app.wasm in unit tests (the real one is a build
// output): a wasm header and compressible filler.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("eventlens wasm filler "), 4000)...)

// testWebDir writes a web/ directory with the real icons and stylesheet
// and a fake app.wasm, plus a secret file beside it that no request may
// reach, and returns its path.
func testWebDir(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"icon.svg", "icon-192.png", "icon-512.png", "icon-maskable-512.png", "app.css"} {
		b, err := os.ReadFile(filepath.Join("web", name))
		if err != nil {
			t.Fatalf("reading web/%s: %v", name, err)
		}
		writeFile(t, filepath.Join(dir, name), b)
	}
	writeFile(t, filepath.Join(dir, "app.wasm"), fakeWasm)
	writeFile(t, filepath.Join(root, "secret.txt"), []byte("TOP-SECRET"))
	writeFile(t, filepath.Join(dir, ".hidden"), []byte("TOP-SECRET"))
	return dir
}

func writeFile(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testSite builds the site from testWebDir under base.
func testSite(t testing.TB, base string) *site {
	t.Helper()
	s, err := buildSite(siteOptions{webDir: testWebDir(t), base: base, level: serveLevel})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t testing.TB, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestWorkerPatchFindsItsAnchors(t *testing.T) {
	got, err := workerTemplate()
	if err != nil {
		t.Fatalf("go-app's worker template no longer takes the patch: %v", err)
	}
	for _, p := range workerPatches {
		if strings.Contains(got, p.anchor) {
			t.Errorf("patch %q: anchor still in the patched template", p.name)
		}
		if !strings.Contains(got, p.with) {
			t.Errorf("patch %q: replacement missing", p.name)
		}
	}
	for _, want := range []string{`cache: "reload"`, `event.waitUntil(`, `{{.Version}}`, `{{.ResourcesToCache}}`} {
		if !strings.Contains(got, want) {
			t.Errorf("patched template lacks %s", want)
		}
	}
	if strings.Contains(got, "cache.addAll(resourcesToCache)") {
		t.Error("patched template still fills the cache through the HTTP cache")
	}
}

func TestWorkerPatchFailsLoudly(t *testing.T) {
	anchor := workerPatches[1].anchor
	tests := map[string]string{
		"anchor gone":    strings.Replace(app.DefaultAppWorkerJS, anchor, "async function installWorker() {}", 1),
		"anchor twice":   app.DefaultAppWorkerJS + "\n" + anchor,
		"empty template": "",
	}
	for name, tmpl := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := patchWorker(tmpl)
			if err == nil {
				t.Fatal("patchWorker accepted a template its patch does not fit")
			}
			if !strings.Contains(err.Error(), "server_worker.go") {
				t.Errorf("error %q does not say what to update", err)
			}
		})
	}
}

func TestPrecacheListIsServed(t *testing.T) {
	for _, base := range []string{"/", "/eventlens/"} {
		t.Run(base, func(t *testing.T) {
			s := testSite(t, base)
			worker := get(t, s, "GET", base+"app-worker.js")
			if worker.Code != 200 {
				t.Fatalf("app-worker.js: %d", worker.Code)
			}
			urls, err := precacheList(worker.Body.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"app.js", "app.css", "wasm_exec.js", "manifest.webmanifest", "web/app.wasm", "web/app.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable-512.png"}
			for _, w := range want {
				if !contains(urls, base+w) {
					t.Errorf("precache list %v lacks %s", urls, base+w)
				}
			}
			for _, u := range urls {
				if !strings.HasPrefix(u, strings.TrimSuffix(base, "/")) {
					t.Errorf("precached %s is outside the site %s", u, base)
				}
				if r := get(t, s, "GET", u); r.Code != 200 {
					t.Errorf("precached %s answers %d: the worker would cache nothing", u, r.Code)
				}
			}
			if !strings.Contains(worker.Body.String(), `const cacheName = "app-" + "`+s.version+`"`) {
				t.Error("worker cache name is not app-<version>")
			}
		})
	}
}

func TestPrecacheOfMissingFileRefusesToBuild(t *testing.T) {
	web := testWebDir(t)
	if err := os.Remove(filepath.Join(web, "icon-512.png")); err != nil {
		t.Fatal(err)
	}
	_, err := buildSite(siteOptions{webDir: web, base: "/", level: serveLevel})
	if err == nil || !strings.Contains(err.Error(), "icon-512.png") {
		t.Fatalf("build with a missing precached icon: err = %v, want one naming icon-512.png", err)
	}
	if err := os.Remove(filepath.Join(web, "app.wasm")); err != nil {
		t.Fatal(err)
	}
	if _, err := buildSite(siteOptions{webDir: web, base: "/", level: serveLevel}); err == nil || !strings.Contains(err.Error(), "make wasm") {
		t.Fatalf("build without app.wasm: err = %v, want one saying to run make wasm", err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestVersionIsAContentHash(t *testing.T) {
	web := testWebDir(t)
	build := func(v string) *site {
		t.Helper()
		s, err := buildSite(siteOptions{webDir: web, version: v, base: "/", level: serveLevel})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := build(""), build("")
	if a.version != b.version {
		t.Errorf("same content, two versions: %s and %s", a.version, b.version)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(a.version) {
		t.Errorf("version %q is not a 16-digit hash", a.version)
	}
	for p, f := range a.files {
		if bytes.Contains(f.body, []byte(versionPlaceholder)) {
			t.Errorf("%s ships the version placeholder", p)
		}
	}
	appJS := string(a.files["/app.js"].body)
	if !strings.Contains(appJS, `"GOAPP_VERSION":"`+a.version+`"`) {
		t.Error("app.js does not carry the version")
	}
	writeFile(t, filepath.Join(web, "app.css"), []byte("body{color:red}"))
	if c := build(""); c.version == a.version {
		t.Error("changing web/app.css kept the version: clients would not update")
	}
	if d := build("release-42"); d.version != "release-42" || !strings.Contains(string(d.files["/app-worker.js"].body), `"app-" + "release-42"`) {
		t.Errorf("explicit version ignored: %s", d.version)
	}
}

// The kinds of response the server gives, each with the headers every
// response must carry.
func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	s := testSite(t, "/")
	etag := get(t, s, "GET", "/app.js").Header().Get("ETag")
	tests := []struct {
		name, method, target string
		header               []string
		status               int
	}{
		{"page", "GET", "/", nil, 200},
		{"wasm", "GET", "/web/app.wasm", nil, 200},
		{"wasm brotli", "GET", "/web/app.wasm", []string{"Accept-Encoding", "br"}, 200},
		{"script", "GET", "/app.js", nil, 200},
		{"not modified", "GET", "/app.js", []string{"If-None-Match", etag}, 304},
		{"head", "HEAD", "/", nil, 200},
		{"missing", "GET", "/nope.js", nil, 404},
		{"directory", "GET", "/web/", nil, 404},
		{"post", "POST", "/", nil, 405},
		{"traversal", "GET", "/web/../secret.txt", nil, 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/", nil)
			r.URL.Path = tt.target
			for i := 0; i+1 < len(tt.header); i += 2 {
				r.Header.Set(tt.header[i], tt.header[i+1])
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Fatalf("status %d, want %d", w.Code, tt.status)
			}
			h := w.Header()
			csp := h.Get("Content-Security-Policy")
			for _, want := range []string{"default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "frame-ancestors 'none'", "base-uri 'none'", "object-src", "worker-src 'self'", "manifest-src 'self'"} {
				if want == "object-src" {
					continue // covered by default-src 'none'
				}
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %s", csp, want)
				}
			}
			if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
				t.Errorf("CSP %q allows inline code or eval", csp)
			}
			if got := h.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q", got)
			}
			if got := h.Get("Referrer-Policy"); got != "no-referrer" {
				t.Errorf("Referrer-Policy = %q", got)
			}
		})
	}
}

func TestMethodsOtherThanGetAndHead(t *testing.T) {
	s := testSite(t, "/")
	for _, m := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND"} {
		w := get(t, s, m, "/")
		if w.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s: status %d, want 405", m, w.Code)
		}
		if got := w.Header().Get("Allow"); got != "GET, HEAD" {
			t.Errorf("%s: Allow = %q", m, got)
		}
	}
}

// rawRequest sends one request line as written, so that encoded and
// malformed paths reach the server untouched by any client.
func rawRequest(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", target, addr)
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

func TestTraversalAndMalformedPaths(t *testing.T) {
	s := testSite(t, "/")
	srv := httptest.NewServer(s)
	defer srv.Close()
	addr := strings.TrimPrefix(srv.URL, "http://")
	tests := []struct {
		target string
		status int
	}{
		{"/../secret.txt", 400},
		{"/web/../../secret.txt", 400},
		{"/web/%2e%2e/secret.txt", 400},
		{"/web/%2E%2E/%2E%2E/secret.txt", 400},
		{"/web/..%2fsecret.txt", 400},
		{"/web%2f..%2fsecret.txt", 400},
		{"/web/%252e%252e/secret.txt", 404},
		{"/web/%25%32%65%25%32%65/secret.txt", 404},
		{"/web\\..\\secret.txt", 400},
		{"/web/..%5csecret.txt", 400},
		{"/web/%5c..%5csecret.txt", 400},
		{"/web/./app.css", 400},
		{"//web/app.css", 400},
		{"/web//app.css", 400},
		{"/web/app.css%00", 400},
		{"/web/.hidden", 404},
		{"/secret.txt", 404},
		{"/web", 404},
		{"/web/", 404},
		{"/.git/config", 404},
		{"/server.go", 404},
		{"/web/app.css", 200},
		{"/web/app.css?x=../..", 200},
	}
	for _, tt := range tests {
		code, body := rawRequest(t, addr, tt.target)
		if code != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.target, code, tt.status)
		}
		if strings.Contains(body, "TOP-SECRET") || strings.Contains(body, "<a href") || strings.Contains(body, "package main") {
			t.Errorf("GET %s leaked a file or a listing: %.80q", tt.target, body)
		}
	}
}

func TestMissingFilesAndDirectories(t *testing.T) {
	s := testSite(t, "/")
	for _, p := range []string{"/web/", "/web", "/nope", "/web/nope.png", "/index.html.br", "/app.js/"} {
		w := get(t, s, "GET", p)
		if w.Code != 404 {
			t.Errorf("GET %s: %d, want 404", p, w.Code)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
			t.Errorf("GET %s: Content-Type %q", p, ct)
		}
		if strings.Contains(w.Body.String(), "<a") || strings.Contains(w.Body.String(), "app.wasm") {
			t.Errorf("GET %s lists a directory: %q", p, w.Body.String())
		}
	}
}

func TestContentTypes(t *testing.T) {
	s := testSite(t, "/")
	tests := map[string]string{
		"/":                          "text/html; charset=utf-8",
		"/web/app.wasm":              "application/wasm",
		"/manifest.webmanifest":      "application/manifest+json",
		"/app.js":                    "text/javascript; charset=utf-8",
		"/app-worker.js":             "text/javascript; charset=utf-8",
		"/wasm_exec.js":              "text/javascript; charset=utf-8",
		"/app.css":                   "text/css; charset=utf-8",
		"/web/app.css":               "text/css; charset=utf-8",
		"/web/icon.svg":              "image/svg+xml",
		"/web/icon-192.png":          "image/png",
		"/web/icon-maskable-512.png": "image/png",
	}
	for p, want := range tests {
		for _, ae := range []string{"", "gzip", "br"} {
			w := get(t, s, "GET", p, "Accept-Encoding", ae)
			if w.Code != 200 {
				t.Errorf("GET %s (%s): %d", p, ae, w.Code)
			}
			if got := w.Header().Get("Content-Type"); got != want {
				t.Errorf("GET %s (%s): Content-Type %q, want %q", p, ae, got, want)
			}
		}
	}
}

func TestCompressedResponses(t *testing.T) {
	s := testSite(t, "/")
	for _, p := range []string{"/web/app.wasm", "/app.js", "/", "/manifest.webmanifest", "/web/app.css"} {
		raw := s.files[p].body
		tests := []struct{ accept, encoding string }{
			{"", ""},
			{"gzip", "gzip"},
			{"br", "br"},
			{"gzip, deflate, br, zstd", "br"},
			{"br;q=0, gzip", "gzip"},
			{"br;q=0, gzip;q=0", ""},
			{"identity", ""},
			{"*", "br"},
			{"*;q=0", ""},
		}
		for _, tt := range tests {
			w := get(t, s, "GET", p, "Accept-Encoding", tt.accept)
			if got := w.Header().Get("Content-Encoding"); got != tt.encoding {
				t.Errorf("GET %s with Accept-Encoding %q: Content-Encoding %q, want %q", p, tt.accept, got, tt.encoding)
				continue
			}
			if !strings.Contains(w.Header().Get("Vary"), "Accept-Encoding") {
				t.Errorf("GET %s: no Vary: Accept-Encoding", p)
			}
			if cl := w.Header().Get("Content-Length"); cl != fmt.Sprint(w.Body.Len()) {
				t.Errorf("GET %s (%s): Content-Length %q for %d bytes", p, tt.encoding, cl, w.Body.Len())
			}
			var body io.Reader = w.Body
			switch tt.encoding {
			case "gzip":
				zr, err := gzip.NewReader(body)
				if err != nil {
					t.Fatal(err)
				}
				body = zr
			case "br":
				body = brotli.NewReader(body)
			}
			got, err := io.ReadAll(body)
			if err != nil {
				t.Fatalf("GET %s (%s): decoding: %v", p, tt.encoding, err)
			}
			if !bytes.Equal(got, raw) {
				t.Errorf("GET %s (%s): decoded body differs from the file", p, tt.encoding)
			}
		}
	}
	// PNGs are compressed already: served as they are.
	if w := get(t, s, "GET", "/web/icon-512.png", "Accept-Encoding", "br, gzip"); w.Header().Get("Content-Encoding") != "" {
		t.Errorf("PNG served with Content-Encoding %q", w.Header().Get("Content-Encoding"))
	}
}

func TestHeadAndConditionalRequests(t *testing.T) {
	s := testSite(t, "/")
	for _, ae := range []string{"", "br"} {
		g := get(t, s, "GET", "/web/app.wasm", "Accept-Encoding", ae)
		h := get(t, s, "HEAD", "/web/app.wasm", "Accept-Encoding", ae)
		if h.Code != 200 || h.Body.Len() != 0 {
			t.Errorf("HEAD (%q): status %d, %d body bytes", ae, h.Code, h.Body.Len())
		}
		if h.Header().Get("Content-Length") != fmt.Sprint(g.Body.Len()) {
			t.Errorf("HEAD (%q): Content-Length %q, GET sends %d bytes", ae, h.Header().Get("Content-Length"), g.Body.Len())
		}
		etag := g.Header().Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		if c := get(t, s, "GET", "/web/app.wasm", "Accept-Encoding", ae, "If-None-Match", etag); c.Code != 304 || c.Body.Len() != 0 {
			t.Errorf("If-None-Match %s: status %d, %d bytes", etag, c.Code, c.Body.Len())
		}
	}
	plain := get(t, s, "GET", "/web/app.wasm").Header().Get("ETag")
	br := get(t, s, "GET", "/web/app.wasm", "Accept-Encoding", "br").Header().Get("ETag")
	if plain == br {
		t.Error("the brotli and identity bodies share an ETag")
	}
	if r := get(t, s, "GET", "/web/app.wasm", "Range", "bytes=0-3"); r.Code != 206 || r.Body.String() != "\x00asm" {
		t.Errorf("Range on the identity body: %d %q", r.Code, r.Body.String())
	}
	if r := get(t, s, "GET", "/web/app.wasm", "Range", "bytes=0-3", "Accept-Encoding", "br"); r.Code != 200 {
		t.Errorf("Range on an encoded body: %d, want the whole body (200)", r.Code)
	}
}

func TestManifest(t *testing.T) {
	for _, base := range []string{"/", "/eventlens/"} {
		s := testSite(t, base)
		m := string(s.files["/manifest.webmanifest"].body)
		for _, want := range []string{
			`"scope":"` + base + `"`, `"start_url":"` + base + `"`, `"id":"` + base + `"`,
			`"name":"eventlens"`, `"short_name":"eventlens"`, `"theme_color":"#1f4e79"`, `"background_color":"#0d1117"`,
			`"src":"` + base + `web/icon-192.png"`, `"src":"` + base + `web/icon-512.png"`, `"src":"` + base + `web/icon.svg"`,
			`"purpose":"maskable"`, `"display":"standalone"`,
		} {
			if !strings.Contains(m, want) {
				t.Errorf("base %s: manifest lacks %s:\n%s", base, want, m)
			}
		}
		if strings.Contains(m, `"purpose":""`) {
			t.Errorf("base %s: manifest has an empty icon purpose", base)
		}
	}
}

func TestPagesUnderABasePath(t *testing.T) {
	s := testSite(t, "/eventlens/")
	page := get(t, s, "GET", "/eventlens/").Body.String()
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "/eventlens/") {
			t.Errorf("page links %s outside /eventlens/", m[1])
		}
	}
	if !strings.Contains(page, `http-equiv="Content-Security-Policy"`) {
		t.Error("exported page has no CSP meta for hosts without headers")
	}
	if strings.Contains(page, `content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors`) {
		t.Error("CSP meta carries frame-ancestors, which browsers reject there")
	}
	appJS := string(s.files["/app.js"].body)
	for _, want := range []string{`"GOAPP_ROOT_PREFIX":"/eventlens"`, `"/eventlens/web/app.wasm"`, `"/eventlens/app-worker.js"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	if w := get(t, s, "GET", "/app.js"); w.Code != 404 {
		t.Errorf("/app.js outside the base: %d, want 404", w.Code)
	}
}

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
	// go-app's own page has no inline script: the policy has no hash.
	s := testSite(t, "/")
	if strings.Contains(s.csp, "sha256-") {
		t.Errorf("go-app's page grew an inline script; check it is wanted: %s", s.csp)
	}
}

func TestNormalizeBase(t *testing.T) {
	tests := map[string]string{"": "/", "/": "/", "eventlens": "/eventlens/", "/eventlens": "/eventlens/", "/eventlens/": "/eventlens/", "/a/b/": "/a/b/"}
	for in, want := range tests {
		if got, err := normalizeBase(in); err != nil || got != want {
			t.Errorf("normalizeBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"/../x/", "/a//b/", "/a b/", "/a?b", `/a\b`, "/%2e/"} {
		if _, err := normalizeBase(bad); err == nil {
			t.Errorf("normalizeBase(%q) accepted", bad)
		}
	}
}

func TestAcceptsEncoding(t *testing.T) {
	tests := []struct {
		header, enc string
		want        bool
	}{
		{"", "br", false},
		{"br", "br", true},
		{"gzip, br", "br", true},
		{"BR", "br", true},
		{"br;q=0", "br", false},
		{"br; q=0.5", "br", true},
		{"br;q=0.0", "br", false},
		{"br;q=bogus", "br", false},
		{"*", "gzip", true},
		{"*;q=0, gzip", "gzip", true},
		{"gzip;q=0, *", "gzip", false},
		{"x-gzip", "gzip", false},
	}
	for _, tt := range tests {
		if got := acceptsEncoding(tt.header, tt.enc); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tt.header, tt.enc, got)
		}
	}
}

func TestAccessLog(t *testing.T) {
	s := testSite(t, "/")
	var buf bytes.Buffer
	h := accessLog(s, log.New(&buf, "", 0))
	get(t, h, "GET", "/app.js")
	get(t, h, "POST", "/")
	get(t, h, "HEAD", "/web/app.wasm")
	get(t, h, "GET", "/a%20b%0A")
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	want := []*regexp.Regexp{
		regexp.MustCompile(`^GET /app\.js 200 [1-9]\d* \S+s$`),
		regexp.MustCompile(`^POST / 405 \d+ \S+s$`),
		regexp.MustCompile(`^HEAD /web/app\.wasm 200 0 \S+s$`),
		regexp.MustCompile(`^GET /a%20b%0A 400 \d+ \S+s$`),
	}
	if len(lines) != len(want) {
		t.Fatalf("log has %d lines, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, re := range want {
		if !re.MatchString(lines[i]) {
			t.Errorf("log line %q does not match %s", lines[i], re)
		}
	}
}

func TestExport(t *testing.T) {
	web := testWebDir(t)
	out := filepath.Join(t.TempDir(), "dist")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "-out", out, "-web", web, "-base", "/eventlens/"}, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
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
	stderr.Reset()
	if code := run([]string{"export", "-out", out, "-web", web}, &stdout, &stderr); code == 0 || !strings.Contains(stderr.String(), "not empty") {
		t.Errorf("export into a non-empty directory: exit %d, %q", code, stderr.String())
	}
	if code := run([]string{"export", "-out", t.TempDir(), "-web", web, "-base", "/../x"}, &stdout, &stderr); code == 0 {
		t.Error("export with a bad base succeeded")
	}
}

func TestServeFlagsAndShutdown(t *testing.T) {
	var out bytes.Buffer
	if code := run([]string{"serve", "-h"}, &out, &out); code != 0 || !strings.Contains(out.String(), "-addr") {
		t.Errorf("serve -h: exit %d, %q", code, out.String())
	}
	if code := run([]string{"serve", "extra"}, &out, &out); code != 2 {
		t.Errorf("serve with an argument: exit %d, want 2", code)
	}
	if code := run([]string{"export", "-h"}, &out, &out); code != 0 || !strings.Contains(out.String(), "-base") {
		t.Errorf("export -h: exit %d", code)
	}

	// A real server on a free port, stopped by its context as by SIGTERM.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	var logs syncBuffer
	t.Chdir(filepath.Dir(testWebDir(t)))
	go func() { done <- serveUntil(ctx, []string{"-addr", addr}, &logs) }()
	var res *http.Response
	for i := 0; i < 100; i++ {
		if res, err = http.Get("http://" + addr + "/"); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server did not start: %v\n%s", err, logs.String())
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("graceful shutdown: exit %d\n%s", code, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	if !regexp.MustCompile(`(?m)GET / 200 \d+ `).MatchString(logs.String()) {
		t.Errorf("no access log line:\n%s", logs.String())
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// loadRun sends n requests from c concurrent clients over loopback and
// returns how many failed and the requests per second.
func loadRun(tb testing.TB, n, c int) (failed int64, perSecond float64) {
	tb.Helper()
	s := testSite(tb, "/")
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: c, DisableCompression: false},
	}
	defer client.CloseIdleConnections()
	paths := []string{"/", "/app.js", "/app-worker.js", "/manifest.webmanifest", "/web/app.css", "/web/icon-192.png", "/web/app.wasm", "/nope"}
	var next, bad atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				p := paths[i%int64(len(paths))]
				res, err := client.Get(srv.URL + p)
				if err != nil {
					bad.Add(1)
					continue
				}
				_, err = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				want := 200
				if p == "/nope" {
					want = 404
				}
				if err != nil || res.StatusCode != want {
					bad.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	return bad.Load(), float64(n) / time.Since(start).Seconds()
}

func TestServeLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load run skipped with -short")
	}
	failed, rate := loadRun(t, 20000, 64)
	t.Logf("20000 requests from 64 clients: %.0f req/s", rate)
	if failed != 0 {
		t.Errorf("%d of 20000 requests failed", failed)
	}
}

func BenchmarkServe(b *testing.B) {
	n := b.N
	if n < 1000 {
		n = 1000
	}
	b.ResetTimer()
	failed, rate := loadRun(b, n, 64)
	if failed != 0 {
		b.Errorf("%d of %d requests failed", failed, n)
	}
	b.ReportMetric(rate, "req/s")
}

// FuzzServeHTTP sends arbitrary methods, paths and headers: the handler
// never panics, never answers outside its set of statuses, and always
// sends the security headers.
func FuzzServeHTTP(f *testing.F) {
	s := testSite(f, "/eventlens/")
	f.Add("GET", "/eventlens/", "br")
	f.Add("GET", "/eventlens/web/app.wasm", "gzip;q=0.5, br;q=0")
	f.Add("HEAD", "/eventlens/app-worker.js", "*")
	f.Add("GET", "/eventlens/../secret.txt", "")
	f.Add("POST", "/eventlens/web/%2e%2e/x", "identity")
	f.Add("GET", "/eventlens/web\\..\\x", "br;q=")
	f.Add("GET", "/eventlens", "")
	f.Fuzz(func(t *testing.T, method, target, ae string) {
		r, err := http.NewRequest(method, "http://h"+target, nil)
		if err != nil || r.URL.Host != "h" {
			return
		}
		r.Header.Set("Accept-Encoding", ae)
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		switch w.Code {
		case 200, 400, 404, 405:
		default:
			t.Fatalf("%s %s: status %d", method, target, w.Code)
		}
		if w.Header().Get("Content-Security-Policy") == "" || w.Header().Get("X-Content-Type-Options") != "nosniff" {
			t.Fatalf("%s %s: security headers missing", method, target)
		}
		if _, ok := cleanRequestPath(r); w.Code == 200 && !ok {
			t.Fatalf("%s %s: served an unclean path", method, target)
		}
	})
}

// FuzzCleanRequestPath: an accepted path never climbs out of the root.
func FuzzCleanRequestPath(f *testing.F) {
	for _, p := range []string{"/", "/web/app.wasm", "/../x", "/a/./b", "/a%2fb", "/a\\b", "//", "/a/", "/%2e%2e/"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, target string) {
		r, err := http.NewRequest("GET", "http://h"+target, nil)
		if err != nil {
			return
		}
		p, ok := cleanRequestPath(r)
		if !ok {
			return
		}
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." || seg == "." || strings.Contains(seg, "\\") {
				t.Fatalf("accepted %q (path %q)", target, p)
			}
		}
	})
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
		_ = acceptsEncoding(string(page), "br")
	})
}

func TestCanonicalHTML(t *testing.T) {
	tests := []struct{ in, want string }{
		{`<a href="/x" class="b">t</a>`, `<a class="b" href="/x">t</a>`},
		{`<script src="/a.js" defer></script>`, `<script defer src="/a.js"></script>`},
		{`<script>if (a<b && c>d) {}</script><p z="1" a>`, `<script>if (a<b && c>d) {}</script><p a z="1">`},
		{`<svg><path d="M0" fill="x"/></svg>`, `<svg><path d="M0" fill="x" /></svg>`},
		{`<!doctype html><!-- c --> 1 < 2`, `<!doctype html><!-- c --> 1 < 2`},
		{`<p b='1' a="2">`, `<p b='1' a="2">`},
		{`<p b="1`, `<p b="1`},
		{`<`, `<`},
	}
	for _, tt := range tests {
		if got := string(canonicalHTML([]byte(tt.in))); got != tt.want {
			t.Errorf("canonicalHTML(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzCanonicalHTML: any markup is rewritten without a panic, the rewrite
// is stable, and text outside tags is kept.
func FuzzCanonicalHTML(f *testing.F) {
	f.Add([]byte(`<a href="/x" class="b">t</a><script>1<2</script>`))
	f.Add([]byte(`<svg><path d="M0"/></svg>`))
	f.Add([]byte(`<p b='1' a="2"><`))
	f.Fuzz(func(t *testing.T, page []byte) {
		out := canonicalHTML(page)
		if !bytes.HasPrefix(page, []byte("<")) && len(page) > 0 {
			if lt := bytes.IndexByte(page, '<'); lt < 0 && !bytes.Equal(out, page) || lt > 0 && !bytes.HasPrefix(out, page[:lt]) {
				t.Fatalf("text before the first tag changed: %q -> %q", page, out)
			}
		}
		if again := canonicalHTML(out); !bytes.Equal(again, out) {
			t.Fatalf("not idempotent: %q -> %q -> %q", page, out, again)
		}
	})
}
