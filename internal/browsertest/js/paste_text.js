// Pastes text into the focused editor (#input, or the large payload's
// viewer) as a user does: a paste ClipboardEvent carrying it. The page
// takes a large text; a small one it leaves to the browser, which is done
// here: the value, then an input event.
(text) => {
  const e = document.querySelector("#input:not([hidden])") || document.querySelector("#large-scroll");
  e.focus();
  const dt = new DataTransfer();
  dt.setData("text/plain", text);
  const ev = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
  e.dispatchEvent(ev);
  if (!ev.defaultPrevented) { e.value = dt.getData("text/plain"); e.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"})); }
  return true;
}
