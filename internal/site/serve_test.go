//go:build !wasm

package site

import (
	"bytes"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestAccessLog(t *testing.T) {
	s := testSite(t, "/")
	var buf bytes.Buffer
	h := AccessLog(s, log.New(&buf, "", 0))
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

// Serve on a real listener, stopped by its context as by SIGTERM: it
// answers, logs each request, returns nil, and stops listening.
func TestServeAndShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs syncBuffer
	go func() { done <- Serve(ctx, ln, testSite(t, "/"), log.New(&logs, "", 0)) }()
	// The listener is open already: the first request waits for Serve.
	res, err := http.Get("http://" + addr + "/")
	if err != nil {
		t.Fatalf("GET /: %v\n%s", err, logs.String())
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("GET /: %d, CSP %q", res.StatusCode, res.Header.Get("Content-Security-Policy"))
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("graceful shutdown: %v\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("server did not shut down")
	}
	if !regexp.MustCompile(`(?m)^GET / 200 \d+ `).MatchString(logs.String()) || !strings.Contains(logs.String(), "eventlens: shutting down") {
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

// Write appends p.
func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// String returns what was written.
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
