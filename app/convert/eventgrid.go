package convert

import (
	"fmt"
	"strings"

	"eventlens/app/catalog"
	"eventlens/app/jsontree"
)

// toEventGrid converts the CloudEvents event ev (the payload's event i).
// A null attribute counts as unset, as CloudEvents defines.
func toEventGrid(c *converter, i int, ev *jsontree.Node) *jsontree.Node {
	out := &jsontree.Node{Kind: jsontree.Object, Members: make([]jsontree.Member, 0, len(ev.Members)+2)}
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
		if v == nil || v.Kind == jsontree.Null {
			switch m.Key {
			case "type", "time", "id", "subject", "data":
				// Unset; reported below as missing.
			default:
				c.add(Change{Kind: Dropped, Event: i, From: m.Key, Value: "null",
					Note: "null means unset in CloudEvents: there is nothing to carry"})
			}
			continue
		}
		switch m.Key {
		case "source":
			keep("topic", v)
			c.add(Change{Kind: Renamed, Event: i, From: "source", To: "topic", Value: c.shared(v),
				Note: "CloudEvents' source is Event Grid's topic (the publisher's resource path)"})
		case "type":
			hasType = true
			typeName, _ = stringOf(v)
			keep("eventType", v)
			c.add(Change{Kind: Renamed, Event: i, From: "type", To: "eventType", Value: c.shared(v)})
		case "time":
			hasTime = true
			keep("eventTime", v)
			c.add(Change{Kind: Renamed, Event: i, From: "time", To: "eventTime", Value: c.minify(v)})
		case "id":
			hasID = true
			keep("id", v)
		case "subject":
			hasSubject = true
			keep("subject", v)
		case "data":
			hasData = true
			data = v
			keep("data", v)
		case "specversion":
			c.add(Change{Kind: Dropped, Event: i, From: "specversion", Value: c.shared(v),
				Note: "Event Grid events have no specversion; metadataVersion \"1\" takes its role"})
		case "dataschema":
			if s, ok := stringOf(v); ok && len(s) > 1 && s[0] == '#' {
				hasVersion = true
				keep("dataVersion", str(s[1:]))
				c.add(Change{Kind: Renamed, Event: i, From: "dataschema", To: "dataVersion", Value: c.shared(v),
					Note: fmt.Sprintf("dataVersion %q comes from dataschema %q, the form Azure services use for it", s[1:], s)})
			} else {
				c.add(Change{Kind: Lost, Event: i, From: "dataschema", Value: c.shared(v),
					Note: "Event Grid has no place for a schema URI (its dataVersion is a version string, which a dataschema of the form \"#<version>\" would give): set dataVersion yourself if the schema names a version"})
			}
		case "datacontenttype":
			if s, _ := stringOf(v); isJSONMediaType(s) {
				c.add(Change{Kind: Dropped, Event: i, From: "datacontenttype", Value: c.shared(v),
					Note: "Event Grid data is always JSON, so this content type goes without saying"})
			} else {
				c.add(Change{Kind: Lost, Event: i, From: "datacontenttype", Value: c.shared(v),
					Note: "Event Grid has no content type attribute and its data is always JSON: a receiver will read data as JSON, not as this type"})
			}
		case "data_base64":
			hasBase64 = true
			c.add(Change{Kind: Lost, Event: i, From: "data_base64", Value: c.minify(v),
				Note: "Event Grid data is JSON and cannot hold binary data: decode it into a JSON object under data to keep it"})
		default:
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
			keep("dataVersion", str(t.DataVersion))
			c.add(Change{Kind: Added, Event: i, To: "dataVersion", Value: quoted(t.DataVersion),
				Note: c.note("dataVersion\x00"+typeName, func() string {
					return fmt.Sprintf("Event Grid requires dataVersion and the event has no dataschema \"#<version>\"; %q is the version Azure emits for %s", t.DataVersion, typeName)
				})})
		} else {
			why := "the event has no type"
			if hasType {
				why = "its type is not one whose version eventlens knows"
			}
			c.add(Change{Kind: Missing, Event: i, To: "dataVersion",
				Note: "Event Grid requires dataVersion, the version of the data's schema; the event has no dataschema \"#<version>\" and " + why + ": add dataVersion (e.g. \"1.0\")"})
		}
	}
	keep("metadataVersion", str("1"))
	c.add(Change{Kind: Added, Event: i, To: "metadataVersion", Value: `"1"`,
		Note: "the version of Event Grid's event schema; \"1\" is the only valid value"})
	if !hasID {
		c.add(Change{Kind: Missing, Event: i, From: "id", To: "id",
			Note: "Event Grid requires id and the CloudEvents event has none: add a unique id"})
	}
	if !hasType {
		c.add(Change{Kind: Missing, Event: i, From: "type", To: "eventType",
			Note: "Event Grid requires eventType and the CloudEvents event has no type: add the event type, e.g. \"" + catalog.Connected + "\""})
	}
	if !hasTime {
		c.add(Change{Kind: Missing, Event: i, From: "time", To: "eventTime",
			Note: "Event Grid requires eventTime and the CloudEvents event has no time; none is invented: add the time the event happened (RFC 3339, e.g. \"2019-06-10T18:41:00.9584103Z\")"})
	}
	if !hasSubject {
		note := "Event Grid requires subject and the CloudEvents event has none: add the subject"
		if hub, ok := stringOf(data.Get("hubName")); ok && hub != "" {
			note += fmt.Sprintf("; SignalR Service events use \"/hub/<hubName>\", here %q", "/hub/"+hub)
		}
		c.add(Change{Kind: Missing, Event: i, From: "subject", To: "subject", Note: note})
	}
	if !hasData {
		note := "Event Grid requires data and the CloudEvents event has none: add the event's data as a JSON object"
		if hasBase64 {
			note = "Event Grid requires data and the CloudEvents event has only data_base64, which cannot be carried: add the event's data as a JSON object"
		}
		c.add(Change{Kind: Missing, Event: i, From: "data", To: "data", Note: note})
	}
	return out
}

// egAttributes are the Event Grid property names that have a CloudEvents
// counterpart under another name, with how CloudEvents writes them.
var egAttributes = map[string]string{
	"topic":           `"source"`,
	"eventType":       `"type"`,
	"eventTime":       `"time"`,
	"dataVersion":     `"dataschema": "#<dataVersion>"`,
	"metadataVersion": `"specversion": "1.0"`,
}

// isJSONMediaType reports whether the media type is application/json
// (parameters such as charset allowed).
func isJSONMediaType(s string) bool {
	mt, _, _ := strings.Cut(s, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}
