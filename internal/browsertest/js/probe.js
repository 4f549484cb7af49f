// Installed in the page before any of its scripts: keeps the long tasks
// (window.__long), the CSP violations (window.__csp) and the wasm instance
// (window.__wasm, for its memory size).
(() => {
  window.__long = [];
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
  try {
    new PerformanceObserver(l => { for (const e of l.getEntries()) window.__long.push({start: e.startTime, dur: e.duration}); })
      .observe({type: "longtask", buffered: true});
  } catch (e) {}
  const grab = r => { const inst = r && (r.instance || r); if (inst && inst.exports && inst.exports.mem) window.__wasm = inst; return r; };
  const is = WebAssembly.instantiateStreaming;
  if (is) WebAssembly.instantiateStreaming = (...a) => is.apply(WebAssembly, a).then(grab);
  const i = WebAssembly.instantiate;
  WebAssembly.instantiate = (...a) => i.apply(WebAssembly, a).then(grab);
})()
