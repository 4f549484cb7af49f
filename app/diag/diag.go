// Package diag defines the diagnostics that every eventlens check reports:
// a severity, a stable code, a message that says what to do, and the place
// (event index, JSON pointer, line and column) it refers to.
// Codes, with their severity, are declared once in app/vocab; New takes a
// diagnostic's severity from its code.
package diag

import (
	"fmt"
	"sort"

	"eventlens/app/jsontree"
	"eventlens/app/vocab"
)

// Severity ranks a diagnostic (vocab.Severity: the registry declares each
// code's).
type Severity = vocab.Severity

// Severities, from least to most serious.
const (
	Info    = vocab.Info
	Warning = vocab.Warning
	Error   = vocab.Error
)

// Edit replaces the source bytes [Offset, End) with Text.
type Edit struct {
	Offset int    `json:"offset"`
	End    int    `json:"end"`
	Text   string `json:"text"`
}

// Fix is a suggested correction, expressed as edits of the source text.
type Fix struct {
	Title string `json:"title"` // e.g. `Rename "Source" to "source"`
	Edits []Edit `json:"edits"`
}

// Diagnostic is one finding about a payload. Its JSON encoding is the
// diagnostic of `eventlens check --json`; the place in bytes and the fix
// are not part of it.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	Code     string   `json:"code"`    // stable, e.g. "EG003"
	Message  string   `json:"message"` // what is wrong and what to do
	Event    int      `json:"event"`   // index of the event in the payload, -1 when none
	Pointer  string   `json:"pointer"` // RFC 6901 JSON pointer ("" is the whole document)
	Line     int      `json:"line"`    // 1-based; 0 when unknown
	Column   int      `json:"column"`  // 1-based, in code points; 0 when unknown
	Offset   int      `json:"-"`       // byte offset of the place in the source
	End      int      `json:"-"`       // byte offset just past the place
	Fix      *Fix     `json:"-"`
}

// New returns a diagnostic with code's registered severity, located at
// node n (which may be nil: then the place is unknown), with a formatted
// message.
func New(code vocab.Code, event int, pointer string, n *jsontree.Node, format string, args ...any) Diagnostic {
	d := Diagnostic{Severity: code.Severity(), Code: string(code), Message: fmt.Sprintf(format, args...), Event: event, Pointer: pointer}
	if n != nil {
		d.Line, d.Column, d.Offset, d.End = n.Pos.Line, n.Pos.Column, n.Pos.Offset, n.End
	}
	return d
}

// Soften gives d its code's milder severity (vocab.Code.Milder), for the
// case the registry names; a code without one keeps its severity.
func (d *Diagnostic) Soften() {
	d.Severity, _ = vocab.Code(d.Code).Milder()
}

// Sort orders diagnostics by position in the source, then by severity
// (errors first), then by code, keeping the order stable otherwise.
func Sort(ds []Diagnostic) {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		return a.Code < b.Code
	})
}

// Count returns how many diagnostics have each severity.
func Count(ds []Diagnostic) (errors, warnings, infos int) {
	for _, d := range ds {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			infos++
		}
	}
	return
}
