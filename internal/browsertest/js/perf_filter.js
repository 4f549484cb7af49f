// Writes the filter text into #filter-input as typing would (an input
// event) and resolves with the milliseconds until the filter panel counts
// all n events, and the longest main-thread task (PerformanceObserver
// "longtask") meanwhile. For the log of make bench: nothing here is
// asserted.
(text, n) => new Promise((resolve, reject) => {
  const tasks = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) tasks.push(e.duration); });
  obs.observe({type: "longtask"});
  const el = document.querySelector("#filter-input");
  const t0 = performance.now();
  el.value = text;
  el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
  const wait = () => {
    const s = document.querySelector("#filter-summary[data-delivered]");
    if (s && Number(s.dataset.delivered) + Number(s.dataset.filtered) === n) {
      const took = performance.now() - t0;
      // Long-task entries arrive after their task: give them a moment.
      setTimeout(() => { obs.disconnect(); resolve({took, longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length}); }, 100);
      return;
    }
    if (performance.now() - t0 > 60000) { obs.disconnect(); reject(new Error("no filter counts after 60 s")); return; }
    setTimeout(wait, 5);
  };
  wait();
})
