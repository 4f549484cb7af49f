//go:build !wasm

package site

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
)

// canonicalHTML returns page with every start tag's attributes sorted by
// name. go-app writes attributes in map order, different at each render;
// sorted, the same app renders the same bytes, so the content version, the
// ETags and the export are reproducible. go-app also writes each value as a
// Go string literal (strconv.Quote): a value with an escape, such as \" for
// a double quote, is decoded and written as HTML reads it. A tag it cannot
// read (a quote it does not expect) is left as it is; the text inside
// <script> and <style> is never touched.
func canonicalHTML(page []byte) []byte {
	var out []byte
	i := 0
	for i < len(page) {
		lt := bytes.IndexByte(page[i:], '<')
		if lt < 0 {
			break
		}
		start := i + lt
		out = append(out, page[i:start]...)
		tag, name, end, ok := canonicalTag(page[start:])
		if !ok {
			out = append(out, '<')
			i = start + 1
			continue
		}
		out = append(out, tag...)
		i = start + end
		if name == "script" || name == "style" {
			closeAt := bytes.Index(asciiLower(page[i:]), []byte("</"+name))
			if closeAt < 0 {
				break
			}
			out = append(out, page[i:i+closeAt]...)
			i += closeAt
		}
	}
	return append(out, page[i:]...)
}

// canonicalTag reads a start tag at the beginning of b and returns it with
// sorted attributes, its lower-case name and its length in b.
func canonicalTag(b []byte) (tag []byte, name string, n int, ok bool) {
	j := 1
	for j < len(b) && (isASCIILetter(b[j]) || (j > 1 && (b[j] >= '0' && b[j] <= '9' || b[j] == '-'))) {
		j++
	}
	if j == 1 {
		return nil, "", 0, false
	}
	name = strings.ToLower(string(b[1:j]))
	var attrs []string
	selfClosing := false
	for {
		for j < len(b) && (b[j] == ' ' || b[j] == '\n' || b[j] == '\t' || b[j] == '\r') {
			j++
		}
		if j >= len(b) {
			return nil, "", 0, false
		}
		if b[j] == '>' {
			j++
			break
		}
		if b[j] == '/' && j+1 < len(b) && b[j+1] == '>' {
			j += 2
			selfClosing = true
			break
		}
		k := j
		for k < len(b) && b[k] != '=' && b[k] != ' ' && b[k] != '>' && b[k] != '/' && b[k] != '"' && b[k] != '\'' && b[k] != '\n' {
			k++
		}
		if k == j {
			return nil, "", 0, false
		}
		if k < len(b) && b[k] == '=' {
			if k+1 >= len(b) || b[k+1] != '"' {
				return nil, "", 0, false
			}
			q := goQuotedEnd(b[k+1:])
			if q < 0 {
				return nil, "", 0, false
			}
			value := b[k+1 : k+1+q]
			if bytes.IndexByte(value, '\\') >= 0 {
				// A Go literal with escapes: written as HTML reads it.
				s, err := strconv.Unquote(string(value))
				if err != nil {
					return nil, "", 0, false
				}
				attrs = append(attrs, string(b[j:k+1])+`"`+htmlAttrEscaper.Replace(s)+`"`)
				j = k + 1 + q
				continue
			}
			k += 1 + q
		}
		if a := string(b[j:k]); !falseBoolean(a) {
			attrs = append(attrs, a)
		}
		j = k
	}
	sort.Strings(attrs)
	tag = append([]byte("<"), b[1:len(name)+1]...)
	for _, a := range attrs {
		tag = append(tag, ' ')
		tag = append(tag, a...)
	}
	if selfClosing {
		tag = append(tag, " /"...)
	}
	tag = append(tag, '>')
	return tag, name, j, true
}

// falseBoolean reports whether attribute a is a boolean attribute that
// go-app wrote as ="false" (Hidden(false), Disabled(false)): in its browser
// code go-app sets the element's property, but in the prerendered page the
// attribute's presence alone counts, so hidden="false" hid the editor until
// app.wasm ran. Such an attribute is left out.
func falseBoolean(a string) bool {
	name, value, ok := strings.Cut(a, "=")
	return ok && value == `"false"` && booleanAttributes[strings.ToLower(name)]
}

// booleanAttributes are the attributes go-app sets as element properties
// (third_party/go-app/pkg/app/attribute.go), whose presence means true.
var booleanAttributes = map[string]bool{
	"async": true, "autofocus": true, "autoplay": true, "checked": true, "default": true, "defer": true,
	"disabled": true, "hidden": true, "loop": true, "multiple": true, "muted": true, "open": true,
	"required": true, "reversed": true, "selected": true, "ismap": true, "readonly": true,
}

// goQuotedEnd returns the length of the double-quoted value at the start
// of b, quotes included, reading it as go-app writes it: a Go string
// literal (strconv.Quote), where a backslash escapes the next byte, so \"
// is a quote inside the value. It returns -1 when the value does not end.
func goQuotedEnd(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// htmlAttrEscaper escapes an attribute value decoded from a Go literal for
// a double-quoted HTML attribute. Backslashes become character references,
// so the value it writes has none and is not decoded a second time: the
// canonical form is stable.
var htmlAttrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;", `\`, "&#92;")

// isASCIILetter reports whether c is a-z or A-Z.
func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// attrEscaper escapes text for a double-quoted attribute value.
var attrEscaper = strings.NewReplacer("&", "&amp;", `"`, "&quot;", "<", "&lt;")

// withMetaPolicy returns page with a <meta http-equiv> Content-Security-Policy
// of the given policy as the first element of its <head>: a policy given by
// <meta> covers only the elements after it, so it must come before every
// script and stylesheet. The page must have a <head> start tag.
func withMetaPolicy(page []byte, policy string) ([]byte, error) {
	meta := `<meta content="` + attrEscaper.Replace(policy) + `" http-equiv="Content-Security-Policy">`
	out, ok := insertAfter(page, "<head>", meta)
	if !ok {
		return nil, errors.New("a page has no <head> to put the Content-Security-Policy <meta> in: see how go-app renders pages")
	}
	return out, nil
}

// insertAfter returns page with elem inserted after the first occurrence of
// tag, on a line of its own indented as the element after tag; ok is false
// when page has no tag.
func insertAfter(page []byte, tag, elem string) (out []byte, ok bool) {
	i := bytes.Index(page, []byte(tag))
	if i < 0 {
		return nil, false
	}
	i += len(tag)
	indent := "\n"
	if j := bytes.IndexByte(page[i:], '<'); j > 0 && len(bytes.TrimSpace(page[i:i+j])) == 0 {
		indent = string(page[i : i+j]) // the whitespace before the next element
	}
	out = make([]byte, 0, len(page)+len(indent)+len(elem))
	out = append(out, page[:i]...)
	out = append(out, indent...)
	out = append(out, elem...)
	return append(out, page[i:]...), true
}
