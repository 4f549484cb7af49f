package jsondiff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// This file holds a small RFC 6902 applier (add, remove, replace, move)
// over values decoded by encoding/json with UseNumber, to check that a
// Patch really turns the old document into the new one.

// decode reads JSON text as encoding/json does (numbers kept as text; the
// last of duplicate keys wins).
func decode(src []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// applyPatch applies the JSON Patch document patch to doc, each operation
// to the result of the ones before.
func applyPatch(doc any, patch []byte) (any, error) {
	var ops []map[string]any
	dec := json.NewDecoder(bytes.NewReader(patch))
	dec.UseNumber()
	if err := dec.Decode(&ops); err != nil {
		return nil, fmt.Errorf("patch is not a JSON array of objects: %v", err)
	}
	for k, o := range ops {
		path, ok := o["path"].(string)
		if !ok {
			return nil, fmt.Errorf("op %d: no path", k)
		}
		toks, err := tokens(path)
		if err != nil {
			return nil, fmt.Errorf("op %d: %v", k, err)
		}
		value, hasValue := o["value"]
		switch o["op"] {
		case "add":
			if !hasValue {
				return nil, fmt.Errorf("op %d: add without value", k)
			}
			doc, err = add(doc, toks, value)
		case "remove":
			doc, _, err = remove(doc, toks)
		case "replace":
			if !hasValue {
				return nil, fmt.Errorf("op %d: replace without value", k)
			}
			if doc, _, err = remove(doc, toks); err == nil || len(toks) == 0 {
				doc, err = add(doc, toks, value)
			}
		case "move":
			from, ok := o["from"].(string)
			if !ok {
				return nil, fmt.Errorf("op %d: move without from", k)
			}
			if strings.HasPrefix(path, from+"/") {
				return nil, fmt.Errorf("op %d: move into its own child", k)
			}
			ftoks, err2 := tokens(from)
			if err2 != nil {
				return nil, fmt.Errorf("op %d: %v", k, err2)
			}
			var v any
			if doc, v, err = remove(doc, ftoks); err == nil {
				doc, err = add(doc, toks, v)
			}
		default:
			return nil, fmt.Errorf("op %d: unknown op %v", k, o["op"])
		}
		if err != nil {
			return nil, fmt.Errorf("op %d (%v %s): %v", k, o["op"], path, err)
		}
	}
	return doc, nil
}

// tokens splits an RFC 6901 pointer.
func tokens(p string) ([]string, error) {
	if p == "" {
		return nil, nil
	}
	if p[0] != '/' {
		return nil, fmt.Errorf("pointer %q does not start with /", p)
	}
	ts := strings.Split(p[1:], "/")
	for i, t := range ts {
		ts[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return ts, nil
}

// arrayIndex parses an array index token that must be < limit.
func arrayIndex(tok string, limit int) (int, error) {
	i, err := strconv.Atoi(tok)
	if err != nil || i < 0 || i >= limit || (len(tok) > 1 && tok[0] == '0') {
		return 0, fmt.Errorf("bad index %q for an array of %d", tok, limit)
	}
	return i, nil
}

// add inserts v at toks in doc and returns the new document.
func add(doc any, toks []string, v any) (any, error) {
	if len(toks) == 0 {
		return v, nil
	}
	if len(toks) > 1 {
		return within(doc, toks, func(child any) (any, error) { return add(child, toks[1:], v) })
	}
	switch c := doc.(type) {
	case map[string]any:
		c[toks[0]] = v
		return c, nil
	case []any:
		if toks[0] == "-" {
			return append(c, v), nil
		}
		i, err := arrayIndex(toks[0], len(c)+1)
		if err != nil {
			return nil, err
		}
		c = append(c, nil)
		copy(c[i+1:], c[i:])
		c[i] = v
		return c, nil
	}
	return nil, fmt.Errorf("cannot add into a %T", doc)
}

// remove deletes the value at toks and returns the new document and it.
func remove(doc any, toks []string) (any, any, error) {
	if len(toks) == 0 {
		return nil, nil, fmt.Errorf("cannot remove the whole document")
	}
	if len(toks) > 1 {
		var removed any
		out, err := within(doc, toks, func(child any) (any, error) {
			c, r, err := remove(child, toks[1:])
			removed = r
			return c, err
		})
		return out, removed, err
	}
	switch c := doc.(type) {
	case map[string]any:
		v, ok := c[toks[0]]
		if !ok {
			return nil, nil, fmt.Errorf("no member %q to remove", toks[0])
		}
		delete(c, toks[0])
		return c, v, nil
	case []any:
		i, err := arrayIndex(toks[0], len(c))
		if err != nil {
			return nil, nil, err
		}
		v := c[i]
		return append(c[:i], c[i+1:]...), v, nil
	}
	return nil, nil, fmt.Errorf("cannot remove from a %T", doc)
}

// within applies f to the child of doc named by toks[0] and stores its result.
func within(doc any, toks []string, f func(any) (any, error)) (any, error) {
	switch c := doc.(type) {
	case map[string]any:
		child, ok := c[toks[0]]
		if !ok {
			return nil, fmt.Errorf("no member %q", toks[0])
		}
		nc, err := f(child)
		if err != nil {
			return nil, err
		}
		c[toks[0]] = nc
		return c, nil
	case []any:
		i, err := arrayIndex(toks[0], len(c))
		if err != nil {
			return nil, err
		}
		nc, err := f(c[i])
		if err != nil {
			return nil, err
		}
		c[i] = nc
		return c, nil
	}
	return nil, fmt.Errorf("cannot descend into a %T", doc)
}
