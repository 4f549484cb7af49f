//go:build !wasm

package site

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveForTest runs Serve on a loopback port until the test ends and
// returns its address.
func serveForTest(t *testing.T) (string, *Site) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := testSite(t, "/")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, s, log.New(io.Discard, "", 0)) }()
	t.Cleanup(func() { cancel(); <-done })
	return ln.Addr().String(), s
}

// exchange sends raw request bytes on a new connection and returns the
// first answer and what the server sent after it before closing.
func exchange(t *testing.T, addr, raw string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(20 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	res, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("%q: %v", raw, err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	rest, _ := io.ReadAll(br) // until the server closes (or the deadline)
	return res, string(rest)
}

func TestServerAnswersCarrySecurityHeaders(t *testing.T) {
	addr, s := serveForTest(t)
	for _, tc := range []struct {
		name, raw string
		status    int
	}{
		{"OPTIONS *", "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405},
		{"malformed header", "GET / HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400},
		{"headers too large", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 70<<10) + "\r\n\r\n", 431},
		{"unknown transfer coding", "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501},
		{"unsupported version", "GET / HTTP/2.5\r\nHost: x\r\n\r\n", 505},
	} {
		res, _ := exchange(t, addr, tc.raw)
		if res.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, res.StatusCode, tc.status)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != s.csp {
			t.Errorf("%s: Content-Security-Policy %q", tc.name, got)
		}
		if res.Header.Get("X-Content-Type-Options") != "nosniff" || res.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", tc.name, res.Header)
		}
	}
}

// RFC 9112 §6.1: after a request with both Content-Length and
// Transfer-Encoding, the server closes the connection, so a request
// pipelined behind it (a smuggling attempt) is never answered.
func TestContentLengthWithTransferEncodingClosesTheConnection(t *testing.T) {
	addr, _ := serveForTest(t)
	raw := "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" +
		"GET /app.js HTTP/1.1\r\nHost: x\r\n\r\n"
	res, rest := exchange(t, addr, raw)
	if res.StatusCode != 200 || !res.Close {
		t.Errorf("first answer: status %d, Connection: close %v", res.StatusCode, res.Close)
	}
	if rest != "" {
		t.Errorf("the pipelined request was answered: %.80q", rest)
	}
	// A plain pipelined pair is answered twice on one connection.
	res, rest = exchange(t, addr, "GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
	if res.Close || !strings.HasPrefix(rest, "HTTP/1.1 200") {
		t.Errorf("plain pipelining: close %v, then %.40q", res.Close, rest)
	}
}
