package ui

import (
	"testing"

	"eventlens/app/diag"
	"eventlens/app/vocab"
)

func TestDiagnosticName(t *testing.T) {
	d := diag.New(vocab.SchemaFormat, 0, "/0/eventTime", nil, "a long message that is not the name")
	d.Line, d.Column = 4, 16
	if got, want := diagnosticName(d), "Error SCH003 at line 4, column 16: select it in the editor"; got != want {
		t.Errorf("name %q, want %q", got, want)
	}
	w := diag.New(vocab.FormUnwrapped, 0, "", nil, "m")
	if got, want := diagnosticName(w), "Warning FORM002 in the whole payload: select it in the editor"; got != want {
		t.Errorf("name %q, want %q", got, want)
	}
}
