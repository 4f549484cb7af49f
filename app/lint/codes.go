package lint

import "time"

// Diagnostic codes reported by Check. Each comment gives the severity and
// what the finding means; codes are stable and never reused.
const (
	// EGMisspeltType (error, fix): an Event Grid eventType that is not a
	// known type but is close to one (case, spaces, a few typos); the fix
	// writes the known type.
	EGMisspeltType = "EG001"
	// EGUncheckedType (info): eventType of another Azure service (or a known
	// type whose data eventlens does not describe); the envelope is checked,
	// the data is not.
	EGUncheckedType = "EG002"
	// EGCustomType (info): a custom, non-Azure eventType; the envelope is
	// checked, the data is not.
	EGCustomType = "EG003"
	// EGMetadataVersion (error, fix): metadataVersion is not "1", the only
	// value Event Grid accepts; the fix sets "1".
	EGMetadataVersion = "EG004"
	// EGUnknownProperty (error, fix when a property name is close): a
	// top-level property outside the Event Grid schema, which Event Grid
	// rejects; the fix renames it to the property it likely misspells.
	EGUnknownProperty = "EG005"
	// EGCloudEventsAttribute (error, fix when there is an Event Grid
	// equivalent): a CloudEvents attribute (source, type, time,
	// specversion...) in an Event Grid event: the payload mixes the two
	// forms; the fix renames it to its Event Grid name.
	EGCloudEventsAttribute = "EG006"

	// CEMisspeltType (error, fix): a CloudEvents type that is not a known
	// type but is close to one; the fix writes the known type.
	CEMisspeltType = "CE001"
	// CEUncheckedType (info): type of another Azure service (or a known
	// type whose data eventlens does not describe); the data is not checked.
	CEUncheckedType = "CE002"
	// CECustomType (info): a custom, non-Azure type; the data is not checked.
	CECustomType = "CE003"
	// CESpecVersionCase (error, fix): the camel-case "specVersion" seen in
	// some vendor examples; the fix renames it to "specversion".
	CESpecVersionCase = "CE004"
	// CESpecVersion (error, fix): specversion is not "1.0" (e.g. the older
	// "0.3"); eventlens checks CloudEvents 1.0; the fix sets "1.0".
	CESpecVersion = "CE005"
	// CEAttributeCase (error, fix): a member that is a context attribute
	// written in another case or spelling ("ID", "Type", "dataContentType",
	// "data-base64"); attribute names are case-sensitive; the fix renames it.
	CEAttributeCase = "CE006"
	// CEEventGridProperty (error, or warning when the name is also a valid
	// extension name such as "topic"; fix when there is a CloudEvents
	// equivalent): an Event Grid property in a CloudEvents event: the
	// payload mixes the two forms.
	CEEventGridProperty = "CE007"
	// CEExtensionName (error, fix): an extension attribute name with
	// characters outside a-z and 0-9; the fix renames it to its lower-case
	// letters and digits.
	CEExtensionName = "CE008"
	// CEExtensionLength (warning): an extension name longer than 20
	// characters, which the spec says SHOULD NOT happen.
	CEExtensionLength = "CE009"
	// CEExtensionStart (warning): an extension name that does not start
	// with a letter, which the spec says SHOULD NOT happen.
	CEExtensionStart = "CE010"
	// CEExtensionMisspelt (warning, fix): an extension whose name is a
	// likely misspelling of a context attribute the event lacks
	// ("specverion"); the fix renames it.
	CEExtensionMisspelt = "CE011"
	// CEExtensionValue (error): an extension whose value is an object or an
	// array; extension values are strings, integers, booleans or null.
	CEExtensionValue = "CE012"
	// CEExtensionNotInteger (warning, fix when the value is whole): an
	// extension number that is not written as an integer; CloudEvents has
	// no fractional numbers.
	CEExtensionNotInteger = "CE013"
	// CEExtensionRange (error): an extension integer outside the
	// CloudEvents Integer range (32-bit signed).
	CEExtensionRange = "CE014"
	// CEDataAndBase64 (error): data and data_base64 are both set; they are
	// mutually exclusive.
	CEDataAndBase64 = "CE015"
	// CEBase64 (error, fix for missing padding or the URL-safe alphabet):
	// data_base64 is not standard base64 with padding; the place is the
	// first bad character when it can be located in the source.
	CEBase64 = "CE016"
	// CEMediaType (error): datacontenttype is not an RFC 2046 media type
	// ("type/subtype" with valid parameters).
	CEMediaType = "CE017"
	// CEJSONDataString (info): datacontenttype declares JSON but data is a
	// JSON string; if it holds serialized JSON, it is double-encoded.
	CEJSONDataString = "CE018"
	// CENonJSONData (warning): datacontenttype declares non-JSON content but
	// data is a JSON object, array, number or boolean; the JSON format
	// writes non-JSON content as a string or in data_base64.
	CENonJSONData = "CE019"
	// CEDataSchemaURI (warning): dataschema is not an absolute URI, notably
	// the "#<dataVersion>" that Azure Event Grid writes when it converts
	// events to CloudEvents; strict validators reject it.
	CEDataSchemaURI = "CE020"

	// SRSubjectHub (warning, fix): a SignalR event whose subject is not
	// "/hub/<data.hubName>"; the fix sets the subject from data.hubName.
	SRSubjectHub = "SR001"
	// SRSubjectHubCase (info): subject and data.hubName name the same hub
	// in different case; SignalR hub names are case-insensitive.
	SRSubjectHubCase = "SR002"
	// SRResourcePath (warning): a SignalR event whose topic (Event Grid) or
	// source (CloudEvents) is not a SignalR Service resource path.
	SRResourcePath = "SR003"
	// SRPlaceholder (info): the resource path holds a documentation
	// placeholder such as "{subscription-id}".
	SRPlaceholder = "SR004"
	// SRConnectedError (warning, fix): data.errorMessage on a
	// ClientConnectionConnected event; only disconnections carry one; the
	// fix removes it.
	SRConnectedError = "SR005"
	// SRTimestampSkew (warning): data.timestamp is more than
	// MaxTimestampSkew away from eventTime (or time).
	SRTimestampSkew = "SR006"

	// BatchDuplicateID (warning): an event with the same id (and the same
	// topic or source) as an earlier event of the batch; consumers
	// deduplicate on id and source and may drop it.
	BatchDuplicateID = "BATCH001"
	// BatchSpecVersion (error): a CloudEvents event whose specversion
	// differs from the first CloudEvents event of the batch.
	BatchSpecVersion = "BATCH002"
	// BatchEventSize (error): an event larger than MaxEventBytes once
	// minified; Event Grid rejects it.
	BatchEventSize = "BATCH003"
	// BatchSize (warning): the whole array is larger than MaxPublishBytes
	// once minified; Event Grid rejects such a publish request.
	BatchSize = "BATCH004"
	// BatchCount (error): more than MaxBatchEvents events in one array.
	BatchCount = "BATCH005"
)

// Limits and thresholds the checks apply.
const (
	// MaxEventBytes is Event Grid's limit on one event (1 MB, taken as
	// 1,048,576 bytes of minified JSON).
	MaxEventBytes = 1 << 20
	// MaxPublishBytes is Event Grid's limit on one published array (1 MB of
	// minified JSON).
	MaxPublishBytes = 1 << 20
	// MaxBatchEvents is the most events Event Grid accepts in one array.
	MaxBatchEvents = 5000
	// MaxExtensionNameLength is the length a CloudEvents extension name
	// SHOULD NOT exceed.
	MaxExtensionNameLength = 20
	// MaxTimestampSkew is how far data.timestamp may be from the envelope's
	// time before SRTimestampSkew is reported.
	MaxTimestampSkew = 5 * time.Minute
)
