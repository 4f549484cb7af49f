package ui

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestChangeScript runs ChangeScript under Node.js against 100,000 pairs of
// texts, made by a seeded generator from edits of short strings of ASCII,
// Latin-1, characters outside the BMP and lone surrogates, and checks each
// answer: a shared prefix and suffix that fit in the shorter text and split
// no surrogate pair of either text. (The page's use of it is tested in
// Chromium: TestEditorReadsOnlyTheEdit.)
func TestChangeScript(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("Node.js is not installed (make test installs it)")
	}
	check := ChangeScript + `
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
const alpha = ["a", "b", "\n", "é", "😀", "\ud800", "\udc00", "\ud83d", "\ude00"];
const text = (n) => { let s = ""; for (let i = 0; i < n; i++) s += alpha[rand(alpha.length)]; return s; };
const pair = (x, i) => i > 0 && i < x.length && x.charCodeAt(i - 1) >= 0xd800 && x.charCodeAt(i - 1) <= 0xdbff &&
  x.charCodeAt(i) >= 0xdc00 && x.charCodeAt(i) <= 0xdfff;
let bad = 0, checked = 0;
for (let t = 0; t < 100000; t++) {
  const a = text(rand(14));
  const i = rand(a.length + 1), j = i + rand(a.length - i + 1);
  const b = rand(10) < 8 ? a.slice(0, i) + text(rand(4)) + a.slice(j) : text(rand(14));
  const caret = rand(b.length + 3) - 1;
  const [p, s] = eventlensChange(a, b, caret);
  const n = b.length, lo = a.length;
  const ok = Number.isInteger(p) && Number.isInteger(s) && p >= 0 && s >= 0 && p + s <= Math.min(n, lo) &&
    a.slice(0, p) === b.slice(0, p) && a.slice(lo - s) === b.slice(n - s) &&
    !pair(a, p) && !pair(b, p) && !pair(a, lo - s) && !pair(b, n - s);
  checked++;
  if (!ok && bad++ < 5) console.log("wrong:", JSON.stringify({a, b, caret, p, s}));
}
console.log("checked " + checked + ", wrong " + bad);
`
	f := filepath.Join(t.TempDir(), "change.js")
	if err := os.WriteFile(f, []byte(check), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(node, f).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "checked 100000, wrong 0") {
		t.Fatalf("node: %v\n%s", err, out)
	}
}
