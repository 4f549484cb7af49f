package gen

import (
	"slices"
	"strconv"
	"time"
)

// Scenario is a batch with known answers: ordinary traffic (as Events
// makes, from its own seed) plus reconnect storms and error bursts whose
// counts and durations follow from their fields, and events delivered late
// (out of time order). The same Scenario always gives the same events.
type Scenario struct {
	Seed       uint64  // seeds the ordinary traffic; 0 is Events' own seed
	Background int     // events of ordinary traffic, on the hubs Events uses
	Storms     []Storm // reconnect storms
	Bursts     []Burst // error bursts
	// Late is how many events arrive after the event that follows them in
	// time: each swaps places with its successor, so that exactly Late
	// events are earlier than the event before them (fewer when the batch
	// is too short to space them out).
	Late int
}

// Storm is a reconnect storm: Clients clients of one hub connect one after
// the other, Step apart, from At; then, Rounds times, every Period, all of
// them drop (one after the other, Step apart, each disconnect carrying
// Message) and reconnect Gap later. The last connections stay open.
//
// Its answers, for a hub and users that nothing else uses: Clients ×
// (Rounds+1) connects, Clients × Rounds disconnects, all with Message,
// Clients open at the end; each client's first connection lasts Period,
// the others Period − Gap.
type Storm struct {
	Hub     string        // the storm's hub
	User    string        // the clients' user ids are User-0, User-1, …
	At      time.Duration // after the batch's start
	Clients int
	Rounds  int
	Period  time.Duration // between a client's disconnects; more than Gap + Clients × Step
	Gap     time.Duration // from a disconnect to the reconnect
	Step    time.Duration // between two clients' events
	Message string        // every disconnect's errorMessage
}

// Burst is a burst of errors: Count connections of one hub open one after
// the other, Step apart, from At, and each closes Hold after it opened,
// with Message. Its answers, for a hub and users nothing else uses: Count
// connects and disconnects, all with Message, none open, every duration
// Hold.
type Burst struct {
	Hub     string
	User    string // the users are User-0, User-1, …
	At      time.Duration
	Count   int
	Step    time.Duration
	Hold    time.Duration
	Message string
}

// Events returns the scenario's events, in time order but for the late
// ones.
func (sc Scenario) Events() []Event {
	seed := sc.Seed
	if seed == 0 {
		seed = defaultSeed
	}
	out := events(max(sc.Background, 0), seed)
	r := &rng{s: seed ^ 0x5707_0000_b0b5}
	add := func(typ string, at time.Duration, hub, conn, user, msg string) {
		out = append(out, Event{ID: r.guid(), Type: typ, Time: start.Add(at), Hub: hub, ConnectionID: conn, UserID: user, ErrorMessage: msg})
	}
	for _, st := range sc.Storms {
		for k := range max(st.Clients, 0) {
			user := st.User + "-" + strconv.Itoa(k)
			conn := r.text(22, base64URL)
			offset := time.Duration(k) * st.Step
			add(Connected, st.At+offset, st.Hub, conn, user, "")
			for round := 1; round <= st.Rounds; round++ {
				drop := st.At + time.Duration(round)*st.Period + offset
				add(Disconnected, drop, st.Hub, conn, user, st.Message)
				conn = r.text(22, base64URL)
				add(Connected, drop+st.Gap, st.Hub, conn, user, "")
			}
		}
	}
	for _, b := range sc.Bursts {
		for k := range max(b.Count, 0) {
			conn := r.text(22, base64URL)
			user := b.User + "-" + strconv.Itoa(k)
			at := b.At + time.Duration(k)*b.Step
			add(Connected, at, b.Hub, conn, user, "")
			add(Disconnected, at+b.Hold, b.Hub, conn, user, b.Message)
		}
	}
	slices.SortStableFunc(out, func(a, b Event) int { return a.Time.Compare(b.Time) })
	// Late events: swap an event with the next one whose time differs, at
	// places spaced out over the batch so that no two swaps touch.
	if sc.Late > 0 && len(out) > 3 {
		stride := max(len(out)/(sc.Late+1), 3)
		done := 0
		for i := stride; i+1 < len(out) && done < sc.Late; i += stride {
			if out[i].Time.Before(out[i+1].Time) && (i == 0 || !out[i+1].Time.Before(out[i-1].Time)) {
				out[i], out[i+1] = out[i+1], out[i]
				done++
			}
		}
	}
	return out
}

// Batch returns the scenario's events as a JSON array in form f.
func (sc Scenario) Batch(f Form) []byte { return Write(f, sc.Events()) }

// StormBatch is the batch the Timeline's screenshot and browser test show:
// n events of ordinary traffic around a reconnect storm (120 clients of
// hub "live" dropping four times, 20 s apart, with an error) and a burst of
// 40 failed connections on hub "notifications". n counts the whole batch
// (at least the storm's and the burst's 1,160 events).
func StormBatch(f Form, n int) []byte { return StormScenario(n).Batch(f) }

// StormScenario is the scenario of StormBatch.
func StormScenario(n int) Scenario {
	st := Storm{Hub: "live", User: "player", At: 2 * time.Minute, Clients: 120, Rounds: 4,
		Period: 20 * time.Second, Gap: 3 * time.Second, Step: 10 * time.Millisecond,
		Message: "Connection closed with an error."}
	b := Burst{Hub: "notifications", User: "device", At: 4*time.Minute + 30*time.Second, Count: 40,
		Step: 50 * time.Millisecond, Hold: 800 * time.Millisecond, Message: "The client did not respond to ping messages within the timeout."}
	fixed := st.Clients*(2*st.Rounds+1) + 2*b.Count
	return Scenario{Background: max(n-fixed, 0), Storms: []Storm{st}, Bursts: []Burst{b}}
}
