// What the page shows while app.wasm loads: the loader's label ("" once the
// loader is gone), whether the wasm app runs, and whether the prerendered
// heading and tagline are visible: laid out and not covered by the loader
// (the element at their centre is theirs).
() => {
  const visible = (sel) => {
    const e = document.querySelector(sel);
    if (!e) return false;
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit !== null && (hit === e || e.contains(hit));
  };
  const label = document.querySelector("#app-wasm-loader-label");
  return {
    label: label ? label.textContent : "",
    ready: document.querySelector("#app").dataset.wasm === "ready",
    heading: visible("h1"),
    tagline: visible(".tagline"),
  };
}
