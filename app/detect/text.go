package detect

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
)

// httpStart matches the first line of an HTTP request or response. It is
// compiled on first use, not while the app starts.
var httpStart = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ HTTP/\d(?:\.\d)?|(HTTP/\d(?:\.\d)? \d{3})(?: .*)?)\r?$`)
})

// NotJSON says what src looks like when it is not JSON from its first
// character on, at (the offset of the syntax error) being that character:
// an HTTP request or response, or plain text. It reports false for
// anything else, e.g. a misspelt literal (tru, None), which the syntax
// error itself describes better.
func NotJSON(src []byte, at int) (string, bool) {
	trimmed := bytes.TrimLeft(src, " \t\r\n\ufeff")
	if at != len(src)-len(trimmed) || len(trimmed) == 0 {
		return "", false
	}
	line, _, _ := bytes.Cut(trimmed, []byte("\n"))
	if m := httpStart().FindSubmatch(line); m != nil {
		if len(m[1]) > 0 {
			return "this is an HTTP request (" + string(m[1]) + " request line and headers), not JSON: paste only its body, the JSON after the blank line", true
		}
		return "this is an HTTP response (status line and headers), not JSON: paste only its body, the JSON after the blank line", true
	}
	word := strings.ToLower(string(line[:wordLen(line)]))
	if len(word) < 2 {
		return "", false
	}
	for _, lit := range []string{"true", "false", "null", "nan", "infinity", "inf", "undefined", "none", "nil"} {
		if strings.HasPrefix(lit, word) || strings.HasPrefix(word, lit) {
			return "", false
		}
	}
	return "this is plain text, not JSON: paste an Event Grid or CloudEvents payload, a JSON object or array", true
}

// wordLen returns the length of the ASCII letters that start b.
func wordLen(b []byte) int {
	n := 0
	for n < len(b) && (b[n]|0x20 >= 'a' && b[n]|0x20 <= 'z') {
		n++
	}
	return n
}
