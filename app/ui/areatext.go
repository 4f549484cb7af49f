package ui

import (
	"unicode/utf8"
	"unsafe"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/textpos"
)

// deltaFrom is the length (UTF-16 code units) from which areaText reads
// only what changed: below it, copying the whole text costs less than
// finding the change.
const deltaFrom = 64 << 10

// areaText reads the editor's textarea into Go. Past deltaFrom it keeps the
// value it last read, as the browser's string and as the Go string copied
// from it, and a later read copies only what differs: typing into a large
// text then costs the keystroke, not a copy of megabytes out of the
// browser on every key.
type areaText struct {
	js    app.Value // the value last read, past deltaFrom; else nil
	s     string    // the same text in Go
	units int       // its length in UTF-16 code units
}

// seed makes js, a browser string of units code units, and s, the same
// text in Go, the last text read: the page set the textarea to js. It is
// kept only when s is valid UTF-8, so that it is exactly what reading js
// would give (a browser string made from invalid UTF-8 is not).
func (a *areaText) seed(js app.Value, s string, units int) {
	if units >= deltaFrom && utf8.ValidString(s) {
		a.js, a.s, a.units = js, s, units
	}
}

// read returns the text of textarea id.
func (a *areaText) read(id string) string {
	e := element(id)
	if !e.Truthy() {
		return ""
	}
	v := e.Get("value")
	n := e.Get("textLength").Int()
	if n < deltaFrom {
		a.js, a.s, a.units = nil, "", 0
		return jsText(v)
	}
	s, ok := "", false
	if a.js != nil {
		s, ok = a.delta(e, v, n)
	}
	if !ok {
		s = jsText(v)
	}
	a.js, a.s, a.units = v, s, n
	return s
}

// delta builds the text v (n code units long) from the last one read and
// the part of v that differs from it; it reports false when it cannot.
func (a *areaText) delta(e, v app.Value, n int) (string, bool) {
	if v.Equal(a.js) {
		return a.s, true
	}
	change := app.Window().Get("eventlensChange")
	if !change.Truthy() {
		return "", false // a page without ChangeScript
	}
	r := change.Invoke(a.js, v, e.Get("selectionEnd"))
	p, s := r.Index(0).Int(), r.Index(1).Int()
	lo := a.units
	if p < 0 || s < 0 || p+s > min(lo, n) {
		return "", false
	}
	return splice(a.s, lo, p, s, jsText(jsString(v).Call("substring", p, n-s)))
}

// splice returns old, a text of units UTF-16 code units, with what lies
// between its first p and its last s code units replaced by mid; it
// reports false when p or s does not fall between two characters of old.
func splice(old string, units, p, s int, mid string) (string, bool) {
	if p < 0 || s < 0 || p+s > units {
		return "", false
	}
	bp, bs := p, s
	if len(old) != units { // not all ASCII: code units are not bytes
		var ok1, ok2 bool
		bp, ok1 = textpos.PrefixBytes(old, p)
		bs, ok2 = textpos.SuffixBytes(old, s)
		if !ok1 || !ok2 || bp+bs > len(old) {
			return "", false
		}
	}
	b := make([]byte, bp+len(mid)+bs)
	copy(b, old[:bp])
	copy(b[bp:], mid)
	copy(b[bp+len(mid):], old[len(old)-bs:])
	if len(b) == 0 {
		return "", true
	}
	return unsafe.String(&b[0], len(b)), true // b is never written again
}

// ChangeScript defines eventlensChange(a, b, caret), which areaText calls:
// for two texts a and b (b with the caret at UTF-16 index caret), it
// returns [p, s], the lengths of a prefix and a suffix they share, with
// p + s at most the shorter one's length and neither splitting a surrogate
// pair of either text; the strings' own comparisons find them, with a
// guess from the caret checked first. The page
// includes it inline (internal/site): comparing in the browser spares
// copying megabytes between JavaScript and Go to find a keystroke.
const ChangeScript = `function eventlensChange(a, b, caret) {
  const n = b.length, lo = a.length, short = Math.min(lo, n);
  const pre = (k) => b.startsWith(a.slice(0, k));
  const suf = (k) => b.endsWith(a.slice(lo - k));
  // The largest k < hi with ok(k), given ok(0): from hi down in growing
  // steps, then halving (a failed guess is mostly off by a little).
  const longest = (hi, ok) => {
    let top = hi - 1, l = top;
    for (let step = 2; l > 0 && !ok(l); step *= 2) {
      top = l - 1;
      l = Math.max(0, hi - step);
    }
    while (l < top) {
      const m = l + ((top - l + 1) >> 1);
      if (ok(m)) l = m; else top = m - 1;
    }
    return l;
  };
  caret = Math.min(Math.max(caret | 0, 0), n);
  // An edit mostly ends at the caret: check that guess first.
  let p = Math.min(Math.max(caret - Math.max(0, n - lo), 0), short);
  if (p > 0 && !pre(p)) p = longest(p, pre);
  let s = Math.min(n - caret, short - p);
  if (s > 0 && !suf(s)) s = longest(s, suf);
  // Never between the two halves of a surrogate pair, in either text.
  const split = (x, i) => i > 0 && i < x.length && x.charCodeAt(i - 1) >= 0xd800 &&
    x.charCodeAt(i - 1) <= 0xdbff && x.charCodeAt(i) >= 0xdc00 && x.charCodeAt(i) <= 0xdfff;
  while (p > 0 && (split(a, p) || split(b, p))) p--;
  while (s > 0 && (split(a, lo - s) || split(b, n - s))) s--;
  return [p, s];
}`
