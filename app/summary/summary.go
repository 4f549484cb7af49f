// Package summary summarises the Azure SignalR Service connection events of
// an inspected payload (Event Grid schema or CloudEvents, one event or a
// batch): per hub and per user, how many connections opened and closed,
// which closed with an error (grouped by data.errorMessage, most common
// first), how many are still open at the end, the shortest and median
// connection durations (a ClientConnectionConnected and a
// ClientConnectionDisconnected paired by data.connectionId), and the events
// that arrived out of time order. Events of other types are counted and set
// aside; events whose time does not parse are listed, not guessed.
//
// It reads the tree that the inspection decoded (Report.Doc), never the
// text again, and its work is linear in the number of events but for two
// sorts (the events by time, each group's durations), so a batch of 5,000
// events takes a few milliseconds. chart.go lays the summary out as a step
// chart (scales, step points, marks bucketed per pixel) for the page's
// Timeline view.
package summary

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Kind is what a connection event says happened.
type Kind uint8

// The kinds of connection event.
const (
	Connect    Kind = iota // ClientConnectionConnected
	Disconnect             // ClientConnectionDisconnected
)

// String returns "connect" or "disconnect".
func (k Kind) String() string {
	if k == Disconnect {
		return "disconnect"
	}
	return "connect"
}

// Event is one SignalR connection event with a time.
type Event struct {
	Index      int       // the event's number in the payload (Report.Events[Index])
	ID         string    // its id ("" when absent)
	Kind       Kind      // connect or disconnect
	Time       time.Time // data.timestamp, or the envelope's time when data has none
	Hub        string    // data.hubName ("" when absent)
	User       string    // data.userId ("" when absent)
	Connection string    // data.connectionId ("" when absent)
	Error      string    // data.errorMessage of a disconnect ("" when none)
	// Delta is how the event changes the number of open connections: +1
	// for a connect that opens one, -1 for a disconnect that closes one
	// (including one opened before the batch), 0 for a repeated connect or
	// a disconnect of a connection that closed already.
	Delta int
	// OutOfOrder says the event's time is earlier than that of the
	// connection event before it in the payload.
	OutOfOrder bool
	// Opener is, for a disconnect that closes a connection opened in the
	// payload, the index in Summary.Events of that connect; -1 otherwise.
	// The connection counts as open in the connect's hub and user.
	Opener int
}

// Errored reports whether the event is a disconnect that carries an error
// message.
func (e *Event) Errored() bool { return e.Kind == Disconnect && e.Error != "" }

// ErrorCount is how many disconnects carried one error message.
type ErrorCount struct {
	Message string `json:"message"`
	Count   int    `json:"count"`
}

// Stats are the figures of one group of events: a hub, a user, or the
// whole payload.
type Stats struct {
	Name             string       `json:"name"` // the hub or user ("" for the whole payload, or when the events carry none)
	Connects         int          `json:"connects"`
	Disconnects      int          `json:"disconnects"`
	ErrorDisconnects int          `json:"errorDisconnects"` // disconnects with an errorMessage
	Errors           []ErrorCount `json:"errors"`           // by message, most common first (then by message); never nil
	Open             int          `json:"open"`             // connections opened in the payload and still open at its end
	OpenAtStart      int          `json:"openAtStart"`      // connections closed in the payload that opened before it
	Durations        int          `json:"durations"`        // connections whose connect and disconnect are both in the payload
	Shortest         Duration     `json:"shortest"`         // the shortest of those; 0 when there are none
	Median           Duration     `json:"median"`           // their median (the lower one of an even count); 0 when none
	OutOfOrder       int          `json:"outOfOrder"`       // events earlier than the connection event before them

	errs      map[string]int
	durations []time.Duration
}

// Activity is the number of connection events of the group.
func (s *Stats) Activity() int { return s.Connects + s.Disconnects }

// Duration is a time.Duration that encodes to JSON as seconds (a number,
// with the fraction), so that scripts need not know Go's units.
type Duration time.Duration

// MarshalJSON writes the duration in seconds.
func (d Duration) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, time.Duration(d).Seconds(), 'f', -1, 64), nil
}

// UnmarshalJSON reads a duration in seconds.
func (d *Duration) UnmarshalJSON(b []byte) error {
	v, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("a duration is a number of seconds, not %s", b)
	}
	*d = Duration(math.Round(v * float64(time.Second)))
	return nil
}

// String writes the duration as Go does, rounded to the millisecond past
// a second ("1.234s", "250ms", "0s").
func (d Duration) String() string {
	v := time.Duration(d)
	if v >= time.Second || v <= -time.Second {
		v = v.Round(time.Millisecond)
	}
	return v.String()
}

// Untimed is a connection event left out of the summary because its time
// is missing or does not parse.
type Untimed struct {
	Index   int    `json:"event"`   // the event's number in the payload
	ID      string `json:"id"`      // its id ("" when absent)
	Pointer string `json:"pointer"` // JSON pointer of the time value (or of the event, when it has none)
	Value   string `json:"value"`   // the value that does not parse ("" when absent)
	Reason  string `json:"reason"`  // what is wrong, and what to do
}

// Summary is what the connection events of one payload say.
type Summary struct {
	Total   Stats     // every connection event with a time
	Hubs    []Stats   // one per hub, busiest first (then by name)
	Users   []Stats   // one per user, busiest first (then by name)
	Events  []Event   // the connection events with a time, in time order (payload order among equal times)
	Other   int       // events that are not SignalR connection events, set aside
	Untimed []Untimed // connection events whose time is missing or does not parse, in payload order
	// Start and End are the first and last event times (zero when no
	// event has a time).
	Start, End time.Time
}

// Of summarises the SignalR connection events of an inspected payload,
// from the tree the inspection decoded. A report without a tree (text that
// is not JSON) or without events gives an empty summary. It never returns
// nil.
func Of(r *inspect.Report) *Summary {
	s := &Summary{}
	s.Total.init("")
	if r == nil || r.Doc == nil {
		s.finish()
		return s
	}
	root := r.Doc.Root
	s.Events = make([]Event, 0, len(r.Events))
	var last time.Time // the time of the previous connection event, in payload order
	for _, ev := range r.Events {
		node := eventNode(root, ev)
		e, ok := s.read(node, ev)
		if !ok {
			continue
		}
		if !last.IsZero() && e.Time.Before(last) {
			e.OutOfOrder = true
		}
		last = e.Time
		s.Events = append(s.Events, e)
	}
	s.sweep()
	s.finish()
	return s
}

// eventNode returns the node of one event of the report.
func eventNode(root *jsontree.Node, ev inspect.Event) *jsontree.Node {
	if root.Kind == jsontree.Array {
		if ev.Index >= 0 && ev.Index < len(root.Items) {
			return root.Items[ev.Index]
		}
		return nil
	}
	if ev.Pointer == "" {
		return root
	}
	return root.Lookup(ev.Pointer)
}

// read takes one event of the payload: a connection event with a time is
// returned; any other is counted (Other, Untimed).
func (s *Summary) read(n *jsontree.Node, ev inspect.Event) (Event, bool) {
	if n == nil || n.Kind != jsontree.Object {
		s.Other++
		return Event{}, false
	}
	typeKey, timeKey := vocab.EventType, vocab.EventTime
	if ev.Form == detect.CloudEvents {
		typeKey, timeKey = vocab.Type, vocab.Time
	}
	typ, ok := str(n, typeKey)
	if !ok && ev.Form == detect.Unknown {
		typeKey, timeKey = vocab.Type, vocab.Time
		typ, _ = str(n, typeKey)
	}
	var e Event
	switch typ {
	case catalog.Connected:
		e.Kind = Connect
	case catalog.Disconnected:
		e.Kind = Disconnect
	default:
		s.Other++
		return Event{}, false
	}
	e.Index = ev.Index
	e.ID, _ = str(n, vocab.ID)
	data := n.Get(vocab.Data)
	if data != nil && data.Kind != jsontree.Object {
		data = nil
	}
	if data != nil {
		e.Hub, _ = str(data, vocab.HubName)
		e.User, _ = str(data, vocab.UserID)
		e.Connection, _ = str(data, vocab.ConnectionID)
		if e.Kind == Disconnect {
			e.Error, _ = str(data, vocab.ErrorMessage)
		}
	}
	// data.timestamp is when the connection event happened; the envelope's
	// time is when the event was raised, normally the same instant.
	var at *jsontree.Node
	var path []string // where at is, from the event
	if data != nil {
		if v := data.Get(vocab.Timestamp); v != nil && v.Kind != jsontree.Null {
			at, path = v, []string{vocab.Data, vocab.Timestamp}
		}
	}
	if at == nil {
		if v := n.Get(timeKey); v != nil && v.Kind != jsontree.Null {
			at, path = v, []string{timeKey}
		}
	}
	if at != nil && at.Kind == jsontree.String {
		if t, err := time.Parse(time.RFC3339Nano, at.Text); err == nil {
			e.Time = t
			return e, true
		}
	}
	where := strings.Join(path, ".")
	u := Untimed{Index: ev.Index, ID: e.ID, Pointer: ev.Pointer + jsontree.Pointer(path...)}
	switch {
	case at == nil:
		u.Reason = "no data." + vocab.Timestamp + " and no " + timeKey + ": the event cannot be placed in time; add data." + vocab.Timestamp + " (RFC 3339)"
	case at.Kind != jsontree.String:
		u.Value = at.Text
		u.Reason = where + " is a " + at.Kind.String() + ", not an RFC 3339 date-time string such as \"2024-05-14T09:30:00Z\""
	default:
		u.Value = at.Text
		u.Reason = where + " is not an RFC 3339 date-time such as \"2024-05-14T09:30:00Z\": the event cannot be placed in time"
	}
	s.Untimed = append(s.Untimed, u)
	return Event{}, false
}

// str returns the string member key of object n.
func str(n *jsontree.Node, key string) (string, bool) {
	if v := n.Get(key); v != nil && v.Kind == jsontree.String {
		return v.Text, true
	}
	return "", false
}

// conn is what the sweep knows of one connection.
type conn struct {
	state      uint8 // connOpen or connClosed
	start      time.Time
	hub, user  *Stats // the groups of its connect
	opener     int    // the index of its connect in Summary.Events
	hasConnect bool   // a connect of it is somewhere in the payload
}

const (
	connNone uint8 = iota
	connOpen
	connClosed
)

// sweep walks the events in time order: it pairs connects with
// disconnects, sets each event's Delta, and fills the groups' figures.
func (s *Summary) sweep() {
	slices.SortStableFunc(s.Events, func(a, b Event) int { return a.Time.Compare(b.Time) })
	// Each event's connection: the same slot for the same connectionId;
	// an event without one has a slot of its own (it pairs with nothing).
	// A disconnect of a connection with no connect in the payload closes
	// one opened before the payload.
	conns := make([]conn, 0, len(s.Events)/2+1)
	slot := make([]int32, len(s.Events))
	ids := make(map[string]int32, len(s.Events)/2+1)
	for i := range s.Events {
		e := &s.Events[i]
		j, ok := ids[e.Connection]
		if !ok || e.Connection == "" {
			j = int32(len(conns))
			conns = append(conns, conn{})
			if e.Connection != "" {
				ids[e.Connection] = j
			}
		}
		slot[i] = j
		if e.Kind == Connect {
			conns[j].hasConnect = true
		}
	}
	hubs, users := map[string]*Stats{}, map[string]*Stats{}
	group := func(m map[string]*Stats, name string) *Stats {
		g := m[name]
		if g == nil {
			g = &Stats{}
			g.init(name)
			m[name] = g
		}
		return g
	}
	for i := range s.Events {
		e := &s.Events[i]
		gs := [3]*Stats{&s.Total, group(hubs, e.Hub), group(users, e.User)}
		c := &conns[slot[i]]
		e.Opener = -1
		switch e.Kind {
		case Connect:
			if c.state == connNone {
				c.state, c.start, c.hub, c.user, c.opener = connOpen, e.Time, gs[1], gs[2], i
				e.Delta = 1
			}
			for _, g := range gs {
				g.Connects++
			}
		case Disconnect:
			switch {
			case !c.hasConnect && c.state == connNone:
				// Opened before the payload: open from its start.
				e.Delta = -1
				for _, g := range gs {
					g.OpenAtStart++
				}
				c.state = connClosed
			case c.state == connOpen:
				e.Delta, e.Opener = -1, c.opener
				c.state = connClosed
				d := e.Time.Sub(c.start)
				for _, g := range [3]*Stats{&s.Total, c.hub, c.user} {
					g.durations = append(g.durations, d)
				}
			}
			for _, g := range gs {
				g.Disconnects++
				if e.Error != "" {
					g.ErrorDisconnects++
					if g.errs == nil {
						g.errs = map[string]int{}
					}
					g.errs[e.Error]++
				}
			}
		}
		if e.OutOfOrder {
			for _, g := range gs {
				g.OutOfOrder++
			}
		}
	}
	for i := range conns {
		if c := &conns[i]; c.state == connOpen {
			for _, g := range [3]*Stats{&s.Total, c.hub, c.user} {
				g.Open++
			}
		}
	}
	s.Hubs, s.Users = sorted(hubs), sorted(users)
	if len(s.Events) > 0 {
		s.Start, s.End = s.Events[0].Time, s.Events[len(s.Events)-1].Time
	}
}

// init prepares an empty group.
func (g *Stats) init(name string) {
	g.Name = name
}

// finish computes what the counts give: the error list and the durations'
// shortest and median.
func (g *Stats) finish() {
	g.Errors = make([]ErrorCount, 0, len(g.errs))
	for m, n := range g.errs {
		g.Errors = append(g.Errors, ErrorCount{m, n})
	}
	slices.SortFunc(g.Errors, func(a, b ErrorCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Message, b.Message))
	})
	g.errs = nil
	g.Durations = len(g.durations)
	if g.Durations > 0 {
		slices.Sort(g.durations)
		g.Shortest = Duration(g.durations[0])
		g.Median = Duration(g.durations[(g.Durations-1)/2])
	}
	g.durations = nil
}

// finish completes every group.
func (s *Summary) finish() {
	s.Total.finish()
	for i := range s.Hubs {
		s.Hubs[i].finish()
	}
	for i := range s.Users {
		s.Users[i].finish()
	}
	if s.Hubs == nil {
		s.Hubs = []Stats{}
	}
	if s.Users == nil {
		s.Users = []Stats{}
	}
}

// sorted lists the groups busiest first, then by name.
func sorted(m map[string]*Stats) []Stats {
	out := make([]Stats, 0, len(m))
	for _, g := range m {
		out = append(out, *g)
	}
	slices.SortFunc(out, func(a, b Stats) int {
		return cmp.Or(cmp.Compare(b.Activity(), a.Activity()), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// Connections reports how many connection events the payload holds, with
// a time or not.
func (s *Summary) Connections() int { return len(s.Events) + len(s.Untimed) }
