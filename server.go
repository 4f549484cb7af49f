//go:build !wasm

// Command eventlens serves the eventlens web app, exports it as a static site,
// and checks, converts and diffs event payloads from the command line.
//
//	eventlens [serve] [-addr 127.0.0.1:8080]   serve the app (default)
//	eventlens check|convert|diff ...            command-line inspection
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/cli"
	"eventlens/app/ui"
)

// version identifies the build for the service worker; set it with
// -ldflags "-X main.version=...". When empty, it is a hash of web/.
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
  check     validate payloads: eventlens check [--json] FILE...|-
  convert   convert between forms: eventlens convert --to cloudevents|eventgrid FILE|-
  diff      compare two payloads: eventlens diff [--semantic] [--patch] A B
  help      show this help

Run "eventlens <command> -h" for a command's flags.
`)
}

// serve runs the HTTP server until SIGINT or SIGTERM.
func serve(args []string, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (host:port)")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	h, err := newHandler("web", version)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 2
	}
	srv := &http.Server{
		Addr:              *addr,
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.ListenAndServe() }()
	log.Printf("eventlens serving on http://%s/", *addr)
	select {
	case err := <-errc:
		fmt.Fprintf(stderr, "eventlens: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		fmt.Fprintf(stderr, "eventlens: shutdown: %v\n", err)
		return 1
	}
	return 0
}

// newHandler returns the HTTP handler serving the app; webDir must be
// "web" under the working directory, where go-app looks for it. An empty
// version v means a content hash of webDir.
func newHandler(webDir, v string) (http.Handler, error) {
	if _, err := os.Stat(filepath.Join(webDir, "app.wasm")); err != nil {
		return nil, fmt.Errorf("%s/app.wasm not found: build it with `make wasm` (or run `make run`)", webDir)
	}
	if v == "" {
		var err error
		if v, err = hashDir(webDir); err != nil {
			return nil, err
		}
	}
	ui.Routes()
	h := appHandler(v)
	h.Resources = app.LocalDir("") // serves ./web/ from the working directory
	return h, nil
}

// appHandler describes the app: names, icons, styles and version.
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
		Styles:             []string{"/web/app.css"},
		CacheableResources: []string{"/web/icon.svg"},
		Version:            v,
	}
}

// hashDir returns a short content hash of every regular file under dir, so
// the service worker updates exactly when what ships changes.
func hashDir(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	sum := sha256.New()
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(sum, "%s\x00", filepath.ToSlash(rel))
		_, err = io.Copy(sum, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(sum.Sum(nil))[:16], nil
}
