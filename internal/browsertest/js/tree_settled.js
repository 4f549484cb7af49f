// Whether the rows the tree view draws fill its visible box: the first
// starts at or above its top, each starts where the one before ends, and
// the last ends at or below its bottom, unless it is the row of pointer
// last.
(last) => {
  const tree = document.querySelector("#tree");
  const box = tree.getBoundingClientRect();
  const top = box.top + tree.clientTop, bottom = top + tree.clientHeight;
  const rows = [...tree.querySelectorAll(".tv-row")].map(e => [e.getBoundingClientRect(), e.dataset.pointer]);
  if (rows.length === 0 || rows[0][0].top > top + 0.5) return false;
  for (let i = 1; i < rows.length; i++) {
    if (Math.abs(rows[i][0].top - rows[i - 1][0].bottom) > 0.5) return false;
  }
  const end = rows[rows.length - 1];
  return end[0].bottom >= bottom - 0.5 || end[1] === last;
}
