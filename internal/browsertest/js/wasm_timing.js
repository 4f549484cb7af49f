// When the page's own request for app.wasm started and ended (ms since the
// navigation) and the bytes it transferred, from the Resource Timing entry.
() => {
  const e = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/web/app.wasm"));
  if (!e) return "no resource timing entry";
  return `requested at ${Math.round(e.requestStart)} ms, received by ${Math.round(e.responseEnd)} ms, ${(e.transferSize / 1e6).toFixed(2)} MB transferred`;
}
