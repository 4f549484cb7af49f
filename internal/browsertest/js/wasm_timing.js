// When the request for app.wasm started and ended (ms since the navigation)
// and the bytes it transferred: from the page's Resource Timing entry when
// the page downloaded it, else from the "app.wasm download" mark the page
// records for its worker's download (internal/site/appjs.go).
() => {
  const fmt = (where, start, end, size) =>
    `${where}: requested at ${Math.round(start)} ms, received by ${Math.round(end)} ms, ${(size / 1e6).toFixed(2)} MB transferred`;
  const e = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/web/app.wasm"));
  if (e) return fmt("in the page", e.requestStart, e.responseEnd, e.transferSize);
  const m = performance.getEntriesByName("app.wasm download", "mark")[0];
  if (m && m.detail) return fmt("in the worker", m.detail.requestStart, m.detail.responseEnd, m.detail.transferSize);
  return "no timing of app.wasm's download";
}
