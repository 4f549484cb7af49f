//go:build !wasm

package site

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ServeHTTP serves the site from memory: GET and HEAD only, exact paths only
// (no directory listings, nothing outside the site can be named), the
// smallest encoding the client accepts, and the security headers on every
// response.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	for _, kv := range s.securityHeaders() {
		h.Set(kv[0], kv[1])
	}
	if len(r.TransferEncoding) > 0 {
		// A GET or HEAD with a body is odd, and net/http has dropped any
		// Content-Length beside the Transfer-Encoding (request smuggling):
		// RFC 9112 §6.1 says to close the connection after answering.
		h.Set("Connection", "close")
	}

	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		httpError(w, http.StatusMethodNotAllowed, "405 method not allowed: eventlens serves files; use GET or HEAD")
		return
	}
	p, ok := cleanRequestPath(r)
	if !ok {
		httpError(w, http.StatusBadRequest, "400 bad request: the path has '..', '.', '//', a backslash, an encoded slash or a control character; ask for the file's plain path")
		return
	}
	if api, ok := s.api[p]; ok {
		h.Set("Cache-Control", "no-store")
		api.ServeHTTP(w, r)
		return
	}
	f, ok := s.lookupURL(p)
	if !ok {
		httpError(w, http.StatusNotFound, "404 page not found")
		return
	}

	body, etag := f.body, f.etag
	if f.gz != nil || f.br != nil {
		h.Add("Vary", "Accept-Encoding")
		ae := r.Header.Get("Accept-Encoding")
		switch {
		case f.br != nil && acceptsEncoding(ae, "br"):
			body, etag = f.br, strings.TrimSuffix(etag, `"`)+`-br"`
			h.Set("Content-Encoding", "br")
		case f.gz != nil && acceptsEncoding(ae, "gzip"):
			body, etag = f.gz, strings.TrimSuffix(etag, `"`)+`-gz"`
			h.Set("Content-Encoding", "gzip")
		}
	}
	if h.Get("Content-Encoding") != "" {
		// A range of an encoded body helps no client of this app, and
		// http.ServeContent sends no Content-Length for encoded bodies:
		// send the whole body with its length.
		r2 := *r
		r2.Header = r.Header.Clone()
		r2.Header.Del("Range")
		r = &r2
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	h.Set("Content-Type", f.ctype)
	// Revalidate every time: the ETag makes that a 304 when nothing changed,
	// and a new deploy is seen at once.
	h.Set("Cache-Control", "no-cache")
	h.Set("ETag", etag)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// securityHeaders returns the headers every answer of the site carries, in
// the order they are written: the handler's, net/http's own error answers'
// (Serve) and the _headers file of an export.
func (s *Site) securityHeaders() [][2]string {
	return [][2]string{
		{"Content-Security-Policy", s.csp},
		{"X-Content-Type-Options", "nosniff"},
		{"Referrer-Policy", "no-referrer"},
	}
}

// httpError writes a short plain-text error.
func httpError(w http.ResponseWriter, code int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Encoding")
	w.WriteHeader(code)
	io.WriteString(w, msg+"\n")
}

// cleanRequestPath returns the request's path when it is a plain absolute
// path: no empty, "." or ".." segment, no backslash, no control character,
// and no %2F or %5C (an encoded separator) in the raw path.
func cleanRequestPath(r *http.Request) (string, bool) {
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsRune(p, '\\') {
		return "", false
	}
	for _, c := range []byte(p) {
		if c < 0x20 || c == 0x7f {
			return "", false
		}
	}
	raw := strings.ToLower(r.URL.RawPath)
	if strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c") {
		return "", false
	}
	segs := strings.Split(p[1:], "/")
	for i, seg := range segs {
		last := i == len(segs)-1
		if seg == "." || seg == ".." || (seg == "" && !last) {
			return "", false
		}
	}
	return p, true
}

// acceptsEncoding reports whether an Accept-Encoding header value accepts
// enc with a non-zero quality (explicitly or through "*").
func acceptsEncoding(header, enc string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		for _, param := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(param), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				} else {
					q = 0
				}
			}
		}
		switch name {
		case enc:
			return q > 0
		case "*":
			star = q > 0
		}
	}
	return star
}
