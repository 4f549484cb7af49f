//go:build !wasm

package site

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"
)

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
		{"/web/web.go", 404},
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

// FuzzAcceptsEncoding: an encoding is accepted only when the header names
// it or "*", and a header that lists it first with no quality accepts it.
func FuzzAcceptsEncoding(f *testing.F) {
	for _, h := range []string{"", "br", "gzip;q=0, *", "BR;q=0.5", "*;q=0", "br;q=bogus", "x-gzip", "gzip, deflate, br, zstd"} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, header string) {
		for _, enc := range []string{"br", "gzip"} {
			lower := strings.ToLower(header)
			if acceptsEncoding(header, enc) && !strings.Contains(lower, enc) && !strings.Contains(lower, "*") {
				t.Fatalf("acceptsEncoding(%q, %q) = true, but the header names neither it nor *", header, enc)
			}
			if !acceptsEncoding(enc+", "+header, enc) {
				t.Fatalf("acceptsEncoding(%q, %q) = false for a header listing it first", enc+", "+header, enc)
			}
		}
	})
}
