// Package convert turns Event Grid events into CloudEvents 1.0 events and
// back, event by event, following the attribute table of app/vocab
// (vocab.Attributes):
//
//	Event Grid       CloudEvents
//	topic            source
//	subject          subject
//	eventType        type
//	eventTime        time
//	id               id
//	data             data
//	dataVersion      (dropped; back: from dataschema "#x" or the known version of the type)
//	metadataVersion  (dropped; back: "1" added)
//	(added "1.0")    specversion
//
// Each event keeps its key order: a renamed key stays in its place and added
// keys go at the end (so Azure's own Event Grid examples convert to exactly
// Azure's own CloudEvents examples, and back). Values are not re-encoded:
// the converted tree shares the input's value nodes, so number text and
// string content stay byte-exact. Everything a conversion does that is more
// than a plain copy is listed as a Change; nothing is silently dropped and
// nothing is invented (no clock, no made-up source).
package convert

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// ChangeKind says what a conversion did to one attribute: one of the
// actions of the attribute table (vocab.Action).
type ChangeKind = vocab.Action

// The kinds of change a conversion reports.
const (
	// Renamed: the value was kept under the other form's name (From → To).
	Renamed = vocab.Renamed
	// Dropped: removed on purpose by the mapping, because the other form has
	// no such attribute and nothing the receiver needs is lost, or because
	// the value was null (unset) or a duplicate key that JSON decoders ignore.
	Dropped = vocab.Dropped
	// Added: the other form requires the attribute and its value is fixed or
	// derived from the event (To is its name, Value its value).
	Added = vocab.Added
	// Lost: the source event had the attribute and the other form cannot
	// carry it (From is its name).
	Lost = vocab.Lost
	// Missing: the other form requires an attribute that the source event
	// does not provide (From names the source attribute that would have
	// given it, when there is one; To names the required attribute). Nothing
	// is invented: the converted event lacks it and fails validation until
	// it is filled in.
	Missing = vocab.Missing
	// Carried: an attribute the mapping does not name was kept under the
	// same name, as a CloudEvents extension attribute.
	Carried = vocab.Carried
	// Noted: nothing was changed; Note says something about the whole
	// conversion (Event is -1).
	Noted = vocab.Noted
)

// Change is one thing a conversion did to one event.
type Change struct {
	Kind  ChangeKind
	Event int    // index of the event in the payload; -1 for the payload as a whole
	From  string // source attribute name ("" for added)
	To    string // target attribute name ("" for dropped and lost)
	Value string // the JSON text of the value concerned (minified), when there is one
	Note  string // why, in words
}

// String describes the change on one line, e.g.
// `event 0: renamed topic → source: Event Grid's topic is CloudEvents' source`.
func (c Change) String() string {
	var b strings.Builder
	if c.Event < 0 {
		b.WriteString("payload: ")
	} else {
		fmt.Fprintf(&b, "event %d: ", c.Event)
	}
	b.WriteString(string(c.Kind))
	switch {
	case c.From != "" && c.To != "" && c.From != c.To:
		fmt.Fprintf(&b, " %s → %s", c.From, c.To)
	case c.From != "":
		fmt.Fprintf(&b, " %s", c.From)
	case c.To != "":
		fmt.Fprintf(&b, " %s", c.To)
	}
	if c.Value != "" {
		fmt.Fprintf(&b, " = %s", c.Value)
	}
	if c.Note != "" {
		fmt.Fprintf(&b, ": %s", c.Note)
	}
	return b.String()
}

// Result is a converted payload.
type Result struct {
	// Root is the converted payload: an array for a batch, an object for a
	// single event (Event Grid output is always an array). Its value nodes
	// are shared with the input tree, so their positions refer to the input
	// text; do not modify them.
	Root *jsontree.Node
	Text []byte // jsontree.Pretty(Root), or minified (Minified)
	// Minified says Text is minified: indenting it would have made it
	// larger than vocab.MaxPrettyBytes.
	Minified bool
	Changes  []Change // in event order, then in the order of each event's keys
}

// Error says why a payload cannot be converted at all.
type Error struct {
	Event   int    // index of the offending event; -1 when the payload itself is the problem
	Pointer string // JSON pointer of the offending value ("" for the whole payload)
	Message string // what is wrong and what to do
}

// Error returns the message.
func (e *Error) Error() string { return e.Message }

// ToCloudEvents converts an Event Grid payload (an array of events, or a
// single event object) to CloudEvents 1.0: an array becomes a batch (array)
// and a single object a single event. The error, if any, is an *Error: the
// root or one of the events is not an object.
func ToCloudEvents(root *jsontree.Node) (*Result, error) {
	c := NewToCloudEvents(root)
	c.Step(0)
	return c.Result()
}

// ToEventGrid converts a CloudEvents payload (a single event object, or a
// batch array) to the Event Grid schema, which is always an array. The
// error, if any, is an *Error: the root or one of the events is not an
// object.
//
// Azure itself never converts in this direction: the first change, Noted,
// says so, since the result serves tests and code that reads both forms,
// not a description of what Azure delivers.
func ToEventGrid(root *jsontree.Node) (*Result, error) {
	c := NewToEventGrid(root)
	c.Step(0)
	return c.Result()
}

// Converter is a conversion made a few events at a time, so that a caller
// on a single thread (a browser's) can share the work of a large batch out
// over several tasks. Its result is ToCloudEvents's or ToEventGrid's,
// whatever the steps.
type Converter struct {
	c      converter
	toEG   bool // converting to the Event Grid schema
	single bool // the payload is a single event, not a batch
	one    func(c *converter, i int, ev *jsontree.Node) *jsontree.Node
	events []*jsontree.Node // the events to convert
	out    *jsontree.Node   // the converted payload, filled in event by event
	next   int              // the next event to convert
	res    *Result
	err    error
}

// NewToCloudEvents prepares the conversion that ToCloudEvents makes; no
// event is converted until Step.
func NewToCloudEvents(root *jsontree.Node) *Converter {
	return newConverter(root, "Event Grid", false, toCloudEvent)
}

// NewToEventGrid prepares the conversion that ToEventGrid makes; no event
// is converted until Step.
func NewToEventGrid(root *jsontree.Node) *Converter {
	return newConverter(root, "CloudEvents", true, toEventGrid)
}

// newConverter checks the shape of the payload and prepares the conversion
// of each event with one.
func newConverter(root *jsontree.Node, from string, toEG bool, one func(c *converter, i int, ev *jsontree.Node) *jsontree.Node) *Converter {
	v := &Converter{toEG: toEG, one: one}
	if toEG {
		// First in the list, written now rather than inserted at the end,
		// which would copy every change of a large batch.
		v.c.changes = []Change{{Kind: Noted, Event: -1, Note: NoEventGridDelivery}}
	}
	if root == nil {
		v.err = &Error{Event: -1, Message: "there is no payload to convert: paste an " + from + " payload"}
		return v
	}
	switch root.Kind {
	case jsontree.Object:
		v.events, v.single = []*jsontree.Node{root}, true
		if toEG {
			v.out = &jsontree.Node{Kind: jsontree.Array, Items: make([]*jsontree.Node, 1)}
		}
	case jsontree.Array:
		for i, it := range root.Items {
			if it == nil || it.Kind != jsontree.Object {
				v.err = &Error{Event: i, Pointer: "/" + strconv.Itoa(i), Message: fmt.Sprintf(
					"event %d is %s, not an object: every %s event is a JSON object; fix or remove it, then convert again",
					i, describeKind(it), from)}
				return v
			}
		}
		v.events = root.Items
		v.out = &jsontree.Node{Kind: jsontree.Array, Items: make([]*jsontree.Node, len(root.Items))}
	default:
		v.err = &Error{Event: -1, Message: fmt.Sprintf(
			"the payload is %s, not an event or an array of events: paste an %s payload (a JSON object, or an array of objects)",
			describeKind(root), from)}
		return v
	}
	v.c.reserve(v.events)
	return v
}

// Step converts up to n more events (all that remain when n is 0 or less)
// and reports whether every event is converted (or the payload cannot be).
func (v *Converter) Step(n int) (done bool) {
	if v.err != nil || v.res != nil {
		return true
	}
	end := len(v.events)
	if n > 0 {
		end = min(end, v.next+n)
	}
	for ; v.next < end; v.next++ {
		i := v.next
		ev := v.one(&v.c, i, v.events[i])
		if v.out == nil { // a single event, converted to CloudEvents
			v.out = ev
		} else {
			v.out.Items[i] = ev
		}
		if i == 0 && len(v.events) > 1 {
			// Events of a batch are alike: expect as many changes for
			// each as for the first.
			v.c.changes = slices.Grow(v.c.changes, len(v.c.changes)*(len(v.events)-1))
		}
	}
	return v.next == len(v.events)
}

// Result returns the converted payload, or the *Error that prevents it.
// The payload's text is made on the first call: call it once Step has
// reported that every event is converted (before, it converts the rest).
func (v *Converter) Result() (*Result, error) {
	if v.err != nil {
		return nil, v.err
	}
	if v.res != nil {
		return v.res, nil
	}
	v.Step(0)
	changes := v.c.changes
	if v.toEG && v.single {
		changes = append(changes, Change{Kind: Added, Event: -1, Note: "Event Grid always sends events in a JSON array: the single event became an array of one"})
	}
	text, minified := jsontree.PrettyOrMinify(v.out, vocab.MaxPrettyBytes)
	v.res = &Result{Root: v.out, Text: text, Minified: minified, Changes: changes}
	return v.res, nil
}

// NoEventGridDelivery says that Azure does not deliver CloudEvents input
// as the Event Grid schema (Event Grid docs, "Event schema compatibility").
const NoEventGridDelivery = "Azure Event Grid does not deliver CloudEvents input in the Event Grid schema " +
	"(Event Grid docs, \"Event schema compatibility\": a topic whose input schema is CloudEvents 1.0 delivers CloudEvents only), " +
	"so no Azure endpoint receives this event in this form; this conversion is eventlens's own, for tests and for code that reads both forms"

// converter collects the changes of one conversion.
type converter struct {
	changes  []Change
	buf      []byte             // scratch space for minify
	values   map[string]string  // shared's interned values, by string value
	recent   [8]sharedValue     // values shared found repeated, the latest ones
	next     int                // where in recent the next one goes
	notes    map[noteKey]string // notes built once per conversion, by their inputs
	lastNote struct {
		key  noteKey
		text string
	}
	// The converted events' nodes and members are cut from slabs, one
	// allocation each for a batch instead of two an event; eventsLeft and
	// membersLeft are how many of each the slabs are still to serve.
	nodes                   []jsontree.Node
	members                 []jsontree.Member
	eventsLeft, membersLeft int
	version                 *versionNode // the last dataVersion added, reused by the next event of the same type
}

// versionNode is a dataVersion value converting adds: its node and its
// JSON text, shared by every event that gets it.
type versionNode struct {
	node *jsontree.Node
	json string
}

// reserve tells the slabs what is to come: the events, each converted to
// at most addedMembers more members than it has.
func (c *converter) reserve(events []*jsontree.Node) {
	c.eventsLeft = len(events)
	for _, ev := range events {
		c.membersLeft += len(ev.Members) + addedMembers
	}
}

// addedMembers is how many members converting adds to an event at most:
// dataVersion and metadataVersion to Event Grid, specversion to CloudEvents.
const addedMembers = 2

// object returns a new object node with room for n members, cut from the
// converter's slabs.
func (c *converter) object(n int) *jsontree.Node {
	if len(c.nodes) == cap(c.nodes) {
		c.nodes = make([]jsontree.Node, 0, max(c.eventsLeft, 1))
	}
	c.nodes = c.nodes[:len(c.nodes)+1]
	out := &c.nodes[len(c.nodes)-1]
	out.Kind = jsontree.Object
	if cap(c.members)-len(c.members) < n {
		c.members = make([]jsontree.Member, 0, max(n, c.membersLeft))
	}
	l := len(c.members)
	out.Members = c.members[l : l : l+n]
	c.members = c.members[:l+n]
	c.eventsLeft, c.membersLeft = c.eventsLeft-1, c.membersLeft-n
	return out
}

// versionOf returns the shared node and JSON text of the dataVersion s.
func (c *converter) versionOf(s string) *versionNode {
	if c.version == nil || c.version.node.Text != s {
		c.version = &versionNode{node: str(s), json: quoted(s)}
	}
	return c.version
}

// minify returns the compact JSON text of n.
func (c *converter) minify(n *jsontree.Node) string {
	if n == nil {
		return ""
	}
	if n.Kind != jsontree.String {
		return string(jsontree.Minify(n))
	}
	c.buf = jsontree.AppendString(c.buf[:0], n.Text)
	return string(c.buf)
}

// shared returns minify(n) for a value that usually repeats in every event
// of a batch (topic, type, versions): one copy of each distinct text serves
// all the changes that quote it. The few values each event asks for are
// found among the recent ones by comparing text, which costs less than
// hashing it.
func (c *converter) shared(n *jsontree.Node) string {
	if n == nil || n.Kind != jsontree.String {
		return c.minify(n)
	}
	for _, r := range c.recent {
		if r.text == n.Text && r.json != "" {
			return r.json
		}
	}
	if v, ok := c.values[n.Text]; ok {
		// Seen twice: a value that repeats, worth keeping at hand (one
		// that differs in every event, such as a time, never is).
		c.recent[c.next] = sharedValue{n.Text, v}
		c.next = (c.next + 1) % len(c.recent)
		return v
	}
	if c.values == nil {
		c.values = map[string]string{}
	}
	v := c.minify(n)
	if len(c.values) < maxShared {
		c.values[n.Text] = v
	}
	return v
}

// renameNotes holds the note of each attribute that converting renames, by
// its name in the source form: a few, compared in turn, which costs less
// than hashing the name.
type renameNotes []renameNote

// renameNote is the note of one renamed attribute.
type renameNote struct{ name, note string }

// of returns the note of the attribute name, or "".
func (r renameNotes) of(name string) string {
	for _, n := range r {
		if n.name == name {
			return n.note
		}
	}
	return ""
}

// sharedValue is a string value and its JSON text.
type sharedValue struct{ text, json string }

// maxShared bounds the values shared keeps: a batch whose values all differ
// does not grow a large map.
const maxShared = 64

// note returns the note built by build for key, building it once per
// conversion (notes that depend on an event's type and version repeat in
// every event of a batch, and each event asks for the one the last asked
// for).
func (c *converter) note(key noteKey, build func() string) string {
	if c.lastNote.key == key && c.lastNote.text != "" {
		return c.lastNote.text
	}
	v, ok := c.notes[key]
	if !ok {
		if c.notes == nil {
			c.notes = map[noteKey]string{}
		}
		v = build()
		if len(c.notes) < maxShared {
			c.notes[key] = v
		}
	}
	c.lastNote.key, c.lastNote.text = key, v
	return v
}

// noteKey names a note by what it is about (an attribute) and the values it
// depends on.
type noteKey struct{ attribute, typeName, version string }

func (c *converter) add(ch Change) int {
	c.changes = append(c.changes, ch)
	return len(c.changes) - 1
}

// describeKind names a node's JSON type with an article ("a string").
func describeKind(n *jsontree.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case jsontree.Null:
		return "null"
	case jsontree.Array, jsontree.Object:
		return "an " + n.Kind.String()
	}
	return "a " + n.Kind.String()
}

// superseded reports, for each member, whether a later member has the same
// key (JSON decoders keep the last one). It returns nil when no key repeats.
func superseded(ms []jsontree.Member) []bool {
	var out []bool
	mark := func(i int) {
		if out == nil {
			out = make([]bool, len(ms))
		}
		out[i] = true
	}
	if len(ms) <= 16 {
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				if ms[j].Key == ms[i].Key {
					mark(i)
					break
				}
			}
		}
		return out
	}
	last := make(map[string]int, len(ms))
	for i, m := range ms {
		last[m.Key] = i
	}
	for i, m := range ms {
		if last[m.Key] != i {
			mark(i)
		}
	}
	return out
}

// duplicate is the change for a member that a later one with the same key overrides.
func duplicate(i int, m jsontree.Member) Change {
	return Change{Kind: Dropped, Event: i, From: m.Key, Value: minify(m.Value),
		Note: fmt.Sprintf("%q appears again later in the event and JSON decoders keep the last value, so this one is left out: remove the duplicate", m.Key)}
}

// minify returns the compact JSON text of n.
func minify(n *jsontree.Node) string {
	if n == nil {
		return ""
	}
	return string(jsontree.Minify(n))
}

// str returns a new string node.
func str(s string) *jsontree.Node { return &jsontree.Node{Kind: jsontree.String, Text: s} }

// quoted returns the JSON text of the string s.
func quoted(s string) string { return string(jsontree.AppendString(nil, s)) }

// stringOf returns the text of a string node, and whether n is one.
func stringOf(n *jsontree.Node) (string, bool) {
	if n == nil || n.Kind != jsontree.String {
		return "", false
	}
	return n.Text, true
}
