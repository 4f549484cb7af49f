//go:build !wasm

// Package graceful runs an HTTP server until its context is done, then
// shuts it down gracefully: what the site's server and the live
// receiver's share.
package graceful

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// Serve runs srv on ln until ctx is done (calling stopping then, when
// it is not nil), then lets requests in flight finish, up to 10 s. It
// returns the error that stopped the server early, or the shutdown's.
func Serve(ctx context.Context, srv *http.Server, ln net.Listener, stopping func()) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if stopping != nil {
		stopping()
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
