package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"eventlens/app/diag"
	"eventlens/app/inspect"
	"eventlens/app/jsontree"
)

// FileReport is the --json output of `eventlens check` for one file.
type FileReport struct {
	Form        string           `json:"form"` // eventgrid, cloudevents, validation-handshake or unknown
	Batch       bool             `json:"batch"`
	Events      int              `json:"events"`
	Valid       bool             `json:"valid"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
}

// JSONDiagnostic is one diagnostic in --json output. Event is -1 for a
// finding about the payload as a whole; Line and Column are 0 when the
// finding has no place in the text.
type JSONDiagnostic struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Event    int    `json:"event"`
	Pointer  string `json:"pointer"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
}

// NewFileReport converts an inspection report to the --json shape.
func NewFileReport(r *inspect.Report) FileReport {
	out := FileReport{
		Form: r.Form.String(), Batch: r.Batch, Events: len(r.Events), Valid: r.Valid,
		Diagnostics: make([]JSONDiagnostic, len(r.Diagnostics)),
	}
	for i, d := range r.Diagnostics {
		out.Diagnostics[i] = JSONDiagnostic{
			Severity: d.Severity.String(), Code: d.Code, Message: d.Message,
			Event: d.Event, Pointer: d.Pointer, Line: d.Line, Column: d.Column,
		}
	}
	return out
}

// Check runs `eventlens check [--json] FILE...|-`: it inspects each payload
// and prints its diagnostics. It returns ExitOK when every payload is
// valid, ExitProblem when one is not, ExitUsage on bad usage or a file that
// cannot be read.
func Check(env Env, args []string) int {
	fs := newFlags(env, "check", "[--json] FILE...|-",
		"Validates Event Grid and CloudEvents payloads (\"-\" reads standard input).\n"+
			"Prints file:line:col: severity CODE: message, with an excerpt, for each finding.\n"+
			"Exit status: 0 all valid, 1 some payload invalid, 2 usage or I/O error.")
	asJSON := fs.Bool("json", false, "print one JSON report per file (an array for several files)")
	files, err := parse(fs, args)
	if err != nil {
		return helpOrUsage(err)
	}
	if len(files) == 0 {
		fmt.Fprintln(env.Stderr, "eventlens check: name at least one file, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	code := ExitOK
	var reports []FileReport
	for _, name := range files {
		src, err := readInput(env, name)
		if err != nil {
			fmt.Fprintf(env.Stderr, "eventlens check: %v\n", err)
			code = ExitUsage
			continue
		}
		r := inspect.Inspect(src)
		if !r.Valid && code == ExitOK {
			code = ExitProblem
		}
		if *asJSON {
			reports = append(reports, NewFileReport(r))
			continue
		}
		writeText(env.Stdout, displayName(name), src, r)
	}
	if *asJSON && len(reports) > 0 {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		var v any = reports
		if len(files) == 1 {
			v = reports[0]
		}
		if err := enc.Encode(v); err != nil {
			fmt.Fprintf(env.Stderr, "eventlens check: %v\n", err)
			return ExitUsage
		}
	}
	return code
}

// writeText prints a report like a compiler: one block per diagnostic, then
// a summary line.
func writeText(w io.Writer, name string, src []byte, r *inspect.Report) {
	for _, d := range r.Diagnostics {
		WriteDiagnostic(w, name, src, d)
	}
	fmt.Fprintf(w, "%s: %s\n", name, r.Summary())
	if r.HandshakeResponse != "" {
		fmt.Fprintf(w, "%s: answer with 200 OK and the body %s\n", name, r.HandshakeResponse)
	}
}

// WriteDiagnostic prints one diagnostic as
// "name:line:col: severity CODE: message", then the source line with a
// caret under the column, then the suggested fix if there is one.
func WriteDiagnostic(w io.Writer, name string, src []byte, d diag.Diagnostic) {
	if d.Line > 0 {
		fmt.Fprintf(w, "%s:%d:%d: %s %s: %s\n", name, d.Line, d.Column, d.Severity, d.Code, d.Message)
		ex := jsontree.Excerpt(src, jsontree.Pos{Offset: d.Offset, Line: d.Line, Column: d.Column})
		for _, line := range strings.Split(strings.TrimRight(ex, "\n"), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	} else {
		fmt.Fprintf(w, "%s: %s %s: %s\n", name, d.Severity, d.Code, d.Message)
	}
	if d.Pointer != "" {
		fmt.Fprintf(w, "    at %s\n", shorten(d.Pointer, 100))
	}
	if d.Fix != nil {
		fmt.Fprintf(w, "    fix: %s\n", d.Fix.Title)
	}
}

// shorten keeps the start and end of a long ASCII-safe text (a pointer),
// eliding the middle.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head, tail := n/2, n-n/2-1
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	cut := len(s) - tail
	for cut < len(s) && !utf8.RuneStart(s[cut]) {
		cut++
	}
	return s[:head] + "…" + s[cut:]
}
