//go:build !wasm

// Command eventlens serves the eventlens web app, exports it as a static site,
// and checks, converts and diffs event payloads from the command line.
//
//	eventlens [serve] [-addr 127.0.0.1:8080]   serve the app (default)
//	eventlens export -out dist [-base /name/]   write the app as a static site
//	eventlens check|convert|diff ...            command-line inspection
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/cli"
	"eventlens/app/ui"
)

// version identifies the build for the service worker; set it with
// -ldflags "-X main.version=...". When empty, it is a content hash of
// everything that ships (web/ with app.wasm, and the generated pages and
// scripts), so clients update exactly when what they run changes.
var version string

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
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
		fmt.Fprintf(fl.Output(), "usage: eventlens serve [-addr host:port]\n\nServes the web app from ./web (build it with `make wasm`).\n\n")
		fl.PrintDefaults()
	}
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "eventlens serve: unexpected argument %q: serve takes only flags (see eventlens serve -h)\n", fl.Arg(0))
		return 2
	}
	h, err := newHandler("web", version)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 2
	}
	logger := log.New(stderr, "", log.LstdFlags)
	srv := &http.Server{
		Handler:           accessLog(h, logger),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          logger,
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v: choose another address with -addr host:port\n", err)
		return 1
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Printf("eventlens %s serving on http://%s/", h.version, ln.Addr())
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	logger.Printf("eventlens: shutting down")
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		fmt.Fprintf(stderr, "eventlens: shutdown: %v\n", err)
		return 1
	}
	return 0
}

// newHandler returns the HTTP handler serving the app from webDir (which
// must hold app.wasm) at the root of the host. An empty version v means a
// content hash of what ships. It fails when the site cannot be built (see
// buildSite), so a broken build never starts serving.
func newHandler(webDir, v string) (*site, error) {
	return buildSite(siteOptions{webDir: webDir, version: v, base: "/", level: serveLevel})
}

// appHandler describes the app to go-app: names, colours, icons, styles,
// what the service worker precaches, and the version.
func appHandler(v string) *app.Handler {
	return &app.Handler{
		Name:            "eventlens",
		ShortName:       "eventlens",
		Title:           "eventlens — Event Grid & CloudEvents inspector",
		Description:     "Validate, convert and diff Azure SignalR Service events in Event Grid and CloudEvents form, in your browser.",
		Lang:            "en",
		BackgroundColor: "#0d1117",
		ThemeColor:      "#1f4e79",
		LoadingLabel:    "Loading eventlens…",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles: []string{"/web/app.css"},
		// go-app does not precache the SVG icon, nor pages other than "/":
		// every route is listed so deep links work offline.
		CacheableResources: append([]string{"/web/icon.svg"}, ui.Paths...),
		Version:            v,
	}
}
