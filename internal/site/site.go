//go:build !wasm

// Package site is the eventlens web app as it ships: Build renders every
// page and go-app's scripts once (attributes sorted, so the same app gives
// the same bytes), versions them by content, computes the CSP, patches the
// service worker and compresses everything; the Site then serves it from
// memory with its security headers (ServeHTTP, Serve, AccessLog) or writes
// it as a static site (Export). The assets come from an fs.FS: web.FS,
// embedded in the binary, or a directory.
package site

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
)

// Site is the whole app as it ships: every page, go-app's generated
// resources and web/, rendered once, held in memory, and served (it is an
// http.Handler) or written to disk (Export) as they are.
type Site struct {
	version string
	base    string           // URL path of the site's root, "/" or "/name/"
	csp     string           // Content-Security-Policy header value
	files   map[string]*file // by URL path under base, e.g. "/web/app.wasm"
	api     map[string]http.Handler
}

// file is one resource of the site.
type file struct {
	path  string // URL path under the site's root
	ctype string
	body  []byte
	etag  string // strong ETag of body
	gz    []byte // gzip of body, nil when not worth it
	br    []byte // brotli of body, nil when not worth it
}

// Options says what to build.
type Options struct {
	// Web holds the static assets with app.wasm at its root: web.FS, the
	// assets embedded in the binary, or os.DirFS of a directory.
	Web fs.FS
	// WebName names Web in error messages, e.g. "web/ (embedded)".
	WebName string
	// Version identifies the build for the service worker; "" means a
	// content hash of everything that ships.
	Version string
	// Base is the URL path the site is served under: "/" or "/name/".
	Base string
	// Level is how hard files are compressed: ServeLevel or ExportLevel.
	Level Level
	// API maps exact paths (e.g. the live receiver's /api/live) to
	// handlers served beside the files: GET and HEAD only, with the
	// security headers. A static export has none.
	API map[string]http.Handler
}

// versionPlaceholder stands for the version while hashing what ships.
const versionPlaceholder = "eventlens-version-placeholder"

// Build renders and compresses the whole site. It fails, saying what to
// do, when Web lacks app.wasm, when the service worker patch no longer
// applies, or when the worker would precache a URL the site does not have.
func Build(o Options) (*Site, error) {
	base, err := normalizeBase(o.Base)
	if err != nil {
		return nil, err
	}
	tmpl, err := workerTemplate()
	if err != nil {
		return nil, err
	}
	name := cmp.Or(o.WebName, "web/")
	if o.Web == nil {
		return nil, errors.New("site.Build: Options.Web is nil: pass web.FS or os.DirFS of the assets' directory")
	}
	web, err := readWeb(o.Web, name)
	if err != nil {
		return nil, err
	}
	wasm, ok := web["/web/app.wasm"]
	if !ok {
		return nil, fmt.Errorf("%s has no app.wasm: build it with `make wasm`, then build eventlens again (`make build`; `make run` does both)", name)
	}
	ui.Routes()
	var resolver app.ResourceResolver = app.LocalDir("")
	if base != "/" {
		resolver = app.PrefixedLocation(strings.TrimSuffix(base, "/"))
	}
	render := func(v string) (map[string][]byte, error) {
		h := appHandler(v)
		h.Resources = resolver
		h.ServiceWorkerTemplate = tmpl
		h.WasmContentLength = strconv.Itoa(len(wasm))
		gen, err := renderGoApp(h)
		if err != nil {
			return nil, err
		}
		if gen["/app.js"], err = patchAppJS(gen["/app.js"]); err != nil {
			return nil, err
		}
		if gen["/manifest.webmanifest"], err = fixManifest(gen["/manifest.webmanifest"], base); err != nil {
			return nil, err
		}
		// The worker that compiles app.wasm starts from the page's head,
		// before the stylesheets: an inline script after them would wait
		// for them to arrive (wasmStarter).
		starter := "<script>" + wasmStarter(resolver.Resolve("/web/app.wasm"), resolver.Resolve("/wasm_exec.js")) + "</script>"
		for _, p := range ui.Paths {
			var ok bool
			if gen[p], ok = insertAfter(gen[p], `<meta charset="UTF-8">`, starter); !ok {
				return nil, fmt.Errorf("page %s has no <meta charset=\"UTF-8\"> to start app.wasm's worker after: see how go-app renders pages", p)
			}
		}
		return gen, nil
	}

	v := o.Version
	if v == "" {
		gen, err := render(versionPlaceholder)
		if err != nil {
			return nil, err
		}
		v = contentVersion(web, gen)
	}
	gen, err := render(v)
	if err != nil {
		return nil, err
	}
	policy, err := contentSecurityPolicy(pagesOf(gen))
	if err != nil {
		return nil, err
	}
	// Pages carry the policy in a <meta> too, for static hosts that cannot
	// set headers (frame-ancestors is not allowed there); it comes first in
	// <head>, since a <meta> policy covers only what follows it.
	for _, p := range ui.Paths {
		if gen[p], err = withMetaPolicy(gen[p], policy.meta()); err != nil {
			return nil, err
		}
	}

	s := &Site{version: v, base: base, csp: policy.header(), files: make(map[string]*file), api: o.API}
	for p, b := range web {
		s.add(p, b)
	}
	for p, b := range gen {
		s.add(p, b)
	}
	if err := s.checkPrecache(); err != nil {
		return nil, err
	}
	if err := s.compress(o.Level); err != nil {
		return nil, err
	}
	return s, nil
}

// Version is the site's version: the one given, or its content hash.
func (s *Site) Version() string { return s.version }

// Base is the URL path the site is served under, "/" or "/name/".
func (s *Site) Base() string { return s.base }

// Precache returns the URLs the site's service worker precaches.
func (s *Site) Precache() ([]string, error) {
	return precacheList(s.files["/app-worker.js"].body)
}

// normalizeBase turns "", "/", "name", "/name" and "/name/" into "/" or
// "/name/".
func normalizeBase(base string) (string, error) {
	b := strings.Trim(base, "/")
	if b == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(b, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.TrimFunc(seg, plainPathChar) != "" {
			return "", fmt.Errorf("base path %q is not a plain URL path: give the path the site is served under in letters, digits and - . _ ~ between slashes, e.g. -base /eventlens/", base)
		}
	}
	return "/" + b + "/", nil
}

// plainPathChar reports whether r may be in a base path: the characters
// RFC 3986 leaves unreserved, which mean nothing in a URL, in HTML, in a
// JavaScript string or in a _headers file (no control characters, no &, no
// quotes, no *).
func plainPathChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune("-._~", r)
}

// readWeb reads every regular file of fsys (dot files, Go sources and
// precompressed .gz/.br copies excepted), keyed by URL path "/web/...".
func readWeb(fsys fs.FS, name string) (map[string][]byte, error) {
	files := make(map[string][]byte)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if p != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasSuffix(base, ".gz") || strings.HasSuffix(base, ".br") || strings.HasSuffix(base, ".go") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files["/web/"+p] = b
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s not found: give the directory that holds app.wasm and the app's assets (the repository's web/, after `make wasm`)", name)
		}
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return files, nil
}

// contentVersion hashes everything that ships: web/ (with app.wasm) and the
// generated pages and scripts rendered with versionPlaceholder.
func contentVersion(web, gen map[string][]byte) string {
	all := make(map[string][]byte, len(web)+len(gen))
	for p, b := range web {
		all[p] = b
	}
	for p, b := range gen {
		all[p] = b
	}
	keys := make([]string, 0, len(all))
	for k := range all {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	sum := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(sum, "%s\x00%d\x00", k, len(all[k]))
		sum.Write(all[k])
	}
	return hex.EncodeToString(sum.Sum(nil))[:16]
}

// add puts a file into the site.
func (s *Site) add(p string, body []byte) {
	sum := sha256.Sum256(body)
	s.files[p] = &file{
		path:  p,
		ctype: contentType(p),
		body:  body,
		etag:  `"` + hex.EncodeToString(sum[:12]) + `"`,
	}
}

// contentType returns the media type a URL path is served with.
func contentType(p string) string {
	if isPage(p) {
		return "text/html; charset=utf-8"
	}
	switch ext := path.Ext(p); ext {
	case ".wasm":
		return "application/wasm"
	case ".webmanifest":
		return "application/manifest+json"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".html":
		return "text/html; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".json":
		return "application/json"
	case ".txt":
		return "text/plain; charset=utf-8"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
		return "application/octet-stream"
	}
}

// diskName is the file a URL path is written to by the static export:
// "/" is index.html, another page "/x" is x.html (as GitHub Pages and most
// static hosts serve it), any other file keeps its path.
func diskName(p string) string {
	if p == "/" {
		return "index.html"
	}
	if isPage(p) {
		return strings.TrimPrefix(p, "/") + ".html"
	}
	return strings.TrimPrefix(p, "/")
}

// lookupURL finds the file a root-relative URL path (with the base) names.
func (s *Site) lookupURL(u string) (*file, bool) {
	if u+"/" == s.base {
		u = s.base
	}
	if !strings.HasPrefix(u, s.base) {
		return nil, false
	}
	f, ok := s.files["/"+strings.TrimPrefix(u, s.base)]
	return f, ok
}

// compressible reports whether a media type is worth compressing.
func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") ||
		strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") ||
		strings.HasPrefix(ctype, "application/wasm") ||
		strings.HasPrefix(ctype, "image/svg+xml")
}

// paths returns the site's URL paths, sorted.
func (s *Site) paths() []string {
	ps := make([]string, 0, len(s.files))
	for p := range s.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}
