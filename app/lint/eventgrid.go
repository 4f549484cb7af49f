package lint

import (
	"strings"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// egProperties are the top-level properties of the Event Grid schema.
var egProperties = vocab.EventGridNames()

// egPropertyList lists egProperties for messages: "id, topic, … and metadataVersion".
var egPropertyList = strings.Join(egProperties[:len(egProperties)-1], ", ") + " and " + egProperties[len(egProperties)-1]

// ceInEventGrid maps the CloudEvents-only attributes to their Event Grid
// name ("" when Event Grid has none under another name).
var ceInEventGrid = func() map[string]string {
	m := map[string]string{}
	for _, a := range vocab.Attributes {
		if a.CloudEvents != "" && !vocab.IsEventGrid(a.CloudEvents) {
			m[a.CloudEvents] = renamedTo(a.ToEventGrid, a.EventGrid)
		}
	}
	return m
}()

// eventGrid runs the checks of one Event Grid event.
func (c *checker) eventGrid(ev *detect.Event) {
	n := ev.Node
	for i := range n.Members {
		m := &n.Members[i]
		switch {
		case m.Key == vocab.MetadataVersion:
			c.metadataVersion(ev, m)
		case !vocab.IsEventGrid(m.Key):
			c.egUnknown(ev, i)
		}
	}
	c.eventType(ev, vocab.EventType, typeCodes{vocab.EGMisspeltType, vocab.EGUncheckedType, vocab.EGCustomType})
	if t, ok := stringValue(n, vocab.EventType); ok && (t == catalog.Connected || t == catalog.Disconnected) {
		c.signalR(ev, t, vocab.Topic, vocab.EventTime)
	}
}

// metadataVersion checks that metadataVersion is "1".
func (c *checker) metadataVersion(ev *detect.Event, m *jsontree.Member) {
	v := m.Value
	if v == nil || v.Kind == jsontree.String && v.Text == "1" {
		return
	}
	d := at(vocab.EGMetadataVersion, ev, pointer(ev, m.Key), v,
		`metadataVersion is %s; Event Grid accepts only "1" (it sets the value itself): set it to "1" or remove it`, describe(v))
	d.Fix = replaceValue(c.src, v, `Set metadataVersion to "1"`, `"1"`)
	c.add(d)
}

// egUnknown reports member i of an Event Grid event, which is not an Event
// Grid property: a CloudEvents attribute (mixed forms), a likely misspelling
// of a property, or something Event Grid rejects.
func (c *checker) egUnknown(ev *detect.Event, i int) {
	n := ev.Node
	m := &n.Members[i]
	ptr := pointer(ev, m.Key)
	if target, ok := ceInEventGrid[m.Key]; ok {
		c.egCloudEventsAttribute(ev, i, m.Key, target)
		return
	}
	if target, ok := closest(m.Key, egProperties); ok {
		d := atKey(vocab.EGUnknownProperty, ev, ptr, m,
			"unknown property %s; did you mean %s? Event Grid rejects events with properties outside its schema", quote(m.Key), quote(target))
		d.Fix = c.renameOrDrop(n, i, target, &d)
		c.add(d)
		return
	}
	if attr, ok := ceFolded[fold(m.Key)]; ok {
		c.egCloudEventsAttribute(ev, i, attr, ceInEventGrid[attr])
		return
	}
	c.add(atKey(vocab.EGUnknownProperty, ev, ptr, m,
		"unknown property %s: Event Grid rejects events with top-level properties other than %s; move it into data or remove it",
		quote(m.Key), egPropertyList))
}

// egCloudEventsAttribute reports member i of an Event Grid event, which is
// (a variant of) the CloudEvents attribute attr, whose Event Grid name is
// target ("" when there is none).
func (c *checker) egCloudEventsAttribute(ev *detect.Event, i int, attr, target string) {
	n := ev.Node
	m := &n.Members[i]
	name := quote(m.Key)
	if m.Key != attr {
		name += " (CloudEvents " + quote(attr) + ")"
	}
	const mixed = "%s is a CloudEvents attribute: this Event Grid event mixes the two forms, and Event Grid rejects unknown properties; "
	ptr := pointer(ev, m.Key)
	var d diag.Diagnostic
	switch {
	case target != "":
		d = atKey(vocab.EGCloudEventsAttribute, ev, ptr, m, mixed+"rename it to %s, its Event Grid name", name, quote(target))
		d.Fix = c.renameOrDrop(n, i, target, &d)
	case attr == vocab.SpecVersion:
		d = atKey(vocab.EGCloudEventsAttribute, ev, ptr, m, mixed+"remove it, or convert the whole event to CloudEvents", name)
		d.Fix = removeMember(c.src, n, i, "Remove "+quote(m.Key))
	case attr == vocab.DataSchema:
		d = atKey(vocab.EGCloudEventsAttribute, ev, ptr, m, mixed+"Event Grid gives the data's version in dataVersion: move it there or remove it", name)
	default:
		d = atKey(vocab.EGCloudEventsAttribute, ev, ptr, m, mixed+"Event Grid has no equivalent (its data is JSON): remove it, or convert the whole event to CloudEvents", name)
	}
	c.add(d)
}

// renameOrDrop returns the fix for member i of object n, which should be
// named target: a rename when target is free; when target is already set
// with the same value, the removal of member i; otherwise none. It adds to
// the message of d what to do when target is already set.
func (c *checker) renameOrDrop(n *jsontree.Node, i int, target string, d *diag.Diagnostic) *diag.Fix {
	m := &n.Members[i]
	other, _ := member(n, target)
	if other == nil {
		return renameKey(c.src, m, target)
	}
	d.Message += " (" + quote(target) + " is already set: keep one of them)"
	if sameSource(c.src, m.Value, other.Value) {
		return removeMember(c.src, n, i, "Remove "+quote(m.Key)+", which repeats "+quote(target))
	}
	return nil
}
