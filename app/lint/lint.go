// Package lint runs the semantic checks on Azure SignalR Service events
// (Event Grid schema or CloudEvents 1.0) that a JSON Schema cannot express:
// misspelt event types, mixed forms, CloudEvents attribute and extension
// rules, SignalR subject/hub and resource-path consistency, and batch rules
// (duplicate ids, one specversion, Event Grid's size and count limits).
//
// Every finding has a stable code (the EG, CE, SR and BATCH codes of
// app/vocab, which give their severity), a message that says what to do,
// its place, and a fix made of source edits when one is mechanical. The
// limits it applies are vocab's too.
package lint

import (
	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Check runs every semantic check on the detected events and returns their
// diagnostics, sorted by place.
func Check(doc *jsontree.Doc, res detect.Result) []diag.Diagnostic {
	c := NewChecker(doc)
	var out []diag.Diagnostic
	for i := range res.Events {
		out = append(out, c.Event(&res.Events[i])...)
	}
	out = append(out, c.Batch(res)...)
	diag.Sort(out)
	return out
}

// Checker runs the semantic checks one event at a time, so that a caller
// can share the work out over time and keep (or cap) the findings as they
// come: Event for each event, then Batch once. Check is a Checker run over
// every event.
type Checker struct{ c checker }

// NewChecker returns a Checker for the events of doc (which may be nil:
// then fixes and positions inside strings are not computed).
func NewChecker(doc *jsontree.Doc) *Checker {
	k := &Checker{c: checker{doc: doc}}
	if doc != nil {
		k.c.src = doc.Src
	}
	return k
}

// Event runs the checks of one event and returns its diagnostics, sorted
// by place.
func (k *Checker) Event(ev *detect.Event) []diag.Diagnostic {
	c := &k.c
	c.out = nil
	if ev.Node == nil || ev.Node.Kind != jsontree.Object {
		return nil
	}
	switch ev.Form {
	case detect.EventGrid, detect.Handshake:
		c.eventGrid(ev)
	case detect.CloudEvents:
		c.cloudEvents(ev)
	}
	diag.Sort(c.out)
	return c.out
}

// Batch runs the checks across the events of res (sizes, count, duplicate
// ids, one specversion) and returns their diagnostics, sorted by place.
func (k *Checker) Batch(res detect.Result) []diag.Diagnostic {
	c := &k.c
	c.out = nil
	var root *jsontree.Node
	if c.doc != nil {
		root = c.doc.Root
	}
	c.batch(root, res)
	diag.Sort(c.out)
	return c.out
}

// checker holds the state of one Check call.
type checker struct {
	doc *jsontree.Doc // nil when Check was given none
	src []byte        // doc.Src
	out []diag.Diagnostic
	// Caches, so that a batch repeating a value pays for it once.
	suggestions map[string]suggestion
	media       map[string]mediaType
	misspelt    map[string][]string
	surrogates  map[string]bool // pointers of strings with an unpaired surrogate (JSON104 notes)
	cleanPath   string          // the last resource path found without fault
}

// suggestion is a cached catalog.Suggest answer.
type suggestion struct {
	name string
	ok   bool
}

// add records a diagnostic.
func (c *checker) add(d diag.Diagnostic) { c.out = append(c.out, d) }

// at returns a diagnostic about value n of event ev at pointer ptr.
func at(code vocab.Code, ev *detect.Event, ptr string, n *jsontree.Node, format string, args ...any) diag.Diagnostic {
	return diag.New(code, ev.Index, ptr, n, format, args...)
}

// atKey returns a diagnostic about member m of event ev, placed at its key
// (the span runs to the end of its value).
func atKey(code vocab.Code, ev *detect.Event, ptr string, m *jsontree.Member, format string, args ...any) diag.Diagnostic {
	d := diag.New(code, ev.Index, ptr, m.Value, format, args...)
	d.Line, d.Column, d.Offset = m.KeyPos.Line, m.KeyPos.Column, m.KeyPos.Offset
	if d.End < d.Offset {
		d.End = d.Offset
	}
	return d
}

// pointer returns the JSON pointer of a member path inside event ev.
func pointer(ev *detect.Event, tokens ...string) string {
	return ev.Pointer + jsontree.Pointer(tokens...)
}

// suggest is catalog.Suggest, cached.
func (c *checker) suggest(name string) (string, bool) {
	if s, ok := c.suggestions[name]; ok {
		return s.name, s.ok
	}
	if c.suggestions == nil {
		c.suggestions = map[string]suggestion{}
	}
	s, ok := catalog.Suggest(name)
	c.suggestions[name] = suggestion{s, ok}
	return s, ok
}

// typeCodes names the codes of the event-type check for one form.
type typeCodes struct{ misspelt, unchecked, custom vocab.Code }

// eventType checks the event type held by member attr of ev: a likely
// misspelling of a known type is an error with a fix; other types are valid
// but their data is not checked (info).
func (c *checker) eventType(ev *detect.Event, attr string, codes typeCodes) {
	m, _ := member(ev.Node, attr)
	if m == nil || m.Value == nil || m.Value.Kind != jsontree.String || m.Value.Text == "" {
		return // missing, empty or not a string: the schema reports it
	}
	v, name := m.Value, m.Value.Text
	t, known := catalog.Known(name)
	if known && t.DataChecked {
		return
	}
	ptr := pointer(ev, attr)
	if known {
		c.add(at(codes.unchecked, ev, ptr, v,
			"%s %s is a valid envelope; eventlens checks the data of SignalR Service events only, so this event's data is not checked",
			attr, quote(name)))
		return
	}
	if s, ok := c.suggest(name); ok {
		d := at(codes.misspelt, ev, ptr, v,
			"unknown event type %s; did you mean %s? Event types are case-sensitive: write the exact name", quote(name), quote(s))
		d.Fix = replaceValue(c.src, v, "Replace with "+quote(s), quote(s))
		c.add(d)
		return
	}
	if catalog.IsAzure(name) {
		c.add(at(codes.unchecked, ev, ptr, v,
			"%s is an Azure event type: valid envelope; eventlens checks the data of SignalR Service events only", quote(name)))
		return
	}
	c.add(at(codes.custom, ev, ptr, v,
		"%s is a custom (non-Azure) event type: the envelope is checked, its data is not", quote(name)))
}
