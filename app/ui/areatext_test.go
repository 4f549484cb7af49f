package ui

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
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

// TestSplice checks splice against the same edit made on UTF-16 code
// units, for seeded texts of ASCII, Latin-1 and characters outside the
// BMP: every prefix and suffix that falls between two characters gives
// the edited text, and one that splits a surrogate pair is refused.
func TestSplice(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alpha := []string{"a", "{", "\n", "é", "😀"}
	text := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alpha[r.IntN(len(alpha))])
		}
		return b.String()
	}
	splits := func(u []uint16, i int) bool {
		return i > 0 && i < len(u) && utf16.IsSurrogate(rune(u[i-1])) && u[i-1] < 0xdc00
	}
	for range 20000 {
		old, mid := text(r.IntN(12)), text(r.IntN(4))
		u := utf16.Encode([]rune(old))
		p := r.IntN(len(u) + 1)
		s := r.IntN(len(u) - p + 1)
		got, ok := splice(old, len(u), p, s, mid)
		if splits(u, p) || splits(u, len(u)-s) {
			if ok {
				t.Fatalf("splice(%q, %d, %d, %d, %q) = %q, want a refusal: it splits a pair", old, len(u), p, s, mid, got)
			}
			continue
		}
		want := string(utf16.Decode(u[:p])) + mid + string(utf16.Decode(u[len(u)-s:]))
		if !ok || got != want {
			t.Fatalf("splice(%q, %d, %d, %d, %q) = %q, %v; want %q", old, len(u), p, s, mid, got, ok, want)
		}
	}
	if _, ok := splice("abc", 3, 2, 2, ""); ok {
		t.Error("splice accepted a prefix and a suffix longer than the text")
	}
}
