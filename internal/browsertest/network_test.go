//go:build browser

package browsertest

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// netProfile is a network between the browser and the server: what the
// server's side of every connection sends goes through one shared link of
// this rate, and every response waits one round trip before its first
// byte (a new connection's first response two: the TCP handshake too).
// Shaping the server, not Chromium's emulation, covers the service
// worker's requests as well and needs nothing from the DevTools protocol.
type netProfile struct {
	id      string // the subtest's name
	name    string
	bitRate float64       // bits per second; 0 = unshaped (loopback)
	rtt     time.Duration // round trip
	cpu     float64       // CPU slowdown (Chromium's CPU throttling); 0 = none
}

// netProfiles are the networks the first load is measured on.
var netProfiles = []netProfile{
	{"loopback", "loopback", 0, 0, 0},
	{"10Mbit-40ms", "10 Mbit/s, 40 ms", 10e6, 40 * time.Millisecond, 0},
	{"1.6Mbit-150ms", "1.6 Mbit/s, 150 ms", 1.6e6, 150 * time.Millisecond, 0},
	// Lighthouse's mobile profile: its network, and a CPU four times slower.
	{"mobile", "mobile (1.6 Mbit/s, 150 ms, 4× CPU slowdown)", 1.6e6, 150 * time.Millisecond, 4},
}

// shapedListener accepts connections whose writes go through link.
type shapedListener struct {
	net.Listener
	link *link
}

func (l shapedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	sc := &shapedConn{Conn: c, link: l.link}
	sc.fresh.Store(true)
	return sc, nil
}

// link is the shared bottleneck: it sends one chunk at a time at its rate.
type link struct {
	bytesPerSec float64
	rtt         time.Duration

	mu   sync.Mutex
	free time.Time // when the link has sent what it was given
}

// lag is how far behind its schedule the link may send: a sleep that
// overran (on a loaded machine) is made up for by sending the next chunks
// sooner, so that the rate holds on average. An idle link may so send
// lag's worth of bytes at once.
const lag = 50 * time.Millisecond

// send waits until n more bytes have crossed the link.
func (l *link) send(n int) {
	l.mu.Lock()
	start := l.free
	if floor := time.Now().Add(-lag); start.Before(floor) {
		start = floor
	}
	l.free = start.Add(time.Duration(float64(n) / l.bytesPerSec * float64(time.Second)))
	done := l.free
	l.mu.Unlock()
	time.Sleep(time.Until(done))
}

// shapedConn delays and paces what the server writes.
type shapedConn struct {
	net.Conn
	link    *link
	fresh   atomic.Bool // a request arrived and its response has not started
	started atomic.Bool // the connection has sent a response
}

func (c *shapedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.fresh.Store(true)
	}
	return n, err
}

// chunk is how much of a write crosses the link at once, so that
// connections share it fairly.
const chunk = 8 << 10

func (c *shapedConn) Write(p []byte) (int, error) {
	if c.fresh.Swap(false) {
		wait := c.link.rtt
		if !c.started.Swap(true) {
			wait += c.link.rtt // the TCP handshake
		}
		time.Sleep(wait)
	}
	written := 0
	for len(p) > 0 {
		n := min(len(p), chunk)
		c.link.send(n)
		m, err := c.Conn.Write(p[:n])
		written += m
		if err != nil {
			return written, err
		}
		p = p[n:]
	}
	return written, nil
}

// TestPerfFirstLoad records a cold first load (fresh profile: nothing
// cached, no service worker) to an interactive app on each of netProfiles,
// as "PERF first load to interactive, <profile>" lines for `make bench`,
// and the long main-thread tasks of that start-up.
// It runs only with EVENTLENS_PERF=1.
func TestPerfFirstLoad(t *testing.T) {
	perfOnly(t)
	s := buildSite(t, "", "/")
	for _, p := range netProfiles {
		t.Run(p.id, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			if p.bitRate > 0 {
				ln = shapedListener{Listener: ln, link: &link{bytesPerSec: p.bitRate / 8, rtt: p.rtt}}
			}
			count := &countWasm{h: s}
			srv := serveOn(t, ln, count)
			b := newBrowser(t)
			b.runFirst(script("probe"))
			if p.cpu > 0 {
				b.slowCPU(p.cpu)
			}
			ctx, cancel := context.WithTimeout(b.ctx, 3*time.Minute)
			start := time.Now()
			err = chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady(chromedp.CSS(`#app[data-wasm="ready"]`)))
			took := time.Since(start)
			cancel()
			if err != nil {
				t.Fatalf("first load on %s: %v\nconsole:\n%s", p.name, err, b.consoleText())
			}
			t.Logf("PERF first load to interactive, %s: %.0f ms", p.name, float64(took)/float64(time.Millisecond))
			t.Logf("PERF first load, app.wasm downloaded, %s: %s; app.wasm sent %d times in full by then", p.name, eval[string](b, call("wasm_timing")), count.n.Load())
			// Start-up's main-thread work: every long task from the navigation
			// until the page has been quiet for half a second (the validators
			// warm up after the app starts).
			settle(b)
			st := eval[map[string]float64](b, call("startup_tasks"))
			t.Logf("start-up long tasks, %s, each [start, duration] in ms: %v; first contentful paint at %.0f ms", p.name,
				longTasks(b),
				eval[float64](b, `(performance.getEntriesByName("first-contentful-paint")[0] || {startTime: -1}).startTime`))
			t.Logf("PERF start-up long tasks, %s: longest %.0f ms, %d long tasks, blocking time %.0f ms (each task's time over 50 ms, summed)", p.name, st["longest"], int(st["count"]), st["blocking"])
			srv.Stop()
		})
	}
}

// countWasm counts the full responses (status 200) for app.wasm that h
// serves (a revalidation answered 304 costs no body), and notes when the
// service worker's script is asked for.
type countWasm struct {
	h      http.Handler
	n      atomic.Int32
	worker atomic.Bool // the service worker's script was asked for
}

func (c *countWasm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/app-worker.js" {
		c.worker.Store(true)
	}
	if r.URL.Path != "/web/app.wasm" {
		c.h.ServeHTTP(w, r)
		return
	}
	sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
	c.h.ServeHTTP(sw, r)
	if sw.code == http.StatusOK {
		c.n.Add(1)
	}
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}
