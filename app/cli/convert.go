package cli

import (
	"fmt"
	"strings"

	"eventlens/app/detect"
	"eventlens/app/diag"
	"eventlens/app/inspect"
)

// Convert runs `eventlens convert --to cloudevents|eventgrid FILE|-`: it
// prints the payload in the other form on standard output and lists what
// the conversion renamed, dropped, added or could not carry on standard
// error. It returns ExitOK when converted, ExitProblem when the payload
// cannot be converted, ExitUsage on bad usage or a file that cannot be read.
func Convert(env Env, args []string) int { return run(env, "convert", args, convert) }

func convert(env Env, args []string) error {
	fs := newFlags(env, "convert", "--to cloudevents|eventgrid FILE|-",
		"Converts an Event Grid payload to CloudEvents 1.0, or back (\"-\" reads standard input).\n"+
			"The converted payload goes to standard output; what changed goes to standard error.\n"+
			"Exit status: 0 converted, 1 payload cannot be converted, 2 usage or I/O error.")
	to := fs.String("to", "", "target form: cloudevents or eventgrid")
	quiet := fs.Bool("quiet", false, "do not list the changes on standard error")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	var target detect.Form
	switch *to {
	case "cloudevents", "ce":
		target = detect.CloudEvents
	case "eventgrid", "eg":
		target = detect.EventGrid
	default:
		return &usageError{fmt.Sprintf("--to must be cloudevents or eventgrid, not %q", *to), fs.Usage}
	}
	if len(files) != 1 {
		return &usageError{"name exactly one file, or - for standard input", fs.Usage}
	}
	name := files[0]
	src, err := readInput(env, name)
	if err != nil {
		return err
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
		var errs strings.Builder
		for _, d := range r.Diagnostics {
			if d.Severity == diag.Error {
				writeDiagnostic(&errs, displayName(name), src, d)
			}
		}
		return &problemError{fmt.Sprintf("cannot convert %s to %s: %s", displayName(name), target.Title(), why), errs.String()}
	}
	if _, err := env.Stdout.Write(conv.Text); err != nil {
		return err // the *ioError of env.Stdout
	}
	if *quiet {
		return nil
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
	return nil
}
