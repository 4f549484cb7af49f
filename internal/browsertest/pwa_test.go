//go:build browser

package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"eventlens/app/ui"
	"eventlens/internal/site"
)

// The offline, static-export and update tests. They drive the real app
// (web/app.wasm, built by `make wasm`) in headless Chromium.

// signalrPayload is Azure's Event Grid example of a SignalR connection.
const signalrPayload = `[{
  "topic": "/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourcegroups/myrg/providers/Microsoft.SignalRService/SignalR/signalr-resource",
  "subject": "/hub/chat",
  "eventType": "Microsoft.SignalRService.ClientConnectionConnected",
  "eventTime": "2019-06-10T18:41:00.9584373Z",
  "id": "831e1650-001e-001b-66ab-eeb76e069631",
  "data": {"timestamp": "2019-06-10T18:41:00.9584373Z", "hubName": "chat", "connectionId": "jrw3yKXgSdbyp11GUanKLA", "userId": "user1"},
  "dataVersion": "1.0",
  "metadataVersion": "1"
}]`

// waitCached waits until a service worker is active, controls the page,
// and its app-<version> cache holds want entries.
func (b *browser) waitCached(version string, want int) {
	b.t.Helper()
	expr := call("cache_state", "app-"+version)
	deadline := time.Now().Add(60 * time.Second)
	got := 0
	for time.Now().Before(deadline) {
		if got = eval[int](b, expr); got >= want {
			if got != want {
				b.t.Errorf("cache app-%s has %d entries, want %d", version, got, want)
			}
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	b.t.Fatalf("cache app-%s not filled (last state %d, want %d entries)\nconsole:\n%s", version, got, want, b.consoleText())
}

// inspect pastes text into the editor as a user would, and checks the
// verdict the app gives.
func (b *browser) inspect(text string) {
	b.t.Helper()
	setText(b, "#input", text)
	if !eval[bool](b, `document.querySelector("#verdict") !== null`) {
		b.t.Log("the page has no #verdict yet: checked only that the app starts")
		return
	}
	b.do(20*time.Second, chromedp.WaitVisible(chromedp.CSS(`#verdict[data-valid]`)))
	got := eval[string](b, `document.querySelector("#verdict").textContent`)
	if !strings.Contains(got, "Valid") || !strings.Contains(got, "Event Grid") {
		b.t.Errorf("verdict %q, want a valid Event Grid event", got)
	}
}

// precacheCount is how many entries the worker of a site precaches.
func precacheCount(t *testing.T, s *site.Site) int {
	t.Helper()
	urls, err := s.Precache()
	if err != nil {
		t.Fatal(err)
	}
	return len(urls)
}

// noConsoleErrorsOffline fails on any console error (a CSP violation, a
// failed precache, an uncaught exception) while the server is, or was,
// stopped, except for the icons: Chromium downloads the favicon and the manifest's icons
// itself, and such a download can bypass the service worker, so it fails
// with the server gone at times and not at others. Each icon must still be
// served offline to the page: it is fetched through the worker here.
func (b *browser) noConsoleErrorsOffline() {
	b.t.Helper()
	icons := eval[[]string](b, `(async () => {
		const m = await (await fetch(document.querySelector('link[rel="manifest"]').href)).json();
		const urls = [...document.querySelectorAll('link[rel~="icon"],link[rel="apple-touch-icon"]')].map(l => l.href)
			.concat(m.icons.map(i => new URL(i.src, location.href).href));
		const bad = [];
		for (const u of urls) {
			const r = await fetch(u);
			if (!r.ok || (await r.blob()).size === 0) bad.push(u + " " + r.status);
		}
		return bad.length ? bad : urls.map(u => "ok " + u);
	})()`)
	if len(icons) == 0 {
		b.t.Fatal("the page names no icons")
	}
	var iconURLs []string
	for _, s := range icons {
		u, ok := strings.CutPrefix(s, "ok ")
		if !ok {
			b.t.Fatalf("icons not served offline: %v", icons)
		}
		iconURLs = append(iconURLs, u)
	}
	b.t.Logf("%d icon links served offline by the worker", len(iconURLs))
	time.Sleep(500 * time.Millisecond)
	var errs []string
	for _, e := range b.consoleErrors() {
		icon := false
		for _, u := range iconURLs {
			if strings.HasSuffix(e, "(network: "+u+")") {
				icon = true
			}
		}
		if !icon {
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		b.t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

func TestPWAWorksOffline(t *testing.T) {
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")
	b.waitCached(s.Site.Version(), precacheCount(t, s.Site))

	s.Stop()
	for _, p := range append([]string{"/"}, otherPaths()...) {
		b.open(s.URL + p)
		// The worker that compiles app.wasm, and its download, come
		// from the service worker's cache too; the download, fast from
		// there, goes straight to the compiler, uncounted.
		b.compiledIn("worker")
		b.countedDownload(false)
	}
	b.open(s.URL + "/")
	b.inspect(signalrPayload)
	editLargeText(t, b)
	b.noConsoleErrorsOffline()
}

// editLargeText pastes a large payload and opens it in the code editor,
// whose script (loaded on first use) must then come from the service
// worker's cache when the page is offline.
func editLargeText(t *testing.T, b *browser) {
	t.Helper()
	payload, _ := largePayload(t)
	setText(b, "#input", "") // the paste then is the whole text
	pasteText(b, string(payload))
	waitJS(b, 60*time.Second, fmt.Sprintf(`document.querySelector('#verdict[data-bytes="%d"]') !== null`, len(payload)))
	editAsText(b, len(payload))
}

// otherPaths returns the routes other than "/", for deep links.
func otherPaths() []string {
	var ps []string
	for _, p := range ui.Paths {
		if p != "/" {
			ps = append(ps, p)
		}
	}
	return ps
}

func TestExportWorksUnderASubPathOffline(t *testing.T) {
	st := buildSite(t, "", "/eventlens/")
	dir := filepath.Join(t.TempDir(), "dist")
	if _, err := st.Export(dir); err != nil {
		t.Fatal(err)
	}
	// A plain file server, as GitHub Pages: /eventlens/x serves x, or
	// x.html for an extensionless page.
	files := http.FileServer(http.Dir(dir))
	mux := http.NewServeMux()
	mux.Handle("/eventlens/", http.StripPrefix("/eventlens", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; p != "/" && filepath.Ext(p) == "" {
			if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p)+".html")); err == nil {
				r.URL.Path = p + ".html"
			}
		}
		files.ServeHTTP(w, r)
	})))
	s := serveLoopback(t, mux)

	b := newBrowser(t)
	b.open(s.URL + "/eventlens/")
	// After the wasm starts, every link and resource keeps the prefix.
	outside := eval[[]string](b, `[...document.querySelectorAll("[href],[src]")]
		.map(e => e.getAttribute("href") || e.getAttribute("src"))
		.filter(u => u.startsWith("/") && !u.startsWith("/eventlens/"))`)
	if len(outside) > 0 {
		t.Errorf("links outside /eventlens/ after the app started: %v", outside)
	}
	b.waitCached(st.Version(), precacheCount(t, st))

	s.Stop()
	for _, p := range otherPaths() {
		b.open(s.URL + "/eventlens" + p)
	}
	b.open(s.URL + "/eventlens/")
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	b.compiledIn("worker") // web/wasmload.js is found under the sub-path
	b.inspect(signalrPayload)
	editLargeText(t, b) // and web/editor.js
	b.noConsoleErrorsOffline()
}

// waitReloaded runs act, which reloads the page, and waits until the old
// page is gone: a mark set on its window is no longer there. Evaluations
// fail while the page is replaced; those are retried.
func (b *browser) waitReloaded(act func()) {
	b.t.Helper()
	eval[bool](b, `window.eventlensOldPage = true`)
	act()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		gone, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.eventlensOldPage !== true`))
		cancel()
		if err == nil && gone {
			return
		}
		time.Sleep(50 * time.Millisecond) // poll interval, not a wait for the browser
	}
	b.t.Fatal("the page did not reload within 30 s")
}

func TestPWAUpdateShowsBannerAndKeepsDraft(t *testing.T) {
	s := startServer(t, "v1-"+t.Name())
	addr := strings.TrimPrefix(s.URL, "http://")
	b := newBrowser(t)
	b.open(s.URL + "/")
	b.waitCached("v1-"+t.Name(), precacheCount(t, s.Site))
	if eval[bool](b, `!document.querySelector("#update-banner").hidden`) {
		t.Fatalf("update banner shown with no update: %s", eval[string](b, `document.querySelector("#update-banner").outerHTML`))
	}
	b.inspect(signalrPayload)

	// Deploy another version on the same origin.
	s.Stop()
	v2 := "v2-" + t.Name()
	s2 := startServerOn(t, addr, v2)
	b.do(30*time.Second, chromedp.Reload())
	b.waitApp()
	if got := eval[string](b, `goappGetenv("GOAPP_VERSION")`); got != "v1-"+t.Name() {
		t.Errorf("before the update, the page runs %q", got)
	}
	b.do(60*time.Second, chromedp.WaitVisible(chromedp.CSS(`#update-banner`)))
	if got := eval[string](b, `document.querySelector("#update-banner").textContent`); !strings.Contains(got, "A new version is available") || !strings.Contains(got, "Reload") {
		t.Errorf("banner reads %q", got)
	}
	b.waitCached(v2, precacheCount(t, s2.Site))

	b.waitReloaded(func() { b.do(10*time.Second, chromedp.Click(chromedp.CSS(`#update-reload`))) })
	b.waitApp()
	if got := eval[string](b, `goappGetenv("GOAPP_VERSION")`); got != v2 {
		t.Errorf("after Reload, the page runs %q, want %q", got, v2)
	}
	if got := eval[string](b, `document.querySelector("#input").value`); got != signalrPayload {
		t.Errorf("draft after the update = %.60q, want the pasted payload", got)
	}
	if eval[bool](b, `!document.querySelector("#update-banner").hidden`) {
		t.Error("update banner still shown after the update")
	}
	// The server was down between the two versions: the browser's own
	// icon downloads may have failed then.
	b.noConsoleErrorsOffline()
}

// TestServerHeadersInBrowser checks, from the browser, that the page's
// resources arrive compressed and that the CSP header is in force.
func TestServerHeadersInBrowser(t *testing.T) {
	s := startServer(t, "")
	b := newBrowser(t)
	b.open(s.URL + "/")
	res := eval[map[string]string](b, `(async () => {
		const r = await fetch("/web/app.wasm", {cache: "no-store"});
		return {type: r.headers.get("content-type"), csp: r.headers.get("content-security-policy") || ""};
	})()`)
	if res["type"] != "application/wasm" || !strings.Contains(res["csp"], "'wasm-unsafe-eval'") {
		t.Errorf("app.wasm as the browser sees it: %v", res)
	}
	// An inline script is refused: the policy is in force.
	if eval[bool](b, `(() => {
		const el = document.createElement("script");
		el.textContent = "window.inlineRan = true";
		document.head.appendChild(el);
		return window.inlineRan === true;
	})()`) {
		t.Error("an inline script ran: the CSP is not in force")
	}
	// The refused script logs a CSP violation on purpose, which shows that
	// the other tests' empty consoles would have caught one; nothing else
	// may be logged.
	time.Sleep(500 * time.Millisecond)
	seen := false
	for _, e := range b.consoleErrors() {
		if strings.Contains(e, "Content Security Policy") {
			seen = true
		} else {
			t.Errorf("console error: %s", e)
		}
	}
	if !seen {
		t.Errorf("the CSP violation did not reach the console, so the tests could not see one:\n%s", b.consoleText())
	}
}
