// eventlens: downloads and compiles app.wasm in a dedicated worker, so that
// compiling (seconds of CPU on a slow phone) never blocks the page. The
// page's app.js (patched by internal/site/appjs.go) posts {url}; the worker
// posts {loaded, total} as bytes arrive, then {module, timing}, or {error}.
"use strict";

self.onmessage = async (event) => {
  const url = event.data && event.data.url;
  try {
    const response = await fetch(url);
    if (!response.ok) {
      throw new Error(url + " answered " + response.status + " " + response.statusText);
    }
    const total = parseInt(response.headers.get("Content-Length"), 10) || 0;
    const reader = response.body.getReader();
    let loaded = 0;
    const counted = new ReadableStream({
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) {
          controller.close();
          return;
        }
        loaded += value.byteLength;
        self.postMessage({ loaded, total });
        controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    });
    const wasm = { headers: { "Content-Type": "application/wasm" } };
    const module = WebAssembly.compileStreaming
      ? await WebAssembly.compileStreaming(new Response(counted, wasm))
      : await WebAssembly.compile(await new Response(counted).arrayBuffer());
    // The download's Resource Timing, in the page's time (it cannot see
    // the worker's requests): the page records it as a performance mark.
    const e = performance.getEntriesByName(response.url, "resource")[0];
    const timing = e && {
      requestStart: performance.timeOrigin + e.requestStart,
      responseEnd: performance.timeOrigin + e.responseEnd,
      transferSize: e.transferSize,
    };
    self.postMessage({ module, timing });
  } catch (err) {
    self.postMessage({ error: String((err && err.message) || err) });
  }
};
