// Types keys spaces before the last character of the editor (field()), each once the
// previous one is on screen, as the browser does (insertText fires the
// input event), then waits until the verdict describes the text and is
// complete. Returns figures for the log: each keystroke's handling, the
// time to the next frame, the verdicts shown while typing, the long tasks.
async (keys) => {
  const e = field();
  e.focus(); e.setSelectionRange(e.value.length - 1, e.value.length - 1);
  const seen = new Set(), times = [], frames = [];
  const obs = new MutationObserver(() => { const v = document.querySelector("#verdict"); if (v && v.dataset.bytes) seen.add(v.dataset.bytes); });
  obs.observe(document.querySelector("#verdict"), {attributes: true});
  const t0 = performance.now();
  for (let i = 0; i < keys; i++) {
    const k0 = performance.now();
    document.execCommand("insertText", false, " ");
    times.push(Math.round((performance.now() - k0) * 10) / 10);
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    frames.push(Math.round(performance.now() - k0));
  }
  const typed = performance.now() - t0;
  const during = [...seen];
  const n = new TextEncoder().encode(e.value).length;
  await new Promise(resolve => { const w = () => { const v = document.querySelector('#verdict[data-bytes="' + n + '"]'); if (v && v.dataset.complete !== "false") resolve(); else setTimeout(w, 10); }; w(); });
  obs.disconnect();
  return {keystrokes: times, frames: frames, during: during, after: performance.now() - t0 - typed,
    longtasks: window.__long.filter(l => l.start >= t0).map(l => Math.round(l.dur))};
}
