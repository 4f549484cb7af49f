// contrast returns the WCAG 2 contrast ratio of two CSS colours written
// as rgb() or rgba() (an alpha below 1 is composed over the second).
function contrast(fg, bg) {
  const parse = (c) => c.match(/[\d.]+/g).map(Number);
  const [br, bgr, bb] = parse(bg);
  let [r, g, b, a] = parse(fg);
  if (a !== undefined && a < 1) {
    r = r * a + br * (1 - a); g = g * a + bgr * (1 - a); b = b * a + bb * (1 - a);
  }
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const [hi, lo] = [lum([r, g, b]), lum([br, bgr, bb])].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
