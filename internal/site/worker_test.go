//go:build !wasm

package site

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

func TestWorkerPatchFindsItsAnchors(t *testing.T) {
	got, err := workerTemplate()
	if err != nil {
		t.Fatalf("go-app's worker template no longer takes the patch: %v", err)
	}
	checkPatched(t, got, workerPatches)
	for _, want := range []string{`cache: "no-cache"`, `event.waitUntil(`, `{{.Version}}`, `{{.ResourcesToCache}}`} {
		if !strings.Contains(got, want) {
			t.Errorf("patched template lacks %s", want)
		}
	}
	if strings.Contains(got, "cache.addAll(resourcesToCache)") {
		t.Error("patched template still fills the cache through the HTTP cache")
	}
}

func TestAppJSPatchFindsItsAnchors(t *testing.T) {
	s := testSite(t, "/")
	got := get(t, s, "GET", "/app.js").Body.String()
	checkPatched(t, got, appJSPatches)
	// go-app's own download stays, for the fallback only.
	if n := strings.Count(got, "fetchWithProgress("); n != 2 {
		t.Errorf("app.js names fetchWithProgress %d times, want 2 (its definition and the fallback's call)", n)
	}
	for _, want := range []string{`let instantiateStreaming = eventlensInstantiate;`, `eventlensWasmSource("/web/app.wasm", showProgress)`, `new URL("wasmload.js", wasmURL)`, `addEventListener("controllerchange", () => goappOnUpdate())`, "eventlensWatchControllerChange();\ngoappWatchForUpdate();", "goappInitWebAssembly().finally(goappInitServiceWorker);"} {
		if !strings.Contains(got, want) {
			t.Errorf("patched app.js lacks %s", want)
		}
	}
}

// checkPatched checks that every patch replaced its anchor in got.
func checkPatched(t *testing.T, got string, patches []scriptPatch) {
	t.Helper()
	for _, p := range patches {
		// A patch that adds before its anchor keeps it.
		if strings.Count(got, p.anchor) != strings.Count(p.with, p.anchor) {
			t.Errorf("patch %q: anchor still in the patched script", p.name)
		}
		if !strings.Contains(got, p.with) {
			t.Errorf("patch %q: replacement missing", p.name)
		}
	}
}

func TestPatchesFailLoudly(t *testing.T) {
	appJS := get(t, testSite(t, "/"), "GET", "/app.js").Body.Bytes()
	unpatched := string(appJS)
	for i := len(appJSPatches) - 1; i >= 0; i-- {
		unpatched = strings.Replace(unpatched, appJSPatches[i].with, appJSPatches[i].anchor, 1)
	}
	if again, err := patchAppJS([]byte(unpatched)); err != nil || string(again) != string(appJS) {
		t.Fatalf("the loader patch, applied again to app.js undone, gives another script (err %v)", err)
	}
	workerAnchor := workerPatches[1].anchor
	tests := []struct {
		name, where string
		patch       func() error
	}{
		{"worker: anchor gone", "internal/site/worker.go", func() error {
			_, err := patchWorker(strings.Replace(app.DefaultAppWorkerJS, workerAnchor, "async function installWorker() {}", 1))
			return err
		}},
		{"worker: anchor twice", "internal/site/worker.go", func() error {
			_, err := patchWorker(app.DefaultAppWorkerJS + "\n" + workerAnchor)
			return err
		}},
		{"worker: empty template", "internal/site/worker.go", func() error {
			_, err := patchWorker("")
			return err
		}},
		{"app.js: already patched", "internal/site/appjs.go", func() error {
			_, err := patchAppJS(appJS)
			return err
		}},
		{"app.js: empty", "internal/site/appjs.go", func() error {
			_, err := patchAppJS(nil)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.patch()
			if err == nil {
				t.Fatal("a patch accepted a script it does not fit")
			}
			if !strings.Contains(err.Error(), tt.where) {
				t.Errorf("error %q does not say what to update (%s)", err, tt.where)
			}
		})
	}
}
