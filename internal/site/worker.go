//go:build !wasm

package site

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// scriptPatch replaces one exact piece of a script go-app generates: its
// service worker (workerPatches) or its app.js (appJSPatches).
type scriptPatch struct {
	name   string // what the patch does, for error messages
	anchor string // text that must occur exactly once in the script
	with   string // its replacement
}

// applyPatches applies every patch to script, go-app's file named what. It
// fails when an anchor is not found exactly once, which means go-app's
// script changed: the server and the export refuse to run rather than ship
// a script that silently misbehaves. where names the Go file that holds
// the patches, for the error.
func applyPatches(what, where, script string, patches []scriptPatch) (string, error) {
	for _, p := range patches {
		if n := strings.Count(script, p.anchor); n != 1 {
			return "", fmt.Errorf("%s patch %q found its anchor %d times in go-app's %s (want exactly 1): go-app's %s changed; update the patches in %s to match it", what, p.name, n, what, what, where)
		}
		script = strings.Replace(script, p.anchor, p.with, 1)
	}
	return script, nil
}

// workerPatches fix three things in go-app's default worker:
//   - the install fetches revalidate every file with the server (cache:
//     "no-cache"), so a host that sends Cache-Control: max-age cannot make a
//     new version install old bytes, while a file the page has just
//     downloaded (app.wasm on a first visit) costs a 304, not a second
//     download competing with the page's own;
//   - the install runs inside event.waitUntil, so "activated" means
//     "everything is cached", and a failed precache fails the install (the
//     version in use stays) instead of activating an empty cache;
//   - the app's root is precached with its trailing slash (go-app writes
//     "/name" under a sub-path, but the browser navigates to "/name/").
//
// The activate handler stays go-app's: it claims the page only after the
// worker is activated, which go-app's app.js relies on to tell a first
// install (no controller yet) from an update.
var workerPatches = []scriptPatch{
	{
		name: "install inside waitUntil",
		anchor: `self.addEventListener("install", async (event) => {
  try {
    console.log("installing app worker {{.Version}}");
    await installWorker();
    await self.skipWaiting();
  } catch (error) {
    console.error("error during installation:", error);
  }
});`,
		with: `self.addEventListener("install", (event) => {
  console.log("installing app worker {{.Version}}");
  event.waitUntil(
    installWorker()
      .then(() => self.skipWaiting())
      .catch((error) => {
        console.error("installing app worker {{.Version}} failed; the installed version stays in use:", error);
        throw error;
      })
  );
});`,
	},
	{
		name: "precache bypassing the HTTP cache",
		anchor: `async function installWorker() {
  const cache = await caches.open(cacheName);
  await cache.addAll(resourcesToCache);
}`,
		with: `async function installWorker() {
  const cache = await caches.open(cacheName);
  // cache: "no-cache" asks the server every time (never a stale copy from
  // the HTTP cache), and takes the HTTP cache's copy when the server
  // answers 304: on a first visit, the page's own app.wasm download.
  await cache.addAll(precacheURLs().map((u) => new Request(u, { cache: "no-cache" })));
}

// precacheURLs returns resourcesToCache as absolute URLs, the app's root with
// its trailing slash (the URL browsers navigate to), without duplicates
// (addAll rejects them).
function precacheURLs() {
  const scope = self.registration.scope;
  const urls = new Set();
  for (const u of resourcesToCache) {
    let abs = new URL(u, self.location).href;
    if (abs + "/" === scope) {
      abs = scope;
    }
    urls.add(abs);
  }
  return [...urls];
}`,
	},
}

// patchWorker applies workerPatches to go-app's worker template tmpl.
func patchWorker(tmpl string) (string, error) {
	return applyPatches("app-worker.js", "internal/site/worker.go", tmpl, workerPatches)
}

// workerTemplate is go-app's default service worker with workerPatches
// applied.
func workerTemplate() (string, error) {
	return patchWorker(app.DefaultAppWorkerJS)
}

// precacheRE finds the precache list in the generated worker.
var precacheRE = regexp.MustCompile(`(?m)^const resourcesToCache = (\[.*\]);$`)

// precacheList returns the URLs the service worker precaches.
func precacheList(worker []byte) ([]string, error) {
	m := precacheRE.FindSubmatch(worker)
	if m == nil {
		return nil, errors.New("app-worker.js has no `const resourcesToCache = [...]` line: go-app's worker template changed; update internal/site/worker.go")
	}
	var urls []string
	if err := json.Unmarshal(m[1], &urls); err != nil {
		return nil, fmt.Errorf("app-worker.js precache list is not a JSON array of strings (%v): update internal/site/worker.go for the new go-app template", err)
	}
	return urls, nil
}

// checkPrecache fails when the worker would precache a URL the site does
// not serve: one 404 and the browser caches nothing at all.
func (s *Site) checkPrecache() error {
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
			return fmt.Errorf("the service worker precaches %s, which the site does not have: put the file under web/ or drop it from appHandler's icons (internal/site/pages.go), styles and CacheableResources", u)
		}
	}
	return nil
}
