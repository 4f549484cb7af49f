package summary_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// scenario has a storm and a burst on hubs and users of their own, so
// that their answers follow from their fields alone.
var scenario = gen.Scenario{
	Seed:       7,
	Background: 1200,
	Storms: []gen.Storm{{Hub: "storm", User: "stormer", At: time.Minute, Clients: 30, Rounds: 4,
		Period: 10 * time.Second, Gap: 2 * time.Second, Step: 20 * time.Millisecond, Message: "Storm: service restarting."}},
	Bursts: []gen.Burst{{Hub: "burst", User: "bursty", At: 3 * time.Minute, Count: 25,
		Step: 40 * time.Millisecond, Hold: 700 * time.Millisecond, Message: "Burst: ping timeout."}},
	Late: 6,
}

func group(t *testing.T, gs []summary.Stats, name string) summary.Stats {
	t.Helper()
	for _, g := range gs {
		if g.Name == name {
			return g
		}
	}
	t.Fatalf("no group %q", name)
	return summary.Stats{}
}

func errs(pairs ...any) []summary.ErrorCount {
	out := []summary.ErrorCount{}
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, summary.ErrorCount{Message: pairs[i].(string), Count: pairs[i+1].(int)})
	}
	return out
}

// TestKnownAnswers summarises a generated batch in both forms: the storm's
// and the burst's figures are those their construction gives, and the
// totals those of the generated events.
func TestKnownAnswers(t *testing.T) {
	evs := scenario.Events()
	for _, f := range gen.Forms {
		t.Run(f.String(), func(t *testing.T) {
			r := inspect.Inspect(gen.Write(f, evs))
			if !r.Valid {
				t.Fatalf("generated batch: %s", r.Summary())
			}
			s := summary.Of(r)
			if s.Other != 0 || len(s.Untimed) != 0 || len(s.Events) != len(evs) {
				t.Fatalf("%d events, %d other, %d untimed; want %d events", len(s.Events), s.Other, len(s.Untimed), len(evs))
			}
			st := scenario.Storms[0]
			want := summary.Stats{Name: "storm", Connects: 30 * 5, Disconnects: 30 * 4, ErrorDisconnects: 120,
				Errors: errs(st.Message, 120), Open: 30, Durations: 120,
				Shortest: summary.Duration(8 * time.Second), Median: summary.Duration(8 * time.Second),
				OutOfOrder: late(evs, "storm")}
			eq(t, group(t, s.Hubs, "storm"), want)
			want = summary.Stats{Name: "stormer-7", Connects: 5, Disconnects: 4, ErrorDisconnects: 4,
				Errors: errs(st.Message, 4), Open: 1, Durations: 4,
				Shortest: summary.Duration(8 * time.Second), Median: summary.Duration(8 * time.Second)}
			eq(t, group(t, s.Users, "stormer-7"), want)
			b := scenario.Bursts[0]
			want = summary.Stats{Name: "burst", Connects: 25, Disconnects: 25, ErrorDisconnects: 25,
				Errors: errs(b.Message, 25), Durations: 25,
				Shortest: summary.Duration(b.Hold), Median: summary.Duration(b.Hold), OutOfOrder: late(evs, "burst")}
			eq(t, group(t, s.Hubs, "burst"), want)
			eq(t, s.Total, expected(evs))
			if s.Total.OutOfOrder != scenario.Late {
				t.Errorf("%d events out of order, want %d", s.Total.OutOfOrder, scenario.Late)
			}
			// The storm's users are the busiest after none: 9 events each.
			if len(s.Users) == 0 || s.Users[0].Activity() < 9 {
				t.Errorf("busiest user %+v", s.Users[0])
			}
			checkTimeline(t, s)
		})
	}
}

// late counts the events of hub that are earlier than the event before
// them (the scenario's late events may fall on any hub).
func late(evs []gen.Event, hub string) int {
	n := 0
	for i := 1; i < len(evs); i++ {
		if evs[i].Hub == hub && evs[i].Time.Before(evs[i-1].Time) {
			n++
		}
	}
	return n
}

// expected computes the totals of generated events the plain way: every
// disconnect closes a connection the batch opened.
func expected(evs []gen.Event) summary.Stats {
	want := summary.Stats{Errors: []summary.ErrorCount{}}
	opened := map[string]time.Time{}
	msgs := map[string]int{}
	var ds []time.Duration
	var last time.Time
	for i, e := range evs {
		if i > 0 && e.Time.Before(last) {
			want.OutOfOrder++
		}
		last = e.Time
		if e.Type == gen.Connected {
			want.Connects++
			opened[e.ConnectionID] = e.Time
			continue
		}
		want.Disconnects++
		ds = append(ds, e.Time.Sub(opened[e.ConnectionID]))
		delete(opened, e.ConnectionID)
		if e.ErrorMessage != "" {
			want.ErrorDisconnects++
			msgs[e.ErrorMessage]++
		}
	}
	for m, n := range msgs {
		want.Errors = append(want.Errors, summary.ErrorCount{Message: m, Count: n})
	}
	slices.SortFunc(want.Errors, func(a, b summary.ErrorCount) int {
		if a.Count != b.Count {
			return b.Count - a.Count
		}
		return strings.Compare(a.Message, b.Message)
	})
	want.Open = len(opened)
	slices.Sort(ds)
	want.Durations = len(ds)
	want.Shortest, want.Median = summary.Duration(ds[0]), summary.Duration(ds[(len(ds)-1)/2])
	return want
}

// eq compares two groups' figures.
func eq(t *testing.T, got, want summary.Stats) {
	t.Helper()
	g, _ := json.Marshal(got)
	w, _ := json.Marshal(want)
	if string(g) != string(w) {
		t.Errorf("group %q:\n got %s\nwant %s", want.Name, g, w)
	}
}

// checkTimeline checks the invariants of the event list: time order, and
// open connections that never go below zero and end at the open count.
func checkTimeline(t *testing.T, s *summary.Summary) {
	t.Helper()
	open := s.Total.OpenAtStart
	for i, e := range s.Events {
		if i > 0 && e.Time.Before(s.Events[i-1].Time) {
			t.Fatalf("event %d is before event %d", i, i-1)
		}
		open += e.Delta
		if open < 0 {
			t.Fatalf("open connections below zero at event #%d", e.Index)
		}
	}
	if open != s.Total.Open {
		t.Errorf("open at the end %d, want %d", open, s.Total.Open)
	}
	if len(s.Events) > 0 && (!s.Start.Equal(s.Events[0].Time) || !s.End.Equal(s.Events[len(s.Events)-1].Time)) {
		t.Errorf("start %s end %s", s.Start, s.End)
	}
}

// TestFormsAgree checks that both forms of a batch give the same summary.
func TestFormsAgree(t *testing.T) {
	a := summary.Of(inspect.Inspect(gen.StormBatch(gen.EventGrid, 2000)))
	b := summary.Of(inspect.Inspect(gen.StormBatch(gen.CloudEvents, 2000)))
	for _, v := range [][2]any{{a.Total, b.Total}, {a.Hubs, b.Hubs}, {a.Users, b.Users}} {
		x, _ := json.Marshal(v[0])
		y, _ := json.Marshal(v[1])
		if string(x) != string(y) {
			t.Errorf("forms differ:\n%.400s\n%.400s", x, y)
		}
	}
	if len(a.Events) != 2000 || a.Total.ErrorDisconnects < 480+40 {
		t.Errorf("%d events, %d error disconnects", len(a.Events), a.Total.ErrorDisconnects)
	}
}

// TestEdgeCases covers what a hand-written payload may hold: other event
// types, times that do not parse or are missing, a time only in the
// envelope, a disconnect of a connection opened before the batch (twice),
// a connect repeated, and no connectionId.
func TestEdgeCases(t *testing.T) {
	ev := func(typ, ts, hub, conn, user, msg string, extra ...string) string {
		data := []string{}
		if ts != "" {
			data = append(data, `"timestamp":`+ts)
		}
		if hub != "" {
			data = append(data, fmt.Sprintf(`"hubName":%q`, hub))
		}
		if conn != "" {
			data = append(data, fmt.Sprintf(`"connectionId":%q`, conn))
		}
		if user != "" {
			data = append(data, fmt.Sprintf(`"userId":%q`, user))
		}
		if msg != "" {
			data = append(data, fmt.Sprintf(`"errorMessage":%q`, msg))
		}
		parts := append([]string{`"id":"e` + fmt.Sprint(len(extra)) + `"`, `"subject":"/hub/x"`, fmt.Sprintf(`"eventType":%q`, typ),
			`"data":{` + strings.Join(data, ",") + `}`, `"dataVersion":"1.0"`}, extra...)
		return "{" + strings.Join(parts, ",") + "}"
	}
	const c, d = "Microsoft.SignalRService.ClientConnectionConnected", "Microsoft.SignalRService.ClientConnectionDisconnected"
	payload := "[" + strings.Join([]string{
		ev(c, `"2024-05-14T09:30:00Z"`, "chat", "A", "u1", ""),                        // 0
		ev("Microsoft.Storage.BlobCreated", `"2024-05-14T09:30:01Z"`, "", "", "", ""), // 1: other
		ev(c, `"yesterday"`, "chat", "B", "u1", ""),                                   // 2: untimed
		ev(c, `12`, "chat", "B", "u1", ""),                                            // 3: untimed
		ev(d, "", "chat", "A", "u1", "boom", `"eventTime":"2024-05-14T09:30:05Z"`),    // 4: envelope time
		ev(d, `"2024-05-14T09:30:02Z"`, "chat", "Z", "u2", ""),                        // 5: opened before, out of order
		ev(d, `"2024-05-14T09:30:03Z"`, "chat", "Z", "u2", "again"),                   // 6: closed already
		ev(c, `"2024-05-14T09:30:04Z"`, "lobby", "", "", ""),                          // 7: no connectionId
		ev(c, `"2024-05-14T09:30:06Z"`, "lobby", "C", "u3", ""),                       // 8
		ev(c, `"2024-05-14T09:30:07Z"`, "lobby", "C", "u3", ""),                       // 9: repeated
		ev(d, "", "lobby", "C", "u3", "boom"),                                         // 10: no time at all
		`"not an event"`,                                                              // 11: other
		ev(d, `"2024-05-14T09:30:09.5Z"`, "lobby", "C", "u3", "boom"),                 // 12
	}, ",") + "]"
	r := inspect.Inspect([]byte(payload))
	if r.Doc == nil {
		t.Fatalf("payload does not decode: %s", r.Summary())
	}
	s := summary.Of(r)
	if s.Other != 2 {
		t.Errorf("other = %d, want 2", s.Other)
	}
	var untimed []int
	for _, u := range s.Untimed {
		untimed = append(untimed, u.Index)
		if u.Reason == "" || u.Pointer == "" {
			t.Errorf("untimed %+v lacks a reason or pointer", u)
		}
	}
	if fmt.Sprint(untimed) != "[2 3 10]" {
		t.Errorf("untimed events %v, want [2 3 10]", untimed)
	}
	if u := s.Untimed[0]; u.Value != "yesterday" || u.Pointer != "/2/data/timestamp" {
		t.Errorf("untimed[0] = %+v", u)
	}
	if u := s.Untimed[2]; u.Pointer != "/10" || !strings.Contains(u.Reason, "eventTime") {
		t.Errorf("untimed[2] = %+v", u)
	}
	var order []int
	for _, e := range s.Events {
		order = append(order, e.Index)
	}
	if fmt.Sprint(order) != "[0 5 6 7 4 8 9 12]" {
		t.Errorf("time order %v", order)
	}
	want := summary.Stats{Connects: 4, Disconnects: 4, ErrorDisconnects: 3, Errors: errs("boom", 2, "again", 1),
		Open: 1, OpenAtStart: 1, Durations: 2, Shortest: summary.Duration(3500 * time.Millisecond),
		Median: summary.Duration(3500 * time.Millisecond), OutOfOrder: 1}
	eq(t, s.Total, want)
	eq(t, group(t, s.Hubs, "lobby"), summary.Stats{Name: "lobby", Connects: 3, Disconnects: 1, ErrorDisconnects: 1,
		Errors: errs("boom", 1), Open: 1, Durations: 1, Shortest: summary.Duration(3500 * time.Millisecond),
		Median: summary.Duration(3500 * time.Millisecond)})
	if group(t, s.Users, "").Connects != 1 {
		t.Errorf("the event without a user is not in the group without a name")
	}
	checkTimeline(t, s)
}

// TestEmpty checks payloads with nothing to summarise.
func TestEmpty(t *testing.T) {
	for _, src := range []string{``, `not json`, `[]`, `{"a":1}`, `[1,2]`, `{"specversion":"1.0","id":"x","source":"/s","type":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"2024-01-01T00:00:00Z","connectionId":"c"}}`} {
		s := summary.Of(inspect.Inspect([]byte(src)))
		if s == nil || s.Hubs == nil || s.Users == nil || s.Total.Errors == nil {
			t.Fatalf("%q: nil parts in %+v", src, s)
		}
		checkTimeline(t, s)
	}
	s := summary.Of(inspect.Inspect([]byte(`{"specversion":"1.0","id":"x","source":"/s","type":"Microsoft.SignalRService.ClientConnectionConnected","data":{"timestamp":"2024-01-01T00:00:00Z","connectionId":"c"}}`)))
	if s.Total.Connects != 1 || s.Total.Open != 1 {
		t.Errorf("single CloudEvent: %+v", s.Total)
	}
	if summary.Of(nil) == nil {
		t.Error("Of(nil) is nil")
	}
}
