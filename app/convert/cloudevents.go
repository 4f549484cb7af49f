package convert

import (
	"fmt"
	"strconv"

	"eventlens/app/catalog"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// egNames maps CloudEvents attribute names to the Event Grid property that
// carries the same thing: its Event Grid name, or the property that takes
// its part.
var egNames = func() map[string]string {
	m := map[string]string{}
	for _, a := range vocab.Attributes {
		switch {
		case a.CloudEvents == "" || a.CloudEvents == a.EventGrid:
		case a.EventGrid != "":
			m[a.CloudEvents] = a.EventGrid
		case a.InEventGrid != "":
			m[a.CloudEvents] = a.InEventGrid
		}
	}
	return m
}()

// toCloudEventsNotes holds the note of each Event Grid property that
// converting renames, when the table says what it holds.
var toCloudEventsNotes = func() (r renameNotes) {
	for _, a := range vocab.Attributes {
		if a.ToCloudEvents == vocab.Renamed && a.Note != "" {
			// Concatenated, not fmt.Sprintf: this runs as app.wasm starts,
			// and fmt's first call there costs several milliseconds.
			r = append(r, renameNote{a.EventGrid, "Event Grid's " + a.EventGrid + " (" + a.Note + ") is CloudEvents' " + a.CloudEvents})
		}
	}
	return r
}()

// specVersion is the attribute every event converted to CloudEvents gets,
// and specVersionJSON its value as JSON.
var (
	specVersion, _  = vocab.CloudEventsAttribute(vocab.SpecVersion)
	specVersionJSON = quoted(specVersion.Value)
	specVersionNode = str(specVersion.Value) // shared by every converted event: nodes are never modified
)

// toCloudEvent converts the Event Grid event ev (the payload's event i).
func toCloudEvent(c *converter, i int, ev *jsontree.Node) *jsontree.Node {
	out := c.object(len(ev.Members) + addedMembers)
	keep := func(key string, v *jsontree.Node) {
		out.Members = append(out.Members, jsontree.Member{Key: key, Value: v})
	}
	dup := superseded(ev.Members)
	var hasTopic, hasType, hasID bool
	typeName := ""
	versionChange := -1
	version := ""
	for k, m := range ev.Members {
		if dup != nil && dup[k] {
			c.add(duplicate(i, m))
			continue
		}
		v := m.Value
		a, ok := vocab.EventGridAttribute(m.Key)
		if !ok {
			extension(c, i, m, keep)
			continue
		}
		switch a.ToCloudEvents {
		case vocab.Same:
			keep(m.Key, v)
		case vocab.Renamed:
			keep(a.CloudEvents, v)
			c.add(Change{Kind: Renamed, Event: i, From: m.Key, To: a.CloudEvents, Value: c.shared(v), Note: toCloudEventsNotes.of(m.Key)})
		}
		switch m.Key {
		case vocab.ID:
			hasID = true
		case vocab.Topic:
			hasTopic = true
		case vocab.EventType:
			hasType = true
			typeName, _ = stringOf(v)
		case vocab.DataVersion:
			version, _ = stringOf(v)
			versionChange = c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: c.shared(v),
				Note: "CloudEvents has no dataVersion and Azure's SignalR CloudEvents events carry none; " +
					"other Azure services emit it as dataschema \"#<dataVersion>\", which strict CloudEvents validators reject (dataschema must be an absolute URI)"})
		case vocab.MetadataVersion:
			c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: c.shared(v),
				Note: "Event Grid's metadata schema version has no CloudEvents counterpart; specversion takes its role"})
		}
	}
	if versionChange >= 0 {
		ch := &c.changes[versionChange]
		ch.Note = c.note(noteKey{vocab.DataVersion, typeName, version}, func() string { return ch.Note + "; " + versionBack(typeName, version) })
	}
	if !hasTopic {
		c.add(Change{Kind: Missing, Event: i, From: vocab.Topic, To: vocab.Source,
			Note: "CloudEvents requires source and the Event Grid event has no topic (publishers may leave it out; Event Grid fills it in on delivery); " +
				"none is invented, so the converted event fails validation: add source, the publisher's resource path " +
				"(/subscriptions/{id}/resourceGroups/{rg}/providers/Microsoft.SignalRService/SignalR/{name} for SignalR Service)"})
	}
	if !hasType {
		c.add(Change{Kind: Missing, Event: i, From: vocab.EventType, To: vocab.Type,
			Note: "CloudEvents requires type and the Event Grid event has no eventType: add the event type, e.g. \"" + catalog.Connected + "\""})
	}
	if !hasID {
		c.add(Change{Kind: Missing, Event: i, From: vocab.ID, To: vocab.ID,
			Note: "CloudEvents requires id and the Event Grid event has none: add a unique id"})
	}
	keep(specVersion.CloudEvents, specVersionNode)
	c.add(Change{Kind: Added, Event: i, To: specVersion.CloudEvents, Value: specVersionJSON,
		Note: "CloudEvents requires specversion; this is CloudEvents 1.0"})
	return out
}

// versionBack says whether converting back to Event Grid recovers the
// dataVersion version of an event of type typeName.
func versionBack(typeName, version string) string {
	t, ok := catalog.Known(typeName)
	switch {
	case ok && t.DataVersion != "" && t.DataVersion == version:
		return fmt.Sprintf("converting back restores dataVersion %q, the version Azure emits for %s", version, typeName)
	case ok && t.DataVersion != "":
		return fmt.Sprintf("converting back gives dataVersion %q (the version Azure emits for %s), not this one", t.DataVersion, typeName)
	}
	return "converting back cannot restore it, because the event type is not one whose version eventlens knows"
}

// extension carries an Event Grid property that the mapping does not name
// as a CloudEvents extension attribute when it can be one, and reports it.
func extension(c *converter, i int, m jsontree.Member, keep func(string, *jsontree.Node)) {
	v := m.Value
	val := c.minify(v)
	const notEG = " is not an Event Grid property (Event Grid rejects unknown properties)"
	switch {
	case vocab.IsCloudEvents(m.Key):
		note := fmt.Sprintf("%q%s and it is the name of a CloudEvents attribute, so it is not carried: in a CloudEvents event it would mean something else", m.Key, notEG)
		if eg, ok := egNames[m.Key]; ok {
			note += fmt.Sprintf("; the Event Grid property is %q", eg)
		}
		c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: val, Note: note})
	case !validExtensionName(m.Key):
		note := fmt.Sprintf("%q%s and cannot be a CloudEvents extension attribute, whose names are lower-case letters and digits only", m.Key, notEG)
		if s := extensionSpelling(m.Key); s != "" {
			note += fmt.Sprintf(": rename it %q to keep it", s)
		}
		c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: val, Note: note})
	case v == nil || v.Kind == jsontree.Null:
		c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: val,
			Note: fmt.Sprintf("%q%s; its value is null, which in CloudEvents means unset", m.Key, notEG)})
	case v.Kind == jsontree.String || v.Kind == jsontree.Bool || (v.Kind == jsontree.Number && isInt32(v.Text)):
		keep(m.Key, v)
		c.add(Change{Kind: Carried, Event: i, From: m.Key, To: m.Key, Value: val,
			Note: fmt.Sprintf("%q%s; it is kept as a CloudEvents extension attribute", m.Key, notEG)})
	default:
		c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: val,
			Note: fmt.Sprintf("%q%s and its value (%s) cannot be a CloudEvents extension attribute, which holds a string, a boolean or an integer of 32 bits: move it into data to keep it",
				m.Key, notEG, describeKind(v))})
	}
}

// validExtensionName reports whether name is a valid CloudEvents extension
// attribute name: one or more lower-case ASCII letters or digits.
func validExtensionName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// extensionSpelling returns name lower-cased with everything but letters and
// digits removed, when that is a valid extension name that is not a
// CloudEvents attribute; otherwise "".
func extensionSpelling(name string) string {
	b := make([]byte, 0, len(name))
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+('a'-'A'))
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b = append(b, c)
		}
	}
	s := string(b)
	if !validExtensionName(s) || vocab.IsCloudEvents(s) {
		return ""
	}
	return s
}

// isInt32 reports whether the number text is a whole number without fraction
// or exponent that fits the CloudEvents Integer type (32-bit signed).
func isInt32(text string) bool {
	_, err := strconv.ParseInt(text, 10, 32)
	return err == nil
}
