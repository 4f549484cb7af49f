// Pastes window.__payload (n UTF-8 bytes) into the focused editor (#input,
// or the large payload's viewer when it shows) as a user's paste does: a
// paste ClipboardEvent carrying the text, which the page handles for large
// texts; when it does not, the text goes into #input as the browser would
// put it. Resolves, with the figures, once the verdict describes the text
// and the inspection is complete.
//
// When click is a selector, that element is clicked in the same task as
// the page first shows that it is inspecting (#verdict.busy), so the click
// is made while the inspection is under way: clickWhileInspecting records
// that state at the click, clickBeforeComplete whether its effect
// (aria-selected) showed while the page still said it was inspecting. Both
// are states the page shows, observed as they change; nothing is timed.
async (n, click) => {
  const input = document.querySelector("#input:not([hidden])") || document.querySelector("#large-scroll");
  const res = {longest: 0, gaps: []};
  let t0 = performance.now();
  let last = t0, finished = false;
  const tick = () => {
    const now = performance.now();
    res.longest = Math.max(res.longest, now - last);
    if (now - last > 50) res.gaps.push([Math.round(last - t0), Math.round(now - last)]);
    last = now;
    if (!finished) setTimeout(tick, 0);
  };
  const state = () => {
    const v = document.querySelector('#verdict[data-bytes="' + n + '"]');
    return {verdict: !!v, complete: !!v && v.dataset.complete !== "false", busy: !!document.querySelector("#verdict.busy")};
  };
  let clicked = false;
  const done = new Promise(resolve => {
    const check = () => {
      const now = performance.now() - t0, s = state();
      if (s.busy && res.busy === undefined) res.busy = now;
      if (s.verdict && res.verdict === undefined) res.verdict = now;
      if (click && !clicked && (s.busy || s.verdict)) {
        clicked = true;
        res.clickAt = now;
        res.clickWhileInspecting = !s.complete;
        document.querySelector(click).click();
      }
      if (click && clicked && res.clickShown === undefined && document.querySelector(click).getAttribute("aria-selected") === "true") {
        res.clickShown = now;
        res.clickBeforeComplete = !state().complete;
      }
      if (s.complete && (!click || res.clickShown !== undefined)) { res.complete = now; obs.disconnect(); resolve(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
    check();
  });
  input.focus(); // one pastes into the focused editor (click_into_editor)
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  t0 = last = performance.now();
  setTimeout(tick, 0);
  const dt = new DataTransfer();
  dt.setData("text/plain", window.__payload);
  const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
  input.dispatchEvent(ev);
  res.set = performance.now() - t0;
  res.handled = ev.defaultPrevented;
  if (!ev.defaultPrevented) {
    input.value = window.__payload;
    input.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
  }
  res.dispatch = performance.now() - t0 - res.set;
  await done;
  finished = true;
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  res.painted = performance.now() - t0;
  res.longtasks = window.__long.filter(e => e.start >= t0 - 1).map(e => Math.round(e.dur));
  res.mem = window.__wasm ? window.__wasm.exports.mem.buffer.byteLength : 0;
  return res;
}
