package convert

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"eventlens/app/gen"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// parse decodes JSON text or fails the test.
func parse(t testing.TB, src []byte) *jsontree.Node {
	t.Helper()
	return fixture.Parse(t, string(src)).Root
}

// The seeds show the same SignalR events in both forms, as Azure emits them:
// converting one form must give exactly the other, text included.
func TestSeedsMatchAzureExamples(t *testing.T) {
	for _, name := range []string{"connected", "disconnected"} {
		t.Run(name, func(t *testing.T) {
			eg := parse(t, []byte(fixture.Seed(t, "eventgrid-"+name)))
			ce := parse(t, []byte(fixture.Seed(t, "cloudevents-"+name)))
			toCE, err := ToCloudEvents(eg)
			if err != nil {
				t.Fatal(err)
			}
			if want := jsontree.Pretty(ce); !bytes.Equal(toCE.Text, want) {
				t.Errorf("ToCloudEvents:\n%s\nwant Azure's CloudEvents example:\n%s", toCE.Text, want)
			}
			toEG, err := ToEventGrid(ce)
			if err != nil {
				t.Fatal(err)
			}
			if want := jsontree.Pretty(eg); !bytes.Equal(toEG.Text, want) {
				t.Errorf("ToEventGrid:\n%s\nwant Azure's Event Grid example:\n%s", toEG.Text, want)
			}
			for _, c := range toEG.Changes {
				if c.Kind == Lost || c.Kind == Missing {
					t.Errorf("Azure's own example lost something: %s", c)
				}
			}
		})
	}
}

// Event Grid → CloudEvents → Event Grid gives back the same events, in the
// same key order, whenever the dataVersion is the one Azure emits for the
// type and nothing the mapping cannot carry is present.
func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"seed connected (seeds 000, 001, 003)", fixture.Seed(t, fixture.EventGridConnected)},
		{"seed disconnected (seeds 001, 003)", fixture.Seed(t, fixture.EventGridDisconnected)},
		{"empty batch", `[]`},
		{"batch of two with exact numbers", `[
			{"topic":"/t","subject":"/hub/a","eventType":"Microsoft.SignalRService.ClientConnectionConnected","eventTime":"2024-01-01T00:00:00Z","id":"1","data":{"n":1.50,"e":-2E-3,"s":"\u00e9\n\t\"x\""},"dataVersion":"1.0","metadataVersion":"1"},
			{"topic":"/t","subject":"/hub/b","eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2024-01-01T00:00:01Z","id":"2","data":{"validationCode":"512d38b6","validationUrl":"https://rp.example/x"},"dataVersion":"1","metadataVersion":"1"}
		]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			eg := parse(t, []byte(tt.src))
			ce, err := ToCloudEvents(eg)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ToEventGrid(parse(t, ce.Text))
			if err != nil {
				t.Fatal(err)
			}
			if !jsontree.Equal(back.Root, eg) {
				t.Errorf("round trip changed the events:\n%s\nwant\n%s", back.Text, jsontree.Pretty(eg))
			}
			if want := jsontree.Pretty(eg); !bytes.Equal(back.Text, want) {
				t.Errorf("round trip changed key order or value text:\n%s\nwant\n%s", back.Text, want)
			}
		})
	}
}

// summary is a change reduced to what the tables below check.
type summary struct {
	Kind     ChangeKind
	Event    int
	From, To string
}

func summarize(cs []Change) []summary {
	out := make([]summary, len(cs))
	for i, c := range cs {
		out[i] = summary{c.Kind, c.Event, c.From, c.To}
	}
	return out
}

// keys lists the keys of every event of a converted payload, one string per event.
func keys(root *jsontree.Node) []string {
	events := []*jsontree.Node{root}
	if root.Kind == jsontree.Array {
		events = root.Items
	}
	var out []string
	for _, ev := range events {
		var ks []string
		for _, m := range ev.Members {
			ks = append(ks, m.Key)
		}
		out = append(out, strings.Join(ks, ","))
	}
	return out
}

func TestToCloudEvents(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		keys    []string
		changes []summary
	}{
		{
			name: "seed event",
			src:  fixture.Seed(t, fixture.EventGridConnected),
			keys: []string{"source,subject,type,time,id,data,specversion"},
			changes: []summary{
				{Renamed, 0, "topic", "source"}, {Renamed, 0, "eventType", "type"}, {Renamed, 0, "eventTime", "time"},
				{Dropped, 0, "dataVersion", ""}, {Dropped, 0, "metadataVersion", ""}, {Added, 0, "", "specversion"},
			},
		},
		{
			name: "single object stays a single event; no topic means no source, listed as missing",
			src:  `{"subject":"s","eventType":"T","eventTime":"2024-01-01T00:00:00Z","id":"1","data":{},"dataVersion":"1"}`,
			keys: []string{"subject,type,time,id,data,specversion"},
			changes: []summary{
				{Renamed, 0, "eventType", "type"}, {Renamed, 0, "eventTime", "time"}, {Dropped, 0, "dataVersion", ""},
				{Missing, 0, "topic", "source"}, {Added, 0, "", "specversion"},
			},
		},
		{
			name: "missing eventType and id",
			src:  `[{"topic":"/t","data":{}}]`,
			keys: []string{"source,data,specversion"},
			changes: []summary{
				{Renamed, 0, "topic", "source"}, {Missing, 0, "eventType", "type"}, {Missing, 0, "id", "id"},
				{Added, 0, "", "specversion"},
			},
		},
		{
			name: "unknown properties: valid extension names carried, the others lost",
			src: `[{"topic":"/t","eventType":"T","id":"1","subject":"s","data":{},
				"traceparent":"00-ab","Region":"x","source":"/s","n":3,"big":4294967296,"f":0.5,"o":{},"a":[],"b":false,"z":null,"specversion":"1.0","data_base64":"AA=="}]`,
			keys: []string{"source,type,id,subject,data,traceparent,n,b,specversion"},
			changes: []summary{
				{Renamed, 0, "topic", "source"}, {Renamed, 0, "eventType", "type"},
				{Carried, 0, "traceparent", "traceparent"}, {Lost, 0, "Region", ""}, {Lost, 0, "source", ""},
				{Carried, 0, "n", "n"}, {Lost, 0, "big", ""}, {Lost, 0, "f", ""}, {Lost, 0, "o", ""}, {Lost, 0, "a", ""},
				{Carried, 0, "b", "b"}, {Dropped, 0, "z", ""}, {Lost, 0, "specversion", ""}, {Lost, 0, "data_base64", ""},
				{Added, 0, "", "specversion"},
			},
		},
		{
			name: "duplicate keys in a large event",
			src:  `[{"id":"1","a1":1,"a2":2,"a3":3,"a4":4,"a5":5,"a6":6,"a7":7,"a8":8,"a9":9,"b1":1,"b2":2,"b3":3,"b4":4,"b5":5,"b6":6,"id":"2"}]`,
			keys: []string{"a1,a2,a3,a4,a5,a6,a7,a8,a9,b1,b2,b3,b4,b5,b6,id,specversion"},
			changes: []summary{
				{Dropped, 0, "id", ""},
				{Carried, 0, "a1", "a1"}, {Carried, 0, "a2", "a2"}, {Carried, 0, "a3", "a3"}, {Carried, 0, "a4", "a4"},
				{Carried, 0, "a5", "a5"}, {Carried, 0, "a6", "a6"}, {Carried, 0, "a7", "a7"}, {Carried, 0, "a8", "a8"},
				{Carried, 0, "a9", "a9"}, {Carried, 0, "b1", "b1"}, {Carried, 0, "b2", "b2"}, {Carried, 0, "b3", "b3"},
				{Carried, 0, "b4", "b4"}, {Carried, 0, "b5", "b5"}, {Carried, 0, "b6", "b6"},
				{Missing, 0, "topic", "source"}, {Missing, 0, "eventType", "type"}, {Added, 0, "", "specversion"},
			},
		},
		{
			name: "duplicate keys: the last one wins, in its place",
			src:  `[{"id":"1","topic":"/a","eventType":"T","topic":"/b"}]`,
			keys: []string{"id,type,source,specversion"},
			changes: []summary{
				{Dropped, 0, "topic", ""}, {Renamed, 0, "eventType", "type"}, {Renamed, 0, "topic", "source"},
				{Added, 0, "", "specversion"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ToCloudEvents(parse(t, []byte(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			if got := keys(r.Root); strings.Join(got, "|") != strings.Join(tt.keys, "|") {
				t.Errorf("keys = %q, want %q", got, tt.keys)
			}
			if got := summarize(r.Changes); !equalSummaries(got, tt.changes) {
				t.Errorf("changes =\n%v\nwant\n%v", got, tt.changes)
			}
		})
	}
}

func TestToEventGrid(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		keys    []string
		changes []summary
	}{
		{
			name: "seed event",
			src:  fixture.Seed(t, fixture.CloudEventsConnected),
			keys: []string{"topic,subject,eventType,eventTime,id,data,dataVersion,metadataVersion"},
			changes: []summary{
				{Renamed, 0, "source", "topic"}, {Renamed, 0, "type", "eventType"}, {Renamed, 0, "time", "eventTime"},
				{Dropped, 0, "specversion", ""}, {Added, 0, "", "dataVersion"}, {Added, 0, "", "metadataVersion"},
			},
		},
		{
			name: "single event becomes an array of one; dataschema #x gives dataVersion in place",
			src:  `{"specversion":"1.0","id":"1","source":"/s","type":"Other.Type","dataschema":"#3.1","subject":"x","time":"2024-01-01T00:00:00Z","data":{}}`,
			keys: []string{"id,topic,eventType,dataVersion,subject,eventTime,data,metadataVersion"},
			changes: []summary{
				{Dropped, 0, "specversion", ""}, {Renamed, 0, "source", "topic"}, {Renamed, 0, "type", "eventType"},
				{Renamed, 0, "dataschema", "dataVersion"}, {Renamed, 0, "time", "eventTime"},
				{Added, 0, "", "metadataVersion"}, {Added, -1, "", ""},
			},
		},
		{
			name: "unknown type without dataschema: dataVersion missing; time and subject missing, never invented",
			src:  `[{"specversion":"1.0","id":"1","source":"/s","type":"Other.Type","data":{"hubName":"chat"}}]`,
			keys: []string{"id,topic,eventType,data,metadataVersion"},
			changes: []summary{
				{Dropped, 0, "specversion", ""}, {Renamed, 0, "source", "topic"}, {Renamed, 0, "type", "eventType"},
				{Missing, 0, "", "dataVersion"}, {Added, 0, "", "metadataVersion"},
				{Missing, 0, "time", "eventTime"}, {Missing, 0, "subject", "subject"},
			},
		},
		{
			name: "extensions, datacontenttype, data_base64 and a URI dataschema are lost; null means unset",
			src: `[{"specversion":"1.0","id":"1","source":"/s","type":"` + "Microsoft.SignalRService.ClientConnectionConnected" + `","subject":null,"time":"2024-01-01T00:00:00Z",
				"datacontenttype":"text/plain","dataschema":"https://x.example/s.json","data_base64":"AA==","traceparent":"00-ab","Weird-Name":1,"ext":null}]`,
			keys: []string{"id,topic,eventType,eventTime,dataVersion,metadataVersion"},
			changes: []summary{
				{Dropped, 0, "specversion", ""}, {Renamed, 0, "source", "topic"}, {Renamed, 0, "type", "eventType"},
				{Renamed, 0, "time", "eventTime"}, {Lost, 0, "datacontenttype", ""}, {Lost, 0, "dataschema", ""},
				{Lost, 0, "data_base64", ""}, {Lost, 0, "traceparent", ""}, {Lost, 0, "Weird-Name", ""}, {Dropped, 0, "ext", ""},
				{Added, 0, "", "dataVersion"}, {Added, 0, "", "metadataVersion"},
				{Missing, 0, "subject", "subject"}, {Missing, 0, "data", "data"},
			},
		},
		{
			name: "application/json content type goes without saying",
			src:  `[{"specversion":"1.0","id":"1","source":"/s","type":"T","subject":"x","time":"t","datacontenttype":"Application/JSON; charset=utf-8","dataschema":"#1","data":{}}]`,
			keys: []string{"id,topic,eventType,subject,eventTime,dataVersion,data,metadataVersion"},
			changes: []summary{
				{Dropped, 0, "specversion", ""}, {Renamed, 0, "source", "topic"}, {Renamed, 0, "type", "eventType"},
				{Renamed, 0, "time", "eventTime"}, {Dropped, 0, "datacontenttype", ""}, {Renamed, 0, "dataschema", "dataVersion"},
				{Added, 0, "", "metadataVersion"},
			},
		},
		{
			name: "null required attributes count as unset",
			src:  `[{"id":null,"type":null,"source":null,"data":null}]`,
			keys: []string{"metadataVersion"},
			changes: []summary{
				{Dropped, 0, "source", ""}, {Missing, 0, "", "dataVersion"}, {Added, 0, "", "metadataVersion"},
				{Missing, 0, "id", "id"}, {Missing, 0, "type", "eventType"}, {Missing, 0, "time", "eventTime"},
				{Missing, 0, "subject", "subject"}, {Missing, 0, "data", "data"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ToEventGrid(parse(t, []byte(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			if r.Root.Kind != jsontree.Array {
				t.Fatalf("Event Grid output is %s, want an array", r.Root.Kind)
			}
			if got := keys(r.Root); strings.Join(got, "|") != strings.Join(tt.keys, "|") {
				t.Errorf("keys = %q, want %q", got, tt.keys)
			}
			if len(r.Changes) == 0 || r.Changes[0].Kind != Noted || r.Changes[0].Event != -1 || r.Changes[0].Note != NoEventGridDelivery {
				t.Fatalf("the first change must say that Azure does not deliver CloudEvents input as Event Grid; got %v", r.Changes)
			}
			if got := summarize(r.Changes[1:]); !equalSummaries(got, tt.changes) {
				t.Errorf("changes =\n%v\nwant\n%v", got, tt.changes)
			}
		})
	}
}

func equalSummaries(a, b []summary) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Notes carry the facts a user needs: what happens to dataVersion on the
// way back, and the SignalR subject to add.
func TestNotes(t *testing.T) {
	tests := []struct {
		name, src string
		toCE      bool
		from      string
		kind      ChangeKind
		want      string
	}{
		{"known version restored", `[{"eventType":"Microsoft.SignalRService.ClientConnectionConnected","dataVersion":"1.0"}]`, true,
			"dataVersion", Dropped, `converting back restores dataVersion "1.0"`},
		{"other version not restored", `[{"dataVersion":"1.1","eventType":"Microsoft.SignalRService.ClientConnectionConnected"}]`, true,
			"dataVersion", Dropped, `converting back gives dataVersion "1.0"`},
		{"unknown type", `[{"eventType":"X","dataVersion":"1.0"}]`, true,
			"dataVersion", Dropped, "cannot restore it"},
		{"dataschema warning", `[{"dataVersion":"1.0"}]`, true,
			"dataVersion", Dropped, `dataschema "#<dataVersion>"`},
		{"no topic", `[{"id":"1"}]`, true, "topic", Missing, "none is invented"},
		{"rename hint", `[{"TraceParent":"x"}]`, true, "TraceParent", Lost, `rename it "traceparent"`},
		{"subject hint", `[{"data":{"hubName":"chat"}}]`, false, "subject", Missing, `"/hub/chat"`},
		{"no time", `[{"id":"1"}]`, false, "time", Missing, "none is invented"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			convert := ToEventGrid
			if tt.toCE {
				convert = ToCloudEvents
			}
			r, err := convert(parse(t, []byte(tt.src)))
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range r.Changes {
				if c.From == tt.from && c.Kind == tt.kind {
					if !strings.Contains(c.Note, tt.want) {
						t.Errorf("note %q does not say %q", c.Note, tt.want)
					}
					return
				}
			}
			t.Errorf("no %s change of %q in %v", tt.kind, tt.from, r.Changes)
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src   string
		event int
		ptr   string
		want  string
	}{
		{`"text"`, -1, "", "the payload is a string"},
		{`42`, -1, "", "the payload is a number"},
		{`null`, -1, "", "the payload is null"},
		{`[{"id":"1"}, 7, {"id":"2"}]`, 1, "/1", "event 1 is a number, not an object"},
		{`[[]]`, 0, "/0", "event 0 is an array"},
	}
	for _, tt := range tests {
		for name, convert := range map[string]func(*jsontree.Node) (*Result, error){"ToCloudEvents": ToCloudEvents, "ToEventGrid": ToEventGrid} {
			r, err := convert(parse(t, []byte(tt.src)))
			var e *Error
			if !errors.As(err, &e) || r != nil {
				t.Errorf("%s(%s) = %v, %v; want an *Error", name, tt.src, r, err)
				continue
			}
			if e.Event != tt.event || e.Pointer != tt.ptr || !strings.Contains(e.Message, tt.want) || e.Error() != e.Message {
				t.Errorf("%s(%s) error = %+v, want event %d, pointer %q, message with %q", name, tt.src, e, tt.event, tt.ptr, tt.want)
			}
		}
	}
	if _, err := ToCloudEvents(nil); err == nil {
		t.Error("ToCloudEvents(nil) succeeded")
	}
	if _, err := ToEventGrid(nil); err == nil {
		t.Error("ToEventGrid(nil) succeeded")
	}
}

// Values are reused, not re-encoded: number text and string content stay
// exactly as written.
func TestValuesKept(t *testing.T) {
	src := `[{"topic":"/t","id":"1","eventType":"T","eventTime":"2024-01-01T00:00:00.000Z","subject":"s","data":{"n":1.0e+10,"s":"a\u0000b"},"dataVersion":"1"}]`
	in := parse(t, []byte(src))
	r, err := ToCloudEvents(in)
	if err != nil {
		t.Fatal(err)
	}
	ev := r.Root.Items[0]
	if ev.Get("data") != in.Items[0].Get("data") {
		t.Error("data was copied, want the input's node")
	}
	if got := ev.Get("data").Get("n").Text; got != "1.0e+10" {
		t.Errorf("number text = %q", got)
	}
	if !bytes.Contains(r.Text, []byte(`"n": 1.0e+10`)) || !bytes.Contains(r.Text, []byte(`"time": "2024-01-01T00:00:00.000Z"`)) {
		t.Errorf("text lost exact values:\n%s", r.Text)
	}
	if got := ev.Get("data").Get("s").Text; got != "a\x00b" {
		t.Errorf("string = %q", got)
	}
}

func TestChangeString(t *testing.T) {
	tests := []struct {
		c    Change
		want string
	}{
		{Change{Kind: Renamed, Event: 2, From: "topic", To: "source", Value: `"/t"`}, `event 2: renamed topic → source = "/t"`},
		{Change{Kind: Added, Event: -1, Note: "n"}, `payload: added: n`},
		{Change{Kind: Missing, Event: 0, From: "id", To: "id", Note: "add one"}, `event 0: missing id: add one`},
		{Change{Kind: Added, Event: 1, To: "specversion", Value: `"1.0"`}, `event 1: added specversion = "1.0"`},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

// FuzzConvert: any JSON, both directions: no panic, a successful
// conversion's Text decodes to its Root, and converting two events at a
// time gives the same result.
func FuzzConvert(f *testing.F) {
	f.Add([]byte(fixture.Seed(f, fixture.EventGridConnected)))
	f.Add([]byte(fixture.Seed(f, fixture.CloudEventsDisconnected)))
	for _, name := range []string{"eg-unknown-properties", "ce-single-binary", "ce-azure-dataschema", "eg-single-no-topic"} {
		f.Add(fixture.Read(f, "testdata/convert/"+name+".json"))
	}
	f.Add([]byte(`[{"topic":"/t","topic":"/u","a":{"b":[1,2]},"dataschema":"#","specversion":null}, 1]`))
	f.Add([]byte(`{"datacontenttype":5,"dataschema":"#","source":[],"":""}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		doc, err := jsontree.Parse(src, jsontree.Options{})
		if err != nil {
			return
		}
		for _, convert := range []func(*jsontree.Node) (*Result, error){ToCloudEvents, ToEventGrid} {
			r, err := convert(doc.Root)
			if err != nil {
				continue
			}
			if err := sameInSteps(doc.Root, r, err, 2); err != nil {
				t.Fatal(err)
			}
			back, err := jsontree.Parse(r.Text, jsontree.Options{})
			if err != nil {
				t.Fatalf("converted text does not parse: %v\n%s", err, r.Text)
			}
			if !jsontree.Equal(back.Root, r.Root) {
				t.Fatalf("converted text does not hold Root:\n%s", r.Text)
			}
			for _, c := range r.Changes {
				if c.Kind == "" || c.Note == "" && c.Kind != Renamed {
					t.Fatalf("change without kind or note: %+v", c)
				}
			}
		}
	})
}

// TestDeepConversionIsMinified: a conversion whose indented text would pass
// vocab.MaxPrettyBytes (indentation grows with depth × lines) is given
// minified, as the inspection's own text is.
func TestDeepConversionIsMinified(t *testing.T) {
	const depth, zeros = 400, 100_000 // 100,000 lines indented ~800 columns
	data := strings.Repeat("[", depth) + strings.TrimSuffix(strings.Repeat("0,", zeros), ",") + strings.Repeat("]", depth)
	src := `[{"id":"1","topic":"t","subject":"s","eventType":"x","eventTime":"2024-01-01T00:00:00Z","dataVersion":"1","data":` + data + `}]`
	res, err := ToCloudEvents(parse(t, []byte(src)))
	if err != nil {
		t.Fatal(err)
	}
	if n := jsontree.PrettyLen(res.Root); n <= vocab.MaxPrettyBytes {
		t.Fatalf("the converted text indented is %d bytes: the test needs more than %d", n, vocab.MaxPrettyBytes)
	}
	if !res.Minified || !bytes.Equal(res.Text, jsontree.Minify(res.Root)) {
		t.Errorf("Minified = %v, text of %d bytes: want the minified text", res.Minified, len(res.Text))
	}
	small, err := ToCloudEvents(parse(t, []byte(fixture.Seed(t, "eventgrid-connected"))))
	if err != nil || small.Minified || !bytes.Equal(small.Text, jsontree.Pretty(small.Root)) {
		t.Errorf("a small conversion should be pretty-printed (err %v, minified %v)", err, small.Minified)
	}
}

// sameInSteps converts root with a Converter in steps of n events, in the
// direction want (and wantErr) came from, and says how the result differs.
func sameInSteps(root *jsontree.Node, want *Result, wantErr error, n int) error {
	for _, c := range []*Converter{NewToCloudEvents(root), NewToEventGrid(root)} {
		steps := 1
		for !c.Step(n) {
			steps++
		}
		got, err := c.Result()
		if !reflect.DeepEqual(err, wantErr) {
			continue // the other direction, or a different error: not this one
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			continue
		}
		if events := eventsOf(root); n > 0 && steps != max(1, (events+n-1)/n) {
			return fmt.Errorf("%d events in steps of %d took %d steps", events, n, steps)
		}
		if again, _ := c.Result(); again != got {
			return fmt.Errorf("a second Result made the conversion again")
		}
		return nil
	}
	return fmt.Errorf("no conversion in steps of %d matches the whole one", n)
}

// eventsOf returns how many events root holds (a single event is one).
func eventsOf(root *jsontree.Node) int {
	if root.Kind == jsontree.Array {
		return len(root.Items)
	}
	return 1
}

// TestConverterSteps: a batch or a single event converted a few events at a
// time, either way, is what ToCloudEvents and ToEventGrid give; a payload
// that cannot be converted gives their error at once.
func TestConverterSteps(t *testing.T) {
	for _, f := range gen.Forms {
		for _, n := range []int{0, 1, 7, 100} {
			root := parse(t, gen.Batch(f, n))
			inputs := []*jsontree.Node{root}
			if n == 1 {
				inputs = append(inputs, root.Items[0]) // a single event
			}
			for _, in := range inputs {
				for _, to := range []func(*jsontree.Node) (*Result, error){ToCloudEvents, ToEventGrid} {
					want, err := to(in)
					for _, step := range []int{1, 3, 0} {
						if e := sameInSteps(in, want, err, step); e != nil {
							t.Errorf("%s, %d events: %v", f, n, e)
						}
					}
				}
			}
		}
	}
	for _, src := range []string{`[{"id":"1"}, 2]`, `"x"`} {
		root := parse(t, []byte(src))
		for _, c := range []*Converter{NewToCloudEvents(root), NewToEventGrid(root)} {
			if !c.Step(1) {
				t.Errorf("%s: the first step of an impossible conversion is not the last", src)
			}
			if _, err := c.Result(); err == nil {
				t.Errorf("%s: no error", src)
			}
		}
	}
}
