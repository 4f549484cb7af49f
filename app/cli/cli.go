// Package cli implements eventlens's command-line subcommands — check,
// convert and diff — over the inspection engine, with compiler-style text
// output, a JSON output for CI pipelines, and distinct exit codes.
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

// Exit codes shared by every subcommand.
const (
	ExitOK      = 0 // valid, converted, or no differences
	ExitProblem = 1 // invalid payload, or differences found
	ExitUsage   = 2 // usage error, or a file that cannot be read
)

// Env is what a subcommand reads and writes.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

// Std returns the process's standard streams.
func Std() Env { return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr} }

// errUsage marks an error already reported by the flag package.
var errUsage = errors.New("usage")

// parse parses flags that may come before, between or after the positional
// arguments ("check a.json --json" works as well as "check --json a.json");
// "--" ends the flags. It returns the positional arguments, or errUsage
// (after the flag package has printed why), or flag.ErrHelp.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, errUsage
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

// helpOrUsage turns a parse error into an exit code: -h is not an error.
func helpOrUsage(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return ExitOK
	}
	return ExitUsage
}

// readInput reads a named file, or standard input for "-", refusing input
// larger than the engine's limit without reading all of it.
func readInput(env Env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = env.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", name, unwrapPath(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, fmt.Errorf("cannot read %s: it is a directory; name a .json file", name)
		}
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, inspect.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", displayName(name), unwrapPath(err))
	}
	// Larger inputs are refused by the decoder with a located message; the
	// extra byte read above lets it see that the limit was passed.
	return data, nil
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
