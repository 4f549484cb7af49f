package vocab

import (
	"math"
	"time"
)

// Limits on what eventlens reads, and limits of Event Grid and CloudEvents
// that the checks apply. Messages quote these values; nothing else writes
// them.
const (
	// MaxInputBytes is the largest payload eventlens decodes and inspects
	// (32 MiB); larger input is refused with JSON006.
	MaxInputBytes = 32 << 20
	// MaxDepth is how deep objects and arrays may nest (512 levels);
	// deeper input is refused with JSON005.
	MaxDepth = 512
	// MaxValues is how many values (objects, arrays, strings, numbers,
	// literals) a payload may hold (2,000,000); more is refused with
	// JSON008. It bounds memory: eventlens keeps every value with its
	// position, at about 350 bytes a value through decoding, detection, the
	// checks and the event list (native peak about 700 MB at the limit; a
	// comparison holds two payloads), where the 32 MiB input limit alone
	// would allow 16.7 million values (`[0,0,…]`) and several gigabytes,
	// more than a browser tab gets. Real payloads stay far below it: 32 MiB
	// of SignalR events is under a million values.
	MaxValues = 2_000_000
	// MaxDiagnosticsPerCode is how many findings of one code an inspection
	// lists (1,000), and how many notes of one code the decoder keeps; one
	// summary at the first one left out counts the rest. Counts and
	// verdicts include them all. It bounds memory where every value draws
	// findings: a million events with a bad type would otherwise hold
	// millions of diagnostics, several hundred bytes each.
	MaxDiagnosticsPerCode = 1000
	// MaxConvertEvents is the most events a payload may hold to be shown
	// in the other form (100,000, twenty times Event Grid's largest
	// batch): a conversion holds a second tree, its text and the list of
	// what changed, about 600 bytes an event, which for the million events
	// the value limit allows would double an inspection's memory.
	MaxConvertEvents = 100_000
	// MemoryLimit is the Go runtime's soft memory limit in the command-line
	// tool, the server and the browser app (1 GiB; GOMEMLIMIT overrides it
	// where there is an environment): near it the collector runs more
	// often instead of letting the heap double, which keeps a comparison of
	// two payloads at the value limit under 1.5 GB of peak memory.
	MemoryLimit = 1 << 30
	// MaxPrettyBytes bounds the pretty-printed text of a payload (64 MiB):
	// a payload that indenting would make larger is shown minified.
	MaxPrettyBytes = 64 << 20

	// MaxEventBytes is Event Grid's limit on one event (1 MB, taken as
	// 1,048,576 bytes of minified JSON): BATCH003.
	MaxEventBytes = 1 << 20
	// MaxPublishBytes is Event Grid's limit on one published array (1 MB of
	// minified JSON): BATCH004.
	MaxPublishBytes = 1 << 20
	// MaxBatchEvents is the most events Event Grid accepts in one array, and
	// delivers in one batch: BATCH005.
	MaxBatchEvents = 5000

	// MaxExtensionNameLength is the length a CloudEvents extension name
	// SHOULD NOT exceed: CE009.
	MaxExtensionNameLength = 20
	// MinInteger and MaxInteger bound the CloudEvents Integer type (32-bit
	// signed): CE014.
	MinInteger = math.MinInt32
	MaxInteger = math.MaxInt32

	// MaxTimestampSkew is how far a SignalR event's data.timestamp may be
	// from the envelope's time before SR006 is reported.
	MaxTimestampSkew = 5 * time.Minute
)

// Limits of the page: what the browser app holds, shows and shares.
const (
	// LargeTextUnits is the length (in UTF-16 code units, what a textarea
	// lays out) past which a payload is not put into the editor's textarea
	// but shown in the read-only large view (512 Ki): Chromium lays out a
	// textarea's whole value at once, about 0.3 s per megabyte on a laptop,
	// in one task that nothing can interrupt. 512 Ki keeps that layout under
	// ~150 ms, inside the 200 ms a task may block the page, while every
	// hand-edited payload stays editable. "Edit as text" puts a larger one
	// into the code editor, which lays out only the lines in view.
	LargeTextUnits = 512 << 10
	// MaxDraftUnits is the longest draft the page keeps in localStorage (in
	// UTF-16 units, 2 Mi): browsers give a site about 5 MB of localStorage,
	// and a write past it throws.
	MaxDraftUnits = 2 << 20
	// MaxShareFragment is the longest share link fragment, in characters
	// (64 Ki): longer links are cut by mail clients, chat apps and some
	// browsers.
	MaxShareFragment = 64 << 10
	// MaxSharePayload is the largest payload a share link restores
	// (decompressed bytes, 8 MiB), so a crafted link cannot exhaust memory.
	MaxSharePayload = 8 << 20
)

// Limits of Event Grid subscription filters (Azure's event-filtering
// docs, "Limitations"): app/filter reports a filter past them.
const (
	// MaxAdvancedFilters is the most advanced filters one event
	// subscription holds (25): FLT007.
	MaxAdvancedFilters = 25
	// MaxFilterValues is the most filter values across all the advanced
	// filters of one subscription (25; a single value and a range each
	// count one): FLT008.
	MaxFilterValues = 25
	// MaxFilterString is the longest string value of an advanced filter,
	// in characters (512): FLT009.
	MaxFilterString = 512
	// MaxFilterKeyLevels is how many levels a key had in Event Grid's
	// earlier docs ("two levels of nesting", data.key1.key2: three
	// segments); the current docs name no limit, so a deeper key is only
	// a warning: FLT010.
	MaxFilterKeyLevels = 3
)
