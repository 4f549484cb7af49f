//go:build !wasm

package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// export writes the app as a static site (eventlens export -out dir
// [-base /name/]) and returns the exit code.
func export(args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() {
		fmt.Fprintf(fl.Output(), `usage: eventlens export -out dir [-base /name/]

Writes the web app as a static site: pages, app.js, the service worker, the
manifest, wasm_exec.js and web/ with app.wasm, plus .gz and .br copies for
hosts that serve precompressed files. Build web/app.wasm first (make wasm).

`)
		fl.PrintDefaults()
	}
	out := fl.String("out", "dist", "directory to write the site to; it must not exist or be empty")
	base := fl.String("base", "/", "URL path the site is served under, e.g. /eventlens/ for https://user.github.io/eventlens/")
	webDir := fl.String("web", "web", "directory holding app.wasm and the static assets")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "eventlens export: unexpected argument %q: give the directory with -out DIR\n", fl.Arg(0))
		return 2
	}
	s, err := buildSite(siteOptions{webDir: *webDir, version: version, base: *base, level: exportLevel})
	if err != nil {
		fmt.Fprintf(stderr, "eventlens export: %v\n", err)
		return 1
	}
	n, err := s.writeTo(*out)
	if err != nil {
		fmt.Fprintf(stderr, "eventlens export: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "eventlens %s: wrote %d files to %s for %s\n", s.version, n, *out, s.base)
	return 0
}

// writeTo writes the site under dir, which must not exist or be empty, and
// returns how many files it wrote. Each compressible file gets .gz and .br
// copies beside it; a _headers file gives hosts that read one (Netlify,
// Cloudflare Pages) the security headers.
func (s *site) writeTo(dir string) (int, error) {
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
func (s *site) headersFile() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s*\n", s.base)
	fmt.Fprintf(&b, "  Content-Security-Policy: %s\n", s.csp)
	b.WriteString("  X-Content-Type-Options: nosniff\n")
	b.WriteString("  Referrer-Policy: no-referrer\n")
	fmt.Fprintf(&b, "%s*.wasm\n  Content-Type: application/wasm\n", s.base)
	fmt.Fprintf(&b, "%s*.webmanifest\n  Content-Type: application/manifest+json\n", s.base)
	return b.String()
}
