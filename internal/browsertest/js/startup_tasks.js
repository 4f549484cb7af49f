// The long main-thread tasks js/probe.js recorded since the navigation: the
// longest, how many, and the blocking time (each task's time over 50 ms,
// summed, as Lighthouse's total blocking time counts it).
() => {
  const l = window.__long || [];
  let longest = 0, blocking = 0;
  for (const t of l) {
    longest = Math.max(longest, t.dur);
    blocking += Math.max(0, t.dur - 50);
  }
  return {longest, count: l.length, blocking};
}
