// Package detect tells which form a decoded payload has: an Event Grid array
// of events, a single Event Grid event, a CloudEvents event or batch, an Event
// Grid subscription-validation handshake, or not an event payload at all. It
// lists the payload's events, each with its own form, and reports what it
// finds as FORMxxx diagnostics.
//
// Each object is scored by the top-level attributes it carries that belong to
// one form only (see score); shared attributes (id, subject, data) and key
// order never count, and a batch's form is the majority of its elements, not
// the form of its first element. Detection reads each element's top-level
// members once, so it stays cheap on a batch of 5,000 events.
//
// Its diagnostics are the FORM codes of app/vocab (vocab.FormNotEvents …).
package detect

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/bits"
	"strconv"
	"strings"

	"eventlens/app/catalog"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Form is the shape a payload or one event has.
type Form uint8

// The forms Detect tells apart.
const (
	Unknown     Form = iota // not an event, or nothing to tell
	EventGrid               // Event Grid schema
	CloudEvents             // CloudEvents 1.0, JSON format
	Handshake               // Event Grid subscription-validation handshake (payloads only)
)

// String returns "unknown", "eventgrid", "cloudevents" or
// "validation-handshake".
func (f Form) String() string {
	switch f {
	case EventGrid:
		return "eventgrid"
	case CloudEvents:
		return "cloudevents"
	case Handshake:
		return "validation-handshake"
	}
	return "unknown"
}

// Title returns the form's name as people write it ("Event Grid",
// "CloudEvents", "subscription-validation handshake", "unknown").
func (f Form) Title() string {
	switch f {
	case EventGrid:
		return "Event Grid"
	case CloudEvents:
		return "CloudEvents"
	case Handshake:
		return "subscription-validation handshake"
	}
	return "unknown"
}

// article returns the form's title with its indefinite article.
func (f Form) article() string {
	if f == EventGrid || f == Unknown {
		return "an " + f.Title()
	}
	return "a " + f.Title()
}

// Event is one event of a payload.
type Event struct {
	Index   int            // position in the batch (0 for a single object)
	Pointer string         // JSON pointer of the event ("" for a single object, "/3" in an array)
	Node    *jsontree.Node // the event object (for Form Unknown: the element, of any kind)
	Form    Form           // this event's own form (EventGrid or CloudEvents; Unknown if neither)
}

// Result is what Detect found.
type Result struct {
	Form           Form              // the payload's form (for a mixed array: the majority form; Unknown when nothing matches)
	Batch          bool              // the payload is an array
	Events         []Event           // every element of an array (or the single object), in order
	ValidationCode string            // for Handshake: data.validationCode of the (first) validation event
	Diagnostics    []diag.Diagnostic // FORMxxx findings
}

// expected describes an event payload, for messages about payloads that are
// not one.
const expected = "expected an Event Grid array of events with id, subject, eventType, eventTime, data, dataVersion, " +
	"or a CloudEvents event with specversion, id, source, type"

// attrs are the top-level attributes that belong to one form only (a name
// the other form does not use, from vocab.Attributes), the Event Grid ones
// first, in the order of their bit in an evidence mask.
var attrs = formAttributes()

// formAttributes lists the attributes of each form that the other form does
// not have.
func formAttributes() []formAttr {
	var eg, ce []formAttr
	for _, a := range vocab.Attributes {
		if a.EventGrid != "" && !vocab.IsCloudEvents(a.EventGrid) {
			eg = append(eg, formAttr{a.EventGrid, EventGrid})
		}
		if a.CloudEvents != "" && !vocab.IsEventGrid(a.CloudEvents) {
			ce = append(ce, formAttr{a.CloudEvents, CloudEvents})
		}
	}
	return append(eg, ce...)
}

// formAttr is an attribute that belongs to one form only.
type formAttr struct {
	name string
	form Form
}

// The bit masks of attrs (the Event Grid ones, the CloudEvents ones,
// specversion), the indexes of attrs by name length, and bounds on the
// names' lengths to skip the case-insensitive search quickly.
var (
	egMask, ceMask, specBit mask
	byLen                   [32][]int8
	minAttr, maxAttr        = len(byLen), 0
)

func init() {
	if len(attrs) > 16 {
		panic("detect: more form attributes than bits in a mask")
	}
	for i, a := range attrs {
		if len(a.name) >= len(byLen) {
			panic("detect: attribute name " + a.name + " is too long for byLen")
		}
		byLen[len(a.name)] = append(byLen[len(a.name)], int8(i))
		minAttr, maxAttr = min(minAttr, len(a.name)), max(maxAttr, len(a.name))
		switch {
		case a.form == EventGrid:
			egMask |= 1 << i
		default:
			ceMask |= 1 << i
		}
		if a.name == vocab.SpecVersion {
			specBit = 1 << i
		}
	}
}

// noAttr is attr's answer for a key that is no form attribute.
const noAttr = -1

// mask has bit i set when attrs[i] is present.
type mask uint16

// attr returns the index in attrs of a member key, matching exact names
// first and then names that differ only in letter case ("specVersion",
// "EventType"), or noAttr.
func attr(key string) int {
	if len(key) < minAttr || len(key) > maxAttr {
		return noAttr
	}
	for _, i := range byLen[len(key)] {
		if attrs[i].name == key {
			return int(i)
		}
	}
	for i, a := range attrs {
		if strings.EqualFold(key, a.name) {
			return i
		}
	}
	return noAttr
}

// evidence returns the mask of form-specific attributes an object carries;
// 0 for anything that is not an object.
func evidence(n *jsontree.Node) mask {
	var m mask
	if n == nil || n.Kind != jsontree.Object {
		return 0
	}
	for _, mb := range n.Members {
		if i := attr(mb.Key); i != noAttr {
			m |= 1 << i
		}
	}
	return m
}

// score counts the Event Grid and CloudEvents attributes in a mask.
func score(m mask) (eg, ce int) {
	return bits.OnesCount16(uint16(m & egMask)), bits.OnesCount16(uint16(m & ceMask))
}

// lean returns the form an evidence mask points to on its own: the side with
// more attributes, Unknown on a tie or when there is no evidence.
func lean(m mask) Form {
	eg, ce := score(m)
	switch {
	case eg > ce:
		return EventGrid
	case ce > eg:
		return CloudEvents
	}
	return Unknown
}

// names lists the attributes of a mask that belong to form f, as written in
// the object (case variants included), for messages.
func names(n *jsontree.Node, f Form) string {
	var out []string
	var seen mask
	for _, mb := range n.Members {
		i := attr(mb.Key)
		if i == noAttr || attrs[i].form != f || seen&(1<<i) != 0 {
			continue
		}
		seen |= 1 << i
		out = append(out, mb.Key)
	}
	return strings.Join(out, ", ")
}

// Detect tells the form of a decoded payload and lists its events. A nil
// root (text that did not decode) gives Unknown with no diagnostics: the
// decoder has already said what is wrong.
func Detect(root *jsontree.Node) Result {
	var res Result
	if root == nil {
		return res
	}
	switch root.Kind {
	case jsontree.Array:
		detectArray(root, &res)
	case jsontree.Object:
		detectObject(root, &res)
	default:
		d := diag.New(vocab.FormNotEvents, -1, "", root,
			"Not an event payload: %s; found %s.", expected, describeScalar(root))
		d.Fix = decodeFix(root)
		res.Diagnostics = append(res.Diagnostics, d)
	}
	if res.Form == EventGrid {
		handshake(&res)
	}
	return res
}

// cloudEvents01 reports whether n is a CloudEvents 0.1 event: an object
// with cloudEventsVersion, the attribute that 0.1 named specversion. Its
// eventType, eventTime and source would otherwise make it look like an Event
// Grid event.
func cloudEvents01(n *jsontree.Node) bool {
	return n != nil && n.Kind == jsontree.Object && n.Member("cloudEventsVersion") != nil
}

// migrate01 says how to move a CloudEvents 0.1 event to 1.0.
const migrate01 = `To move it to CloudEvents 1.0: replace cloudEventsVersion with "specversion": "1.0"; rename eventID to id, eventType to type, eventTime to time, schemaURL to dataschema and contentType to datacontenttype; keep source; fold eventTypeVersion into type or an extension attribute; and move each member of "extensions" to a top-level extension attribute (lower-case a-z0-9 names).`

// legacy returns the FORM007 diagnostic of CloudEvents 0.1 event n.
func legacy(n *jsontree.Node, index int, ptr string) diag.Diagnostic {
	v := "a CloudEvents 0.x event"
	if cv := n.Get("cloudEventsVersion"); cv != nil && cv.Kind == jsontree.String {
		v = fmt.Sprintf("a CloudEvents %s event (cloudEventsVersion %s)", cv.Text, strconv.Quote(cv.Text))
	}
	d := diag.New(vocab.FormCloudEvents01, index, ptr, n,
		"This is %s, not Event Grid: its eventType, eventTime and source are CloudEvents 0.1 attributes. eventlens checks CloudEvents 1.0 and Event Grid events only. %s", v, migrate01)
	d.End = d.Offset + 1 // the opening brace, not the whole event
	return d
}

// detectObject handles a payload that is a single object.
func detectObject(root *jsontree.Node, res *Result) {
	if cloudEvents01(root) {
		res.Diagnostics = append(res.Diagnostics, legacy(root, 0, ""))
		res.Events = []Event{{Index: 0, Pointer: "", Node: root, Form: Unknown}}
		return
	}
	m := evidence(root)
	if m == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormNotEvents, -1, "", root,
			"Not an event payload: %s; found %s.", expected, describeObject(root)))
		res.Events = []Event{{Index: 0, Pointer: "", Node: root, Form: Unknown}}
		return
	}
	f := lean(m)
	if f == Unknown {
		f = tieBreak(m&specBit != 0)
	}
	res.Form = f
	res.Events = []Event{{Index: 0, Pointer: "", Node: root, Form: f}}
	if f == EventGrid {
		d := diag.New(vocab.FormUnwrapped, 0, "", root,
			"A single Event Grid event written as an object: Event Grid always delivers and publishes a JSON array, "+
				"even for one event. Wrap the object in [ ].")
		d.End = d.Offset + 1 // the opening brace, not the whole event
		d.Fix = &diag.Fix{Title: "Wrap the event in [ ]", Edits: []diag.Edit{
			{Offset: root.Pos.Offset, End: root.Pos.Offset, Text: "["},
			{Offset: root.End, End: root.End, Text: "]"},
		}}
		res.Diagnostics = append(res.Diagnostics, d)
	}
}

// tieBreak decides an object whose evidence is even on both sides when no
// batch majority can decide it: CloudEvents when it has a specversion (in
// any letter case), which every CloudEvents event carries and Event Grid
// never does; Event Grid otherwise.
func tieBreak(hasSpecversion bool) Form {
	if hasSpecversion {
		return CloudEvents
	}
	return EventGrid
}

// detectArray handles a payload that is an array.
func detectArray(root *jsontree.Node, res *Result) {
	res.Batch = true
	if len(root.Items) == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormEmptyBatch, -1, "", root,
			"An empty array: no events, nothing to check. Read as CloudEvents it is a valid, empty batch; "+
				"as an Event Grid publish it would deliver nothing. Paste a payload that holds events to inspect them."))
		return
	}
	masks := make([]mask, len(root.Items))
	leans := make([]Form, len(root.Items))
	var nEG, nCE, sumEG, sumCE, nSpec, nEvidence int
	var nLegacy int
	for i, it := range root.Items {
		if cloudEvents01(it) {
			nLegacy++
			continue // no evidence: it is neither form
		}
		m := evidence(it)
		masks[i] = m
		if m == 0 {
			continue
		}
		nEvidence++
		eg, ce := score(m)
		sumEG += eg
		sumCE += ce
		if m&specBit != 0 {
			nSpec++
		}
		switch {
		case eg > ce:
			leans[i] = EventGrid
			nEG++
		case ce > eg:
			leans[i] = CloudEvents
			nCE++
		}
	}
	res.Events = make([]Event, len(root.Items))
	for i, it := range root.Items {
		res.Events[i] = Event{Index: i, Pointer: "/" + strconv.Itoa(i), Node: it}
	}
	if nEvidence == 0 && nLegacy == 0 {
		res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormNotEvents, -1, "", root,
			"Not an event payload: %s; found %s.", expected, describeArray(root)))
		return
	}
	batch := Unknown
	if nEvidence > 0 {
		batch = majority(nEG, nCE, sumEG, sumCE, nSpec)
	}
	res.Form = batch
	for i, it := range root.Items {
		ev := &res.Events[i]
		switch {
		case cloudEvents01(it):
			res.Diagnostics = append(res.Diagnostics, legacy(it, i, ev.Pointer))
		case batch == Unknown:
			res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormNotAnEvent, i, ev.Pointer, it,
				"Element %d is %s, not an event: remove it or fix it.", i, describeElement(it)))
		case masks[i] == 0:
			res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormNotAnEvent, i, ev.Pointer, it,
				"Element %d is %s, not an event: every element of %s batch must be an event object; remove it or fix it.",
				i, describeElement(it), batch.article()))
		case leans[i] == Unknown:
			ev.Form = batch // even evidence: the batch decides
		default:
			ev.Form = leans[i]
		}
		if ev.Form != Unknown && ev.Form != batch {
			count := nEG
			if batch == CloudEvents {
				count = nCE
			}
			res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormMixedBatch, i, ev.Pointer, it,
				"Element %d looks like %s event (%s) but this batch is %s (%d of %d elements): "+
					"a batch holds one form only. Convert this event to %s, or send it in a separate %s payload.",
				i, ev.Form.article(), names(it, ev.Form), batch.Title(), count, len(root.Items),
				batch.Title(), ev.Form.Title()))
		}
	}
}

// majority decides a batch's form: the form more elements lean to; on a tie,
// the form with more attributes over the whole batch; then tieBreak.
func majority(nEG, nCE, sumEG, sumCE, nSpec int) Form {
	switch {
	case nEG > nCE:
		return EventGrid
	case nCE > nEG:
		return CloudEvents
	case sumEG > sumCE:
		return EventGrid
	case sumCE > sumEG:
		return CloudEvents
	}
	return tieBreak(nSpec > 0)
}

// handshake turns an Event Grid payload that holds a subscription-validation
// event into a Handshake and says what the endpoint must answer.
func handshake(res *Result) {
	for _, ev := range res.Events {
		if ev.Form != EventGrid || ev.Node == nil {
			continue
		}
		t := ev.Node.Get(vocab.EventType)
		if t == nil || t.Kind != jsontree.String || t.Text != catalog.Validation {
			continue
		}
		res.Form = Handshake
		code := ev.Node.Get(vocab.Data).Get("validationCode")
		if code == nil || code.Kind != jsontree.String {
			res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormHandshake, ev.Index, ev.Pointer, ev.Node,
				"Event Grid subscription-validation handshake, but data.validationCode is missing or not a string, "+
					"so there is no code to echo. Event Grid sends data.validationCode as a string; check that the "+
					"payload was not altered, or validate manually by sending a GET request to data.validationUrl."))
			return
		}
		res.ValidationCode = code.Text
		body := answer(code.Text)
		res.Diagnostics = append(res.Diagnostics, diag.New(vocab.FormHandshake, ev.Index, ev.Pointer+"/data/validationCode", code,
			"Event Grid subscription-validation handshake: the endpoint must answer this request with 200 OK and the JSON body "+
				"%s. Alternatively, validate manually by sending a GET request to data.validationUrl.", body))
		return
	}
}

// answer returns the body that completes a validation handshake.
func answer(code string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	// Encoding a struct with one string field cannot fail.
	_ = enc.Encode(struct {
		ValidationResponse string `json:"validationResponse"`
	}{code})
	return strings.TrimSuffix(b.String(), "\n")
}

// describeScalar says what a non-container value is, for FORM001.
func describeScalar(n *jsontree.Node) string {
	switch n.Kind {
	case jsontree.String:
		t := strings.TrimSpace(n.Text)
		if strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			return "a string that holds JSON text (the payload was encoded twice: decode the string once more and paste its content)"
		}
		return "a string"
	case jsontree.Number:
		return "a number"
	case jsontree.Bool:
		return "a boolean"
	}
	return "null"
}

// describeObject says what an object without event attributes holds, and
// points at a member that holds events when there is one.
func describeObject(n *jsontree.Node) string {
	if len(n.Members) == 0 {
		return "an empty object"
	}
	for _, mb := range n.Members {
		if holdsEvents(mb.Value) {
			return fmt.Sprintf("an object whose member %s holds events (paste the value of %s itself)",
				strconv.Quote(mb.Key), strconv.Quote(mb.Key))
		}
	}
	return "an object without event attributes (its members: " + keyList(n, 5) + ")"
}

// holdsEvents reports whether n is an event object or an array with an
// element that has event attributes.
func holdsEvents(n *jsontree.Node) bool {
	if n == nil {
		return false
	}
	switch n.Kind {
	case jsontree.Object:
		return lean(evidence(n)) != Unknown
	case jsontree.Array:
		for _, it := range n.Items {
			if evidence(it) != 0 {
				return true
			}
		}
	}
	return false
}

// keyList quotes up to max keys of an object, noting how many more there are.
func keyList(n *jsontree.Node, max int) string {
	var b strings.Builder
	for i, mb := range n.Members {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(n.Members)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(mb.Key))
	}
	return b.String()
}

// describeElement says what a batch element that is not an event is.
func describeElement(n *jsontree.Node) string {
	switch n.Kind {
	case jsontree.Object:
		if len(n.Members) == 0 {
			return "an empty object"
		}
		return "an object without event attributes"
	case jsontree.Array:
		return "an array (nested arrays are not batches: put the events directly in the top-level array)"
	case jsontree.Null:
		return "null"
	}
	return "a " + n.Kind.String()
}

// describeArray summarises an array none of whose elements is an event,
// e.g. "an array of 3 strings" or "an array of 2 numbers and 1 empty object".
func describeArray(n *jsontree.Node) string {
	type group struct {
		one, many string
		count     int
	}
	var groups []group
	for _, it := range n.Items {
		one, many := elementNoun(it)
		found := false
		for i := range groups {
			if groups[i].one == one {
				groups[i].count++
				found = true
				break
			}
		}
		if !found {
			groups = append(groups, group{one, many, 1})
		}
	}
	parts := make([]string, len(groups))
	for i, g := range groups {
		if g.count == 1 {
			parts[i] = "1 " + g.one
		} else {
			parts[i] = strconv.Itoa(g.count) + " " + g.many
		}
	}
	list := parts[0]
	if len(parts) > 1 {
		list = strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
	}
	return "an array of " + list + ", none of them an event"
}

// elementNoun names the kind of an array element, singular and plural.
func elementNoun(n *jsontree.Node) (one, many string) {
	switch n.Kind {
	case jsontree.Object:
		if len(n.Members) == 0 {
			return "empty object", "empty objects"
		}
		return "object without event attributes", "objects without event attributes"
	case jsontree.Array:
		return "array", "arrays"
	case jsontree.String:
		return "string", "strings"
	case jsontree.Number:
		return "number", "numbers"
	case jsontree.Bool:
		return "boolean", "booleans"
	}
	return "null", "nulls"
}

// decodeFix returns the fix for JSON pasted as a JSON string (escaped, as
// a log line or a serialiser writes it: "[{\"id\": …}]"): when the string
// holds an object or an array, the fix replaces the string with the JSON
// it holds; nil otherwise.
func decodeFix(root *jsontree.Node) *diag.Fix {
	if root.Kind != jsontree.String || root.End <= root.Pos.Offset {
		return nil
	}
	t := strings.TrimSpace(root.Text)
	if t == "" || t[0] != '{' && t[0] != '[' {
		return nil
	}
	doc, err := jsontree.Parse([]byte(root.Text), jsontree.Options{})
	if err != nil || doc.Root.Kind != jsontree.Object && doc.Root.Kind != jsontree.Array {
		return nil
	}
	return &diag.Fix{Title: "Decode the escaped JSON", Edits: []diag.Edit{{Offset: root.Pos.Offset, End: root.End, Text: root.Text}}}
}
