// Drops a file called name holding text on the output pane, as a user
// drags one onto the page: dragover, then drop. Returns whether the page
// took the drop (prevented the browser's own handling).
(text, name) => {
  const dt = new DataTransfer();
  dt.items.add(new File([text], name, {type: "application/json"}));
  const target = document.querySelector(".output-pane");
  target.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt}));
  return !target.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt}));
}
