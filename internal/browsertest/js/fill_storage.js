// Fills the page's localStorage with junk* keys until it takes nothing
// more, not even 16 characters.
() => {
  const big = "x".repeat(1 << 20);
  let i = 0;
  for (let size = 1 << 20; size >= 16; size >>= 1) {
    const s = big.slice(0, size);
    try {
      for (;;) localStorage.setItem("junk" + i++, s);
    } catch (e) {}
  }
  return true;
}
