package ui

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/diag"
	"eventlens/app/gen"
	"eventlens/app/inspect"
	"eventlens/app/samples"
)

func report(t *testing.T, id string) *inspect.Report {
	t.Helper()
	s, ok := samples.Get(id)
	if !ok {
		t.Fatalf("no sample %q", id)
	}
	return inspect.Inspect([]byte(s.Text))
}

func TestVerdict(t *testing.T) {
	tests := []struct {
		name string
		r    *inspect.Report
		want []string
	}{
		{"nothing", nil, []string{`empty`, "Paste or drop a payload"}},
		{"valid", report(t, "eventgrid-connected"), []string{`ok`, "Valid", "Event Grid batch of 1 event", "0 errors · 0 warnings · 1 note", `aria-live="polite"`}},
		{"invalid", report(t, "broken-specversion-camel-case"), []string{`bad`, "Invalid", "CloudEvents batch of 1 event", "2 errors"}},
		{"handshake", report(t, "validation-handshake"), []string{"Validation handshake"}},
		{"not json", report(t, "broken-syntax-error"), []string{"Not JSON", "1 error"}},
		{"not an event", inspect.Inspect([]byte(`{"hello":"world"}`)), []string{"Not an event"}},
	}
	for _, tt := range tests {
		html := app.HTMLString(verdict(tt.r, 42, true, false))
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: verdict lacks %q:\n%s", tt.name, w, html)
			}
		}
		if !strings.Contains(html, `data-bytes="42"`) || !strings.Contains(html, `data-complete`) || strings.Contains(html, `data-complete="false"`) {
			t.Errorf("%s: no data-bytes or data-complete: %s", tt.name, html)
		}
	}
	// A verdict whose views are not ready yet says so.
	html := app.HTMLString(verdict(report(t, "eventgrid-connected"), 42, false, false))
	if !strings.Contains(html, `data-complete="false"`) || !strings.Contains(html, "Formatting…") || !strings.Contains(html, "Valid") {
		t.Errorf("partial verdict: %s", html)
	}
}

func TestProgressBar(t *testing.T) {
	tests := []struct {
		n, done, total int
		want           []string
	}{
		{3 << 20, 0, 0, []string{"3.0 MB", "Reading the payload…"}},
		{2900 << 10, 1200, 5000, []string{"2.8 MB", "Validating event 1201 of 5000…"}},
		{200 << 10, 5000, 5000, []string{"200 KB", "Validating event 5000 of 5000…"}},
	}
	for _, tt := range tests {
		html := app.HTMLString(progressBar(tt.n, tt.done, tt.total))
		for _, w := range append(tt.want, `id="verdict"`, `class="verdict busy"`, `aria-busy`, "Inspecting") {
			if !strings.Contains(html, w) {
				t.Errorf("progress %d/%d of %d bytes lacks %q:\n%s", tt.done, tt.total, tt.n, w, html)
			}
		}
		// Scripts wait for data-bytes: it only appears with the verdict.
		if strings.Contains(html, "data-bytes") {
			t.Errorf("the progress bar claims to describe the text: %s", html)
		}
	}
}

func TestHead(t *testing.T) {
	lines := func(n int) []byte { return []byte(strings.Repeat("abc\n", n)) }
	tests := []struct {
		name     string
		text     []byte
		maxLines int
		maxBytes int
		want     int // bytes shown
		cut      bool
	}{
		{"short", lines(3), 10, 100, 12, false},
		{"exactly max lines", lines(10), 10, 100, 40, false},
		{"max lines, no final newline", []byte("a\nb"), 1, 100, 2, true},
		{"too many lines", lines(11), 10, 1000, 40, true},
		{"too many bytes", lines(100), 1000, 30, 28, true},
		{"one long line", []byte(strings.Repeat("é", 20)), 10, 7, 6, true},
		{"empty", nil, 10, 10, 0, false},
	}
	for _, tt := range tests {
		got, cut := head(tt.text, tt.maxLines, tt.maxBytes)
		if len(got) != tt.want || cut != tt.cut || !strings.HasPrefix(string(tt.text), string(got)) {
			t.Errorf("%s: head = %d bytes (cut %v), want %d (cut %v)", tt.name, len(got), cut, tt.want, tt.cut)
		}
	}
}

func TestSizeLabel(t *testing.T) {
	for n, want := range map[int]string{0: "0 bytes", 1: "1 byte", 812: "812 bytes", 1023: "1023 bytes", 1 << 10: "1 KB", 35 << 10: "35 KB",
		1<<20 - 1: "1023 KB", 1 << 20: "1.0 MB", 2900 << 10: "2.8 MB", 32 << 20: "32.0 MB"} {
		if got := sizeLabel(n); got != want {
			t.Errorf("sizeLabel(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestDiagnosticListCapsAndFilters(t *testing.T) {
	ds := make([]diag.Diagnostic, 250)
	for i := range ds {
		ds[i] = diag.Diagnostic{Severity: diag.Warning, Code: "EG009", Message: "m", Event: i % 2, Line: i + 1, Column: 3}
	}
	ds[0].Fix = &diag.Fix{Title: "do it", Edits: []diag.Edit{{Offset: 0, End: 1, Text: "x"}}}
	tests := []struct {
		name      string
		l         *DiagnosticList
		items     int
		showAll   bool
		applyFix  int
		wantPlace string
	}{
		{"capped", &DiagnosticList{Diags: ds, Focus: -1}, maxListed, true, 1, ">1:3<"},
		{"all", &DiagnosticList{Diags: ds, Focus: -1, all: true}, 250, false, 1, ">250:3<"},
		{"one event", &DiagnosticList{Diags: ds, Focus: 1}, 125, false, 0, ">2:3<"},
		{"empty", &DiagnosticList{Focus: -1}, 0, false, 0, "No diagnostics."},
	}
	for _, tt := range tests {
		html := app.HTMLString(tt.l.Render())
		if got := strings.Count(html, `data-index=`); got != tt.items {
			t.Errorf("%s: %d items, want %d", tt.name, got, tt.items)
		}
		if got := strings.Contains(html, `id="show-all-diagnostics"`); got != tt.showAll {
			t.Errorf("%s: show-all button = %v", tt.name, got)
		}
		if got := strings.Count(html, "Apply fix"); got != tt.applyFix {
			t.Errorf("%s: %d Apply fix buttons, want %d", tt.name, got, tt.applyFix)
		}
		if !strings.Contains(html, tt.wantPlace) {
			t.Errorf("%s: no %q", tt.name, tt.wantPlace)
		}
	}
}

func TestCodeViewColoursOnlySmallTexts(t *testing.T) {
	r := report(t, "eventgrid-connected")
	small := app.HTMLString((&CodeView{ID: "pretty", Text: r.Pretty}).Render())
	if n := strings.Count(small, `class="tk-key"`); n < 10 {
		t.Errorf("small text has %d coloured keys", n)
	}
	big := []byte(strings.Repeat(string(r.Pretty), 300))
	html := app.HTMLString((&CodeView{ID: "pretty", Text: big}).Render())
	if strings.Contains(html, `class="tk-`) || !strings.Contains(html, `data-plain`) {
		t.Errorf("big text is coloured (%d spans)", strings.Count(html, `class="tk-`))
	}
}

func TestCodeViewCapsLongTexts(t *testing.T) {
	big := inspect.Inspect(gen.Batch(gen.EventGrid, 500)).Pretty
	v := &CodeView{ID: "pretty", Text: big}
	html := app.HTMLString(v.Render())
	if !strings.Contains(html, `data-cut`) || !strings.Contains(html, `class="btn show-all-text"`) || !strings.Contains(html, "Show all ("+sizeLabel(len(big))+")") {
		t.Fatalf("a %d-byte text is not cut with a show-all button", len(big))
	}
	if n := strings.Count(html, "\n"); n > maxShownLines+10 || len(html) > 2*maxShownBytes {
		t.Errorf("the cut view shows %d lines, %d bytes", n, len(html))
	}
	v.all = true
	html = app.HTMLString(v.Render())
	if strings.Contains(html, "show-all-text") || strings.Count(html, "\n") != strings.Count(string(big), "\n") {
		t.Errorf("show all does not show the whole text")
	}
	v.OnUpdate(app.Context{})
	if v.all {
		t.Error("a new text is not shown from its start")
	}
}

func TestEventPicker(t *testing.T) {
	r := inspect.Inspect(gen.Batch(gen.CloudEvents, maxOptions+5))
	// Until asked, only All and the focused event are listed.
	html := app.HTMLString((&EventPicker{Events: r.Events, Focus: 3}).Render())
	if got := strings.Count(html, "<option"); got != 2 || !strings.Contains(html, "#3 · "+r.Events[3].ID) {
		t.Errorf("closed picker lists %d options:\n%s", got, html)
	}
	if got := strings.Count(app.HTMLString((&EventPicker{Events: r.Events, Focus: -1}).Render()), "<option"); got != 1 {
		t.Errorf("closed picker without focus lists %d options", got)
	}
	p := &EventPicker{Events: r.Events, Focus: 3, open: true}
	html = app.HTMLString(p.Render())
	p.OnUpdate(app.Context{})
	if p.open {
		t.Error("a new batch is listed before it is asked for")
	}
	if got := strings.Count(html, "<option"); got != maxOptions+2 {
		t.Errorf("%d options, want %d events, All and the rest", got, maxOptions)
	}
	for _, w := range []string{"All 1005 events", "… 5 more: type its number in “Go to #”", `id="event-picker"`, `id="event-index"`, r.Events[0].ID} {
		if !strings.Contains(html, w) {
			t.Errorf("picker lacks %q", w)
		}
	}
	// An event past the listed ones stays in the menu while it is shown.
	far := app.HTMLString((&EventPicker{Events: r.Events, Focus: maxOptions + 2, open: true}).Render())
	if !strings.Contains(far, fmt.Sprintf("#%d · %s", maxOptions+2, r.Events[maxOptions+2].ID)) || !strings.Contains(far, fmt.Sprintf(`value="%d"`, maxOptions+2)) {
		t.Errorf("the shown event #%d is not in the listed menu", maxOptions+2)
	}
	for _, line := range strings.Split(html, "\n") {
		// (go-app writes selected="false" for an unselected option.)
		if selected := strings.Contains(line, " selected") && !strings.Contains(line, `selected="false"`); strings.Contains(line, "<option") && selected != strings.Contains(line, `value="3"`) {
			t.Errorf("option selected = %v: %s", selected, line)
		}
	}
}

func TestMappingViewLargeBatch(t *testing.T) {
	// Every CloudEvent carries an extension the Event Grid form loses; only
	// maxMapped events are laid out, and the rest are counted.
	src := strings.ReplaceAll(string(gen.Batch(gen.CloudEvents, 30)), `"specversion": "1.0"`, `"traceparent": "00-x", "specversion": "1.0"`)
	r := inspect.Inspect([]byte(src))
	if !r.Valid {
		t.Fatalf("test batch: %s", r.Summary())
	}
	html := app.HTMLString((&MappingView{Report: r, Focus: -1}).Render())
	if got := strings.Count(html, "<table"); got != maxMapped {
		t.Errorf("%d tables, want %d", got, maxMapped)
	}
	for _, w := range []string{"Showing the first 20 events", "Events not shown here have 10 attributes more", "Event 19: lost traceparent"} {
		if !strings.Contains(html, w) {
			t.Errorf("mapping lacks %q", w)
		}
	}
	html = app.HTMLString((&MappingView{Report: r, Focus: 25}).Render())
	if got := strings.Count(html, "<table"); got != 1 || !strings.Contains(html, "Event 25") || !strings.Contains(html, "Events not shown here have 29 attributes") {
		t.Errorf("focused mapping: %d tables", got)
	}
}

func TestPayloadMarkupIsEscaped(t *testing.T) {
	r := inspect.Inspect([]byte(`[{"id":"<script>alert(1)</script>","subject":"<img src=x onerror=alert(1)>","eventType":"x","eventTime":"2019-06-10T18:41:00Z","data":{},"dataVersion":"1"}]`))
	for name, ui := range map[string]app.UI{
		"pretty":  (&CodeView{ID: "pretty", Text: r.Pretty}).Render(),
		"mapping": (&MappingView{Report: r, Focus: -1}).Render(),
		"diags":   (&DiagnosticList{Diags: r.Diagnostics, Focus: -1}).Render(),
	} {
		html := app.HTMLString(ui)
		if strings.Contains(html, "<script") || strings.Contains(html, "<img") {
			t.Errorf("%s renders payload markup as markup:\n%s", name, html)
		}
	}
}

func TestMappingView(t *testing.T) {
	html := app.HTMLString((&MappingView{Report: report(t, "cloudevents-connected"), Focus: -1}).Render())
	for _, want := range []string{`id="diff"`, "Your input is CloudEvents", `class="kind-renamed"`, "<code>topic</code>", "<code>source</code>", "Event 0: dropped specversion"} {
		if !strings.Contains(html, want) {
			t.Errorf("mapping lacks %q", want)
		}
	}
	html = app.HTMLString((&MappingView{Report: report(t, "broken-syntax-error"), Focus: -1}).Render())
	if !strings.Contains(html, "appears once the payload is") {
		t.Errorf("mapping of a non-event: %s", html)
	}
}

func TestInspectorMountsInTestEngine(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("go-app's test engine needs a DOM under js/wasm; the browser tests mount the page")
	}
	e := app.NewTestEngine()
	p := &Inspector{}
	if err := e.Load(p); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	html := app.HTMLString(p)
	for _, id := range []string{`id="input"`, `id="verdict"`, `id="samples"`, `id="tab-pretty"`, `id="pretty"`, `placeholder="Paste an Event Grid`} {
		if !strings.Contains(html, id) {
			t.Errorf("page lacks %s", id)
		}
	}
	if strings.Contains(html, `data-wasm="ready"`) {
		t.Error("the server-side render claims the wasm app runs")
	}
	// Every form control has a label.
	for _, id := range []string{"input", "samples", "file"} {
		if !strings.Contains(html, `for="`+id+`"`) {
			t.Errorf("no label for #%s", id)
		}
	}
}

func TestGuardRecovers(t *testing.T) {
	ran := false
	var msg string
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("the panic escaped guard: %v", r)
			}
		}()
		msg = guard(app.Context{}, "testing", func() {
			ran = true
			panic("assignment to entry in nil map")
		})
	}()
	if !ran || !strings.Contains(msg, "while testing (assignment to entry in nil map)") || !strings.Contains(msg, "Your text is kept") {
		t.Errorf("guard message = %q", msg)
	}
	if msg := guard(app.Context{}, "testing", func() {}); msg != "" {
		t.Errorf("guard reported %q for a handler that returned", msg)
	}
}

// FuzzHead: cutting any text at any caps never panics, keeps a prefix that
// ends on a line or character boundary, and says whether it cut.
func FuzzHead(f *testing.F) {
	f.Add([]byte("[\n  {\"a\": 1}\n]\n"), 2, 100)
	f.Add([]byte(strings.Repeat("é😀\n", 50)), 10, 33)
	f.Add([]byte("\xff\xfe\x80abc"), 1, 2)
	f.Add([]byte{}, 0, 0)
	f.Fuzz(func(t *testing.T, text []byte, maxLines, maxBytes int) {
		maxLines, maxBytes = max(maxLines%5000, 1), max(maxBytes%(1<<20), 1)
		got, cut := head(text, maxLines, maxBytes)
		if !bytes.HasPrefix(text, got) || cut != (len(got) < len(text)) {
			t.Fatalf("head = %q (cut %v) of %q", got, cut, text)
		}
		if len(got) > maxBytes || bytes.Count(got, []byte("\n")) > maxLines {
			t.Fatalf("head = %d bytes, %d lines: over the caps %d, %d", len(got), bytes.Count(got, []byte("\n")), maxBytes, maxLines)
		}
		if cut && len(got) > 0 && got[len(got)-1] != '\n' && !utf8.RuneStart(text[len(got)]) {
			t.Fatalf("cut inside a character: %q", got)
		}
	})
}

func TestOutputsOf(t *testing.T) {
	r := inspect.Inspect(gen.Batch(gen.EventGrid, 3))
	all := outputsOf(r, -1, true)
	if !bytes.Equal(all.pretty, r.Pretty) || !bytes.Equal(all.eventGrid, r.EventGrid.Text) || !bytes.Equal(all.cloudEvents, r.CloudEvents.Text) {
		t.Error("without a focus, the tabs do not show the whole payload")
	}
	one := outputsOf(r, 1, true)
	if !bytes.Equal(one.pretty, r.EventText(1)) || !bytes.Equal(one.cloudEvents, r.CloudEvents.EventText(1)) || !bytes.Contains(one.cloudEvents, []byte(r.Events[1].ID)) {
		t.Errorf("focused on event 1, the tabs show:\n%s\n%s", one.pretty, one.cloudEvents)
	}
	if partial := outputsOf(r, 1, false); !bytes.Equal(partial.pretty, r.Pretty) {
		t.Error("an incomplete report's views are cut to one event")
	}
	if none := outputsOf(nil, -1, true); none.pretty != nil || none.eventGrid != nil || none.cloudEvents != nil {
		t.Error("no report, but texts")
	}
}

func TestMappingText(t *testing.T) {
	r := report(t, "cloudevents-connected")
	text := mappingText(r)
	if n := strings.Count(text, "\n"); n == 0 || n != len(r.Converted().Changes) || !strings.Contains(text, "source") {
		t.Errorf("mapping text of %d changes:\n%s", len(r.Converted().Changes), text)
	}
	if mappingText(report(t, "broken-syntax-error")) != "" || mappingText(nil) != "" {
		t.Error("a payload that is not events has a mapping text")
	}
}

func TestCompareUsesTheInspectorsTree(t *testing.T) {
	left, right := []byte(mustSample(t, "eventgrid-connected")), mustSample(t, "cloudevents-connected")
	for _, semantic := range []bool{false, true} {
		want := inspect.Diff(left, []byte(right), semantic)
		for _, tree := range []bool{false, true} {
			c := &Compare{Left: Source{Text: string(left)}, right: right, semantic: semantic}
			if tree {
				c.Left.Tree = inspect.Inspect(left).Doc.Root
			}
			c.schedule(app.Context{})
			if c.report == nil || c.report.Equal != want.Equal || len(c.report.Changes) != len(want.Changes) || !bytes.Equal(c.report.Left.Text, want.Left.Text) || c.steps.busy {
				t.Errorf("semantic %v, from the tree %v: %+v, want %+v", semantic, tree, c.report, want)
			}
		}
	}
	c := &Compare{Left: Source{Text: "  "}, right: right}
	if c.schedule(app.Context{}); c.report != nil {
		t.Error("a blank left side is compared")
	}
}

func mustSample(t *testing.T, id string) string {
	t.Helper()
	s, ok := samples.Get(id)
	if !ok {
		t.Fatalf("no sample %q", id)
	}
	return s.Text
}

func TestNextTab(t *testing.T) {
	for _, tt := range []struct{ from, key, want string }{
		{tabPretty, "ArrowRight", tabEventGrid},
		{tabDiff, "ArrowRight", tabTimeline},
		{tabTimeline, "ArrowRight", tabPretty},
		{tabPretty, "ArrowLeft", tabTimeline},
		{tabCloudEvents, "Home", tabPretty},
		{tabEventGrid, "End", tabTimeline},
	} {
		if got, ok := nextTab(tt.from, tt.key); !ok || got != tt.want {
			t.Errorf("nextTab(%s, %s) = %s, %v; want %s", tt.from, tt.key, got, ok, tt.want)
		}
	}
	if _, ok := nextTab(tabPretty, "a"); ok {
		t.Error("a letter moves between tabs")
	}
}
