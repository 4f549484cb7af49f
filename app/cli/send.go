package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"eventlens/app/delivery"
	"eventlens/app/detect"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// SendReport is the --json output of `eventlens send`.
type SendReport struct {
	To         string       `json:"to"`     // the endpoint, its query's values redacted
	Schema     string       `json:"schema"` // eventgrid or cloudevents
	Mode       string       `json:"mode"`   // structured or binary
	Handshake  SendResult   `json:"handshake"`
	Deliveries []SendResult `json:"deliveries"` // one per event, in order; [] when the handshake failed
	Delivered  int          `json:"delivered"`  // deliveries Event Grid would count as delivered
	OK         bool         `json:"ok"`         // the handshake and every delivery succeeded
	Changes    []string     `json:"changes,omitempty"`
	Notes      []string     `json:"notes,omitempty"`
}

// SendResult is one request of `eventlens send` and how the endpoint
// answered it, graded by Event Grid's delivery rules.
type SendResult struct {
	Request string `json:"request"`          // "validation", "options" or "event"
	Event   int    `json:"event"`            // index of the event in the file; -1 for the handshake
	ID      string `json:"id,omitempty"`     // the event's id
	Status  int    `json:"status"`           // the answer's status; 0 when there was none
	Outcome string `json:"outcome"`          // delivered, retried, dead-lettered or dropped; for the handshake: validated or not validated
	OK      bool   `json:"ok"`               // delivered, or the handshake succeeded
	Reason  string `json:"reason"`           // why, in Event Grid's terms
	Answer  string `json:"answer,omitempty"` // the start of the answer's body
}

// sendOptions are send's settings.
type sendOptions struct {
	to           *url.URL
	schema, mode string
	timeout      time.Duration
	subscription string
	origin       string
}

// maxAnswerBytes bounds how much of an answer's body send reads.
const maxAnswerBytes = 64 << 10

// Send runs `eventlens send [--json] [--schema eventgrid|cloudevents]
// [--mode structured|binary] -to URL FILE`: it delivers the file's events
// to an endpoint as Event Grid does (the handshake first, then one request
// per event) and grades each answer by Event Grid's delivery rules. It
// returns ExitOK when the handshake and every delivery succeeded,
// ExitProblem when any failed, ExitUsage on bad usage or a file that
// cannot be read or holds no events.
func Send(env Env, args []string) int { return run(env, "send", args, send) }

func send(env Env, args []string) error {
	fs := newFlags(env, "send", "[--json] [--schema eventgrid|cloudevents] [--mode structured|binary] -to URL FILE|-",
		"Delivers the events of FILE to the endpoint URL as Azure Event Grid does: first the\n"+
			"subscription handshake (Event Grid's validation event, or the CloudEvents OPTIONS\n"+
			"request), then each event in its own POST with Event Grid's headers, waiting at most\n"+
			"30 s for each answer. Each answer is graded by Event Grid's delivery rules: 200-204\n"+
			"delivered; 400, 401, 403, 413 dead-lettered or dropped; anything else, or no answer, retried.\n"+
			"Events are converted to the schema asked for. Nothing is retried.\n"+
			"Exit status: 0 handshake and every delivery succeeded, 1 any failed, 2 usage or I/O error.")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	schema := fs.String("schema", "", "the subscription's delivery schema: eventgrid or cloudevents (default: the file's own form)")
	mode := fs.String("mode", "structured", "CloudEvents content mode: structured (the event is the JSON body) or binary (attributes in ce-* headers, the body is data)")
	to := fs.String("to", "", "the endpoint's URL, http:// or https://, with its query (e.g. ?code= or ?key=)")
	timeout := fs.Duration("timeout", delivery.Timeout, "how long to wait for each answer (Event Grid waits 30 s)")
	subscription := fs.String("subscription", "EVENTLENS", "the aeg-subscription-name header's value")
	origin := fs.String("origin", "eventgrid.azure.net", "the WebHook-Request-Origin of the CloudEvents handshake")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return &usageError{"name exactly one file of events, or - for standard input", fs.Usage}
	}
	u, err := url.Parse(*to)
	if *to == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return &usageError{fmt.Sprintf("-to must be the endpoint's http:// or https:// URL, not %q", *to), fs.Usage}
	}
	if *timeout <= 0 {
		return &usageError{"-timeout must be positive, e.g. 30s", fs.Usage}
	}
	if *mode != "structured" && *mode != "binary" {
		return &usageError{fmt.Sprintf("--mode must be structured or binary, not %q", *mode), fs.Usage}
	}
	name := files[0]
	src, err := readInput(env, name)
	if err != nil {
		return err
	}
	r := inspect.Inspect(src)
	switch *schema {
	case "":
		*schema = "eventgrid"
		if r.Form == detect.CloudEvents {
			*schema = "cloudevents"
		}
	case "eventgrid", "eg":
		*schema = "eventgrid"
	case "cloudevents", "ce":
		*schema = "cloudevents"
	default:
		return &usageError{fmt.Sprintf("--schema must be eventgrid or cloudevents, not %q", *schema), fs.Usage}
	}
	if *mode == "binary" && *schema != "cloudevents" {
		return &usageError{"--mode binary is a CloudEvents content mode: add --schema cloudevents", fs.Usage}
	}
	conv := r.EventGrid
	if *schema == "cloudevents" {
		conv = r.CloudEvents
	}
	if conv == nil || conv.Err != "" || conv.Root == nil {
		why := fmt.Sprintf("it holds no Event Grid or CloudEvents events (%s: eventlens check %s says why)", r.FormLabel(), name)
		if conv != nil && conv.Err != "" {
			why = conv.Err
		}
		return &usageError{fmt.Sprintf("cannot send %s as %s: %s", displayName(name), *schema, why), nil}
	}
	events := []*jsontree.Node{conv.Root}
	if conv.Root.Kind == jsontree.Array {
		events = conv.Root.Items
	}
	rep := &SendReport{To: redactQuery(u), Schema: *schema, Mode: *mode, Deliveries: []SendResult{}}
	if *schema == "eventgrid" {
		rep.Mode = "structured"
	}
	for _, c := range conv.Changes {
		rep.Changes = append(rep.Changes, c.String())
	}
	if !r.Valid {
		rep.Notes = append(rep.Notes, fmt.Sprintf("%s has errors: the endpoint gets them as they are (eventlens check %s lists them)", displayName(name), name))
	}
	if len(events) == 0 {
		rep.Notes = append(rep.Notes, displayName(name)+" holds no events: only the handshake is sent")
	}
	o := sendOptions{to: u, schema: *schema, mode: rep.Mode, timeout: *timeout, subscription: *subscription, origin: *origin}
	client := &http.Client{
		// Event Grid does not follow redirects: a 3xx is a failed delivery.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	if o.schema == "cloudevents" {
		rep.Handshake = o.optionsHandshake(client)
	} else {
		rep.Handshake = o.validationHandshake(client)
	}
	rep.OK = rep.Handshake.OK
	if rep.Handshake.OK {
		for i, ev := range events {
			res := o.deliver(client, i, ev)
			if res.OK {
				rep.Delivered++
			} else {
				rep.OK = false
			}
			rep.Deliveries = append(rep.Deliveries, res)
		}
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		// The answers and ids come from elsewhere: their control
		// characters are shown, not sent to the terminal.
		writeSendText(visible{env.Stdout}, rep, len(events))
	}
	if !rep.OK {
		if !rep.Handshake.OK {
			return &problemError{"the handshake failed, so Event Grid would not create the subscription; no event was sent", ""}
		}
		return &problemError{fmt.Sprintf("%d of %d events not delivered", len(events)-rep.Delivered, len(events)), ""}
	}
	return nil
}

// writeSendText prints the report for people, one line per request.
func writeSendText(w io.Writer, rep *SendReport, n int) {
	fmt.Fprintf(w, "sending to %s as %s (%s)\n", rep.To, rep.Schema, rep.Mode)
	for _, c := range rep.Changes {
		fmt.Fprintf(w, "  converted: %s\n", c)
	}
	for _, note := range rep.Notes {
		fmt.Fprintf(w, "  note: %s\n", note)
	}
	line := func(label string, res SendResult) {
		status := "no answer"
		if res.Status != 0 {
			status = fmt.Sprintf("%d %s", res.Status, http.StatusText(res.Status))
		}
		mark := "ok  "
		if !res.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "%s %s: %s: %s; %s\n", mark, label, status, res.Outcome, res.Reason)
		if !res.OK && res.Answer != "" {
			fmt.Fprintf(w, "     answer: %s\n", shorten(strings.Join(strings.Fields(res.Answer), " "), 200))
		}
	}
	line("handshake ("+rep.Handshake.Request+")", rep.Handshake)
	for _, res := range rep.Deliveries {
		label := fmt.Sprintf("event %d of %d", res.Event+1, n)
		if res.ID != "" {
			label += " (id " + shorten(res.ID, 60) + ")"
		}
		line(label, res)
	}
	fmt.Fprintf(w, "%d of %d events delivered\n", rep.Delivered, n)
}

// redactQuery returns u with its query's values replaced, so a report
// does not show a key.
func redactQuery(u *url.URL) string {
	c := *u
	q := c.Query()
	for k := range q {
		q[k] = []string{"REDACTED"}
	}
	c.RawQuery = q.Encode()
	c.User = nil
	return c.String()
}

// exchange sends req and reads the start of the answer; err is set when
// there was no answer.
func (o sendOptions) exchange(client *http.Client, req *http.Request) (status int, h http.Header, body string, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), o.timeout)
	defer cancel()
	res, err := client.Do(req.WithContext(ctx))
	if err != nil {
		return 0, nil, "", err
	}
	defer res.Body.Close()
	// The status is what Event Grid grades: a body cut short (by the
	// timeout, or a broken connection) keeps what arrived.
	b, _ := io.ReadAll(io.LimitReader(res.Body, maxAnswerBytes))
	return res.StatusCode, res.Header, string(b), nil
}

// noAnswer describes why there was no answer, in a few words.
func (o sendOptions) noAnswer(err error) string {
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %s", o.timeout)
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused: is the endpoint running, and is the URL right?"
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return "cannot resolve " + dnsErr.Name
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// newRequest makes a request to the endpoint.
func (o sendOptions) newRequest(method string, body []byte) *http.Request {
	req, _ := http.NewRequest(method, o.to.String(), bytes.NewReader(body)) // o.to is a valid http(s) URL
	req.Header.Set("User-Agent", "eventlens-send")
	return req
}

// validationHandshake sends Event Grid's subscription-validation event
// with a random code; the endpoint must answer 200 with the code in
// validationResponse.
func (o sendOptions) validationHandshake(client *http.Client) SendResult {
	code := randomID()
	id := randomID()
	ev := map[string]any{
		"id":      id,
		"topic":   "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/eventlens/providers/Microsoft.SignalRService/SignalR/eventlens",
		"subject": "",
		"data": map[string]any{
			"validationCode": code,
			"validationUrl":  "https://eventlens.invalid/validate?id=" + id + " (eventlens send has no validation URL: answer with validationResponse)",
		},
		"eventType":       "Microsoft.EventGrid.SubscriptionValidationEvent",
		"eventTime":       time.Now().UTC().Format(time.RFC3339Nano),
		"metadataVersion": "1",
		"dataVersion":     "1",
	}
	body, _ := json.Marshal([]any{ev}) // plain maps and strings always marshal
	req := o.newRequest(http.MethodPost, body)
	o.eventGridHeaders(req.Header, "SubscriptionValidation", "1", "1")
	res := SendResult{Request: "validation", Event: -1}
	status, _, answer, err := o.exchange(client, req)
	res.Status, res.Answer = status, answer
	if err != nil {
		res.Outcome, res.Reason = "not validated", o.noAnswer(err)
		return res
	}
	var v struct {
		ValidationResponse *string `json:"validationResponse"`
	}
	switch {
	case status != http.StatusOK:
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("Event Grid needs 200 OK with {\"validationResponse\": \"%s\"}; got %d", code, status)
	case json.Unmarshal([]byte(answer), &v) != nil || v.ValidationResponse == nil:
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("the answer is not JSON with validationResponse: answer {\"validationResponse\": \"%s\"}", code)
	case *v.ValidationResponse != code:
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("validationResponse is %q, not the code sent, %q: echo data.validationCode of the event", *v.ValidationResponse, code)
	default:
		res.OK, res.Outcome, res.Reason = true, "validated", "the answer echoes the validation code"
	}
	return res
}

// optionsHandshake sends the CloudEvents webhook abuse-protection
// handshake; the endpoint must allow the origin.
func (o sendOptions) optionsHandshake(client *http.Client) SendResult {
	req := o.newRequest(http.MethodOptions, nil)
	req.Header.Set("WebHook-Request-Origin", o.origin)
	req.Header.Set("WebHook-Request-Rate", "120")
	res := SendResult{Request: "options", Event: -1}
	status, h, answer, err := o.exchange(client, req)
	res.Status, res.Answer = status, answer
	if err != nil {
		res.Outcome, res.Reason = "not validated", o.noAnswer(err)
		return res
	}
	allowed := h.Get("WebHook-Allowed-Origin")
	switch {
	case status < 200 || status > 299:
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("the OPTIONS request needs a 2xx answer with WebHook-Allowed-Origin: %s; got %d", o.origin, status)
	case allowed == "":
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("the answer has no WebHook-Allowed-Origin header: answer WebHook-Allowed-Origin: %s", o.origin)
	case allowed != o.origin && allowed != "*":
		res.Outcome, res.Reason = "not validated", fmt.Sprintf("WebHook-Allowed-Origin is %q, not %q (or *)", allowed, o.origin)
	default:
		res.OK, res.Outcome = true, "validated"
		res.Reason = "the answer allows origin " + allowed
		if rate := h.Get("WebHook-Allowed-Rate"); rate != "" {
			res.Reason += " at rate " + rate
		} else {
			res.Reason += "; it should also send WebHook-Allowed-Rate (required when the request has WebHook-Request-Rate)"
		}
	}
	return res
}

// eventGridHeaders sets the headers Event Grid sends with each delivery
// in its own schema.
func (o sendOptions) eventGridHeaders(h http.Header, eventType, dataVersion, metadataVersion string) {
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("aeg-event-type", eventType)
	h.Set("aeg-subscription-name", strings.ToUpper(o.subscription))
	h.Set("aeg-delivery-count", "0")
	h.Set("aeg-data-version", dataVersion)
	h.Set("aeg-metadata-version", metadataVersion)
}

// deliver sends one event as Event Grid delivers it and grades the answer.
func (o sendOptions) deliver(client *http.Client, i int, ev *jsontree.Node) SendResult {
	res := SendResult{Request: "event", Event: i}
	if id := ev.Get(vocab.ID); id != nil && id.Kind == jsontree.String {
		res.ID = id.Text
	}
	var req *http.Request
	switch {
	case o.schema == "eventgrid":
		body := append(append([]byte("["), jsontree.Minify(ev)...), ']')
		req = o.newRequest(http.MethodPost, body)
		o.eventGridHeaders(req.Header, "Notification", stringAttr(ev, vocab.DataVersion), cmpOr(stringAttr(ev, vocab.MetadataVersion), "1"))
	case o.mode == "binary":
		body, headers := binaryMode(ev)
		req = o.newRequest(http.MethodPost, body)
		for k, v := range headers {
			req.Header[k] = []string{v}
		}
		req.Header.Set("Origin", o.origin)
	default:
		req = o.newRequest(http.MethodPost, jsontree.Minify(ev))
		req.Header.Set("Content-Type", "application/cloudevents+json; charset=utf-8")
		req.Header.Set("Origin", o.origin)
	}
	status, _, answer, err := o.exchange(client, req)
	res.Status, res.Answer = status, answer
	var out delivery.Outcome
	if err != nil {
		out, res.Reason = delivery.GradeNoAnswer(o.noAnswer(err))
	} else {
		out, res.Reason = delivery.Grade(status)
	}
	res.Outcome, res.OK = out.String(), out == delivery.Delivered
	return res
}

// binaryMode returns a CloudEvent in the HTTP binding's binary mode: the
// body is data (JSON data minified, a string as its text, data_base64
// decoded), Content-Type is datacontenttype (application/json for JSON
// data without one), and every other attribute is a ce-* header,
// percent-encoded.
func binaryMode(ev *jsontree.Node) (body []byte, headers map[string]string) {
	headers = map[string]string{}
	contentType := ""
	for _, m := range ev.Members {
		v := m.Value
		switch m.Key {
		case vocab.Data:
			if v.Kind == jsontree.String && contentType != "" && !isJSONType(contentType) {
				body = []byte(v.Text)
			} else {
				body = jsontree.Minify(v)
			}
			continue
		case vocab.DataBase64:
			if v.Kind == jsontree.String {
				body, _ = base64.StdEncoding.DecodeString(v.Text)
			}
			continue
		case vocab.DataContentType:
			if v.Kind == jsontree.String {
				contentType = v.Text
			}
			continue
		}
		var text string
		switch v.Kind {
		case jsontree.Null, jsontree.Object, jsontree.Array:
			continue // null is unset; objects and arrays are no CloudEvents type
		default:
			text = v.Text
		}
		headers["ce-"+m.Key] = percentEncode(text)
	}
	// data may come before datacontenttype: decide its body again.
	if d := ev.Get(vocab.Data); d != nil && d.Kind == jsontree.String && contentType != "" && !isJSONType(contentType) {
		body = []byte(d.Text)
	}
	if contentType == "" && ev.Get(vocab.Data) != nil {
		contentType = "application/json"
	}
	if contentType != "" {
		headers["Content-Type"] = contentType
	}
	return body, headers
}

// isJSONType reports whether a media type is JSON (application/json or a
// +json suffix).
func isJSONType(t string) bool {
	t, _, _ = strings.Cut(strings.ToLower(t), ";")
	t = strings.TrimSpace(t)
	return t == "application/json" || t == "text/json" || strings.HasSuffix(t, "+json")
}

// percentEncode encodes a header value as the CloudEvents HTTP binding
// says (§3.1.3.2): space, double quote, percent and every character
// outside printable ASCII become %XX of their UTF-8 bytes.
func percentEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c == '"' || c == '%' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// stringAttr returns the string value of an event's attribute, or "".
func stringAttr(ev *jsontree.Node, name string) string {
	if n := ev.Get(name); n != nil && n.Kind == jsontree.String {
		return n.Text
	}
	return ""
}

// cmpOr returns a, or b when a is empty.
func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// randomID returns a random version-4 GUID, as Event Grid's ids and
// validation codes are.
func randomID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand crashes the program instead)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
