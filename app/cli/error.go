package cli

import (
	"errors"
	"flag"
	"fmt"
)

// Exit codes shared by every subcommand. A subcommand returns an error, and
// run maps it to one of these; each error type below carries its own.
const (
	ExitOK      = 0 // valid, converted, or no differences
	ExitProblem = 1 // a payload is invalid, cannot be converted or compared, or the payloads differ
	ExitUsage   = 2 // bad usage, or a file that cannot be read or written
)

// usageError is a command line that cannot be run.
type usageError struct {
	msg   string // what is wrong; "" when the flag package has said it already
	usage func() // prints the subcommand's usage after the message; nil for none
}

func (e *usageError) Error() string { return e.msg }

// ExitCode returns ExitUsage.
func (e *usageError) ExitCode() int { return ExitUsage }

// ioError is a file that cannot be read, or output that cannot be written.
type ioError struct{ err error }

func (e *ioError) Error() string { return e.err.Error() }
func (e *ioError) Unwrap() error { return e.err }

// ExitCode returns ExitUsage.
func (e *ioError) ExitCode() int { return ExitUsage }

// problemError is a problem with the payloads themselves: one is invalid,
// cannot be converted or compared, or the two differ.
type problemError struct {
	msg    string // what is wrong; "" when the findings are printed already
	detail string // printed after msg: the findings behind it, one per block
}

func (e *problemError) Error() string { return e.msg }

// ExitCode returns ExitProblem.
func (e *problemError) ExitCode() int { return ExitProblem }

// reported is an error whose message has been printed already (a
// subcommand that goes on after it, such as check with several files); it
// keeps the error's exit code.
type reported struct{ err error }

func (e *reported) Error() string { return "" }
func (e *reported) Unwrap() error { return e.err }

// run runs a subcommand and turns what it returns into the exit status:
// the one place where errors become messages and exit codes. The
// subcommand writes through outputs that keep the first write error (output
// that cannot be written is exit status 2, with a message), and its
// standard error shows control characters instead of passing them on.
func run(env Env, name string, args []string, cmd func(Env, []string) error) int {
	stdout := &output{w: env.Stdout, what: "standard output"}
	stderr := &output{w: env.Stderr, what: "standard error"}
	env = Env{Stdin: env.Stdin, Stdout: stdout, Stderr: visible{stderr}}
	err := cmd(env, args)
	code := ExitOK
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		report(env, name, err)
		code = exitCode(err)
	}
	if stdout.err != nil {
		if !errors.Is(err, stdout.err) {
			report(env, name, stdout.err)
		}
		code = ExitUsage
	}
	if stderr.err != nil {
		code = ExitUsage // nowhere left to say why
	}
	return code
}

// report prints err as "eventlens NAME: message", then its detail or the
// usage it asks for. An error reported already prints nothing.
func report(env Env, name string, err error) {
	if _, done := err.(*reported); done {
		return
	}
	if msg := err.Error(); msg != "" {
		fmt.Fprintf(env.Stderr, "eventlens %s: %s\n", name, msg)
	}
	var p *problemError
	if errors.As(err, &p) && p.detail != "" {
		fmt.Fprint(env.Stderr, p.detail)
	}
	var u *usageError
	if errors.As(err, &u) && u.usage != nil {
		u.usage()
	}
}

// exitCode returns the exit code err carries; an error of no known kind is
// an I/O error.
func exitCode(err error) int {
	if err == nil {
		return ExitOK
	}
	var c interface{ ExitCode() int }
	if errors.As(err, &c) {
		return c.ExitCode()
	}
	return ExitUsage
}

// worse returns whichever of a and b has the higher exit code (a when they
// tie).
func worse(a, b error) error {
	if exitCode(b) > exitCode(a) {
		return b
	}
	return a
}
