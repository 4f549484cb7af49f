// The browser's own cost of a keystroke in a textarea holding window.perfText
// with none of the app's handlers on it: a textarea added to the page, keys
// letters "x" typed in its middle, each timed to the end of the edit and to
// the next frame. For the log of make bench: nothing here is asserted.
async (keys) => {
  const e = document.createElement("textarea");
  e.style.width = "600px"; e.style.height = "400px";
  document.body.appendChild(e);
  e.value = window.perfText; e.focus();
  const mid = Math.floor(e.value.length / 2);
  e.setSelectionRange(mid, mid);
  await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
  const edit = [], frame = [];
  for (let i = 0; i < keys; i++) {
    const t0 = performance.now();
    document.execCommand("insertText", false, "x");
    edit.push(Math.round(performance.now() - t0));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
    frame.push(Math.round(performance.now() - t0));
    await new Promise(r => setTimeout(r, 100));
  }
  e.remove();
  return {edit, frame};
}
