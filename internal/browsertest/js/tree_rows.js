// The tree view's rows in the page: each row's pointer, line number,
// text (without the line number), height, and top and bottom relative to
// the tree's visible box (whose height is given as view).
() => {
  const tree = document.querySelector("#tree");
  const box = tree.getBoundingClientRect();
  const rows = [...tree.querySelectorAll(".tv-row")].map(e => {
    const r = e.getBoundingClientRect();
    const line = e.querySelector(".tv-line");
    return {
      pointer: e.dataset.pointer,
      line: line ? line.textContent : "",
      text: [...e.children].filter(c => !c.classList.contains("tv-line")).map(c => c.textContent).join(""),
      height: r.height,
      top: r.top - box.top - tree.clientTop,
      bottom: r.bottom - box.top - tree.clientTop,
    };
  });
  return {rows, view: tree.clientHeight, scrollTop: tree.scrollTop, scrollHeight: tree.scrollHeight};
}
