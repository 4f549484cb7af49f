// Pastes window.perfText into the focused editor (#input, or the large
// payload's viewer) as a paste ClipboardEvent carrying it (the page takes
// a large one; a small one is put into #input as the browser would) and
// resolves with the milliseconds until #verdict describes it (took), the
// longest main-thread task (PerformanceObserver "longtask") that began
// before the verdict was seen (longest), and the longest one that began
// after it, until every view of the payload is ready (after; complete: the
// milliseconds until then). For the log of make bench: nothing here is
// asserted.
() => new Promise((resolve, reject) => {
  const tasks = []; // [start, duration], ms from the paste
  let t0 = 0;
  const record = list => { for (const e of list) tasks.push([e.startTime - t0, e.duration]); };
  const obs = new PerformanceObserver(list => record(list.getEntries()));
  obs.observe({type: "longtask"});
  const el = document.querySelector("#input:not([hidden])") || document.querySelector("#large-scroll");
  el.focus();
  const want = String(window.perfText.length);
  const dt = new DataTransfer();
  dt.setData("text/plain", window.perfText);
  t0 = performance.now();
  const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
  el.dispatchEvent(ev);
  if (!ev.defaultPrevented) {
    el.value = window.perfText;
    el.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
  }
  let took = 0;
  const longest = (from, to) => Math.max(0, ...tasks.filter(([s]) => s >= from && s < to).map(([, d]) => d));
  const wait = () => {
    const v = document.querySelector("#verdict");
    const now = performance.now() - t0;
    if (!took && v && v.dataset.bytes === want) took = now;
    if (took && v.dataset.complete === "true") {
      // A task's entry is queued once the task is over: every task begun
      // before now has one, delivered or waiting in takeRecords.
      record(obs.takeRecords());
      obs.disconnect();
      resolve({took, longest: longest(-Infinity, took), after: longest(took, Infinity), complete: now});
      return;
    }
    if (now > 60000) { obs.disconnect(); reject(new Error(took ? "views not complete after 60 s" : "no verdict after 60 s")); return; }
    setTimeout(wait, 5);
  };
  wait();
})
