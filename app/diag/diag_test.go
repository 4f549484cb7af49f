package diag

import (
	"encoding/json"
	"strings"
	"testing"

	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

func TestNewTakesTheRegisteredSeverity(t *testing.T) {
	doc, err := jsontree.Parse([]byte("{\n  \"a\": 1}"), jsontree.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := doc.Root.Get("a")
	for code, want := range map[vocab.Code]Severity{vocab.FormHandshake: Info, vocab.FormUnwrapped: Warning, vocab.SchemaRequired: Error} {
		d := New(code, 2, "/a", n, "%s at %d", "x", 7)
		if d.Severity != want || d.Code != string(code) || d.Message != "x at 7" || d.Event != 2 || d.Pointer != "/a" ||
			d.Line != 2 || d.Column != 8 || d.Offset != 9 || d.End != 10 {
			t.Errorf("New(%s) = %+v, want severity %s at 2:8", code, d, want)
		}
	}
	if d := New(vocab.DiffConvert, -1, "", nil, "m"); d.Line != 0 || d.Column != 0 || d.End != 0 {
		t.Errorf("no node: %+v, want no place", d)
	}
}

func TestSoften(t *testing.T) {
	d := New(vocab.CEEventGridProperty, 0, "", nil, "m")
	if d.Severity != Error {
		t.Fatalf("CE007 is %s, want error", d.Severity)
	}
	d.Soften()
	if d.Severity != Warning {
		t.Errorf("softened CE007 is %s, want warning", d.Severity)
	}
	e := New(vocab.EGUnknownProperty, 0, "", nil, "m")
	e.Soften()
	if e.Severity != Error {
		t.Errorf("EG005 has no milder case but softened to %s", e.Severity)
	}
}

func TestJSONShape(t *testing.T) {
	b, err := json.Marshal(New(vocab.FormUnwrapped, 0, "", nil, "m"))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"severity":"warning","code":"FORM002","message":"m","event":0,"pointer":"","line":0,"column":0}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}

func TestCollectorCapsEachCode(t *testing.T) {
	var c Collector
	n := vocab.MaxDiagnosticsPerCode + 3
	for i := range n {
		c.Add(Diagnostic{Severity: Error, Code: "A", Event: i, Offset: 2 * i})
		c.Add(Diagnostic{Severity: Warning, Code: "B", Event: i, Offset: 2*i + 1, Fix: &Fix{Title: "f"}})
	}
	c.Add(Diagnostic{Severity: Info, Code: "C", Offset: 0})
	if e, w, i := c.Count(); e != n || w != n || i != 1 {
		t.Errorf("Count = %d, %d, %d; want %d, %d, 1", e, w, i, n, n)
	}
	ds := c.Diagnostics()
	if len(ds) != 2*(vocab.MaxDiagnosticsPerCode+1)+1 {
		t.Fatalf("%d diagnostics listed, want %d of each code, a summary each, and C", len(ds), vocab.MaxDiagnosticsPerCode)
	}
	for k := 1; k < len(ds); k++ {
		if ds[k].Offset < ds[k-1].Offset {
			t.Fatalf("not sorted by place at %d: %+v after %+v", k, ds[k], ds[k-1])
		}
	}
	sum := ds[len(ds)-1]
	if sum.Code != "B" || sum.Event != vocab.MaxDiagnosticsPerCode || sum.Fix != nil || !strings.HasPrefix(sum.Message, "3 more ") {
		t.Errorf("last = %+v, want B's summary at the first one left out, without a fix", sum)
	}
}
