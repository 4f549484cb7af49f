package convert

import (
	"fmt"
	"strings"

	"eventlens/app/catalog"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// toEventGrid converts the CloudEvents event ev (the payload's event i).
// A null attribute counts as unset, as CloudEvents defines.
func toEventGrid(c *converter, i int, ev *jsontree.Node) *jsontree.Node {
	out := c.object(len(ev.Members) + addedMembers)
	keep := func(key string, v *jsontree.Node) {
		out.Members = append(out.Members, jsontree.Member{Key: key, Value: v})
	}
	dup := superseded(ev.Members)
	var hasType, hasTime, hasID, hasSubject, hasData, hasVersion, hasBase64 bool
	typeName := ""
	var data *jsontree.Node
	for k, m := range ev.Members {
		if dup != nil && dup[k] {
			c.add(duplicate(i, m))
			continue
		}
		v := m.Value
		a, known := vocab.CloudEventsAttribute(m.Key)
		if v == nil || v.Kind == jsontree.Null {
			if !known || !a.RequiredInEventGrid || a.EventGrid == "" {
				c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: "null",
					Note: "null means unset in CloudEvents: there is nothing to carry"})
			} // else unset, reported below as missing
			continue
		}
		switch a.ToEventGrid {
		case vocab.Same:
			keep(m.Key, v)
		case vocab.Renamed:
			keep(a.EventGrid, v)
			c.add(Change{Kind: Renamed, Event: i, From: m.Key, To: a.EventGrid, Value: c.shared(v), Note: toEventGridNotes.of(m.Key)})
		}
		switch m.Key {
		case vocab.Type:
			hasType = true
			typeName, _ = stringOf(v)
		case vocab.Time:
			hasTime = true
		case vocab.ID:
			hasID = true
		case vocab.Subject:
			hasSubject = true
		case vocab.Data:
			hasData = true
			data = v
		case vocab.SpecVersion:
			c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: c.shared(v),
				Note: "Event Grid events have no specversion; metadataVersion \"1\" takes its role"})
		case vocab.DataSchema:
			if s, ok := stringOf(v); ok && len(s) > 1 && s[0] == '#' {
				hasVersion = true
				keep(vocab.DataVersion, str(s[1:]))
				c.add(Change{Kind: Renamed, Event: i, From: m.Key, To: vocab.DataVersion, Value: c.shared(v),
					Note: fmt.Sprintf("dataVersion %q comes from dataschema %q, the form Azure services use for it", s[1:], s)})
			} else {
				c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: c.shared(v),
					Note: "Event Grid has no place for a schema URI (its dataVersion is a version string, which a dataschema of the form \"#<version>\" would give): set dataVersion yourself if the schema names a version"})
			}
		case vocab.DataContentType:
			if s, _ := stringOf(v); isJSONMediaType(s) {
				c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: c.shared(v),
					Note: "Event Grid data is always JSON, so this content type goes without saying"})
			} else {
				c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: c.shared(v),
					Note: "Event Grid has no content type attribute and its data is always JSON: a receiver will read data as JSON, not as this type"})
			}
		case vocab.DataBase64:
			hasBase64 = true
			c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: c.minify(v),
				Note: "Event Grid data is JSON and cannot hold binary data: decode it into a JSON object under data to keep it"})
		}
		if !known {
			note := fmt.Sprintf("Event Grid events have no %q: Event Grid rejects properties it does not define; move it into data to keep it", m.Key)
			if ce, ok := egAttributes[m.Key]; ok {
				note = fmt.Sprintf("%q is an Event Grid property name, not a CloudEvents one, so it is not converted: in a CloudEvents event write it as %s", m.Key, ce)
			} else if validExtensionName(m.Key) {
				note = fmt.Sprintf("%q is a CloudEvents extension attribute and Event Grid events have no extension attributes (Event Grid rejects properties it does not define): move it into data to keep it", m.Key)
			}
			c.add(Change{Kind: Lost, Event: i, From: m.Key, Value: c.minify(v), Note: note})
		}
	}
	if !hasVersion {
		if t, ok := catalog.Known(typeName); ok && t.DataVersion != "" {
			dv := c.versionOf(t.DataVersion)
			keep(vocab.DataVersion, dv.node)
			c.add(Change{Kind: Added, Event: i, To: vocab.DataVersion, Value: dv.json,
				Note: c.note(noteKey{vocab.DataVersion, typeName, ""}, func() string {
					return fmt.Sprintf("Event Grid requires dataVersion and the event has no dataschema \"#<version>\"; %q is the version Azure emits for %s", t.DataVersion, typeName)
				})})
		} else {
			why := "the event has no type"
			if hasType {
				why = "its type is not one whose version eventlens knows"
			}
			c.add(Change{Kind: Missing, Event: i, To: vocab.DataVersion,
				Note: "Event Grid requires dataVersion, the version of the data's schema; the event has no dataschema \"#<version>\" and " + why + ": add dataVersion (e.g. \"1.0\")"})
		}
	}
	keep(metadataVersion.EventGrid, metadataVersionNode)
	c.add(Change{Kind: Added, Event: i, To: metadataVersion.EventGrid, Value: metadataVersionJSON,
		Note: "the version of Event Grid's event schema; \"1\" is the only valid value"})
	if !hasID {
		c.add(Change{Kind: Missing, Event: i, From: vocab.ID, To: vocab.ID,
			Note: "Event Grid requires id and the CloudEvents event has none: add a unique id"})
	}
	if !hasType {
		c.add(Change{Kind: Missing, Event: i, From: vocab.Type, To: vocab.EventType,
			Note: "Event Grid requires eventType and the CloudEvents event has no type: add the event type, e.g. \"" + catalog.Connected + "\""})
	}
	if !hasTime {
		c.add(Change{Kind: Missing, Event: i, From: vocab.Time, To: vocab.EventTime,
			Note: "Event Grid requires eventTime and the CloudEvents event has no time; none is invented: add the time the event happened (RFC 3339, e.g. \"2019-06-10T18:41:00.9584103Z\")"})
	}
	if !hasSubject {
		note := "Event Grid requires subject and the CloudEvents event has none: add the subject"
		if hub, ok := stringOf(data.Get(vocab.HubName)); ok && hub != "" {
			note += fmt.Sprintf("; SignalR Service events use \"/hub/<hubName>\", here %q", "/hub/"+hub)
		}
		c.add(Change{Kind: Missing, Event: i, From: vocab.Subject, To: vocab.Subject, Note: note})
	}
	if !hasData {
		note := "Event Grid requires data and the CloudEvents event has none: add the event's data as a JSON object"
		if hasBase64 {
			note = "Event Grid requires data and the CloudEvents event has only data_base64, which cannot be carried: add the event's data as a JSON object"
		}
		c.add(Change{Kind: Missing, Event: i, From: vocab.Data, To: vocab.Data, Note: note})
	}
	return out
}

// egAttributes are the Event Grid property names that have a CloudEvents
// counterpart under another name, with how CloudEvents writes them.
var egAttributes = func() map[string]string {
	m := map[string]string{}
	for _, a := range vocab.Attributes {
		switch {
		case a.EventGrid == "" || a.EventGrid == a.CloudEvents:
		case a.CloudEvents != "":
			m[a.EventGrid] = quoted(a.CloudEvents)
		case a.InCloudEvents != "":
			m[a.EventGrid] = a.InCloudEvents
		}
	}
	return m
}()

// toEventGridNotes holds the note of each CloudEvents attribute that
// converting renames, when the table says what it holds.
var toEventGridNotes = func() (r renameNotes) {
	for _, a := range vocab.Attributes {
		if a.ToEventGrid == vocab.Renamed && a.Note != "" {
			r = append(r, renameNote{a.CloudEvents, "CloudEvents' " + a.CloudEvents + " is Event Grid's " + a.EventGrid + " (" + a.Note + ")"}) // as in toCloudEventsNotes
		}
	}
	return r
}()

// metadataVersion is the property every event converted to Event Grid
// gets, and metadataVersionJSON its value as JSON.
var (
	metadataVersion, _  = vocab.EventGridAttribute(vocab.MetadataVersion)
	metadataVersionJSON = quoted(metadataVersion.Value)
	metadataVersionNode = str(metadataVersion.Value) // shared by every converted event: nodes are never modified
)

// isJSONMediaType reports whether the media type is application/json
// (parameters such as charset allowed).
func isJSONMediaType(s string) bool {
	mt, _, _ := strings.Cut(s, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}
