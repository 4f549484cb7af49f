//go:build !wasm

package site

import (
	"encoding/json"
	"strconv"
)

// appJSPatches fix three things in go-app's app.js.
//
// It compiles app.wasm in a dedicated worker (web/wasmload.js) and only
// instantiates it in the page. Compiling 9 MB of WebAssembly is seconds of
// CPU on a slow phone, and Chromium does most of it on the thread that
// feeds the bytes: in the page, that was the longest task of the start
// (about 1.3 s at 4× CPU slowdown); in a worker, the page stays free to
// scroll, select and type into the prerendered editors meanwhile. Where a
// worker cannot compile it (no Worker, a policy that forbids it, a browser
// that cannot pass a compiled module between threads) app.js does what
// go-app does: fetch and compile in the page. Either way, the loading label
// counts app.wasm's bytes, and <html data-wasm-compiled> says which way it
// went ("worker" or "page"). The worker also runs Go's start once before
// handing the module over, so that V8 compiles the code it calls there
// rather than on the page's thread; <html data-wasm-warm-up> says how that
// went ("done", "timed out", "failed: …", "skipped").
//
// It does not miss an update. go-app listens for a new service worker
// only once register() has resolved; a new version found and installed
// before then (which the start's timing allows) never showed the update
// banner. A page that a service worker already controls now also takes a
// change of controller (the new version claiming the page once installed)
// as the update.
//
// It registers the service worker once app.wasm is in the page, not before
// the download starts: the worker's install precaches every file the page
// has not loaded yet (the icons, the code editor's script), and on a first
// visit those downloads shared the link with app.wasm's, which delays the
// start (at 10 Mbit/s, the icons and the editor's script are about 0.1 s of
// the link; at 1.6 Mbit/s, about 0.7 s). app.wasm itself then costs the
// install a 304: the page's download is in the HTTP cache.
var appJSPatches = []scriptPatch{
	{
		name:   "take a change of controller as an update",
		anchor: "goappInitServiceWorker();\ngoappWatchForUpdate();\n",
		with:   "eventlensWatchControllerChange();\ngoappWatchForUpdate();\n",
	},
	{
		name:   "register the service worker once app.wasm is in",
		anchor: "goappInitWebAssembly();\n",
		with:   "goappInitWebAssembly().finally(goappInitServiceWorker);\n",
	},
	{
		name:   "watch for a new controller",
		anchor: "function goappSetupNotifyUpdate(registration) {",
		with: `// eventlensWatchControllerChange calls goappOnUpdate when a page that a
// service worker controls gets another one: the new version, installed and
// claiming its pages. It runs as app.js starts, before register() resolves,
// so that an update found meanwhile is not missed.
function eventlensWatchControllerChange() {
  if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
    navigator.serviceWorker.addEventListener("controllerchange", () => goappOnUpdate());
  }
}

function goappSetupNotifyUpdate(registration) {`,
	},
	{
		name:   "instantiate through eventlensInstantiate",
		anchor: "  let instantiateStreaming = WebAssembly.instantiateStreaming;\n",
		with:   "  let instantiateStreaming = eventlensInstantiate;\n",
	},
	{
		name: "name app.wasm without fetching it",
		anchor: `    const wasm = await instantiateStreaming(
      fetchWithProgress(`,
		with: `    const wasm = await instantiateStreaming(
      eventlensWasmSource(`,
	},
	{
		name:   "compile in a worker",
		anchor: "async function fetchWithProgress(url, progess) {",
		with: `// eventlensWasmSource names app.wasm and the progress callback for
// eventlensInstantiate; unlike fetchWithProgress, it fetches nothing.
function eventlensWasmSource(url, progress) {
  return { url, progress };
}

// eventlensInstantiate compiles app.wasm in a worker (web/wasmload.js, next
// to app.wasm) and instantiates the module in the page. Where the worker
// cannot, it fetches and compiles app.wasm in the page, as go-app does.
async function eventlensInstantiate(source, importObject) {
  const { url, progress } = source;
  setTimeout(eventlensOpenStorage, 0);
  let module;
  try {
    module = await eventlensCompileInWorker(url, progress);
  } catch (err) {
    console.warn("eventlens: compiling app.wasm in a worker failed (" + err.message + "); compiling it in the page");
    document.documentElement.dataset.wasmCompiled = "page";
    const response = fetchWithProgress(url, progress);
    if (WebAssembly.instantiateStreaming) {
      return WebAssembly.instantiateStreaming(response, importObject);
    }
    return WebAssembly.instantiate(await (await response).arrayBuffer(), importObject);
  }
  document.documentElement.dataset.wasmCompiled = "worker";
  const instance = await WebAssembly.instantiate(module, importObject);
  // Instantiating (the memory, its data) and Go's start are two browser
  // tasks rather than one long one.
  await new Promise((resolve) => setTimeout(resolve, 0));
  return { module, instance };
}

// eventlensOpenStorage uses localStorage once, in a task of its own while
// app.wasm downloads and compiles. A page's first use of it waits for the
// browser to open the origin's storage: the Inspector's OnMount, which
// reads the draft, spent 3-70 ms at 1x waiting there, in the middle of the
// start, while the browser was busy with the service worker's install.
function eventlensOpenStorage() {
  try {
    void window.localStorage.length;
  } catch (err) {
    // No storage (blocked or disabled): the app goes on without drafts.
  }
}

// eventlensCompileInWorker resolves to app.wasm compiled by a worker,
// reporting the bytes received as a percentage of goappWasmContentLength.
// The worker downloads app.wasm too: handing it the page's download as a
// stream passes every chunk through the page's thread, which cost more
// blocking time than it saved.
async function eventlensCompileInWorker(url, progress) {
  if (typeof Worker !== "function" || typeof WebAssembly.Module !== "function") {
    throw new Error("this browser has no Worker");
  }
  const wasmURL = new URL(url, document.baseURI);
  // The worker the page's head starts (wasmStarter), if any: once the
  // page's first frame is drawn, which may be after app.js runs.
  const early = window.eventlensWasmWorker;
  delete window.eventlensWasmWorker;
  let worker = early && early.url === wasmURL.href ? await early.started : null;
  if (!worker) {
    // No warm-up in a warm start (a controlled page): see wasmStarter.
    const controlled = eventlensControlled();
    const job = { url: wasmURL.href, count: !controlled, exec: controlled ? "" : eventlensExecURL() };
    worker = new Worker(new URL("wasmload.js", wasmURL), { name: JSON.stringify(job) });
  }
  return new Promise((resolve, reject) => {
    const total = parseInt(goappWasmContentLength, 10);
    const fail = (message) => {
      worker.terminate();
      reject(new Error(message));
    };
    worker.onmessage = (event) => {
      const m = event.data || {};
      if ("module" in m) {
        if (m.module instanceof WebAssembly.Module) {
          worker.terminate();
          document.documentElement.dataset.wasmWarmUp = m.warmUp || "skipped";
          // A task of its own: the page's first mark cost 15 ms at 4x CPU
          // slowdown, in the task that instantiates the module.
          setTimeout(() => eventlensMarkDownload(m.timing), 0);
          resolve(m.module);
        } else {
          fail("the worker answered something other than a compiled module");
        }
      } else if (m.error) {
        fail(m.error);
      } else if (m.loaded > 0) {
        const of = total > 0 ? total : m.total;
        if (of > 0) {
          progress(Math.min(100, Math.round((m.loaded * 100) / of)));
        }
      }
    };
    worker.onmessageerror = () => fail("the compiled module could not be passed to the page");
    worker.onerror = (event) => {
      event.preventDefault();
      fail(event.message || "web/wasmload.js could not run");
    };
    if (early && worker === early.worker) {
      // What the worker said before app.js ran, in order.
      for (const m of early.said) {
        if ("error" in m) {
          fail(m.error);
          return;
        }
        worker.onmessage(m);
      }
    }
  });
}

// eventlensExecURL returns wasm_exec.js's URL, which the worker loads to
// warm Go's start up (web/wasmload.js), or "" when the page has none. A
// test may name another script in window.eventlensStartTest.exec.
function eventlensExecURL() {
  const test = window.eventlensStartTest;
  if (test && typeof test.exec === "string") {
    return new URL(test.exec, document.baseURI).href;
  }
  const script = document.querySelector('script[src$="wasm_exec.js"]');
  return script ? script.src : "";
}

// eventlensControlled reports whether a service worker controls the page,
// which then gets app.wasm from its cache.
function eventlensControlled() {
  return !!(navigator.serviceWorker && navigator.serviceWorker.controller);
}

// eventlensMarkDownload records the worker's download of app.wasm, which
// the page's Resource Timing does not list, as the performance mark
// "app.wasm download": it starts when the request did, and its detail holds
// the request's start and end (ms since the page's navigation), the bytes
// transferred, and whether the worker counted them as they arrived.
function eventlensMarkDownload(t) {
  if (!t || !performance.mark) {
    return;
  }
  const requestStart = t.requestStart - performance.timeOrigin;
  const responseEnd = t.responseEnd - performance.timeOrigin;
  try {
    performance.mark("app.wasm download", {
      startTime: Math.max(0, requestStart),
      detail: { requestStart, responseEnd, transferSize: t.transferSize, counted: t.counted },
    });
  } catch {}
}

async function fetchWithProgress(url, progess) {`,
	},
}

// slowAnswerMs is how long, in ms, the page's own answer (its navigation's
// responseStart - requestStart) must have taken for wasmStarter to start the
// worker at once rather than after the first frame. A test may set another in
// window.eventlensStartTest.slowAnswer.
const slowAnswerMs = 30

// wasmStarter returns the inline script, near the top of each page's head
// (after <meta charset>, before the stylesheets), that starts the worker
// compiling app.wasm (at wasmURL) right after the page's first frame:
// app.js, a deferred script, runs only when the page is parsed, and on a
// 10 Mbit/s link its worker asked for app.wasm about 400 ms after the page
// did. It waits for the first frame (a requestAnimationFrame, then a task)
// because compiling keeps every core busy: on a 2-core machine the page's
// first layout, done meanwhile, took 2-3 times as long, and Lighthouse's
// blocking time at 4x CPU slowdown was 309 ms rather than 180 (medians of 7,
// interleaved). Holding only the compile, with the download started at
// once, did not give that back. Where the page's own answer took
// slowAnswerMs or more, the network rather than the CPU holds the start
// back: the first frame waits for the stylesheets, a round trip or two
// more, and the download, not the compile, sets the pace; the worker starts
// at once there (at 10 Mbit/s with 40 ms round trips, waiting for the frame
// made the first load 350 ms longer). A hidden page, which draws no frame,
// starts it at once too, and so does a page the service worker controls (a
// warm start): app.wasm comes from its cache, and the user waits for the app
// rather than for the prerendered page, already seen (warm starts to an
// interactive app, medians of 5 in 4 interleaved pairs: 638-1435 ms against
// 865-2024 ms on a loaded 2-core machine). app.js waits for it
// (early.started), adopts the worker and replays what it said meanwhile
// (eventlensCompileInWorker). It starts nothing where app.js would not load
// the app (go-app's bot and ?wasm=false rules) or where there is no Worker;
// the policy allows it by its hash. It asks the worker to count the bytes
// only when no service worker controls the page, as app.js does
// (eventlensControlled), and gives it execURL, wasm_exec.js's, to warm Go's
// start up (web/wasmload.js), except in a warm start: that run, before the
// page's own, made warm starts slower (to an interactive app, medians of 15
// in 3 interleaved runs on the same machine: 1,362 ms without it, 1,641 ms
// with it), at the cost of longer tasks while the page compiles what it runs.
func wasmStarter(wasmURL, execURL string) string {
	u, _ := json.Marshal(wasmURL)
	x, _ := json.Marshal(execURL)
	return `(function () {
  if (typeof Worker !== "function" || /bot|googlebot|crawler|spider|robot|crawling/i.test(navigator.userAgent) ||
      new URLSearchParams(location.search).get("wasm") === "false") {
    return;
  }
  try {
    var url = new URL(` + string(u) + `, document.baseURI);
    var test = window.eventlensStartTest;
    var exec = new URL(test && typeof test.exec === "string" ? test.exec : ` + string(x) + `, document.baseURI);
    var early = { url: url.href, said: [], worker: null };
    var controlled = !!(navigator.serviceWorker && navigator.serviceWorker.controller);
    early.started = new Promise(function (resolve) {
      var begun = false;
      var begin = function () {
        if (begun) return;
        begun = true;
        try {
          var job = { url: url.href, exec: controlled ? "" : exec.href, count: !controlled };
          var worker = new Worker(new URL("wasmload.js", url), { name: JSON.stringify(job) });
          worker.onmessage = function (e) { early.said.push({ data: e.data }); };
          worker.onerror = function (e) { e.preventDefault(); early.said.push({ error: e.message || "web/wasmload.js could not run" }); };
          worker.onmessageerror = function () { early.said.push({ error: "the compiled module could not be passed to the page" }); };
          early.worker = worker;
        } catch (err) {}
        resolve(early.worker);
      };
      // The page's own answer: a round trip and the server's time.
      var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
      var answer = nav && nav.responseStart > 0 ? nav.responseStart - nav.requestStart : 0;
      var slow = test && typeof test.slowAnswer === "number" ? test.slowAnswer : ` + strconv.Itoa(slowAnswerMs) + `;
      if (document.visibilityState === "hidden" || answer >= slow || controlled) {
        begin();
        return;
      }
      requestAnimationFrame(function () { setTimeout(begin, 0); });
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "hidden") begin();
      });
    });
    window.eventlensWasmWorker = early;
  } catch (err) {}
})();`
}

// patchAppJS applies appJSPatches to go-app's generated app.js.
func patchAppJS(appJS []byte) ([]byte, error) {
	s, err := applyPatches("app.js", "internal/site/appjs.go", string(appJS), appJSPatches)
	return []byte(s), err
}
