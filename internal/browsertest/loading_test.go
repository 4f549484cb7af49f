//go:build browser

package browsertest

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// gatedWasm serves h, but holds every response for app.wasm after its first
// n bytes until open is called, so that a test sees the page mid-load
// without depending on timing.
type gatedWasm struct {
	h    http.Handler
	n    int
	gate chan struct{}
	once sync.Once
	held chan struct{} // closed when a response first reaches the gate
	hold sync.Once
}

func (g *gatedWasm) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/web/app.wasm" {
		g.h.ServeHTTP(w, r)
		return
	}
	g.h.ServeHTTP(&gatedWriter{ResponseWriter: w, g: g, left: g.n}, r)
}

// open lets every held response go on.
func (g *gatedWasm) open() { g.once.Do(func() { close(g.gate) }) }

// gatedWriter writes the first left bytes of a body, flushes them, and
// waits at the gate before writing the rest.
type gatedWriter struct {
	http.ResponseWriter
	g    *gatedWasm
	left int
}

func (w *gatedWriter) Write(p []byte) (int, error) {
	if w.left < 0 || len(p) < w.left {
		w.left -= len(p)
		return w.ResponseWriter.Write(p)
	}
	n, err := w.ResponseWriter.Write(p[:w.left])
	if err != nil {
		return n, err
	}
	if err := http.NewResponseController(w.ResponseWriter).Flush(); err != nil {
		return n, err
	}
	w.g.hold.Do(func() { close(w.g.held) })
	<-w.g.gate
	w.left = -1
	m, err := w.ResponseWriter.Write(p[n:])
	return n + m, err
}

// gatedPage serves h with app.wasm held after its first 256 KiB
// (gatedWasm), opens the app in a new browser, and returns once the
// browser is waiting at the gate.
func gatedPage(t *testing.T, h http.Handler) (*browser, *gatedWasm) {
	t.Helper()
	g := &gatedWasm{h: h, n: 256 << 10, gate: make(chan struct{}), held: make(chan struct{})}
	t.Cleanup(g.open) // never leave a handler waiting
	srv := serveLoopback(t, g)
	b := newBrowser(t)
	b.do(30*time.Second, chromedp.Navigate(srv.URL+"/"))
	select {
	case <-g.held:
	case <-time.After(30 * time.Second):
		t.Fatal("the browser did not ask for app.wasm within 30 s")
	}
	return b, g
}

// progressLabel is the loader's label with a share strictly between 0 and
// 100 %: some of app.wasm received, not all, and counted against the size
// the browser decodes (a share of the compressed size would pass 100 %).
var progressLabel = regexp.MustCompile(`^Loading eventlens… ([1-9][0-9]?)%$`)

// TestLoadingShowsProgress holds app.wasm's response part way and checks
// that meanwhile the loader shows how much has arrived and the prerendered
// page stays readable, then lets it finish and checks the app starts, the
// loader goes, app.wasm was compiled in a worker, and it crossed the
// network once.
func TestLoadingShowsProgress(t *testing.T) {
	s := buildSite(t, "", "/")
	count := &countWasm{h: s}
	b, g := gatedPage(t, count)
	waitJS(b, 30*time.Second, `/^Loading eventlens… [1-9][0-9]?%$/.test((document.querySelector("#app-wasm-loader-label")||{}).textContent||"")`)
	st := eval[loadingState](b, call("loading_state"))
	if !progressLabel.MatchString(st.Label) {
		t.Errorf("loader label while app.wasm is held = %q, want a share between 1 and 99 %%", st.Label)
	}
	if st.Ready {
		t.Error("the app reports it runs while app.wasm is still loading")
	}
	if !st.Heading || !st.Tagline {
		t.Errorf("while app.wasm loads, the prerendered heading visible = %v, tagline visible = %v; want both (the loader must not cover the page)", st.Heading, st.Tagline)
	}
	// The service worker registers once app.wasm is in: its precache's
	// downloads would share the link with app.wasm's.
	if count.worker.Load() {
		t.Error("the service worker was registered while app.wasm was still loading")
	}

	g.open()
	b.waitApp()
	waitJS(b, 10*time.Second, `document.querySelector("#app-wasm-loader") === null`)
	// The share shown came from the worker that compiled app.wasm.
	b.compiledIn("worker")
	b.countedDownload(true)

	// The service worker installed meanwhile; its precache revalidates
	// app.wasm rather than download it a second time beside the page.
	b.waitCached(s.Version(), precacheCount(t, s))
	if n := count.n.Load(); n != 1 {
		t.Errorf("a first visit had app.wasm sent in full %d times, want once (the service worker's precache should revalidate the page's copy: cache \"no-cache\" in internal/site/worker.go)", n)
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%v", errs)
	}
}

// loadingState is js/loading_state.js's answer.
type loadingState struct {
	Label   string `json:"label"`
	Ready   bool   `json:"ready"`
	Heading bool   `json:"heading"`
	Tagline bool   `json:"tagline"`
}

// TestTypedWhileLoadingIsKept types into the prerendered page's editors
// while app.wasm is held: the payload and the filter typed there are what
// the app shows and inspects once it runs (go-app's first drawing replaces
// those elements), and the draft they took the place of comes back with
// Undo.
func TestTypedWhileLoadingIsKept(t *testing.T) {
	b, g := gatedPage(t, buildSite(t, "", "/"))
	const draft = `{"kept": "the draft of the last visit"}`
	const payload = `{"typed": "while loading"}`
	const filter = `{"includedEventTypes": ["Microsoft.SignalRService.ClientConnectionConnected"]}`
	eval[bool](b, `(localStorage.setItem("eventlens.draft", `+js(draft)+`), true)`)
	b.do(10*time.Second,
		chromedp.SendKeys(chromedp.CSS("#input"), payload),
		chromedp.SetValue(chromedp.CSS("#filter-input"), filter))
	if eval[bool](b, `document.querySelector("#app").dataset.wasm === "ready"`) {
		t.Fatal("the app runs while app.wasm is held")
	}
	g.open()
	b.waitApp()
	waitInspected(b, payload)
	if got := inputValue(b); got != payload {
		t.Errorf("the editor holds %q, want what was typed while loading, %q", got, payload)
	}
	if got := eval[string](b, `document.querySelector("#filter-input").value`); got != filter {
		t.Errorf("the filter editor holds %q, want what was typed while loading", got)
	}
	if got := undoLabel(b); got != restoreLabel {
		t.Fatalf("Undo is %q, want %q (the draft the typed text took the place of)", got, restoreLabel)
	}
	click(b, "#undo-clear")
	waitInspected(b, draft)
	if got := inputValue(b); got != draft {
		t.Errorf("Undo brought back %q, want the draft %q", got, draft)
	}
}

// startSlices is js/start_slices.js's record of a start.
type startSlices struct {
	Yields               int  `json:"yields"`
	TypedIntoPrerendered bool `json:"typedIntoPrerendered"`
	YieldsBeforeSwap     int  `json:"yieldsBeforeSwap"`
	Swaps                []struct {
		Input, Filter, Tabs bool
		Elements            int
	} `json:"swaps"`
	ReadOnlyAfterSwap []bool   `json:"readOnlyAfterSwap"`
	ReadyAfterSwap    []bool   `json:"readyAfterSwap"`
	TextAfterSwap     []string `json:"textAfterSwap"`
	Frames            []int    `json:"frames"`
}

// mostYieldsInAFrame returns the most yields made from the beginning of
// one frame of the start to the beginning of the next (or the start's end).
func (r startSlices) mostYieldsInAFrame() int {
	most := 0
	for i, at := range r.Frames {
		end := r.Yields
		if i+1 < len(r.Frames) {
			end = r.Frames[i+1]
		}
		most = max(most, end-at)
	}
	return most
}

// TestStartIsSliced makes the app's start yield to the browser wherever it
// can (a slice of 0 ms: third_party/go-app/pkg/app/slice.go), which gives
// the same yields on every machine, and checks what the page is like at
// each: the first drawing is cut into many tasks while the prerendered
// page stays in place; the drawn page takes its place once, whole; until
// the app is set up its editors take no input and it does not say it is
// ready, also while the frame after the OnMount calls updates the page in
// many tasks; text typed into the prerendered editor as the drawing begins
// never leaves the page, and is what the app shows and inspects;
// and the page counts the yields when the start is over.
func TestStartIsSliced(t *testing.T) {
	srv := serveLoopback(t, buildSite(t, "", "/"))
	b := newBrowser(t)
	b.runFirst(script("start_slices"))
	b.do(30*time.Second, chromedp.Navigate(srv.URL+"/"))
	b.waitApp()
	typed := eval[string](b, `window.eventlensStartTest.typed`)
	waitInspected(b, typed)
	r := eval[startSlices](b, `window.eventlensStartTest.report()`)
	t.Logf("start: %d yields, %d of them before the drawn page took the prerendered one's place; frames began after yields %v", r.Yields, r.YieldsBeforeSwap, r.Frames)
	// The Inspector's first drawing mounts well over a hundred nodes.
	if r.YieldsBeforeSwap < 50 {
		t.Errorf("the first drawing yielded %d times before the page took its place, want at least 50 (one per node mounted)", r.YieldsBeforeSwap)
	}
	// The frame after the OnMount calls updates the whole Inspector.
	if most := r.mostYieldsInAFrame(); most < 50 {
		t.Errorf("the start's frames yielded at most %d times each (frames began after yields %v of %d), want at least 50 in the one that updates the Inspector (one per node updated)", most, r.Frames, r.Yields)
	}
	if got := eval[string](b, `document.documentElement.dataset.startYields`); got != strconv.Itoa(r.Yields) {
		t.Errorf("<html data-start-yields> = %q, want %d, the yields seen", got, r.Yields)
	}
	if len(r.Swaps) != 1 {
		t.Fatalf("the drawn page was put in place %d times, want once: %+v", len(r.Swaps), r.Swaps)
	}
	if sw := r.Swaps[0]; !sw.Input || !sw.Filter || !sw.Tabs {
		t.Errorf("the drawn page was put in place half built: editor %v, filter %v, tabs %v (%d elements)", sw.Input, sw.Filter, sw.Tabs, sw.Elements)
	}
	if !r.TypedIntoPrerendered {
		t.Fatal("the start did not yield while the prerendered page was in place: nothing was typed")
	}
	if len(r.ReadOnlyAfterSwap) == 0 {
		t.Fatal("no yield between the drawn page's arrival and the end of the start: the page between the two is not checked")
	}
	// The first yields after the page is in place come before the
	// Inspector's OnMount: the editors are read only and the page does not
	// say it is ready.
	if !r.ReadOnlyAfterSwap[0] || r.ReadyAfterSwap[0] {
		t.Errorf("at the first yield after the drawn page took its place: editors read only %v, page ready %v; want read only and not ready", r.ReadOnlyAfterSwap[0], r.ReadyAfterSwap[0])
	}
	for i, ro := range r.ReadOnlyAfterSwap {
		if r.ReadyAfterSwap[i] && ro {
			t.Errorf("yield %d after the page took its place: the page says it is ready while its editors are read only", i+1)
		}
		if r.TextAfterSwap[i] != typed {
			t.Errorf("yield %d after the page took its place: the editor shows %q, want the text typed into the prerendered page, %q", i+1, r.TextAfterSwap[i], typed)
		}
	}
	if got := inputValue(b); got != typed {
		t.Errorf("the editor holds %q, want what was typed into the prerendered page during the drawing, %q", got, typed)
	}
	if ro := eval[bool](b, `document.querySelector("#input").readOnly || document.querySelector("#filter-input").readOnly`); ro {
		t.Error("an editor is still read only once the app is ready")
	}
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%v", errs)
	}
}

// TestStartReadsOnlyItsOwnStorage stores a value of another app's under
// the page's origin and starts the app: the start reads eventlens's own
// keys from localStorage, and never that value. (go-app's engine read and
// JSON-decoded every stored value as it started, to drop expired
// persisted states: eventlens persists none, and its own drafts, up to
// megabytes, are stored there, so that one task grew with them.)
func TestStartReadsOnlyItsOwnStorage(t *testing.T) {
	srv := serveLoopback(t, buildSite(t, "", "/"))
	b := newBrowser(t)
	b.runFirst(`(() => {
		window.storageRead = [];
		const get = Storage.prototype.getItem;
		Storage.prototype.getItem = function (key) {
			window.storageRead.push(String(key));
			return get.call(this, key);
		};
	})();`)
	b.open(srv.URL + "/")
	if !eval[bool](b, `(localStorage.setItem("another-app", JSON.stringify({Value: "x".repeat(1000)})), true)`) {
		t.Fatal("could not store a value")
	}
	b.open(srv.URL + "/")
	read := eval[[]string](b, `window.storageRead`)
	if len(read) == 0 {
		t.Fatal("the start read nothing from localStorage: the draft is not restored, or getItem is not what the page calls")
	}
	for _, k := range read {
		if !strings.HasPrefix(k, "eventlens.") {
			t.Errorf("the start read localStorage's %q, which is not eventlens's (keys read: %v)", k, read)
		}
	}
}

// TestStorageOpensBeforeGoStarts: the page uses localStorage while app.wasm
// downloads, before it instantiates the module, so that the start does not
// wait for the browser to open the origin's storage (eventlensOpenStorage).
func TestStorageOpensBeforeGoStarts(t *testing.T) {
	srv := serveLoopback(t, buildSite(t, "", "/"))
	b := newBrowser(t)
	b.runFirst(`(() => {
		window.startOrder = [];
		const seen = (what) => { if (!window.startOrder.includes(what)) window.startOrder.push(what); };
		const length = Object.getOwnPropertyDescriptor(Storage.prototype, "length");
		Object.defineProperty(Storage.prototype, "length", { configurable: true, get() { seen("storage"); return length.get.call(this); } });
		const get = Storage.prototype.getItem;
		Storage.prototype.getItem = function (key) { seen("storage"); return get.call(this, key); };
		const instantiate = WebAssembly.instantiate;
		WebAssembly.instantiate = function (...args) { seen("instantiate"); return instantiate.apply(this, args); };
	})();`)
	b.open(srv.URL + "/")
	b.compiledIn("worker")
	order := eval[[]string](b, `window.startOrder`)
	if want := []string{"storage", "instantiate"}; !slices.Equal(order, want) {
		t.Errorf("the page first used localStorage and WebAssembly.instantiate in the order %v, want %v", order, want)
	}
}

// TestLoadsWithoutAWorker opens the app where app.wasm cannot be compiled
// in a worker: the browser has no Worker, the worker's script is not
// served, or the worker answers something else than a compiled module.
// app.js then compiles app.wasm in the page, as go-app does, and the app
// runs and inspects.
func TestLoadsWithoutAWorker(t *testing.T) {
	s := buildSite(t, "", "/")
	cases := []struct {
		name  string
		first string // run before the page's scripts
		gone  bool   // web/wasmload.js answers 404
	}{
		{name: "no Worker", first: `delete window.Worker;`},
		{name: "worker script missing", gone: true},
		{name: "worker answers no module", first: `window.Worker = class {
			constructor() { queueMicrotask(() => this.onmessage({ data: { module: {} } })); }
			terminate() {}
		};`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var h http.Handler = s
			if c.gone {
				h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if r.URL.Path == "/web/wasmload.js" {
						http.NotFound(w, r)
						return
					}
					s.ServeHTTP(w, r)
				})
			}
			srv := serveLoopback(t, h)
			b := newBrowser(t)
			if c.first != "" {
				b.runFirst(c.first)
			}
			b.open(srv.URL + "/")
			b.compiledIn("page")
			b.inspect(signalrPayload)
			if !strings.Contains(b.consoleText(), "compiling app.wasm in a worker failed") {
				t.Error("the fallback to compiling in the page left no warning in the console")
			}
			for _, e := range b.consoleErrors() {
				if !c.gone || !strings.Contains(e, "wasmload.js") {
					t.Errorf("console error: %s", e)
				}
			}
		})
	}
}

// TestGoStartWarmedUpInTheWorker checks the warm-up of Go's start in the
// worker that compiles app.wasm (web/wasmload.js) and the cuts of Go's
// start (internal/initcut). When it runs, the worker says "done" and the
// page's start is cut after each cut's package, in order. When it cannot
// (wasm_exec.js does not load, or Go's start there never ends), the page
// still gets the module, compiled in the worker, says why, and works.
func TestGoStartWarmedUpInTheWorker(t *testing.T) {
	s := buildSite(t, "", "/")
	// hang.js is wasm_exec.js with a Go whose run never ends.
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang.js" {
			w.Header().Set("Content-Type", "text/javascript")
			fmt.Fprint(w, `importScripts("/wasm_exec.js");
const RealGo = Go;
self.Go = class extends RealGo { run() { return new Promise(() => {}); } };`)
			return
		}
		s.ServeHTTP(w, r)
	})
	cases := []struct {
		name   string
		exec   string // window.eventlensStartTest.exec, the script the worker loads
		want   string // <html data-wasm-warm-up>'s start
		errors string // console errors expected, by what they name
	}{
		{name: "warmed up", want: "done"},
		{name: "wasm_exec.js missing", exec: "/no-such-script.js", want: "failed: ", errors: "no-such-script.js"},
		{name: "Go's start never ends", exec: "/hang.js", want: "timed out"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := serveLoopback(t, h)
			b := newBrowser(t)
			if c.exec != "" {
				b.runFirst(`window.eventlensStartTest = { exec: "` + c.exec + `" };`)
			}
			b.open(srv.URL + "/")
			b.compiledIn("worker")
			if got := eval[string](b, `document.documentElement.dataset.wasmWarmUp || ""`); !strings.HasPrefix(got, c.want) {
				t.Errorf("<html data-wasm-warm-up> = %q, want %q", got, c.want)
			}
			want := "syscall/js unicode eventlens/app/vocab eventlens/app/lint"
			if got := eval[string](b, `document.documentElement.dataset.initCuts || ""`); got != want {
				t.Errorf("Go's start was cut after %q, want %q (<html data-init-cuts>)", got, want)
			}
			b.inspect(signalrPayload)
			for _, e := range b.consoleErrors() {
				if c.errors == "" || !strings.Contains(e, c.errors) {
					t.Errorf("console error: %s", e)
				}
			}
		})
	}
}

// TestWarmupOnFirstReach checks the engine's warm-up (Inspector.warm): the
// page's start does not run it, the first press into the page does, it
// ends with data-engine="warm", and the page then inspects as it should.
func TestWarmupOnFirstReach(t *testing.T) {
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")
	settle(b)
	if got := eval[string](b, `document.querySelector("#app").dataset.engine || ""`); got != "" {
		t.Errorf("data-engine = %q before any press: the start-up warmed the engine itself", got)
	}
	evalFor[bool](b, 30*time.Second, call("click_into_editor"))
	b.inspect(signalrPayload)
	if errs := b.consoleErrors(); len(errs) > 0 {
		t.Errorf("console errors:\n%v", errs)
	}
}

// TestWasmWorkerStartsInTheHead checks that the worker compiling app.wasm
// is started once, by the inline script in the page's head (wasmStarter in
// internal/site/appjs.go), not later by app.js, and only after the page's
// first frame, or at once in a hidden page, after a slow answer and in a page
// the service worker controls (a warm start, where the worker does not warm
// Go's start up); that the page records the worker's download as a mark; and
// that the app then runs on the module it compiled.
func TestWasmWorkerStartsInTheHead(t *testing.T) {
	cases := []struct {
		name   string
		hidden bool          // the page says it is hidden
		warm   bool          // the page is loaded again once the service worker controls it
		answer time.Duration // how long the server holds the page's answer back
		slow   string        // eventlensStartTest.slowAnswer, in place of slowAnswerMs; "" keeps it
		want   string
	}{
		// However slowly this machine answers on loopback, the page takes
		// it for a fast network.
		{"shown", false, false, 0, "1e9", "inline after the first frame"},
		{"hidden", true, false, 0, "1e9", "inline before any frame"},
		// app.wasm then comes from the service worker's cache: no download
		// to count, and the app, not the prerendered page's first frame,
		// is what the user waits for.
		{"warm start", false, true, 0, "1e9", "inline before any frame"},
		// A slow server is what this case is about: the answer is held back
		// four times wasmStarter's slowAnswerMs (30 ms), a lower bound on
		// what the page measures that no machine can shorten.
		{"slow answer", false, false, 120 * time.Millisecond, "", "inline before any frame"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := buildSite(t, "", "/")
			s := serveLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Path == "/" {
					time.Sleep(c.answer)
				}
				site.ServeHTTP(w, r)
			}))
			b := newBrowser(t)
			if c.slow != "" {
				b.runFirst(`window.eventlensStartTest = { slowAnswer: ` + c.slow + ` };`)
			}
			b.runFirst(`(() => {
		const W = window.Worker;
		window.__workers = [];
		window.__framed = false;
		requestAnimationFrame(() => { window.__framed = true; });
		if (` + strconv.FormatBool(c.hidden) + `) {
			Object.defineProperty(Document.prototype, "visibilityState", { configurable: true, get: () => "hidden" });
		}
		window.Worker = class extends W {
			constructor(...args) {
				super(...args);
				const stack = String(new Error().stack);
				const by = stack.includes("/app.js:") ? "app.js" : stack.includes(location.href.replace(/[?#].*/, "") + ":") ? "inline" : stack;
				window.__workers.push(by + (window.__framed ? " after the first frame" : " before any frame"));
			}
		};
	})()`)
			b.open(s.URL + "/")
			if c.warm {
				b.waitCached(site.Version(), precacheCount(t, site))
				b.do(10*time.Second, chromedp.Navigate("about:blank"))
				b.open(s.URL + "/")
				if !eval[bool](b, `navigator.serviceWorker.controller !== null`) {
					t.Fatal("the second load is not controlled by the service worker")
				}
			}
			b.compiledIn("worker")
			if got := eval[[]string](b, `window.__workers`); len(got) != 1 || got[0] != c.want {
				t.Errorf("workers started: %q, want one: %q", got, c.want)
			}
			// Go's start is warmed up in the worker, but for a warm start.
			warmUp := map[bool]string{false: "done", true: "skipped"}[c.warm]
			if got := eval[string](b, `document.documentElement.dataset.wasmWarmUp || ""`); got != warmUp {
				t.Errorf("<html data-wasm-warm-up> = %q, want %q", got, warmUp)
			}
			// The worker's download, which Resource Timing does not show the page,
			// is recorded as a mark in the page's time. From the service worker's
			// cache nothing crosses the network and the bytes are not counted.
			if got := eval[string](b, `((warm) => {
				const m = performance.getEntriesByName("app.wasm download", "mark")[0];
				if (!m) return "no mark";
				const d = m.detail, now = performance.now();
				const fetched = warm ? d.transferSize === 0 && !d.counted : d.transferSize > 0 && d.counted;
				return d.requestStart >= 0 && d.requestStart <= d.responseEnd && d.responseEnd <= now && fetched ? "ok" : JSON.stringify(d);
			})(`+strconv.FormatBool(c.warm)+`)`); got != "ok" {
				t.Errorf("the app.wasm download mark: %s", got)
			}
			b.inspect(signalrPayload)
		})
	}
}

// TestStartFramesFollowQueuedDispatches checks that each frame of the start
// begins once the dispatches queued by then have run
// (third_party/go-app/pkg/app/engine.go): the first page's components each
// dispatch their OnMount, each of which marks the page's root for an
// update too, and a frame between them redrew the whole page each time.
// The start yields wherever it can (a slice of 0 ms), which gives the
// frames the most chances to come between dispatches.
func TestStartFramesFollowQueuedDispatches(t *testing.T) {
	srv := serveLoopback(t, buildSite(t, "", "/"))
	b := newBrowser(t)
	b.runFirst(`window.__frames = []; window.eventlensStartTest = { slice: 0, frame(queued) { window.__frames.push(queued); } };`)
	b.do(30*time.Second, chromedp.Navigate(srv.URL+"/"))
	b.waitApp()
	frames := eval[[]int](b, `window.__frames`)
	if len(frames) == 0 {
		t.Fatal("the start reported no frame")
	}
	for i, queued := range frames {
		if queued != 0 {
			t.Errorf("frame %d of the start began with %d dispatches queued, want none (all frames: %v)", i+1, queued, frames)
		}
	}
	b.inspect(signalrPayload)
}
