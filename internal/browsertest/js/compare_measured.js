// Pastes window.__payload into the compare editor (a textarea: a paste
// event, then the browser's setting of its value) and resolves once the
// comparison is shown. In the same task as the page first shows that it is
// comparing (#compare-diff[aria-busy]), click is clicked; clickWhileBusy
// records whether its effect (aria-selected) showed while the page still
// said it was comparing. States observed as they change; nothing is timed.
async (click) => {
  const input = document.querySelector("#compare-input");
  const res = {};
  const t0 = performance.now();
  let clicked = false;
  const done = new Promise(resolve => {
    const check = () => {
      const now = performance.now() - t0;
      const busy = !!document.querySelector('#compare-diff[aria-busy="true"]');
      const progress = (document.querySelector("#compare-status") || {}).textContent || "";
      if (busy && progress.startsWith("Comparing event") && res.progress === undefined) { res.progress = now; res.progressText = progress; }
      if (busy && res.busy === undefined) res.busy = now;
      if (busy && !clicked) {
        clicked = true;
        res.clickAt = now;
        document.querySelector(click).click();
      }
      if (clicked && res.clickShown === undefined && document.querySelector(click).getAttribute("aria-selected") === "true") {
        res.clickShown = now;
        res.clickWhileBusy = !!document.querySelector('#compare-diff[aria-busy="true"]');
      }
      if (document.querySelector("#compare-diff[data-equal]") && res.clickShown !== undefined) { res.complete = now; obs.disconnect(); resolve(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  });
  input.focus();
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const dt = new DataTransfer();
  dt.setData("text/plain", window.__payload);
  const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
  input.dispatchEvent(ev);
  if (!ev.defaultPrevented) {
    input.value = window.__payload;
    input.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
  }
  await done;
  res.status = document.querySelector("#compare-status").textContent;
  res.longtasks = window.__long.filter(e => e.start >= t0 - 1).map(e => Math.round(e.dur));
  return res;
}
