// Opens the Timeline tab and resolves with the milliseconds until its chart
// has its marks and the browser has painted, the longest main-thread task
// (PerformanceObserver "longtask") meanwhile, the number of marks and SVG
// elements drawn, then the milliseconds from hovering the first error mark
// to its description. For the log of make bench: nothing here is asserted.
() => new Promise((resolve, reject) => {
  const tasks = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) tasks.push(e.duration); });
  obs.observe({type: "longtask"});
  const t0 = performance.now();
  document.querySelector("#tab-timeline").click();
  const drawn = () => {
    if (document.querySelector("#timeline-chart .tl-mark")) {
      requestAnimationFrame(() => setTimeout(() => {
        const took = performance.now() - t0;
        const marks = document.querySelectorAll("#timeline-chart .tl-mark").length;
        const elements = document.querySelectorAll("#timeline-chart *").length;
        const mark = document.querySelector("#timeline-chart .tl-mark.error") || document.querySelector("#timeline-chart .tl-mark");
        const want = mark.dataset.event;
        const t1 = performance.now();
        mark.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
        const described = () => {
          const d = document.querySelector("#timeline-detail");
          if (d && d.dataset.event === want) {
            const hover = performance.now() - t1;
            setTimeout(() => { obs.disconnect(); resolve({took, hover, marks, elements, longest: tasks.length ? Math.max(...tasks) : 0}); }, 100);
            return;
          }
          if (performance.now() - t1 > 10000) { obs.disconnect(); reject(new Error("no description after 10 s")); return; }
          setTimeout(described, 2);
        };
        described();
      }, 0));
      return;
    }
    if (performance.now() - t0 > 30000) { obs.disconnect(); reject(new Error("no chart after 30 s")); return; }
    setTimeout(drawn, 5);
  };
  drawn();
})
