package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// prop is what messages say about one property of one schema.
type prop struct {
	why     string // why it is required, for SCH001
	example string // a valid value as JSON, for SCH002 and SCH003
}

// timestampRule says where the required data.timestamp of SignalR events
// comes from.
const timestampRule = `Azure's current Event Grid REST specification and TypeSpec (SignalRService.tsp) require it, and the Azure SDK for Go (azsystemevents) marks it REQUIRED`

// props describes the properties of each schema file.
var props = map[string]map[string]prop{
	"eventgrid.json": {
		vocab.ID:              {why: "every Event Grid event needs a unique identifier", example: `"831e1650-001e-001b-66ab-eeb76e069631"`},
		vocab.Topic:           {example: resourcePath},
		vocab.Subject:         {why: `Event Grid requires it (it may be ""); SignalR events use "/hub/<hubName>"`, example: `"/hub/chat"`},
		vocab.EventType:       {why: "Event Grid requires it: it names the event's type", example: `"Microsoft.SignalRService.ClientConnectionConnected"`},
		vocab.EventTime:       {why: "Event Grid requires the time the event happened", example: `"2019-06-10T18:41:00Z"`},
		vocab.Data:            {why: "Event Grid's REST API requires it (the docs call it optional): put the event's payload there, {} when it has none", example: `{"hubName": "chat", …}`},
		vocab.DataVersion:     {why: "Event Grid's REST API requires it (the docs call it optional)", example: `"1.0"`},
		vocab.MetadataVersion: {example: `"1"`},
	},
	"cloudevents.json": {
		vocab.ID:              {why: "CloudEvents requires it: with source, it identifies the event", example: `"831e1650-001e-001b-66ab-eeb76e069631"`},
		vocab.Source:          {why: "CloudEvents requires it: a URI reference to the context the event happened in, for Azure the resource path (Event Grid's topic)", example: resourcePath},
		vocab.SpecVersion:     {why: `CloudEvents requires it: add "` + vocab.SpecVersion + `": "1.0"`, example: `"1.0"`},
		vocab.Type:            {why: "CloudEvents requires it: it names the event's type (Event Grid's eventType)", example: `"Microsoft.SignalRService.ClientConnectionConnected"`},
		vocab.DataContentType: {example: `"application/json"`},
		vocab.DataSchema:      {example: `"https://example.com/schemas/event.json"`},
		vocab.Subject:         {example: `"/hub/chat"`},
		vocab.Time:            {example: `"2019-06-10T18:41:00Z"`},
		vocab.DataBase64:      {example: `"Zm9vYg=="`},
	},
	"signalr-connected.json":    signalRProps,
	"signalr-disconnected.json": signalRProps,
	"validation.json": {
		"validationCode": {why: `Event Grid sends it, and the endpoint must echo it back as {"validationResponse": "<validationCode>"}`, example: `"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"`},
		"validationUrl":  {example: `"https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/mysubscription/validate?id=…"`},
	},
}

// resourcePath is an example of a SignalR Service resource path, Event
// Grid's topic and CloudEvents' source.
const resourcePath = `"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/signalr-rg/providers/Microsoft.SignalRService/SignalR/signalr-resource"`

// signalRProps describes the data of both SignalR event types.
var signalRProps = map[string]prop{
	vocab.Timestamp:    {why: timestampRule, example: `"2019-06-10T18:41:00.9584103Z"`},
	vocab.HubName:      {example: `"chat"`},
	vocab.ConnectionID: {example: `"crH0uxVSvP61p5wkFY1x1A"`},
	vocab.UserID:       {example: `"user-eymwyo23"`},
	vocab.ErrorMessage: {example: `"Internal server error."`},
}

// missing writes the message of a missing required property p of object
// obj, at path toks below the entry's prefix.
func (e *entry) missing(ev detect.Event, obj *jsontree.Node, toks []string, p string) string {
	var b strings.Builder
	full := append(append([]string(nil), toks...), p)
	fmt.Fprintf(&b, "missing required %s", label(e.prefix, full...))
	if len(toks) == 0 {
		if why := props[e.file][p].why; why != "" {
			b.WriteString(": " + why)
		}
		if e.file == "eventgrid.json" && p == vocab.DataVersion {
			b.WriteString("; " + dataVersionHint(ev.Node.Get(vocab.EventType)))
		}
	}
	// A member that differs only in letter case is the likely culprit.
	if obj != nil {
		for _, m := range obj.Members {
			if m.Key != p && strings.EqualFold(m.Key, p) {
				fmt.Fprintf(&b, "; there is %q, but property names are case-sensitive: rename it to %q", m.Key, p)
				break
			}
		}
	}
	return b.String()
}

// dataVersionHint says which dataVersion an event of type t should carry.
func dataVersionHint(t *jsontree.Node) string {
	if t != nil && t.Kind == jsontree.String {
		if t.Text == catalog.Connected || t.Text == catalog.Disconnected {
			return `for SignalR events use "1.0"`
		}
		if k, ok := catalog.Known(t.Text); ok && k.DataVersion != "" {
			return fmt.Sprintf("for %s events use %q", k.Name, k.DataVersion)
		}
	}
	return `give the version of the data's schema, e.g. "1.0" (SignalR events use "1.0")`
}

// typeList turns gojsonschema's expected types ("string" or
// "[string,null]") into words ("a string", "a string or null").
func typeList(expected string) string {
	names := strings.Split(strings.Trim(expected, "[]"), ",")
	for i, n := range names {
		switch n {
		case "null":
		case "object", "array", "integer":
			names[i] = "an " + n
		default:
			names[i] = "a " + n
		}
	}
	if len(names) == 1 {
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

// example returns " such as <example>" for a property, or "".
func example(file, p string) string {
	if ex := props[file][p].example; ex != "" {
		return " such as " + ex
	}
	return ""
}

// maxQuote is how many characters of a value messages quote.
const maxQuote = 80

// describe says what a value is, for "got …": a quoted string (shortened),
// a number or boolean as written, "null", "an object", "an array".
func describe(n *jsontree.Node) string {
	if n == nil {
		return "nothing"
	}
	switch n.Kind {
	case jsontree.String:
		return quote(n.Text)
	case jsontree.Number:
		return "the number " + shorten(n.Text)
	case jsontree.Bool:
		return "the boolean " + n.Text
	case jsontree.Object:
		return "an object"
	case jsontree.Array:
		return "an array"
	}
	return "null"
}

// quote writes s as a JSON string, shortened to maxQuote characters.
func quote(s string) string {
	return string(jsontree.AppendString(nil, shorten(s)))
}

// shorten cuts s to maxQuote characters, marking the cut with "…".
func shorten(s string) string {
	if utf8.RuneCountInString(s) <= maxQuote {
		return s
	}
	i, n := 0, 0
	for i = range s {
		if n == maxQuote {
			break
		}
		n++
	}
	return s[:i] + "…"
}

// formatMessage writes the message of a string at node n, labelled name,
// that lacks its format.
func formatMessage(name, format, file, p string, n *jsontree.Node) string {
	var what, ex string
	var check func(string) error
	switch format {
	case "date-time":
		what, ex, check = "an RFC 3339 date-time", "2019-06-10T18:41:00Z", CheckDateTime
	case "uri":
		what, ex, check = "an absolute URI", "https://example.com/schemas/event.json", CheckURI
	case "uri-reference":
		what, ex, check = "a URI reference", "/subscriptions/…/providers/Microsoft.SignalRService/SignalR/…", CheckURIReference
	default:
		return fmt.Sprintf("%s must have the format %q; got %s", name, format, describe(n))
	}
	if e := props[file][p].example; e != "" && format != "date-time" {
		ex = strings.Trim(e, `"`)
	}
	msg := fmt.Sprintf("%s must be %s such as %s; got %s", name, what, ex, describe(n))
	if n != nil && n.Kind == jsontree.String {
		if err := check(n.Text); err != nil {
			msg += " (" + err.Error() + ")"
		}
		if file == "cloudevents.json" && p == vocab.DataSchema && strings.HasPrefix(n.Text, "#") {
			msg += `; Azure Event Grid writes "#<dataVersion>" here when it converts events to CloudEvents, which strict CloudEvents validators reject: write the schema's absolute URI or remove dataschema`
		}
	}
	return msg
}

// constReason explains a const rule.
func constReason(file, p string) string {
	if file == "cloudevents.json" && p == vocab.SpecVersion {
		return " (eventlens checks CloudEvents 1.0 events, which carry exactly this string)"
	}
	return ""
}

// emptyReason explains a rule against an empty string.
func emptyReason(file, p string) string {
	if file != "cloudevents.json" {
		return ": give it a value"
	}
	if a, ok := vocab.CloudEventsAttribute(p); ok && a.RequiredInCloudEvents {
		return ": CloudEvents requires a non-empty value"
	}
	return ": CloudEvents optional attributes are non-empty when present; remove it or set it to null"
}
