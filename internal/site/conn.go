//go:build !wasm

package site

import (
	"bytes"
	"net"
	"strings"
)

// netHTTPErrorHeaders ends the header block of the answers net/http writes
// by itself, before any handler runs, to a request it cannot read (400,
// 431, 501, 505): Go offers no hook to add headers to them (net/http's
// server.go writes them straight to the connection).
const netHTTPErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

// securedListener hands out connections that add the site's security
// headers to net/http's own error answers.
type securedListener struct {
	net.Listener
	headers string // "Name: value\r\n" lines
}

// newSecuredListener wraps ln so that net/http's own error answers carry
// the security headers of s.
func newSecuredListener(ln net.Listener, s *Site) net.Listener {
	var b strings.Builder
	for _, kv := range s.securityHeaders() {
		b.WriteString(kv[0] + ": " + kv[1] + "\r\n")
	}
	return &securedListener{Listener: ln, headers: b.String()}
}

// Accept wraps the next connection.
func (l *securedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &securedConn{Conn: c, headers: l.headers}, nil
}

// securedConn is a connection whose net/http error answers get the
// security headers.
type securedConn struct {
	net.Conn
	headers string
}

// Write writes p; when p is a whole error answer of net/http's (a status
// line, its fixed headers and no security header), it writes it with the
// security headers added before the blank line.
func (c *securedConn) Write(p []byte) (int, error) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) {
		return c.Conn.Write(p)
	}
	end := bytes.Index(p, []byte(netHTTPErrorHeaders))
	if end < 0 || bytes.Contains(p[:end], []byte("\r\n\r\n")) || bytes.Contains(p[:end], []byte("X-Content-Type-Options:")) {
		return c.Conn.Write(p)
	}
	cut := end + len(netHTTPErrorHeaders) - len("\r\n")
	q := make([]byte, 0, len(p)+len(c.headers))
	q = append(q, p[:cut]...)
	q = append(q, c.headers...)
	q = append(q, p[cut:]...)
	if _, err := c.Conn.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}
