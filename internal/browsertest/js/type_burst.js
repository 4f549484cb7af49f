// Types keys spaces before the last character of #input in one task, so
// that no timer can run between them, and reports what the verdict
// described: before the burst, right after it (same task), and every
// length it described from then until it describes the typed text and is
// complete. A debounced editor inspects the burst once, after it.
async (keys) => {
  const e = document.querySelector("#input");
  const bytes = () => (document.querySelector("#verdict") || {dataset: {}}).dataset.bytes || "";
  e.focus(); e.setSelectionRange(e.value.length - 1, e.value.length - 1);
  const before = bytes();
  for (let i = 0; i < keys; i++) document.execCommand("insertText", false, " ");
  const after = bytes();
  const n = String(new TextEncoder().encode(e.value).length);
  const seen = [];
  await new Promise(resolve => {
    const check = () => {
      const b = bytes();
      if (b && b !== before && seen[seen.length - 1] !== b) seen.push(b);
      const v = document.querySelector('#verdict[data-bytes="' + n + '"]');
      if (v && v.dataset.complete !== "false") { obs.disconnect(); resolve(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document.body, {subtree: true, childList: true, attributes: true});
    check();
  });
  return {before: before, after: after, want: n, seen: seen};
}
