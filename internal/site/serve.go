//go:build !wasm

package site

import (
	"context"
	"eventlens/internal/graceful"
	"log"
	"net"
	"net/http"
	"time"
)

// Serve serves the site on ln with timeouts fit for the app, logging each request
// (AccessLog) and the server's errors to logger, until ctx is done; then it
// lets requests in flight finish (up to 10 s) and returns. It returns the
// error that stopped the server early, or the one of the shutdown.
// It logs "eventlens: shutting down" when ctx is done. The answers net/http
// writes by itself to requests it cannot read (400, 431, 501, 505) carry
// the security headers too.
func Serve(ctx context.Context, ln net.Listener, s *Site, logger *log.Logger) error {
	ln = newSecuredListener(ln, s)
	srv := &http.Server{
		Handler: AccessLog(s, logger),
		// OPTIONS * goes to the site (405 with the security headers), not
		// to net/http's built-in 200 without them.
		DisableGeneralOptionsHandler: true,
		ReadHeaderTimeout:            5 * time.Second,
		ReadTimeout:                  10 * time.Second,
		WriteTimeout:                 60 * time.Second,
		IdleTimeout:                  120 * time.Second,
		MaxHeaderBytes:               64 << 10,
		ErrorLog:                     logger,
	}
	return graceful.Serve(ctx, srv, ln, func() { logger.Printf("eventlens: shutting down") })
}

// AccessLog logs one line per request: method, path, status, bytes sent
// and duration.
func AccessLog(next http.Handler, l *log.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		if rec.status == 0 {
			rec.status = http.StatusOK
		}
		// EscapedPath keeps control characters and spaces out of the log.
		l.Printf("%s %s %d %d %s", r.Method, r.URL.EscapedPath(), rec.status, rec.bytes, time.Since(start).Round(time.Microsecond))
	})
}

// statusRecorder remembers a response's status and size.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// WriteHeader records the status.
func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap returns the writer underneath, for http.ResponseController (a
// live stream flushes and sets its own write deadline through it).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Write counts the bytes sent.
func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += int64(n)
	return n, err
}
