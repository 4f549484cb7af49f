// Package gen generates batches of Azure SignalR Service connection events,
// in Event Grid schema or CloudEvents 1.0, for benchmarks and load tests.
//
// The output is deterministic: the same form and count always give the same
// bytes, on every platform. A batch reads like one that a SignalR Service
// resource delivers through Event Grid: GUID event ids, one resource path,
// a few hubs, 22-character connection ids, users with several connections,
// increasing timestamps with seven fractional digits, connections opening
// and closing (a closing one sometimes with an error message), each event
// pretty-printed with two-space indentation as in Azure's examples, about
// 0.5 KB per event. Every generated batch is valid and draws no finding
// from eventlens's checks.
//
// The package uses only the standard library, so that every package's tests
// and benchmarks can use it.
package gen

import (
	"time"
	"unicode/utf8"

	"eventlens/app/vocab"
)

// Form is the schema of a generated batch.
type Form uint8

// The forms gen writes.
const (
	EventGrid   Form = iota // Event Grid schema: topic, eventType, eventTime, dataVersion, metadataVersion
	CloudEvents             // CloudEvents 1.0: source, type, time, specversion
)

// Forms lists both forms, Event Grid first.
var Forms = [...]Form{EventGrid, CloudEvents}

// String returns the form's short name, "eventgrid" or "cloudevents" (as
// used in benchmark names).
func (f Form) String() string {
	if f == CloudEvents {
		return "cloudevents"
	}
	return "eventgrid"
}

// MaxEvents is the most events Event Grid delivers in one batch.
const MaxEvents = vocab.MaxBatchEvents

// The attributes whose values are fixed: specversion and metadataVersion.
var (
	specVersion, _     = vocab.CloudEventsAttribute(vocab.SpecVersion)
	metadataVersion, _ = vocab.EventGridAttribute(vocab.MetadataVersion)
)

// Sizes lists the batch sizes that benchmarks measure: one event, a small,
// a typical large and the largest batch Event Grid delivers.
var Sizes = [...]int{1, 100, 1000, MaxEvents}

// Event types of SignalR Service connection events.
const (
	Connected    = "Microsoft.SignalRService.ClientConnectionConnected"
	Disconnected = "Microsoft.SignalRService.ClientConnectionDisconnected"
)

// Topic is the resource path of the SignalR Service that sends every
// generated event (Event Grid topic, CloudEvents source).
const Topic = "/subscriptions/5b4c9f3e-7a21-4d6b-9c8e-2f1a0d3b6e47/resourceGroups/contoso-realtime-rg/providers/Microsoft.SignalRService/SignalR/contoso-signalr-prod"

// hubs are the hub names events are spread over; the first ones are the
// busiest.
var hubs = [...]string{"chat", "chat", "chat", "notifications", "notifications", "dashboard", "gameLobby"}

// errorMessages are the messages a closing connection may carry.
var errorMessages = [...]string{
	"Internal server error.",
	"Connection closed with an error.",
	"The client did not respond to ping messages within the timeout.",
}

// start is the time of the first event.
var start = time.Date(2024, time.May, 14, 9, 30, 0, 0, time.UTC)

// Event is one generated SignalR connection event, before it is written in
// a form.
type Event struct {
	ID           string    // GUID, unique in the batch
	Type         string    // Connected or Disconnected
	Time         time.Time // eventTime / time, and data.timestamp
	Hub          string    // data.hubName; subject is "/hub/" + Hub
	ConnectionID string    // data.connectionId
	UserID       string    // data.userId
	ErrorMessage string    // data.errorMessage; only on some Disconnected events
}

// rng is splitmix64: tiny, fast, and the same sequence everywhere.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n must be positive.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

const hexDigits = "0123456789abcdef"

// guid returns a random version-4 GUID in lower case.
func (r *rng) guid() string {
	var nib [32]uint64
	x, y := r.next(), r.next()
	for i := range nib {
		if i < 16 {
			nib[i], x = x&15, x>>4
		} else {
			nib[i], y = y&15, y>>4
		}
	}
	nib[12] = 4             // version 4
	nib[16] = 8 | nib[16]&3 // variant 10xx
	b := make([]byte, 0, 36)
	for i, v := range nib {
		if i == 8 || i == 12 || i == 16 || i == 20 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[v])
	}
	return string(b)
}

// text returns n random characters from alphabet.
func (r *rng) text(n int, alphabet string) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.intn(len(alphabet))]
	}
	return string(b)
}

const (
	base64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	lowerNum  = "abcdefghijklmnopqrstuvwxyz0123456789"
)

// userCount is the number of users that connections belong to.
const userCount = 800

// Events returns n events as a SignalR Service emits them over time:
// clients connect and disconnect, a disconnection always closing a
// connection opened earlier in the batch. Events(n) is a prefix of
// Events(m) for m > n. n below zero counts as zero.
func Events(n int) []Event { return events(n, defaultSeed) }

// defaultSeed seeds Events.
const defaultSeed = 0x5eed_e7e7_0000_0001

// events is Events with the random sequence seeded by seed.
func events(n int, seed uint64) []Event {
	n = max(n, 0)
	r := &rng{s: seed}
	users := map[int]string{}
	user := func() string {
		k := r.intn(userCount)
		if _, ok := users[k]; !ok {
			// A user's name depends only on k, so that a batch is a
			// prefix of a longer one.
			users[k] = "user-" + (&rng{s: uint64(k) * 0x2545f4914f6cdd1d}).text(8, lowerNum)
		}
		return users[k]
	}
	type conn struct{ hub, id, user string }
	var open []conn
	out := make([]Event, n)
	t := start
	for i := range out {
		// Events arrive 0 to 400 ms apart, with 100 ns resolution.
		t = t.Add(time.Duration(r.intn(4_000_000)) * 100)
		ev := Event{ID: r.guid(), Time: t}
		if len(open) == 0 || r.intn(100) < 55 {
			c := conn{hub: hubs[r.intn(len(hubs))], id: r.text(22, base64URL), user: user()}
			open = append(open, c)
			ev.Type, ev.Hub, ev.ConnectionID, ev.UserID = Connected, c.hub, c.id, c.user
		} else {
			k := r.intn(len(open))
			c := open[k]
			open[k] = open[len(open)-1]
			open = open[:len(open)-1]
			ev.Type, ev.Hub, ev.ConnectionID, ev.UserID = Disconnected, c.hub, c.id, c.user
			if r.intn(4) == 0 {
				ev.ErrorMessage = errorMessages[r.intn(len(errorMessages))]
			}
		}
		out[i] = ev
	}
	return out
}

// Batch returns a JSON array of n SignalR Service connection events in
// form f (Events(n), written by Write).
func Batch(f Form, n int) []byte {
	return Write(f, Events(n))
}

// Changed returns Batch(f, n) with four edits that a diff must find, when
// n is at least 4: event 1's userId changed, event n/2 removed, a new event
// appended, and the first and last events swapped. For smaller n it returns
// Batch(f, n) with event 0's userId changed (nothing for n = 0).
func Changed(f Form, n int) []byte {
	evs := Events(n)
	if n < 4 {
		if n > 0 {
			evs[0].UserID += "-renamed"
		}
		return Write(f, evs)
	}
	evs[1].UserID += "-renamed"
	evs = append(evs[:n/2], evs[n/2+1:]...)
	extra := Events(n + 1)[n]
	extra.ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" // the same in every form
	evs = append(evs, extra)
	last := len(evs) - 1
	evs[0], evs[last] = evs[last], evs[0]
	return Write(f, evs)
}

// timeLayout writes RFC 3339 times with seven fractional digits, as Azure
// does ("2019-06-10T18:41:00.9584103Z").
const timeLayout = "2006-01-02T15:04:05.0000000Z07:00"

// Write writes events as a JSON array in form f, each event pretty-printed
// with two-space indentation and its members in the order of Azure's
// examples.
func Write(f Form, events []Event) []byte {
	b := make([]byte, 0, len(events)*560+2)
	b = append(b, '[')
	for i := range events {
		if i > 0 {
			b = append(b, ',', '\n')
		}
		b = AppendEvent(b, f, &events[i])
	}
	return append(b, ']')
}

// AppendEvent appends one event in form f, pretty-printed, to dst.
func AppendEvent(dst []byte, f Form, ev *Event) []byte {
	ts := ev.Time.UTC().Format(timeLayout)
	pathKey, typeKey, timeKey := vocab.Topic, vocab.EventType, vocab.EventTime
	if f == CloudEvents {
		pathKey, typeKey, timeKey = vocab.Source, vocab.Type, vocab.Time
	}
	b := append(dst, "{\n"...)
	b = member(b, 1, pathKey, Topic, true)
	b = member(b, 1, vocab.Subject, "/hub/"+ev.Hub, true)
	b = member(b, 1, typeKey, ev.Type, true)
	b = member(b, 1, timeKey, ts, true)
	b = member(b, 1, vocab.ID, ev.ID, true)
	b = append(b, "  \"data\": {\n"...)
	b = member(b, 2, vocab.Timestamp, ts, true)
	b = member(b, 2, vocab.HubName, ev.Hub, true)
	b = member(b, 2, vocab.ConnectionID, ev.ConnectionID, true)
	b = member(b, 2, vocab.UserID, ev.UserID, ev.ErrorMessage != "")
	if ev.ErrorMessage != "" {
		b = member(b, 2, vocab.ErrorMessage, ev.ErrorMessage, false)
	}
	b = append(b, "  },\n"...)
	if f == CloudEvents {
		b = member(b, 1, vocab.SpecVersion, specVersion.Value, false)
	} else {
		b = member(b, 1, vocab.DataVersion, "1.0", true)
		b = member(b, 1, vocab.MetadataVersion, metadataVersion.Value, false)
	}
	return append(b, '}')
}

// member appends `"key": "value"` at the given depth, with a comma when
// more members follow, and a newline.
func member(b []byte, depth int, key, value string, more bool) []byte {
	for range depth {
		b = append(b, "  "...)
	}
	b = appendString(b, key)
	b = append(b, ": "...)
	b = appendString(b, value)
	if more {
		b = append(b, ',')
	}
	return append(b, '\n')
}

// appendString appends s as a JSON string: quotes, backslashes and control
// characters escaped, each byte of invalid UTF-8 written as \ufffd (so
// the output is always valid JSON), everything else as it is.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&15])
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				b = append(b, `\ufffd`...)
			} else {
				b = append(b, s[i:i+size]...)
			}
			i += size
			continue
		default:
			b = append(b, c)
		}
		i++
	}
	return append(b, '"')
}
