//go:build !wasm

// Package receive is eventlens's live receiver: an Event Grid and
// CloudEvents webhook (POST and OPTIONS /api/events, guarded by a key) on
// its own listener, the one a tunnel exposes. It answers the validation
// handshakes, accepts deliveries, keeps each request and its answer in a
// bounded in-memory ring (nothing is written to disk) and streams them to
// the page over Server-Sent Events on the site's own listener (Live).
package receive

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"eventlens/app/delivery"
	"eventlens/app/detect"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/app/wire"
)

// Path is the webhook's path on the receive listener.
const Path = "/api/events"

// MaxBodyBytes is the largest request body the webhook reads (1 MB): Event
// Grid's limit on one event (vocab.MaxEventBytes) and on one delivered
// batch (the preferred batch size is at most 1,024 KB); a larger body is
// refused with 413.
const MaxBodyBytes = vocab.MaxEventBytes

// Options configures a Receiver; zero fields take the defaults.
type Options struct {
	// Key guards the webhook (?key=KEY); "" makes a random one.
	Key string
	// MaxRecords and MaxBytes bound the ring: at most this many requests,
	// and this many bytes of request text (defaults 200 and 32 MiB).
	MaxRecords int
	MaxBytes   int
	// Rate and Burst set the token bucket: Rate requests a second on
	// average, Burst at once (defaults 20 and 40).
	Rate  float64
	Burst int
	// Now returns the time (default time.Now), for tests.
	Now func() time.Time
}

// Receiver is the webhook (ServeHTTP, on the receive listener) and the
// live feed of what it received (Live, on the site's listener).
type Receiver struct {
	key    string
	keySum [sha256.Size]byte
	ring   *ring
	bucket *bucket
	now    func() time.Time
}

// New returns a Receiver. It fails only when no random key can be made.
func New(o Options) (*Receiver, error) {
	if o.Key == "" {
		b := make([]byte, 18)
		if _, err := rand.Read(b); err != nil {
			return nil, fmt.Errorf("cannot make a random key: %w; give one with -receive-key", err)
		}
		o.Key = base64.RawURLEncoding.EncodeToString(b)
	}
	if o.MaxRecords <= 0 {
		o.MaxRecords = 200
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 32 << 20
	}
	if o.Rate <= 0 {
		o.Rate = 20
	}
	if o.Burst <= 0 {
		o.Burst = 40
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Receiver{
		key:    o.Key,
		keySum: sha256.Sum256([]byte(o.Key)),
		ring:   newRing(o.MaxRecords, o.MaxBytes),
		bucket: newBucket(o.Rate, o.Burst, o.Now),
		now:    o.Now,
	}, nil
}

// Key returns the key the webhook requires.
func (rc *Receiver) Key() string { return rc.key }

// WebhookURL returns the webhook's URL on addr (host:port, as a listener
// reports it), with its key; an unspecified host (0.0.0.0, ::) is written
// as 127.0.0.1, where a local tunnel reaches it.
func (rc *Receiver) WebhookURL(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() || host == "" {
			addr = net.JoinHostPort("127.0.0.1", port)
		}
	}
	return "http://" + addr + Path + "?key=" + url.QueryEscape(rc.key)
}

// Close ends the live streams, so a server shutting down is not held by
// them.
func (rc *Receiver) Close() { rc.ring.close() }

// ServeHTTP is the webhook. In order: the rate limit (429 with
// Retry-After), the path (404), the key (401 when missing, 403 when wrong,
// nothing more said), the method (405), then the request itself.
func (rc *Receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if wait, ok := rc.bucket.take(); !ok {
		h.Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
		plain(w, http.StatusTooManyRequests, "429 too many requests: slow down")
		return
	}
	if r.URL.Path != Path {
		plain(w, http.StatusNotFound, "404 page not found")
		return
	}
	keys, given := r.URL.Query()["key"]
	if !given || len(keys) != 1 || keys[0] == "" {
		plain(w, http.StatusUnauthorized, "401 unauthorized")
		return
	}
	sum := sha256.Sum256([]byte(keys[0]))
	if subtle.ConstantTimeCompare(sum[:], rc.keySum[:]) != 1 {
		plain(w, http.StatusForbidden, "403 forbidden")
		return
	}
	switch r.Method {
	case http.MethodOptions:
		rc.handshake(w, r)
	case http.MethodPost:
		rc.post(w, r)
	default:
		h.Set("Allow", "POST, OPTIONS")
		plain(w, http.StatusMethodNotAllowed, "405 method not allowed: the webhook takes POST (deliveries) and OPTIONS (the CloudEvents handshake)")
	}
}

// handshake answers the CloudEvents webhook abuse-protection handshake:
// it allows the origin WebHook-Request-Origin names, at the receiver's
// rate. It never calls WebHook-Request-Callback (the receiver makes no
// request of its own).
func (rc *Receiver) handshake(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Allow", "POST, OPTIONS")
	origin := r.Header.Get("WebHook-Request-Origin")
	rec := delivery.Record{Kind: delivery.KindHandshake}
	if origin == "" {
		rec.Status = http.StatusBadRequest
		rec.Answer = "400: an OPTIONS request without WebHook-Request-Origin is not a CloudEvents webhook handshake"
		rc.keep(r, nil, rec)
		plain(w, rec.Status, rec.Answer)
		return
	}
	rate := strconv.Itoa(int(rc.bucket.rate * 60))
	h.Set("WebHook-Allowed-Origin", origin)
	h.Set("WebHook-Allowed-Rate", rate)
	rec.Status = http.StatusOK
	rec.Answer = "WebHook-Allowed-Origin: " + origin + "\r\nWebHook-Allowed-Rate: " + rate
	rc.keep(r, nil, rec)
	w.WriteHeader(http.StatusOK)
}

// post reads a delivery (at most MaxBodyBytes), answers it, and keeps it.
func (rc *Receiver) post(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			rec := delivery.Record{Kind: delivery.KindTooLarge, Status: http.StatusRequestEntityTooLarge,
				Answer: fmt.Sprintf("413: the body is over %d bytes, Event Grid's limit on one event or one delivery; its body was not kept", MaxBodyBytes)}
			rc.keep(r, nil, rec)
			h := w.Header()
			h.Set("Connection", "close")
			plain(w, rec.Status, rec.Answer)
			return
		}
		plain(w, http.StatusBadRequest, "400 bad request: the body could not be read")
		return
	}
	rec := answer(r.Header, body)
	rc.keep(r, body, rec)
	if rec.Status != http.StatusOK {
		plain(w, rec.Status, rec.Answer)
		return
	}
	if strings.HasPrefix(rec.Answer, "{") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(rec.Status)
		io.WriteString(w, rec.Answer)
		return
	}
	w.WriteHeader(rec.Status)
}

// answer decides what a POST is and what to answer: Event Grid's
// validation handshake gets {"validationResponse": code}; a delivery in a
// known mode gets 200 and an empty body; a body that should be JSON and is
// not, or a validation request without a code, gets 400. Which kind of
// request it is, app/wire says, as it does for a pasted request.
func answer(h http.Header, body []byte) delivery.Record {
	ok := delivery.Record{Status: http.StatusOK}
	kind, eventType := wire.Plain, ""
	if req, parsed := wire.Parse(wire.Format(http.MethodPost, "/", h, body)); parsed {
		kind, eventType = req.Kind, req.Get(vocab.HeaderEventType)
	}
	switch kind {
	case wire.Binary:
		// Binary mode: the body is the event's data, of any media type.
		ok.Kind = delivery.KindBinary
		return ok
	case wire.Structured:
		ok.Kind = delivery.KindStructured
	case wire.Batch:
		ok.Kind = delivery.KindBatch
	case wire.EventGrid:
		switch eventType {
		case vocab.EventTypeSubscriptionValidation:
			ok.Kind = delivery.KindValidation
		case vocab.EventTypeNotification:
			ok.Kind = delivery.KindNotification
		case vocab.EventTypeSubscriptionDeletion:
			ok.Kind = delivery.KindDeletion
		default:
			ok.Kind = delivery.KindJSON
		}
	default:
		ok.Kind = delivery.KindJSON
	}
	doc, err := jsontree.Parse(body, jsontree.Options{})
	if err != nil {
		return delivery.Record{Kind: ok.Kind, Status: http.StatusBadRequest,
			Answer: "400: the body is not JSON (" + err.Error() + "); Event Grid deliveries and structured CloudEvents are JSON"}
	}
	res := detect.Detect(doc.Root)
	if res.Form == detect.Handshake && (ok.Kind == delivery.KindValidation || ok.Kind == delivery.KindJSON) {
		if res.ValidationCode == "" {
			return delivery.Record{Kind: delivery.KindValidation, Status: http.StatusBadRequest,
				Answer: "400: a subscription-validation event without a string data.validationCode: there is no code to echo"}
		}
		ok.Kind = delivery.KindValidation
		ok.Answer = inspect.HandshakeResponse(res.ValidationCode)
		return ok
	}
	if ok.Kind == delivery.KindValidation {
		return delivery.Record{Kind: ok.Kind, Status: http.StatusBadRequest,
			Answer: "400: aeg-event-type is SubscriptionValidation, but the body holds no Microsoft.EventGrid.SubscriptionValidationEvent"}
	}
	return ok
}

// keep completes rec with the request and keeps it in the ring; body is
// nil when it was not read or not kept.
func (rc *Receiver) keep(r *http.Request, body []byte, rec delivery.Record) {
	rec.Time = rc.now().UTC()
	rec.Method = r.Method
	rec.Request = requestText(r, body)
	rc.ring.add(rec)
}

// requestText writes r as HTTP/1.1 text: the request line (the key query
// parameter redacted), Host, the other headers sorted by name, a blank
// line and body.
func requestText(r *http.Request, body []byte) string {
	u := *r.URL
	q := u.Query()
	if q.Has("key") {
		q.Set("key", "REDACTED")
		u.RawQuery = q.Encode()
	}
	header := r.Header.Clone()
	if header == nil {
		header = http.Header{}
	}
	header["Host"] = []string{r.Host}
	// net/http keeps Content-Length among the headers but moves
	// Transfer-Encoding out of them.
	if len(r.TransferEncoding) > 0 {
		header["Transfer-Encoding"] = []string{strings.Join(r.TransferEncoding, ", ")}
	} else if r.ContentLength > 0 && header.Get("Content-Length") == "" {
		header["Content-Length"] = []string{strconv.FormatInt(r.ContentLength, 10)}
	}
	return string(wire.Format(r.Method, u.RequestURI(), header, body))
}

// plain writes a short plain-text answer.
func plain(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

// writeJSON writes v as JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
