// Clicks into the editor (#input, or the large payload's viewer) as a
// person does before pasting, and resolves once the engine's warm-up that
// the press starts (Inspector.warm) is done: a person's paste comes after
// it, so the paste figures are those of the page as people meet it. The
// press is dispatched, since a headless page gets no focus events.
async () => {
  const el = document.querySelector("#input:not([hidden])") || document.querySelector("#large-scroll");
  el.dispatchEvent(new PointerEvent("pointerdown", {bubbles: true}));
  el.focus();
  const app = document.querySelector("#app");
  if (app.dataset.engine !== "warm") {
    await new Promise(resolve => {
      const o = new MutationObserver(() => { if (app.dataset.engine === "warm") { o.disconnect(); resolve(); } });
      o.observe(app, {attributes: true, attributeFilter: ["data-engine"]});
    });
  }
  return true;
}
