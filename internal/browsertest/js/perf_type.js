// Types keys keystrokes 120 ms apart at the end of the editor (field():
// each replaces its last character with " ]"), then waits for the inspection of the result,
// recording the long tasks meanwhile. For the log of make bench: nothing
// here is asserted.
(keys) => new Promise(resolve => {
  const tasks = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) tasks.push(e.duration); });
  obs.observe({type: "longtask"});
  const el = field();
  let i = 0;
  const t0 = performance.now();
  const type = () => {
    const n = el.textLength;
    el.focus(); el.setSelectionRange(n - 1, n);
    document.execCommand("insertText", false, " ]");
    if (++i < keys) { setTimeout(type, 120); return; }
    // Wait for the inspection after the last keystroke.
    const want = String(new TextEncoder().encode(el.value).length);
    const wait = () => {
      const v = document.querySelector("#verdict");
      if (v && v.dataset.bytes === want) {
        setTimeout(() => {
          obs.disconnect();
          resolve({keys, longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length,
            total: tasks.reduce((a, b) => a + b, 0), elapsed: performance.now() - t0});
        }, 200);
        return;
      }
      setTimeout(wait, 20);
    };
    wait();
  };
  type();
})
