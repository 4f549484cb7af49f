//go:build !wasm

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
)

// site is the whole app as it ships: every page, go-app's generated
// resources and web/, rendered once, held in memory, and served or written
// to disk as they are.
type site struct {
	version string
	base    string               // URL path of the site's root, "/" or "/name/"
	csp     string               // Content-Security-Policy header value
	files   map[string]*siteFile // by URL path under base, e.g. "/web/app.wasm"
}

// siteFile is one resource of the site.
type siteFile struct {
	path  string // URL path under the site's root
	ctype string
	body  []byte
	etag  string // strong ETag of body
	gz    []byte // gzip of body, nil when not worth it
	br    []byte // brotli of body, nil when not worth it
}

// siteOptions says what to build.
type siteOptions struct {
	webDir  string // static assets, with app.wasm
	version string // "" means a content hash of everything that ships
	base    string // URL path the site is served under: "/" or "/name/"
	level   compressLevel
}

// goappResources are the files go-app's handler generates besides pages.
var goappResources = []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"}

// versionPlaceholder stands for the version while hashing what ships.
const versionPlaceholder = "eventlens-version-placeholder"

// buildSite renders and compresses the whole site. It fails, saying what to
// do, when web/ lacks app.wasm, when the service worker patch no longer
// applies, or when the worker would precache a URL the site does not have.
func buildSite(o siteOptions) (*site, error) {
	base, err := normalizeBase(o.base)
	if err != nil {
		return nil, err
	}
	tmpl, err := workerTemplate()
	if err != nil {
		return nil, err
	}
	web, err := readWebDir(o.webDir)
	if err != nil {
		return nil, err
	}
	wasm, ok := web["/web/app.wasm"]
	if !ok {
		return nil, fmt.Errorf("%s/app.wasm not found: build it with `make wasm` (or run `make run`)", o.webDir)
	}
	ui.Routes()
	var resolver app.ResourceResolver = app.LocalDir("")
	if base != "/" {
		resolver = app.PrefixedLocation(strings.TrimSuffix(base, "/"))
	}
	render := func(v, meta string) (map[string][]byte, error) {
		h := appHandler(v)
		h.Resources = resolver
		h.ServiceWorkerTemplate = tmpl
		h.WasmContentLength = strconv.Itoa(len(wasm))
		if meta != "" {
			h.RawHeaders = []string{meta}
		}
		gen, err := renderGoApp(h)
		if err != nil {
			return nil, err
		}
		if gen["/manifest.webmanifest"], err = fixManifest(gen["/manifest.webmanifest"], base); err != nil {
			return nil, err
		}
		return gen, nil
	}

	v := o.version
	if v == "" {
		gen, err := render(versionPlaceholder, "")
		if err != nil {
			return nil, err
		}
		v = contentVersion(web, gen)
	}
	gen, err := render(v, "")
	if err != nil {
		return nil, err
	}
	policy, err := contentSecurityPolicy(pagesOf(gen))
	if err != nil {
		return nil, err
	}
	// Pages carry the policy in a <meta> too, for static hosts that cannot
	// set headers (frame-ancestors is not allowed there).
	if gen, err = render(v, `<meta http-equiv="Content-Security-Policy" content="`+policy.meta()+`">`); err != nil {
		return nil, err
	}

	s := &site{version: v, base: base, csp: policy.header(), files: make(map[string]*siteFile)}
	for p, b := range web {
		s.add(p, b)
	}
	for p, b := range gen {
		s.add(p, b)
	}
	if err := s.checkPrecache(); err != nil {
		return nil, err
	}
	if err := s.compress(o.level); err != nil {
		return nil, err
	}
	return s, nil
}

// normalizeBase turns "", "/", "name", "/name" and "/name/" into "/" or
// "/name/".
func normalizeBase(base string) (string, error) {
	b := strings.Trim(base, "/")
	if b == "" {
		return "/", nil
	}
	for _, seg := range strings.Split(b, "/") {
		if seg == "" || seg == "." || seg == ".." || strings.ContainsAny(seg, "\\?#%\"'<> ") {
			return "", fmt.Errorf("base path %q is not a plain URL path: give the path the site is served under, e.g. -base /eventlens/", base)
		}
	}
	return "/" + b + "/", nil
}

// readWebDir reads every regular file under dir (dot files and
// precompressed .gz/.br copies excepted), keyed by URL path "/web/...".
func readWebDir(dir string) (map[string][]byte, error) {
	files := make(map[string][]byte)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if p != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || strings.HasSuffix(name, ".gz") || strings.HasSuffix(name, ".br") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		files["/web/"+filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s not found: run eventlens from the repository root, where web/ holds the app's assets, after `make wasm`", dir)
		}
		return nil, fmt.Errorf("reading %s: %w", dir, err)
	}
	return files, nil
}

// renderGoApp asks go-app's handler for its generated resources and for
// every page of ui.Paths, keyed by URL path under the site's root.
func renderGoApp(h *app.Handler) (map[string][]byte, error) {
	out := make(map[string][]byte)
	paths := append(append([]string{}, goappResources...), ui.Paths...)
	for _, p := range paths {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("rendering %s: go-app answered %d: register the route in ui.Routes and list it in ui.Paths", p, rec.Code)
		}
		out[p] = rec.Body.Bytes()
		if isPage(p) {
			out[p] = canonicalHTML(out[p])
		}
	}
	return out, nil
}

// pagesOf returns the rendered pages (ui.Paths) of gen.
func pagesOf(gen map[string][]byte) [][]byte {
	var pages [][]byte
	for _, p := range ui.Paths {
		pages = append(pages, gen[p])
	}
	return pages
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
func (s *site) add(p string, body []byte) {
	sum := sha256.Sum256(body)
	s.files[p] = &siteFile{
		path:  p,
		ctype: contentType(p),
		body:  body,
		etag:  `"` + hex.EncodeToString(sum[:12]) + `"`,
	}
}

// isPage reports whether p is one of the app's routes.
func isPage(p string) bool {
	for _, r := range ui.Paths {
		if p == r {
			return true
		}
	}
	return false
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

// precacheRE finds the precache list in the generated worker.
var precacheRE = regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`)

// precacheList returns the URLs the service worker precaches.
func precacheList(worker []byte) ([]string, error) {
	m := precacheRE.FindSubmatch(worker)
	if m == nil {
		return nil, errors.New("app-worker.js has no `const resourcesToCache = [...]` line: go-app's worker template changed; update server_worker.go")
	}
	var urls []string
	if err := json.Unmarshal(m[1], &urls); err != nil {
		return nil, fmt.Errorf("app-worker.js precache list is not a JSON array of strings (%v): update server_worker.go for the new go-app template", err)
	}
	return urls, nil
}

// checkPrecache fails when the worker would precache a URL the site does
// not serve: one 404 and the browser caches nothing at all.
func (s *site) checkPrecache() error {
	worker, ok := s.files["/app-worker.js"]
	if !ok {
		return errors.New("go-app generated no app-worker.js")
	}
	urls, err := precacheList(worker.body)
	if err != nil {
		return err
	}
	for _, u := range urls {
		if _, ok := s.lookupURL(u); !ok {
			return fmt.Errorf("the service worker precaches %s, which the site does not have: put the file under web/ or drop it from appHandler's icons, styles and CacheableResources", u)
		}
	}
	return nil
}

// lookupURL finds the file a root-relative URL path (with the base) names.
func (s *site) lookupURL(u string) (*siteFile, bool) {
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
func (s *site) paths() []string {
	ps := make([]string, 0, len(s.files))
	for p := range s.files {
		ps = append(ps, p)
	}
	sort.Strings(ps)
	return ps
}

// fixManifest corrects what go-app's manifest gets wrong under a sub-path
// and for icons: scope and start_url are the site's root with its trailing
// slash (go-app writes scope "/" and start_url "/name"), id pins the app's
// identity to that root, and an empty icon purpose becomes "any".
func fixManifest(manifest []byte, base string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, fmt.Errorf("go-app's manifest is not a JSON object (%v): update fixManifest for the new go-app", err)
	}
	m["scope"] = base
	m["start_url"] = base
	m["id"] = base
	icons, _ := m["icons"].([]any)
	for _, icon := range icons {
		if i, ok := icon.(map[string]any); ok && i["purpose"] == "" {
			i["purpose"] = "any"
		}
	}
	return json.Marshal(m)
}

// canonicalHTML returns page with every start tag's attributes sorted by
// name. go-app writes attributes in map order, different at each render;
// sorted, the same app renders the same bytes, so the content version, the
// ETags and the export are reproducible. A tag it cannot read (a quote it
// does not expect) is left as it is; the text inside <script> and <style>
// is never touched.
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
			q := bytes.IndexByte(b[k+2:], '"')
			if q < 0 {
				return nil, "", 0, false
			}
			k += 2 + q + 1
		}
		attrs = append(attrs, string(b[j:k]))
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

// isASCIILetter reports whether c is a-z or A-Z.
func isASCIILetter(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
