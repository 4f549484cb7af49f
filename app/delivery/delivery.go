// Package delivery holds what eventlens knows of HTTP deliveries as Event
// Grid makes them: the record the live receiver keeps of each request it
// received (and streams to the page), and Event Grid's rules for grading
// an endpoint's answer (success, retried, dead-lettered or dropped). It is
// plain Go, shared by the receiver, eventlens send and the page.
package delivery

import (
	"fmt"
	"strings"
	"time"
)

// Record is one request the live receiver received and the answer it gave,
// as the receiver streams it to the page (JSON, one per Server-Sent Event).
type Record struct {
	Seq     uint64    `json:"seq"`     // 1 for the first request the receiver kept, then +1
	Time    time.Time `json:"time"`    // when the request arrived
	Method  string    `json:"method"`  // POST or OPTIONS
	Kind    string    `json:"kind"`    // what the request was: one of the Kind… constants
	Status  int       `json:"status"`  // the status the receiver answered
	Answer  string    `json:"answer"`  // the answer's body, or the handshake headers it sent
	Request string    `json:"request"` // the request as HTTP/1.1 text, the key query parameter redacted
}

// Body returns the request's body: what follows the blank line of
// Request (which the receiver writes with CRLF line ends).
func (r Record) Body() string {
	if _, body, ok := strings.Cut(r.Request, "\r\n\r\n"); ok {
		return body
	}
	return ""
}

// What a received request was, as Record.Kind says it.
const (
	KindValidation   = "Event Grid validation"            // aeg-event-type: SubscriptionValidation
	KindNotification = "Event Grid notification"          // aeg-event-type: Notification
	KindDeletion     = "Event Grid subscription deletion" // aeg-event-type: SubscriptionDeletion
	KindStructured   = "CloudEvents structured"           // Content-Type: application/cloudevents+json
	KindBatch        = "CloudEvents batch"                // Content-Type: application/cloudevents-batch+json
	KindBinary       = "CloudEvents binary"               // ce-specversion header, the body is data
	KindHandshake    = "CloudEvents handshake"            // OPTIONS with WebHook-Request-Origin
	KindJSON         = "JSON without delivery headers"    // a POST with none of the above
	KindTooLarge     = "over the size limit"              // refused with 413, body not kept
	KindMalformed    = "malformed"                        // refused with 400
)

// Outcome is what Event Grid does with a delivery after the endpoint's
// answer.
type Outcome uint8

// The outcomes of a delivery attempt, after Event Grid's "Event Grid
// message delivery and retry" (learn.microsoft.com/azure/event-grid/delivery-and-retry).
const (
	// Delivered: 200, 201, 202, 203 or 204.
	Delivered Outcome = iota + 1
	// Retried: any other answer, no answer within 30 s, or a connection
	// that fails; Event Grid retries on its schedule, then dead-letters or
	// drops the event when the retry policy runs out.
	Retried
	// Dropped: 400, 401, 403 or 413 from a webhook, which Event Grid does
	// not retry: the event is dead-lettered at once, or dropped when no
	// dead-letter destination is configured.
	Dropped
)

// String names the outcome.
func (o Outcome) String() string {
	switch o {
	case Delivered:
		return "delivered"
	case Retried:
		return "retried"
	case Dropped:
		return "dead-lettered or dropped"
	}
	return "unknown"
}

// Timeout is how long Event Grid waits for an endpoint's answer before it
// counts the attempt as failed and retries.
const Timeout = 30 * time.Second

// Grade returns what Event Grid does after a webhook answers with status,
// and why.
func Grade(status int) (Outcome, string) {
	switch status {
	case 200, 201, 202, 203, 204:
		return Delivered, fmt.Sprintf("%d is a success: Event Grid counts the event as delivered", status)
	case 400, 401, 403, 413:
		return Dropped, fmt.Sprintf("Event Grid does not retry %d: the event is dead-lettered, or dropped when the subscription has no dead-letter destination", status)
	}
	return Retried, fmt.Sprintf("%d is a failure: Event Grid retries on its schedule (10 s, 30 s, 1 min, 5 min, …), then dead-letters or drops the event", status)
}

// GradeNoAnswer returns what Event Grid does when the endpoint does not
// answer at all (a timeout, a refused or broken connection), and why.
func GradeNoAnswer(cause string) (Outcome, string) {
	return Retried, "no answer (" + cause + "): Event Grid retries on its schedule, then dead-letters or drops the event"
}
