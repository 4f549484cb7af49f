# eventlens: `make run` serves the app, `make test` runs every check.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := run

GO          ?= go
ADDR        ?= 127.0.0.1:8080
CHROMIUM    ?= /usr/bin/chromium
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
WASM_EXEC    = $(shell $(GO) env GOROOT)/lib/wasm/go_js_wasm_exec
WASMENV     := GOOS=js GOARCH=wasm
# Engine packages: plain Go, tested natively and as wasm under Node.
ENGINE       = $(shell $(GO) list ./app/... | grep -v '/app/ui$$')
# make fuzz's budget per target. A count, not a duration: with a duration,
# Go 1.26's fuzz coordinator can report "context deadline exceeded" as a
# failure when the time runs out (go.dev/issue/75804, fixed in Go 1.27).
FUZZTIME    ?= 200000x

.PHONY: run build wasm server test lint unit fuzz wasmtest browser deps clean dist bench editor lighthouse

## run: build everything and serve the app on $(ADDR)
run: build
	@echo "eventlens: open http://$(ADDR)/"
	./eventlens serve -addr $(ADDR)

## build: the browser app (web/app.wasm) and the server/CLI binary (./eventlens), which embeds web/
build: wasm server

## wasm: web/app.wasm, then its data section packed into few segments (internal/wasmpack: 6 % smaller compressed)
wasm:
	$(WASMENV) $(GO) build -trimpath -ldflags='-s -w' -o web/app.wasm ./wasm
	$(GO) run ./internal/wasmpack web/app.wasm

## editor: rebuild web/editor.js, the code editor of large payloads (CodeMirror 6), from
## web/editor/ with npm; the bundle is committed, so no other target needs npm
editor:
	cd web/editor && npm ci --no-audit --no-fund && npm run build

# server embeds web/ (app.wasm included): it is built after wasm.
server: wasm
	$(GO) build -trimpath -o eventlens .

## dist: the app as a static site in dist/ (BASE=/name/ when it is served under a sub-path,
## e.g. BASE=/eventlens/ for https://user.github.io/eventlens/); see docs/DEPLOY.md
BASE ?= /
dist: build
	rm -rf dist
	./eventlens export -out dist -base '$(BASE)'

## test: the one test command; stops at the first failure
test: deps
	@start=$$(date +%s); t=$$start; \
	stage() { now=$$(date +%s); echo "== stage $$1 took $$((now - t))s"; t=$$now; }; \
	$(MAKE) --no-print-directory lint;     stage lint; \
	$(MAKE) --no-print-directory unit;     stage unit; \
	$(MAKE) --no-print-directory wasmtest; stage wasm; \
	$(MAKE) --no-print-directory browser;  stage browser; \
	echo "== make test passed in $$(( $$(date +%s) - start ))s"

## lint: gofmt, go vet and staticcheck, natively and for js/wasm
lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt: these files need formatting:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) vet -tags browser ./internal/browsertest
	$(WASMENV) $(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(STATICCHECK) -tags browser ./internal/browsertest
	@# staticcheck itself runs natively; it analyses the code for js/wasm.
	$(GO) run -exec 'env $(WASMENV)' $(STATICCHECK) ./...

## unit: every package's tests, natively (engine, CLI, server, components); fuzz
## targets replay their seeds and testdata/fuzz corpora here, with no exploration
unit:
	$(GO) test -count=1 ./...

## fuzz: explore with every fuzz target ($(FUZZTIME) executions each); not part of make test,
## which must give the same answer everywhere. A crasher is written to the package's
## testdata/fuzz/ and then replayed by make test: commit it with the fix.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$f"; \
	    $(GO) test -run='^$$' -fuzz="^$$f$$" -fuzztime=$(FUZZTIME) $$pkg; \
	  done; \
	done

## wasmtest: the engine packages' tests compiled to wasm and run under Node
wasmtest:
	$(WASMENV) $(GO) test -count=1 -exec="$(WASM_EXEC)" $(ENGINE)

## browser: chromedp tests (internal/browsertest) driving headless Chromium against the real server
browser: wasm
	CHROMIUM=$(CHROMIUM) $(GO) test -count=1 -tags browser -run . -v -timeout 20m ./internal/browsertest 2>&1 | grep -v '^=== \(RUN\|PAUSE\|CONT\)'

## bench: benchmarks natively and as wasm under Node (medians of BENCHCOUNT runs), app.wasm's size, and the
## browser figures (Lighthouse's among them); writes docs/PERFORMANCE.md with each budget's PASS/MISS.
## Not part of make test (~15 min).
BENCHCOUNT ?= 5
BENCHTIME  ?= 200ms
bench: deps lighthouse
	$(GO) run ./internal/benchreport -count $(BENCHCOUNT) -benchtime $(BENCHTIME) -chromium '$(CHROMIUM)' -out docs/PERFORMANCE.md

## lighthouse: install Lighthouse (pinned in internal/benchreport/lighthouse) for make bench's
## Lighthouse figures; where npm cannot, make bench goes on without them
lighthouse:
	@[ -d internal/benchreport/lighthouse/node_modules/lighthouse ] || \
	  (cd internal/benchreport/lighthouse && npm ci --no-audit --no-fund) || \
	  echo "make bench: Lighthouse could not be installed; its figures are left out"

## deps: install Chromium and Node.js from Debian when missing (root + apt), else say what to install
deps:
	@missing=""; \
	[ -x "$(CHROMIUM)" ] || missing="$$missing chromium"; \
	command -v node >/dev/null || missing="$$missing nodejs"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq; \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "make test needs:$$missing (Debian: sudo apt-get install$$missing)."; \
	    echo "Install them, or set CHROMIUM= to a Chromium binary, then run make test again."; \
	    exit 1; \
	  fi; \
	fi
	@echo "using $$($(CHROMIUM) --version) and Node.js $$(node --version)"

clean:
	rm -rf eventlens web/app.wasm dist
