//go:build !wasm

package site

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"eventlens/app/ui"
)

// goappResources are the files go-app's handler generates besides pages.
var goappResources = []string{"/app.js", "/app-worker.js", "/manifest.webmanifest", "/wasm_exec.js", "/app.css"}

// appHandler describes the app to go-app: names, colours, icons, styles,
// what the service worker precaches, and the version.
func appHandler(v string) *app.Handler {
	return &app.Handler{
		Name:            "eventlens",
		ShortName:       "eventlens",
		Title:           "eventlens — Event Grid & CloudEvents inspector",
		Description:     "Validate, convert and diff Azure SignalR Service events in Event Grid and CloudEvents form, in your browser.",
		Lang:            "en",
		BackgroundColor: "#0d1117",
		ThemeColor:      "#1f4e79",
		// go-app's app.js puts the share of app.wasm's bytes received
		// (against WasmContentLength) in place of {progress}.
		LoadingLabel: "Loading eventlens… {progress}%",
		Icon: app.Icon{
			Default:  "/web/icon-192.png",
			Large:    "/web/icon-512.png",
			Maskable: "/web/icon-maskable-512.png",
			SVG:      "/web/icon.svg",
		},
		Styles: []string{"/web/app.css"},
		// The editor's helper (ui.ChangeScript), inline: the policy allows
		// it by its hash, and it costs no request.
		RawHeaders: []string{"<script>" + ui.ChangeScript + "</script>"},
		// go-app does not precache the SVG icon, the worker that compiles
		// app.wasm (appjs.go), the code editor's script (loaded on first
		// use, app/ui/codetext.go), nor pages other than "/": every route is
		// listed so deep links work offline.
		CacheableResources: append([]string{"/web/icon.svg", "/web/wasmload.js", "/web/editor.js"}, ui.Paths...),
		Version:            v,
	}
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

// isPage reports whether p is one of the app's routes.
func isPage(p string) bool {
	for _, r := range ui.Paths {
		if p == r {
			return true
		}
	}
	return false
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
