package wire

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"sync"

	"eventlens/app/vocab"
)

// textLine is a line of the request: its index among the text's lines and
// the bytes [start, end) it holds, without the line break (and, in a curl
// dump, without the "> " that starts it).
type textLine struct {
	index, start, end int
	curl              bool
}

// lineAt returns line i of src without its line break ("\n" or "\r\n").
func lineAt(src []byte, lines []int, i int) (start, end int) {
	start, end = lines[i], len(src)
	if i+1 < len(lines) {
		end = lines[i+1] - 1
	}
	if end > start && src[end-1] == '\r' {
		end--
	}
	return start, end
}

// blank reports whether b holds only white space.
func blank(b []byte) bool { return len(bytes.Trim(b, " \t\r\ufeff")) == 0 }

// curlPrefixed reports whether a line of a curl -v dump is one of curl's
// own: "* " information, "> " request, "< " response, "{ [" / "} [" data
// notes.
func curlPrefixed(b []byte) bool {
	for _, p := range []string{"* ", "> ", "< ", "{ [", "} ["} {
		if bytes.HasPrefix(b, []byte(p)) {
			return true
		}
	}
	s := string(bytes.TrimRight(b, " \r"))
	return s == "*" || s == ">" || s == "<"
}

// requestLine finds the request line: the first non-blank line, or in a
// curl dump (a text whose first line is one of curl's) the first "> " line.
func requestLine(src []byte, lines []int) (textLine, bool) {
	curl := false
	for i := range lines {
		start, end := lineAt(src, lines, i)
		if i == 0 && bytes.HasPrefix(src, bom) {
			start = min(len(bom), end)
		}
		b := src[start:end]
		if !curl && blank(b) {
			continue
		}
		if !curl && curlPrefixed(b) && !bytes.HasPrefix(b, []byte("> ")) {
			curl = true
		}
		if bytes.HasPrefix(b, []byte("> ")) {
			l := textLine{index: i, start: start + 2, end: end, curl: true}
			return l, looksLikeRequestLine(src[l.start:l.end])
		}
		if !curl {
			return textLine{index: i, start: start, end: end}, looksLikeRequestLine(b)
		}
	}
	return textLine{}, false
}

// looksLikeRequestLine reports whether b starts with a method (any case),
// a space and a target.
func looksLikeRequestLine(b []byte) bool {
	method, rest, ok := strings.Cut(string(b), " ")
	if !ok || !slices.ContainsFunc(methods, func(m string) bool { return strings.EqualFold(m, method) }) {
		return false
	}
	target, version, _ := strings.Cut(strings.TrimLeft(rest, " "), " ")
	return targetForm(target) || strings.HasPrefix(strings.TrimLeft(version, " "), "HTTP/")
}

// targetForm reports whether a request target is in a form a request to a
// webhook uses: "/path", an absolute URL or "*".
func targetForm(target string) bool {
	lower := strings.ToLower(target)
	return strings.HasPrefix(target, "/") || target == "*" || strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}

// protoPattern matches the HTTP versions a request line may name.
// It is compiled on first use, not while the app starts.
var protoPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^HTTP/[0-9](\.[0-9])?$`) })

// parseRequestLine reads "METHOD target HTTP/version".
func (r *Request) parseRequestLine(l textLine) {
	r.Line = r.span(l.start, l.end)
	text := string(r.src[l.start:l.end])
	fields := strings.Fields(text)
	method := fields[0]
	r.Method = strings.ToUpper(method)
	if len(fields) > 1 {
		r.Target = fields[1]
	}
	if len(fields) > 2 {
		r.Proto = fields[2]
	}
	switch {
	case len(fields) == 2:
		r.add(vocab.HTTPRequestLine, r.Line, "The request line has no HTTP version: write %q.", r.Method+" "+r.Target+" HTTP/1.1")
	case len(fields) != 3:
		r.add(vocab.HTTPRequestLine, r.Line, `The request line has %d words where HTTP has 3, "METHOD target HTTP/version": percent-encode spaces in the target (%%20).`, len(fields))
	case text != strings.Join(fields, " "):
		r.add(vocab.HTTPRequestLine, r.Line, `Separate the method, the target and the version with single spaces: write %q.`, strings.Join(fields, " "))
	case method != r.Method:
		r.add(vocab.HTTPRequestLine, r.Line, "Methods are case-sensitive and written in capitals: write %q, not %q.", r.Method, method)
	case !targetForm(r.Target):
		r.add(vocab.HTTPRequestLine, r.Line, "The target %q is not a path: write the path the request goes to, starting with / (e.g. /api/events), or the whole URL.", r.Target)
	case !protoPattern().MatchString(r.Proto):
		r.add(vocab.HTTPRequestLine, r.Line, "%q is not an HTTP version: write HTTP/1.1 (or HTTP/2).", r.Proto)
	}
}

// parseHead reads the header lines after the request line l, and finds
// where the body starts and ends.
func (r *Request) parseHead(l textLine) {
	for i := l.index + 1; i < len(r.lines); i++ {
		start, end := lineAt(r.src, r.lines, i)
		if l.curl {
			b := r.src[start:end]
			if !bytes.HasPrefix(b, []byte(">")) {
				return // the request's head ended without its blank line: no body
			}
			start = min(start+2, end)
		}
		b := r.src[start:end]
		switch {
		case blank(b):
			r.findBody(i+1, l.curl)
			return
		case b[0] == ' ' || b[0] == '\t':
			r.add(vocab.HTTPHeaderLine, r.span(start, end), "A header line starts with white space: a folded continuation of the previous header, obsolete since RFC 7230 and rejected by most servers. Join it to the previous line.")
		case !l.curl && (b[0] == '{' || b[0] == '['):
			r.add(vocab.HTTPNoBlankLine, r.span(start, start+1), "The body starts here, right after the headers: insert an empty line before it, which ends the headers.")
			r.BodyStart = start
			return
		default:
			r.header(start, end)
		}
	}
}

// findBody sets the body: from line i to the end of the text or, in a curl
// dump, the lines up to the next line of curl's own (data notes "} [...]"
// before the body are skipped).
func (r *Request) findBody(i int, curl bool) {
	if i >= len(r.lines) {
		return
	}
	if !curl {
		r.BodyStart = r.lines[i]
		return
	}
	for i < len(r.lines) {
		start, end := lineAt(r.src, r.lines, i)
		if b := r.src[start:end]; bytes.HasPrefix(b, []byte("} [")) || bytes.HasPrefix(b, []byte("{ [")) {
			i++
			continue
		}
		break
	}
	if i >= len(r.lines) {
		return
	}
	r.BodyStart = r.lines[i]
	for j := i; j < len(r.lines); j++ {
		start, end := lineAt(r.src, r.lines, j)
		if curlPrefixed(r.src[start:end]) {
			r.BodyEnd = start
			return
		}
	}
}

// header reads the header line src[start:end].
func (r *Request) header(start, end int) {
	b := r.src[start:end]
	colon := bytes.IndexByte(b, ':')
	if colon < 0 {
		r.add(vocab.HTTPHeaderLine, r.span(start, end), `This header line has no colon: write "Name: value".`)
		return
	}
	name := string(b[:colon])
	if !token(name) {
		r.add(vocab.HTTPHeaderLine, r.span(start, start+colon), "%q is not a header name: names are letters, digits and !#$%%&'*+-.^_`|~, without spaces.", name)
		return
	}
	vs := start + colon + 1
	for vs < end && (r.src[vs] == ' ' || r.src[vs] == '\t') {
		vs++
	}
	ve := end
	for ve > vs && (r.src[ve-1] == ' ' || r.src[ve-1] == '\t') {
		ve--
	}
	r.Headers = append(r.Headers, Header{
		Name: name, Value: string(r.src[vs:ve]),
		Span: r.span(start, max(ve, start+colon+1)), ValueSpan: r.span(vs, ve),
	})
}

// token reports whether s is an HTTP token (RFC 9110 §5.6.2).
func token(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0) {
			return false
		}
	}
	return true
}
