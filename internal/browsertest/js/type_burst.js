// Types keys times ch (null: a space) at UTF-16 index at of the editor (field()) (null:
// before its last character) in one task, so that no timer can run between them, and
// reports what the verdict described: before the burst, right after it
// (same task, or for the code editor the task right after), and every length it described from then until it describes
// the typed text and is complete, and whether that last verdict checked
// only the edited event again (data-incremental). A debounced editor
// inspects the burst once, after it.
async (keys, at, ch) => {
  const e = field();
  const bytes = () => (document.querySelector("#verdict") || {dataset: {}}).dataset.bytes || "";
  const pos = at === null ? e.value.length - 1 : at;
  e.focus(); e.setSelectionRange(pos, pos);
  const before = bytes();
  for (let i = 0; i < keys; i++) document.execCommand("insertText", false, ch === null ? " " : ch);
  // The code editor reads the browser's edits of its text in the task's
  // microtasks, not within the keystroke: let them run (no timer of the
  // page's can run before this one).
  if (e.isCodeEditor) await new Promise(r => setTimeout(r, 0));
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
  const incremental = document.querySelector("#verdict").dataset.incremental === "true";
  return {before: before, after: after, want: n, seen: seen, incremental: incremental};
}
