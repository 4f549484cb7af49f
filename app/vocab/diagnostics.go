package vocab

import (
	"strconv"
	"time"
)

// Decoding (app/jsontree): fatal errors (JSON0xx) and notes (JSON1xx).
// app/jsontree tags its errors and notes with these codes' text.
var (
	JSONSyntax = define("JSON001", Error, "",
		"the text breaks the JSON grammar: an unexpected character, an unterminated string, a bad escape, a control character in a string, a malformed number or literal, a comment, a single-quoted string or a trailing comma.")
	JSONEmpty        = define("JSON002", Error, "", "the input holds nothing but white space.")
	JSONTrailingData = define("JSON003", Error, "", "more text follows the top-level value.")
	JSONInvalidUTF8  = define("JSON004", Error, "", "the input is not valid UTF-8; the error is at the first bad byte.")
	JSONTooDeep      = define("JSON005", Error, "",
		"objects and arrays nest deeper than Options.MaxDepth ("+strconv.Itoa(MaxDepth)+" levels by default); the error is at the first bracket past the limit.")
	JSONTooLarge = define("JSON006", Error, "", "the input is larger than Options.MaxBytes ("+mebibytes(MaxInputBytes)+" by default); it is refused before any decoding.")
	JSONUTF16    = define("JSON007", Error, "",
		"the input is UTF-16 (it starts with a UTF-16 byte-order mark, or one of its first two bytes is zero).")
	JSONTooManyValues = define("JSON008", Error, "",
		"the input holds more values than Options.MaxValues ("+strconv.Itoa(MaxValues)+" by default), which bounds the memory a payload takes; the error is at the first value past the limit.")

	JSONBOM          = define("JSON101", Info, "", "a UTF-8 byte-order mark starts the input; it was skipped.")
	JSONDuplicateKey = define("JSON102", Warning, "",
		"an object has the same key more than once; the note is at the later occurrence, Other at the first.")
	JSONNumberPrecision = define("JSON103", Warning, "",
		"a number that a float64 cannot hold: it overflows to ±Inf, underflows to 0, or is an integer beyond 2^53 that is not exactly representable.")
	JSONLoneSurrogate = define("JSON104", Warning, "",
		`a \u escape names half of a UTF-16 surrogate pair without the other half; it decodes as U+FFFD, as encoding/json does.`)
)

// Form detection (app/detect).
var (
	FormNotEvents = define("FORM001", Error, "",
		"the payload is not an event payload: a scalar, an object or array without event attributes. The message says what was expected and what was found.")
	FormUnwrapped = define("FORM002", Warning, "",
		"a single Event Grid event written as a bare object; Event Grid always delivers and publishes arrays.")
	FormEmptyBatch = define("FORM003", Info, "", "the payload is an empty array.")
	FormMixedBatch = define("FORM004", Error, "", "an element of a batch looks like the other form than the batch's majority.")
	FormHandshake  = define("FORM005", Info, "",
		"an Event Grid subscription-validation event; the message gives the exact answer the endpoint must send.")
	FormNotAnEvent = define("FORM006", Error, "",
		"an element of a batch that holds events is not an event itself (not an object, or an object without event attributes).")
	FormCloudEvents01 = define("FORM007", Error, "",
		"a CloudEvents 0.1 event (cloudEventsVersion, eventID, eventType, eventTypeVersion…), which eventlens does not check; the message says how to move it to CloudEvents 1.0.")
)

// JSON Schema validation (app/schema).
var (
	SchemaInternal = define("SCH000", Error, "",
		"the validator could not run, e.g. an embedded schema failed to compile; a bug in eventlens, never in the payload.")
	SchemaRequired = define("SCH001", Error, "",
		"a required property is missing. The place is the object that lacks it; the message names the property and the source of the rule.")
	SchemaType   = define("SCH002", Error, "", "a value has the wrong JSON type (e.g. a number where a string belongs).")
	SchemaFormat = define("SCH003", Error, "",
		"a string is not a valid RFC 3339 date-time, an absolute URI or a URI reference, as its property requires; the message says what is wrong in it.")
	SchemaValue = define("SCH004", Error, "",
		`a value is not the only one allowed (const, e.g. specversion "1.0") or not one of those allowed (enum).`)
	SchemaOther      = define("SCH005", Error, "", "any other schema rule, e.g. an empty string where a non-empty one is required.")
	SchemaNotAllowed = define("SCH006", Error, "",
		"a property the schema does not allow; the place is its key. The built-in schemas allow unknown properties and leave them to app/lint, which suggests the intended name.")
)

// Semantic checks of the Event Grid envelope (app/lint).
var (
	EGMisspeltType = define("EG001", Error, "fix",
		"an Event Grid eventType that is not a known type but is close to one (case, spaces, a few typos); the fix writes the known type.")
	EGUncheckedType = define("EG002", Info, "",
		"eventType of another Azure service (or a known type whose data eventlens does not describe); the envelope is checked, the data is not.")
	EGCustomType      = define("EG003", Info, "", "a custom, non-Azure eventType; the envelope is checked, the data is not.")
	EGMetadataVersion = define("EG004", Error, "fix",
		`metadataVersion is not "1", the only value Event Grid accepts; the fix sets "1".`)
	EGUnknownProperty = define("EG005", Error, "fix when a property name is close",
		"a top-level property outside the Event Grid schema, which Event Grid rejects; the fix renames it to the property it likely misspells.")
	EGCloudEventsAttribute = define("EG006", Error, "fix when there is an Event Grid equivalent",
		"a CloudEvents attribute (source, type, time, specversion...) in an Event Grid event: the payload mixes the two forms; the fix renames it to its Event Grid name.")
)

// Semantic checks of the CloudEvents envelope (app/lint).
var (
	CEMisspeltType = define("CE001", Error, "fix",
		"a CloudEvents type that is not a known type but is close to one; the fix writes the known type.")
	CEUncheckedType = define("CE002", Info, "",
		"type of another Azure service (or a known type whose data eventlens does not describe); the data is not checked.")
	CECustomType      = define("CE003", Info, "", "a custom, non-Azure type; the data is not checked.")
	CESpecVersionCase = define("CE004", Error, "fix",
		`the camel-case "specVersion" seen in some vendor examples; the fix renames it to "specversion".`)
	CESpecVersion = define("CE005", Error, "fix",
		`specversion is not "1.0" (e.g. the older "0.3"); eventlens checks CloudEvents 1.0; the fix sets "1.0".`)
	CEAttributeCase = define("CE006", Error, "fix",
		`a member that is a context attribute written in another case or spelling ("ID", "Type", "dataContentType", "data-base64"); attribute names are case-sensitive; the fix renames it.`)
	CEEventGridProperty = defineMild("CE007", Error, Warning, `when the name is also a valid extension name such as "topic"`,
		"fix when there is a CloudEvents equivalent",
		"an Event Grid property in a CloudEvents event: the payload mixes the two forms.")
	CEExtensionName = define("CE008", Error, "fix",
		"an extension attribute name with characters outside a-z and 0-9; the fix renames it to its lower-case letters and digits.")
	CEExtensionLength = define("CE009", Warning, "",
		"an extension name longer than "+strconv.Itoa(MaxExtensionNameLength)+" characters, which the spec says SHOULD NOT happen.")
	CEExtensionStart = define("CE010", Warning, "",
		"an extension name that does not start with a letter, which the spec says SHOULD NOT happen.")
	CEExtensionMisspelt = define("CE011", Warning, "fix",
		`an extension whose name is a likely misspelling of a context attribute the event lacks ("specverion"); the fix renames it.`)
	CEExtensionValue = define("CE012", Error, "",
		"an extension whose value is an object or an array; extension values are strings, integers, booleans or null.")
	CEExtensionNotInteger = defineMild("CE013", Error, Warning, "when the value is whole but written with a fraction or exponent (1.0, 1e3)",
		"fix when the value is whole",
		"an extension number that is not an integer (1.5): the JSON format maps numbers to the CloudEvents Integer type only, which has no fractions.")
	CEExtensionRange = define("CE014", Error, "",
		"an extension integer outside the CloudEvents Integer range (32-bit signed).")
	CEDataAndBase64 = define("CE015", Error, "", "data and data_base64 are both set; they are mutually exclusive.")
	CEBase64        = define("CE016", Error, "fix for missing padding or the URL-safe alphabet",
		"data_base64 is not standard base64 with padding; the place is the first bad character when it can be located in the source.")
	CEMediaType = define("CE017", Error, "",
		`datacontenttype is not an RFC 2046 media type ("type/subtype" with valid parameters).`)
	CEJSONDataString = define("CE018", Info, "",
		"datacontenttype declares JSON but data is a JSON string; if it holds serialized JSON, it is double-encoded.")
	CENonJSONData = define("CE019", Warning, "",
		"datacontenttype declares non-JSON content but data is a JSON object, array, number or boolean; the JSON format writes non-JSON content as a string or in data_base64.")
	CEDataSchemaURI = defineMild("CE020", Error, Warning, `when it is the "#<dataVersion>" (e.g. "#1.0") that Azure Event Grid writes when it converts events to CloudEvents`, "",
		`dataschema is not a non-empty absolute URI ("", a relative path, garbage), as CloudEvents requires; Azure's own "#<dataVersion>" shape is only a warning, since Azure emits it, but strict validators reject it.`)
	CEStringChars = define("CE021", Error, "",
		"a String attribute (a context attribute or a string extension) holds a character the CloudEvents type system forbids: a control character (U+0000–U+001F, U+007F–U+009F), a noncharacter, or an unpaired surrogate.")
)

// Semantic checks of SignalR Service events (app/lint).
var (
	SRSubjectHub = define("SR001", Warning, "fix",
		`a SignalR event whose subject is not "/hub/<data.hubName>"; the fix sets the subject from data.hubName.`)
	SRSubjectHubCase = define("SR002", Info, "",
		"subject and data.hubName name the same hub in different case; SignalR hub names are case-insensitive.")
	SRResourcePath = define("SR003", Warning, "",
		"a SignalR event whose topic (Event Grid) or source (CloudEvents) is not a SignalR Service resource path.")
	SRPlaceholder = define("SR004", Info, "",
		`the resource path holds a documentation placeholder such as "{subscription-id}".`)
	SRConnectedError = define("SR005", Warning, "fix",
		"data.errorMessage on a ClientConnectionConnected event; only disconnections carry one; the fix removes it.")
	SRSDKRequired = define("SR007", Warning, "",
		"data lacks hubName or connectionId: Azure's current REST specification and TypeSpec make them optional, but the Azure SDK for Go (azsystemevents) marks them REQUIRED, so receivers built on it get no value where the SDK promises one; the message names both sources.")
	SRTimestampSkew = define("SR006", Warning, "",
		"data.timestamp is more than "+strconv.Itoa(int(MaxTimestampSkew/time.Minute))+" minutes"+" away from eventTime (or time).")
)

// Semantic checks across the events of a batch (app/lint).
var (
	BatchDuplicateID = define("BATCH001", Warning, "",
		"an event with the same id (and the same topic or source) as an earlier event of the batch; consumers deduplicate on id and source and may drop it.")
	BatchSpecVersion = define("BATCH002", Error, "",
		"a CloudEvents event whose specversion differs from the first CloudEvents event of the batch.")
	BatchEventSize = define("BATCH003", Error, "",
		"an event larger than "+mebibytes(MaxEventBytes)+" once minified; Event Grid rejects it.")
	BatchSize = define("BATCH004", Warning, "",
		"the whole array is larger than "+mebibytes(MaxPublishBytes)+" once minified; Event Grid rejects such a publish request.")
	BatchCount = define("BATCH005", Error, "", "more than "+strconv.Itoa(MaxBatchEvents)+" events in one array.")
)

// Comparison (app/inspect): errors on one side of a semantic comparison.
var (
	DiffConvert = define("DIFF001", Error, "",
		"in semantic mode, an Event Grid payload could not be converted to CloudEvents (an event is not an object); compare it as plain JSON instead.")
	DiffNotEvents = define("DIFF002", Error, "",
		"in semantic mode, a side is not Event Grid or CloudEvents events; turn the semantic mode off.")
)

// Event subscription filters (app/filter): the filter itself, as Azure
// would accept or refuse it.
var (
	FilterNotFilter = define("FLT001", Error, "",
		"the text is not a subscription filter: not an object, or an object with neither filter properties, a filter member, nor properties.filter (as `az eventgrid event-subscription show` prints a subscription).")
	FilterType = define("FLT002", Error, "",
		"a filter property has the wrong JSON type: includedEventTypes is an array of strings, subjectBeginsWith and subjectEndsWith strings, isSubjectCaseSensitive and enableAdvancedFilteringOnArrays booleans, advancedFilters an array of objects, key a string.")
	FilterOperator = define("FLT003", Error, "fix when the name is close",
		"an advanced filter's operatorType is not one of the operators Event Grid knows; the message suggests the closest one.")
	FilterMissing = define("FLT004", Error, "",
		"an advanced filter lacks its operatorType, its key, or the operand its operator needs (value for the single-value operators, values for the others), or has an empty values array.")
	FilterValueType = define("FLT005", Error, "",
		"an operand of the wrong type for its operator: the Number operators take numbers, BoolEquals a boolean, the String operators strings.")
	FilterRange = define("FLT006", Error, "",
		"a NumberInRange or NumberNotInRange range that is not [low, high]: not an array of two numbers, or low greater than high.")
	FilterTooMany = define("FLT007", Error, "",
		"more than "+strconv.Itoa(MaxAdvancedFilters)+" advanced filters in one subscription; Event Grid refuses the subscription.")
	FilterTooManyValues = define("FLT008", Error, "",
		"more than "+strconv.Itoa(MaxFilterValues)+" filter values across all the advanced filters of one subscription; Event Grid refuses the subscription.")
	FilterLongString = define("FLT009", Error, "",
		"a string value of an advanced filter longer than "+strconv.Itoa(MaxFilterString)+" characters.")
	FilterKeyDepth = define("FLT010", Warning, "",
		"a key nested deeper than data.key1.key2, the limit of Event Grid's earlier docs; the current docs state none.")
	FilterUnknownProperty = define("FLT011", Warning, "",
		"a property the filter or an advanced filter does not have (Event Grid ignores or refuses it); the message suggests the property it likely misspells.")
	FilterKey = define("FLT012", Error, "",
		"a malformed key: empty, or with an empty segment (\"data..hubName\", a leading or trailing dot); Event Grid has no escape for dots in keys.")
	FilterIgnored = define("FLT013", Warning, "",
		"an operand the operator does not read: value or values on IsNullOrUndefined or IsNotNull, or value beside values.")
	FilterAllTypes = define("FLT014", Info, "",
		"includedEventTypes is empty or holds \"All\": every event type passes that clause.")
)

// mebibytes writes a size of whole MiB for a summary ("1 MiB").
func mebibytes(n int) string { return strconv.Itoa(n>>20) + " MiB" }
