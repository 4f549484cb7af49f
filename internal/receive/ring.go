//go:build !wasm

package receive

import (
	"sync"

	"eventlens/app/delivery"
)

// ring keeps the latest records, bounded in count and in bytes of request
// text, and hands new ones to the live streams.
type ring struct {
	maxRecords, maxBytes int

	mu      sync.Mutex
	records []delivery.Record // oldest first
	bytes   int
	seq     uint64
	subs    map[chan delivery.Record]struct{}
	closed  chan struct{}
	isShut  bool
}

func newRing(maxRecords, maxBytes int) *ring {
	return &ring{maxRecords: maxRecords, maxBytes: maxBytes, subs: map[chan delivery.Record]struct{}{}, closed: make(chan struct{})}
}

// size is what a record counts against the byte bound.
func size(r delivery.Record) int { return len(r.Request) + len(r.Answer) + 128 }

// add numbers rec, keeps it (dropping the oldest records past the bounds)
// and sends it to every stream; a stream that is not keeping up is dropped
// (its channel closed) rather than waited for: the page reconnects and
// catches up from the ring.
func (g *ring) add(rec delivery.Record) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seq++
	rec.Seq = g.seq
	g.records = append(g.records, rec)
	g.bytes += size(rec)
	drop := 0
	for len(g.records)-drop > g.maxRecords || (g.bytes > g.maxBytes && len(g.records)-drop > 1) {
		g.bytes -= size(g.records[drop])
		g.records[drop] = delivery.Record{}
		drop++
	}
	g.records = g.records[drop:]
	for c := range g.subs {
		select {
		case c <- rec:
		default:
			delete(g.subs, c)
			close(c)
		}
	}
}

// since returns the kept records numbered after seq, oldest first.
func (g *ring) since(seq uint64) []delivery.Record {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.sinceLocked(seq)
}

func (g *ring) sinceLocked(seq uint64) []delivery.Record {
	var out []delivery.Record
	for _, r := range g.records {
		if r.Seq > seq {
			out = append(out, r)
		}
	}
	return out
}

// subscribe returns the records after seq and a channel of the ones to
// come (closed when the stream falls behind or the ring closes), or ok
// false when maxStreams streams are open already or the ring is closed.
func (g *ring) subscribe(seq uint64, maxStreams int) (past []delivery.Record, c chan delivery.Record, ok bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.isShut || len(g.subs) >= maxStreams {
		return nil, nil, false
	}
	c = make(chan delivery.Record, 64)
	g.subs[c] = struct{}{}
	return g.sinceLocked(seq), c, true
}

// unsubscribe forgets c.
func (g *ring) unsubscribe(c chan delivery.Record) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if _, ok := g.subs[c]; ok {
		delete(g.subs, c)
		close(c)
	}
}

// close ends every stream and refuses new ones.
func (g *ring) close() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.isShut {
		return
	}
	g.isShut = true
	close(g.closed)
	for c := range g.subs {
		delete(g.subs, c)
		close(c)
	}
}
