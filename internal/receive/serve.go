//go:build !wasm

package receive

import (
	"context"
	"eventlens/internal/graceful"
	"log"
	"net"
	"net/http"
	"time"
)

// Serve serves the webhook h (a Receiver, usually wrapped in an access
// log) on ln until ctx is done, with timeouts that keep a slow or silent
// client from holding a connection: 5 s for the headers, 30 s for the
// whole request (Event Grid's own timeout), 30 s to write the answer.
func Serve(ctx context.Context, ln net.Listener, h http.Handler, logger *log.Logger) error {
	srv := &http.Server{
		Handler:                      h,
		DisableGeneralOptionsHandler: true,
		ReadHeaderTimeout:            5 * time.Second,
		ReadTimeout:                  30 * time.Second,
		WriteTimeout:                 30 * time.Second,
		IdleTimeout:                  120 * time.Second,
		MaxHeaderBytes:               64 << 10,
		ErrorLog:                     logger,
	}
	return graceful.Serve(ctx, srv, ln, nil)
}
