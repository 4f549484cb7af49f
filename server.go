//go:build !wasm

// Command eventlens serves the eventlens web app, exports it as a static site,
// and checks, converts and diffs event payloads from the command line.
//
//	eventlens [serve] [-addr 127.0.0.1:8080]   serve the app (default)
//	eventlens export -out dist [-base /name/]   write the app as a static site
//	eventlens check|convert|diff|filter|summary  command-line inspection
//	eventlens send -to URL FILE                 deliver events as Event Grid does
//
// This package is flags and subcommand dispatch only: the site (pages, CSP,
// service worker, compression, HTTP handler, static export) is
// internal/site, the assets are web/ (embedded, so the binary serves from
// any directory), and the command-line inspection is app/cli.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"eventlens/app/cli"
	"eventlens/app/vocab"
	"eventlens/internal/receive"
	"eventlens/internal/site"
	"eventlens/web"
)

// version identifies the build for the service worker; set it with
// -ldflags "-X main.version=...". When empty, it is a content hash of
// everything that ships (web/ with app.wasm, and the generated pages and
// scripts), so clients update exactly when what they run changes.
var version string

func main() {
	limitMemory()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// limitMemory sets the runtime's soft memory limit to vocab.MemoryLimit,
// unless GOMEMLIMIT sets one.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(vocab.MemoryLimit)
	}
}

// run dispatches a subcommand and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 && args[0] != "" && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(args, stderr)
	case "export":
		return export(args, stdout, stderr)
	case "check":
		return cli.Check(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "convert":
		return cli.Convert(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "diff":
		return cli.Diff(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "send":
		return cli.Send(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "filter":
		return cli.Filter(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "summary":
		return cli.Summary(cli.Env{Stdin: os.Stdin, Stdout: stdout, Stderr: stderr}, args)
	case "help", "-h", "--help":
		usage(stdout)
		return 0
	default:
		fmt.Fprintf(stderr, "eventlens: unknown command %q\n", cmd)
		usage(stderr)
		return 2
	}
}

func usage(w io.Writer) {
	fmt.Fprint(w, `usage: eventlens <command> [flags]

commands:
  serve     serve the web app (default)
  export    write the web app as a static site: eventlens export -out dist [-base /name/]
  check     validate payloads: eventlens check [--json] FILE...|-
  convert   convert between forms: eventlens convert --to cloudevents|eventgrid FILE|-
  diff      compare two payloads: eventlens diff [--semantic] [--patch] A B
  send      deliver events to an endpoint as Event Grid does: eventlens send -to URL FILE
  filter    which events a subscription filter delivers: eventlens filter [--json] --filter FILTER.json PAYLOAD|-
  summary   SignalR connections per hub and user: eventlens summary [--json] FILE|-
  help      show this help

Run "eventlens <command> -h" for a command's flags.
`)
}

// serve runs the HTTP server until SIGINT or SIGTERM, then lets requests in
// flight finish.
func serve(args []string, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return serveUntil(ctx, args, stderr)
}

// serveUntil runs the HTTP server until ctx is done, then shuts it down
// gracefully, and returns the exit code.
func serveUntil(ctx context.Context, args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), "usage: eventlens serve [-addr host:port] [-receive host:port [-receive-key KEY]] [-web dir]\n\nServes the web app from the assets built into the binary (web/, with app.wasm from `make wasm`).\nWith -receive, also runs the live receiver (see docs/RECEIVE.md).\n\n")
		fl.PrintDefaults()
	}
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	receiveAddr := fl.String("receive", "", "also run the live receiver: an Event Grid and CloudEvents webhook (POST/OPTIONS /api/events) on this address (host:port), the one a tunnel exposes; the page's Live view shows what it receives")
	receiveKey := fl.String("receive-key", "", "the key the webhook requires as ?key= (default: a random one, printed at start-up)")
	webDir := webFlag(fl)
	if code, ok := parseFlags(fl, args, "serve takes only flags (see eventlens serve -h)"); !ok {
		return code
	}
	if *receiveKey != "" && *receiveAddr == "" {
		fmt.Fprintf(stderr, "eventlens serve: -receive-key needs -receive host:port, the receiver's address\n")
		return 2
	}
	opts := siteOptions(*webDir, "/", site.ServeLevel)
	var rc *receive.Receiver
	if *receiveAddr != "" {
		var err error
		if rc, err = receive.New(receive.Options{Key: *receiveKey}); err != nil {
			fmt.Fprintf(stderr, "eventlens: %v\n", err)
			return 1
		}
		opts.API = rc.Live()
	}
	s, err := site.Build(opts)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v: choose another address with -addr host:port\n", err)
		return 1
	}
	logger := log.New(stderr, "", log.LstdFlags)
	var rln net.Listener
	if rc != nil {
		if rln, err = net.Listen("tcp", *receiveAddr); err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "eventlens: %v: choose another address with -receive host:port\n", err)
			return 1
		}
	}
	logger.Printf("eventlens %s serving on http://%s/", s.Version(), ln.Addr())
	if rc == nil {
		if err := site.Serve(ctx, ln, s, logger); err != nil {
			fmt.Fprintf(stderr, "eventlens: %v\n", err)
			return 1
		}
		return 0
	}
	logger.Printf("eventlens receiver: webhook %s (give this URL, through your tunnel, to the Event Grid subscription; keep the key secret)", rc.WebhookURL(rln.Addr().String()))
	logger.Printf("eventlens receiver: deliveries appear in the page's Live view: http://%s/ (Live button)", ln.Addr())
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() { <-ctx.Done(); rc.Close() }()
	rerr := make(chan error, 1)
	go func() { rerr <- receive.Serve(ctx, rln, site.AccessLog(rc, logger), logger) }()
	err = site.Serve(ctx, ln, s, logger)
	cancel()
	if err2 := <-rerr; err == nil {
		err = err2
	}
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 1
	}
	return 0
}

// export writes the app as a static site (eventlens export -out dir
// [-base /name/]) and returns the exit code.
func export(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), `usage: eventlens export -out dir [-base /name/] [-web dir]

Writes the web app as a static site: pages, app.js, the service worker, the
manifest, wasm_exec.js and web/ with app.wasm, plus .gz and .br copies for
hosts that serve precompressed files. The assets come from the binary, so
build web/app.wasm before the binary (make build does).

`)
		fl.PrintDefaults()
	}
	out := fl.String("out", "dist", "directory to write the site to; it must not exist or be empty")
	base := fl.String("base", "/", "URL path the site is served under, e.g. /eventlens/ for https://user.github.io/eventlens/")
	webDir := webFlag(fl)
	if code, ok := parseFlags(fl, args, "give the directory with -out DIR"); !ok {
		return code
	}
	s, err := site.Build(siteOptions(*webDir, *base, site.ExportLevel))
	if err != nil {
		fmt.Fprintf(stderr, "eventlens export: %v\n", err)
		return 1
	}
	n, err := s.Export(*out)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "eventlens %s: wrote %d files to %s for %s\n", s.Version(), n, *out, s.Base())
	return 0
}

// webFlag adds -web, a directory to take the assets from instead of the
// binary's own.
func webFlag(fl *flag.FlagSet) *string {
	return fl.String("web", "", "take app.wasm and the static assets from this directory instead of the ones built into the binary")
}

// siteOptions says what to build: the assets of webDir, or the embedded
// ones when it is empty.
func siteOptions(webDir, base string, level site.Level) site.Options {
	o := site.Options{Web: web.FS, WebName: "the web/ built into eventlens", Version: version, Base: base, Level: level}
	if webDir != "" {
		o.Web, o.WebName = os.DirFS(webDir), webDir
	}
	return o
}

// parseFlags parses the flags of a subcommand that takes no arguments. When
// the command should not run, ok is false and code is its exit code: 0 after
// -h, 2 after a flag error or an argument (reported with advice).
func parseFlags(fl *flag.FlagSet, args []string, advice string) (code int, ok bool) {
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(fl.Output(), "eventlens %s: unexpected argument %q: %s\n", fl.Name(), fl.Arg(0), advice)
		return 2, false
	}
	return 0, true
}
