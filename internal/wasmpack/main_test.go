package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// module returns a WebAssembly module with a custom section, the given data
// segments (in that order) and, when dataCount, a data count section.
func module(segs []segment, dataCount bool) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	b = appendSection(b, 0, append(appendU32(nil, 4), "name"...)) // custom
	if dataCount {
		b = appendSection(b, sectionDataCount, appendU32(nil, uint32(len(segs))))
	}
	b = appendSection(b, sectionData, encodeSegments(segs))
	return appendSection(b, 0, append(appendU32(nil, 5), "after"...))
}

// image returns memory as segs leave it, from base to end.
func image(segs []segment, base, end int) []byte {
	m := make([]byte, end-base)
	for _, s := range segs {
		copy(m[int(s.offset)-base:], s.bytes)
	}
	return m
}

// dataOf decodes the data segments of a module.
func dataOf(t *testing.T, mod []byte) []segment {
	t.Helper()
	secs, err := sections(mod)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range secs {
		if s.id == sectionData {
			segs, err := readSegments(mod[s.body:s.end])
			if err != nil {
				t.Fatal(err)
			}
			return segs
		}
	}
	t.Fatal("no data section")
	return nil
}

// TestPackKeepsMemory: for seeded random layouts (gaps of every size, in any
// order, empty segments, offsets past 2^21), the
// packed module starts with the same memory, has no more segments than gaps
// of at least maxGap allow, keeps the other sections byte for byte, and
// packing it again changes nothing.
func TestPackKeepsMemory(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 300; n++ {
		var segs []segment
		base := r.IntN(5000)
		if n%3 == 0 {
			base += 1 << 21 // offsets whose LEB128 takes 4 bytes
		}
		off := uint32(base)
		for k := r.IntN(60); k > 0; k-- {
			data := make([]byte, r.IntN(40))
			for i := range data {
				data[i] = byte(1 + r.IntN(255))
			}
			segs = append(segs, segment{offset: off, bytes: data})
			off += uint32(len(data) + []int{0, 1, 7, maxGap - 1, maxGap, maxGap + 1, 3 * maxGap}[r.IntN(7)])
		}
		// The gaps of at least maxGap between segments with bytes.
		bigGaps, end := 0, -1
		for _, s := range segs {
			if len(s.bytes) == 0 {
				continue
			}
			if end >= 0 && int(s.offset)-end >= maxGap {
				bigGaps++
			}
			end = int(s.offset) + len(s.bytes)
		}
		shuffled := append([]segment(nil), segs...)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		withCount := n%2 == 0
		in := module(shuffled, withCount)
		out, err := pack(in, maxGap)
		if err != nil {
			t.Fatalf("layout %d: %v", n, err)
		}
		got := dataOf(t, out)
		if !bytes.Equal(image(got, base, int(off)), image(segs, base, int(off))) {
			t.Fatalf("layout %d: the packed module starts with another memory", n)
		}
		if len(got) > bigGaps+1 {
			t.Errorf("layout %d: %d segments, want at most %d", n, len(got), bigGaps+1)
		}
		if want := module(got, withCount); !bytes.Equal(out, want) {
			t.Errorf("layout %d: the other sections changed", n)
		}
		again, err := pack(out, maxGap)
		if err != nil || !bytes.Equal(again, out) {
			t.Errorf("layout %d: packing twice changed the module (%v)", n, err)
		}
	}
}

// TestPackRefuses: what Go's linker does not write is refused with a reason,
// rather than rewritten into a module that starts differently.
func TestPackRefuses(t *testing.T) {
	header := "\x00asm\x01\x00\x00\x00"
	passive := append(appendU32(nil, 1), 1, 2, 'h', 'i')
	global := append(appendU32(nil, 1), 0, 0x23, 0, 0x0b, 1, 'x') // global.get 0
	for name, c := range map[string]struct {
		mod  []byte
		want string
	}{
		"not wasm":       {[]byte("hello, world"), "not a WebAssembly module"},
		"cut section":    {append([]byte(header), sectionData, 50, 0), "runs past the end"},
		"passive":        {appendSection([]byte(header), sectionData, passive), "not an active segment"},
		"global offset":  {appendSection([]byte(header), sectionData, global), "not an active segment"},
		"overlap":        {module([]segment{{offset: 10, bytes: []byte("abcd")}, {offset: 12, bytes: []byte("xy")}}, false), "overlap"},
		"trailing bytes": {appendSection([]byte(header), sectionData, append(encodeSegments([]segment{{offset: 1, bytes: []byte("a")}}), 0)), "after the last segment"},
	} {
		if _, err := pack(c.mod, maxGap); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
	}
}

// TestPackGoModule packs a module Go built (testdata/gostart of the browser
// tests, the smallest Go program for a page): the memory it starts with is
// the same, in fewer segments.
func TestPackGoModule(t *testing.T) {
	wasm := filepath.Join(t.TempDir(), "gostart.wasm")
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "../browsertest/testdata/gostart")
	build.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building testdata/gostart: %v\n%s", err, out)
	}
	in, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	if err := packFile(wasm); err != nil {
		t.Fatal(err)
	}
	out, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	before, after := dataOf(t, in), dataOf(t, out)
	end := func(segs []segment) int {
		e := 0
		for _, s := range segs {
			e = max(e, int(s.offset)+len(s.bytes))
		}
		return e
	}
	if end(before) != end(after) || !bytes.Equal(image(before, 0, end(before)), image(after, 0, end(after))) {
		t.Fatal("the packed module starts with another memory")
	}
	if len(after) >= len(before) {
		t.Errorf("%d segments after packing, %d before", len(after), len(before))
	}
	t.Logf("%d segments → %d; %d → %d bytes", len(before), len(after), len(in), len(out))
}
