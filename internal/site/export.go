//go:build !wasm

package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Export writes the site under dir, which must be named ("" is refused, not
// taken for the current directory) and must not exist or be empty, and
// returns how many files it wrote. Each compressible file gets .gz and .br
// copies beside it; a _headers file gives hosts that read one (Netlify,
// Cloudflare Pages) the security headers.
func (s *Site) Export(dir string) (int, error) {
	if dir == "" {
		return 0, errors.New("no directory to write to: give one with -out DIR (a new or empty directory)")
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return 0, fmt.Errorf("%s is not empty: remove it first (make dist does) or choose another -out", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return 0, err
	}
	n := 0
	write := func(name string, b []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		n++
		return os.WriteFile(p, b, 0o644)
	}
	for _, p := range s.paths() {
		f := s.files[p]
		name := diskName(p)
		if err := write(name, f.body); err != nil {
			return n, err
		}
		if f.gz != nil {
			if err := write(name+".gz", f.gz); err != nil {
				return n, err
			}
		}
		if f.br != nil {
			if err := write(name+".br", f.br); err != nil {
				return n, err
			}
		}
	}
	if err := write("_headers", []byte(s.headersFile())); err != nil {
		return n, err
	}
	return n, nil
}

// headersFile returns the site's headers in the _headers format.
func (s *Site) headersFile() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s*\n", s.base)
	for _, kv := range s.securityHeaders() {
		fmt.Fprintf(&b, "  %s: %s\n", kv[0], kv[1])
	}
	fmt.Fprintf(&b, "%s*.wasm\n  Content-Type: application/wasm\n", s.base)
	fmt.Fprintf(&b, "%s*.webmanifest\n  Content-Type: application/manifest+json\n", s.base)
	return b.String()
}
