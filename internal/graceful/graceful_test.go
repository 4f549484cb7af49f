//go:build !wasm

package graceful

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
)

// TestServeFinishesRequestsInFlight: once ctx is done, Serve calls stopping,
// lets the request under way finish with its answer, and returns nil.
func TestServeFinishesRequestsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan struct{})
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, ln, func() { close(stopped) }) }()

	answer := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			answer <- "error: " + err.Error()
			return
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		answer <- string(b)
	}()
	<-started
	cancel()
	<-stopped
	close(release)
	if got := <-answer; got != "done" {
		t.Errorf("the request in flight got %q, want its answer", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve = %v, want nil after a graceful shutdown", err)
	}
}
