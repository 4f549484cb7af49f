package detect

import (
	"strings"
	"testing"
)

func TestNotJSON(t *testing.T) {
	tests := []struct {
		src  string
		at   int
		want string // "" = not described
	}{
		{"POST /api/events HTTP/1.1\nHost: x\n\n[]", 0, "HTTP request (POST"},
		{"  GET /x HTTP/2\r\n", 2, "HTTP request (GET"},
		{"HTTP/1.1 200 OK\n\n{}", 0, "HTTP response"},
		{"hello", 0, "plain text"},
		{"Hello world, this is a note.", 0, "plain text"},
		{"tru", 0, ""},
		{"None", 0, ""},
		{"x", 0, ""},
		{"hello", 2, ""},
		{`{"a": hello}`, 6, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		got, ok := NotJSON([]byte(tt.src), tt.at)
		if ok != (tt.want != "") || !strings.Contains(got, tt.want) {
			t.Errorf("NotJSON(%q, %d) = %q, %v; want %q", tt.src, tt.at, got, ok, tt.want)
		}
		if ok && strings.Contains(got, `write "`) {
			t.Errorf("NotJSON(%q) = %q: tells to quote the text", tt.src, got)
		}
	}
}
