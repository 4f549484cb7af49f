package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"eventlens/app/diag"
	"eventlens/app/filter"
	"eventlens/app/inspect"
)

// FilterReport is the --json output of `eventlens filter`: whether Azure
// would accept the filter, its diagnostics (as `check --json` writes them),
// and each event's verdict.
type FilterReport struct {
	Valid       bool              `json:"valid"`
	Diagnostics []diag.Diagnostic `json:"diagnostics"` // never null
	Events      []EventVerdict    `json:"events"`      // never null
}

// EventVerdict is one event's verdict in a FilterReport.
type EventVerdict struct {
	Index     int      `json:"index"`
	ID        string   `json:"id"`
	Delivered bool     `json:"delivered"`
	Reasons   []string `json:"reasons"` // clause by clause; the last one decided
}

// Filter runs `eventlens filter [--json] --filter FILTER.json PAYLOAD|-`:
// it checks an event subscription's filter and tells for each event of the
// payload whether the subscription delivers it, and why. It returns ExitOK
// when the filter is valid and every event is delivered, ExitProblem when an
// event is filtered out or the filter is invalid, ExitUsage on bad usage or
// a file that cannot be read.
func Filter(env Env, args []string) int { return run(env, "filter", args, filterCmd) }

func filterCmd(env Env, args []string) error {
	fs := newFlags(env, "filter", "[--json] --filter FILTER.json PAYLOAD|-",
		"Tells which events of a payload an Event Grid subscription's filter delivers, and which clause decides.\n"+
			"FILTER.json is the subscription's filter object, or the whole subscription as\n"+
			"`az eventgrid event-subscription show` prints it (\"-\" reads standard input, for one of the two).\n"+
			"Exit status: 0 filter valid and every event delivered, 1 an event filtered out or the filter invalid,\n"+
			"2 usage or I/O error.")
	asJSON := fs.Bool("json", false, "print one JSON report: {valid, diagnostics, events: [{index, id, delivered, reasons}]}")
	filterFile := fs.String("filter", "", "the subscription filter (or subscription) JSON file")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *filterFile == "" {
		return &usageError{"name the filter with --filter FILTER.json", fs.Usage}
	}
	if len(files) != 1 {
		return &usageError{"name exactly one payload file, or - for standard input", fs.Usage}
	}
	if err := stdinOnce([]string{*filterFile, files[0]}); err != nil {
		return err
	}
	fsrc, err := readInput(env, *filterFile)
	if err != nil {
		return err
	}
	name := files[0]
	src, err := readInput(env, name)
	if err != nil {
		return err
	}
	f := filter.Parse(fsrc)
	r := inspect.Inspect(src)
	if r.Doc == nil {
		var errs strings.Builder
		for _, d := range r.Diagnostics {
			writeDiagnostic(&errs, displayName(name), src, d)
		}
		return &problemError{"the payload cannot be decoded, so no event can be filtered", errs.String()}
	}
	res := f.Apply(r.Doc.Root)
	var verdict error
	if !f.Valid() || res.Filtered > 0 {
		verdict = &problemError{}
	}
	if *asJSON {
		rep := FilterReport{Valid: f.Valid(), Diagnostics: f.Diagnostics, Events: make([]EventVerdict, len(res.Verdicts))}
		if rep.Diagnostics == nil {
			rep.Diagnostics = []diag.Diagnostic{}
		}
		for i, v := range res.Verdicts {
			rep.Events[i] = EventVerdict{Index: v.Index, ID: v.ID, Delivered: v.Delivered, Reasons: v.Reasons}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err // the *ioError of env.Stdout
		}
		return verdict
	}
	writeFilterText(visible{env.Stdout}, displayName(*filterFile), fsrc, displayName(name), f, res)
	return verdict
}

// writeFilterText prints the filter's diagnostics like check does, then
// one block per event: its verdict and the reasons, clause by clause.
func writeFilterText(w io.Writer, filterName string, fsrc []byte, name string, f *filter.Filter, res *filter.Result) {
	for _, d := range f.Diagnostics {
		writeDiagnostic(w, filterName, fsrc, d)
	}
	if !f.Valid() {
		fmt.Fprintf(w, "%s: the filter is invalid, so Azure refuses the subscription; the verdicts below use the clauses that could be read\n", filterName)
	}
	for _, v := range res.Verdicts {
		id := ""
		if v.ID != "" {
			id = fmt.Sprintf(" (id %q)", v.ID)
		}
		state := "delivered"
		if !v.Delivered {
			state = "filtered out by " + v.Clause
		}
		fmt.Fprintf(w, "%s: event #%d%s: %s\n", name, v.Index, id, state)
		for _, reason := range v.Reasons {
			fmt.Fprintf(w, "    %s\n", reason)
		}
	}
	fmt.Fprintf(w, "%s: %s\n", name, res.Summary())
}
