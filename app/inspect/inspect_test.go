package inspect

import (
	"encoding/json"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/jsontree"
	"eventlens/app/vocab"
	"eventlens/internal/fixture"
)

// read returns the corpus payload name (testdata/payloads or a seed).
func read(t testing.TB, name string) []byte {
	t.Helper()
	return fixture.CorpusPayload(t, name)
}

func TestInspectSeed(t *testing.T) {
	r := Inspect(read(t, "seed-eventgrid-disconnected"))
	if r.Form != detect.EventGrid || !r.Batch || !r.Valid || len(r.Events) != 1 {
		t.Fatalf("got %s", r.Summary())
	}
	ev := r.Events[0]
	if ev.ID != "831e1650-001e-001b-66ab-eeb76e069631" || ev.Type != "Microsoft.SignalRService.ClientConnectionDisconnected" || ev.Line != 1 || ev.Pointer != "/0" {
		t.Errorf("event summary = %+v", ev)
	}
	if !r.EventGrid.Native || r.CloudEvents.Native || r.CloudEvents.Err != "" {
		t.Errorf("conversions: eg native=%v ce native=%v err=%q", r.EventGrid.Native, r.CloudEvents.Native, r.CloudEvents.Err)
	}
	if !strings.Contains(string(r.CloudEvents.Text), `"specversion": "1.0"`) || strings.Contains(string(r.CloudEvents.Text), "eventType") {
		t.Errorf("CloudEvents form:\n%s", r.CloudEvents.Text)
	}
	if got, want := r.Summary(), "Event Grid batch of 1 event: valid"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestInspectSyntaxErrorIsLocated(t *testing.T) {
	src := []byte("[{\n  \"id\": \"1\"\n  \"subject\": \"x\"\n}]")
	r := Inspect(src)
	if r.Valid || r.Doc != nil || len(r.Diagnostics) != 1 {
		t.Fatalf("got %s\n%s", r.Summary(), dump(r))
	}
	d := r.Diagnostics[0]
	if d.Severity != diag.Error || d.Line != 3 || d.Column != 3 || d.Code != "JSON001" {
		t.Errorf("diagnostic = %+v", d)
	}
	if r.EventGrid != nil || r.CloudEvents != nil || r.Pretty != nil {
		t.Error("a payload that does not decode has no other forms")
	}
	if got := r.Summary(); got != "Not JSON: invalid, 1 error" {
		t.Errorf("Summary() = %q", got)
	}
}

func TestInspectHandshake(t *testing.T) {
	r := Inspect(read(t, "form-handshake"))
	want := `{"validationResponse":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"}`
	if r.HandshakeResponse != want {
		t.Errorf("HandshakeResponse = %q, want %q", r.HandshakeResponse, want)
	}
	var v map[string]string
	if err := json.Unmarshal([]byte(r.HandshakeResponse), &v); err != nil {
		t.Error(err)
	}
	if r.CloudEvents == nil || r.CloudEvents.Err == "" {
		t.Error("a handshake has no CloudEvents form, and says why")
	}
}

func TestHandshakeResponseEscapes(t *testing.T) {
	got := HandshakeResponse(`a"b\c`)
	var v map[string]string
	if err := json.Unmarshal([]byte(got), &v); err != nil || v["validationResponse"] != `a"b\c` {
		t.Errorf("HandshakeResponse = %s (%v)", got, err)
	}
}

func TestApplyFixes(t *testing.T) {
	for _, n := range []string{"seed-misspelled-type-eventgrid", "ce-specversion-camelcase", "eg-metadataversion-2"} {
		src := read(t, n)
		r := Inspect(src)
		fixed := 0
		for _, d := range r.Diagnostics {
			if d.Fix == nil || d.Severity != diag.Error {
				continue
			}
			after := Inspect(ApplyFix(src, d.Fix))
			for _, d2 := range after.Diagnostics {
				if d2.Code == d.Code {
					t.Errorf("%s: after %q, %s is still reported: %s", n, d.Fix.Title, d.Code, d2.Message)
				}
			}
			fixed++
		}
		if fixed == 0 {
			t.Errorf("%s: no error with a fix", n)
		}
	}
}

func TestApplyFixSkipsStaleEdits(t *testing.T) {
	src := []byte(`{"a":1}`)
	fix := &diag.Fix{Edits: []diag.Edit{{Offset: 5, End: 6, Text: "2"}, {Offset: 3, End: 99, Text: "x"}, {Offset: -1, End: 0, Text: "y"}}}
	if got := string(ApplyFix(src, fix)); got != `{"a":2}` {
		t.Errorf("ApplyFix = %s", got)
	}
	if got := string(ApplyFix(src, nil)); got != string(src) {
		t.Errorf("ApplyFix(nil) = %s", got)
	}
}

func TestDiffSemanticTwinsAreEqual(t *testing.T) {
	eg := read(t, "seed-eventgrid-connected")
	ce := read(t, "seed-cloudevents-connected")
	if r := Diff(eg, ce, true); !r.Equal || len(r.Changes) != 0 {
		t.Errorf("semantic diff of twins: %d changes: %+v", len(r.Changes), r.Changes)
	}
	r := Diff(eg, ce, false)
	if r.Equal || len(r.Changes) == 0 {
		t.Fatal("plain diff of the two forms finds no change")
	}
	if len(r.Left.Lines) == 0 || len(r.Right.Lines) == 0 {
		t.Errorf("changed lines: left %v right %v", r.Left.Lines, r.Right.Lines)
	}
	var patch []map[string]any
	if err := json.Unmarshal(r.Patch, &patch); err != nil || len(patch) == 0 {
		t.Errorf("patch %s: %v", r.Patch, err)
	}
}

func TestDiffReportsChangedLines(t *testing.T) {
	a := []byte(`{"a": 1, "b": [1, 2, 3]}`)
	b := []byte(`{"b": [1, 2, 3], "a": 2}`)
	r := Diff(a, b, false)
	if len(r.Changes) != 1 || r.Changes[0].Path != "/a" {
		t.Fatalf("changes = %+v", r.Changes)
	}
	// Pretty text: line 1 "{", line 2 "a": 1 (left) ; right: "b" first.
	if len(r.Left.Lines) != 1 || r.Left.Lines[0] != 2 {
		t.Errorf("left lines = %v\n%s", r.Left.Lines, r.Left.Text)
	}
	if len(r.Right.Lines) != 1 || r.Right.Lines[0] != 7 {
		t.Errorf("right lines = %v\n%s", r.Right.Lines, r.Right.Text)
	}
}

func TestDiffSideErrors(t *testing.T) {
	r := Diff([]byte(`[`), []byte(`"x"`), true)
	if len(r.Left.Diagnostics) != 1 || r.Left.Diagnostics[0].Line != 1 {
		t.Errorf("left: %+v", r.Left.Diagnostics)
	}
	if len(r.Right.Diagnostics) != 1 || !strings.Contains(r.Right.Diagnostics[0].Message, "semantic") {
		t.Errorf("right: %+v", r.Right.Diagnostics)
	}
	if r.Equal {
		t.Error("sides that cannot be compared are not equal")
	}
}

// FuzzInspect: no input makes the pipeline panic, and every diagnostic's
// place is inside the input.
func FuzzInspect(f *testing.F) {
	for _, n := range []string{"seed-eventgrid-connected", "seed-cloudevents-disconnected", "form-mixed-batch", "ce-specversion-camelcase", "form-handshake", "json-bom"} {
		f.Add(read(f, n))
	}
	f.Add([]byte(`[{"eventType":1,"specversion":[],"data":{"hubName":null}}]`))
	f.Fuzz(func(t *testing.T, src []byte) {
		r := Inspect(src)
		for _, d := range r.Diagnostics {
			if d.Offset < 0 || d.End > len(src) || d.End < d.Offset {
				t.Fatalf("%s at %d..%d outside %d bytes", d.Code, d.Offset, d.End, len(src))
			}
			if d.Fix != nil {
				ApplyFix(src, d.Fix)
			}
		}
		if r.Doc != nil {
			if _, err := jsontree.Parse(r.Pretty, jsontree.Options{}); err != nil {
				t.Fatalf("pretty output does not parse: %v", err)
			}
		}
	})
}

func TestDeepNestingIsNotPrettyPrinted(t *testing.T) {
	// 500 levels of nesting around 60,000 short arrays: indenting would
	// need ~250 bytes per element, far past MaxPrettyBytes.
	var b strings.Builder
	b.WriteString(strings.Repeat("[", 500))
	b.WriteString(strings.TrimSuffix(strings.Repeat("[1],", 300_000), ","))
	b.WriteString(strings.Repeat("]", 500))
	r := Inspect([]byte(b.String()))
	if r.Doc == nil {
		t.Fatalf("does not decode: %s", dump(r))
	}
	if !r.Minified || len(r.Pretty) > b.Len() {
		t.Errorf("Minified=%v, pretty %d bytes for %d bytes of input", r.Minified, len(r.Pretty), b.Len())
	}
}

// zeros returns `[0,0,…]` of n bytes (n odd, at least 3).
func zeros(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = ','
		if i%2 == 1 {
			b[i] = '0'
		}
	}
	b[0], b[n-1] = '[', ']'
	return b
}

// A payload inside the input limit but with more values than the memory
// model allows (vocab.MaxValues) is refused with a located message before
// it takes gigabytes: a 32 MiB `[0,0,…]` (16.7 million values) took 5.5 GB
// natively and crashed the wasm build. The refusal's memory is bounded by
// the limit, natively and as wasm.
func TestTooManyValuesIsRefusedInBoundedMemory(t *testing.T) {
	src := zeros(MaxBytes - 1)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := Inspect(src)
	runtime.ReadMemStats(&after)
	if len(r.Diagnostics) != 1 || r.Diagnostics[0].Code != string(vocab.JSONTooManyValues) || r.Diagnostics[0].Line != 1 || r.Diagnostics[0].Column != 2*vocab.MaxValues {
		t.Fatalf("diagnostics = %+v", r.Diagnostics)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 512<<20 {
		t.Errorf("refusing %d values allocated %d MB; want at most 512", len(src)/2, alloc>>20)
	}
	if d := Diff(src, []byte("[]"), false); len(d.Left.Diagnostics) != 1 || d.Left.Diagnostics[0].Code != string(vocab.JSONTooManyValues) {
		t.Errorf("diff: left diagnostics %+v", d.Left.Diagnostics)
	}
}

// At the limit, `[0,0,…]` (about 350 bytes a value through the whole
// inspection, like the other shapes measured: `[{},…]`, `[[],…]`, one object
// of 2 million keys) is inspected within the memory model: the memory the Go
// runtime holds stays under 1.5 GB, natively and as wasm (where a tab gets
// at most 4 GB of linear memory).
func TestInspectAtTheValueLimitStaysInMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("inspects 2 million values")
	}
	src := zeros(2*vocab.MaxValues - 1) // the array and MaxValues-1 zeros
	r := Inspect(src)
	if r.Doc == nil {
		t.Fatalf("not decoded: %+v", r.Diagnostics)
	}
	r = nil
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("%d values: %d MB allocated in all, %d MB held from the system", vocab.MaxValues, m.TotalAlloc>>20, m.Sys>>20)
	if m.Sys > 1536<<20 {
		t.Errorf("the runtime holds %d MB after inspecting %d values; the model says at most 1.5 GB", m.Sys>>20, vocab.MaxValues)
	}
}

// TestDiagnosticsAreCappedPerCode: a batch whose every event draws the same
// findings lists at most vocab.MaxDiagnosticsPerCode of each code, plus one
// summary at the first left out, while the counts and the verdict still
// include every finding.
func TestDiagnosticsAreCappedPerCode(t *testing.T) {
	const event = `{"eventType":"x"}`
	one := Inspect([]byte("[" + event + "]"))
	if one.Errors == 0 {
		t.Fatalf("the event should draw errors: %s", one.Summary())
	}
	perEvent := map[string]int{}
	for _, d := range one.Diagnostics {
		perEvent[d.Code]++
	}
	if perEvent[string(vocab.EGCustomType)] != 1 {
		t.Fatalf("the event should draw one %s: %v", vocab.EGCustomType, one.Diagnostics)
	}
	n := vocab.MaxDiagnosticsPerCode + 250
	r := Inspect([]byte("[" + strings.TrimSuffix(strings.Repeat(event+",", n), ",") + "]"))
	if r.Errors != n*one.Errors || r.Warnings != n*one.Warnings || r.Infos != n*one.Infos || r.Valid {
		t.Errorf("counts %d/%d/%d, want every finding counted: %d/%d/%d", r.Errors, r.Warnings, r.Infos,
			n*one.Errors, n*one.Warnings, n*one.Infos)
	}
	listed := map[string][]diag.Diagnostic{}
	for _, d := range r.Diagnostics {
		listed[d.Code] = append(listed[d.Code], d)
	}
	for code, k := range perEvent {
		ds := listed[code]
		if len(ds) != vocab.MaxDiagnosticsPerCode+1 {
			t.Errorf("%s listed %d times, want %d and a summary", code, len(ds), vocab.MaxDiagnosticsPerCode)
			continue
		}
		last := ds[len(ds)-1]
		want := (n - vocab.MaxDiagnosticsPerCode/k) * k
		if k != 1 {
			continue // several per event: the summary's place depends on their order
		}
		if last.Event != vocab.MaxDiagnosticsPerCode || !strings.HasPrefix(last.Message, strconv.Itoa(want)+" more ") || last.Fix != nil {
			t.Errorf("%s summary = %+v, want event %d and %d more", code, last, vocab.MaxDiagnosticsPerCode, want)
		}
	}
	if v := Validate([]byte("[" + event + "]")); v.Errors != one.Errors || v.Valid || v.Pretty != nil || v.EventGrid != nil || v.CloudEvents != nil {
		t.Errorf("Validate = %+v, want the verdict without the text and conversions", v)
	}
}

// conversions shows the payload in both forms, as a Job does.
func conversions(root *jsontree.Node, form detect.Form, events int, pretty []byte, minified bool) (eg, ce *Conversion) {
	return startConversions(root, form, events, pretty, minified).finish()
}

// TestConversionRefusedPastMaxConvertEvents: a payload of more events than
// vocab.MaxConvertEvents is shown in its own form only, with a reason that
// names the limit; at the limit it converts.
func TestConversionRefusedPastMaxConvertEvents(t *testing.T) {
	r := Inspect(read(t, "seed-eventgrid-connected"))
	root := r.Doc.Root
	eg, ce := conversions(root, detect.EventGrid, vocab.MaxConvertEvents+1, r.Pretty, false)
	if !eg.Native || ce.Err == "" || ce.Root != nil || !strings.Contains(ce.Err, strconv.Itoa(vocab.MaxConvertEvents)) {
		t.Errorf("past the limit: eg native %v, ce %+v; want the CloudEvents form refused, naming the limit", eg.Native, ce)
	}
	if _, ce := conversions(root, detect.EventGrid, vocab.MaxConvertEvents, r.Pretty, false); ce.Err != "" || ce.Root == nil {
		t.Errorf("at the limit: %q, want a conversion", ce.Err)
	}
}

// TestFindingsDoNotGrowTheReport: events that each draw the same six
// findings cost the report what their tree and event list cost, not their
// findings: past the cap, the findings are counted and dropped. Before the
// cap, the report held about 2,900 bytes an event (999,000 events: 5.6 GB
// in check --json); the tree and event list take about 400.
func TestFindingsDoNotGrowTheReport(t *testing.T) {
	const n = 20_000
	src := []byte("[" + strings.TrimSuffix(strings.Repeat(`{"eventType":"x"},`, n), ",") + "]")
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	r := Validate(src)
	runtime.GC()
	runtime.ReadMemStats(&after)
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if r.Errors < 4*n || len(r.Diagnostics) > 10*(vocab.MaxDiagnosticsPerCode+1) {
		t.Fatalf("%d errors, %d listed: want every event's findings counted and few listed", r.Errors, len(r.Diagnostics))
	}
	t.Logf("%d events: the report holds %d bytes an event", n, held/n)
	if held > 1000*n {
		t.Errorf("the report holds %d bytes an event; want under 1,000 (the tree and the event list)", held/n)
	}
	runtime.KeepAlive(r)
	runtime.KeepAlive(src)
}

// TestCommonMistakesHaveFixes checks that the commonest mistakes carry an
// Apply-fix edit, and that applying it leaves a valid payload (a date
// completed to midnight may then draw SR006's warning: it is 18 hours
// before the data's timestamp).
func TestCommonMistakesHaveFixes(t *testing.T) {
	seed := strings.TrimSpace(string(read(t, "seed-eventgrid-connected")))
	const subject = `"subject": "/hub/chat",`
	const eventTime = `"eventTime": "2019-06-10T18:41:00.9584103Z"`
	tests := []struct {
		name, src, code, title string
	}{
		{"missing comma", strings.Replace(seed, subject, `"subject": "/hub/chat"`, 1), string(vocab.JSONSyntax), "Add the missing comma"},
		{"trailing comma", strings.Replace(seed, `"metadataVersion": "1"`, `"metadataVersion": "1",`, 1), string(vocab.JSONSyntax), "Remove the trailing comma"},
		{"date without time", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10"`, 1), string(vocab.SchemaFormat), `Write "2019-06-10T00:00:00Z" (midnight UTC: change the time if it was another)`},
		{"time without zone", strings.Replace(seed, eventTime, `"eventTime": "2019-06-10T18:41:00"`, 1), string(vocab.SchemaFormat), `Write "2019-06-10T18:41:00Z" (UTC: change the zone if it was another)`},
		{"escaped JSON", string(jsontree.AppendString(nil, seed)), string(vocab.FormNotEvents), "Decode the escaped JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Inspect([]byte(tt.src))
			var fix *diag.Fix
			for _, d := range r.Diagnostics {
				if d.Code == tt.code && d.Fix != nil {
					fix = d.Fix
				}
			}
			if fix == nil {
				t.Fatalf("no %s with a fix; got %s", tt.code, r.Summary())
			}
			if fix.Title != tt.title {
				t.Errorf("fix %q, want %q", fix.Title, tt.title)
			}
			after := Inspect(ApplyFix([]byte(tt.src), fix))
			if !after.Valid || after.Errors > 0 {
				t.Errorf("after the fix: %s", after.Summary())
			}
			for _, d := range after.Diagnostics {
				if d.Code == tt.code {
					t.Errorf("after the fix, %s is still reported: %s", d.Code, d.Message)
				}
			}
		})
	}
}
