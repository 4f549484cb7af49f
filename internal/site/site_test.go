//go:build !wasm

package site

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"eventlens/web"
)

// fakeWasm stands for app.wasm in unit tests (the real one is a build
// output): a wasm header and compressible filler.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("eventlens wasm filler "), 4000)...)

// testWebDir writes a web/ directory with the real icons and stylesheet
// (from web.FS) and a fake app.wasm, plus a Go source, a dot file and a
// secret file beside it that no request may reach, and returns its path.
func testWebDir(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	dir := filepath.Join(root, "web")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range web.Assets() {
		b, err := fs.ReadFile(web.FS, name)
		if err != nil {
			t.Fatalf("reading web/%s: %v", name, err)
		}
		writeFile(t, filepath.Join(dir, name), b)
	}
	writeFile(t, filepath.Join(dir, "app.wasm"), fakeWasm)
	writeFile(t, filepath.Join(root, "secret.txt"), []byte("TOP-SECRET"))
	writeFile(t, filepath.Join(dir, ".hidden"), []byte("TOP-SECRET"))
	writeFile(t, filepath.Join(dir, "web.go"), []byte("package web // TOP-SECRET"))
	return dir
}

// writeFile writes b to p or fails the test.
func writeFile(t testing.TB, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// testSite builds the site from testWebDir under base.
func testSite(t testing.TB, base string) *Site {
	t.Helper()
	s, err := Build(Options{Web: os.DirFS(testWebDir(t)), Base: base, Level: ServeLevel})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// get sends one request to h, with header's name-value pairs.
func get(t testing.TB, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestPrecacheListIsServed(t *testing.T) {
	for _, base := range []string{"/", "/eventlens/"} {
		t.Run(base, func(t *testing.T) {
			s := testSite(t, base)
			worker := get(t, s, "GET", base+"app-worker.js")
			if worker.Code != 200 {
				t.Fatalf("app-worker.js: %d", worker.Code)
			}
			urls, err := precacheList(worker.Body.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"app.js", "app.css", "wasm_exec.js", "manifest.webmanifest", "web/app.wasm", "web/app.css", "web/icon.svg", "web/icon-192.png", "web/icon-512.png", "web/icon-maskable-512.png"}
			for _, w := range want {
				if !contains(urls, base+w) {
					t.Errorf("precache list %v lacks %s", urls, base+w)
				}
			}
			for _, u := range urls {
				if !strings.HasPrefix(u, strings.TrimSuffix(base, "/")) {
					t.Errorf("precached %s is outside the site %s", u, base)
				}
				if r := get(t, s, "GET", u); r.Code != 200 {
					t.Errorf("precached %s answers %d: the worker would cache nothing", u, r.Code)
				}
			}
			if !strings.Contains(worker.Body.String(), `const cacheName = "app-" + "`+s.version+`"`) {
				t.Error("worker cache name is not app-<version>")
			}
		})
	}
}

func TestPrecacheOfMissingFileRefusesToBuild(t *testing.T) {
	dir := testWebDir(t)
	if err := os.Remove(filepath.Join(dir, "icon-512.png")); err != nil {
		t.Fatal(err)
	}
	_, err := Build(Options{Web: os.DirFS(dir), Base: "/", Level: ServeLevel})
	if err == nil || !strings.Contains(err.Error(), "icon-512.png") {
		t.Fatalf("build with a missing precached icon: err = %v, want one naming icon-512.png", err)
	}
	if err := os.Remove(filepath.Join(dir, "app.wasm")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(Options{Web: os.DirFS(dir), Base: "/", Level: ServeLevel}); err == nil || !strings.Contains(err.Error(), "make wasm") {
		t.Fatalf("build without app.wasm: err = %v, want one saying to run make wasm", err)
	}
}

func TestVersionIsAContentHash(t *testing.T) {
	dir := testWebDir(t)
	build := func(v string) *Site {
		t.Helper()
		s, err := Build(Options{Web: os.DirFS(dir), Version: v, Base: "/", Level: ServeLevel})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	a, b := build(""), build("")
	if a.version != b.version {
		t.Errorf("same content, two versions: %s and %s", a.version, b.version)
	}
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(a.version) {
		t.Errorf("version %q is not a 16-digit hash", a.version)
	}
	for p, f := range a.files {
		if bytes.Contains(f.body, []byte(versionPlaceholder)) {
			t.Errorf("%s ships the version placeholder", p)
		}
	}
	appJS := string(a.files["/app.js"].body)
	if !strings.Contains(appJS, `"GOAPP_VERSION":"`+a.version+`"`) {
		t.Error("app.js does not carry the version")
	}
	writeFile(t, filepath.Join(dir, "app.css"), []byte("body{color:red}"))
	if c := build(""); c.version == a.version {
		t.Error("changing web/app.css kept the version: clients would not update")
	}
	if d := build("release-42"); d.version != "release-42" || !strings.Contains(string(d.files["/app-worker.js"].body), `"app-" + "release-42"`) {
		t.Errorf("explicit version ignored: %s", d.version)
	}
}

func TestManifest(t *testing.T) {
	for _, base := range []string{"/", "/eventlens/"} {
		s := testSite(t, base)
		m := string(s.files["/manifest.webmanifest"].body)
		for _, want := range []string{
			`"scope":"` + base + `"`, `"start_url":"` + base + `"`, `"id":"` + base + `"`,
			`"name":"eventlens"`, `"short_name":"eventlens"`, `"theme_color":"#1f4e79"`, `"background_color":"#0d1117"`,
			`"src":"` + base + `web/icon-192.png"`, `"src":"` + base + `web/icon-512.png"`, `"src":"` + base + `web/icon.svg"`,
			`"purpose":"maskable"`, `"display":"standalone"`,
		} {
			if !strings.Contains(m, want) {
				t.Errorf("base %s: manifest lacks %s:\n%s", base, want, m)
			}
		}
		if strings.Contains(m, `"purpose":""`) {
			t.Errorf("base %s: manifest has an empty icon purpose", base)
		}
	}
}

func TestPagesUnderABasePath(t *testing.T) {
	s := testSite(t, "/eventlens/")
	page := get(t, s, "GET", "/eventlens/").Body.String()
	for _, m := range regexp.MustCompile(`(?:href|src)="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if !strings.HasPrefix(m[1], "/eventlens/") {
			t.Errorf("page links %s outside /eventlens/", m[1])
		}
	}
	if !strings.Contains(page, `http-equiv="Content-Security-Policy"`) {
		t.Error("exported page has no CSP meta for hosts without headers")
	}
	if strings.Contains(page, `content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors`) {
		t.Error("CSP meta carries frame-ancestors, which browsers reject there")
	}
	appJS := string(s.files["/app.js"].body)
	for _, want := range []string{`"GOAPP_ROOT_PREFIX":"/eventlens"`, `"/eventlens/web/app.wasm"`, `"/eventlens/app-worker.js"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	if w := get(t, s, "GET", "/app.js"); w.Code != 404 {
		t.Errorf("/app.js outside the base: %d, want 404", w.Code)
	}
}

func TestNormalizeBase(t *testing.T) {
	tests := map[string]string{"": "/", "/": "/", "eventlens": "/eventlens/", "/eventlens": "/eventlens/", "/eventlens/": "/eventlens/", "/a/b/": "/a/b/"}
	for in, want := range tests {
		if got, err := normalizeBase(in); err != nil || got != want {
			t.Errorf("normalizeBase(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"/../x/", "/a//b/", "/a b/", "/a?b", `/a\b`, "/%2e/",
		"/a\n/*\n\tAccess-Control-Allow-Origin:\t*\n/b/", "/a&amp;b/", "/a*/", "/a\x00/", "/a\x7f/", "/a;b/", "/a(b)/", "/é/", "/a\tb/", "/a`b/", "/a+b/"} {
		if _, err := normalizeBase(bad); err == nil {
			t.Errorf("normalizeBase(%q) accepted", bad)
		}
	}
}

// The embedded assets: with app.wasm (after make wasm) they build the
// site; without it (a fresh clone) Build refuses, saying to run make wasm.
func TestEmbeddedWeb(t *testing.T) {
	_, statErr := fs.Stat(web.FS, "app.wasm")
	s, err := Build(Options{Web: web.FS, WebName: "the embedded web/", Base: "/", Level: ServeLevel})
	if statErr != nil {
		if err == nil || !strings.Contains(err.Error(), "the embedded web/ has no app.wasm") || !strings.Contains(err.Error(), "make wasm") {
			t.Fatalf("without app.wasm: err = %v, want one naming the embedded web/ and make wasm", err)
		}
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	wasm, _ := fs.ReadFile(web.FS, "app.wasm")
	if w := get(t, s, "GET", "/web/app.wasm"); w.Code != 200 || !bytes.Equal(w.Body.Bytes(), wasm) {
		t.Errorf("GET /web/app.wasm: %d, %d bytes; want the embedded %d", w.Code, w.Body.Len(), len(wasm))
	}
	if w := get(t, s, "GET", "/web/web.go"); w.Code != 404 {
		t.Errorf("GET /web/web.go: %d, want 404", w.Code)
	}
}

func TestBuildSaysWhatIsMissing(t *testing.T) {
	if _, err := Build(Options{Base: "/"}); err == nil || !strings.Contains(err.Error(), "web.FS") {
		t.Errorf("no Web: err = %v, want one saying to pass web.FS", err)
	}
	missing := filepath.Join(t.TempDir(), "nope")
	if _, err := Build(Options{Web: os.DirFS(missing), WebName: missing, Base: "/"}); err == nil || !strings.Contains(err.Error(), missing+" not found") {
		t.Errorf("missing directory: err = %v, want one naming it", err)
	}
}
