package gen_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"eventlens/app/convert"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/jsondiff"
	"eventlens/app/jsontree"
)

// TestDeterministic pins the bytes of generated batches: the same on every
// run and every platform (this test also runs as wasm).
func TestDeterministic(t *testing.T) {
	want := map[gen.Form]string{
		gen.EventGrid:   goldenEventGrid,
		gen.CloudEvents: goldenCloudEvents,
	}
	for _, f := range gen.Forms {
		a, b := gen.Batch(f, 1000), gen.Batch(f, 1000)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s: two calls gave different batches", f)
		}
		sum := sha256.Sum256(a)
		if got := hex.EncodeToString(sum[:]); got != want[f] {
			t.Errorf("%s: sha256 = %s, want %s (the generator's output changed: if on purpose, update the golden hash)", f, got, want[f])
		}
		// A batch is a prefix of a longer one: events do not depend on n.
		small := gen.Batch(f, 100)
		if !bytes.HasPrefix(a, small[:len(small)-1]) {
			t.Errorf("%s: Batch(100) is not a prefix of Batch(1000)", f)
		}
	}
}

// The SHA-256 of Batch(f, 1000).
const (
	goldenEventGrid   = "4b334b138bb7c5fed8157fcc4cffbbd90b6817fd2203402a870f683aeef43500"
	goldenCloudEvents = "4ca0bd4e8044931f989fd44ea07d98687341372fdff713e5b9ad2e2d55d831e3"
)

// TestValid inspects every benchmark size in both forms: each batch is
// recognised as its form and draws no diagnostic but, past 1 MB, the
// warning that Event Grid would not publish that much in one request
// (5,000 SignalR events of 0.5 KB are 2.5 MB).
func TestValid(t *testing.T) {
	forms := map[gen.Form]detect.Form{gen.EventGrid: detect.EventGrid, gen.CloudEvents: detect.CloudEvents}
	for _, f := range gen.Forms {
		for _, n := range gen.Sizes {
			t.Run(fmt.Sprintf("%s/%d", f, n), func(t *testing.T) {
				r := inspect.Inspect(gen.Batch(f, n))
				if r.Form != forms[f] || !r.Batch || len(r.Events) != n || !r.Valid {
					t.Fatalf("got %s", r.Summary())
				}
				for _, d := range r.Diagnostics {
					if d.Code == "BATCH004" && d.Severity == diag.Warning && n == gen.MaxEvents {
						continue
					}
					t.Errorf("%s %s at %s: %s", d.Severity, d.Code, d.Pointer, d.Message)
				}
			})
		}
	}
}

// TestSize checks that events weigh about 0.5 KB each, as Azure's
// pretty-printed examples do.
func TestSize(t *testing.T) {
	for _, f := range gen.Forms {
		for _, n := range []int{100, 1000, gen.MaxEvents} {
			per := float64(len(gen.Batch(f, n))) / float64(n)
			if per < 450 || per > 600 {
				t.Errorf("%s/%d: %.0f bytes per event, want about 500", f, n, per)
			}
		}
	}
	if got := gen.Batch(gen.EventGrid, 0); string(got) != "[]" {
		t.Errorf("Batch(0) = %q, want []", got)
	}
	if got := gen.Batch(gen.EventGrid, -3); string(got) != "[]" {
		t.Errorf("Batch(-3) = %q, want []", got)
	}
}

// TestRealistic checks the shape of a large batch: unique GUID ids, a mix
// of connections and disconnections, each disconnection closing an earlier
// connection of the same hub and user, times increasing, several hubs,
// users with several connections, and some error messages.
func TestRealistic(t *testing.T) {
	evs := gen.Events(gen.MaxEvents)
	ids := map[string]bool{}
	type conn struct{ hub, user string }
	open := map[string]conn{}
	hubs, users := map[string]bool{}, map[string]int{}
	var connected, disconnected, withError int
	var last time.Time
	for i, ev := range evs {
		if len(ev.ID) != 36 || ev.ID[14] != '4' || ids[ev.ID] {
			t.Fatalf("event %d: id %q is not a new version-4 GUID", i, ev.ID)
		}
		ids[ev.ID] = true
		if !ev.Time.After(last) && i > 0 && !ev.Time.Equal(last) {
			t.Fatalf("event %d: time %s goes back from %s", i, ev.Time, last)
		}
		last = ev.Time
		if len(ev.ConnectionID) != 22 {
			t.Fatalf("event %d: connectionId %q", i, ev.ConnectionID)
		}
		hubs[ev.Hub] = true
		switch ev.Type {
		case gen.Connected:
			connected++
			users[ev.UserID]++
			if _, dup := open[ev.ConnectionID]; dup || ev.ErrorMessage != "" {
				t.Fatalf("event %d: connection %q reopened or with an error", i, ev.ConnectionID)
			}
			open[ev.ConnectionID] = conn{ev.Hub, ev.UserID}
		case gen.Disconnected:
			disconnected++
			if ev.ErrorMessage != "" {
				withError++
			}
			if c, ok := open[ev.ConnectionID]; !ok || c != (conn{ev.Hub, ev.UserID}) {
				t.Fatalf("event %d: closes connection %q that was not open with hub %q, user %q", i, ev.ConnectionID, ev.Hub, ev.UserID)
			}
			delete(open, ev.ConnectionID)
		default:
			t.Fatalf("event %d: type %q", i, ev.Type)
		}
	}
	if connected < 2000 || disconnected < 1500 || withError < 200 || withError > disconnected/2 {
		t.Errorf("%d connected, %d disconnected, %d with an error message", connected, disconnected, withError)
	}
	if len(hubs) < 4 {
		t.Errorf("hubs %v", hubs)
	}
	var multi int
	for _, k := range users {
		if k > 1 {
			multi++
		}
	}
	if multi < 100 {
		t.Errorf("only %d users have more than one connection", multi)
	}
	if span := last.Sub(evs[0].Time); span < 5*time.Minute || span > time.Hour {
		t.Errorf("the batch spans %s", span)
	}
}

// TestFormsAgree checks that the CloudEvents batch is what converting the
// Event Grid batch gives, member order included.
func TestFormsAgree(t *testing.T) {
	eg := parse(t, gen.Batch(gen.EventGrid, 100))
	ce := parse(t, gen.Batch(gen.CloudEvents, 100))
	res, err := convert.ToCloudEvents(eg)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := jsontree.Pretty(res.Root), jsontree.Pretty(ce); !bytes.Equal(got, want) {
		t.Errorf("converted Event Grid batch differs from the CloudEvents batch:\n%.600s\n---\n%.600s", got, want)
	}
	// Azure's example layout: two-space indentation, seven fractional digits.
	first := string(gen.Batch(gen.EventGrid, 1))
	for _, want := range []string{"[{\n  \"topic\": \"/subscriptions/", "\n  \"eventTime\": \"2024-05-14T09:30:00.", "\n    \"hubName\": ", "\n  \"metadataVersion\": \"1\"\n}]"} {
		if !strings.Contains(first, want) {
			t.Errorf("first event lacks %q:\n%s", want, first)
		}
	}
}

// TestChanged checks the four edits of Changed through the diff.
func TestChanged(t *testing.T) {
	for _, f := range gen.Forms {
		d := inspect.Diff(gen.Batch(f, 1000), gen.Changed(f, 1000), false)
		var ops []string
		for _, c := range d.Changes {
			ops = append(ops, string(c.Op)+" "+c.Path)
		}
		got := strings.Join(ops, ", ")
		for _, want := range []string{"replace /1/data/userId", "remove /500", string(jsondiff.Move), string(jsondiff.Add)} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: changes %s lack %q", f, got, want)
			}
		}
		if d.Equal || len(d.Changes) > 6 {
			t.Errorf("%s: %d changes: %s", f, len(d.Changes), got)
		}
	}
	// The semantic diff of a batch and its other form finds nothing.
	d := inspect.Diff(gen.Batch(gen.EventGrid, 100), gen.Batch(gen.CloudEvents, 100), true)
	if !d.Equal || d.Reordered {
		t.Errorf("semantic diff of the two forms: %d changes", len(d.Changes))
	}
	for _, n := range []int{0, 1, 3} {
		if r := inspect.Inspect(gen.Changed(gen.CloudEvents, n)); !r.Valid || len(r.Events) != n {
			t.Errorf("Changed(%d): %s", n, r.Summary())
		}
	}
}

// FuzzWrite writes events with arbitrary field values: the output always
// decodes as JSON, with the values unchanged (invalid UTF-8 replaced).
func FuzzWrite(f *testing.F) {
	ev := gen.Events(2)[1]
	f.Add(ev.ID, ev.Hub, ev.ConnectionID, ev.UserID, ev.ErrorMessage, int64(0), false)
	f.Add("a\"b\\c", "hub\x00\n", "çé€😀", "", "Internal server error.", int64(-1<<62), true)
	f.Add("", "", "", "\u2028", "\x1f\x7f", int64(1<<62), false)
	f.Fuzz(func(t *testing.T, id, hub, conn, user, msg string, nanos int64, cloud bool) {
		form := gen.EventGrid
		if cloud {
			form = gen.CloudEvents
		}
		in := []gen.Event{{ID: id, Type: gen.Disconnected, Time: time.Unix(0, nanos), Hub: hub, ConnectionID: conn, UserID: user, ErrorMessage: msg}}
		out := gen.Write(form, in)
		doc, err := jsontree.Parse(out, jsontree.Options{})
		if err != nil {
			t.Fatalf("output does not decode: %v\n%s", err, out)
		}
		// Each byte of invalid UTF-8 reads back as U+FFFD.
		valid := func(s string) string { return string([]rune(s)) }
		e := doc.Root.Items[0]
		if got := e.Lookup("/data/errorMessage"); (got == nil) != (msg == "") {
			t.Errorf("errorMessage %v written for %q", got, msg)
		} else if got != nil && got.Text != valid(msg) {
			t.Errorf("errorMessage = %q, want %q", got.Text, valid(msg))
		}
		for ptr, want := range map[string]string{"/id": id, "/data/hubName": hub, "/data/connectionId": conn, "/data/userId": user, "/subject": "/hub/" + hub} {
			if got := e.Lookup(ptr); got == nil || got.Text != valid(want) {
				t.Errorf("%s = %v, want %q", ptr, got, valid(want))
			}
		}
	})
}

// FuzzChanged generates batches of any small size: never a panic, always
// valid events.
func FuzzChanged(f *testing.F) {
	for _, n := range []int{-1, 0, 1, 2, 3, 4, 5, 17} {
		f.Add(n)
	}
	f.Fuzz(func(t *testing.T, n int) {
		n %= 64
		out := gen.Changed(gen.CloudEvents, n)
		if r := inspect.Inspect(out); !r.Valid {
			t.Fatalf("Changed(%d): %s", n, r.Summary())
		}
	})
}

func parse(t *testing.T, src []byte) *jsontree.Node {
	t.Helper()
	d, err := jsontree.Parse(src, jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return d.Root
}
