package wire

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"eventlens/app/vocab"
)

// required are the attributes every CloudEvent has; in binary mode each is
// a ce- header.
var required = []string{vocab.ID, vocab.Source, vocab.SpecVersion, vocab.Type}

// classify tells the request's kind from its method and headers (the
// CloudEvents HTTP binding §3: the Content-Type of an event format means
// structured or batched mode, ce- headers binary mode).
func (r *Request) classify() {
	mt := r.MediaType()
	switch {
	case r.Method == "OPTIONS":
		r.Kind = WebHook
	case strings.HasPrefix(mt, "application/cloudevents-batch"):
		r.Kind = Batch
	case strings.HasPrefix(mt, "application/cloudevents"):
		r.Kind = Structured
	case r.ceHeaders():
		r.Kind = Binary
	case r.Header(vocab.HeaderEventType) != nil:
		r.Kind = EventGrid
	default:
		r.Kind = Plain
	}
}

// ceHeaders reports whether a header carries a required CloudEvents
// attribute.
func (r *Request) ceHeaders() bool {
	for _, a := range required {
		if r.Header(vocab.CloudEventsHeaderPrefix+a) != nil {
			return true
		}
	}
	return false
}

// DeliveryHeader reports whether a header matters to an event delivery:
// Content-Type, aeg-*, ce-* or WebHook-*. Each carries one value, so a
// repeated one is an error (HTTP014).
func DeliveryHeader(name string) bool {
	_, eg := cutPrefixFold(name, vocab.EventGridHeaderPrefix)
	_, ce := cutPrefixFold(name, vocab.CloudEventsHeaderPrefix)
	_, wh := cutPrefixFold(name, vocab.WebHookHeaderPrefix)
	return eg || ce || wh || strings.EqualFold(name, vocab.HeaderContentType)
}

// checkHeaders checks what the headers say on their own.
func (r *Request) checkHeaders() {
	seen := map[string]int{}
	for i, h := range r.Headers {
		key := strings.ToLower(h.Name)
		if first, dup := seen[key]; dup && DeliveryHeader(h.Name) {
			r.add(vocab.HTTPRepeatedHeader, h.Span, "%s appears again (first on line %d): send it once; receivers keep one of the two values, which one varies.", h.Name, r.Headers[first].Span.Line)
			continue
		}
		seen[key] = i
	}
	if h := r.Header(vocab.HeaderEventType); h != nil && !contains(vocab.EventTypes, h.Value) {
		r.add(vocab.HTTPEventGridValue, h.ValueSpan, "%s is %q; Event Grid sends %s.", h.Name, h.Value, strings.Join(vocab.EventTypes, ", "))
	}
	if h := r.Header(vocab.HeaderDeliveryCount); h != nil {
		if n, err := strconv.Atoi(h.Value); err != nil || n < 0 {
			r.add(vocab.HTTPEventGridValue, h.ValueSpan, "%s is %q; Event Grid sends the number of attempts made so far, a whole number (0 on the first delivery).", h.Name, h.Value)
		}
	}
	switch r.Kind {
	case WebHook:
		r.checkWebHook()
	case Binary:
		r.checkBinary()
	}
}

// contains reports whether list holds s exactly.
func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// checkWebHook checks the abuse-protection handshake and says its answer.
func (r *Request) checkWebHook() {
	origin := r.Header(vocab.HeaderRequestOrigin)
	if origin == nil || origin.Value == "" {
		s := r.Line
		if origin != nil {
			s = origin.Span
		}
		r.add(vocab.HTTPWebHookHeader, s, "An OPTIONS request without a %s value is not the CloudEvents webhook handshake: the sender names itself there (Event Grid sends eventgrid.azure.net).", vocab.HeaderRequestOrigin)
		return
	}
	if rate := r.Header(vocab.HeaderRequestRate); rate != nil && !positive(rate.Value) {
		r.add(vocab.HTTPWebHookHeader, rate.ValueSpan, "%s is %q: it must be a positive whole number of requests per minute.", rate.Name, rate.Value)
	}
	answer := strings.Split(r.WebHookAnswer(), "\n")
	msg := "The CloudEvents webhook handshake: to accept deliveries from %s, answer %s with the headers %s."
	args := []any{origin.Value, strings.TrimPrefix(answer[0], "HTTP/1.1 "), strings.Join(answer[1:], ", ")}
	if cb := r.Get(vocab.HeaderRequestCallback); cb != "" {
		msg += " Or grant it later with a GET or POST to %s."
		args = append(args, cb)
	}
	r.add(vocab.HTTPWebHookAnswer, origin.Span, msg, args...)
}

// positive reports whether s is a whole number greater than zero.
func positive(s string) bool {
	n, err := strconv.Atoi(s)
	return err == nil && n > 0 && s[0] != '+'
}

// WebHookAnswer returns the answer the CloudEvents webhook handshake
// requires (http-webhook.md §4.2): the status line and the headers that
// grant the origin and the rate (the rate asked for, else "*": no limit),
// one per line; "" when the request is not a handshake with an origin.
func (r *Request) WebHookAnswer() string {
	origin := r.Get(vocab.HeaderRequestOrigin)
	if r.Kind != WebHook || origin == "" {
		return ""
	}
	rate := r.Get(vocab.HeaderRequestRate)
	if !positive(rate) {
		rate = "*"
	}
	return "HTTP/1.1 200 OK\nAllow: POST\n" + vocab.HeaderAllowedOrigin + ": " + origin + "\n" + vocab.HeaderAllowedRate + ": " + rate
}

// checkBinary decodes the ce- headers into Attributes and checks them.
func (r *Request) checkBinary() {
	for i, h := range r.Headers {
		name, ok := cutPrefixFold(h.Name, vocab.CloudEventsHeaderPrefix)
		if !ok {
			continue
		}
		name = strings.ToLower(name)
		if name == vocab.DataContentType {
			r.add(vocab.HTTPBinaryContentType, h.Span, "Remove %s: in binary mode datacontenttype travels in Content-Type, and the HTTP binding forbids the ce- header.", h.Name)
			continue
		}
		if r.repeated(i) {
			continue
		}
		v, err := Unescape(h.Value)
		if err != "" {
			r.add(vocab.HTTPPercentEncoding, h.ValueSpan, "%s: %s; the HTTP binding requires rejecting such a value. Percent-encode the UTF-8 bytes of each character outside printable ASCII, of space, \" and %%.", h.Name, err)
		}
		r.Attributes = append(r.Attributes, Attribute{Name: name, Value: v, Header: i})
	}
	for _, a := range required {
		if r.attribute(a) < 0 {
			r.add(vocab.HTTPBinaryRequired, r.Line, "This binary-mode request has no %s%s header: every CloudEvent has %s; add it.", vocab.CloudEventsHeaderPrefix, a, a)
		}
	}
	if h := r.Header(vocab.HeaderContentType); h != nil {
		r.Attributes = append(r.Attributes, Attribute{Name: vocab.DataContentType, Value: h.Value, Header: r.index(h)})
	}
}

// repeated reports whether header i repeats an earlier header's name.
func (r *Request) repeated(i int) bool {
	for j := range i {
		if strings.EqualFold(r.Headers[j].Name, r.Headers[i].Name) {
			return true
		}
	}
	return false
}

// index returns the index of h in r.Headers.
func (r *Request) index(h *Header) int {
	for i := range r.Headers {
		if &r.Headers[i] == h {
			return i
		}
	}
	return -1
}

// attribute returns the index in Attributes of the attribute name, or -1.
func (r *Request) attribute(name string) int {
	for i, a := range r.Attributes {
		if a.Name == name {
			return i
		}
	}
	return -1
}

// cutPrefixFold is strings.CutPrefix ignoring ASCII case.
func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// Unescape decodes a header value as the CloudEvents HTTP binding says
// (§3.1.3.2): a double-quoted string is unquoted (backslash escapes), then
// one round of percent-decoding. It returns the value and "" or, when the
// value is broken, the best decoding and what is wrong.
func Unescape(v string) (string, string) {
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		var b strings.Builder
		for i := 1; i < len(v)-1; i++ {
			if v[i] == '\\' && i+1 < len(v)-1 {
				i++
			}
			b.WriteByte(v[i])
		}
		v = b.String()
	}
	if !strings.Contains(v, "%") {
		return v, ""
	}
	var b []byte
	problem := ""
	for i := 0; i < len(v); i++ {
		if v[i] == '%' {
			if i+2 < len(v) && hex(v[i+1]) >= 0 && hex(v[i+2]) >= 0 {
				b = append(b, byte(hex(v[i+1])<<4|hex(v[i+2])))
				i += 2
				continue
			}
			if problem == "" {
				problem = "a % at byte " + strconv.Itoa(i+1) + " is not followed by two hexadecimal digits"
			}
		}
		b = append(b, v[i])
	}
	if problem == "" && !utf8.Valid(b) {
		problem = "the percent-encoded bytes are not UTF-8 (an overlong or truncated sequence)"
		return strings.ToValidUTF8(string(b), "\ufffd"), problem
	}
	return string(b), problem
}

// hex returns the value of a hexadecimal digit, or -1.
func hex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// Escape percent-encodes an attribute's value for a ce- header (the HTTP
// binding §3.1.3.2): space, ", % and every byte outside printable ASCII.
func Escape(v string) string {
	const digits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c <= ' ' || c == '"' || c == '%' || c >= 0x7f {
			b.WriteByte('%')
			b.WriteByte(digits[c>>4])
			b.WriteByte(digits[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
