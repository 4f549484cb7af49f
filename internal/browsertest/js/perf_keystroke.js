// Types keys letters "x" at UTF-16 index at of the editor (field()), one every 150 ms
// (a brisk typist), and times each keystroke until the verdict describes
// the text it made (data-bytes: bytes is the text's length in bytes before
// the first key) and until the next frame after it. Records the long tasks
// meanwhile and whether each verdict checked only the edited event. For
// the log of make bench: nothing here is asserted.
async (keys, at, bytes) => {
  const long = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) long.push(Math.round(e.duration)); });
  obs.observe({type: "longtask"});
  const e = field();
  e.focus(); e.setSelectionRange(at, at);
  const verdict = [], frame = [], incremental = [];
  for (let i = 1; i <= keys; i++) {
    const want = String(bytes + i);
    const t0 = performance.now();
    document.execCommand("insertText", false, "x");
    await new Promise(resolve => {
      const check = () => {
        const v = document.querySelector("#verdict");
        if (v && v.dataset.bytes === want) { verdict.push(Math.round(performance.now() - t0)); incremental.push(v.dataset.incremental === "true"); resolve(); return; }
        setTimeout(check, 1);
      };
      check();
    });
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    frame.push(Math.round(performance.now() - t0));
    await new Promise(r => setTimeout(r, Math.max(0, 150 - (performance.now() - t0))));
  }
  obs.disconnect();
  return {verdict, frame, incremental, long};
}
