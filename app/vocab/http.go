package vocab

// HTTP header names and values of event deliveries, read by app/wire (a
// pasted HTTP request) and by whatever delivers or receives events. Header
// names are case-insensitive (RFC 9110 §5.1); these are the spellings
// eventlens writes.
const (
	// HeaderContentType is the media type of the body; in CloudEvents
	// binary mode it carries datacontenttype.
	HeaderContentType = "Content-Type"

	// Event Grid's delivery headers (Azure docs, "Event delivery
	// properties": event-grid-message-headers).
	HeaderEventType        = "aeg-event-type"        // Notification, SubscriptionValidation or SubscriptionDeletion
	HeaderSubscriptionName = "aeg-subscription-name" // the event subscription's name
	HeaderDeliveryCount    = "aeg-delivery-count"    // attempts made so far (0 on the first delivery)
	HeaderDataVersion      = "aeg-data-version"      // the event's dataVersion (Event Grid schema)
	HeaderMetadataVersion  = "aeg-metadata-version"  // the event's metadataVersion ("1"); specversion for CloudEvents

	// EventGridHeaderPrefix starts every Event Grid delivery header.
	EventGridHeaderPrefix = "aeg-"
	// CloudEventsHeaderPrefix starts the header of every context attribute
	// in the HTTP binding's binary mode: ce-id, ce-source, ce-<extension>.
	CloudEventsHeaderPrefix = "ce-"
	// WebHookHeaderPrefix starts the webhook handshake's headers.
	WebHookHeaderPrefix = "WebHook-"

	// The CloudEvents webhook abuse-protection handshake (http-webhook.md
	// §4): the OPTIONS request's headers and the answer's.
	HeaderRequestOrigin   = "WebHook-Request-Origin"
	HeaderRequestRate     = "WebHook-Request-Rate"
	HeaderRequestCallback = "WebHook-Request-Callback"
	HeaderAllowedOrigin   = "WebHook-Allowed-Origin"
	HeaderAllowedRate     = "WebHook-Allowed-Rate"
)

// The values of aeg-event-type.
const (
	EventTypeNotification           = "Notification"
	EventTypeSubscriptionValidation = "SubscriptionValidation"
	EventTypeSubscriptionDeletion   = "SubscriptionDeletion"
)

// Media types of the bodies: Event Grid delivers application/json; the
// CloudEvents HTTP binding's structured mode is application/cloudevents+json
// and its batched mode application/cloudevents-batch+json.
const (
	MediaJSON             = "application/json"
	MediaCloudEvents      = "application/cloudevents+json"
	MediaCloudEventsBatch = "application/cloudevents-batch+json"
)

// EventTypes lists the values Event Grid writes in aeg-event-type.
var EventTypes = []string{EventTypeNotification, EventTypeSubscriptionValidation, EventTypeSubscriptionDeletion}
