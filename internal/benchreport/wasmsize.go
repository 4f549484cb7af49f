package main

import (
	"errors"
	"fmt"
	"sort"
)

// wasmCode returns the size of each function's code in a WebAssembly
// binary built by Go, summed by package (one of pkgs, the binary's
// packages as `go list -deps` names them; "other" for the rest), from its
// code section and the function names of its "name" section (present
// unless built with -ldflags=-s). go tool nm does not read WebAssembly.
func wasmCode(b []byte, pkgs []string) (map[string]int, int, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, 0, errors.New("not a WebAssembly binary")
	}
	r := &wasmReader{b: b, i: 8}
	var imported int
	var bodies []int
	names := map[int]string{}
	for r.i < len(b) {
		id := r.byte()
		size := r.uleb()
		end := r.i + size
		if r.err != nil || end > len(b) || end < r.i {
			return nil, 0, errors.New("truncated section")
		}
		sec := &wasmReader{b: b[:end], i: r.i}
		switch id {
		case 2: // imports: functions imported come first in the index space
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				sec.name()
				sec.name()
				switch kind := sec.byte(); kind {
				case 0:
					sec.uleb()
					imported++
				case 1: // table
					sec.byte()
					sec.limits()
				case 2: // memory
					sec.limits()
				case 3: // global
					sec.byte()
					sec.byte()
				default:
					return nil, 0, fmt.Errorf("unknown import kind %d", kind)
				}
			}
		case 10: // code
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				sz := sec.uleb()
				bodies = append(bodies, sz)
				sec.i += sz
			}
		case 0: // custom
			if sec.name() == "name" {
				for sec.i < end && sec.err == nil {
					sub := sec.byte()
					subSize := sec.uleb()
					subEnd := sec.i + subSize
					if sub == 1 {
						for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
							idx := sec.uleb()
							names[idx] = sec.name()
						}
					}
					sec.i = subEnd
				}
			}
		}
		if sec.err != nil {
			return nil, 0, sec.err
		}
		r.i = end
	}
	if len(names) == 0 {
		return nil, 0, errors.New("no function names (built with -ldflags=-s?)")
	}
	mangled := make(map[string]string, len(pkgs))
	for _, p := range pkgs {
		mangled[mangle(p)] = p
	}
	byPkg := map[string]int{}
	total := 0
	for k, sz := range bodies {
		total += sz
		byPkg[packageOf(names[imported+k], mangled)] += sz
	}
	return byPkg, total, nil
}

// mangle writes an import path as the Go linker writes it in WebAssembly
// function names: every character but letters, digits, '_' and '.'
// becomes '_' ("github.com/a-b/c" → "github.com_a_b_c").
func mangle(path string) string {
	b := []byte(path)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			b[i] = '_'
		}
	}
	return string(b)
}

// packageOf returns the package of a function name: the longest prefix
// before a '.' that is a mangled package path, or "other".
func packageOf(name string, mangled map[string]string) string {
	best := "other"
	for i := 0; i < len(name); i++ {
		if name[i] == '.' {
			if p, ok := mangled[name[:i]]; ok {
				best = p
			}
		}
	}
	return best
}

// largest returns the n largest entries of m as "`key` size".
func largest(m map[string]int, n int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]] > m[keys[j]] })
	var out []string
	for i := 0; i < len(keys) && i < n; i++ {
		out = append(out, fmt.Sprintf("`%s` %s", keys[i], kb(m[keys[i]])))
	}
	return out
}

// wasmReader reads the LEB128 integers and names of a WebAssembly binary.
type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("unexpected end of WebAssembly binary")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *wasmReader) uleb() int {
	var v, shift uint
	for shift < 35 {
		c := r.byte()
		v |= uint(c&0x7f) << shift
		if c&0x80 == 0 {
			return int(v)
		}
		shift += 7
	}
	r.err = errors.New("LEB128 number too long")
	return 0
}

func (r *wasmReader) name() string {
	n := r.uleb()
	if n < 0 || r.i+n > len(r.b) {
		r.err = errors.New("name past the end")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *wasmReader) limits() {
	if r.byte()&1 == 1 {
		r.uleb()
	}
	r.uleb()
}
