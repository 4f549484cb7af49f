package cli

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"eventlens/app/inspect"
	"eventlens/app/jsondiff"
	"eventlens/app/jsontree"
)

// Diff runs `eventlens diff [--semantic] [--patch] A B`: it prints the
// changes that turn payload A into payload B, one a line, or as an RFC 6902
// JSON Patch. It returns ExitOK when they hold the same values (events of a
// batch, matched by id, may be in another order), ExitProblem when they
// differ or a side cannot be compared (it does not parse, or --semantic
// finds no events in it: `eventlens check` fails on it too), ExitUsage on
// bad usage or a file that cannot be read.
func Diff(env Env, args []string) int { return run(env, "diff", args, diff) }

func diff(env Env, args []string) error {
	fs := newFlags(env, "diff", "[--semantic] [--patch] A B",
		"Compares two JSON payloads structurally (objects by key, event batches by id).\n"+
			"--semantic compares them as CloudEvents, so an Event Grid payload equals its CloudEvents twin.\n"+
			"Exit status: 0 no differences, 1 differences or a side that cannot be compared, 2 usage or I/O error.")
	semantic := fs.Bool("semantic", false, "convert both payloads to CloudEvents before comparing")
	patch := fs.Bool("patch", false, "print the differences as an RFC 6902 JSON Patch")
	files, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 2 {
		return &usageError{"name two files (one of them may be - for standard input)", fs.Usage}
	}
	if err := stdinOnce(files); err != nil {
		return err
	}
	var src [2][]byte
	for i, name := range files {
		if src[i], err = readInput(env, name); err != nil {
			return err
		}
	}
	r := inspect.Diff(src[0], src[1], *semantic)
	broken := false
	for i, s := range []inspect.Side{r.Left, r.Right} {
		for _, d := range s.Diagnostics {
			writeDiagnostic(env.Stderr, displayName(files[i]), src[i], d)
			broken = true
		}
	}
	if broken {
		return &problemError{msg: "cannot compare: fix the errors above"}
	}
	if *patch {
		fmt.Fprintf(env.Stdout, "%s\n", bytes.TrimRight(r.Patch, "\n"))
	} else {
		out := visible{env.Stdout}
		for _, c := range r.Changes {
			fmt.Fprintln(out, formatChange(c))
		}
	}
	if !r.Equal {
		return &problemError{}
	}
	if r.Reordered {
		fmt.Fprintln(env.Stderr, "eventlens diff: same events, in another order")
	}
	return nil
}

// formatChange describes one change on a line, e.g.
// `replace /0/eventType: "A" → "B"`.
func formatChange(c jsondiff.Change) string {
	val := func(n *jsontree.Node) string {
		s := string(jsontree.Minify(n))
		if len(s) > 120 {
			cut := 117
			for cut > 0 && !utf8.RuneStart(s[cut]) {
				cut--
			}
			s = s[:cut] + "..."
		}
		return s
	}
	at := func(p string) string {
		if p == "" {
			return "(whole document)"
		}
		return p
	}
	switch c.Op {
	case jsondiff.Add:
		return fmt.Sprintf("add     %s: %s", at(c.Path), val(c.New))
	case jsondiff.Remove:
		return fmt.Sprintf("remove  %s: %s", at(c.OldPath), val(c.Old))
	case jsondiff.Move:
		return fmt.Sprintf("move    %s → %s: %s", at(c.OldPath), at(c.Path), val(c.New))
	default:
		return fmt.Sprintf("replace %s: %s → %s", at(c.Path), val(c.Old), val(c.New))
	}
}
