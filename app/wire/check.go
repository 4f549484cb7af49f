package wire

import (
	"strconv"
	"strings"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Check compares the headers with the body, decoded as root (in the
// request's text, see Masked) and detected as res: Content-Type against
// the mode and the body's form, aeg-event-type against the validation
// event, aeg-data-version and aeg-metadata-version against the event, the
// shape of an Event Grid delivery. Each finding is on the header's line, or
// on the request line when the header is missing. A binary-mode request's
// event is checked by the engine itself (see Event and Relocate).
func (r *Request) Check(root *jsontree.Node, res detect.Result) []diag.Diagnostic {
	if root == nil || r.Kind == Binary || r.Kind == WebHook {
		return nil
	}
	var out []diag.Diagnostic
	add := func(code vocab.Code, s Span, format string, args ...any) {
		out = append(out, at(code, s, -1, format, args...))
	}
	ct := r.Header(vocab.HeaderContentType)
	ctSpan := r.Line
	if ct != nil {
		ctSpan = ct.ValueSpan
	}
	mt := r.MediaType()
	eventGrid := res.Form == detect.EventGrid || res.Form == detect.Handshake
	array := root.Kind == jsontree.Array

	switch {
	case r.Kind == Structured && array:
		add(vocab.HTTPContentType, ctSpan, "Content-Type is %s (one event, structured mode) but the body is an array: a batch is %s.", mt, vocab.MediaCloudEventsBatch)
	case r.Kind == Batch && !array:
		add(vocab.HTTPContentType, ctSpan, "Content-Type is %s (batched mode) but the body is one object: send an array, or Content-Type %s for one event.", mt, vocab.MediaCloudEvents)
	case (r.Kind == Structured || r.Kind == Batch) && eventGrid:
		add(vocab.HTTPContentType, ctSpan, "Content-Type is %s but the body holds Event Grid events: Event Grid delivers its own schema as %s.", mt, vocab.MediaJSON)
	case eventGrid && mt != vocab.MediaJSON:
		add(vocab.HTTPContentType, ctSpan, "%s: Event Grid delivers events in its own schema as %s.", contentType(ct), vocab.MediaJSON)
	case res.Form == detect.CloudEvents && r.Kind != Structured && r.Kind != Batch:
		want := vocab.MediaCloudEvents
		if array {
			want = vocab.MediaCloudEventsBatch
		}
		add(vocab.HTTPContentType, ctSpan, "The body is CloudEvents in structured mode, which needs Content-Type %s. %s: a receiver reads the request in binary mode and finds no ce- headers.", want, contentType(ct))
	}

	et := r.Header(vocab.HeaderEventType)
	if eventGrid && et == nil {
		add(vocab.HTTPMissingAEG, r.Line, "Event Grid events without the aeg-event-type, aeg-subscription-name and aeg-delivery-count headers that Event Grid sends with every delivery: this request was not made by Event Grid (or its headers were lost on the way).")
	}
	if et != nil && (eventGrid || res.Form == detect.CloudEvents) {
		want := []string{vocab.HeaderSubscriptionName, vocab.HeaderDeliveryCount, vocab.HeaderMetadataVersion}
		if eventGrid {
			want = append(want, vocab.HeaderDataVersion)
		}
		var missing []string
		for _, name := range want {
			if r.Header(name) == nil {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			add(vocab.HTTPMissingAEG, et.Span, "This delivery has %s but no %s: Event Grid sends them with every delivery, so the request was not made by Event Grid or lost headers on the way.", et.Name, strings.Join(missing, ", "))
		}
	}
	if et != nil {
		switch {
		case et.Value == vocab.EventTypeSubscriptionValidation && res.Form != detect.Handshake:
			add(vocab.HTTPEventTypeBody, et.ValueSpan, "%s is %s but the body is not the validation event (Microsoft.EventGrid.SubscriptionValidationEvent): Event Grid sends that header only with it.", et.Name, et.Value)
		case et.Value != vocab.EventTypeSubscriptionValidation && res.Form == detect.Handshake:
			add(vocab.HTTPEventTypeBody, et.ValueSpan, "%s is %s but the body is the subscription-validation event: Event Grid sends it with %s: %s.", et.Name, et.Value, vocab.HeaderEventType, vocab.EventTypeSubscriptionValidation)
		}
	}
	if (r.Kind == EventGrid || eventGrid) && array && len(root.Items) != 1 {
		add(vocab.HTTPDeliveryShape, r.Line, "The body holds %d events: Event Grid delivers an array of one event per request, unless the subscription enables batching (maxEventsPerBatch).", len(root.Items))
	}

	// The version headers, against the first event.
	var first *jsontree.Node
	if len(res.Events) > 0 {
		first = res.Events[0].Node
	}
	if first == nil || first.Kind != jsontree.Object {
		return out
	}
	str := func(key, dflt string) (string, bool) {
		n := first.Get(key)
		if n == nil {
			return dflt, dflt != ""
		}
		return n.Text, n.Kind == jsontree.String
	}
	if h := r.Header(vocab.HeaderDataVersion); h != nil && eventGrid {
		if v, ok := str(vocab.DataVersion, ""); ok && v != h.Value {
			add(vocab.HTTPVersionHeader, h.ValueSpan, "%s is %q but the event's dataVersion is %q: Event Grid copies it from the event.", h.Name, h.Value, v)
		}
	}
	if h := r.Header(vocab.HeaderMetadataVersion); h != nil {
		switch {
		case eventGrid:
			if v, ok := str(vocab.MetadataVersion, "1"); ok && v != h.Value {
				add(vocab.HTTPVersionHeader, h.ValueSpan, "%s is %q but the event's metadataVersion is %q: Event Grid copies it from the event.", h.Name, h.Value, v)
			}
		case res.Form == detect.CloudEvents:
			if v, ok := str(vocab.SpecVersion, ""); ok && v != h.Value {
				add(vocab.HTTPVersionHeader, h.ValueSpan, "%s is %q but the event's specversion is %q: for CloudEvents, Event Grid writes the spec version there.", h.Name, h.Value, v)
			}
		}
	}
	return out
}

// contentType says what Content-Type a request has, for messages.
func contentType(h *Header) string {
	if h == nil {
		return "There is no Content-Type header"
	}
	return "Content-Type is " + strconv.Quote(h.Value)
}
