// Package browsertest drives the real app in headless Chromium (chromedp)
// against the real site handler: start-up, the UI, offline use and updates
// of the installed app, the static export under a sub-path, responsiveness
// with large payloads, and the browser timings `make bench` records.
//
// Its tests carry the build tag browser: run them with `make browser`
// (go test -tags browser ./internal/browsertest), after `make wasm`, with
// CHROMIUM naming a Chromium binary (default /usr/bin/chromium).
package browsertest
