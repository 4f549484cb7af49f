//go:build !wasm

package site

import (
	"bufio"
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"

	"eventlens/internal/receive"
)

// The live receiver's feed is served on the site's listener through the
// site's handler: GET only, with the security headers, streamed through
// the access log and the server's write timeout; POST is refused there.
func TestLiveFeedOnTheSiteListener(t *testing.T) {
	rc, err := receive.New(receive.Options{Key: "k"})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Build(Options{Web: os.DirFS(testWebDir(t)), Base: "/", Level: ServeLevel, API: rc.Live()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, ln, s, log.New(io.Discard, "", 0)) }()
	defer func() { cancel(); rc.Close(); <-done }()
	base := "http://" + ln.Addr().String()

	for _, m := range []string{"POST", "PUT", "OPTIONS", "DELETE"} {
		req, _ := http.NewRequest(m, base+receive.LivePath, strings.NewReader("[]"))
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 405 || res.Header.Get("Content-Security-Policy") != s.csp {
			t.Errorf("%s %s: status %d, CSP %q; want 405 with the security headers", m, receive.LivePath, res.StatusCode, res.Header.Get("Content-Security-Policy"))
		}
	}
	// The webhook itself is not on the site's listener.
	res, err := http.Post(base+receive.Path+"?key=k", "application/json", strings.NewReader("[]"))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 405 {
		t.Errorf("POST %s on the site's listener: status %d, want 405", receive.Path, res.StatusCode)
	}

	res, err = http.Get(base + receive.LivePath)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/event-stream" ||
		res.Header.Get("Content-Security-Policy") != s.csp || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("GET %s: status %d, headers %v", receive.LivePath, res.StatusCode, res.Header)
	}
	line, err := bufio.NewReader(res.Body).ReadString('\n')
	if err != nil || line != "retry: 2000\n" {
		t.Errorf("the stream's first line %q (%v): it was not flushed through the site's server", line, err)
	}
}
