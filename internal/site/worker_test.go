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
	for _, p := range workerPatches {
		if strings.Contains(got, p.anchor) {
			t.Errorf("patch %q: anchor still in the patched template", p.name)
		}
		if !strings.Contains(got, p.with) {
			t.Errorf("patch %q: replacement missing", p.name)
		}
	}
	for _, want := range []string{`cache: "no-cache"`, `event.waitUntil(`, `{{.Version}}`, `{{.ResourcesToCache}}`} {
		if !strings.Contains(got, want) {
			t.Errorf("patched template lacks %s", want)
		}
	}
	if strings.Contains(got, "cache.addAll(resourcesToCache)") {
		t.Error("patched template still fills the cache through the HTTP cache")
	}
}

func TestWorkerPatchFailsLoudly(t *testing.T) {
	anchor := workerPatches[1].anchor
	tests := map[string]string{
		"anchor gone":    strings.Replace(app.DefaultAppWorkerJS, anchor, "async function installWorker() {}", 1),
		"anchor twice":   app.DefaultAppWorkerJS + "\n" + anchor,
		"empty template": "",
	}
	for name, tmpl := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := patchWorker(tmpl)
			if err == nil {
				t.Fatal("patchWorker accepted a template its patch does not fit")
			}
			if !strings.Contains(err.Error(), "internal/site/worker.go") {
				t.Errorf("error %q does not say what to update", err)
			}
		})
	}
}
