//go:build !wasm

package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"sort"
	"strings"
)

// cspPolicy is the app's Content-Security-Policy: its own files, its wasm
// ('wasm-unsafe-eval' lets WebAssembly compile, nothing else), and the
// inline scripts and styles of the rendered pages by hash. go-app v10's page
// template has no inline script, so today both hash lists are empty; they
// fill themselves if a go-app upgrade or a RawHeaders entry adds one.
type cspPolicy struct {
	scriptHashes []string // 'sha256-...' of each inline <script>
	styleHashes  []string // 'sha256-...' of each inline <style>
}

// contentSecurityPolicy computes the policy for the rendered pages. It
// fails on markup it cannot read (an unterminated <script> or <style>).
func contentSecurityPolicy(pages [][]byte) (cspPolicy, error) {
	scripts := map[string]bool{}
	styles := map[string]bool{}
	for _, page := range pages {
		s, err := inlineContents(page, "script")
		if err != nil {
			return cspPolicy{}, err
		}
		for _, c := range s {
			scripts[cspHash(c)] = true
		}
		st, err := inlineContents(page, "style")
		if err != nil {
			return cspPolicy{}, err
		}
		for _, c := range st {
			styles[cspHash(c)] = true
		}
	}
	return cspPolicy{scriptHashes: sortedKeys(scripts), styleHashes: sortedKeys(styles)}, nil
}

// directives returns the policy's directives, in order.
func (p cspPolicy) directives() []string {
	script := append([]string{"'self'", "'wasm-unsafe-eval'"}, p.scriptHashes...)
	style := append([]string{"'self'"}, p.styleHashes...)
	return []string{
		"default-src 'none'",
		"script-src " + strings.Join(script, " "),
		"style-src " + strings.Join(style, " "),
		"img-src 'self'",
		"connect-src 'self'",
		"manifest-src 'self'",
		"worker-src 'self'",
		"base-uri 'none'",
		"form-action 'none'",
	}
}

// header is the policy as the Content-Security-Policy header sends it.
func (p cspPolicy) header() string {
	return strings.Join(append(p.directives(), "frame-ancestors 'none'"), "; ")
}

// meta is the policy for a <meta http-equiv> element, where browsers ignore
// (and complain about) frame-ancestors.
func (p cspPolicy) meta() string {
	return strings.Join(p.directives(), "; ")
}

// cspHash returns the CSP source expression for an inline element's text.
func cspHash(content []byte) string {
	sum := sha256.Sum256(content)
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// inlineContents returns the text of every <tag> element of page that has
// no src attribute, as the browser hashes it (the bytes between the tags).
func inlineContents(page []byte, tag string) ([][]byte, error) {
	var out [][]byte
	lower := asciiLower(page)
	open := []byte("<" + tag)
	closeTag := []byte("</" + tag)
	for i := 0; ; {
		j := bytes.Index(lower[i:], open)
		if j < 0 {
			return out, nil
		}
		start := i + j
		after := start + len(open)
		// <scripts> or <style-x> are other elements.
		if after < len(lower) && !isTagEnd(lower[after]) {
			i = after
			continue
		}
		gt := bytes.IndexByte(lower[after:], '>')
		if gt < 0 {
			return nil, fmt.Errorf("rendered page has an unterminated <%s> tag: the page template is broken", tag)
		}
		attrs := lower[after : after+gt]
		bodyStart := after + gt + 1
		end := bytes.Index(lower[bodyStart:], closeTag)
		if end < 0 {
			return nil, fmt.Errorf("rendered page has a <%s> without </%s>: the page template is broken", tag, tag)
		}
		if !hasAttr(attrs, "src") {
			out = append(out, page[bodyStart:bodyStart+end])
		}
		i = bodyStart + end + len(closeTag)
	}
}

// isTagEnd reports whether c ends a tag name.
func isTagEnd(c byte) bool {
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// hasAttr reports whether a tag's lower-cased attribute text has name.
func hasAttr(attrs []byte, name string) bool {
	for _, f := range bytes.FieldsFunc(attrs, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }) {
		if k, _, _ := bytes.Cut(f, []byte("=")); string(k) == name {
			return true
		}
	}
	return false
}

// sortedKeys returns a set's members, sorted.
func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// asciiLower lower-cases A-Z only, keeping every other byte (and so every
// offset) as it is, unlike bytes.ToLower on invalid UTF-8.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
