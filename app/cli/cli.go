// Package cli implements eventlens's command-line subcommands — check,
// convert, diff and filter — over the inspection engine, with compiler-style text
// output, a JSON output for CI pipelines, and distinct exit codes: each
// subcommand returns an error whose type carries its exit code, and run
// (error.go) turns it into the message and the exit status.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"eventlens/app/inspect"
)

// Env is what a subcommand reads and writes.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// parse parses flags that may come before, between or after the positional
// arguments ("check a.json --json" works as well as "check --json a.json");
// "--" ends the flags. It returns the positional arguments, or a
// *usageError without a message (the flag package has printed why), or
// flag.ErrHelp.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{}
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		// fs.Parse stops at the first non-flag (or after "--").
		consumed := len(args) - len(rest)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// newFlags returns a flag set that prints its usage to env.Stderr.
func newFlags(env Env, name, synopsis, about string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: eventlens %s %s\n\n%s\n", name, synopsis, about)
		var flags strings.Builder
		fs.SetOutput(&flags)
		fs.PrintDefaults()
		fs.SetOutput(env.Stderr)
		if flags.Len() > 0 {
			fmt.Fprintf(env.Stderr, "\nflags:\n%s", flags.String())
		}
	}
	return fs
}

// readInput reads a named file, or standard input for "-", refusing input
// larger than the engine's limit without reading all of it. Its errors are
// *ioError.
func readInput(env Env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = env.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, &ioError{fmt.Errorf("cannot read %s: %w", name, unwrapPath(err))}
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, &ioError{fmt.Errorf("cannot read %s: it is a directory; name a .json file", name)}
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, inspect.MaxBytes+1))
	if err != nil {
		return nil, &ioError{fmt.Errorf("cannot read %s: %w", displayName(name), unwrapPath(err))}
	}
	// Larger inputs are refused by the decoder with a located message; the
	// extra byte read above lets it see that the limit was passed.
	return data, nil
}

// stdinOnce refuses a command line that names standard input ("-") more
// than once: it can be read only once.
func stdinOnce(files []string) error {
	seen := false
	for _, name := range files {
		if name == "-" {
			if seen {
				return &usageError{"standard input (-) can be named only once", nil}
			}
			seen = true
		}
	}
	return nil
}

// unwrapPath drops the *PathError wrapper, whose text repeats the name.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// displayName is how a file is named in messages ("<stdin>" for "-").
func displayName(name string) string {
	if name == "-" {
		return "<stdin>"
	}
	return name
}
