// eventlens: downloads and compiles app.wasm in a dedicated worker, so that
// compiling (seconds of CPU on a slow phone) never blocks the page. The
// page (internal/site/appjs.go) names the job in the worker's name, as JSON
// {url, count, exec}, so that the download starts as soon as this script
// runs; the worker posts {loaded, total} as bytes arrive when count is
// true, then {module, timing, warmUp}, or {error}. With exec (wasm_exec.js's
// URL), it first runs Go's start once on the module (warmUp).
"use strict";

compileApp();

async function compileApp() {
  let url, count, exec;
  try {
    ({ url, count, exec } = JSON.parse(self.name));
  } catch (err) {
    self.postMessage({ error: "web/wasmload.js was started without its job in its name" });
    return;
  }
  try {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(url + " answered " + response.status + " " + response.statusText);
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    const module = !count && type === "application/wasm" && WebAssembly.compileStreaming
      ? await WebAssembly.compileStreaming(response)
      : await compileCounting(response);
    // The download's Resource Timing, in the page's time (it cannot see
    // the worker's requests): the page records it as a performance mark.
    const e = performance.getEntriesByName(response.url, "resource")[0];
    const timing = e && {
      requestStart: performance.timeOrigin + e.requestStart,
      responseEnd: performance.timeOrigin + e.responseEnd,
      transferSize: e.transferSize,
      counted: !!count,
    };
    const warmUp = exec ? await warmUpStart(module, exec) : "skipped";
    self.postMessage({ module, timing, warmUp });
  } catch (err) {
    self.postMessage({ error: String((err && err.message) || err) });
  }
}

// compileCounting compiles the response's body as it arrives and posts the
// bytes received so far. The page asks for it on a download from the
// network, where the loading label shows it; from the service worker's
// cache (a controlled page), passing every chunk through this script made
// the start 130-300 ms slower (11 MB from the cache), so the body goes
// straight to the compiler instead. It also takes a host that does not
// send application/wasm.
async function compileCounting(response) {
  const total = parseInt(response.headers.get("Content-Length"), 10) || 0;
  const reader = response.body.getReader();
  let loaded = 0;
  let said = -Infinity;
  const counted = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        self.postMessage({ loaded, total });
        controller.close();
        return;
      }
      loaded += value.byteLength;
      // At most one message a frame: the end of a compressed download
      // decodes into many chunks at once (the zeros of the data section),
      // and a message for each reached the page's thread before the module.
      const now = performance.now();
      if (now - said >= 16) {
        said = now;
        self.postMessage({ loaded, total });
      }
      controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const wasm = { headers: { "Content-Type": "application/wasm" } };
  return WebAssembly.compileStreaming
    ? WebAssembly.compileStreaming(new Response(counted, wasm))
    : WebAssembly.compile(await new Response(counted).arrayBuffer());
}

// warmUpTimeout bounds the warm-up: past it the page gets the module anyway
// (and ends this worker, so the instance stops with it).
const warmUpTimeout = 2000;

// warmUpStart runs Go's start (the runtime's set-up, every package's
// initialisation) once in this worker, with EVENTLENS_WARM_UP set so that
// the app's main only draws the page as values, with no document, and
// returns (wasm/main.go). V8 compiles a wasm
// function when it is first called, on the thread that calls it, and the
// module shares that code with every instance, the page's too: Go's start
// in the page then runs code compiled here instead of compiling about a
// thousand functions on the page's thread. It resolves to how it went:
// "done", "timed out" or "failed: why"; the page loads either way.
async function warmUpStart(module, exec) {
  try {
    if (typeof Go !== "function") {
      importScripts(exec);
    }
    const go = new Go();
    go.env = { EVENTLENS_WARM_UP: "1" };
    let code = 0;
    go.exit = (c) => {
      code = c;
    };
    const instance = await WebAssembly.instantiate(module, go.importObject);
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(() => resolve("timed out"), warmUpTimeout);
    });
    const ran = go.run(instance).then(() => (code === 0 ? "done" : "failed: Go exited with " + code));
    const outcome = await Promise.race([ran, late]);
    clearTimeout(timer);
    return outcome;
  } catch (err) {
    return "failed: " + String((err && err.message) || err);
  }
}
