package ui

import (
	"runtime"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/diag"
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
		html := app.HTMLString(verdict(tt.r, 42))
		for _, w := range tt.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: verdict lacks %q:\n%s", tt.name, w, html)
			}
		}
		if !strings.Contains(html, `data-bytes="42"`) {
			t.Errorf("%s: no data-bytes: %s", tt.name, html)
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
	if strings.Contains(html, "<span") || !strings.Contains(html, `data-plain`) {
		t.Errorf("big text is coloured (%d spans)", strings.Count(html, "<span"))
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
	for _, want := range []string{`id="diff"`, "Your input is CloudEvents", `class="kind-renamed"`, "<code>topic</code>", "<code>source</code>", "nothing is lost"} {
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
