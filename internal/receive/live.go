//go:build !wasm

package receive

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"eventlens/app/delivery"
)

// Paths of the live feed on the site's listener (GET only, same origin).
const (
	// LivePath streams the records as Server-Sent Events: every kept
	// record after Last-Event-ID, then each new one as it arrives (event
	// "delivery", id its Seq, data its JSON).
	LivePath = "/api/live"
	// SnapshotPath answers the kept records as JSON, oldest first.
	SnapshotPath = "/api/live/deliveries"
)

// maxStreams bounds the live streams open at once.
const maxStreams = 8

// keepAlive is how often an idle stream sends a comment, so proxies and
// the browser keep it open.
const keepAlive = 25 * time.Second

// Live returns the live feed's handlers by path, for the site's listener
// (which lets only GET and HEAD through and adds its security headers).
func (rc *Receiver) Live() map[string]http.Handler {
	return map[string]http.Handler{
		LivePath:     http.HandlerFunc(rc.stream),
		SnapshotPath: http.HandlerFunc(rc.snapshot),
	}
}

// Snapshot is the answer of SnapshotPath.
type Snapshot struct {
	Webhook    string            `json:"webhook"`    // the webhook's path, Path
	Deliveries []delivery.Record `json:"deliveries"` // oldest first
}

// crossSite reports whether a browser says the request comes from another
// site's page (Sec-Fetch-Site), which the live feed refuses.
func crossSite(r *http.Request) bool {
	s := r.Header.Get("Sec-Fetch-Site")
	return s != "" && s != "same-origin" && s != "none"
}

func (rc *Receiver) snapshot(w http.ResponseWriter, r *http.Request) {
	if crossSite(r) {
		plain(w, http.StatusForbidden, "403 forbidden: the live feed is for eventlens's own page")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	recs := rc.ring.since(0)
	if recs == nil {
		recs = []delivery.Record{}
	}
	writeJSON(w, Snapshot{Webhook: Path, Deliveries: recs})
}

// stream sends the records as Server-Sent Events until the client goes,
// falls behind (it reconnects with Last-Event-ID and catches up from the
// ring), or the receiver closes.
func (rc *Receiver) stream(w http.ResponseWriter, r *http.Request) {
	if crossSite(r) {
		plain(w, http.StatusForbidden, "403 forbidden: the live feed is for eventlens's own page")
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	if r.Method == http.MethodHead {
		return
	}
	var after uint64
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		after, _ = strconv.ParseUint(id, 10, 64)
	}
	past, c, ok := rc.ring.subscribe(after, maxStreams)
	if !ok {
		h.Set("Retry-After", "5")
		h.Set("Content-Type", "text/plain; charset=utf-8")
		plain(w, http.StatusServiceUnavailable, "503 service unavailable: too many live streams are open; close a tab")
		return
	}
	defer rc.ring.unsubscribe(c)
	ctl := http.NewResponseController(w)
	bw := bufio.NewWriter(w)
	send := func(write func()) bool {
		// A client that stops reading is let go after 10 s; the server's
		// own write timeout does not apply to a stream.
		_ = ctl.SetWriteDeadline(time.Now().Add(10 * time.Second))
		write()
		if bw.Flush() != nil {
			return false
		}
		return ctl.Flush() == nil
	}
	w.WriteHeader(http.StatusOK)
	if !send(func() {
		fmt.Fprintf(bw, "retry: 2000\nevent: ready\ndata: {\"webhook\":%q}\n\n", Path)
		for _, rec := range past {
			writeEvent(bw, rec)
		}
	}) {
		return
	}
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-tick.C:
			if !send(func() { bw.WriteString(": keep-alive\n\n") }) {
				return
			}
		case rec, open := <-c:
			if !open {
				return
			}
			if !send(func() { writeEvent(bw, rec) }) {
				return
			}
		}
	}
}

// writeEvent writes rec as one Server-Sent Event: its JSON has no line
// break (json.Marshal escapes them), so it is one data line.
func writeEvent(bw *bufio.Writer, rec delivery.Record) {
	b, err := json.Marshal(rec)
	if err != nil {
		return // a Record always marshals
	}
	fmt.Fprintf(bw, "id: %d\nevent: delivery\ndata: %s\n\n", rec.Seq, b)
}
