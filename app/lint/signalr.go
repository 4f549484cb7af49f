package lint

import (
	"math"
	"strings"
	"time"

	"eventlens/app/catalog"
	"eventlens/app/detect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// signalR runs the checks of a SignalR Service event of type typ, whose
// resource path is in pathAttr (topic or source) and whose time is in
// timeAttr (eventTime or time).
func (c *checker) signalR(ev *detect.Event, typ, pathAttr, timeAttr string) {
	n := ev.Node
	if p := value(n, pathAttr); p != nil && p.Kind == jsontree.String {
		c.resourcePath(ev, pathAttr, p)
	}
	data := value(n, vocab.Data)
	if data == nil || data.Kind != jsontree.Object {
		return // the schema reports a missing or malformed data
	}
	c.sdkRequired(ev, data)
	c.subjectHub(ev, data)
	if typ == catalog.Connected {
		if m, i := member(data, vocab.ErrorMessage); m != nil && m.Value != nil && m.Value.Kind != jsontree.Null {
			d := atKey(vocab.SRConnectedError, ev, pointer(ev, vocab.Data, vocab.ErrorMessage), m,
				"data.errorMessage is set on a ClientConnectionConnected event, but only ClientConnectionDisconnected events carry one: if the connection was closed, the type should be %s; otherwise remove errorMessage",
				quote(catalog.Disconnected))
			d.Fix = removeMember(c.src, data, i, "Remove data.errorMessage")
			c.add(d)
		}
	}
	c.timestampSkew(ev, data, timeAttr)
}

// sdkRequired warns about a SignalR data object without hubName or
// connectionId. Azure's sources disagree: the current Event Grid REST
// specification and the TypeSpec (SignalRService.tsp) require only
// timestamp; the Azure SDK for Go (azsystemevents) marks all three
// REQUIRED. The event is valid by the service's contract, but receivers
// built on that SDK get no value where it promises one.
func (c *checker) sdkRequired(ev *detect.Event, data *jsontree.Node) {
	for _, p := range [...]string{vocab.HubName, vocab.ConnectionID} {
		if m, _ := member(data, p); m != nil {
			continue // present; its type is the schema's to check
		}
		c.add(at(vocab.SRSDKRequired, ev, pointer(ev, vocab.Data), data,
			"data.%s is missing: Azure's current Event Grid REST specification and TypeSpec (SignalRService.tsp) require only data.timestamp, so the event is valid, but the Azure SDK for Go (azsystemevents) marks %s REQUIRED, and a receiver that deserialises the event with it gets a nil %s where the SDK promises a value; the events in Azure's documentation always carry it: check where this event comes from",
			p, p, p))
	}
}

// subjectHub checks that subject is "/hub/<data.hubName>".
func (c *checker) subjectHub(ev *detect.Event, data *jsontree.Node) {
	subject := value(ev.Node, vocab.Subject)
	hub, ok := stringValue(data, vocab.HubName)
	if subject == nil || subject.Kind != jsontree.String || !ok {
		return // the schema reports missing or malformed members
	}
	want := "/hub/" + hub
	if subject.Text == want {
		return
	}
	ptr := pointer(ev, vocab.Subject)
	if s := subject.Text; len(s) >= len("/hub/") && strings.EqualFold(s[:5], "/hub/") && strings.EqualFold(s[5:], hub) {
		c.add(at(vocab.SRSubjectHubCase, ev, ptr, subject,
			"subject %s and data.hubName %s differ only in case; SignalR hub names are case-insensitive, so both name the same hub: compare hub names case-insensitively in your code",
			quote(s), quote(hub)))
		return
	}
	d := at(vocab.SRSubjectHub, ev, ptr, subject,
		"subject %s does not name the hub in data.hubName %s: SignalR Service sets subject to \"/hub/<hubName>\" (%s here); check which one is right (hub names are case-insensitive)",
		quote(subject.Text), quote(hub), quote(want))
	d.Fix = replaceValue(c.src, subject, "Set subject to "+quote(want), quote(want))
	c.add(d)
}

// The segments of a SignalR Service resource path, compared without case;
// "" marks a variable segment.
var resourcePath = [...]string{"", "subscriptions", "", "resourceGroups", "", "providers", "Microsoft.SignalRService", "SignalR", ""}

// resourcePathShape is resourcePath as shown in messages.
const resourcePathShape = "/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.SignalRService/SignalR/<name>"

// resourcePath checks that v (the value of attr) is the resource path of a
// SignalR Service, and notes documentation placeholders in it.
func (c *checker) resourcePath(ev *detect.Event, attr string, v *jsontree.Node) {
	if v.Text != "" && v.Text == c.cleanPath {
		return // the events of a batch come from one service
	}
	found := len(c.out)
	defer func() {
		if len(c.out) == found {
			c.cleanPath = v.Text
		}
	}()
	bad := func(why string) {
		c.add(at(vocab.SRResourcePath, ev, pointer(ev, attr), v,
			"%s %s is not the resource path of a SignalR Service (%s): %s; SignalR Service events carry the path of the service that sent them, so check where this event comes from",
			attr, quote(v.Text), resourcePathShape, why))
	}
	var segs [len(resourcePath)]string
	rest, n := v.Text, 0
	for {
		seg, after, more := strings.Cut(rest, "/")
		if n == len(segs) {
			bad("it has more segments than that")
			return
		}
		segs[n], n, rest = seg, n+1, after
		if !more {
			break
		}
	}
	if n < len(segs) {
		bad("it has fewer segments than that")
		return
	}
	if segs[0] != "" {
		bad(`it does not start with "/"`)
		return
	}
	for i, want := range resourcePath {
		switch {
		case want == "" && i > 0 && segs[i] == "":
			bad("segment " + quote(resourcePath[i-1]) + " is followed by an empty name")
			return
		case want != "" && !strings.EqualFold(segs[i], want):
			bad("it has " + quote(segs[i]) + " where " + quote(want) + " belongs")
			return
		}
	}
	var placeholders []string
	for _, i := range []int{2, 4, 8} {
		if s := segs[i]; len(s) >= 2 && s[0] == '{' && s[len(s)-1] == '}' {
			placeholders = append(placeholders, s)
		}
	}
	if len(placeholders) > 0 {
		c.add(at(vocab.SRPlaceholder, ev, pointer(ev, attr), v,
			"%s holds the placeholder %s from the Azure documentation's example: a real event carries the subscription id (a GUID), resource group and resource name",
			attr, strings.Join(placeholders, ", ")))
	}
	if sub := segs[2]; !isGUID(sub) && !(len(sub) >= 2 && sub[0] == '{' && sub[len(sub)-1] == '}') {
		bad("the subscription id " + quote(sub) + " is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)")
	}
}

// isGUID reports whether s is a GUID written 8-4-4-4-12 in hexadecimal.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// timestampSkew checks that data.timestamp is within vocab.MaxTimestampSkew of
// the envelope's time. Values that do not parse are the schema's to report.
func (c *checker) timestampSkew(ev *detect.Event, data *jsontree.Node, timeAttr string) {
	ts := value(data, vocab.Timestamp)
	envelope, ok := stringValue(ev.Node, timeAttr)
	if ts == nil || ts.Kind != jsontree.String || !ok {
		return
	}
	t1, err1 := time.Parse(time.RFC3339, ts.Text)
	t2, err2 := time.Parse(time.RFC3339, envelope)
	if err1 != nil || err2 != nil {
		return
	}
	gap, dir := t1.Sub(t2), "after"
	if gap < 0 {
		dir = "before"
		gap = -gap
		if gap < 0 { // -math.MinInt64 overflows: Sub saturated
			gap = math.MaxInt64
		}
	}
	if gap <= vocab.MaxTimestampSkew {
		return
	}
	c.add(at(vocab.SRTimestampSkew, ev, pointer(ev, vocab.Data, vocab.Timestamp), ts,
		"data.timestamp is %s %s %s: SignalR Service sets both when the connection event happens, so a gap over %s points to an edited or replayed event or a clock problem; check both values",
		roundGap(gap), dir, timeAttr, vocab.MaxTimestampSkew))
}

// roundGap renders a gap between two times for a message.
func roundGap(d time.Duration) string {
	if d >= time.Second {
		d = d.Round(time.Second)
	}
	return d.String()
}
