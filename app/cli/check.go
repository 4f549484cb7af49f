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

// FileReport is the --json output of `eventlens check` for one file. Its
// diagnostics are diag.Diagnostic as they encode to JSON: Event is -1 for a
// finding about the payload as a whole; Line and Column are 0 when the
// finding has no place in the text.
type FileReport struct {
	Form        string            `json:"form"` // eventgrid, cloudevents, validation-handshake or unknown
	Batch       bool              `json:"batch"`
	Events      int               `json:"events"`
	Valid       bool              `json:"valid"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"` // never null: [] when there are none
}

// newFileReport returns an inspection report in the --json shape.
func newFileReport(r *inspect.Report) FileReport {
	ds := r.Diagnostics
	if ds == nil {
		ds = []diag.Diagnostic{}
	}
	return FileReport{Form: r.Form.String(), Batch: r.Batch, Events: len(r.Events), Valid: r.Valid, Diagnostics: ds}
}

// Check runs `eventlens check [--json] FILE...|-`: it inspects each payload
// and prints its diagnostics. It returns ExitOK when every payload is
// valid, ExitProblem when one is not, ExitUsage on bad usage or a file that
// cannot be read (which wins over an invalid payload).
func Check(env Env, args []string) int { return run(env, "check", args, check) }

func check(env Env, args []string) error {
	fs := newFlags(env, "check", "[--json] FILE...|-",
		"Validates Event Grid and CloudEvents payloads (\"-\" reads standard input).\n"+
			"Prints file:line:col: severity CODE: message, with an excerpt, for each finding.\n"+
			"Exit status: 0 all valid, 1 some payload invalid, 2 usage or I/O error.")
	asJSON := fs.Bool("json", false, "print one JSON report per file (an array for several files)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return &usageError{"name at least one file, or - for standard input", fs.Usage}
	}
	if err := stdinOnce(files); err != nil {
		return err
	}
	var verdict error
	var reports []FileReport
	for _, name := range files {
		src, err := readInput(env, name)
		if err != nil {
			// Report it now, in order with the other files, and go on.
			report(env, "check", err)
			verdict = worse(verdict, &reported{err})
			continue
		}
		r := inspect.Validate(src)
		if !r.Valid {
			verdict = worse(verdict, &problemError{})
		}
		if *asJSON {
			reports = append(reports, newFileReport(r))
			continue
		}
		writeText(visible{env.Stdout}, displayName(name), src, r)
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
			return err // the *ioError of env.Stdout
		}
	}
	return verdict
}

// writeText prints a report like a compiler: one block per diagnostic, then
// a summary line.
func writeText(w io.Writer, name string, src []byte, r *inspect.Report) {
	for _, d := range r.Diagnostics {
		writeDiagnostic(w, name, src, d)
	}
	fmt.Fprintf(w, "%s: %s\n", name, r.Summary())
	if r.HandshakeResponse != "" {
		fmt.Fprintf(w, "%s: answer with 200 OK and the body %s\n", name, r.HandshakeResponse)
	}
}

// writeDiagnostic prints one diagnostic as
// "name:line:col: severity CODE: message", then the source line with a
// caret under the column, then the suggested fix if there is one.
func writeDiagnostic(w io.Writer, name string, src []byte, d diag.Diagnostic) {
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
