// Returns the editor that holds the payload, as the typing scripts use it
// (value, textLength, focus, setSelectionRange): the code editor of a
// large payload (#code-editor, through the handle web/editor.js keeps on
// it) when it is open, else the #input textarea. Every script of call()
// can call it as field().
() => {
  const h = (document.querySelector("#code-editor") || {}).eventlensEditor;
  if (!h) return document.querySelector("#input");
  return {
    isCodeEditor: true,
    get value() { return h.text(); },
    get textLength() { return h.length(); },
    focus() { h.focus(); },
    setSelectionRange(a, b) { h.select(a, b); },
  };
}
