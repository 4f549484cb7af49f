// Scrolls a virtualised list (the element `box`, whose drawn rows match
// `rows`, each named by its data-`key`: the batch table, the tree view)
// from its top to its end in `steps` equal steps, each once the rows of
// the last one are drawn, and
// resolves with the milliseconds from each scroll to its rows drawn and
// painted (median and worst), and the longest main-thread task
// (PerformanceObserver "longtask") meanwhile. For the log of make bench:
// nothing here is asserted.
(box, rows, key, steps) => new Promise((resolve, reject) => {
  const tasks = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) tasks.push(e.duration); });
  obs.observe({type: "longtask"});
  const s = document.querySelector(box);
  const first = () => { const r = document.querySelector(rows); return r ? r.dataset[key] : ""; };
  const times = [];
  const start = performance.now();
  let i = 0;
  const step = () => {
    if (i === steps) {
      const elapsed = performance.now() - start;
      // Long-task entries arrive after their task: give them a moment.
      setTimeout(() => {
        obs.disconnect();
        times.sort((a, b) => a - b);
        resolve({median: times[Math.floor(times.length / 2)], worst: times[times.length - 1], elapsed,
          longest: tasks.length ? Math.max(...tasks) : 0, count: tasks.length, last: first()});
      }, 100);
      return;
    }
    i++;
    const before = first();
    const t0 = performance.now();
    s.scrollTop = (s.scrollHeight - s.clientHeight) * i / steps;
    const wait = () => {
      if (first() !== before) {
        // The rows are in the page: the next frame has painted them.
        requestAnimationFrame(() => { times.push(performance.now() - t0); step(); });
        return;
      }
      if (performance.now() - t0 > 5000) { obs.disconnect(); reject(new Error(box + " drew no new rows 5 s after scroll step " + i)); return; }
      requestAnimationFrame(wait);
    };
    requestAnimationFrame(wait);
  };
  step();
})
