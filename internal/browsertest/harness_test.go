//go:build browser

package browsertest

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"eventlens/app/gen"
	"eventlens/internal/site"
	"eventlens/web"
)

// The browser tests drive a real headless Chromium against the real site.
// Run them with `make browser` (go test -tags browser ./internal/browsertest).

// server is the app served on a loopback port.
type server struct {
	URL  string
	Site *site.Site // nil when the server serves something else
	srv  *http.Server
	done chan struct{}
}

// webAssets returns the assets to serve: EVENTLENS_WEB's directory when it
// is set (e.g. one holding an app.wasm built without -s -w), else the ones
// embedded from web/ (with the app.wasm of `make wasm`).
func webAssets() (fs.FS, string) {
	if dir := os.Getenv("EVENTLENS_WEB"); dir != "" {
		return os.DirFS(dir), dir
	}
	return web.FS, "web/ (embedded; run make wasm, then the tests again)"
}

// buildSite builds the app with version v ("" = content hash) under base.
func buildSite(t *testing.T, v, base string) *site.Site {
	t.Helper()
	fsys, name := webAssets()
	s, err := site.Build(site.Options{Web: fsys, WebName: name, Version: v, Base: base, Level: site.ServeLevel})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// startServer serves the app with version v ("" = content hash) on a free
// loopback port until the test ends or Stop is called.
func startServer(t *testing.T, v string) *server {
	t.Helper()
	return startServerOn(t, "127.0.0.1:0", v)
}

// startServerOn serves the app with version v on addr (host:port), so a
// test can stop one version and deploy another on the same origin; it
// waits up to 5 s for the address to be free again.
func startServerOn(t *testing.T, addr, v string) *server {
	t.Helper()
	s := buildSite(t, v, "/")
	var ln net.Listener
	var err error
	for i := 0; ; i++ {
		if ln, err = net.Listen("tcp", addr); err == nil || i == 50 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	srv := serveOn(t, ln, s)
	srv.Site = s
	return srv
}

// serveOn serves h on ln until the test ends or Stop is called.
func serveOn(t *testing.T, ln net.Listener, h http.Handler) *server {
	t.Helper()
	s := &server{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: h}, done: make(chan struct{})}
	go func() {
		defer close(s.done)
		if err := s.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("server: %v", err)
		}
	}()
	t.Cleanup(s.Stop)
	return s
}

// serveLoopback serves h on a free loopback port until the test ends.
func serveLoopback(t *testing.T, h http.Handler) *server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return serveOn(t, ln, h)
}

// Stop closes the server and its connections, so the browser is offline.
func (s *server) Stop() {
	s.srv.Close()
	<-s.done
}

// browser is one headless Chromium with a fresh profile, and what its page
// wrote to the console.
type browser struct {
	t   *testing.T
	ctx context.Context

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

// chromiumFlags are the flags every browser test starts Chromium with: no
// sandbox (tests run as root), and no traffic beyond loopback.
func chromiumFlags(dir string) []chromedp.ExecAllocatorOption {
	path := os.Getenv("CHROMIUM")
	if path == "" {
		path = "/usr/bin/chromium"
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.WindowSize(1280, 900),
	}
	if f := os.Getenv("EVENTLENS_JSFLAGS"); f != "" {
		opts = append(opts, chromedp.Flag("js-flags", f))
	}
	// EVENTLENS_CHROMIUM_LOG names a file that gets Chromium's own output,
	// V8's tracing among it (e.g. EVENTLENS_JSFLAGS=--trace-wasm-lazy-compilation).
	if p := os.Getenv("EVENTLENS_CHROMIUM_LOG"); p != "" {
		f, err := os.Create(p)
		if err == nil {
			opts = append(opts, chromedp.CombinedOutput(f), chromedp.Flag("enable-logging", "stderr"), chromedp.Flag("no-zygote", true))
		}
	}
	return opts
}

// newBrowser starts Chromium for the test and records its console.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), chromiumFlags(t.TempDir())...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx}
	// The first call owns the browser: no timeout on it.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	v, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.userAgent`))
	t.Logf("browser: %s", v)
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

// do runs the actions with a timeout.
func (b *browser) do(timeout time.Duration, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("browser: %v\nconsole:\n%s", err, b.consoleText())
	}
}

// eval evaluates a JavaScript expression and returns its value.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	return evalFor[T](b, 10*time.Second, expr)
}

// evalFor evaluates a JavaScript expression, awaiting its promise for up
// to timeout, and returns its value.
func evalFor[T any](b *browser, timeout time.Duration, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open navigates to url and waits until the wasm app has started.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do(30*time.Second, chromedp.Navigate(url))
	b.waitApp()
}

// waitApp waits until the wasm app runs and its start is over: the server
// prerenders the page, so only data-wasm="ready", set in the browser, says
// the wasm started and takes input; the start goes on for a few browser
// tasks after that (its components' OnMount, cut into tasks), and
// <html data-start-yields> says it is over.
func (b *browser) waitApp() {
	b.t.Helper()
	b.do(45*time.Second, chromedp.WaitReady(chromedp.CSS(`html[data-start-yields] #app[data-wasm="ready"]`)))
}

// runFirst makes src run in every page the browser opens from now on,
// before the page's own scripts.
func (b *browser) runFirst(src string) {
	b.t.Helper()
	b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	}))
}

// compiledIn checks where app.js compiled app.wasm: "worker" (the patched
// loader, internal/site/appjs.go) or "page" (its fallback).
func (b *browser) compiledIn(want string) {
	b.t.Helper()
	if got := eval[string](b, `document.documentElement.dataset.wasmCompiled || ""`); got != want {
		b.t.Errorf("app.wasm compiled in %q, want %q (<html data-wasm-compiled>)", got, want)
	}
}

// countedDownload checks whether the worker counted app.wasm's bytes as they
// arrived (the loading label's progress): on a download from the network,
// not from a controlling service worker's cache (web/wasmload.js).
func (b *browser) countedDownload(want bool) {
	b.t.Helper()
	got := eval[string](b, `String(((performance.getEntriesByName("app.wasm download")[0] || {}).detail || {}).counted)`)
	if got != fmt.Sprint(want) {
		b.t.Errorf("the worker counted app.wasm's bytes: %s, want %v (the \"app.wasm download\" mark's detail.counted)", got, want)
	}
}

// slowCPU makes the page's CPU rate times slower (DevTools' throttling;
// Lighthouse's mobile profile is 4).
func (b *browser) slowCPU(rate float64) {
	b.t.Helper()
	b.do(10*time.Second, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: rate})
		return err
	}))
}

// longTasks lists the long main-thread tasks js/probe.js recorded, each as
// [start, duration] in ms, for a log line.
func longTasks(b *browser) string {
	b.t.Helper()
	return eval[string](b, `JSON.stringify((window.__long || []).map(t => [Math.round(t.start), Math.round(t.dur)]))`)
}

// consoleText returns every console message so far, one a line.
func (b *browser) consoleText() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var sb strings.Builder
	for _, m := range b.console {
		sb.WriteString(m.String())
		sb.WriteByte('\n')
	}
	return sb.String()
}

// consoleErrors returns the console's errors and uncaught exceptions.
func (b *browser) consoleErrors() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	var errs []string
	for _, m := range b.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			e := m.String()
			if m.URL != "" { // a failed load names its resource only here
				e += " (" + m.Source + ": " + m.URL + ")"
			}
			errs = append(errs, e)
		}
	}
	return errs
}

// scripts are the JavaScript the tests run in the page, one function
// expression a file.
//
//go:embed js/*.js
var scripts embed.FS

// call returns a JavaScript expression calling the function of
// js/<name>.js with args, each written as JSON.
func call(name string, args ...any) string {
	src, err := scripts.ReadFile("js/" + name + ".js")
	if err != nil {
		panic("browser tests: no script js/" + name + ".js")
	}
	field, err := scripts.ReadFile("js/field.js")
	if err != nil {
		panic("browser tests: no script js/field.js")
	}
	var sb strings.Builder
	// Every script may call field() (js/field.js).
	sb.WriteString("((field) => (" + strings.TrimSpace(string(src)) + "\n))(" + strings.TrimSpace(string(field)) + ")(")
	for i, a := range args {
		if i > 0 {
			sb.WriteString(", ")
		}
		b, err := json.Marshal(a)
		if err != nil {
			panic(err)
		}
		sb.Write(b)
	}
	sb.WriteString(")")
	return sb.String()
}

// script returns js/<name>.js as it is, for scripts that run themselves.
func script(name string) string {
	src, err := scripts.ReadFile("js/" + name + ".js")
	if err != nil {
		panic("browser tests: no script js/" + name + ".js")
	}
	return string(src)
}

func TestAppStartsInBrowser(t *testing.T) {
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")

	if got := eval[string](b, `document.querySelector("h1").textContent`); got != "eventlens" {
		t.Errorf("title heading = %q, want %q", got, "eventlens")
	}
	if got := eval[bool](b, `document.querySelector("#input") instanceof HTMLTextAreaElement`); !got {
		t.Error("#input is not a textarea")
	}
	if got := eval[string](b, `document.title`); !strings.Contains(got, "eventlens") {
		t.Errorf("document.title = %q", got)
	}
	// Give late errors (e.g. a failing service worker) a moment to surface.
	time.Sleep(500 * time.Millisecond)
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

// batchOfAtLeast returns the smallest generated Event Grid batch (to 50
// events) of at least size bytes, and its number of events.
func batchOfAtLeast(size int) ([]byte, int) {
	n := 1
	for len(gen.Batch(gen.EventGrid, n*2)) < size {
		n *= 2
	}
	for len(gen.Batch(gen.EventGrid, n)) < size {
		n += 50
	}
	return gen.Batch(gen.EventGrid, n), n
}
