// Opens the Timeline tab and resolves with the milliseconds until its chart
// has its marks and the browser has painted, the longest main-thread task
// (PerformanceObserver "longtask") meanwhile, the number of marks and SVG
// elements drawn, then the milliseconds from pointing at the first error
// mark to its description. For the log of make bench: nothing here is
// asserted.
() => new Promise((resolve, reject) => {
  const tasks = [];
  const obs = new PerformanceObserver(list => { for (const e of list.getEntries()) tasks.push(e.duration); });
  obs.observe({type: "longtask"});
  const t0 = performance.now();
  document.querySelector("#tab-timeline").click();
  const drawn = () => {
    const svg = document.querySelector("#timeline-chart");
    if (svg && svg.querySelector(".tl-marks")) {
      requestAnimationFrame(() => setTimeout(() => {
        const took = performance.now() - t0;
        const marks = Number(svg.dataset.marks);
        const elements = svg.querySelectorAll("*").length;
        // The first error mark's tick ("Mx y1Vy2"), or the first mark's.
        const ticks = svg.querySelector(".tl-marks.error") || svg.querySelector(".tl-marks");
        const [, x, y1, y2] = ticks.getAttribute("d").match(/^M([\d.]+) ([\d.]+)V([\d.]+)/).map(Number);
        const vb = svg.viewBox.baseVal, r = svg.getBoundingClientRect();
        const t1 = performance.now();
        svg.dispatchEvent(new MouseEvent("mousemove", {bubbles: true,
          clientX: r.left + x * r.width / vb.width, clientY: r.top + (y1 + y2) / 2 * r.height / vb.height}));
        const described = () => {
          const d = document.querySelector("#timeline-detail");
          if (d && d.dataset.event !== undefined) {
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
