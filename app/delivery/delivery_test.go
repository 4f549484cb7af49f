package delivery

import "testing"

func TestGrade(t *testing.T) {
	for status, want := range map[int]Outcome{
		200: Delivered, 201: Delivered, 202: Delivered, 203: Delivered, 204: Delivered,
		205: Retried, 206: Retried, 301: Retried, 404: Retried, 408: Retried, 429: Retried, 500: Retried, 503: Retried,
		400: Dropped, 401: Dropped, 403: Dropped, 413: Dropped,
	} {
		got, why := Grade(status)
		if got != want || why == "" {
			t.Errorf("Grade(%d) = %v %q, want %v", status, got, why, want)
		}
	}
	if got, why := GradeNoAnswer("no answer within 30s"); got != Retried || why == "" {
		t.Errorf("GradeNoAnswer = %v %q", got, why)
	}
}

func TestBody(t *testing.T) {
	for req, want := range map[string]string{
		"POST / HTTP/1.1\r\nHost: x\r\n\r\n[1]":           "[1]",
		"POST / HTTP/1.1\r\nHost: x\r\n\r\n":              "",
		"OPTIONS / HTTP/1.1\r\nHost: x\r\n\r\na\r\n\r\nb": "a\r\n\r\nb",
		"no blank line": "",
	} {
		if got := (Record{Request: req}).Body(); got != want {
			t.Errorf("Body of %q = %q, want %q", req, got, want)
		}
	}
}
