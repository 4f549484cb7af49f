package cli

import (
	"encoding/json"
	"time"

	"eventlens/app/detect"
	"eventlens/app/inspect"
	"eventlens/app/summary"
)

// SummaryReport is the --json output of `eventlens summary`. Its shape is
// stable: fields are only ever added. Durations are in seconds; times are
// RFC 3339 in UTC ("" when no event has a usable time); lists are never
// null.
type SummaryReport struct {
	Form             string            `json:"form"`             // eventgrid, cloudevents, validation-handshake or unknown
	Events           int               `json:"events"`           // events in the payload
	ConnectionEvents int               `json:"connectionEvents"` // SignalR Connected and Disconnected events, with a usable time or not
	Other            int               `json:"other"`            // events of other types, set aside
	Start            string            `json:"start"`            // the first connection event's time
	End              string            `json:"end"`              // the last one's
	Total            summary.Stats     `json:"total"`            // every connection event with a time ("name" is "")
	Hubs             []summary.Stats   `json:"hubs"`             // per data.hubName, busiest first
	Users            []summary.Stats   `json:"users"`            // per data.userId, busiest first
	Untimed          []summary.Untimed `json:"untimed"`          // connection events left out: no usable time
}

// newSummaryReport returns a summary in the --json shape.
func newSummaryReport(r *inspect.Report, s *summary.Summary) SummaryReport {
	out := SummaryReport{Form: r.Form.String(), Events: len(r.Events), ConnectionEvents: s.Connections(), Other: s.Other,
		Total: s.Total, Hubs: s.Hubs, Users: s.Users, Untimed: s.Untimed}
	if !s.Start.IsZero() {
		out.Start, out.End = s.Start.UTC().Format(time.RFC3339Nano), s.End.UTC().Format(time.RFC3339Nano)
	}
	if out.Untimed == nil {
		out.Untimed = []summary.Untimed{}
	}
	return out
}

// Summary runs `eventlens summary [--json] FILE|-`: it summarises the
// SignalR connection events of one payload. It returns ExitOK when the
// payload is events (valid or not: `check` judges validity), ExitProblem
// when it is not JSON or not events, ExitUsage on bad usage or a file that
// cannot be read.
func Summary(env Env, args []string) int { return run(env, "summary", args, summarise) }

func summarise(env Env, args []string) error {
	fs := newFlags(env, "summary", "[--json] FILE|-",
		"Summarises the SignalR Service connection events of an Event Grid or CloudEvents payload (\"-\" reads\n"+
			"standard input): per hub and per user, connects, disconnects, disconnects with an error by message,\n"+
			"connections open at the end, shortest and median connection durations, events out of time order.\n"+
			"An invalid payload is still summarised (eventlens check tells what is wrong with it).\n"+
			"Exit status: 0 summarised, 1 not JSON or not events, 2 usage or I/O error.")
	asJSON := fs.Bool("json", false, "print the summary as JSON (every user and every event left out)")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return &usageError{"name one file, or - for standard input", fs.Usage}
	}
	name := files[0]
	src, err := readInput(env, name)
	if err != nil {
		return err
	}
	// The summary needs the tree and the events, not the pretty text or
	// the conversions.
	r := inspect.Validate(src)
	empty := r.Batch && len(r.Events) == 0
	if r.Doc == nil || r.Form == detect.Unknown && !empty {
		msg := "not an event payload (" + r.FormLabel() + ")"
		if len(r.Diagnostics) > 0 {
			msg += ": " + r.Diagnostics[0].Message
		}
		return &problemError{msg: displayName(name) + ": " + msg + "; nothing to summarise", detail: ""}
	}
	s := summary.Of(r)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(newSummaryReport(r, s))
	}
	w := visible{env.Stdout}
	if _, err := w.Write([]byte(displayName(name) + ": " + r.FormLabel() + "\n")); err != nil {
		return err
	}
	return s.WriteText(w)
}
