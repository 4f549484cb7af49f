package inspect

import (
	"bytes"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/gen"
	"eventlens/app/jsontree"
)

func TestFormLabelAndSummary(t *testing.T) {
	tests := []struct {
		name, label, summary string
		src                  []byte
	}{
		{"eventgrid batch", "Event Grid batch of 1 event", "Event Grid batch of 1 event: valid", nil},
		{"cloudevents batch", "CloudEvents batch of 3 events", "CloudEvents batch of 3 events: valid", gen.Batch(gen.CloudEvents, 3)},
		{"cloudevents event", "CloudEvents event", "", nil},
		{"handshake", "Validation handshake", "Validation handshake: valid", nil},
		{"empty array", "Empty array", "Empty array: valid", []byte(`[]`)},
		{"not an event", "Not an event", "Not an event: invalid, 1 error", []byte(`{"hello":"world"}`)},
		{"CloudEvents 0.1", "CloudEvents 0.1, not 1.0", "CloudEvents 0.1, not 1.0: invalid, 1 error", []byte(`{"cloudEventsVersion":"0.1","eventID":"1","eventType":"t","source":"/s","eventTime":"2026-01-01T00:00:00Z"}`)},
		{"not json", "Not JSON", "Not JSON: invalid, 1 error", []byte(`{"a":`)},
	}
	files := map[string]string{
		"eventgrid batch":   "seed-eventgrid-connected",
		"cloudevents event": "form-cloudevents-single",
		"handshake":         "form-handshake",
	}
	for _, tt := range tests {
		src := tt.src
		if f, ok := files[tt.name]; ok {
			src = read(t, f)
		}
		r := Inspect(src)
		if got := r.FormLabel(); got != tt.label {
			t.Errorf("%s: FormLabel() = %q, want %q", tt.name, got, tt.label)
		}
		if got := r.Summary(); !strings.HasPrefix(got, tt.label+": ") || tt.summary != "" && got != tt.summary {
			t.Errorf("%s: Summary() = %q, want %q (the form label, then the verdict)", tt.name, got, tt.summary)
		}
	}
}

func TestConverted(t *testing.T) {
	tests := []struct {
		file     string
		other    detect.Form
		hasConv  bool
		convErr  bool
		contains string // in the converted text
	}{
		{"seed-eventgrid-connected", detect.CloudEvents, true, false, `"specversion": "1.0"`},
		{"seed-cloudevents-connected", detect.EventGrid, true, false, `"eventType"`},
		{"form-handshake", detect.CloudEvents, true, true, ""},
		{"form-object-without-attributes", detect.Unknown, false, false, ""},
		{"json-syntax-missing-comma", detect.Unknown, false, false, ""},
	}
	for _, tt := range tests {
		r := Inspect(read(t, tt.file))
		if got := r.OtherForm(); got != tt.other {
			t.Errorf("%s: OtherForm() = %v, want %v", tt.file, got, tt.other)
		}
		c := r.Converted()
		if (c != nil) != tt.hasConv {
			t.Fatalf("%s: Converted() = %v, want one: %v", tt.file, c, tt.hasConv)
		}
		if c == nil {
			if r.Conversion(detect.EventGrid) != nil || r.Conversion(detect.CloudEvents) != nil {
				t.Errorf("%s: no converted form, but a conversion", tt.file)
			}
			continue
		}
		if c.Native || (c.Err != "") != tt.convErr || !bytes.Contains(c.Text, []byte(tt.contains)) {
			t.Errorf("%s: Converted() native %v, err %q, text:\n%s", tt.file, c.Native, c.Err, c.Text)
		}
		own := r.Conversion(detect.EventGrid)
		if tt.other == detect.EventGrid {
			own = r.Conversion(detect.CloudEvents)
		}
		if c != r.Conversion(tt.other) || own == nil || !own.Native {
			t.Errorf("%s: Conversion(form) does not return the report's conversions", tt.file)
		}
	}
	if r := Inspect(read(t, "seed-eventgrid-connected")); r.Conversion(detect.Handshake) != nil || r.Conversion(detect.Unknown) != nil {
		t.Error("a form that is not Event Grid or CloudEvents has a conversion")
	}
}

func TestEventText(t *testing.T) {
	r := Inspect(gen.Batch(gen.EventGrid, 3))
	if !r.Valid || len(r.Events) != 3 {
		t.Fatalf("test batch: %s", r.Summary())
	}
	for i, ev := range r.Events {
		text := r.EventText(i)
		doc, err := jsontree.Parse(text, jsontree.Options{})
		if err != nil || doc.Root.Kind != jsontree.Object {
			t.Fatalf("EventText(%d) is not one object: %v\n%s", i, err, text)
		}
		if id := doc.Root.Get("id"); id == nil || id.Text != ev.ID {
			t.Errorf("EventText(%d) is not event %s:\n%s", i, ev.ID, text)
		}
		ce := r.CloudEvents.EventText(i)
		if !bytes.Contains(ce, []byte(`"specversion": "1.0"`)) || !bytes.Contains(ce, []byte(`"id": "`+ev.ID+`"`)) {
			t.Errorf("CloudEvents.EventText(%d) is not event %s in CloudEvents form:\n%s", i, ev.ID, ce)
		}
		if eg := r.EventGrid.EventText(i); !bytes.Equal(eg, text) {
			t.Errorf("the input's own form, event %d, differs from EventText:\n%s", i, eg)
		}
	}
	for _, i := range []int{-1, 3} {
		if r.EventText(i) != nil || r.CloudEvents.EventText(i) != nil {
			t.Errorf("EventText(%d) of a batch of 3 is not nil", i)
		}
	}
	for _, src := range []string{`{"a":1}`, `{"a":`, `[]`} {
		if got := Inspect([]byte(src)).EventText(0); got != nil {
			t.Errorf("EventText(0) of %s = %q, want nil", src, got)
		}
	}
	var none *Conversion
	if none.EventText(0) != nil {
		t.Error("a missing conversion has an event")
	}
}

// TestCaptionSaysAzureDoesNotDeliverCloudEventsAsEventGrid: the Event Grid
// view of a CloudEvent says that Azure never delivers in that direction;
// the CloudEvents view of an Event Grid payload does not.
func TestCaptionSaysAzureDoesNotDeliverCloudEventsAsEventGrid(t *testing.T) {
	ce := Inspect(read(t, "seed-cloudevents-connected"))
	got := ce.EventGrid.Caption("Event Grid", -1)
	if !strings.HasPrefix(got, "Converted to Event Grid (6 attribute changes; see the Field mapping tab).") ||
		!strings.Contains(got, "Azure Event Grid does not deliver CloudEvents input in the Event Grid schema") {
		t.Errorf("Event Grid caption of a CloudEvent: %q", got)
	}
	eg := Inspect(read(t, "seed-eventgrid-connected"))
	if got := eg.CloudEvents.Caption("CloudEvents", -1); strings.Contains(got, "does not deliver") {
		t.Errorf("CloudEvents caption of an Event Grid payload: %q", got)
	}
}

func TestEventChanges(t *testing.T) {
	r := Inspect(gen.Batch(gen.EventGrid, 3))
	c := r.Converted()
	if c == nil || len(c.Changes) == 0 {
		t.Fatalf("no conversion: %+v", c)
	}
	sum := 0
	for i := range 3 {
		n := c.EventChanges(i)
		if n == 0 || n == len(c.Changes) {
			t.Errorf("event %d: %d changes of %d", i, n, len(c.Changes))
		}
		sum += n
	}
	if all := c.EventChanges(-1); all != sum || all > len(c.Changes) {
		t.Errorf("EventChanges(-1) = %d, events sum to %d, %d changes", all, sum, len(c.Changes))
	}
	if n := (*Conversion)(nil).EventChanges(0); n != 0 {
		t.Errorf("nil conversion: %d changes", n)
	}
}

func TestEventAt(t *testing.T) {
	src := []byte(`[{"id":"a"} , {"id":"b"}]`)
	r := Inspect(src)
	for _, tt := range []struct{ off, want int }{
		{0, -1}, {1, 0}, {5, 0}, {11, 0}, {12, -1}, {14, 1}, {24, 1}, {25, -1}, {99, -1},
	} {
		if got := r.EventAt(tt.off); got != tt.want {
			t.Errorf("EventAt(%d) = %d, want %d", tt.off, got, tt.want)
		}
	}
	if got := Inspect([]byte(`{"id":"a"}`)).EventAt(1); got != -1 {
		t.Errorf("a single event: EventAt = %d, want -1", got)
	}
	if got := Inspect([]byte(`[{"id":`)).EventAt(1); got != -1 {
		t.Errorf("not JSON: EventAt = %d, want -1", got)
	}
}
