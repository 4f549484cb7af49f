package cli

import (
	"fmt"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/inspect"
)

// Convert runs `eventlens convert --to cloudevents|eventgrid FILE|-`: it
// prints the payload in the other form on standard output and lists what
// the conversion renamed, dropped, added or could not carry on standard
// error. It returns ExitOK when converted, ExitProblem when the payload
// cannot be converted, ExitUsage on bad usage or a file that cannot be read.
func Convert(env Env, args []string) int {
	fs := newFlags(env, "convert", "--to cloudevents|eventgrid FILE|-",
		"Converts an Event Grid payload to CloudEvents 1.0, or back (\"-\" reads standard input).\n"+
			"The converted payload goes to standard output; what changed goes to standard error.\n"+
			"Exit status: 0 converted, 1 payload cannot be converted, 2 usage or I/O error.")
	to := fs.String("to", "", "target form: cloudevents or eventgrid")
	quiet := fs.Bool("quiet", false, "do not list the changes on standard error")
	files, err := parse(fs, args)
	if err != nil {
		return helpOrUsage(err)
	}
	var target detect.Form
	switch *to {
	case "cloudevents", "ce":
		target = detect.CloudEvents
	case "eventgrid", "eg":
		target = detect.EventGrid
	default:
		fmt.Fprintf(env.Stderr, "eventlens convert: --to must be cloudevents or eventgrid, not %q\n", *to)
		fs.Usage()
		return ExitUsage
	}
	if len(files) != 1 {
		fmt.Fprintln(env.Stderr, "eventlens convert: name exactly one file, or - for standard input")
		fs.Usage()
		return ExitUsage
	}
	name := files[0]
	src, err := readInput(env, name)
	if err != nil {
		fmt.Fprintf(env.Stderr, "eventlens convert: %v\n", err)
		return ExitUsage
	}
	r := inspect.Inspect(src)
	conv := r.CloudEvents
	if target == detect.EventGrid {
		conv = r.EventGrid
	}
	if conv == nil || conv.Err != "" {
		why := fmt.Sprintf("it is %q, not Event Grid or CloudEvents events", r.Summary())
		if conv != nil {
			why = conv.Err
		}
		fmt.Fprintf(env.Stderr, "eventlens convert: cannot convert %s to %s: %s\n", displayName(name), target.Title(), why)
		for _, d := range r.Diagnostics {
			if d.Severity == diag.Error {
				WriteDiagnostic(env.Stderr, displayName(name), src, d)
			}
		}
		return ExitProblem
	}
	if _, err := env.Stdout.Write(conv.Text); err != nil {
		fmt.Fprintf(env.Stderr, "eventlens convert: %v\n", err)
		return ExitUsage
	}
	if *quiet {
		return ExitOK
	}
	if conv.Native {
		fmt.Fprintf(env.Stderr, "eventlens convert: %s already is %s; printed it unchanged (pretty-printed)\n", displayName(name), target.Title())
	}
	for _, c := range conv.Changes {
		fmt.Fprintf(env.Stderr, "%s: %s\n", displayName(name), c)
	}
	if !r.Valid {
		fmt.Fprintf(env.Stderr, "%s: note: the input has errors (run eventlens check %s)\n", displayName(name), name)
	}
	return ExitOK
}
